"""The charts of the monthly cycle, drawn once with reportlab.graphics: a vector Drawing on paper
(a Drawing is a platypus Flowable; `draw_on` puts it on a canvas) and SVG on screen
(`drawing_to_svg`, shown by ui/common/chart_view.py through QtSvg), in the embedded CJK font, so
that the screen and the paper look the same.

The inputs are plain: labels, Decimal amounts in yuan, Decimal percentages (None where there is no
figure). Every amount or percentage printed is made from the Decimal given; only the positions
(and the axis ticks, round numbers) go through float.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any, Literal
from xml.dom import minidom

from reportlab.graphics import renderPDF, renderSVG
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

from mutualaid_desktop.documents.fonts import cjk_font
from mutualaid_desktop.documents.paper import fit_size, wrap_text

WAN = Decimal(10000)
CENT = Decimal("0.01")
HUNDRED = Decimal(100)
NO_TARGET = "无目标"
MARK_LABEL = "目标 {mark}%"


class Palette:
    """The charts' colours, the only place they are named."""

    PREMIUMS = HexColor("#3A6EA5")  # 参保金额, and a completion below the target
    PAID = HexColor("#E0892B")  # 理赔金额
    RATIO = HexColor("#C0392B")  # 理赔率
    REACHED = HexColor("#2E8B57")  # a completion at or over the target
    MARK = HexColor("#555555")  # the target's line
    TEXT = HexColor("#222222")
    MUTED = HexColor("#808080")
    GRID = HexColor("#E2E2E2")
    AXIS = HexColor("#9A9A9A")


# ---------------------------------------------------------------- axes


def nice_step(raw: Decimal) -> Decimal:
    """The smallest 1, 2, 2.5 or 5 × 10ⁿ not below `raw` (> 0)."""
    unit = Decimal(1).scaleb(raw.adjusted())
    for factor in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)):
        if factor * unit >= raw:
            return factor * unit
    return 10 * unit  # not reached: 10 × unit is always >= raw


def round_ticks(low: Decimal, high: Decimal, intervals: int = 5) -> tuple[Decimal, ...]:
    """Round ticks from at or below min(low, 0) to at or above max(high, 0); 0 is one of them, and
    there is at least one above it."""
    low, high = min(low, Decimal(0)), max(high, Decimal(0))
    if high == low:  # nothing at all: an axis from 0 to 1
        high = Decimal(1)
    step = nice_step((high - low) / intervals)
    first = (low / step).to_integral_value(rounding=ROUND_FLOOR) * step
    last = max((high / step).to_integral_value(rounding=ROUND_CEILING) * step, step)
    count = int((last - first) / step)
    return tuple(first + i * step for i in range(count + 1))


def plain(number: Decimal) -> str:
    """A tick as written: 0, 50, 2.5, -50 (no exponent, no trailing zeros)."""
    return "0" if number == 0 else f"{number.normalize():f}"


@dataclass(frozen=True)
class Axis:
    """Ticks mapped onto a span of the drawing (`start` for the first tick, `end` for the last)."""

    ticks: tuple[Decimal, ...]
    start: float
    end: float

    def at(self, value: Decimal) -> float:
        low, high = self.ticks[0], self.ticks[-1]
        value = min(max(value, low), high)
        return self.start + float((value - low) / (high - low)) * (self.end - self.start)


def aligned_ticks(left: tuple[Decimal, ...], values: Sequence[Decimal], fallback: Decimal) -> tuple[Decimal, ...]:
    """Ticks for a second axis beside `left`: as many, with 0 at the same place, round steps wide
    enough for `values` (or for `fallback` at the top when there are none above 0)."""
    zero = left.index(Decimal(0))
    above, below = len(left) - 1 - zero, zero
    high, low = max([*values, Decimal(0)]), min([*values, Decimal(0)])
    need = max(high / above if above else Decimal(0), -low / below if below else Decimal(0))
    if need <= 0:
        need = fallback / above if above else fallback
    step = nice_step(need)
    return tuple((i - zero) * step for i in range(len(left)))


# ---------------------------------------------------------------- text


