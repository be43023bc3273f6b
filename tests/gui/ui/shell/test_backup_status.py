"""The status bar's warning that the last backup failed: it stays until a good backup exists."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from mutualaid_desktop.store.backup import record_problem, take_backup
from mutualaid_desktop.ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, database, admin, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok))

    def make() -> MainWindow:
        w = MainWindow(database, admin, run_check=False)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        return w

    yield make


def test_a_failed_backup_is_shown_until_a_good_backup_exists(qtbot, window, database):
    record_problem(database.path, "备份没有完成：/media/backup 所在的磁盘已满（只剩 0.1 MB）。")
    w = window()
    status = w.backup_status
    assert status.button.isVisible() and status.button.text() == "⚠ 备份没有成功"
    assert "磁盘已满" in status.button.toolTip()

    status.button.click()
    box = next(b for b in QApplication.topLevelWidgets() if b.objectName() == "backupProblemBox")
    assert box.isVisible() and "磁盘已满" in box.informativeText() and "立即备份" in box.informativeText()
    box.close()

    qtbot.wait(50)
    assert status.button.isVisible()  # it stays: nothing has been put right yet
    with qtbot.waitSignal(w.backupFinished, timeout=10_000):
        w.backup_action.trigger()
    assert not status.button.isVisible()


def test_a_good_backup_taken_elsewhere_clears_it_at_the_next_look(window, database):
    record_problem(database.path, "备份没有完成。")
    w = window()
    assert w.backup_status.button.isVisible()
    take_backup(database.path, database.backup_dir, reason="manual")  # e.g. mutualaid backup, another window
    w.backup_status.refresh()  # what the once-a-minute timer does
    assert not w.backup_status.button.isVisible()


def test_a_failed_backup_from_the_menu_turns_it_on(qtbot, window, database):
    w = window()
    assert not w.backup_status.button.isVisible()
    shutil.rmtree(database.backup_dir, ignore_errors=True)
    database.backup_dir.write_text("a file where the backup folder should be")
    w.backup_action.trigger()
    qtbot.waitUntil(lambda: w.backup_action.isEnabled(), timeout=10_000)
    assert w.backup_status.button.isVisible()
    assert str(database.backup_dir) in w.backup_status.button.toolTip()
