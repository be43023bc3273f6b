"""A yes/no question whose text the user reads before a write (a plan's rules, a cover wholly in
the waiting period): a QMessageBox with its details shown in the box itself, No by default; and
ConfirmDialog, a question that does not block (理赔审核's decisions)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout, QWidget


def question_box(parent: QWidget | None, title: str, text: str, details: str = "", *, yes: str, no: str) -> QMessageBox:
    """The box (not shown): `text` in bold type's place, `details` below it, buttons `yes`/`no`."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent
    )
    box.setObjectName("confirmBox")
    box.setInformativeText(details)
    box.button(QMessageBox.StandardButton.Yes).setText(yes)
    box.button(QMessageBox.StandardButton.No).setText(no)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    return box


def ask(parent: QWidget | None, title: str, text: str, details: str = "", *, yes: str, no: str) -> bool:
    """Ask (modal) and say whether the user chose `yes`."""
    box = question_box(parent, title, text, details, yes=yes, no=no)
    try:
        return box.exec() == QMessageBox.StandardButton.Yes
    finally:
        box.deleteLater()


class ConfirmDialog(QDialog):
    """A yes/no question that does not block (opened with open()); Enter is OK, Esc cancels."""

    def __init__(self, title: str, text: str, ok_text: str, cancel_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmDecision")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(text)
        label.setObjectName("confirmText")
        label.setWordWrap(True)
        label.setMinimumWidth(420)
        layout.addWidget(label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(ok_text)
        ok.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        ok.setFocus()
