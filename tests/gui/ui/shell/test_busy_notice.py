"""The main window while another process holds the database's write lock (ui/shell/busy_notice.py): the
write waits on the worker thread, the status bar says so with the busy cursor, and it goes on (or
is refused with a clear message) — the other process is real (tests/lock_holder.py)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from mutualaid_desktop.services.admin.counter_setup import set_org_name
from mutualaid_desktop.store.database import DatabaseBusy
from mutualaid_desktop.ui.shell.background import user_message
from mutualaid_desktop.ui.shell.busy_notice import BusyNotice
from mutualaid_desktop.ui.shell.main_window import MainWindow
from tests.lock_holder import LockHolder

WAITING = "数据库正被另一个柜台或程序使用，正在等待……"


@pytest.fixture
def window(qtbot, database, admin):
    win = MainWindow(database, admin, run_check=False)
    qtbot.addWidget(win)
    win.resize(1100, 700)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.shutdown()


def org_name(database) -> str | None:
    from mutualaid_desktop.services.admin.counter_setup import get_counter_info

    return get_counter_info(database).org_name


def test_a_waiting_write_is_shown_in_the_status_bar_until_the_other_counter_lets_go(qtbot, window, database, tmp_path):
    notice = window.findChild(BusyNotice)
    assert notice is not None and not notice.shown
    results: list = []
    with LockHolder(database.path) as holder:
        window.worker.submit(set_org_name, database, "商洛市总工会", on_result=results.append, on_error=results.append)
        qtbot.waitUntil(lambda: notice.shown, timeout=20000)
        assert notice.label.text() == WAITING and notice.label.isVisible()
        assert QApplication.overrideCursor() is not None  # the busy cursor, with the text beside
        window.grab().save(str(tmp_path / "busy.png"))
        assert results == []  # still waiting
        holder.release()
        qtbot.waitUntil(lambda: len(results) == 1, timeout=20000)
    assert results == [None] and org_name(database) == "商洛市总工会"
    qtbot.waitUntil(lambda: not notice.shown, timeout=5000)
    assert QApplication.overrideCursor() is None


def test_a_write_that_waits_too_long_is_refused_with_a_clear_message(qtbot, window, database):
    notice = window.findChild(BusyNotice)
    database.busy.total_seconds = 2
    errors: list = []
    with LockHolder(database.path):
        window.worker.submit(set_org_name, database, "商洛市总工会", on_error=errors.append)
        qtbot.waitUntil(lambda: len(errors) == 1, timeout=20000)
    assert isinstance(errors[0], DatabaseBusy)
    text = user_message(errors[0], "意外错误")
    assert "另一个柜台" in text and "再试" in text and "Traceback" not in text
    qtbot.waitUntil(lambda: not notice.shown, timeout=5000)
    assert QApplication.overrideCursor() is None
    assert org_name(database) != "商洛市总工会"


def test_a_database_opened_after_the_window_is_watched_too(qtbot, database, admin):
    win = MainWindow(None, admin, run_check=False)
    qtbot.addWidget(win)
    assert win.findChild(BusyNotice) is None
    win.set_database(database)
    notice = win.findChild(BusyNotice)
    assert notice is not None and database.busy.on_wait == notice.waiting.emit
    win.shutdown()
