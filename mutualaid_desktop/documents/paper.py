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
from typing import TYPE_CHECKING, BinaryIO

from mutualaid_desktop.safe_files import atomic_path, make_private_folder, remove_leftovers

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

RED = (0.78, 0.10, 0.10)  # serial numbers, 补打 and 作废 marks
GREY = (0.35, 0.35, 0.35)  # footnotes

# What a paper for members or units (温馨提示, 续保提示单) prints for the counter's address, phone or
# hours when it is not filled in (设置 → 柜台信息): the same words on both; the preview warns.
COUNTER_UNKNOWN = "（请向发放本提示的工会询问）"


def counter_text(value: str | None) -> str:
    """The counter's address, phone or hours as printed: the value, or COUNTER_UNKNOWN."""
    return (value or "").strip() or COUNTER_UNKNOWN


def prepare(path: Path) -> tuple[Path, str]:
    """The paper's path (its folder made, owner-only when new) and the reportlab name of the embedded CJK font."""
    from mutualaid_desktop.documents.fonts import cjk_font

    font = cjk_font()
    path = Path(path)
    make_private_folder(path.parent)
    return path, font


_CANVAS: type[Canvas] | None = None


def canvas_class() -> type[Canvas]:
    """reportlab's Canvas whose `save()` writes the PDF through safe_files: under a temporary name
    beside the target, flushed, renamed over it only when complete (stale leftovers of killed
    writers in that folder are removed first). Raises safe_files.DiskFull on a full disk."""
    global _CANVAS
    if _CANVAS is None:
        from reportlab.pdfgen.canvas import Canvas

        class SafeCanvas(Canvas):
            _filename: str | Path | BinaryIO  # reportlab's (untyped): a path, or the open file while saving

            def save(self) -> None:
                filename = self._filename  # what open_canvas gave: a path
                assert isinstance(filename, str | Path), filename
                target = Path(filename)
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


def numbered_pages(title: str, font: str, margin: float, bottom: float):
    """For a platypus paper on A4: (its canvasmaker, how much higher the footer reaches). Every page gets
    第 x 页 共 y 页 centred `bottom` points above the edge, and `title` in grey at the left (a long title goes
    on upwards, by the returned rise). Two passes, for the page count; written through canvas_class."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    size = 8
    footer = wrap_text(title, font, size, A4[0] / 2 - margin - 20 * mm) or [""]
    rise = (len(footer) - 1) * size * LEADING
    base = canvas_class()

    class NumberedCanvas(base):  # type: ignore[misc,valid-type]  # a base chosen at run time
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):  # noqa: N802
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                page_number(self, font, self._pageNumber, total, A4[0] / 2, bottom)
                self.setFillColorRGB(*GREY)
                draw_lines(self, font, footer, margin, bottom + rise, size)
                super().showPage()
            super().save()

    return NumberedCanvas, rise


def write_numbered_a4(path, *, title: str, author: str, story, side: float, top: float):
    """A platypus paper on A4 portrait written to `path` whole (or not at all): `story(font, width)` gives its
    flowables for the text width between the side margins; every page numbered under `title` (numbered_pages).
    Margins in points; the bottom one leaves room for the footer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    path, font = prepare(path)
    canvasmaker, rise = numbered_pages(title, font, side, 10 * mm)
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=side,
        rightMargin=side,
        topMargin=top,
        bottomMargin=18 * mm + rise,
        title=title,
        author=author,
    )
    doc.build(story(font, A4[0] - 2 * side), canvasmaker=canvasmaker)
    return path


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


def cell_text(
    c,
    font: str,
    text: str,
    x0: float,
    x1: float,
    y0: float,
    y1: float,
    size: float,
    *,
    align: str = "center",
    pad: float,
    smallest: float = 6.5,
) -> None:
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
    a run of ASCII letters and digits is kept together when it fits, and broken when it alone is
    wider than `room`, e.g. a long account or invoice number; a line break in `text` starts a new line,
    an empty line is left out)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for part in text.split("\n"):
        tokens: list[str] = []
        for ch in part:
            if tokens and ch.isascii() and ch.isalnum() and tokens[-1][-1:].isascii() and tokens[-1][-1:].isalnum():
                tokens[-1] += ch
            else:
                tokens.append(ch)
        line, start = "", len(lines)
        for token in tokens:
            if stringWidth(line + token, font, size) <= room:
                line += token
                continue
            if len(token) > 1 and stringWidth(token, font, size) > room:  # too long for any line: by characters
                for ch in token:
                    if stringWidth(line + ch, font, size) > room and line:
                        lines.append(line)
                        line = ""
                    line += ch
                continue
            if line:
                lines.append(line)
            line = token.lstrip() if token.strip() else ""
            if line and line[0] in "，。、；：）」》" and len(lines) > start:
                lines[-1] += line[0]
                line = line[1:]
        if line:
            lines.append(line)
    return lines