def wan(amount: Decimal) -> str:
    """Yuan as 万元 with two decimals, half up: 1234567.89 -> 123.46."""
    return str((amount / WAN).quantize(CENT, rounding=ROUND_HALF_UP))


def percent_text(rate: Decimal) -> str:
    return f"{rate.quantize(CENT, rounding=ROUND_HALF_UP)}%"


Anchor = Literal["start", "middle", "end"]


def _text(x: float, y: float, text: str, size: float, *, anchor: Anchor = "start", colour: Any = None) -> String:
    return String(x, y, text, fontName=cjk_font(), fontSize=size, fillColor=colour or Palette.TEXT, textAnchor=anchor)


def _width(text: str, size: float) -> float:
    return float(stringWidth(text, cjk_font(), size))


def _box(x: float, y: float, width: float, height: float, colour: Any) -> Rect:
    """A filled rectangle without an outline (a bar, a legend's swatch); `height` < 0 goes down from y."""
    box = Rect(x, y, width, height)
    box.fillColor, box.strokeColor = colour, None
    return box


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


# ---------------------------------------------------------------- the monthly chart

LEGEND = (("参保金额（万元）", "bar", Palette.PREMIUMS), ("理赔金额（万元）", "bar", Palette.PAID))
RATIO_LEGEND = "理赔率（%）"
TABLE_ROWS = ("参保金额", "理赔金额", "理赔率")


@dataclass(frozen=True)
class MonthlyWords:
    """The words of the monthly chart: the legend's three and the table's row names. The defaults are the
    paper's (Chinese); a screen passes its own, in the language of the user interface."""

    premiums: str = LEGEND[0][0]
    paid: str = LEGEND[1][0]
    ratio: str = RATIO_LEGEND
    rows: tuple[str, str, str] = TABLE_ROWS


@dataclass(frozen=True)
class CompletionWords:
    """The words of the completion chart: a county without a target, and the target's line (`{mark}`: its
    percentage, as 100)."""

    no_target: str = NO_TARGET
    mark: str = MARK_LABEL


@dataclass(frozen=True)
class _Frame:
    """Where the parts of the monthly chart go."""

    size: float  # the font size of the axes and the legend
    left: float  # the plot's left, right, bottom and top
    right: float
    bottom: float
    top: float
    cells: tuple[tuple[str, ...], ...]  # the table's rows of values, one cell a month
    cell_size: float  # the table's font size
    line: float  # the height of a line of the table


def monthly_chart(
    labels: Sequence[str],
    premiums: Sequence[Decimal | None],
    paid: Sequence[Decimal | None],
    ratios: Sequence[Decimal | None],
    *,
    width: float,
    height: float,
    table: bool = True,
    words: MonthlyWords = MonthlyWords(),
) -> Drawing:
    """Each month's 参保金额 and 理赔金额 as two bars (万元, the left axis) and its 理赔率 as a line with
    markers (%, the right axis), a legend, and under the months (`table`) the values in figures.
    A month whose amounts are None (not yet come) or zero has no bar; a negative amount (more reversed
    than paid) goes below the zero line; a ratio of None breaks the line."""
    if not len(labels) == len(premiums) == len(paid) == len(ratios):
        raise ValueError("monthly_chart: labels, premiums, paid and ratios differ in length")
    amounts = [a / WAN for a in [*premiums, *paid] if a is not None]
    left_ticks = round_ticks(min(amounts, default=Decimal(0)), max(amounts, default=Decimal(0)))
    right_ticks = aligned_ticks(left_ticks, [r for r in ratios if r is not None], HUNDRED)
    frame = _monthly_frame(labels, premiums, paid, ratios, left_ticks, right_ticks, width, height, table, words)
    y_left = Axis(left_ticks, frame.bottom, frame.top)
    y_right = Axis(right_ticks, frame.bottom, frame.top)
    drawing = Drawing(width, height)
    _grid(drawing, frame, y_left, y_right)
    slot = (frame.right - frame.left) / max(len(labels), 1)
    bar = slot * 0.32
    zero = y_left.at(Decimal(0))
    for i, (premium, payout) in enumerate(zip(premiums, paid, strict=True)):
        middle = frame.left + (i + 0.5) * slot
        for amount, x, colour in (
            (premium, middle - bar - 0.5, Palette.PREMIUMS),
            (payout, middle + 0.5, Palette.PAID),
        ):
            if amount:  # None or zero: no bar, not a sliver
                top = y_left.at(amount / WAN)
                height_ = top - zero if abs(top - zero) >= 0.5 else (0.5 if amount > 0 else -0.5)
                drawing.add(_box(x, zero, bar, height_, colour))
    _ratio_line(drawing, [frame.left + (i + 0.5) * slot for i in range(len(labels))], ratios, y_right)
    _month_labels(drawing, frame, labels, slot, words.rows)
    _legend(drawing, frame, width, height, words)
    return drawing


