"""The search results of the 会员 screen: a lazy table model.

Rows come a page at a time from `services.members.search_members`, run on the background
Worker; the view asks for more (canFetchMore/fetchMore) as the clerk scrolls, so a search that
matches half a million members never loads them all. Every search has a generation number: the
pages of an older search that arrive after a newer one started are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from mutualaid_desktop.domain import clock
from mutualaid_desktop.ui.shell.background import Worker, user_message

if TYPE_CHECKING:
    from mutualaid_desktop.services.enrollment.members import MemberRow
    from mutualaid_desktop.store.database import Database

PAGE_SIZE = 100

COL_NAME, COL_ID_NUMBER, COL_SEX, COL_AGE, COL_UNIT, COL_PHONE, COL_COVER = range(7)
COLUMN_COUNT = 7
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a value to sort by (numbers as numbers)
MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3  # the MemberRow itself

COVER_COLOURS = {"active": "#1b6e3a", "waiting": "#9a5b00", "expired": "#7a7a7a", "pending_payment": "#b3261e"}


class MemberTableModel(QAbstractTableModel):
    """Rows of one search. `searchFinished` carries the number of rows after each page,
    `searchFailed` a message for the clerk."""

    pageLoaded = Signal(int, object)  # generation, rows count so far
    searchFailed = Signal(str)
    loadingChanged = Signal(object)  # a bool; not Signal(bool): see background.py

    def __init__(
        self,
        db: Database | None,
        *,
        worker: Worker,
        today: Callable[[], date] = clock.today,
        page_size: int = PAGE_SIZE,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._worker = worker
        self._today = today
        self._page_size = page_size
        self._rows: list[MemberRow] = []
        self._query = ""
        self._generation = 0
        self._has_more = False
        self._loading = False
        self._headers = (
            self.tr("姓名"),
            self.tr("身份证号码"),
            self.tr("性别"),
            self.tr("年龄"),
            self.tr("所在单位"),
            self.tr("联系电话"),
            self.tr("保障状态"),
        )

    # --- searching --------------------------------------------------------------------------

    @property
    def query(self) -> str:
        return self._query

    @property
    def generation(self) -> int:
        return self._generation

    def is_loading(self) -> bool:
        return self._loading

    def search(self, query: str) -> int:
        """Start a new search (the old rows go at once); returns its generation."""
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._query = (query or "").strip()
        self._has_more = bool(self._query) and self._db is not None
        self.endResetModel()
        self._set_loading(False)
        if self._has_more:
            self._load_page()
        return self._generation

    def clear(self) -> None:
        self.search("")

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loadingChanged.emit(loading)

    def _load_page(self) -> None:
        if self._worker.closed:
            return
        from mutualaid_desktop.services.enrollment.members import search_members

        generation = self._generation
        self._set_loading(True)
        self._worker.submit(
            search_members,
            self._db,
            self._query,
            limit=self._page_size,
            offset=len(self._rows),
            today=self._today(),
            on_result=lambda rows: self._page_arrived(generation, rows),
            on_error=lambda error: self._page_failed(generation, error),
            context=self,
        )

    def _page_arrived(self, generation: int, rows: list[MemberRow]) -> None:
        if generation != self._generation:
            return  # an older search: its results are stale
        self._set_loading(False)
        self._has_more = len(rows) >= self._page_size
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.pageLoaded.emit(generation, len(self._rows))

    def _page_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._set_loading(False)
        self._has_more = False
        self.searchFailed.emit(user_message(error, self.tr("查找时出现意外错误。")))

    # --- lazy loading -----------------------------------------------------------------------

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and self._has_more and not self._loading

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: N802
        if self.canFetchMore(parent):
            self._load_page()

    # --- the model --------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def row(self, row: int) -> MemberRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[MemberRow]:
        return list(self._rows)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < COLUMN_COUNT
        ):
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or not 0 <= index.column() < COLUMN_COUNT:
            return None
        r = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, column)
        if role == SORT_ROLE:
            return r.age if column == COL_AGE else (self._display(r, column) or "")
        if role == MEMBER_ID_ROLE:
            return r.id
        if role == ROW_ROLE:
            return r
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_COVER and r.cover_state in COVER_COLOURS:
            return QBrush(QColor(COVER_COLOURS[r.cover_state]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_SEX, COL_AGE):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_COVER:
            return r.cover_label
        return None

    def _display(self, r: MemberRow, column: int) -> str:
        if column == COL_NAME:
            return r.name
        if column == COL_ID_NUMBER:
            return r.id_number
        if column == COL_SEX:
            return self.tr("男") if r.sex == "male" else self.tr("女")
        if column == COL_AGE:
            return str(r.age)
        if column == COL_UNIT:
            return r.unit_name or ""
        if column == COL_PHONE:
            return r.phone or ""
        return r.cover_label
