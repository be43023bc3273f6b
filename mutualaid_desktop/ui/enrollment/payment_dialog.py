"""收款: recording a premium payment for some pending enrollments, and printing its receipt.

The dialog shows who pays, the people and the amount due; the clerk chooses the method (a
transfer may carry its 银行流水号), checks the date and types the amount received, which must be exactly the amount due. 确认收款 records the
payment, makes the receipt PDF and opens it in the preview, to print it. Keyboard: the amount
field has the focus; Enter confirms.

Both service calls run off the GUI thread (the window's task runner), as a unit renewing 20,000
people takes some seconds to record: the amount due is read when the dialog opens (正在计算应缴金额…,
确认收款 disabled; the amount can already be typed) and again when the date changes; 确认收款
puts the dialog in a busy state (正在收款，请稍候…: every control disabled, Esc and the close button
ignored) until the payment is recorded and its receipt PDF made, so a second Enter or click never
records a second payment. A refused payment (ServiceError: the service changes nothing) leaves
the dialog as it was, with the message.

When the rest of the cover of some of the people lies wholly inside the waiting period (a first
cover paid late in the plan year: services/enrollment.waiting_warnings), the dialog says so with the
amount due, and 确认收款 waits until the clerk ticks that the payer was told — before any money is taken.

The jobs run on the window's task runner (ui/shell/task_runner.py), in order with the counter's other
operations; a batch of papers and the integrity check run on its long lane and do not hold a payment up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.domain import clock
from mutualaid_desktop.ui.common.list_table_model import ListTableModel
from mutualaid_desktop.ui.common.widgets import ERROR_COLOR
from mutualaid_desktop.ui.enrollment.payment_jobs import due_and_waiting, record_and_save, without_gc_pauses
from mutualaid_desktop.ui.enrollment.payment_jobs import paper_path as paper_path  # used by the other screens
from mutualaid_desktop.ui.shell.background import user_message
from mutualaid_desktop.ui.shell.fonts import scaled

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.enrollment.payments import PaymentDue, PaymentResult
    from mutualaid_desktop.store.database import Database
    from mutualaid_desktop.ui.shell.task_runner import TaskRunner

log = logging.getLogger(__name__)

METHOD_CODES = ("cash", "transfer", "wechat", "alipay")


def open_pdf(
    path: Path, *, on_printed: Callable[[str], object] | None = None, runner: TaskRunner | None = None
) -> bool:
    """Show a paper in the program's preview (ui/papers/paper_preview.py), from where it is printed, saved
    elsewhere or opened with the system's viewer. Where the PDF cannot be read, the clerk is told
    where the file was saved, to open or print it by hand. QtPdf is imported here, on first use.

    `on_printed(printer_name)` is called after each successful print (see PaperPreviewDialog), on `runner`
    (the window's task runner) when given: a printer recorder writes the print record."""
    from mutualaid_desktop.ui.papers.paper_preview import PaperPreviewDialog

    dialog = PaperPreviewDialog(path, QApplication.activeWindow(), on_printed=on_printed, runner=runner)
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
        QCoreApplication.translate(
            "open_pdf", "这份文件无法在程序里显示。文件已保存在：\n{path}\n请用 PDF 阅读器打开后打印。"
        ).format(path=path),
    )
    return False


class DuePersonsModel(ListTableModel):
    """The people a payment is for: 姓名 身份证号 计划 份数 金额."""

    NAME, ID_NUMBER, PLAN, SHARES, AMOUNT = range(5)
    right_aligned = (SHARES, AMOUNT)

    def __init__(self, persons=(), parent=None) -> None:
        super().__init__(persons, parent)
        self.headers = [self.tr("姓名"), self.tr("身份证号"), self.tr("计划"), self.tr("份数"), self.tr("金额")]

    def display(self, person, column: int) -> str:
        from mutualaid_desktop.domain.money import format_amount

        return (person.name, person.id_number, person.plan_code, str(person.shares), format_amount(person.premium))[
            column
        ]