def _monthly_frame(labels, premiums, paid, ratios, left_ticks, right_ticks, width, height, table, words) -> _Frame:
    size = _clamp(min(width / 60, height / 28), 6, 9)
    cells: tuple[tuple[str, ...], ...] = ()
    if table:
        cells = (
            tuple("" if p is None else wan(p) for p in premiums),
            tuple("" if p is None else wan(p) for p in paid),
            tuple(
                "" if p is None and q is None else ("—" if r is None else percent_text(r))
                for p, q, r in zip(premiums, paid, ratios, strict=True)
            ),
        )
    left_words = [plain(t) for t in left_ticks] + (list(words.rows) if table else [])
    left = max(_width(w, size) for w in left_words) + 6
    right = width - max(_width(plain(t) + "%", size) for t in right_ticks) - 6
    slot = (right - left) / max(len(labels), 1)
    widest = max((c for row in cells for c in row), key=lambda c: _width(c, size), default="")
    cell_size = fit_size(widest, cjk_font(), size, slot - 2, smallest=4.5) if widest else size
    line = max(cell_size, size * 0.8) * 1.45
    bottom = size * 1.6 + len(cells) * line + 2
    top = height - size * 2.2 - size * 0.8
    return _Frame(size, left, right, bottom, top, cells, cell_size, line)


def _grid(drawing: Drawing, frame: _Frame, y_left: Axis, y_right: Axis) -> None:
    size = frame.size
    for tick, other in zip(y_left.ticks, y_right.ticks, strict=True):
        y = y_left.at(tick)
        colour = Palette.AXIS if tick == 0 else Palette.GRID
        drawing.add(Line(frame.left, y, frame.right, y, strokeColor=colour, strokeWidth=0.5))
        drawing.add(_text(frame.left - 3, y - size * 0.35, plain(tick), size, anchor="end"))
        drawing.add(_text(frame.right + 3, y - size * 0.35, plain(other) + "%", size, colour=Palette.RATIO))
    for x in (frame.left, frame.right):
        drawing.add(Line(x, frame.bottom, x, frame.top, strokeColor=Palette.AXIS, strokeWidth=0.5))


def _ratio_line(drawing: Drawing, xs: Sequence[float], ratios: Sequence[Decimal | None], axis: Axis) -> None:
    """The ratio as a line, broken where a month has none, with a marker at each month that has one."""
    runs: list[list[float]] = [[]]
    for x, ratio in zip(xs, ratios, strict=True):
        if ratio is None:
            runs.append([])
            continue
        runs[-1] += [x, axis.at(ratio)]
    for run in runs:
        if len(run) >= 4:
            drawing.add(PolyLine(run, strokeColor=Palette.RATIO, strokeWidth=1.2))
    for run in runs:
        for k in range(0, len(run), 2):
            drawing.add(Circle(run[k], run[k + 1], 2, fillColor=Palette.RATIO, strokeColor=None))


