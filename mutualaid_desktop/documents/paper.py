"""What the printed papers share: opening the PDF, the CJK font, and a few drawing helpers.

Importing this module does not import reportlab (the GUI imports the papers' dataclasses at start;
reportlab loads only when a paper is rendered): every reportlab import is inside a function.

Every paper is written through `canvas_class()` (open_canvas, and the platypus papers' canvasmaker):
reportlab keeps the document in memory until `save()`, which here writes it under a temporary name
beside the target and renames it over the target only when complete (safe_files.atomic_path). A
kill or a full disk leaves the previous file of that name as it was, never an empty or half PDF.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mutualaid_desktop.safe_files import atomic_path, make_private_folder, remove_leftovers

RED = (0.78, 0.10, 0.10)  # serial numbers, 补打 and 作废 marks
GREY = (0.35, 0.35, 0.35)  # footnotes


def prepare(path: Path) -> tuple[Path, str]:
    """The paper's path (its folder made, owner-only when new) and the reportlab name of the embedded CJK font."""
    from mutualaid_desktop.documents.fonts import cjk_font

    font = cjk_font()
    path = Path(path)
    make_private_folder(path.parent)
    return path, font


_CANVAS = None


def canvas_class():
    """reportlab's Canvas whose `save()` writes the PDF through safe_files: under a temporary name
    beside the target, flushed, renamed over it only when complete (stale leftovers of killed
    writers in that folder are removed first). Raises safe_files.DiskFull on a full disk."""
    global _CANVAS
    if _CANVAS is None:
        from reportlab.pdfgen.canvas import Canvas

        class SafeCanvas(Canvas):
            def save(self) -> None:
                target = Path(self._filename)
                remove_leftovers(target.parent)
                # reportlab writes into the file given (and leaves closing it to us, also when writing fails)
                with atomic_path(target) as part, open(part, "wb") as file:
                    self._filename = file
                    try:
                        super().save()
                    finally:
                        self._filename = str(target)

        _CANVAS = SafeCanvas
    return _CANVAS


def open_canvas(path: Path, title: str, author: str | None = None, pagesize=None):
    """A reportlab canvas writing to `path` (A4 unless `pagesize`; written when saved, see canvas_class),
    titled; returns (canvas, font)."""
    from reportlab.lib.pagesizes import A4

    path, font = prepare(path)
    canvas = canvas_class()(str(path), pagesize=pagesize or A4)
    canvas.setTitle(title)
    if author is not None:
        canvas.setAuthor(author)
    return canvas, font


def cn_date(day: date | None) -> str:
    """2026年11月29日 ("—" for no date)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else "—"


def fit_size(text: str, font: str, size: float, room: float, smallest: float = 6.5) -> float:
    """The font size (at most `size`, in steps of 0.5, not below `smallest`) at which `text` fits in `room` points."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    while size > smallest and stringWidth(text, font, size) > room:
        size -= 0.5
    return size


def cell_text(c, font: str, text: str, x0: float, x1: float, y0: float, y1: float, size: float, *,
              align: str = "center", pad: float, smallest: float = 6.5) -> None:
    """`text` in the cell x0..x1 × y0..y1: vertically centred, shrunk to fit between the paddings."""
    size = fit_size(text, font, size, x1 - x0 - 2 * pad, smallest)
    c.setFont(font, size)
    y = (y0 + y1) / 2 - size * 0.36
    if align == "left":
        c.drawString(x0 + pad, y, text)
    elif align == "right":
        c.drawRightString(x1 - pad, y, text)
    else:
        c.drawCentredString((x0 + x1) / 2, y, text)


def column_edges(left: float, right: float, widths_mm: list[float]) -> list[float]:
    """x of every column edge: columns of `widths_mm` from `left`, the last column reaching `right`."""
    from reportlab.lib.units import mm

    xs = [left]
    for w in widths_mm:
        xs.append(xs[-1] + w * mm)
    xs.append(right)
    return xs


def ruled_table(c, xs: list[float], top: float, rows: int, row_h: float, open_rows: int = 0) -> float:
    """A framed table of `rows` rows from `top` with the columns `xs`; returns its bottom.
    The column lines stop `open_rows` rows above the bottom (rows across the whole table, e.g. a subtotal)."""
    bottom = top - rows * row_h
    c.setLineWidth(1.1)
    c.rect(xs[0], bottom, xs[-1] - xs[0], top - bottom)
    c.setLineWidth(0.5)
    for k in range(1, rows):
        c.line(xs[0], top - k * row_h, xs[-1], top - k * row_h)
    for x in xs[1:-1]:
        c.line(x, top, x, bottom + open_rows * row_h)
    return bottom


def blank_below(c, font: str, left: float, right: float, row_bottom: float, row_h: float) -> None:
    """（以下空白） in the row under `row_bottom`, the first unused row of a ruled table."""
    c.setFont(font, 9)
    c.drawCentredString((left + right) / 2, row_bottom - row_h / 2 - 3, "（以下空白）")


def signature_line(c, font: str, x: float, y: float, label: str, x_end: float, size: float = 10.5) -> None:
    """`label` at (x, y) (in the current font) and a line to sign on from its end to `x_end`."""
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    c.drawString(x, y, label)
    c.line(x + stringWidth(label, font, size), y - 1.3 * mm, x_end, y - 1.3 * mm)


def reprint_box(c, font: str, x: float, y: float) -> None:
    """A red rounded box with 补打 in it (20 × 9 mm), its lower left corner at (x, y)."""
    from reportlab.lib.units import mm

    c.saveState()
    c.setStrokeColorRGB(*RED)
    c.setFillColorRGB(*RED)
    c.setLineWidth(1.3)
    c.roundRect(x, y, 20 * mm, 9 * mm, 1.5 * mm)
    c.setFont(font, 14)
    c.drawCentredString(x + 10 * mm, y + 2.5 * mm, "补打")
    c.restoreState()


def page_number(c, font: str, page: int, total: int, x: float, y: float) -> None:
    """第 x 页 共 y 页, centred on x."""
    c.setFont(font, 9)
    c.drawCentredString(x, y, f"第 {page} 页 共 {total} 页")


def printed_label(when) -> str:
    """打印：2026-11-29 10:30 (when the paper was printed)."""
    return f"打印：{when:%Y-%m-%d %H:%M}"


def wrap_text(text: str, font: str, size: float, room: float) -> list[str]:
    """Lines of `text` that fit in `room` points (CJK text breaks between any two characters;
    a run of ASCII letters and digits is kept together when it fits)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, line = [], ""
    tokens: list[str] = []
    for ch in text:
        if tokens and ch.isascii() and ch.isalnum() and tokens[-1][-1:].isascii() and tokens[-1][-1:].isalnum():
            tokens[-1] += ch
        else:
            tokens.append(ch)
    for token in tokens:
        if stringWidth(line + token, font, size) <= room:
            line += token
            continue
        if line:
            lines.append(line)
        line = token.lstrip() if token.strip() else ""
        if line and line[0] in "，。、；：）」》" and lines:
            lines[-1] += line[0]
            line = line[1:]
    if line:
        lines.append(line)
    return lines