LEADING = 1.3  # the line height of wrapped text in a cell, times the font size


def fit_lines(
    text: str, font: str, size: float, room: float, smallest: float = 8.0, *, most: int = 2
) -> tuple[float, list[str]]:
    """`text` in `room` points: (the size, the lines). On one line at `size`, or shrunk a little (at
    most 1 pt) to stay on one line; else on `most` lines (two) at the largest size down to
    `smallest` at which it fits them; else wrapped at `smallest` on as many lines as it needs.
    A long name (a unit's 45 characters) is printed whole, on two lines at its size before it is
    made smaller, never over the next cell and never in print too small to read."""
    one = fit_size(text, font, size, room, max(smallest, size - 1.0))
    lines = wrap_text(text, font, one, room) or [""]
    if len(lines) == 1:
        return one, lines
    while True:
        lines = wrap_text(text, font, size, room) or [""]
        if len(lines) <= most or size <= smallest:
            return size, lines
        size = max(smallest, size - 0.5)


def continued_heading(c, font: str, text: str, x: float, y: float) -> None:
    """The grey head of a page a paper goes on to ("理赔材料告知单（续）" and what names the paper)."""
    c.setFillColorRGB(*GREY)
    draw_lines(c, font, [text], x, y, 9)
    c.setFillColorRGB(0, 0, 0)


def draw_lines(
    c, font: str, lines: list[str], x: float, y: float, size: float, *, leading: float = LEADING, align: str = "left"
) -> float:
    """`lines` from the baseline `y` down, `size * leading` apart, `x` being their left end, centre or
    right end (`align`); returns the baseline of the last line."""
    c.setFont(font, size)
    for i, line in enumerate(lines):
        if i:
            y -= size * leading
        if align == "right":
            c.drawRightString(x, y, line)
        elif align == "center":
            c.drawCentredString(x, y, line)
        else:
            c.drawString(x, y, line)
    return y


def text_lines(
    c,
    font: str,
    text: str,
    x: float,
    y: float,
    size: float,
    room: float,
    *,
    leading: float = LEADING,
    align: str = "left",
) -> float:
    """`text` wrapped in `room` points and drawn as draw_lines does; the baseline of its last line."""
    return draw_lines(c, font, wrap_text(text, font, size, room) or [""], x, y, size, leading=leading, align=align)


def cell_lines(
    c,
    font: str,
    lines: list[str],
    size: float,
    x0: float,
    x1: float,
    y0: float,
    y1: float,
    *,
    align: str = "center",
    pad: float,
    leading: float = LEADING,
) -> None:
    """`lines` (at `size`) in the cell x0..x1 × y0..y1, vertically centred."""
    first = (y0 + y1) / 2 + (len(lines) - 1) * size * leading / 2 - size * 0.36
    x = x0 + pad if align == "left" else x1 - pad if align == "right" else (x0 + x1) / 2
    draw_lines(c, font, lines, x, first, size, leading=leading, align=align)


def row_height(cells, least: float, *, leading: float = LEADING) -> float:
    """The height of a table row whose cells are (size, lines): `least`, or what its tallest cell needs
    (its lines and 2.8 mm)."""
    from reportlab.lib.units import mm

    return max([least] + [len(lines) * size * leading + 2.8 * mm for size, lines in cells])


def ruled_rows(c, xs: list[float], top: float, heights: list[float], open_rows: int = 0) -> float:
    """A framed table of rows of `heights` from `top` with the columns `xs`; returns its bottom.
    The column lines stop `open_rows` rows above the bottom (rows across the whole table, e.g. a subtotal)."""
    ys = [top]
    for h in heights:
        ys.append(ys[-1] - h)
    c.setLineWidth(1.1)
    c.rect(xs[0], ys[-1], xs[-1] - xs[0], top - ys[-1])
    c.setLineWidth(0.5)
    for y in ys[1:-1]:
        c.line(xs[0], y, xs[-1], y)
    for x in xs[1:-1]:
        c.line(x, top, x, ys[len(heights) - open_rows])
    return ys[-1]


