"""The window's one task runner: every write, PDF rendering and long work runs off the GUI thread here.

Modelled on Anki's `CollectionOp` / `QueryOp` and its task manager (qt/aqt/operations, qt/aqt/taskman.py).
The runner is made once (app.run_gui, or the window when it is built alone) and handed to the window,
the login dialog and every screen. Its API:

    runner.operation(lambda: enroll(db, user, ...), parent=self, success=self._saved,
                     failure_text=self.tr("参保没有保存。"))          # a write
    runner.query(lambda: list_units(db), parent=self, success=self._show)  # a read
    work = runner.long_work(lambda work: make_batch(..., progress=work.report, cancelled=work.cancelled),
                            parent=self, success=self._done, progress_label=self.tr("正在生成…"))
    work.cancel()                                                            # 取消

- `success(result)` is called on the GUI thread, `failure(error)` too; without `failure` the error is
  shown in a message box over `parent` through the program's error handling (background.user_message:
  a service's own Chinese message, never a traceback). Nothing is called back once `parent` is gone.
- What a write changed needs no handing on: the unit of work reports it at commit
  (services/changes.py) and the window's ChangeWatch hands the report to every built screen, before
  `success` is called (the report's queued signal is emitted before the answer's).
- A query is a read: while only queries are in flight the runner is not `writing()`, and signing out
  (ui/shell/session_switch.py) does not ask to wait for it.
- `submit(fn, *args, on_result=, on_error=, context=)` is the lower-level call the screens have used
  so far; it runs on the same lane as operations and queries (ui/background.Worker) and counts as a
  write.

"One" runner, two lanes. Operations and queries run on one thread, one after the other, in the
order they were asked for, so that two of the counter's writes never overlap and a read asked after
a write sees it. Long work (the full integrity check, which reads for minutes on a big database and
cannot be interrupted; a batch of 续保提示单 for a whole city) runs on a second thread, the long lane:
were it on the first, a payment or a claim would wait minutes behind it. Long work is read-mostly (a
batch records its papers in one short transaction at its end; SQLite queues that writer behind the
counter's, and the counter's behind it for no longer than that transaction). The long lane is made
on first use, and made again when the one before was given up (`abandon_long_work`).

The runner *is* the first lane (a `Worker`), so that the screens typed `worker: Worker` take it as it is.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget
from shiboken6 import isValid

from mutualaid_desktop.ui.shell.background import Worker, user_message

T = TypeVar("T")


def show_failure(parent: QObject | None, error: BaseException, failure_text: str | None = None) -> None:
    """The program's way of telling a failed task: its message (or `failure_text`) in a box over `parent`."""
    text = user_message(
        error,
        failure_text
        or QCoreApplication.translate(
            "TaskRunner", "操作没有完成（意外错误），数据没有改动。请再试一次，或联系技术支持。"
        ),
    )
    widget = parent if isinstance(parent, QWidget) and isValid(parent) else None
    QMessageBox.warning(widget, QCoreApplication.translate("TaskRunner", "操作没有完成"), text)


class LongWork(QObject):
    """A long task's handle: its progress (`report` from the task's thread, `progressed` on the GUI
    thread) and its cancel flag (`cancel` on the GUI thread, `cancelled` asked by the task)."""

    progressed = Signal(int, int)  # done, total

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self.finished = False

    def report(self, done: int, total: int) -> None:
        """(on the task's thread) how far the work has come; queued to the GUI thread."""
        if isValid(self):
            self.progressed.emit(done, total)

    def cancel(self) -> None:
        """Ask the work to stop at its next check of `cancelled` (it decides what is kept)."""
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()


