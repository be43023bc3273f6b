"""The main window: navigation, menus, status bar, backup, the background integrity check."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.ui.shell.home_page import HomePage
from mutualaid_desktop.ui.shell.main_window import MainWindow, shorten_middle


@pytest.fixture
def make_window(qtbot, database, admin):
    windows = []

    def make(db=database, *, show: bool = True, **kwargs) -> MainWindow:
        kwargs.setdefault("run_check", False)
        window = MainWindow(db, admin, **kwargs)
        qtbot.addWidget(window)
        windows.append(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
        return window

    yield make
    for window in windows:
        window.shutdown()


@pytest.fixture
def message_boxes(monkeypatch):
    """QMessageBox's static functions answer at once and record what they were asked."""
    shown: list[tuple[str, str, str]] = []

    def record(kind):
        def box(parent, title, text, *args, **kwargs):
            shown.append((kind, title, text))
            return QMessageBox.StandardButton.Ok

        return staticmethod(box)

    for kind in ("information", "warning", "critical", "about"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    return shown


def test_only_the_built_screens_are_listed(make_window):
    window = make_window()
    assert window.page_titles() == [
        "首页",
        "会员",
        "参保",
        "理赔受理",
        "理赔审核",
        "给付",
        "票据",
        "续保",
        "统计",
        "设置",
    ]
    assert window.stack.count() == 10
    assert window.current_page_key() == "home"


@pytest.mark.parametrize(
    "key, class_name",
    [
        ("members", "MembersPage"),
        ("enrollment", "EnrollmentPage"),
        ("intake", "ClaimIntakePage"),
        ("review", "ClaimReviewPage"),
        ("payout", "PayoutPage"),
        ("receipts", "ReceiptsPage"),
        ("renewal", "RenewalSeasonPage"),
        ("statistics", "StatisticsPage"),
        ("settings", "SettingsPage"),
    ],
)
def test_each_screen_is_built_when_chosen_with_the_keyboard(qtbot, make_window, key, class_name):
    window = make_window()
    keys = [
        "home",
        "members",
        "enrollment",
        "intake",
        "review",
        "payout",
        "receipts",
        "renewal",
        "statistics",
        "settings",
    ]
    row = keys.index(key)
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.waitUntil(lambda: window.is_page_built("home"), timeout=5_000)  # after the first paint
    with qtbot.waitSignal(window.pageBuilt, timeout=5_000) as blocker:
        key_n = Qt.Key(Qt.Key.Key_0.value + (row + 1) % 10)  # Ctrl+1 ... Ctrl+9, Ctrl+0
        qtbot.keyClick(window, key_n, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [key]
    assert type(window.stack.currentWidget()).__name__ == class_name


def test_the_home_page_is_built_once_the_window_is_up(qtbot, make_window):
    window = make_window(show=False)
    assert not window.is_page_built("home")
    with qtbot.waitSignal(window.pageBuilt, timeout=5_000) as blocker:
        window.show()
    assert blocker.args == ["home"]
    assert isinstance(window.stack.currentWidget(), HomePage)
    qtbot.waitUntil(lambda: window.home_page.figures is not None, timeout=10_000)


def test_menus(make_window):
    window = make_window()
    menus = {
        m.title(): [a.text() for a in m.actions() if not a.isSeparator()]
        for m in (a.menu() for a in window.menuBar().actions())
    }
    assert menus == {
        "文件(&F)": ["立即备份(&B)", "注销/切换用户(&L)", "退出(&X)"],
        "转到(&V)": window.page_titles(),
        "帮助(&H)": ["关于(&A)"],
    }


def test_the_status_bar_shows_the_user_and_the_database(make_window, db_location):
    window = make_window()
    assert window.user_label.text() == "当前用户：王芳（管理员）"
    assert window.database_label.text().startswith("数据库：")
    assert window.database_label.toolTip() == str(db_location.resolve())
    assert db_location.name in window.database_label.text()


def test_a_long_database_path_is_shortened_in_the_middle():
    path = "/home/counter/" + "very-long-folder-name/" * 6 + "mutualaid.sqlite3"
    short = shorten_middle(path, 64)
    assert len(short) == 64 and "…" in short
    assert short.startswith("/home/counter/") and short.endswith("mutualaid.sqlite3")
    assert shorten_middle("/a/b.sqlite3", 64) == "/a/b.sqlite3"


def test_backup_now_writes_a_backup_and_says_where(qtbot, make_window, database, message_boxes):
    window = make_window()
    with qtbot.waitSignal(window.backupFinished, timeout=10_000) as blocker:
        window.backup_action.trigger()
    path = Path(blocker.args[0])
    assert path.is_file() and path.parent == database.backup_dir
    assert path.read_bytes().startswith(b"SQLite format 3\x00")
    assert message_boxes == [("information", "备份完成", message_boxes[0][2])]
    assert str(path) in message_boxes[0][2]
    assert window.backup_action.isEnabled()


def test_ctrl_b_backs_up(qtbot, make_window, message_boxes):
    window = make_window()
    qtbot.waitUntil(lambda: window.backup_action.shortcut().toString() == "Ctrl+B")
    window.activateWindow()
    qtbot.waitActive(window)
    with qtbot.waitSignal(window.backupFinished, timeout=10_000):
        qtbot.keyClick(window.navigation, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert message_boxes and message_boxes[0][0] == "information"


def test_a_failed_backup_is_told_in_words(qtbot, make_window, monkeypatch, message_boxes):
    import mutualaid_desktop.services.admin.maintenance as maintenance

    def refuse(db):
        raise ServiceError("这是服务器数据库，请在数据库服务器上备份（本程序只备份本机数据库文件）。")

    monkeypatch.setattr(maintenance, "backup_now", refuse)
    window = make_window()
    window.backup_action.trigger()
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=10_000)
    assert message_boxes == [
        ("warning", "备份没有完成", "这是服务器数据库，请在数据库服务器上备份（本程序只备份本机数据库文件）。")
    ]
    assert window.backup_action.isEnabled()


def test_about(make_window, message_boxes):
    window = make_window()
    window.about_action.trigger()
    assert message_boxes[0][0] == "about" and message_boxes[0][1] == "关于互助保障柜台"
    assert "互助保障柜台" in message_boxes[0][2] and "Apache-2.0" in message_boxes[0][2]


def test_quit_closes_the_window(qtbot, make_window):
    window = make_window()
    window.quit_action.trigger()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert not window.backup_action.isEnabled()


def test_the_integrity_check_runs_in_the_background_after_the_figures(qtbot, make_window):
    window = make_window(show=False, run_check=True)
    with qtbot.waitSignal(window.integrityChecked, timeout=20_000) as blocker:
        window.show()
    assert blocker.args == [[]]
    assert window.check_button is None or not window.check_button.isVisible()
    assert window.problem_box is None


def test_problems_found_are_shown_without_blocking(qtbot, make_window, monkeypatch):
    import mutualaid_desktop.services.session as session

    monkeypatch.setattr(session, "run_full_check", lambda db: ["审计日志第 3 条被改动过", "外键错误：claims 第 7 行"])
    window = make_window(show=False, run_check=True)
    with qtbot.waitSignal(window.integrityChecked, timeout=20_000):
        window.show()
    assert window.check_button.isVisible()
    assert window.check_button.text() == "⚠ 数据检查发现 2 个问题"
    box = window.problem_box
    assert box is not None and box.isVisible() and not box.isModal()
    assert "审计日志第 3 条被改动过" in box.informativeText()
    # the counter goes on: the window still takes input
    assert window.isEnabled() and QApplication.activeModalWidget() is None
    box.close()
    window.check_button.click()
    assert box.isVisible()
    box.close()


def test_a_window_built_before_its_database(qtbot, make_window, database):
    window = make_window(None, location="/counter/mutualaid.sqlite3")
    assert not window.backup_action.isEnabled()
    assert "/counter/mutualaid.sqlite3" in window.database_label.text()
    home = window.home_page
    assert home.cards["members"].value() == "…"
    with qtbot.waitSignal(home.figuresLoaded, timeout=10_000):
        window.set_database(database)
    assert window.backup_action.isEnabled()
    assert home.cards["members"].value() == "0"


def test_the_title_carries_the_org_name(qtbot, make_window, database):
    from mutualaid_desktop.services.admin.counter_setup import set_org_name

    set_org_name(database, "丹凤县总工会")
    window = make_window(show=False)
    window.show()
    qtbot.waitUntil(lambda: window.is_page_built("home") and window.home_page.figures is not None, timeout=10_000)
    assert window.windowTitle() == "丹凤县总工会"  # Qt adds " — 互助保障柜台"
    assert window.home_page.org_label.text() == "丹凤县总工会"


def test_closing_does_not_wait_minutes_for_the_integrity_check(qtbot, make_window, monkeypatch):
    import threading
    import time

    import mutualaid_desktop.services.session as session
    from mutualaid_desktop.ui.shell.background import abandoned_threads_running

    release = threading.Event()
    started = threading.Event()

    def endless_check(db):
        started.set()
        release.wait(30)
        return []

    monkeypatch.setattr(session, "run_full_check", endless_check)
    window = make_window(show=False, run_check=True)
    window.show()
    qtbot.waitUntil(started.is_set, timeout=10_000)
    began = time.perf_counter()
    window.close()
    assert time.perf_counter() - began < 5
    assert window.check_abandoned and abandoned_threads_running()
    release.set()
    qtbot.waitUntil(lambda: not abandoned_threads_running(), timeout=5_000)


def _window_up(qtbot, make_window) -> MainWindow:
    window = make_window()
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.waitUntil(lambda: window.is_page_built("home"), timeout=5_000)  # after the first paint
    assert window.focusWidget() is window.navigation
    return window


def test_the_arrow_keys_browse_every_screen_without_the_focus_leaving_the_list(qtbot, make_window):
    """Seen under Xvfb: Down, Down stopped on 参保 because the screen took the focus for the card
    reader as soon as it was shown; the third Down went into the ID field."""
    window = _window_up(qtbot, make_window)
    for row in range(1, window.navigation.count()):
        qtbot.keyClick(window.navigation, Qt.Key.Key_Down)
        qtbot.waitUntil(lambda row=row: window.is_page_built(window.current_page_key()), timeout=5_000)
        assert window.navigation.currentRow() == row
        assert window.focusWidget() is window.navigation, window.current_page_key()


@pytest.mark.parametrize("how", ["enter", "shortcut", "click"])
def test_entering_a_screen_puts_the_focus_in_its_first_field(qtbot, make_window, how):
    window = _window_up(qtbot, make_window)
    row = window.page_titles().index("参保")
    if how == "enter":
        window.navigation.setCurrentRow(row)
        qtbot.keyClick(window.navigation, Qt.Key.Key_Return)
    elif how == "shortcut":
        qtbot.keyClick(window.navigation, Qt.Key(Qt.Key.Key_1.value + row), Qt.KeyboardModifier.ControlModifier)
    else:
        rect = window.navigation.visualItemRect(window.navigation.item(row))
        qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    page = window.page("enrollment")
    qtbot.waitUntil(lambda: window.focusWidget() is page.id_edit, timeout=3_000)  # ready for the card reader


def test_entering_a_screen_without_an_id_field_puts_the_focus_in_it(qtbot, make_window):
    window = _window_up(qtbot, make_window)
    row = window.page_titles().index("票据")
    window.navigation.setCurrentRow(row)
    qtbot.keyClick(window.navigation, Qt.Key.Key_Return)
    page = window.page("receipts")
    qtbot.waitUntil(lambda: page.isAncestorOf(window.focusWidget()), timeout=3_000)


def test_the_go_menu_lists_every_screen_with_its_shortcut(qtbot, make_window):
    window = _window_up(qtbot, make_window)
    actions = [a for a in window.go_menu.actions() if not a.isSeparator()]
    assert [a.text() for a in actions] == window.page_titles()
    assert [a.shortcut().toString() for a in actions] == [f"Ctrl+{n}" for n in (*range(1, 10), 0)]
    assert window.go_menu.title() == "转到(&V)"
    actions[window.page_titles().index("票据")].trigger()
    assert window.current_page_key() == "receipts"
    qtbot.keyClick(window.navigation, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # one action: no ambiguity
    assert window.current_page_key() == "members"


def _renewal_window(qtbot, database, city):
    from tests.integration.services.renewal_unit_data import TODAY, UNIT

    window = MainWindow(database, city.admin, run_check=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("renewal")
    page = window.page("renewal").unit_renewal_page
    page._today = lambda: TODAY
    with qtbot.waitSignal(page.choicesLoaded, timeout=5000):
        page.reload_choices()
    with qtbot.waitSignal(page.draftLoaded, timeout=5000):
        page.choose(UNIT)
    return window, page


def test_leaving_with_an_unconfirmed_renewal_draft_warns(qtbot, database, monkeypatch):
    from mutualaid_desktop.ui.shell.session_switch import work_in_progress
    from tests.integration.services.renewal_unit_data import make_renewal_city

    city = make_renewal_city(database)
    window, page = _renewal_window(qtbot, database, city)
    try:
        assert not window.page("renewal").has_unsaved_work()  # as read: nothing to lose
        page.model.set_keep(page.model.member_row(max(city.kept.values())), False)
        assert window.page("renewal").has_unsaved_work() and work_in_progress(window)  # 注销/切换用户 asks too
        asked = []
        answer = QMessageBox.StandardButton.No
        monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: asked.append(a[2]) or answer))
        window.close()
        assert window.isVisible() and len(asked) == 1  # the clerk went back to the draft
        assert "单位续保" in asked[0] and "商州区第一中学工会" in asked[0]
        answer = QMessageBox.StandardButton.Yes
        window.close()
        assert not window.isVisible() and len(asked) == 2
    finally:
        window.shutdown()


def test_leaving_with_the_draft_as_read_does_not_ask(qtbot, database, monkeypatch):
    from tests.integration.services.renewal_unit_data import make_renewal_city

    city = make_renewal_city(database)
    window, _page = _renewal_window(qtbot, database, city)
    try:
        asked = []
        monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: asked.append(a) or None))
        window.close()
        assert not window.isVisible() and asked == []
    finally:
        window.shutdown()


