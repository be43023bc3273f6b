"""The task runner: operations and queries in order off the GUI thread, long work on its own lane."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.ui.shell import task_runner
from mutualaid_desktop.ui.shell.background import abandoned_threads_running
from mutualaid_desktop.ui.shell.task_runner import TaskRunner


@pytest.fixture
def runner():
    r = TaskRunner("test-tasks")
    yield r
    r.shutdown()


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(task_runner.QMessageBox, "warning", lambda parent, title, text: shown.append((title, text)))
    return shown


def test_an_operation_runs_off_the_gui_thread_and_answers_on_it(qtbot, runner):
    parent = QObject()
    ran, answered = [], []
    runner.operation(
        lambda: ran.append(threading.current_thread()) or 42,
        parent=parent,
        success=lambda result: answered.append((result, QThread.currentThread())),
    )
    qtbot.waitUntil(lambda: bool(answered))
    assert ran[0] is not threading.main_thread()
    assert answered[0] == (42, QApplication.instance().thread())


def test_operations_and_queries_run_in_the_order_asked(qtbot, runner):
    parent, seen = QObject(), []
    for n in range(3):
        runner.operation(lambda n=n: seen.append(("write", n)), parent=parent)
        runner.query(lambda n=n: seen.append(("read", n)) or n, parent=parent, success=lambda _r: None)
    qtbot.waitUntil(lambda: not runner.is_busy())
    assert seen == [("write", 0), ("read", 0), ("write", 1), ("read", 1), ("write", 2), ("read", 2)]


def test_a_failed_operation_is_shown_with_the_services_message(qtbot, runner, warnings):
    parent = QWidget()

    def refuse():
        raise ServiceError("该单位已存在，请勿重复添加。")

    runner.operation(refuse, parent=parent, success=lambda _r: pytest.fail("no success"))
    qtbot.waitUntil(lambda: bool(warnings))
    assert warnings[0][1] == "该单位已存在，请勿重复添加。"


def test_an_unexpected_failure_is_shown_with_the_callers_text_never_a_traceback(qtbot, runner, warnings):
    parent = QWidget()
    runner.query(lambda: {}["missing"], parent=parent, success=lambda _r: None, failure_text="单位列表没有读出。")
    qtbot.waitUntil(lambda: bool(warnings))
    assert warnings[0][1] == "单位列表没有读出。"
    assert "Traceback" not in warnings[0][1] and "KeyError" not in warnings[0][1]


def test_a_given_failure_callback_replaces_the_message_box(qtbot, runner, warnings):
    errors = []
    runner.operation(lambda: 1 / 0, parent=QObject(), failure=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ZeroDivisionError) and warnings == []


def test_nothing_is_called_back_once_the_parent_is_gone(qtbot, runner):
    release, answers = threading.Event(), []
    parent = QObject()
    runner.operation(lambda: release.wait(5), parent=parent, success=answers.append)
    runner.operation(lambda: "after", parent=QObject(runner), success=answers.append)
    parent.deleteLater()
    qtbot.waitUntil(lambda: not _valid(parent))
    release.set()
    qtbot.waitUntil(lambda: answers == ["after"])


def test_long_work_does_not_hold_up_the_counters_writes(qtbot, runner):
    parent = QObject()
    release, threads, done = threading.Event(), {}, []

    def long(_work):
        threads["long"] = threading.current_thread()
        release.wait(5)
        return "checked"

    runner.long_work(long, parent=parent, success=done.append)
    qtbot.waitUntil(lambda: "long" in threads)
    assert runner.long_work_running()
    runner.operation(
        lambda: threads.setdefault("write", threading.current_thread()) and "saved", parent=parent, success=done.append
    )
    qtbot.waitUntil(lambda: done == ["saved"])  # while the long work still runs
    release.set()
    qtbot.waitUntil(lambda: done == ["saved", "checked"])
    assert threads["long"] is not threads["write"]
    assert threading.main_thread() not in threads.values()
    assert not runner.long_work_running()


def test_long_work_reports_progress_and_stops_when_cancelled(qtbot, runner):
    parent, results = QObject(), []
    progress = []
    started, go_on = threading.Event(), threading.Event()

    def batch(work):
        for unit in range(1, 1001):
            if work.cancelled():
                return unit - 1
            work.report(unit, 1000)
            if unit == 3:
                started.set()
                go_on.wait(5)
        return 1000

    handle = runner.long_work(
        batch, parent=parent, success=results.append, on_progress=lambda done, total: progress.append((done, total))
    )
    assert started.wait(5)
    handle.cancel()
    go_on.set()
    qtbot.waitUntil(lambda: bool(results))
    assert results == [3]
    assert progress[:3] == [(1, 1000), (2, 1000), (3, 1000)]


def test_the_progress_dialogs_cancel_button_cancels_the_work(qtbot, runner):
    parent, results = QWidget(), []
    started = threading.Event()

    def work(handle):
        started.set()
        while not handle.cancelled():
            handle.report(1, 10)
            threading.Event().wait(0.01)
        return "stopped"

    runner.long_work(work, parent=parent, success=results.append, progress_label="正在生成…")
    assert started.wait(5)
    dialogs = parent.findChildren(task_runner.QProgressDialog)
    assert len(dialogs) == 1
    dialogs[0].findChild(QPushButton).click()  # 取消
    qtbot.waitUntil(lambda: results == ["stopped"])


def test_abandoned_long_work_leaves_the_runner_working(qtbot, runner):
    parent, release, answers = QObject(), threading.Event(), []
    started = threading.Event()
    runner.long_work(lambda _w: (started.set(), release.wait(10)), parent=parent, success=answers.append)
    assert started.wait(5)
    assert runner.abandon_long_work(50) is False
    assert abandoned_threads_running()
    runner.long_work(lambda _w: "new lane", parent=parent, success=answers.append)
    runner.operation(lambda: "write", parent=parent, success=answers.append)
    qtbot.waitUntil(lambda: sorted(answers) == ["new lane", "write"])
    release.set()
    qtbot.waitUntil(lambda: not abandoned_threads_running(), timeout=5_000)


def test_shutdown_cancels_long_work_and_stops_both_lanes(qtbot):
    runner = TaskRunner("doomed")
    started, seen = threading.Event(), []

    def work(handle):
        started.set()
        while not handle.cancelled():
            threading.Event().wait(0.01)
        seen.append("cancelled")

    runner.long_work(work, parent=QObject(runner))
    assert started.wait(5)
    assert runner.shutdown() is True
    assert seen == ["cancelled"]
    with pytest.raises(RuntimeError):
        runner.operation(lambda: None, parent=QObject())


def _valid(obj) -> bool:
    from shiboken6 import isValid

    return isValid(obj)


def test_what_an_operation_changed_reaches_the_screens_before_its_success(qtbot, runner, database, admin):
    """No handing on by the caller: the unit of work reports the write, the window's ChangeWatch hands it to
    the screens, then success is called (Anki's op.success after the screens heard of OpChanges)."""
    from mutualaid_desktop.services.admin.hospitals import add_hospital
    from mutualaid_desktop.services.changes import HOSPITALS
    from mutualaid_desktop.ui.common.counter_page import ChangesAware
    from mutualaid_desktop.ui.shell.change_watch import ChangeWatch

    order = []

    class Screen(ChangesAware, QWidget):
        shows = frozenset({HOSPITALS})

        def reload_for(self, changes):
            order.append(("changes", tuple(sorted(changes.kinds))))

    window = QWidget()
    qtbot.addWidget(window)
    screen = Screen(window)
    watch = ChangeWatch(window, database, lambda: [screen])
    window.show()
    qtbot.waitExposed(window)
    try:
        runner.operation(
            lambda: add_hospital(database, admin, name="商南县医院", grade=2),
            parent=screen,
            success=lambda info: order.append(("success", info.name)),
        )
        qtbot.waitUntil(lambda: any(kind == "success" for kind, _ in order), timeout=5000)
    finally:
        watch.stop()
    assert order == [("changes", (HOSPITALS,)), ("success", "商南县医院")]


def test_a_write_in_flight_is_told_apart_from_a_read(qtbot, runner):
    """Signing out asks while a write runs (or a job submitted the old way, which may write), not for a read."""
    parent, release = QObject(), threading.Event()
    runner.query(lambda: release.wait(5), parent=parent, success=lambda _r: None)
    assert runner.is_busy() and not runner.writing()
    runner.submit(lambda: None)  # the lower-level call: may write
    assert runner.writing()
    release.set()
    qtbot.waitUntil(lambda: not runner.is_busy())
    assert not runner.writing()
    release.clear()
    runner.operation(lambda: release.wait(5), parent=parent)
    assert runner.writing()
    release.set()
    qtbot.waitUntil(lambda: not runner.writing())
