"""Start-up of the program: the login dialog first, the database opened behind it, and what
happens when the database file is damaged (the latest good backup is offered) or unusable."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from mutualaid_desktop import app as app_module
from mutualaid_desktop.services.admin.maintenance import backup_now
from mutualaid_desktop.services.admin.users import authenticate, create_first_admin
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.store.serials import next_receipt_serial
from mutualaid_desktop.ui.shell.login_dialog import MODE_FIRST_RUN, MODE_LOGIN, LoginDialog


@pytest.fixture
def answers(monkeypatch):
    """Every QMessageBox.exec() answers with the next button queued here and records the box."""
    queue: list[QMessageBox.StandardButton] = []
    seen: list[dict] = []

    def fake_exec(box):
        seen.append(
            {
                "title": box.windowTitle(),
                "text": box.text(),
                "info": box.informativeText(),
                "buttons": sorted(b.text() for b in box.buttons()),
            }
        )
        return queue.pop(0) if queue else QMessageBox.StandardButton.Close

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return queue, seen


@pytest.fixture
def damaged_with_backup(db_location):
    """A counter database with its administrator, backed up, then damaged."""
    db = open_counter_database(str(db_location))
    create_first_admin(db, "admin", "王芳", "secret123")
    backup = backup_now(db)
    with db.session() as session:  # a receipt number handed out after the backup
        next_receipt_serial(session, 2026)
        session.commit()
    db.dispose()
    data = bytearray(db_location.read_bytes())
    data[:100] = b"\x00garbage" * 12 + b"\x00" * 4
    db_location.write_bytes(bytes(data))
    return backup


@pytest.fixture
def startup(qtbot, worker, db_location):
    dialog = LoginDialog(None, worker=worker, location=str(db_location))
    qtbot.addWidget(dialog)
    start = app_module.Startup(dialog, worker, str(db_location))
    yield start
    if start.db is not None:
        start.db.dispose()


@pytest.fixture
def restore_app_names():
    yield
    QCoreApplication.setOrganizationName("mutualaid-test")
    QCoreApplication.setApplicationName("mutualaid-desktop-test")


def test_the_database_opens_behind_the_login_dialog(qtbot, startup, database):
    dialog = startup.dialog
    dialog.show()
    startup.start()
    qtbot.waitUntil(lambda: dialog.mode == MODE_FIRST_RUN, timeout=10_000)
    assert startup.exit_code is None and startup.db is not None


def test_a_damaged_database_offers_the_latest_backup_and_restores_it(
    qtbot, startup, answers, damaged_with_backup, db_location
):
    queue, seen = answers
    queue.append(QMessageBox.StandardButton.Yes)
    dialog = startup.dialog
    dialog.show()
    startup.start()
    qtbot.waitUntil(lambda: dialog.mode == MODE_LOGIN, timeout=20_000)

    assert len(seen) == 2
    box = seen[0]
    assert box["title"] == "数据库文件已损坏"
    assert "数据库文件已损坏" in box["text"]
    stamp = re.search(r"-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})\d{2}-", damaged_with_backup.name)
    moment = f"{stamp[1]}-{stamp[2]}-{stamp[3]} {stamp[4]}:{stamp[5]}"
    assert f"最近一次完好的备份：{moment}\n备份文件：{damaged_with_backup.name}" in box["info"]
    assert str(db_location) in box["info"]
    assert box["buttons"] == sorted(["恢复最近的备份", "退出"])

    # after the restore: where the damaged file's copy is, and the number to enter again
    done = seen[1]
    copy = startup.report.pre_restore
    assert done["title"] == "数据库已恢复" and "知道了" in done["buttons"]
    assert copy is not None and copy.name.endswith("-pre-restore-damaged.sqlite3") and copy.is_file()
    assert f"损坏的数据库文件已原样复制保存在：\n{copy}" in done["info"]
    assert "• 缴费收据 1 个：SJ2026-000001" in done["info"] and "重新录入" in done["info"]
    assert "Traceback" not in done["info"]

    # the backup is back in place: the administrator can log in
    assert startup.exit_code is None
    assert authenticate(startup.db, "admin", "secret123").display_name == "王芳"
    assert db_location.read_bytes().startswith(b"SQLite format 3\x00")


def test_a_damaged_database_and_quit(qtbot, startup, answers, damaged_with_backup):
    queue, seen = answers
    queue.append(QMessageBox.StandardButton.Close)
    dialog = startup.dialog
    dialog.show()
    with qtbot.waitSignal(dialog.rejected, timeout=20_000):
        startup.start()
    assert startup.exit_code == 1 and startup.db is None
    assert len(seen) == 1 and "要恢复这份备份吗" in seen[0]["info"]


def test_main_exits_1_when_the_user_will_not_restore(answers, damaged_with_backup, db_location, restore_app_names):
    queue, seen = answers
    queue.append(QMessageBox.StandardButton.Close)
    assert app_module.main(["--db", str(db_location), "--lang", "zh"]) == 1
    assert seen and seen[0]["title"] == "数据库文件已损坏"


def test_a_damaged_database_without_backup_can_only_quit(answers, db_location, restore_app_names):
    db_location.parent.mkdir(parents=True)
    db_location.write_bytes(b"not a database" * 200)
    _queue, seen = answers
    assert app_module.main(["--db", str(db_location)]) == 1
    assert len(seen) == 1
    assert seen[0]["buttons"] == ["退出"]
    assert "没有找到完好的备份" in seen[0]["info"]


def test_an_unusable_location_is_told_and_ends_the_program(answers, tmp_path, restore_app_names):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    _queue, seen = answers
    assert app_module.main(["--db", str(blocker / "mutualaid.sqlite3")]) == 1
    assert len(seen) == 1
    assert seen[0]["title"] == "无法打开数据库"
    assert "无法打开数据库文件" in seen[0]["info"]
    assert "Traceback" not in seen[0]["info"]


def test_main_logs_in_with_the_keyboard_and_quits(qtbot, database, admin, db_location, restore_app_names):
    """The whole program in this process: the login dialog, typed into; the main window; Ctrl+Q."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from mutualaid_desktop.ui.shell.main_window import MainWindow
    from tests.gui.helpers import press, type_into_focus

    database.dispose()
    seen: dict = {}

    def drive():
        dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog) and w.isVisible()), None)
        window = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)
        if window is not None:
            if window.is_page_built("home") and window.home_page.figures is not None:
                seen["user"] = window.user_label.text()
                seen["members"] = window.home_page.cards["members"].value()
                window.quit_action.trigger()
                return
        elif dialog is not None and dialog.mode == MODE_LOGIN and "typed" not in seen:
            seen["typed"] = True
            type_into_focus(qtbot, dialog, "admin")
            press(qtbot, dialog, Qt.Key.Key_Return)
            type_into_focus(qtbot, dialog, "secret123")
            press(qtbot, dialog, Qt.Key.Key_Return)
        QTimer.singleShot(20, drive)

    QTimer.singleShot(20, drive)
    assert app_module.main(["--db", str(db_location)]) == 0
    assert seen == {"typed": True, "user": "当前用户：王芳（管理员）", "members": "0"}
