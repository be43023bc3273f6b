"""A yes/no question whose text the user reads before a write (a plan's rules, a cover wholly in
the waiting period): a QMessageBox with its details shown in the box itself, No by default."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def question_box(parent: QWidget | None, title: str, text: str, details: str = "", *, yes: str, no: str) -> QMessageBox:
    """The box (not shown): `text` in bold type's place, `details` below it, buttons `yes`/`no`."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Yes
                      | QMessageBox.StandardButton.No, parent)
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
