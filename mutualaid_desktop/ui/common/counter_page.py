"""The base of the counter's screens: what every page is given, and one look for its top.

A page is built `(db, user, *, worker, parent=None, today=clock.today)` (main_window.py builds it
with the first three; tests pass `today`). `page_layout(title, *buttons)` gives the page its outer
layout with the standard margins and spacing and the title header on top: the title on the left in
the heading font, the page's action buttons on the right. That layout lies in a frameless scroll area:
in a window lower than the page needs (a laptop's 1366×768 with a taskbar, the window made small) the
page scrolls instead of crushing its form rows over each other; when there is room it fills the window.

Data changed elsewhere (another screen, another process): the window hands every change report to
every built screen's `apply_changes(changes)` (ui/shell/change_watch.py). A screen names the kinds of
data it shows in `shows` (services/changes.py) and reloads them in `reload_for(changes)`; when the
report touches none of them nothing happens, and a screen not in sight only notes the report and
reloads once it is shown (`ChangesAware`, used by screens that are not a CounterPage too).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from mutualaid_desktop.domain import clock
from mutualaid_desktop.ui.shell.fonts import scaled

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.changes import Changes
    from mutualaid_desktop.store.database import Database
    from mutualaid_desktop.ui.shell.task_runner import TaskRunner

PAGE_MARGINS = (20, 14, 20, 14)  # left, top, right, bottom
PAGE_SPACING = 10
HEADER_HEIGHT = 32


def page_header(title: str, *buttons: QWidget) -> QHBoxLayout:
    """A page's title (object name `pageTitle`, 1.6 times the application font, bold) with
    `buttons` on the right, all HEADER_HEIGHT high."""
    header = QHBoxLayout()
    label = QLabel(title)
    label.setObjectName("pageTitle")
    label.setFont(scaled(QApplication.font(), 1.6, bold=True))
    label.setMinimumHeight(HEADER_HEIGHT)  # the same height with or without buttons
    header.addWidget(label)
    header.addStretch(1)
    for button in buttons:
        button.setMinimumHeight(HEADER_HEIGHT)
        header.addWidget(button)
    return header


class ChangesAware:
    """For a QWidget (listed before it among the bases): reload what is shown when a change report
    touches it, at once when in sight, else when next shown."""

    shows: frozenset[str] = frozenset()  # the kinds of data shown (services/changes.py)
    _stale: Changes | None = None  # what changed while out of sight

    def apply_changes(self, changes: Changes) -> None:
        if not changes.touches(*self.shows):
            return
        if self.isVisible():  # type: ignore[attr-defined]
            self.reload_for(changes)
        else:
            self._stale = changes if self._stale is None else self._stale | changes

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)  # type: ignore[misc]
        stale, self._stale = self._stale, None
        if stale is not None:
            self.reload_for(stale)

    def reload_for(self, changes: Changes) -> None:
        """Read again what `changes` touched of what this screen shows (the screen's own)."""


class CounterPage(ChangesAware, QWidget):
    """A screen of the counter: keeps `_db`, `_user`, `_worker` and `_today` (a callable giving
    the day, replaced in tests)."""

    def __init__(
        self,
        db: Database,
        user: UserInfo,
        *,
        worker: TaskRunner,
        parent: QWidget | None = None,
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._user = user
        self._worker = worker
        self._today = today

    def page_layout(self, title: str, *buttons: QWidget) -> QVBoxLayout:
        """The page's outer layout (standard margins and spacing) with the title header on top."""
        frame = QVBoxLayout(self)
        frame.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setObjectName("pageScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a container: the fields take the focus, and scroll into view
        content = QWidget(scroll)
        content.setObjectName("pageContent")
        scroll.setWidget(content)
        frame.addWidget(scroll)
        outer = QVBoxLayout(content)
        outer.setContentsMargins(*PAGE_MARGINS)
        outer.setSpacing(PAGE_SPACING)
        outer.addLayout(page_header(title, *buttons))
        self._page_layout = outer
        return outer

    def show_as_tab(self) -> None:
        """Shown as a tab of another screen (whose title is already on top): hide this page's own
        title and keep its buttons; the outer margins go too."""
        title = self.findChild(QLabel, "pageTitle")
        if title is not None:
            title.hide()
        layout = getattr(self, "_page_layout", None) or self.layout()
        if layout is not None:
            layout.setContentsMargins(0, PAGE_SPACING, 0, 0)
