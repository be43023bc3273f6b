"""The roster import's preview: the bad rows (row number, name, ID number, reason) and the good rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from mutualaid_desktop.ui.common.list_table_model import ListTableModel
from mutualaid_desktop.ui.common.widgets import ERROR_COLOR


class BadRowsModel(ListTableModel):
    """行号 姓名 身份证号码 原因."""

    ROW, NAME, ID_NUMBER, REASON = range(4)
    right_aligned = (ROW,)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self._name_col: int | None = None
        self._id_col: int | None = None
        self.headers = [self.tr("行号"), self.tr("姓名"), self.tr("身份证号码"), self.tr("原因")]

    def set_rows(self, rows: list, name_col: int | None = None, id_col: int | None = None) -> None:
        self.beginResetModel()
        self._rows, self._name_col, self._id_col = list(rows), name_col, id_col
        self.endResetModel()

    def display(self, bad, column: int) -> str:
        if column == self.ROW:
            return str(bad.row)
        if column == self.NAME:
            return bad.cells[self._name_col] if self._name_col is not None and self._name_col < len(bad.cells) else ""
        if column == self.ID_NUMBER:
            return bad.cells[self._id_col] if self._id_col is not None and self._id_col < len(bad.cells) else ""
        return bad.reason

    def role_data(self, bad, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.display(bad, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.REASON:
            return QColor(ERROR_COLOR)
        return None


class GoodRowsModel(ListTableModel):
    """行号 姓名 身份证号码 性别 出生日期 手机 份数 会员."""

    ROW, NAME, ID_NUMBER, SEX, BIRTH, PHONE, SHARES, MEMBER = range(8)
    right_aligned = (ROW, SHARES)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.headers = [self.tr("行号"), self.tr("姓名"), self.tr("身份证号码"), self.tr("性别"), self.tr("出生日期"),
                        self.tr("手机"), self.tr("份数"), self.tr("会员")]  # fmt: skip
        self._sex = {"male": self.tr("男"), "female": self.tr("女")}
        self._member = (self.tr("新会员"), self.tr("已有会员"))

    def display(self, good, column: int) -> str:
        return (
            str(good.row), good.name, good.id_number, self._sex.get(good.sex, good.sex), good.birth_date.isoformat(),
            good.phone or "", str(good.shares), self._member[good.member_id is not None],
        )[column]  # fmt: skip
