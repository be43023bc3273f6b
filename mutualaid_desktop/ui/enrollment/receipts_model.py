"""The table of premium receipts shown by 票据 (receipts_page.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from mutualaid_desktop.ui.common.list_table_model import ListTableModel
from mutualaid_desktop.ui.common.widgets import ERROR_COLOR

if TYPE_CHECKING:
    from mutualaid_desktop.services.enrollment.payments import ReceiptRow


class ReceiptsModel(ListTableModel):
    """Receipts: 收据号 日期 缴款单位（人） 计划 人数 金额 方式 经办人 状态 备注 (the receipt it replaces or
    that replaced it, a transfer's bank reference, a void's reason, who and when)."""

    SERIAL, DAY, PAYER, PLANS, PEOPLE, AMOUNT, METHOD, CLERK, STATUS, NOTE = range(10)
    right_aligned = (PEOPLE, AMOUNT)

    def __init__(self, parent=None) -> None:
        super().__init__(parent=parent)
        self.headers = [
            self.tr("收据号"),
            self.tr("缴费日期"),
            self.tr("缴款单位（人）"),
            self.tr("计划"),
            self.tr("人数"),
            self.tr("金额"),
            self.tr("方式"),
            self.tr("经办人"),
            self.tr("状态"),
            self.tr("备注"),
        ]
        self._methods = {
            "cash": self.tr("现金"),
            "transfer": self.tr("转账"),
            "wechat": self.tr("微信"),
            "alipay": self.tr("支付宝"),
        }

    def note(self, r: ReceiptRow) -> str:
        parts = []
        if r.replaces_serial:
            parts.append(self.tr("替代 {serial}（已作废）").format(serial=r.replaces_serial))
        if r.bank_reference:
            parts.append(self.tr("流水号 {number}").format(number=r.bank_reference))
        if r.voided:
            when = f"{r.voided_at:%Y-%m-%d %H:%M}" if r.voided_at else ""
            parts.append(
                self.tr("作废：{reason}（{who}，{when}）").format(
                    reason=r.void_reason or "", who=r.voided_by_name or "", when=when
                )
            )
        if r.replaced_by_serial:
            parts.append(self.tr("已由 {serial} 替代").format(serial=r.replaced_by_serial))
        return "；".join(parts)

    def display(self, r: ReceiptRow, column: int) -> str:
        from mutualaid_desktop.domain.money import format_amount

        if column == self.NOTE:
            return self.note(r).replace("\n", " ")
        return (
            r.serial,
            r.paid_on.isoformat(),
            r.payer_name,
            r.plans,
            str(r.people),
            format_amount(r.amount),
            self._methods.get(r.method, r.method),
            r.clerk_name,
            self.tr("作废") if r.voided else self.tr("有效"),
        )[column]

    def role_data(self, r: ReceiptRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and r.voided:
            return QBrush(QColor(ERROR_COLOR))
        if role == Qt.ItemDataRole.ToolTipRole and (r.voided or column == self.NOTE):
            return self.note(r) or None
        return None
