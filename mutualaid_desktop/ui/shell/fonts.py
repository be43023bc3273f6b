"""The embedded CJK font (WenQuanYi Micro Hei) as the application font.

Counter PCs often have no Chinese font at all (a fresh Windows in English, a minimal Linux), so
the program brings its own and uses it everywhere. The size is a little larger than the desktop
default: the clerks at the counter are often not young, and the screen is read across a desk.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from mutualaid_desktop.paths import font_path

log = logging.getLogger(__name__)

FAMILY = "WenQuanYi Micro Hei"
POINT_SIZE = 11  # the base size; headings and figures scale from it

_registered: str | None = None


def register_embedded_font() -> str | None:
    """Add the bundled font to Qt's font database (once); returns its family, None on failure."""
    global _registered
    if _registered is not None:
        return _registered
    path = font_path()
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.warning("could not load the embedded font %s; Chinese may not show", path)
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    _registered = FAMILY if FAMILY in families else (families[0] if families else None)
    return _registered


def install_application_font(app: QApplication, point_size: int = POINT_SIZE) -> QFont:
    """Make the embedded font the application font; returns the font set."""
    family = register_embedded_font()
    font = QFont(app.font())
    if family:
        font.setFamilies([family])
    font.setPointSize(point_size)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    app.setFont(font)
    return font


def scaled(base: QFont, factor: float, *, bold: bool = False) -> QFont:
    """`base` at `factor` times its size (headings, figures)."""
    font = QFont(base)
    size = base.pointSizeF() if base.pointSizeF() > 0 else float(POINT_SIZE)
    font.setPointSizeF(round(size * factor, 1))
    if bold:
        font.setBold(True)
    return font
