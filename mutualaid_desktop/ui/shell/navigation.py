"""The navigation list on the left of the main window: its look, and where the keyboard goes when a
clerk enters a screen from it.

Browsing the list with the arrow keys only shows the screens; the focus stays in the list. Entering
a screen (Enter on the list, a click on it, or Ctrl+1...) puts the focus in the screen's entry field:
its focus proxy (the ID field of 参保 and 理赔受理, ready for the card reader), or else the field that
Tab takes the clerk to from the navigation (the list of 给付, the table of 理赔审核...)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QListWidget, QWidget

from mutualaid_desktop.ui.shell.fonts import scaled

# Qt's `Qt` namespace is imported where it is used: the list is made at start-up, before the
# window is painted, and that import alone costs as much as the rest of the frame (main_window.py).

NAV_STYLE = """
QListWidget#navigation {
    background: #eef2f6;
    border: none;
    border-right: 1px solid #d5dbe3;
    outline: 0;
    padding-top: 10px;
}
QListWidget#navigation::item {
    padding: 10px 18px;
    margin: 2px 8px;
    border-radius: 6px;
    color: #1d2733;
}
QListWidget#navigation::item:hover { background: #dde5ee; }
QListWidget#navigation::item:selected { background: #1f4e79; color: #ffffff; }
"""


def navigation_list() -> QListWidget:
    navigation = QListWidget()
    navigation.setObjectName("navigation")
    navigation.setStyleSheet(NAV_STYLE)
    navigation.setFont(scaled(QApplication.font(), 1.15))
    navigation.setFixedWidth(184)
    navigation.setFrameShape(QListWidget.Shape.NoFrame)
    return navigation


def entry_field(page: QWidget, navigation: QWidget) -> QWidget | None:
    """The field that takes the keyboard when `page` is entered from `navigation` (None: it has
    no field)."""
    from PySide6.QtCore import Qt

    proxy = page.focusProxy()
    if proxy is not None and proxy.isEnabled() and proxy.isVisibleTo(page):
        return proxy
    widget = navigation.nextInFocusChain()
    while widget is not None and widget is not navigation:
        if (
            page.isAncestorOf(widget)
            and widget.isEnabled()
            and widget.isVisibleTo(page)
            and widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
        ):
            return widget
        widget = widget.nextInFocusChain()
    return None


def enter_page(page: QWidget, navigation: QWidget) -> None:
    from PySide6.QtCore import Qt

    field = entry_field(page, navigation)
    if field is not None:
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