class PaymentDialog(QDialog):
    """Receive the premiums of `enrollment_ids`. After 确认收款 `result` holds the PaymentResult
    and `pdf_path` the receipt's PDF.

    `due` is None until the amount due has been read (`dueLoaded` then carries it, or None when it
    could not be read); `loading` and `recording` tell what runs in the background, on `worker`
    (the window's task runner)."""

    paymentRecorded = Signal(object)  # PaymentResult
    dueLoaded = Signal(object)  # PaymentDue, or None when it could not be read
    busyChanged = Signal(object)  # a bool (recording); not Signal(bool): see background.py

    def __init__(
        self,
        db: Database,
        user: UserInfo,
        *,
        enrollment_ids: list[int],
        parent: QWidget | None = None,
        today: Callable[[], date] = clock.today,
        worker: TaskRunner,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("paymentDialog")
        self.setWindowTitle(self.tr("收款"))
        self._db = db
        self._user = user
        self._ids = list(enrollment_ids)
        self._today = today
        self._worker = worker
        self.due: PaymentDue | None = None
        self.waiting = None  # services.enrollment.WaitingWarning for the day of payment, or None
        self.result: PaymentResult | None = None  # type: ignore[assignment]  # shadows QDialog.result()
        self.pdf_path: Path | None = None
        self._load_number = 0  # the latest reading of the amount due; older answers are dropped
        self._loading = False
        self._load_failed = False
        self._recording = False
        from mutualaid_desktop.services.enrollment.payment_parts import pay_refusal

        self.refusal = pay_refusal(user)  # a user who may not take money is told before typing
        self._build()
        if self.refusal:
            self._show_message(self.refusal)
        self._load()

    # --- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        base = QApplication.font()
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self._build_summary(layout, base)
        self._build_persons_table(layout)
        self._build_due_labels(layout, base)
        self._build_form(layout, base)
        self._build_waiting(layout)
        self._build_message(layout)
        self._build_status_row(layout, base)
        self._build_buttons(layout)
        self._set_tab_order()
        self.amount_edit.setFocus()
        self.resize(720, 620)

    def _build_summary(self, layout: QVBoxLayout, base: QFont) -> None:
        """Who pays and, a line per plan, for what."""
        self.payer_label = QLabel()
        self.payer_label.setObjectName("payerLabel")
        self.payer_label.setFont(scaled(base, 1.25, bold=True))
        self.payer_label.setWordWrap(True)
        layout.addWidget(self.payer_label)
        self.lines_label = QLabel()
        self.lines_label.setObjectName("linesLabel")
        self.lines_label.setWordWrap(True)
        layout.addWidget(self.lines_label)

    def _build_persons_table(self, layout: QVBoxLayout) -> None:
        """The people paid for (read only, not in the tab order)."""
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

    def _build_due_labels(self, layout: QVBoxLayout, base: QFont) -> None:
        """应缴金额 in figures and in words."""
        self.due_label = QLabel()
        self.due_label.setObjectName("dueLabel")
        self.due_label.setFont(scaled(base, 1.35, bold=True))
        self.due_label.setStyleSheet("color: #1f4e79;")
        layout.addWidget(self.due_label)
        self.words_label = QLabel()
        self.words_label.setObjectName("wordsLabel")
        layout.addWidget(self.words_label)

    def _build_form(self, layout: QVBoxLayout, base: QFont) -> None:
        """缴款人, 缴费方式, 银行流水号, 缴费日期, 实收金额."""
        form = QFormLayout()
        self.payer_combo = QComboBox()
        self.payer_combo.setObjectName("payerCombo")
        self.payer_combo.setEnabled(False)
        self.payer_combo.currentIndexChanged.connect(self._payer_changed)
        form.addRow(self.tr("缴款人："), self.payer_combo)
        self.method_combo = QComboBox()
        self.method_combo.setObjectName("methodCombo")
        for code, label in zip(
            METHOD_CODES, (self.tr("现金"), self.tr("转账"), self.tr("微信"), self.tr("支付宝")), strict=True
        ):
            self.method_combo.addItem(label, code)
        form.addRow(self.tr("缴费方式："), self.method_combo)
        # a transfer's 银行流水号 (optional: the bank's notice may come later; cleaned by the service)
        self.bank_reference_edit = QLineEdit()
        self.bank_reference_edit.setObjectName("bankReferenceEdit")
        self.bank_reference_edit.setPlaceholderText(self.tr("转账时填写银行回单上的流水号，便于与银行对账"))
        self.bank_reference_edit.returnPressed.connect(lambda: self.amount_edit.setFocus())
        form.addRow(self.tr("银行流水号："), self.bank_reference_edit)
        self.method_combo.currentIndexChanged.connect(lambda _i: self._update_controls())
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("paidOnEdit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        today = self._today()
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        self.date_edit.dateChanged.connect(self._date_changed)
        form.addRow(self.tr("缴费日期："), self.date_edit)
        self.amount_edit: QLineEdit = QLineEdit()
        self.amount_edit.setObjectName("amountEdit")
        self.amount_edit.setPlaceholderText(self.tr("输入实收金额，须与应缴金额一致"))
        self.amount_edit.setFont(scaled(base, 1.2))
        self.amount_edit.returnPressed.connect(self.confirm)
        form.addRow(self.tr("实收金额："), self.amount_edit)
        layout.addLayout(form)

    def _build_waiting(self, layout: QVBoxLayout) -> None:
        # the whole cover inside the waiting period: said, and confirmed before money is taken
        self.waiting_label = QLabel()
        self.waiting_label.setObjectName("waitingLabel")
        self.waiting_label.setWordWrap(True)
        self.waiting_label.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.waiting_label.setVisible(False)
        layout.addWidget(self.waiting_label)
        self.waiting_check = QCheckBox(self.tr("已向缴款人说明上述情况，缴款人仍要缴费"))
        self.waiting_check.setObjectName("waitingCheck")
        self.waiting_check.setVisible(False)
        self.waiting_check.toggled.connect(lambda _on: self._update_controls())
        layout.addWidget(self.waiting_check)

    def _build_message(self, layout: QVBoxLayout) -> None:
        """A refusal or an error, in red."""
        self.message_label = QLabel()
        self.message_label.setObjectName("messageLabel")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(f"color: {ERROR_COLOR};")
        self.message_label.setVisible(False)
        layout.addWidget(self.message_label)

    def _build_status_row(self, layout: QVBoxLayout, base: QFont) -> None:
        # what runs in the background: 正在计算应缴金额… / 正在收款，请稍候…
        self.status_row = QWidget()
        self.status_row.setObjectName("statusRow")
        status_layout = QHBoxLayout(self.status_row)
        status_layout.setContentsMargins(0, 0, 0, 0)
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("busyBar")
        self.busy_bar.setRange(0, 0)  # no figures to show: it only moves
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedWidth(120)
        status_layout.addWidget(self.busy_bar)
        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)
        self.status_label.setFont(scaled(base, 1.1, bold=True))
        self.status_label.setStyleSheet("color: #1f4e79;")
        status_layout.addWidget(self.status_label, 1)
        self.status_row.setVisible(False)
        layout.addWidget(self.status_row)

    def _build_buttons(self, layout: QVBoxLayout) -> None:
        """确认收款 and 取消."""
        self.buttons = QDialogButtonBox()
        self.confirm_button = QPushButton(self.tr("确认收款"))
        self.confirm_button.setObjectName("confirmButton")
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.setEnabled(False)
        self.confirm_button.clicked.connect(self.confirm)
        self.buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setText(self.tr("取消"))
        self.cancel_button.setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _set_tab_order(self) -> None:
        """payer, method, bank reference, date, amount, the waiting check, 确认收款."""
        self.setTabOrder(self.payer_combo, self.method_combo)
        self.setTabOrder(self.method_combo, self.bank_reference_edit)
        self.setTabOrder(self.bank_reference_edit, self.date_edit)
        self.setTabOrder(self.date_edit, self.amount_edit)
        self.setTabOrder(self.amount_edit, self.waiting_check)
        self.setTabOrder(self.waiting_check, self.confirm_button)

    # --- state ------------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """The amount due is being read."""
        return self._loading

    @property
    def recording(self) -> bool:
        """确认收款 was pressed and the payment is being recorded (the dialog cannot be closed)."""
        return self._recording

    def _set_status(self, text: str, *, busy: bool = True) -> None:
        self.status_label.setText(text)
        self.busy_bar.setVisible(busy)
        self.status_row.setVisible(bool(text))

    def _update_controls(self) -> None:
        busy = self._recording or self.result is not None
        told = self.waiting is None or self.waiting_check.isChecked()
        self.confirm_button.setEnabled(
            not busy
            and not self._loading
            and self.due is not None
            and not self._load_failed
            and told
            and self.refusal is None
        )
        self.confirm_button.setToolTip(self.refusal or "")
        transfer = self.method_combo.currentData() == "transfer"
        self.bank_reference_edit.setEnabled(not busy and transfer)
        self.bank_reference_edit.setToolTip("" if transfer else self.tr("只有转账才填写银行流水号"))
        self.waiting_check.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self.amount_edit.setEnabled(not busy and not self._load_failed)
        self.method_combo.setEnabled(not busy)
        self.date_edit.setEnabled(not busy)
        self.payer_combo.setEnabled(not busy and self.due is not None and len(self.due.payers) > 1)

    # --- data -------------------------------------------------------------------------------

    def _paid_on(self) -> date:
        day = self.date_edit.date().toPython()
        assert isinstance(day, date)
        return day

    def _load(self) -> None:
        """Read the amount due for the day of payment, in the background."""
        self._load_number += 1
        number = self._load_number
        self._loading = True
        self._set_status(self.tr("正在计算应缴金额…"))
        self._update_controls()
        db, ids, paid_on = self._db, self._ids, self._paid_on()
        self._worker.query(
            lambda: without_gc_pauses(due_and_waiting, db, enrollment_ids=ids, paid_on=paid_on),
            parent=self,
            success=lambda found: self._due_read(number, found),
            failure=lambda error: self._due_failed(number, error),
        )

    def _due_read(self, number: int, found) -> None:
        if number != self._load_number:
            return  # the date changed meanwhile: a newer reading is on its way
        due, waiting = found
        index = self.payer_combo.currentIndex()
        self._loading = False
        self._load_failed = False
        self.due = due
        self._show_waiting(waiting)
        self._set_status("")
        self._show_message(self.refusal or "")
        self._show_due()
        if 0 < index < self.payer_combo.count():
            self.payer_combo.setCurrentIndex(index)
        self._update_controls()
        if self.focusWidget() in (None, self.cancel_button, self.confirm_button):
            self.amount_edit.setFocus()
        self.dueLoaded.emit(due)

    def _due_failed(self, number: int, error: BaseException) -> None:
        if number != self._load_number:
            return
        self._loading = False
        self._load_failed = True
        self.due = None  # shown to the clerk; nothing to pay
        self._set_status("")
        self._show_message(user_message(error, self.tr("读取应缴金额时出现意外错误。")))
        self.payer_label.setText(self.tr("无法收款"))
        self._update_controls()
        self.dueLoaded.emit(None)

    def _show_due(self) -> None:
        from mutualaid_desktop.domain.money import amount_in_words, format_amount

        due = self.due
        if due is None:
            return
        self.payer_combo.blockSignals(True)
        self.payer_combo.clear()
        for payer in due.payers:
            kind = self.tr("单位") if payer.kind == "unit" else self.tr("个人")
            self.payer_combo.addItem(f"{kind}：{payer.name}（{payer.code}）")
        self.payer_combo.blockSignals(False)
        self._payer_changed(self.payer_combo.currentIndex())
        lines = []
        for line in due.lines:
            lines.append(
                self.tr("{plan}：{people} 人，{shares} 份，保障 {start} 至 {end}，{amount}").format(
                    plan=line.plan_name,
                    people=line.people,
                    shares=line.shares,
                    start=line.cover_start.isoformat(),
                    end=line.cover_end.isoformat(),
                    amount=format_amount(line.amount),
                )
            )
        self.lines_label.setText("\n".join(lines))
        self.model.set_rows(due.persons)
        self.due_label.setText(
            self.tr("应缴金额：{amount}（{count} 人）").format(amount=format_amount(due.total), count=due.people)
        )
        self.words_label.setText(self.tr("大写：{words}").format(words=amount_in_words(due.total)))

    def _show_waiting(self, waiting) -> None:
        """The warning of a cover wholly inside the waiting period, and the box that confirms it was told."""
        changed = (waiting.message if waiting else None) != (self.waiting.message if self.waiting else None)
        self.waiting = waiting
        self.waiting_label.setText(waiting.message if waiting else "")
        self.waiting_label.setVisible(waiting is not None)
        self.waiting_check.setVisible(waiting is not None)
        if changed:
            self.waiting_check.setChecked(False)

    def _payer_changed(self, index: int) -> None:
        if self.due is not None and 0 <= index < len(self.due.payers):
            self.payer_label.setText(self.tr("缴款人：{name}").format(name=self.due.payers[index].name))

    def _date_changed(self) -> None:
        if self.due is not None or self._loading:  # the cover start depends on the day of payment
            self._load()

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    @property
    def method(self) -> str:
        return self.method_combo.currentData()

    # --- confirming -------------------------------------------------------------------------

    def confirm(self) -> None:
        """Record the payment in the background; a second call while it runs does nothing."""
        if self._recording or self.result is not None or self._loading or self.due is None:
            return
        if self.waiting is not None and not self.waiting_check.isChecked():
            self._show_message(self.tr("请先向缴款人说明：保障期全部在观察期内；说明后勾选确认，再收款。"))
            self.waiting_check.setFocus()
            return
        if self.refusal or not self.confirm_button.isEnabled():
            return
        payer = self.due.payers[max(0, self.payer_combo.currentIndex())]
        text = self.amount_edit.text().strip()
        if not text:
            self._show_message(self.tr("请输入实收金额。"))
            self.amount_edit.setFocus()
            return
        self._recording = True
        self._show_message("")
        self._set_status(self.tr("正在收款，请稍候…"))
        self._update_controls()
        self.busyChanged.emit(True)
        db, user, payment = (
            self._db,
            self._user,
            {
                "enrollment_ids": self._ids,
                "payer_unit_code": payer.unit_code if payer.kind == "unit" else None,
                "payer_member_id": payer.member_id if payer.kind == "member" else None,
                "amount": text,
                "method": self.method,
                "paid_on": self._paid_on(),
                "today": self._today(),
                "bank_reference": self.bank_reference_edit.text() if self.method == "transfer" else None,
                "waiting_acknowledged": self.waiting is not None and self.waiting_check.isChecked(),
            },
        )
        self._worker.operation(
            lambda: record_and_save(db, user, **payment),
            parent=self,
            success=self._recorded,
            failure=self._record_failed,
        )

    def _record_failed(self, error: BaseException) -> None:
        """Refused (nothing was changed): the message, and the dialog as it was."""
        self._recording = False
        self._set_status("")
        self._update_controls()
        self._show_message(user_message(error, self.tr("收款没有成功，数据未改动。")))
        self.amount_edit.selectAll()
        self.amount_edit.setFocus()
        self.busyChanged.emit(False)

    def _recorded(self, outcome: tuple[PaymentResult, Path | None, BaseException | None]) -> None:
        from mutualaid_desktop.services.papers.printed_papers import printer_recorder

        result, path, problem = outcome
        self.result = result
        self.pdf_path = path
        self._set_status(self.tr("已收款，收据号 {serial}。").format(serial=result.serial), busy=False)
        try:
            self.paymentRecorded.emit(result)
            if problem is None and path is not None:
                try:
                    open_pdf(
                        path,
                        on_printed=printer_recorder(
                            self._db, self._user, kind="premium_receipt", serial=result.serial, copy_number=0
                        ),
                        runner=self._worker,
                    )
                except Exception as exc:  # the payment stands; the receipt can be printed again (补打)
                    log.exception("receipt preview failed")
                    problem = exc
            if problem is not None:
                QMessageBox.warning(
                    self,
                    self.tr("收据"),
                    self.tr("收款已记录（收据号 {serial}），但收据文件没有生成：{reason}\n请在“票据”中补打。").format(
                        serial=result.serial, reason=str(problem)
                    ),
                )
        finally:  # whatever happened above, the payment stands and the dialog closes
            self._recording = False
            self.busyChanged.emit(False)
            self.accept()

    # --- closing ----------------------------------------------------------------------------

    def _refuse_to_close(self) -> bool:
        if not self._recording:
            return False
        self._set_status(self.tr("正在收款，请稍候…收款完成前不能关闭此窗口。"))
        return True

    def reject(self) -> None:  # Esc, 取消
        if self._refuse_to_close():
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - the window's close button
        if self._refuse_to_close():
            event.ignore()
            return
        super().closeEvent(event)