def _month_labels(drawing: Drawing, frame: _Frame, labels: Sequence[str], slot: float, rows: Sequence[str]) -> None:
    size = frame.size
    y = frame.bottom - size * 1.3
    for i, label in enumerate(labels):
        fitted = fit_size(label, cjk_font(), size, slot - 1, smallest=4.5)
        drawing.add(_text(frame.left + (i + 0.5) * slot, y, label, fitted, anchor="middle"))
    for row, (name, values) in enumerate(zip(rows, frame.cells, strict=False)):
        y_row = y - (row + 1) * frame.line
        drawing.add(_text(frame.left - 3, y_row, name, min(size, frame.cell_size * 1.2), anchor="end"))
        for i, value in enumerate(values):
            if value:
                x = frame.left + (i + 0.5) * slot
                drawing.add(_text(x, y_row, value, frame.cell_size, anchor="middle"))
    if frame.cells:
        drawing.add(Line(frame.left, y - size * 0.45, frame.right, y - size * 0.45, strokeColor=Palette.GRID))


def _legend(drawing: Drawing, frame: _Frame, width: float, height: float, words: MonthlyWords) -> None:
    bars = ((words.premiums, Palette.PREMIUMS), (words.paid, Palette.PAID))
    texts = [text for text, _colour in bars] + [words.ratio]
    size = frame.size
    while size > 5 and sum(_width(w, size) + size * 2.6 for w in texts) > width - frame.left:
        size -= 0.5
    x, y = frame.left, height - size * 1.4
    for text, colour in bars:
        drawing.add(_box(x, y - size * 0.05, size * 0.9, size * 0.8, colour))
        drawing.add(_text(x + size * 1.2, y, text, size))
        x += size * 2.6 + _width(text, size)
    drawing.add(Line(x, y + size * 0.35, x + size * 1.4, y + size * 0.35, strokeColor=Palette.RATIO, strokeWidth=1.2))
    drawing.add(Circle(x + size * 0.7, y + size * 0.35, 2, fillColor=Palette.RATIO, strokeColor=None))
    drawing.add(_text(x + size * 1.8, y, words.ratio, size))


# ---------------------------------------------------------------- the completion chart


def completion_chart(
    names: Sequence[str],
    rates: Sequence[Decimal | None],
    *,
    width: float,
    height: float,
    mark: Decimal = HUNDRED,
    words: CompletionWords = CompletionWords(),
) -> Drawing:
    """Each county's completion rate (%) as a horizontal bar, its value at the end, 无目标 (`words.no_target`)
    where it has no target (None); a vertical line at `mark` (the target); a bar at or over the mark in another
    colour. Long names (16 characters, 12 counties) shrink or wrap to fit."""
    if len(names) != len(rates):
        raise ValueError("completion_chart: names and rates differ in length")
    drawing = Drawing(width, height)
    if not names:
        return drawing
    size = _clamp(min(width / 55, height / 20), 6, 9)
    top, bottom = height - size * 1.8, size * 1.9
    row = (top - bottom) / len(names)
    size = min(size, max(row * 0.62, 5))
    values = [words.no_target if r is None else percent_text(r) for r in rates]
    name_lines, name_size = _fit_names(names, size, width * 0.34, row)
    name_width = max(_width(line, name_size) for lines in name_lines for line in lines)
    left = name_width + 8
    right = width - max(_width(v, size) for v in values) - 6
    known = [r for r in rates if r is not None]
    x = Axis(round_ticks(min(known, default=Decimal(0)), max([*known, mark]), 4), left, right)
    for tick in x.ticks:
        drawing.add(Line(x.at(tick), bottom, x.at(tick), top, strokeColor=Palette.GRID, strokeWidth=0.5))
        drawing.add(_text(x.at(tick), bottom - size * 1.3, plain(tick) + "%", size, anchor="middle"))
    drawing.add(Line(x.at(Decimal(0)), bottom, x.at(Decimal(0)), top, strokeColor=Palette.AXIS, strokeWidth=0.5))
    _mark(drawing, x, mark, bottom, top, size, width, words.mark)  # under the bars and their values
    for i, (lines, rate, value) in enumerate(zip(name_lines, rates, values, strict=True)):
        middle = top - (i + 0.5) * row
        _county_row(drawing, x, middle, row, size, rate, value, mark)
        first = middle + (len(lines) - 1) * name_size * 0.55 - name_size * 0.35
        for k, line in enumerate(lines):
            drawing.add(_text(left - 6, first - k * name_size * 1.1, line, name_size, anchor="end"))
    return drawing


