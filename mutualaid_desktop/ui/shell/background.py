"""Running service calls off the GUI thread.

A `Worker` owns one QThread. Jobs (plain Python callables, usually a service function and its
arguments) run on that thread one after the other, in the order they were submitted, so two
operations on the database never overlap. The result, or the exception, comes back to the GUI
thread through a queued signal and is handed to the callbacks given at submission.

    worker.submit(home_figures, db, today, on_result=self._show, on_error=self._failed,
                  context=self)

`context` is a QObject (usually the widget that asked): when it has been deleted by the time the
job finishes, the callbacks are not called.

What a job is given (often a screen's own bound methods: progress, cancelled) is held by the worker
on the GUI thread and let go there once the answer has come back: the worker thread drops its
references before it answers and clears the locals of a failed job's traceback, so that a widget
the screen let go meanwhile is never destroyed on the worker thread (which crashes Qt).

A job cannot be interrupted once started; `shutdown()` discards the jobs not yet started, waits
for the running one and stops the thread.

PySide6 6.12 pitfall: emitting a signal declared `Signal(bool)` from Python loses a reference to
True/False each time, and after some hundreds of emissions the interpreter aborts ("bool_dealloc:
deallocating True or False"). Signals that carry a bool are therefore declared `Signal(object)`.

A `Worker` is one lane of the window's task runner (ui/shell/task_runner.py), which the screens are given:
its operations and queries run on the runner itself (a Worker), its long work on a second lane, so
that the slow full integrity check or a batch of papers never holds up the counter's writes.
"""

from __future__ import annotations

import atexit
import itertools
import logging
import threading
import traceback
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from shiboken6 import isValid

log = logging.getLogger(__name__)

# Every live worker, so that none is left running when the program ends (a QThread destroyed
# while it runs aborts the process).
_live_workers: weakref.WeakSet[Worker] = weakref.WeakSet()


# Threads left to finish a read-only job on their own (see Worker.abandon): kept referenced, as
# a QThread destroyed while it runs aborts the process.
_abandoned_threads: list[QThread] = []


@atexit.register
def shutdown_all_workers() -> None:
    for worker in list(_live_workers):
        worker.shutdown()


def abandoned_threads_running() -> bool:
    """True while a thread given up by `Worker.abandon` is still running its job: the program
    should then end with os._exit once its own state is saved, rather than wait."""
    return any(thread.isRunning() for thread in _abandoned_threads)


class _Pending:
    __slots__ = ("context", "description", "on_error", "on_result")

    def __init__(
        self,
        on_result: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        context: QObject | None,
        description: str,
    ) -> None:
        self.on_result = on_result
        self.on_error = on_error
        self.context = context
        self.description = description


