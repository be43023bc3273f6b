"""Every screen fits the window: no two widgets of one layout are drawn over each other.

The window may be made as small as main_window.MINIMUM_SIZE; a clerk's laptop is often 1366×768 with a
taskbar. Seen on the 单位续保 tab: the search field, 只看有问题的 and the buttons were squeezed over each
other in a window 1,200 pixels wide.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLayout, QTabWidget, QWidget

from mutualaid_desktop.ui.main_window import MINIMUM_SIZE, MainWindow

PAGES = ["home", "members", "enrollment", "intake", "review", "payout", "receipts", "renewal", "settings"]


def _name(widget: QWidget) -> str:
    text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
    return widget.objectName() or f"{type(widget).__name__}:{text}"


def overlapping_widgets(root: QWidget) -> list[tuple[str, str]]:
    """Pairs of visible widgets in one layout whose rectangles cross."""
    found = []
    for layout in root.findChildren(QLayout):
        widgets = [layout.itemAt(i).widget() for i in range(layout.count())]
        widgets = [w for w in widgets if w is not None and w.isVisible()]
        for i, first in enumerate(widgets):
            for second in widgets[i + 1:]:
                if first.geometry().intersects(second.geometry()):
                    found.append((_name(first), _name(second)))
    return found


def _settle() -> None:
    for _ in range(10):
        QApplication.processEvents()


@pytest.mark.parametrize("width, height", [(MINIMUM_SIZE.width(), MINIMUM_SIZE.height()), (1366, 728)])
def test_no_screen_draws_widgets_over_each_other(qtbot, database, admin, width, height):
    window = MainWindow(database, admin, run_check=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.resize(width, height)
    problems = {}
    try:
        for key in PAGES:
            window.show_page(key)
            _settle()
            page = window.page(key)
            tabs = page.findChildren(QTabWidget)
            views = range(tabs[0].count()) if tabs else [None]
            for index in views:
                where = key
                if index is not None:
                    tabs[0].setCurrentIndex(index)
                    _settle()
                    where = f"{key} → {tabs[0].tabText(index)}"
                if found := overlapping_widgets(page):
                    problems[where] = found
    finally:
        window.shutdown()
    assert window.width() == width and window.height() == height
    assert problems == {}
