"""A read-only table over a Python list of rows: the base of the small list models on the screens.

A subclass sets `headers` (translated in its own __init__, so the strings keep their class as
translation context), says what a cell shows in `display(row, column)`, names its right-aligned
(number) columns in `right_aligned`, and may answer other roles (colour, tooltip) in `role_data`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class ListTableModel(QAbstractTableModel):
    """`headers`: the column titles; `set_rows(rows)` replaces the rows (a model reset),
    `append_rows(rows)` adds the next page."""

    right_aligned: tuple[int, ...] = ()

    def __init__(self, rows=(), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers: list[str] = []
        self._rows: list = list(rows)

    # --- the rows ---------------------------------------------------------------------------

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append_rows(self, rows) -> None:
        """Add `rows` at the end (the next page of a paged list)."""
        rows = list(rows)
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def show_page(self, rows, page_size: int, *, appending: bool) -> bool:
        """A page read with `limit=page_size + 1`: its first `page_size` rows replace the rows, or are
        added below them when `appending` (更多…). True when the read found more rows than a page."""
        rows = list(rows)
        if appending:
            self.append_rows(rows[:page_size])
        else:
            self.set_rows(rows[:page_size])
        return len(rows) > page_size

    def row(self, index: int) -> Any:
        """The row object at `index` (None when there is none)."""
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def rows(self) -> list:
        return list(self._rows)

    # --- what a subclass says ---------------------------------------------------------------

    def display(self, row: Any, column: int) -> str:
        """The text shown in `column` for `row`."""
        raise NotImplementedError

    def role_data(self, row: Any, column: int, role: int) -> Any:
        """Any role other than the text and the alignment (foreground, tooltip...); None: nothing."""
        return None

    # --- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.right_aligned:
            return RIGHT
        return self.role_data(row, column, role)
