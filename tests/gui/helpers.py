"""Typing and pressing keys as a person at the counter would."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def focused(widget: QWidget) -> QWidget | None:
    """The widget of `widget`'s window that has (or last had) the keyboard focus."""
    return widget.window().focusWidget()


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type `text` into `widget`: keys for ASCII, an input-method commit for Chinese (what a
    pinyin input method sends when the clerk picks the characters)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_into_focus(qtbot, window: QWidget, text: str) -> None:
    target = focused(window)
    assert target is not None, "nothing has the keyboard focus"
    type_text(qtbot, target, text)


def press(qtbot, window: QWidget, key=Qt.Key.Key_Return) -> None:
    """Press a key where the keyboard focus is."""
    target = focused(window) or window
    qtbot.keyClick(target, key)


def press_enter_via_event(widget: QWidget) -> None:
    """Return, as the keypad's Enter (some card readers send this one)."""
    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    QApplication.sendEvent(widget, event)
