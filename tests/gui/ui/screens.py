"""Walking every screen of the main window, tab by tab (for the tests that look at all of them)."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

PAGES = ["home", "members", "enrollment", "intake", "review", "payout", "receipts", "renewal", "statistics", "settings"]


def settle() -> None:
    for _ in range(10):
        QApplication.processEvents()


def every_screen(window) -> Iterator[tuple[str, QWidget]]:
    """(where, page) for each screen shown in turn, and for each tab of a screen with tabs."""
    for key in PAGES:
        window.show_page(key)
        settle()
        page = window.page(key)
        tabs = page.findChildren(QTabWidget)
        if not tabs:
            yield key, page
            continue
        for index in range(tabs[0].count()):
            tabs[0].setCurrentIndex(index)
            settle()
            yield f"{key} → {tabs[0].tabText(index)}", page
