"""收款: recording a premium payment for some pending enrollments, and printing its receipt.

The dialog shows who pays, the people and the amount due; the clerk chooses the method, checks
the date and types the amount received, which must be exactly the amount due. 确认收款 records the
payment, makes the receipt PDF and opens it in the preview, to print it. Keyboard: the amount
field has the focus; Enter confirms.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.ui.background import user_message
from mutualaid_desktop.ui.fonts import scaled
from mutualaid_desktop.ui.list_table_model import ListTableModel
from mutualaid_desktop.ui.widgets import ERROR_COLOR

if TYPE_CHECKING:
    from mutualaid_desktop.services.payments import PaymentDue, PaymentResult
    from mutualaid_desktop.services.users import UserInfo
    from mutualaid_desktop.store.database import Database

log = logging.getLogger(__name__)

METHOD_CODES = ("cash", "transfer", "wechat", "alipay")


def open_pdf(path: Path, *, on_printed: Callable[[str], object] | None = None) -> bool:
    """Show a paper in the program's preview (ui/paper_preview.py), from where it is printed, saved
    elsewhere or opened with the system's viewer. Where the PDF cannot be read, the clerk is told
    where the file was saved, to open or print it by hand. QtPdf is imported here, on first use.

    `on_printed(printer_name)` is called after each successful print (see PaperPreviewDialog)."""
    from mutualaid_desktop.ui.paper_preview import PaperPreviewDialog

    dialog = PaperPreviewDialog(path, QApplication.activeWindow(), on_printed=on_printed)
    try:
        if dialog.loaded():
            dialog.exec()
            return True
        log.warning("cannot show %s: %s", path, dialog.document.status())
    finally:
        dialog.deleteLater()
    QMessageBox.information(
        QApplication.activeWindow(),
        QCoreApplication.translate("open_pdf", "文件已保存"),
        QCoreApplication.translate("open_pdf", "这份文件无法在程序里显示。文件已保存在：\n{path}\n请用 PDF 阅读器打开后打印。").format(path=path),
    )
    return False


def paper_path(db: Database, folder: str, name: str) -> Path:
    from mutualaid_desktop.services.payments import papers_folder

    return papers_folder(db) / folder / f"{name}.pdf"


class DuePersonsModel(ListTableModel):
    """The people a payment is for: 姓名 身份证号 计划 份数 金额."""

    NAME, ID_NUMBER, PLAN, SHARES, AMOUNT = range(5)
    right_aligned = (SHARES, AMOUNT)

    def __init__(self, persons=(), parent=None) -> None:
        super().__init__(persons, parent)
        self.headers = [self.tr("姓名"), self.tr("身份证号"), self.tr("计划"), self.tr("份数"), self.tr("金额")]

    def display(self, person, column: int) -> str:
        from mutualaid_desktop.domain.money import format_amount

        return (person.name, person.id_number, person.plan_code, str(person.shares),
                format_amount(person.premium))[column]


class PaymentDialog(QDialog):
    """Receive the premiums of `enrollment_ids`. After 确认收款 `result` holds the PaymentResult
    and `pdf_path` the receipt's PDF."""

    paymentRecorded = Signal(object)  # PaymentResult

    def __init__(
        self,
        db: Database,
        user: UserInfo,
        *,
        enrollment_ids: list[int],
        parent: QWidget | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("paymentDialog")
        self.setWindowTitle(self.tr("收款"))
        self._db = db
        self._user = user
        self._ids = list(enrollment_ids)
        self._today = today
        self.due: PaymentDue | None = None
        self.result: PaymentResult | None = None
        self.pdf_path: Path | None = None
        self._build()
        self._load()

    # --- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        from PySide6.QtWidgets import QApplication

        base = QApplication.font()
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.payer_label = QLabel()
        self.payer_label.setObjectName("payerLabel")
        self.payer_label.setFont(scaled(base, 1.25, bold=True))
        self.payer_label.setWordWrap(True)
        layout.addWidget(self.payer_label)
        self.lines_label = QLabel()
        self.lines_label.setObjectName("linesLabel")
        self.lines_label.setWordWrap(True)
        layout.addWidget(self.lines_label)

        self.model = DuePersonsModel(parent=self)
        self.table = QTableView()
        self.table.setObjectName("personsTable")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DuePersonsModel.PLAN, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(160)
        layout.addWidget(self.table, 1)

        self.due_label = QLabel()
        self.due_label.setObjectName("dueLabel")
        self.due_label.setFont(scaled(base, 1.35, bold=True))
        self.due_label.setStyleSheet("color: #1f4e79;")
        layout.addWidget(self.due_label)
        self.words_label = QLabel()
        self.words_label.setObjectName("wordsLabel")
        layout.addWidget(self.words_label)

        form = QFormLayout()
        self.payer_combo = QComboBox()
        self.payer_combo.setObjectName("payerCombo")
        self.payer_combo.currentIndexChanged.connect(self._payer_changed)
        form.addRow(self.tr("缴款人："), self.payer_combo)
        self.method_combo = QComboBox()
        self.method_combo.setObjectName("methodCombo")
        for code, label in zip(METHOD_CODES, (self.tr("现金"), self.tr("转账"), self.tr("微信"), self.tr("支付宝"))):
            self.method_combo.addItem(label, code)
        form.addRow(self.tr("缴费方式："), self.method_combo)
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("paidOnEdit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        today = self._today()
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        self.date_edit.dateChanged.connect(self._date_changed)
        form.addRow(self.tr("缴费日期："), self.date_edit)
        self.amount_edit = QLineEdit()
        self.amount_edit.setObjectName("amountEdit")
        self.amount_edit.setPlaceholderText(self.tr("输入实收金额，须与应缴金额一致"))
        self.amount_edit.setFont(scaled(base, 1.2))
        self.amount_edit.returnPressed.connect(self.confirm)
        form.addRow(self.tr("实收金额："), self.amount_edit)
        layout.addLayout(form)

        self.message_label = QLabel()
        self.message_label.setObjectName("messageLabel")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(f"color: {ERROR_COLOR};")
        self.message_label.setVisible(False)
        layout.addWidget(self.message_label)

        self.buttons = QDialogButtonBox()
        self.confirm_button = QPushButton(self.tr("确认收款"))
        self.confirm_button.setObjectName("confirmButton")
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self.confirm)
        self.buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        cancel.setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.payer_combo, self.method_combo)
        self.setTabOrder(self.method_combo, self.date_edit)
        self.setTabOrder(self.date_edit, self.amount_edit)
        self.setTabOrder(self.amount_edit, self.confirm_button)
        self.resize(720, 620)

    # --- data -------------------------------------------------------------------------------

    def _paid_on(self) -> date:
        return self.date_edit.date().toPython()

    def _load(self) -> None:
        from mutualaid_desktop.services.payments import due_for

        try:
            self.due = due_for(self._db, enrollment_ids=self._ids, paid_on=self._paid_on())
        except Exception as exc:  # shown to the clerk; nothing to pay
            self.due = None
            self._show_message(user_message(exc, self.tr("读取应缴金额时出现意外错误。")))
            self.confirm_button.setEnabled(False)
            self.amount_edit.setEnabled(False)
            self.payer_label.setText(self.tr("无法收款"))
            return
        self._show_due()
        self.amount_edit.setFocus()

    def _show_due(self) -> None:
        from mutualaid_desktop.domain.money import amount_in_words, format_amount

        due = self.due
        self.payer_combo.blockSignals(True)
        self.payer_combo.clear()
        for payer in due.payers:
            kind = self.tr("单位") if payer.kind == "unit" else self.tr("个人")
            self.payer_combo.addItem(f"{kind}：{payer.name}（{payer.code}）")
        self.payer_combo.setEnabled(len(due.payers) > 1)
        self.payer_combo.blockSignals(False)
        self._payer_changed(self.payer_combo.currentIndex())
        lines = []
        for line in due.lines:
            lines.append(self.tr("{plan}：{people} 人，{shares} 份，保障 {start} 至 {end}，{amount}").format(
                plan=line.plan_name, people=line.people, shares=line.shares, start=line.cover_start.isoformat(),
                end=line.cover_end.isoformat(), amount=format_amount(line.amount)))
        self.lines_label.setText("\n".join(lines))
        self.model.set_rows(due.persons)
        self.due_label.setText(self.tr("应缴金额：{amount}（{count} 人）").format(
            amount=format_amount(due.total), count=due.people))
        self.words_label.setText(self.tr("大写：{words}").format(words=amount_in_words(due.total)))

    def _payer_changed(self, index: int) -> None:
        if self.due is not None and 0 <= index < len(self.due.payers):
            self.payer_label.setText(self.tr("缴款人：{name}").format(name=self.due.payers[index].name))

    def _date_changed(self) -> None:
        if self.due is not None:  # the cover start depends on the day of payment
            index = self.payer_combo.currentIndex()
            self._load()
            self.payer_combo.setCurrentIndex(max(0, index))

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    @property
    def method(self) -> str:
        return self.method_combo.currentData()

    # --- confirming -------------------------------------------------------------------------

    def confirm(self) -> None:
        if self.due is None or not self.confirm_button.isEnabled():
            return
        from mutualaid_desktop.services.payments import record_payment, save_paper
        from mutualaid_desktop.services.printed_papers import printer_recorder

        payer = self.due.payers[max(0, self.payer_combo.currentIndex())]
        text = self.amount_edit.text().strip()
        if not text:
            self._show_message(self.tr("请输入实收金额。"))
            self.amount_edit.setFocus()
            return
        try:
            result = record_payment(
                self._db, self._user, enrollment_ids=self._ids,
                payer_unit_code=payer.unit_code if payer.kind == "unit" else None,
                payer_member_id=payer.member_id if payer.kind == "member" else None,
                amount=text, method=self.method, paid_on=self._paid_on(), today=self._today(),
            )
        except Exception as exc:
            self._show_message(user_message(exc, self.tr("收款没有成功，数据未改动。")))
            self.amount_edit.selectAll()
            self.amount_edit.setFocus()
            return
        self.result = result
        self.paymentRecorded.emit(result)
        try:
            self.pdf_path = save_paper(result.paper, paper_path(self._db, "receipts", result.serial))
            open_pdf(self.pdf_path, on_printed=printer_recorder(self._db, self._user, kind="premium_receipt",
                                                                serial=result.serial, copy_number=0))
        except Exception as exc:  # the payment stands; the receipt can be printed again (补打)
            log.exception("receipt PDF failed")
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, self.tr("收据"), self.tr(
                "收款已记录（收据号 {serial}），但收据文件没有生成：{reason}\n请在“票据”中补打。").format(
                    serial=result.serial, reason=str(exc)))
        self.accept()
