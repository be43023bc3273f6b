"""The enrollments saved on the 参保 page in this sitting, waiting for payment (and then paid)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject

from mutualaid_desktop.ui.common.list_table_model import ListTableModel

if TYPE_CHECKING:
    from mutualaid_desktop.services.enrollment.enrollment import EnrollmentResult


class SavedModel(ListTableModel):
    """The enrollments saved on this page, waiting for payment: 姓名 身份证号 计划 份数 金额 状态."""

    NAME, ID_NUMBER, PLAN, SHARES, PREMIUM, STATE = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self._paid: set[int] = set()
        self.headers = [self.tr("姓名"), self.tr("身份证号码"), self.tr("计划"), self.tr("份数"), self.tr("应缴"),
                        self.tr("状态")]  # fmt: skip

    def add(self, result: EnrollmentResult) -> None:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, result)
        self.endInsertRows()

    def mark_paid(self, enrollment_ids) -> None:
        self._paid.update(enrollment_ids)
        if self._rows:
            self.dataChanged.emit(self.index(0, self.STATE), self.index(len(self._rows) - 1, self.STATE))

    def unpaid_ids(self) -> list[int]:
        return [r.enrollment_id for r in reversed(self._rows) if r.enrollment_id not in self._paid]

    def display(self, r: EnrollmentResult, column: int) -> str:
        from mutualaid_desktop.domain.money import format_amount

        state = self.tr("已收款") if r.enrollment_id in self._paid else self.tr("待缴费")
        return (r.name, r.id_number, r.plan_code, str(r.shares), format_amount(r.premium), state)[column]
