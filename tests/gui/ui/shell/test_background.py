"""The background worker: jobs run in order off the GUI thread, answers come back on it."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.ui.shell.background import SerialLoad, Worker, abandoned_threads_running, user_message


def test_jobs_run_in_order_on_one_other_thread(qtbot, worker):
    ran, answers = [], []

    def job(n):
        ran.append((n, threading.current_thread()))
        return n * 10

    for n in range(5):
        worker.submit(job, n, on_result=answers.append)
    qtbot.waitUntil(lambda: len(answers) == 5)
    assert answers == [0, 10, 20, 30, 40]
    assert [n for n, _ in ran] == [0, 1, 2, 3, 4]
    threads = {t for _, t in ran}
    assert len(threads) == 1 and threading.main_thread() not in threads


def test_answers_arrive_on_the_gui_thread(qtbot, worker):
    where = []
    worker.submit(lambda: 1, on_result=lambda _r: where.append(QThread.currentThread()))
    qtbot.waitUntil(lambda: bool(where))
    assert where[0] is QApplication.instance().thread()


def test_errors_come_back_as_exceptions(qtbot, worker):
    errors = []

    def refuse():
        raise ServiceError("用户名或密码不对，请重新输入。")

    worker.submit(refuse, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ServiceError)
    assert user_message(errors[0], "fallback") == "用户名或密码不对，请重新输入。"


def test_unexpected_errors_are_told_with_the_fallback(caplog):
    assert user_message(KeyError("x"), "出现意外错误。") == "出现意外错误。"
    assert "unexpected error" in caplog.text


def test_a_deleted_context_gets_no_answer(qtbot, worker):
    release = threading.Event()
    answers = []
    context = QObject()
    worker.submit(lambda: release.wait(5), on_result=answers.append, context=context)
    worker.submit(lambda: "after", on_result=answers.append)
    context.deleteLater()
    qtbot.waitUntil(lambda: not isValid(context))
    release.set()
    qtbot.waitUntil(lambda: answers == ["after"])


def test_busy_while_jobs_are_pending(qtbot, worker):
    release = threading.Event()
    changes = []
    worker.busyChanged.connect(changes.append)
    worker.submit(lambda: release.wait(5))
    assert worker.is_busy()
    release.set()
    qtbot.waitUntil(lambda: not worker.is_busy())
    assert changes == [True, False]


def test_shutdown_drops_jobs_not_started_and_calls_nothing_back(qtbot):
    worker = Worker("doomed")
    started, release = threading.Event(), threading.Event()
    ran, answers = [], []
    worker.submit(lambda: (started.set(), release.wait(5), ran.append(1)), on_result=answers.append)
    worker.submit(lambda: ran.append(2), on_result=answers.append)
    assert started.wait(5)
    threading.Timer(0.2, release.set).start()
    assert worker.shutdown() is True
    qtbot.wait(50)
    assert ran == [1] and answers == []
    with pytest.raises(RuntimeError):
        worker.submit(lambda: None)


def test_abandon_gives_up_on_a_long_read(qtbot):
    worker = Worker("long-check")
    started, release = threading.Event(), threading.Event()
    worker.submit(lambda: (started.set(), release.wait(10)))
    assert started.wait(5)
    started = time.perf_counter()
    assert worker.abandon(100) is False
    assert time.perf_counter() - started < 2
    assert abandoned_threads_running()
    release.set()
    qtbot.waitUntil(lambda: not abandoned_threads_running(), timeout=5_000)


def test_serial_load_runs_one_load_at_a_time():
    load = SerialLoad()
    assert not load.loading
    assert load.start()
    assert load.loading
    assert not load.finish()  # nobody asked meanwhile
    assert not load.loading
    assert load.start()  # free again


def test_serial_load_remembers_once_more_whatever_was_asked_meanwhile():
    load = SerialLoad()
    assert load.start()
    assert not load.start()  # refused: one is running; one more noted
    assert not load.start()  # asked twice: still one more
    assert load.loading
    assert load.finish()  # the page starts the one more now
    assert not load.loading
    assert load.start()
    assert not load.finish()  # the note was used up


def test_serial_load_finish_when_idle_changes_nothing():
    load = SerialLoad()
    assert not load.finish()
    assert not load.loading
    assert load.start()


class _Sentinel:
    """Says on which thread it was freed (a widget freed off the GUI thread crashes the program)."""

    def __init__(self, freed: list) -> None:
        self._freed = freed

    def __del__(self) -> None:
        self._freed.append(threading.current_thread().name)


@pytest.mark.parametrize("fails", [False, True])
def test_what_a_job_was_given_is_let_go_on_the_gui_thread(qtbot, worker, fails):
    """Seen as a crash now and then at the end of a GUI test: the roster dialog gave the job its own
    bound methods (progress, cancelled); the window let the dialog go while the job ran, and the last
    reference, in the queued call, was dropped on the worker thread, which then destroyed the widgets
    there (a segfault in QObject::disconnectImpl)."""
    freed: list[str] = []
    started, go_on = threading.Event(), threading.Event()
    answers: list = []

    def job(*, progress):
        started.set()
        go_on.wait(5)
        if fails:
            raise ServiceError("不行")
        return "done"

    sentinel = _Sentinel(freed)
    worker.submit(job, progress=sentinel, on_result=answers.append, on_error=answers.append)
    del sentinel  # the screen lets go of it while the job runs
    assert started.wait(5)
    go_on.set()
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=5000)
    qtbot.waitUntil(lambda: bool(freed), timeout=5000)
    assert freed == [threading.main_thread().name]
