"""Every screen fits the window: no two widgets of one layout are drawn over each other.

The window may be made as small as main_window.MINIMUM_SIZE; a clerk's laptop is often 1366×768 with a
taskbar. Seen on the 单位续保 tab: the search field, 只看有问题的 and the buttons were squeezed over each
other in a window 1,200 pixels wide.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLayout, QWidget

from mutualaid_desktop.ui.shell.main_window import MINIMUM_SIZE, MainWindow
from tests.gui.ui.screens import every_screen


def _name(widget: QWidget) -> str:
    text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
    return widget.objectName() or f"{type(widget).__name__}:{text}"


def overlapping_widgets(root: QWidget) -> list[tuple[str, str]]:
    """Pairs of visible widgets in one layout whose rectangles cross, and widgets squeezed below the height
    they need to be drawn (("squeezed", name): rows of a form crushed together cross no rectangle)."""
    found = []
    for layout in root.findChildren(QLayout):
        widgets = [layout.itemAt(i).widget() for i in range(layout.count())]
        widgets = [w for w in widgets if w is not None and w.isVisible()]
        for widget in widgets:
            needed = widget.minimumHeight() or widget.minimumSizeHint().height()  # a height set on purpose counts
            if widget.layout() is None and needed > 0 and widget.height() < needed - 1:
                found.append(("squeezed", _name(widget)))
        for i, first in enumerate(widgets):
            for second in widgets[i + 1 :]:
                if first.geometry().intersects(second.geometry()):
                    found.append((_name(first), _name(second)))
    return found


@pytest.mark.parametrize("width, height", [(MINIMUM_SIZE.width(), MINIMUM_SIZE.height()), (1024, 680), (1366, 728)])
def test_no_screen_draws_widgets_over_each_other(qtbot, database, admin, width, height):
    window = MainWindow(database, admin, run_check=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.resize(width, height)
    try:
        problems = {where: found for where, page in every_screen(window) if (found := overlapping_widgets(page))}
    finally:
        window.shutdown()
    assert (window.width(), window.height()) == (width, height)
    assert problems == {}, "\n".join(f"{where}: {found}" for where, found in problems.items())
