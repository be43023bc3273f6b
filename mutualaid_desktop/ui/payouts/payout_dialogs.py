"""The dialogs of 给付 (ui/payouts/payout_page.py): 银行回单确认, 冲正, 更正账户, and 再次导出（副本）."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.ui.common.widgets import ERROR_COLOR, SubmitDialog, table_cell


def _money(amount) -> str:
    from mutualaid_desktop.domain.money import format_amount

    return format_amount(amount)


class SettleDialog(SubmitDialog):
    """银行回单确认: the date on the bank's receipt, and per row 退回 (Space) with the reason."""

    def __init__(self, batch_number: str, items, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settleDialog")
        self.setWindowTitle(self.tr("银行回单确认"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr("批次 {batch}：按银行回单确认。未勾选“退回”的行记为已给付；被退回的行请勾选并填写原因。").format(
                batch=batch_number
            )
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("settledOnEdit")
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        form.addRow(self.tr("银行办理日期："), self.date_edit)
        layout.addLayout(form)
        self.items = [i for i in items if i.status == "pending"]
        self.table = QTableWidget(len(self.items), 4)
        self.table.setObjectName("settleTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("退回"), self.tr("理赔编号"), self.tr("户名 / 金额"), self.tr("退回原因")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        for row, item in enumerate(self.items):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            check.setCheckState(Qt.CheckState.Unchecked)
            self.table.setItem(row, 0, check)
            for column, value in ((1, item.claim_number), (2, f"{item.account_holder}  {_money(item.amount)}")):
                cell = QTableWidgetItem(value)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, cell)
            self.table.setItem(row, 3, QTableWidgetItem(""))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemChanged.connect(self._changed)
        layout.addWidget(self.table)
        self.add_error_and_buttons(layout, self.tr("确认"), self.tr("取消"))
        if self.items:
            self.table.setCurrentCell(0, 0)
        self.resize(680, 420)

    def _changed(self, cell: QTableWidgetItem) -> None:
        if cell.column() == 3 and cell.text().strip():
            check = table_cell(self.table, cell.row(), 0)
            if check.checkState() != Qt.CheckState.Checked:
                check.setCheckState(Qt.CheckState.Checked)

    def set_returned(self, row: int, reason: str) -> None:
        table_cell(self.table, row, 0).setCheckState(Qt.CheckState.Checked)
        table_cell(self.table, row, 3).setText(reason)

    @property
    def settled_on(self) -> date:
        return self.date_edit.date().toPython()  # type: ignore[return-value]  # PySide6's stub: object

    @property
    def returned(self) -> dict[str, str]:
        out = {}
        for row, item in enumerate(self.items):
            if table_cell(self.table, row, 0).checkState() == Qt.CheckState.Checked:
                out[item.claim_number] = table_cell(self.table, row, 3).text().strip()
        return out


class ReverseDialog(SubmitDialog):
    """冲正: the amount (at most what was paid) and the reason, both required."""

    def __init__(self, item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reverseDialog")
        self.setWindowTitle(self.tr("冲正"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "理赔 {claim}（{holder}）已给付 {amount}。冲正不修改原给付记录，另记一笔冲正，状态改为“已冲正”。"
            ).format(claim=item.claim_number, holder=item.account_holder, amount=_money(item.amount))
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.amount_edit = QLineEdit(f"{item.amount:.2f}")
        self.amount_edit.setObjectName("amountEdit")
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setPlaceholderText(self.tr("必填，例如：发票已在其他渠道报销"))
        form.addRow(self.tr("冲正金额："), self.amount_edit)
        form.addRow(self.tr("冲正原因："), self.reason_edit)
        layout.addLayout(form)
        self.add_error_and_buttons(layout, self.tr("冲正"), self.tr("取消"))
        self.reason_edit.setFocus()
        self.resize(480, 200)


class AccountDialog(SubmitDialog):
    """更正账户 of a returned (or approved) claim: bank, holder, account number."""

    def __init__(self, item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountDialog")
        self.setWindowTitle(self.tr("更正给付账户"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr("理赔 {claim}：按新的银行卡复印件填写。更正后该理赔重新等待给付。").format(claim=item.claim_number)
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.bank_edit = QLineEdit(item.bank_name)
        self.bank_edit.setObjectName("bankEdit")
        self.holder_edit = QLineEdit(item.account_holder)
        self.holder_edit.setObjectName("holderEdit")
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("numberEdit")
        self.number_edit.setPlaceholderText(item.account_number)
        form.addRow(self.tr("开户行："), self.bank_edit)
        form.addRow(self.tr("户名："), self.holder_edit)
        form.addRow(self.tr("账号："), self.number_edit)
        layout.addLayout(form)
        self.add_error_and_buttons(layout, self.tr("保存"), self.tr("取消"))
        self.number_edit.setFocus()
        self.resize(480, 220)


class ExportCopyDialog(SubmitDialog):
    """再次导出银行文件（副本）: a batch whose file was exported before; a supervisor gives the reason.
    The file made is marked 副本, with the same batch number."""

    def __init__(self, batch_number: str, exports: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportCopyDialog")
        self.setWindowTitle(self.tr("再次导出银行文件（副本）"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "批次 {batch} 的银行文件已导出过 {count} 次。同一批次的文件再交银行会重复付款："
                "再次导出的文件标明“副本”（批次号不变），并记入审核记录。请写明原因（如：原文件丢失，未交银行）。"
            ).format(batch=batch_number, count=exports)
        )
        text.setObjectName("copyText")
        text.setWordWrap(True)
        text.setStyleSheet(f"color: {ERROR_COLOR};")
        layout.addWidget(text)
        form = QFormLayout()
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("copyReasonEdit")
        self.reason_edit.setPlaceholderText(self.tr("必填：为什么要再次导出"))
        self.reason_edit.setMinimumWidth(380)
        form.addRow(self.tr("原因："), self.reason_edit)
        layout.addLayout(form)
        self.add_error_and_buttons(layout, self.tr("导出副本"), self.tr("取消"))
        self.reason_edit.setFocus()
        self.resize(520, 200)

    @property
    def reason(self) -> str:
        return self.reason_edit.text()


__all__ = ["AccountDialog", "ExportCopyDialog", "ReverseDialog", "SettleDialog"]
