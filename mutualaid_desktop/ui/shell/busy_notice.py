"""The window's notice that a write waits for another counter (store/busy.py).

When another counter or program holds the database's write lock (a big roster import, a backup),
a write of this window waits for it on the worker thread. `BusyNotice.attach(db)` makes the
database tell the window: a signal from the worker thread, queued to the GUI thread, shows a
notice in the status bar ("数据库正被另一个柜台或程序使用，正在等待……") and the busy cursor until
the wait is over (`watch_busy(window, db)`, called by the main window). If the other counter does not finish in time the write is refused with
DatabaseBusy, which the screen that asked shows like any other refusal.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

# Made with the main window, before its first paint: Qt's `Qt` namespace (slow to import, see
# ui/shell/main_window.py) is imported only when the notice is first shown.

STYLE = (
    "QLabel#busyNotice { background: #fff4ce; color: #5c3c00; border: 1px solid #e0b252; padding: 2px 8px;"
    " font-weight: bold; }"
)


class BusyNotice(QObject):
    waiting = Signal(object)  # a bool (Signal(object): see ui/shell/background.py); emitted on any thread

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.label = QLabel(self.tr("数据库正被另一个柜台或程序使用，正在等待……"))
        self.label.setObjectName("busyNotice")
        self.label.setStyleSheet(STYLE)
        self.label.setVisible(False)
        window.statusBar().insertPermanentWidget(0, self.label)
        self._cursor = False
        self.waiting.connect(self._show)  # emitted on the worker thread: queued to this one

    def attach(self, db) -> None:
        """Make `db` tell this window when one of its writes waits (db.busy.on_wait)."""
        busy = getattr(db, "busy", None)
        if busy is not None:
            busy.on_wait = self.waiting.emit

    @property
    def shown(self) -> bool:
        return not self.label.isHidden()

    @Slot(object)
    def _show(self, waiting: object) -> None:
        from PySide6.QtCore import Qt

        waiting = bool(waiting)
        self.label.setVisible(waiting)
        if waiting and not self._cursor:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            self._cursor = True
        elif not waiting and self._cursor:
            QApplication.restoreOverrideCursor()
            self._cursor = False


def watch_busy(window: QMainWindow, db) -> BusyNotice:
    """The window's BusyNotice (made on first use), attached to `db`."""
    notice = window.findChild(BusyNotice)
    if notice is None:
        notice = BusyNotice(window)
    notice.attach(db)
    return notice