class _Calls:
    """The jobs' calls by job number, shared by the two threads; only the GUI thread removes one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: dict[int, tuple[Callable[..., Any], tuple, dict]] = {}

    def put(self, job_id: int, call: tuple[Callable[..., Any], tuple, dict]) -> None:
        with self._lock:
            self._calls[job_id] = call

    def get(self, job_id: int) -> tuple[Callable[..., Any], tuple, dict] | None:
        with self._lock:
            return self._calls.get(job_id)

    def let_go(self, job_id: int | None = None) -> None:
        """On the GUI thread: forget one call (None: all)."""
        dropped: list[tuple[Callable[..., Any], tuple, dict] | None]
        with self._lock:
            if job_id is None:
                dropped = list(self._calls.values())
                self._calls.clear()
            else:
                dropped = [self._calls.pop(job_id, None)]
        del dropped  # the references go here, on the calling (GUI) thread, outside the lock


class _Executor(QObject):
    """Lives on the worker thread; runs the calls it is told the numbers of."""

    done = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self, calls: _Calls) -> None:
        super().__init__()
        self.stopping = threading.Event()
        self._calls = calls

    @Slot(int)
    def run(self, job_id: int) -> None:
        if self.stopping.is_set():
            return  # shut down: jobs not started yet are dropped
        call = self._calls.get(job_id)
        if call is None:
            return
        fn, args, kwargs = call
        del call
        try:
            result = fn(*args, **kwargs)
        except Exception as exc:  # handed to the GUI thread, which decides what the user sees
            log.debug("background job %s failed", job_id, exc_info=True)
            del fn, args, kwargs
            traceback.clear_frames(exc.__traceback__.tb_next if exc.__traceback__ else None)
            self.failed.emit(job_id, exc)
        else:
            del fn, args, kwargs
            self.done.emit(job_id, result)


class Worker(QObject):
    """One background thread that runs jobs in order and reports back on the GUI thread."""

    _dispatch = Signal(int)
    busyChanged = Signal(object)  # a bool; not Signal(bool): see background.py

    def __init__(self, name: str = "worker", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._closed = False
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._calls = _Calls()
        self._executor = _Executor(self._calls)
        self._executor.moveToThread(self._thread)
        self._dispatch.connect(self._executor.run)
        self._executor.done.connect(self._on_done)
        self._executor.failed.connect(self._on_failed)
        self._thread.start()
        _live_workers.add(self)

    # --- submitting -------------------------------------------------------------------------

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        context: QObject | None = None,
        **kwargs: Any,
    ) -> int:
        """Queue `fn(*args, **kwargs)`; returns a job number. Call from the GUI thread."""
        if self._closed:
            raise RuntimeError("worker has been shut down")
        job_id = next(self._ids)
        self._pending[job_id] = _Pending(on_result, on_error, context, getattr(fn, "__qualname__", repr(fn)))
        was_idle = len(self._pending) == 1
        self._calls.put(job_id, (fn, args, kwargs))
        self._dispatch.emit(job_id)
        if was_idle:
            self.busyChanged.emit(True)
        return job_id

    def is_busy(self) -> bool:
        return bool(self._pending)

    def pending_count(self) -> int:
        return len(self._pending)

    # --- results ----------------------------------------------------------------------------

    def _take(self, job_id: int) -> _Pending | None:
        self._calls.let_go(job_id)
        pending = self._pending.pop(job_id, None)
        if pending is not None and not self._pending:
            self.busyChanged.emit(False)
        if pending is None or self._closed:
            return None
        if pending.context is not None and not isValid(pending.context):
            return None
        return pending

    @Slot(int, object)
    def _on_done(self, job_id: int, result: object) -> None:
        pending = self._take(job_id)
        if pending is not None and pending.on_result is not None:
            pending.on_result(result)

    @Slot(int, object)
    def _on_failed(self, job_id: int, error: BaseException) -> None:
        pending = self._take(job_id)
        if pending is None:
            return
        if pending.on_error is not None:
            pending.on_error(error)
        else:
            log.error(
                "background job %s (%s) failed",
                job_id,
                pending.description,
                exc_info=(type(error), error, error.__traceback__),
            )

    # --- stopping ---------------------------------------------------------------------------

    def shutdown(self, wait_ms: int | None = None) -> bool:
        """Stop taking jobs, let the running one finish and stop the thread.

        Jobs not started yet are dropped and no callback is called after this. Returns False when
        `wait_ms` ran out before the thread stopped."""
        if self._closed:
            return True
        self._closed = True
        _live_workers.discard(self)
        had_pending = bool(self._pending)
        self._pending.clear()
        if had_pending and isValid(self):
            self.busyChanged.emit(False)
        self._executor.stopping.set()
        self._thread.requestInterruption()
        self._thread.quit()
        finished = self._thread.wait() if wait_ms is None else self._thread.wait(wait_ms)
        if finished:
            self._calls.let_go()  # a call still running on an abandoned thread is kept
        return bool(finished)

    def abandon(self, wait_ms: int) -> bool:
        """Like `shutdown`, but give up on a job that is still running after `wait_ms`.

        Only for jobs that merely read (the integrity check of a big database takes minutes and
        cannot be interrupted): the thread is left to finish on its own and nothing is
        delivered. Returns True when the thread did stop in time."""
        if self.shutdown(wait_ms):
            return True
        _abandoned_threads.append(self._thread)
        return False

    @property
    def closed(self) -> bool:
        return self._closed


class SerialLoad:
    """One load at a time, and once more when one was asked for meanwhile.

    A page that reads in the background asks `start()` before it submits: True means go (the load now
    counts as running); False means a load is running already, and one more has been noted instead.
    When the load ends (result or error) the page calls `finish()`: it is no longer running, and the
    answer says whether one more was asked for meanwhile (the page then starts it; the note is gone).

        if not self._load.start():
            return
        ...
        again = self._load.finish()
        self.loaded.emit(rows)
        if again:
            self.refresh()
    """

    __slots__ = ("_again", "_running")

    def __init__(self) -> None:
        self._running = False
        self._again = False

    @property
    def loading(self) -> bool:
        return self._running

    def start(self) -> bool:
        if self._running:
            self._again = True
            return False
        self._running = True
        return True

    def finish(self) -> bool:
        again = self._again
        self._running = False
        self._again = False
        return again


def user_message(error: BaseException, fallback: str) -> str:
    """What to tell the user about an error from a service: its own message, or `fallback`.

    Service and store errors carry a Chinese `message` (and sometimes a `hint`) meant for the
    user; anything else is a programming or system fault, logged with its traceback and reported
    with the fallback text, never as a traceback."""
    message = getattr(error, "message", None)
    if isinstance(message, str) and message:
        hint = getattr(error, "hint", None)
        if isinstance(hint, str) and hint and hint not in message:
            return f"{message}\n{hint}"
        return message
    from mutualaid_desktop.safe_files import PART_SUFFIX, describe_write_error, is_disk_full

    if (
        isinstance(error, OSError)
        and error.filename is not None
        and (is_disk_full(error) or str(error.filename).endswith(PART_SUFFIX))
    ):
        # a file that could not be written through safe_files: a full disk, no rights, a file open elsewhere
        log.warning("writing %s failed: %s", error.filename, error)
        return describe_write_error(error.filename, error)
    log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    return fallback