def test_the_counters_writes_go_on_while_the_integrity_check_runs(qtbot, make_window, monkeypatch, message_boxes):
    """The check is the task runner's long work: a backup (an operation) is done meanwhile."""
    import threading

    import mutualaid_desktop.services.session as session

    release, started = threading.Event(), threading.Event()

    def slow_check(db):
        started.set()
        release.wait(30)
        return []

    monkeypatch.setattr(session, "run_full_check", slow_check)
    window = make_window(show=False, run_check=True)
    window.show()
    qtbot.waitUntil(started.is_set, timeout=10_000)
    assert window.integrity_check_running() and window.worker.long_work_running()
    with qtbot.waitSignal(window.backupFinished, timeout=10_000):
        window.backup_action.trigger()
    assert window.integrity_check_running()  # still reading
    with qtbot.waitSignal(window.integrityChecked, timeout=10_000):
        release.set()
    assert not window.integrity_check_running() and not window.worker.long_work_running()


def test_the_window_made_alone_owns_one_task_runner_for_every_screen(qtbot, make_window):
    from mutualaid_desktop.ui.shell.task_runner import TaskRunner

    window = make_window()
    assert isinstance(window.worker, TaskRunner)
    for key in ("home", "members", "enrollment"):
        assert window.page(key)._worker is window.worker
