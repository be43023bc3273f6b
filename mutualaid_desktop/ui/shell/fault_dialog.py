"""Faults of the program in the window: a Chinese message box, the traceback only in the log.

`install_fault_hooks(location)` (app.py) replaces `sys.excepthook` (which PySide6 also calls for
an exception escaping a slot or an overridden Qt method) and `threading.excepthook`: the fault is
written to the log (faults.py: beside the database, or in the user's data folder) and a message
box says, in Chinese, that the program went wrong and where the log is. Never a traceback.

Not a storm: one box at a time (faults while it is open are only logged), and a fault already
shown (the same kind of error at the same place, e.g. one raised at every repaint) is not shown
again. A fault on another thread is brought to the GUI thread by a queued signal. ERROR records
of the logging system (a background job that failed with nobody to tell) go to the same log.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox
from shiboken6 import isValid

log = logging.getLogger(__name__)


class FaultReporter(QObject):
    """Records faults and shows them, one box at a time."""

    fault = Signal(object, object)  # (the log's Path or None, a key of the fault's place)
    shown = Signal(object)  # the QMessageBox, once it is on the screen (for tests)

    def __init__(self, location=None) -> None:
        super().__init__()
        self.location = location
        self.box: QMessageBox | None = None
        self.seen: set[tuple] = set()
        self.recorded = 0  # faults written to the log
        self.fault.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._previous = (sys.excepthook, threading.excepthook)

    # --- the hooks (any thread) ---------------------------------------------------------------

    def excepthook(self, kind, error, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        self.report(error if error is not None else kind(), tb, "uncaught")

    def thread_excepthook(self, args) -> None:
        if args.exc_type is SystemExit:
            return
        name = getattr(args.thread, "name", "?")
        self.report(
            args.exc_value if args.exc_value is not None else args.exc_type(), args.exc_traceback, f"thread {name}"
        )

    def report(self, error: BaseException, tb, context: str) -> None:
        from mutualaid_desktop.faults import record_fault

        try:
            if tb is not None and error.__traceback__ is None:
                error = error.with_traceback(tb)
            path = record_fault(error, location=self.location, context=context)
            self.recorded += 1
            frames = traceback.extract_tb(tb) if tb is not None else []
            place = (frames[-1].filename, frames[-1].lineno) if frames else ("", 0)
            self.fault.emit(path, (type(error).__name__, *place))
        except Exception:  # reporting a fault must never raise one
            pass

    # --- the box (GUI thread) -----------------------------------------------------------------

    @property
    def showing(self) -> bool:
        """A box is on the screen (closed, it deletes itself)."""
        return self.box is not None and isValid(self.box) and self.box.isVisible()

    @Slot(object, object)
    def _show(self, path: Path | None, key: tuple) -> None:
        if self.showing or key in self.seen:
            return
        self.seen.add(key)
        parent = QApplication.activeWindow()
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("程序出错"),
            self.tr("程序内部出现了错误（不是您的操作造成的），刚才的操作可能没有完成，请核对后再试。"),
            parent=parent,
        )
        where = (
            self.tr("如果再次出现，请联系技术支持人员，并提供日志文件：\n{path}").format(path=path)
            if path is not None
            else self.tr("详细情况没能写入日志（磁盘可能已满或不可写）。")
        )
        box.setInformativeText(where)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("faultBox")
        # not box.finished.connect(a slot of ours): a box still open when the program ends would
        # call into a Python object already gone (a crash at exit); `showing` asks the box instead
        self.box = box
        box.open()  # not exec(): the counter goes on; a fault on every repaint cannot nest boxes
        self.shown.emit(box)

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous
        root = logging.getLogger()
        for handler in list(root.handlers):
            if getattr(handler, "fault_reporter", None) is self:
                root.removeHandler(handler)


def install_fault_hooks(location=None) -> FaultReporter:
    """Install the hooks for the whole program (call on the GUI thread, once the QApplication
    exists); returns the reporter (kept alive by the hooks)."""
    from mutualaid_desktop.faults import FaultLogHandler

    reporter = FaultReporter(location)
    sys.excepthook = reporter.excepthook
    threading.excepthook = reporter.thread_excepthook
    handler = FaultLogHandler(location)
    handler.fault_reporter = reporter  # type: ignore[attr-defined]
    logging.getLogger().addHandler(handler)
    return reporter