class TaskRunner(Worker):
    """The window's task runner (see the module's docstring)."""

    longWorkChanged = Signal(object)  # a bool: long work running; not Signal(bool): see background.py

    def __init__(self, name: str = "tasks", parent: QObject | None = None) -> None:
        super().__init__(name, parent)
        self._name = name
        self._long: Worker | None = None
        self._long_handles: weakref.WeakSet[LongWork] = weakref.WeakSet()
        self._queries: set[int] = set()  # the jobs asked for as queries (reads), while pending

    # --- operations and queries (the first lane) ---------------------------------------------

    def operation(
        self,
        op: Callable[[], T],
        *,
        parent: QObject,
        success: Callable[[T], object] | None = None,
        failure: Callable[[BaseException], object] | None = None,
        failure_text: str | None = None,
    ) -> int:
        """Run the write `op()` off the GUI thread, in order with the other operations and queries.
        What it changed reaches every screen through the change report; then `success(result)`."""
        return self._run(self, op, parent, success, failure, failure_text)

    def query(
        self,
        read: Callable[[], T],
        *,
        parent: QObject,
        success: Callable[[T], object],
        failure: Callable[[BaseException], object] | None = None,
        failure_text: str | None = None,
    ) -> int:
        """Run the read `read()` off the GUI thread, after the operations asked before it. A query in
        flight is not `writing()`: signing out does not wait for it."""
        job_id = self._run(self, read, parent, success, failure, failure_text)
        self._queries.add(job_id)
        return job_id

    def writing(self) -> bool:
        """Whether an operation (or a job `submit`ted the lower-level way, which may write) is pending."""
        self._queries.intersection_update(self._pending)
        return any(job_id not in self._queries for job_id in self._pending)

    # --- long work (the long lane) ------------------------------------------------------------

    def long_work(
        self,
        work: Callable[[LongWork], T],
        *,
        parent: QObject,
        success: Callable[[T], object] | None = None,
        failure: Callable[[BaseException], object] | None = None,
        failure_text: str | None = None,
        progress_label: str | None = None,
        on_progress: Callable[[int, int], object] | None = None,
    ) -> LongWork:
        """Run `work(handle)` on the long lane; the work reports through `handle.report(done, total)`
        and stops when `handle.cancelled()`. With `progress_label` a progress dialog over `parent`
        shows it and its 取消 cancels; `on_progress(done, total)` is called on the GUI thread (connected before
        the work starts, so that no report is missed)."""
        handle = LongWork(self)
        if on_progress is not None:
            handle.progressed.connect(on_progress)
        self._long_handles.add(handle)
        dialog = self._progress_dialog(handle, parent, progress_label) if progress_label else None

        def ended() -> None:
            handle.finished = True
            if dialog is not None and isValid(dialog):
                dialog.reset()
                dialog.deleteLater()
            if not self._long_running():
                self.longWorkChanged.emit(False)

        def done(result: T) -> None:
            ended()
            if success is not None:
                success(result)

        def failed(error: BaseException) -> None:
            ended()
            if failure is not None:
                failure(error)
            else:
                show_failure(parent, error, failure_text)

        was_running = self._long_running()
        self._long_lane().submit(work, handle, on_result=done, on_error=failed, context=parent)
        if not was_running:
            self.longWorkChanged.emit(True)
        return handle

    def long_work_running(self) -> bool:
        return self._long_running()

    def abandon_long_work(self, wait_ms: int) -> bool:
        """Cancel the long work, wait `wait_ms` for the lane to stop, and give it up when it does not
        (the integrity check cannot be interrupted; it only reads). True when it stopped in time.
        Later long work runs on a new lane."""
        for handle in list(self._long_handles):
            handle.cancel()
        lane, self._long = self._long, None
        if lane is None:
            return True
        stopped = lane.abandon(wait_ms)
        if isValid(self):
            self.longWorkChanged.emit(False)
        return stopped

    # --- stopping -----------------------------------------------------------------------------

    def shutdown(self, wait_ms: int | None = None) -> bool:
        """Cancel long work, then stop both lanes (waiting for what runs; see Worker.shutdown)."""
        for handle in list(self._long_handles):
            handle.cancel()
        long_stopped = True
        if self._long is not None:
            long_stopped = self._long.shutdown(wait_ms)
        return super().shutdown(wait_ms) and long_stopped

    # --- inside -------------------------------------------------------------------------------

    def _run(
        self,
        lane: Worker,
        fn: Callable[[], T],
        parent: QObject,
        success: Callable[[T], object] | None,
        failure: Callable[[BaseException], object] | None,
        failure_text: str | None,
    ) -> int:
        def failed(error: BaseException) -> None:
            if failure is not None:
                failure(error)
            else:
                show_failure(parent, error, failure_text)

        def done(result: Any) -> None:
            if success is not None:
                success(result)

        return lane.submit(fn, on_result=done, on_error=failed, context=parent)

    def _long_lane(self) -> Worker:
        if self._long is None or self._long.closed:
            self._long = Worker(f"{self._name}-long", self)
        return self._long

    def _long_running(self) -> bool:
        return self._long is not None and not self._long.closed and self._long.is_busy()

    def _progress_dialog(self, handle: LongWork, parent: QObject, label: str) -> QProgressDialog:
        widget = parent if isinstance(parent, QWidget) else None
        dialog = QProgressDialog(label, QCoreApplication.translate("TaskRunner", "取消"), 0, 0, widget)
        dialog.setWindowTitle(QCoreApplication.translate("TaskRunner", "请稍候"))
        dialog.setMinimumDuration(500)  # quick work shows no dialog

        def show(done: int, total: int) -> None:
            if isValid(dialog) and not handle.finished:
                dialog.setMaximum(total)
                dialog.setValue(done)

        handle.progressed.connect(show)
        dialog.canceled.connect(handle.cancel)
        return dialog
