"""理赔审核's queue: the claims waiting for a decision, as a table model."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from mutualaid_desktop.domain import clock
from mutualaid_desktop.ui.common.list_table_model import ListTableModel

if TYPE_CHECKING:
    from mutualaid_desktop.services.claims.claims_review import QueueRow


def money_or_dash(amount: Decimal | None) -> str:
    from mutualaid_desktop.domain.money import format_amount

    return "—" if amount is None else format_amount(amount)


class ReviewQueueModel(ListTableModel):
    """Claims waiting: 理赔编号 受理日期 等待天数 姓名 单位 计划 计算金额 经办人 材料."""

    NUMBER, RECEIVED, DAYS, NAME, UNIT, PLAN, AMOUNT, CLERK, PAPERS = range(9)
    right_aligned = (DAYS, AMOUNT)

    def __init__(self, parent=None, *, today: Callable[[], date] = clock.today) -> None:
        super().__init__(parent=parent)
        self._today = today
        self.headers = [
            self.tr("理赔编号"),
            self.tr("受理日期"),
            self.tr("等待天数"),
            self.tr("姓名"),
            self.tr("单位"),
            self.tr("计划"),
            self.tr("计算金额"),
            self.tr("经办人"),
            self.tr("材料"),
        ]
        self._complete = {True: self.tr("齐全"), False: self.tr("缺"), None: "—"}

    def display(self, r: QueueRow, column: int) -> str:
        if column == self.NUMBER:
            return r.claim_number
        if column == self.RECEIVED:
            return r.received_on.isoformat()
        if column == self.DAYS:
            return str(r.days_waiting(self._today()))
        if column == self.NAME:
            return r.member_name
        if column == self.UNIT:
            return r.unit_name or ""
        if column == self.PLAN:
            return r.plan_code
        if column == self.AMOUNT:
            return money_or_dash(r.quoted)
        if column == self.CLERK:
            return r.clerk_name
        return self._complete[r.papers_complete]

    def role_data(self, r: QueueRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.PLAN, self.NAME):
            return f"{r.plan_name}\n{r.member_name} {r.id_number}"
        return None
