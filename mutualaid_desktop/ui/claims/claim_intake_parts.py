"""Pieces of the 理赔受理 screen (ui/claims/claim_intake_page.py): the page's style, reading a typed date,
the state of a message label, marking a field in error, 新增医院, and the recorder of the receipt's
printing. The 补交材料 dialog is ui/claims/claim_papers_dialog.py, the live quote ui/claims/claim_quote_panel.py."""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.ui.common.widgets import ERROR_COLOR
from mutualaid_desktop.ui.shell.background import user_message

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.claims.claims_intake import SavedClaim
    from mutualaid_desktop.store.database import Database
    from mutualaid_desktop.ui.shell.task_runner import TaskRunner

log = logging.getLogger(__name__)

PAGE_STYLE = """
QFrame#formCard, QFrame#quotePanel { background: #ffffff; border: 1px solid #d5dbe3; border-radius: 8px; }
QLabel[state="ok"] { color: #1b5e20; }
QLabel[state="error"] { color: #b3261e; }
QLabel[state="warning"] { color: #8a5300; }
QLabel[state="pending"] { color: #5f6b7a; }
QLabel#payoutLabel { color: #1f4e79; }
QLabel#fieldError { color: #b3261e; }
QLineEdit[fieldError="true"], QComboBox[fieldError="true"] { border: 2px solid #b3261e; border-radius: 3px; }
"""
_DATE = re.compile(r"^\s*(\d{4})\D?(\d{1,2})\D?(\d{1,2})\D*$")


def parse_day(text: str) -> date | None:
    """2027-05-03, 2027.5.3, 2027/05/03 or 20270503; None when empty or not a date."""
    from mutualaid_desktop.domain.text import to_halfwidth

    text = to_halfwidth(text or "").strip()
    if not text:
        return None
    match = _DATE.match(text) if not text.isdigit() or len(text) == 8 else None
    if text.isdigit() and len(text) == 8:
        match = re.match(r"(\d{4})(\d{2})(\d{2})", text)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def error_line() -> QLabel:
    """A dialog's refusal line (`dialogError`, red, hidden until there is a message)."""
    label = QLabel()
    label.setObjectName("dialogError")
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOR};")
    label.setVisible(False)
    return label


def set_state(label: QLabel, text: str, state: str) -> None:
    label.setText(text)
    label.setProperty("state", state)
    label.style().unpolish(label)
    label.style().polish(label)


def mark_field(widget: QWidget | None, error: bool, tip: str = "") -> None:
    """A field in error (a red frame, the message as its tooltip), or not."""
    if widget is None or bool(widget.property("fieldError")) == error:
        if widget is not None and error:
            widget.setToolTip(tip)
        return
    widget.setProperty("fieldError", error)
    widget.setToolTip(tip if error else "")
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class AddHospitalDialog(QDialog):
    """新增医院 on the spot: name and grade (the county may be kept in 设置 → 医院); saved on the window's
    task runner, the dialog waiting (添加 disabled) for the answer."""

    added = Signal(object)  # HospitalInfo

    def __init__(
        self, db: Database, user: UserInfo, *, worker: TaskRunner, name: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self.setObjectName("addHospitalDialog")
        self.setWindowTitle(self.tr("新增医院"))
        self._db, self._user = db, user
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name_edit = QLineEdit(name)
        self.name_edit.setObjectName("hospitalNameEdit")
        self.name_edit.setMinimumWidth(320)
        form.addRow(self.tr("医院名称"), self.name_edit)
        self.grade_combo = QComboBox()
        self.grade_combo.setObjectName("hospitalGradeCombo")
        for grade, label in ((3, self.tr("三级")), (2, self.tr("二级")), (1, self.tr("一级")), (0, self.tr("未定级"))):
            self.grade_combo.addItem(label, grade)
        form.addRow(self.tr("医院等级"), self.grade_combo)
        layout.addLayout(form)
        self.error_label = error_line()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("添加"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.add_button = buttons.button(QDialogButtonBox.StandardButton.Ok)

    def accept(self) -> None:
        from mutualaid_desktop.services.admin import hospitals

        if not self.add_button.isEnabled():
            return  # the hospital is being saved
        db, user, name, grade = self._db, self._user, self.name_edit.text(), self.grade_combo.currentData()
        self.add_button.setEnabled(False)
        self._worker.operation(
            lambda: hospitals.add_hospital(db, user, name=name, grade=grade),
            parent=self,
            success=self._added,
            failure=self._refused,
        )

    def _added(self, info: object) -> None:
        self.add_button.setEnabled(True)
        self.added.emit(info)
        super().accept()

    def _refused(self, error: BaseException) -> None:
        self.add_button.setEnabled(True)
        self.error_label.setText(user_message(error, self.tr("添加医院时出现意外错误。")))
        self.error_label.setVisible(True)


def save_claim_with_receipt(
    db: Database, user: UserInfo, **claim: Any
) -> tuple[SavedClaim, Path | None, Exception | None]:
    """(on the task runner) save_claim, then draw its acceptance receipt: (saved, the PDF, None), or (saved, None,
    the problem) when the receipt could not be drawn (the claim stands; the receipt can be printed again)."""
    from mutualaid_desktop.services.claims.claims_intake import save_claim, save_receipt_pdf
    from mutualaid_desktop.ui.enrollment.payment_dialog import paper_path

    saved = save_claim(db, user, **claim)
    try:
        return saved, save_receipt_pdf(saved.receipt, paper_path(db, "acceptance", saved.claim_number)), None
    except Exception as exc:
        log.exception("acceptance receipt PDF failed")
        return saved, None, exc


def receipt_recorder(db, user, claim_number: str):
    """on_printed of the acceptance receipt just issued (the newest copy of its number)."""
    from mutualaid_desktop.services.papers.printed_papers import printer_recorder

    return printer_recorder(db, user, kind="acceptance_receipt", serial=claim_number, copy_number=None)