def _fit_names(names: Sequence[str], size: float, room: float, row: float) -> tuple[list[list[str]], float]:
    """The names' lines and their font size: shrunk to fit `room` (not below 6 points), else wrapped
    over two lines in a size that two lines fit in a row."""
    font = cjk_font()
    longest = max(names, key=lambda n: _width(n, size))
    fitted = fit_size(longest, font, size, room, smallest=6)
    if _width(longest, fitted) <= room:
        return [[n] for n in names], fitted
    fitted = min(fitted, row / 2.3)
    return [wrap_text(n, font, fitted, room)[:2] or [""] for n in names], fitted


def _county_row(drawing, x: Axis, middle: float, row: float, size: float, rate, value: str, mark: Decimal) -> None:
    zero = x.at(Decimal(0))
    if rate is None:
        drawing.add(_text(zero + 3, middle - size * 0.35, value, size, colour=Palette.MUTED))
        return
    if rate:
        colour = Palette.REACHED if rate >= mark else Palette.PREMIUMS
        bar = min(row * 0.6, size * 1.6)
        drawing.add(_box(zero, middle - bar / 2, x.at(rate) - zero, bar, colour))
    drawing.add(_text(max(x.at(rate), zero) + 3, middle - size * 0.35, value, size))


def _mark(
    drawing: Drawing, x: Axis, mark: Decimal, bottom: float, top: float, size: float, width: float, text: str
) -> None:
    at = x.at(mark)
    drawing.add(Line(at, bottom, at, top + 2, strokeColor=Palette.MARK, strokeWidth=1, strokeDashArray=[3, 2]))
    label = text.format(mark=plain(mark))
    half = _width(label, size) / 2
    drawing.add(_text(_clamp(at, half, width - half), top + size * 0.5, label, size, anchor="middle"))


# ---------------------------------------------------------------- out


def font_family() -> str:
    """The family name of the embedded font (what Qt knows it by): 'WenQuanYi Micro Hei'."""
    font: Any = getFont(cjk_font())  # a TTFont (the stubs know only Font, without its face)
    family = font.face.familyName
    return family.decode("utf-8") if isinstance(family, bytes) else str(family)


def drawing_to_svg(drawing: Drawing) -> bytes:
    """The drawing as SVG (UTF-8), its text in the font's family name, the name Qt registers it by."""
    # useClip: the clip as a property, not a <clipPath> element, which QtSvg would fill black
    svg = renderSVG.drawToString(drawing, useClip=True, fontHacks={cjk_font(): {"family": font_family()}})
    # reportlab writes a line's missing fill as Python's None: QtSvg takes "None" for black and fills the line
    svg = svg.replace("fill: None;", "fill: none;")
    return _whole_font_sizes(svg).encode("utf-8")


TEXT_SCALE = 100
_FONT_SIZE = re.compile(r"font-size:\s*([0-9.]+)px")


def _whole_font_sizes(svg: str) -> str:
    """Each text written TEXT_SCALE times larger inside a scale(1/TEXT_SCALE): QtSvg draws text in whole
    pixels of font size (8.73 as 8, a tenth narrower than on paper); 873 as 873 is as on paper."""
    doc = minidom.parseString(svg)
    for text in doc.getElementsByTagName("text"):
        size = _FONT_SIZE.search(text.getAttribute("style"))
        if size is None:
            continue
        scaled = f"font-size: {float(size.group(1)) * TEXT_SCALE:.2f}px"
        text.setAttribute("style", _FONT_SIZE.sub(scaled, text.getAttribute("style")))
        for axis in ("x", "y"):
            text.setAttribute(axis, f"{float(text.getAttribute(axis)) * TEXT_SCALE:.2f}")
        text.setAttribute("transform", f"{text.getAttribute('transform')} scale({1 / TEXT_SCALE:g})".strip())
    return doc.toxml(encoding="utf-8").decode("utf-8")


def draw_on(canvas: Any, drawing: Drawing, x: float, y: float) -> None:
    """Put `drawing` on a reportlab canvas with its lower left corner at (x, y), as vectors. (In a
    platypus story a Drawing is a Flowable: add it as it is.)"""
    renderPDF.draw(drawing, canvas, x, y)
