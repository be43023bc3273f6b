"""Where the keyboard is, seen on every control: the application's style sheet draws a blue frame
around the control that has the focus (line edits, combos, spin and date boxes, checkboxes — the
papers checklist —, buttons, lists and tables). A counter clerk who works with Enter and Tab, or a
card reader, must see at a glance which field will take the next keys.

Only the focused state is styled (and a checkbox's frame is kept, transparent, when it has no
focus, so that ticking it does not shift the text); everything else keeps the platform's look.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

FOCUS_COLOR = "#1565c0"

FOCUS_STYLE = f"""
QLineEdit:focus, QAbstractSpinBox:focus, QComboBox:focus {{
    border: 2px solid {FOCUS_COLOR}; border-radius: 3px; padding: 1px 2px; background: #ffffff;
}}
QCheckBox, QRadioButton {{ border: 2px solid transparent; border-radius: 3px; padding: 1px 3px; }}
QCheckBox:focus, QRadioButton:focus {{ border: 2px solid {FOCUS_COLOR}; background: #e3eefb; }}
QPushButton:focus, QToolButton:focus {{
    border: 2px solid {FOCUS_COLOR}; border-radius: 4px; background: #e3eefb; padding: 1px 4px;
}}
QAbstractItemView:focus, QTextBrowser:focus {{ border: 2px solid {FOCUS_COLOR}; }}
"""


def install_focus_style(app: QApplication) -> None:
    """Add the focus frame to the application's style sheet (once)."""
    sheet = app.styleSheet() or ""
    if FOCUS_STYLE not in sheet:
        app.setStyleSheet(sheet + FOCUS_STYLE)


__all__ = ["FOCUS_COLOR", "FOCUS_STYLE", "install_focus_style"]
