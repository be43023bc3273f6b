"""The window's ear for changed data: its own writes' reports and other processes' commits.

Every unit of work that commits reports what it wrote (services/changes.py), on the thread that
committed (the window's worker): the report crosses to the GUI thread through a queued signal.
Another process's commit is noticed by `OtherWriters` (SQLite's data_version, a read that costs
microseconds), checked when the window is activated and every POLL_MS while it is open. Either
way `changed` is emitted with the report, and the window hands it to every built screen
(`ChangesAware.apply_changes`).

After an own report has been handed on, the data_version of that moment is taken as seen, so that
the own write is not refreshed a second time as another process's; what that trades off is said in
services/other_writers.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from shiboken6 import isValid

from mutualaid_desktop.services import changes as change_report
from mutualaid_desktop.services.other_writers import OtherWriters

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from mutualaid_desktop.services.changes import Changes
    from mutualaid_desktop.store.database import Database

POLL_MS = 3000  # how often another process's commit is looked for while the window is open


class ChangeWatch(QObject):
    """`ChangeWatch(window, db, pages)`: reports of `db`'s changes go to the screens `pages()` gives."""

    changed = Signal(object)  # a Changes, on the GUI thread
    _reported = Signal(object)  # from the committing thread

    def __init__(self, window: QWidget, db: Database, pages: Callable[[], Iterable[QWidget]]) -> None:
        super().__init__(window)
        self._window = window
        self._origin = db.url
        self._pages = pages
        self._others = OtherWriters(db)
        self._reported.connect(self._own_changes)  # queued when emitted from the worker thread
        self._unsubscribe = change_report.subscribe(self._heard)
        self.changed.connect(self._hand_on)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.check_others)
        if self._others.active:
            self._timer.start()
            window.installEventFilter(self)

    def _heard(self, changes: Changes) -> None:  # on the committing thread
        if changes.origin in (None, self._origin) and isValid(self):
            self._reported.emit(changes)

    def _own_changes(self, changes: Changes) -> None:
        self.changed.emit(changes)
        self._others.seen_now()

    def check_others(self) -> None:
        """Look whether another process has committed; if so every screen hears of it."""
        changes = self._others.check()
        if changes is not None:
            self.changed.emit(changes)

    def _hand_on(self, changes: Changes) -> None:
        from PySide6.QtWidgets import QWidget

        from mutualaid_desktop.ui.common.counter_page import ChangesAware

        for page in list(self._pages()):
            if not isValid(page):
                continue
            for screen in (page, *page.findChildren(QWidget)):  # 设置, 续保 and 票据 hold screens as tabs
                if isinstance(screen, ChangesAware) and isValid(screen):
                    screen.apply_changes(changes)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.WindowActivate:
            QTimer.singleShot(0, self.check_others)
        return False

    def stop(self) -> None:
        self._unsubscribe()
        self._timer.stop()
        self._others.close()
