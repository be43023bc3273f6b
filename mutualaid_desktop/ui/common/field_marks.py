"""A line edit a refusal is about: framed in red (its `invalid` property, styled by the page), the
message as its tooltip, its text selected to be typed over; unmarked when it is edited."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget
from shiboken6 import isValid


def mark_invalid(widget: QWidget, text: str) -> None:
    if not isinstance(widget, QLineEdit):
        return
    widget.setProperty("invalid", True)
    widget.setToolTip(text)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.selectAll()


def unmark_invalid(widget: QLineEdit) -> None:
    if isValid(widget) and widget.property("invalid"):
        widget.setProperty("invalid", False)
        widget.setToolTip("")
        widget.style().unpolish(widget)
        widget.style().polish(widget)