def page_rows(heights: list[float], room) -> list[tuple[int, int]]:
    """A table's rows on pages: (start, stop) of each page's rows. `room(page, last)` gives the
    points and the number of rows page `page` (0-based) has for rows as the last page (`last`, which
    carries the totals or signatures too) or as a page before it. A page before the last keeps at
    least one row back, so that the table goes on to the last page."""
    n = len(heights)
    after = [0.0] * (n + 1)  # after[i]: the height of the rows from i on
    for i in range(n - 1, -1, -1):
        after[i] = after[i + 1] + heights[i]
    out: list[tuple[int, int]] = []
    start = 0
    while True:
        points, most = room(len(out), True)
        if n - start <= most and after[start] <= points + 0.01:
            out.append((start, n))
            return out
        points, most = room(len(out), False)
        stop, used = start, 0.0
        while stop < n - 1 and stop - start < most and used + heights[stop] <= points + 0.01:
            used += heights[stop]
            stop += 1
        stop = max(stop, start + 1)  # a row taller than a page still goes on a page of its own
        out.append((start, stop))
        start = stop


def pair_lines(left: str, right: str, font: str, size: float, room: float, gap: float) -> tuple[list[str], list[str]]:
    """`left` and `right` (flush right) side by side in `room` points: on one line when they fit,
    else `right` keeps its width (at most half the room, else it wraps in half) and `left` wraps in the rest."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    wl, wr = stringWidth(left, font, size), stringWidth(right, font, size)
    if wl + gap + wr <= room or not right:
        return wrap_text(left, font, size, room) or [""], [right] if right else []
    right_room = min(wr, room / 2)
    return (wrap_text(left, font, size, room - right_room - gap) or [""]), wrap_text(right, font, size, right_room)


def draw_pair(
    c,
    font: str,
    left: str,
    right: str,
    x0: float,
    x1: float,
    y: float,
    size: float,
    *,
    leading: float = LEADING,
    gap: float = 12.0,
) -> float:
    """`left` from x0 and `right` flush right at x1, from the baseline `y` (see pair_lines); the
    lowest baseline. The left text is written first, whole, then the right."""
    lines_l, lines_r = pair_lines(left, right, font, size, x1 - x0, gap)
    low = draw_lines(c, font, lines_l, x0, y, size, leading=leading)
    if lines_r:
        low = min(low, draw_lines(c, font, lines_r, x1, y, size, leading=leading, align="right"))
    return low


class NullCanvas:
    """A canvas that draws nothing: a paper laid out on it is measured. Every call is accepted and
    returns the canvas (so that a path begun on it takes calls too)."""

    def __getattr__(self, name: str):
        return lambda *args, **kwargs: self


class Flow:
    """Lines going down the pages of a canvas paper: `y` is the next baseline; a line that would
    go below `bottom` goes on to a new page, started by `new_page()` (it ends the page, draws what
    every page carries and the small 续 heading, and returns the first baseline of the new page)."""

    def __init__(self, c, font: str, y: float, bottom: float, new_page) -> None:
        self.c, self.font, self.y, self.bottom, self.new_page = c, font, y, bottom, new_page
        self.pages = 1

    def need(self, height: float) -> None:
        """Go on to a new page unless `height` points fit between `y` and the bottom."""
        if self.y - height < self.bottom:
            self.y = self.new_page()
            self.pages += 1

    def lines(
        self,
        text: str,
        x: float,
        size: float,
        room: float,
        *,
        leading: float = 1.45,
        color=(0, 0, 0),
        keep: int = 1,
        align: str = "left",
    ) -> float:
        """`text` wrapped in `room` points from `x`, each line at `y` then `size * leading` lower,
        going on to a new page when needed (the first `keep` lines stay together); `y` is left at the
        baseline of the next line, and the baseline of the last line drawn is returned."""
        lines = wrap_text(text, self.font, size, room)
        last = self.y
        for i, line in enumerate(lines):
            self.need(size * leading * (min(keep, len(lines)) - 1) if i == 0 else 0)
            self.c.setFillColorRGB(*color)
            draw_lines(self.c, self.font, [line], x, self.y, size, align=align)
            last = self.y
            self.y -= size * leading
        self.c.setFillColorRGB(0, 0, 0)
        return last
