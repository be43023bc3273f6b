"""The tables of 给付 (payout_page.py): claims waiting for a batch, the batches, and a batch's items."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from mutualaid_desktop.ui.common.list_table_model import ListTableModel


def _money(amount) -> str:
    from mutualaid_desktop.domain.money import format_amount

    return format_amount(amount)


class PayableModel(ListTableModel):
    """Approved claims waiting for a batch: 理赔编号 姓名 计划 核定金额 开户行 账号."""

    NUMBER, NAME, PLAN, AMOUNT, BANK, ACCOUNT = range(6)
    right_aligned = (AMOUNT,)

    def __init__(self, parent=None) -> None:
        super().__init__(parent=parent)
        self.headers = [
            self.tr("理赔编号"),
            self.tr("姓名"),
            self.tr("计划"),
            self.tr("核定金额"),
            self.tr("开户行"),
            self.tr("账号"),
        ]

    def display(self, r, column: int) -> str:
        account = r.account_number or self.tr("（未登记账户）")
        return (r.claim_number, r.member_name, r.plan_code, _money(r.amount), r.bank_name or "", account)[column]

    def role_data(self, r, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and not r.has_account:
            return QBrush(QColor("#b3261e"))
        return None


class BatchesModel(ListTableModel):
    """Payout batches: 批次号 生成日期 笔数 金额 待确认 已给付 退回 状态."""

    NUMBER, DAY, COUNT, TOTAL, PENDING, PAID, RETURNED, STATUS = range(8)
    right_aligned = (COUNT, TOTAL, PENDING, PAID, RETURNED)

    def __init__(self, parent=None) -> None:
        super().__init__(parent=parent)
        self.headers = [
            self.tr("批次号"),
            self.tr("生成日期"),
            self.tr("笔数"),
            self.tr("金额"),
            self.tr("待确认"),
            self.tr("已给付"),
            self.tr("退回"),
            self.tr("状态"),
        ]
        self._status = {"open": self.tr("未导出"), "exported": self.tr("已导出"), "closed": self.tr("已结清")}

    def display(self, b, column: int) -> str:
        status = self._status.get(b.status, b.status)
        if b.export_count > 1:  # copies (副本) were made
            status = self.tr("{status}（导出 {count} 次，含副本）").format(status=status, count=b.export_count)
        return (
            b.batch_number,
            b.created_on.isoformat(),
            str(b.count),
            _money(b.total),
            str(b.pending),
            str(b.paid),
            str(b.returned),
            status,
        )[column]


class ItemsModel(ListTableModel):
    """The rows of a batch: 理赔编号 户名 开户行 账号 金额 状态 退回原因."""

    NUMBER, HOLDER, BANK, ACCOUNT, AMOUNT, STATUS, REASON = range(7)
    right_aligned = (AMOUNT,)

    def __init__(self, parent=None) -> None:
        super().__init__(parent=parent)
        self.headers = [
            self.tr("理赔编号"),
            self.tr("户名"),
            self.tr("开户行"),
            self.tr("账号"),
            self.tr("金额"),
            self.tr("状态"),
            self.tr("退回原因"),
        ]
        self._status = {"pending": self.tr("待银行确认"), "paid": self.tr("已给付"), "returned": self.tr("银行退回")}

    def display(self, i, column: int) -> str:
        return (
            i.claim_number,
            i.account_holder,
            i.bank_name,
            i.account_number,
            _money(i.amount),
            self._status.get(i.status, i.status),
            i.return_reason or "",
        )[column]

    def role_data(self, i, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and i.status == "returned":
            return QBrush(QColor("#b3261e"))
        return None
