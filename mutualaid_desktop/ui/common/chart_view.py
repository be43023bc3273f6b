"""A chart on screen: the SVG that services/statistics/charts.py makes from documents/charts.py (the
drawing printed on paper), drawn by QtSvg on white, scaled to the widget and keeping its shape.

The SVG names the embedded font's family (WenQuanYi Micro Hei), which the program registers with Qt
at start (ui/shell/fonts.py); the view registers it too (once), so that a chart shown before the
window is built, or in a test, is drawn in the same face as the paper. QtCharts is not used (it is
deprecated from Qt 6.10).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from mutualaid_desktop.ui.shell.fonts import register_embedded_font

SCREEN_SCALE = 96 / 72  # the chart is drawn in points; on a usual screen a point is 4/3 of a pixel
EMPTY_HINT = QSize(480, 260)


class ChartView(QWidget):
    """Shows SVG bytes (set_svg); blank until it has some and after clear()."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        """`name`: what the chart shows, for screen readers (the screen's own tr() text, e.g. 全市各月参保与理赔)."""
        super().__init__(parent)
        register_embedded_font()
        self._renderer = QSvgRenderer(self)
        self._renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self._has_chart = False
        self.setAccessibleName(name)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_svg(self, svg: bytes) -> None:
        """Show the chart `svg` (what services/statistics/charts.py returns) in place of the one shown."""
        self._has_chart = self._renderer.load(QByteArray(svg))
        self.updateGeometry()
        self.update()

    def clear(self) -> None:
        self._renderer.load(QByteArray())
        self._has_chart = False
        self.updateGeometry()
        self.update()

    def has_chart(self) -> bool:
        return self._has_chart

    def _chart_size(self) -> QSize:
        box = self._renderer.viewBoxF()
        if not self._has_chart or box.isEmpty():
            return EMPTY_HINT
        return QSize(round(box.width() * SCREEN_SCALE), round(box.height() * SCREEN_SCALE))

    def sizeHint(self) -> QSize:  # noqa: N802
        return self._chart_size()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self._chart_size() / 3

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        size = self._chart_size()
        return round(width * size.height() / size.width())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if self._has_chart:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            self._renderer.render(painter, self._target())
        painter.end()

    def _target(self) -> QRectF:
        """The largest rectangle of the chart's shape in the widget, centred."""
        box = self._renderer.viewBoxF()
        scale = min(self.width() / box.width(), self.height() / box.height())
        width, height = box.width() * scale, box.height() * scale
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)
