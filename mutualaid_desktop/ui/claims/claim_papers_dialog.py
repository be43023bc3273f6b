"""补交材料: a later visit brings the papers that were missing.

Type (or scan) the claim number on the acceptance receipt and press Enter: the claim is looked up —
nothing else; looking it up never confirms anything. The papers still missing are listed to tick
(Space ticks, Enter moves on), with the bank account when it was not given at intake. 确认补交并打印回执
(enabled once something is ticked or typed; Enter on it, or Space) records the papers brought; the
receipt is issued again listing them, and a claim now complete goes on to review. Esc cancels.
Recording the papers and drawing the new receipt run on the window's task runner (the dialog waits).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.domain import clock
from mutualaid_desktop.ui.claims.claim_intake_parts import error_line, receipt_recorder
from mutualaid_desktop.ui.enrollment import payment_dialog
from mutualaid_desktop.ui.enrollment.payment_dialog import paper_path
from mutualaid_desktop.ui.shell.background import user_message

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.claims.claim_papers import WaitingClaim
    from mutualaid_desktop.store.database import Database
    from mutualaid_desktop.ui.shell.task_runner import TaskRunner

log = logging.getLogger(__name__)
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def complete_papers_with_receipt(db, user, claim_number: str, brought: list[str], *, bank, today: date):
    """(on the task runner) record the papers brought, then draw the receipt issued again: (saved, its PDF), the
    PDF None when it could not be drawn (the papers are recorded; the receipt can be printed again)."""
    from mutualaid_desktop.services.claims.claim_papers import complete_papers
    from mutualaid_desktop.services.claims.claim_receipt import save_receipt_pdf

    saved = complete_papers(db, user, claim_number, brought, bank=bank, today=today)
    try:
        name = f"{saved.claim_number}-{saved.receipt.printed_at:%Y%m%d%H%M%S}"
        return saved, save_receipt_pdf(saved.receipt, paper_path(db, "acceptance", name))
    except Exception:
        log.exception("acceptance receipt PDF failed")
        return saved, None


class PapersDialog(QDialog):
    """补交材料: find a claim waiting for papers by its number; tick what was brought (and give the
    bank account when it was missing); confirm: the receipt is issued again. `completed` carries
    the SavedClaim; `pdf_path` is the receipt issued."""

    completed = Signal(object)  # SavedClaim
    found = Signal(object)  # WaitingClaim, or None when the number was not found

    def __init__(
        self,
        db: Database,
        user: UserInfo,
        *,
        worker: TaskRunner,
        parent: QWidget | None = None,
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("papersDialog")
        self.setWindowTitle(self.tr("补交材料"))
        self._db, self._user, self._today = db, user, today
        self._worker = worker
        self.saving = False  # the papers are being recorded on the runner
        self.claim: WaitingClaim | None = None
        self.boxes: list[QCheckBox] = []
        self.pdf_path = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("claimNumberEdit")
        self.number_edit.setPlaceholderText(self.tr("回执上的受理编号，按回车查找"))
        self.number_edit.setMinimumWidth(320)
        self.number_edit.textEdited.connect(self._number_edited)
        self.number_edit.installEventFilter(self)
        form.addRow(self.tr("受理编号"), self.number_edit)
        self.claim_label = QLabel(" ")
        self.claim_label.setObjectName("claimLabel")
        self.claim_label.setWordWrap(True)
        form.addRow("", self.claim_label)
        self.boxes_widget = QWidget()
        self.boxes_widget.setObjectName("papersChecklist")
        self.boxes_layout = QVBoxLayout(self.boxes_widget)
        self.boxes_layout.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("本次补交"), self.boxes_widget)
        self.bank_edit = QLineEdit()
        self.bank_edit.setObjectName("papersBankEdit")
        self.holder_edit = QLineEdit()
        self.holder_edit.setObjectName("papersHolderEdit")
        self.account_edit = QLineEdit()
        self.account_edit.setObjectName("papersAccountEdit")
        for edit in (self.bank_edit, self.holder_edit, self.account_edit):
            edit.textChanged.connect(self._update_ok)
        form.addRow(self.tr("开户银行"), self.bank_edit)
        form.addRow(self.tr("账户户名"), self.holder_edit)
        form.addRow(self.tr("银行账号"), self.account_edit)
        self.form = form
        layout.addLayout(form)
        self.error_label = error_line()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("confirmPapersButton")
        self.ok_button.setText(self.tr("确认补交并打印回执"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("取消"))
        for button in (self.ok_button, self.cancel_button):  # Enter is handled in keyPressEvent only
            button.setAutoDefault(False)
            button.setDefault(False)
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._bank_rows(False)
        self.setMinimumWidth(520)
        self.number_edit.setFocus()

    # --- keyboard ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.number_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in ENTER_KEYS
        ):
            self.look_up()  # looking up: never a confirmation
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Enter confirms only on the confirm button; elsewhere it moves on (never QDialog's default
        button: the number field's Enter must not confirm, nor a checkbox's)."""
        if event.key() not in ENTER_KEYS:
            super().keyPressEvent(event)
            return
        focus = self.focusWidget()
        if focus is self.ok_button:
            if self.ok_button.isEnabled():
                self.accept()
        elif focus is self.cancel_button:
            self.reject()
        elif focus is self.number_edit:
            self.look_up()
        else:
            self.focusNextChild()
        event.accept()

    # --- finding ----------------------------------------------------------------------------

    def _bank_rows(self, visible: bool) -> None:
        for edit in (self.bank_edit, self.holder_edit, self.account_edit):
            self.form.setRowVisible(edit, visible)

    def _error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _clear_claim(self) -> None:
        for box in self.boxes:
            self.boxes_layout.removeWidget(box)
            box.deleteLater()
        self.boxes = []
        self.claim = None
        self.claim_label.setText(" ")
        for edit in (self.bank_edit, self.holder_edit, self.account_edit):
            edit.clear()
        self._bank_rows(False)
        self._update_ok()

    def _number_edited(self, _text: str) -> None:
        if self.claim is not None:  # another number: what was shown is not its claim
            self._clear_claim()

    @Slot()
    def look_up(self) -> None:
        """Look the number up (read only): the claim and the papers it still misses."""
        from mutualaid_desktop.services.claims.claim_papers import waiting_claim

        self._clear_claim()
        if not self.number_edit.text().strip():
            self._error(self.tr("请输入回执上的受理编号。"))
            return
        try:
            claim = waiting_claim(self._db, self.number_edit.text())
        except Exception as exc:
            self._error(user_message(exc, self.tr("查找理赔时出现意外错误。")))
            self.number_edit.selectAll()
            self.found.emit(None)
            return
        self._error("")
        self.claim = claim
        self.number_edit.setText(claim.claim_number)
        self.claim_label.setText(
            self.tr("{name}（{id}），{received} 受理，补交期限 {due}；尚缺：{missing}").format(
                name=claim.member_name,
                id=claim.id_masked,
                received=claim.received_on.isoformat(),
                due=claim.papers_due.isoformat() if claim.papers_due else "—",
                missing="、".join(claim.missing) or "—",
            )
        )
        previous: QWidget = self.number_edit
        for item, required, received in claim.checklist:
            if received:
                continue
            box = QCheckBox(item if required else self.tr("{item}（如有）").format(item=item))
            box.setObjectName("papers_" + item)
            box.setProperty("item", item)
            box.toggled.connect(self._update_ok)
            self.boxes_layout.addWidget(box)
            box.show()  # now, so that it can take the focus
            self.setTabOrder(previous, box)
            previous = box
            self.boxes.append(box)
        self._bank_rows(not claim.has_account)
        for edit in (self.bank_edit, self.holder_edit, self.account_edit):
            self.setTabOrder(previous, edit)
            previous = edit
        self.setTabOrder(previous, self.ok_button)
        self.setTabOrder(self.ok_button, self.cancel_button)
        self._update_ok()
        self.adjustSize()  # room for the checklist
        (self.boxes[0] if self.boxes else self.bank_edit if not claim.has_account else self.number_edit).setFocus()
        self.found.emit(claim)

    def ticked(self) -> list[str]:
        return [b.property("item") for b in self.boxes if b.isChecked()]

    def _bank(self):
        from mutualaid_desktop.services.claims.claim_papers import BankAccount

        return BankAccount(self.bank_edit.text(), self.holder_edit.text(), self.account_edit.text())

    def _update_ok(self, *_args) -> None:
        self.ok_button.setEnabled(
            not self.saving and self.claim is not None and (bool(self.ticked()) or self._bank().given)
        )

    # --- confirming -------------------------------------------------------------------------

    def accept(self) -> None:
        if self.claim is None or not self.ok_button.isEnabled() or self.saving:
            return
        bank = self._bank()
        db, user, number, brought, today = self._db, self._user, self.claim.claim_number, self.ticked(), self._today()
        self.saving = True
        self._update_ok()
        self._worker.operation(
            lambda: complete_papers_with_receipt(
                db, user, number, brought, bank=bank if bank.given else None, today=today
            ),
            parent=self,
            success=self._completed,
            failure=self._failed,
        )

    def reject(self) -> None:
        if not self.saving:  # Esc while the papers are recorded: the dialog waits for the answer
            super().reject()

    def _failed(self, error: BaseException) -> None:
        self.saving = False
        self._update_ok()
        self._error(user_message(error, self.tr("补交没有成功，数据未改动。")))

    def _completed(self, outcome) -> None:
        saved, self.pdf_path = outcome
        self.saving = False
        if self.pdf_path is not None:
            try:
                payment_dialog.open_pdf(
                    self.pdf_path,
                    on_printed=receipt_recorder(self._db, self._user, saved.claim_number),
                    runner=self._worker,
                )
            except Exception:  # the papers are recorded; the receipt can be printed again
                log.exception("acceptance receipt preview failed")
        self.completed.emit(saved)
        super().accept()
