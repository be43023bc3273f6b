"""Text normalisation shared by the parsers of amounts and ID numbers."""

from __future__ import annotations

# Full-width ASCII variants (U+FF01..U+FF5E) and the ideographic space, as typed by a Chinese IME.
_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HALFWIDTH[0x3000] = 0x20


def to_halfwidth(text: str) -> str:
    """Full-width letters, digits and punctuation to ASCII; the ideographic space to a space."""
    return text.translate(_HALFWIDTH)


def shorten(text: str, limit: int = 40) -> str:
    """`text` cut to `limit` characters for quoting it in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def normalize_code(text: str) -> str:
    """A number written by hand or read by a scanner: full-width to ASCII, no spaces, upper case.

    Used for ID numbers and invoice numbers, so that "61000 012345" and "６１０００012345" match.
    """
    return "".join(to_halfwidth(text).split()).upper()
