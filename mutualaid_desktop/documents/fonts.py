"""The embedded CJK font, registered with reportlab once, on first use."""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from mutualaid_desktop.paths import font_path

CJK_FONT = "WenQuanYiMicroHei"


@lru_cache(maxsize=1)
def cjk_font() -> str:
    """Register WenQuanYi Micro Hei (from resources/fonts) and return its reportlab name."""
    pdfmetrics.registerFont(TTFont(CJK_FONT, str(font_path()), subfontIndex=0))
    return CJK_FONT
