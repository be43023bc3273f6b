"""The 票据 screen's dialogs: 作废收据 (the reason is required) and 待缴费 (choose what a payer pays for)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.ui.common.list_table_model import ListTableModel
from mutualaid_desktop.ui.common.widgets import selected_row


class VoidDialog(QDialog):
    """作废收据: the reason is required."""

    def __init__(self, serial: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voidDialog")
        self.setWindowTitle(self.tr("作废收据"))
        layout = QVBoxLayout(self)
        text = QLabel(self.tr("作废收据 {serial}：收据保留并标记“作废”，所缴人员恢复为待缴费。").format(serial=serial))
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setPlaceholderText(self.tr("必填，例如：缴费方式录错"))
        form.addRow(self.tr("作废原因："), self.reason_edit)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("作废"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason_edit.textChanged.connect(lambda t: self.ok_button.setEnabled(bool(t.strip())))
        self.ok_button.setEnabled(False)
        self.reason_edit.setFocus()
        self.resize(460, 150)

    @property
    def reason(self) -> str:
        return self.reason_edit.text().strip()


class PendingModel(ListTableModel):
    """What waits for payment, by unit and plan."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent=parent)
        self.headers = [self.tr("单位"), self.tr("计划"), self.tr("人数"), self.tr("应缴金额")]

    def display(self, g, column: int) -> str:
        from mutualaid_desktop.domain.money import format_amount

        unit = g.unit_name or self.tr("（个人参保）")
        return (unit, g.plan_name, str(g.people), format_amount(g.total))[column]


class PendingDialog(QDialog):
    """Choose what a payer pays for: pending enrollments by unit and plan."""

    def __init__(self, groups, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pendingDialog")
        self.setWindowTitle(self.tr("待缴费"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("选择要收款的单位和计划（按回车确认）：")))
        self.model = PendingModel(self)
        self.model.set_rows(groups)
        self.table = QTableView()
        self.table.setObjectName("pendingTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _index: self.accept())
        layout.addWidget(self.table)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("收款"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if self.model.rowCount():
            self.table.selectRow(0)
        self.table.setFocus()
        self.resize(640, 400)

    def chosen(self):
        return selected_row(self.table)
