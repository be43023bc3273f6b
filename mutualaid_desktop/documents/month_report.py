"""月报表: the monthly report of the city or of a county, as a PDF (A4 portrait).

The org name, the title 「{scope}{2026年11月}职工互助保障月报表」, the state of the month (已月结 by whom, when,
which version and the first characters of its signature — or 未月结 in red), the period and basis; a table
with a row a figure and the columns 本月 | 以前月份调整 | 本月合计 | 本年累计; for the city, each county's month
(with its adjustment) and year to date; the note on 以前月份调整; the signature line (制表人 / 审核人 / 负责人)
with the 制表时间; 第 x 页 共 y 页 in every footer. The paper takes plain data (texts, Decimals, ints).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from mutualaid_desktop.documents.paper import GREY, RED, fit_size, write_numbered_a4
from mutualaid_desktop.domain.money import format_amount

TITLE = "职工互助保障月报表"
COLUMN_HEADS = ("本月", "以前月份调整", "本月合计", "本年累计")
Value = Decimal | int | None


@dataclass(frozen=True)
class FigureLine:
    """A figure's row: its label, its kind (count, money, percent, days) and its value in each of the
    four columns (None: none; in 以前月份调整, a figure that is not adjusted)."""

    label: str
    kind: str
    values: tuple[Value, Value, Value, Value]


@dataclass(frozen=True)
class CountyLine:
    """A county's row of the city's report (the last row: the city's total): the month with its
    adjustment, and the year to date."""

    name: str
    code: str
    month_premiums: Decimal
    month_enrollments: int
    month_paid: Decimal
    month_ratio: Decimal | None
    ytd_premiums: Decimal
    ytd_enrollments: int
    ytd_paid: Decimal
    ytd_ratio: Decimal | None
    # 本年目标完成率 (%): filled in once yearly targets exist (services/statistics/targets.py); the column is
    # printed when a row has one
    target_completion: Decimal | None = None


@dataclass(frozen=True)
class Closed:
    """The month's closing: who closed it, when (local time), its version and the start of its digest."""

    closed_by: str
    closed_at: datetime
    version: int
    signature: str


@dataclass(frozen=True)
class MonthReportPaper:
    org_name: str
    scope: str  # the city's or the county's name
    period_label: str  # 2026年11月
    period_line: str  # the dates of the month and of the year to date, the basis
    figures: tuple[FigureLine, ...]
    note: str  # what 以前月份调整 is
    signatures: tuple[str, ...]  # 制表人, 审核人, 负责人
    made_at: datetime
    closed: Closed | None = None  # None: the month is not closed, its figures may change
    counties: tuple[CountyLine, ...] = ()  # the city's report: the counties, then the city's total

    @property
    def title(self) -> str:
        return f"{self.scope}{self.period_label}{TITLE}"

    @property
    def state(self) -> str:
        c = self.closed
        if c is None:
            return "未月结，数字可能变动"
        return f"已月结：{c.closed_by}　{c.closed_at:%Y-%m-%d %H:%M}　第 {c.version} 版　签名 {c.signature}"


def figure_text(kind: str, value: Value, *, blank: str = "—") -> str:
    """A value as printed: money with thousands separators and 2 decimals, a count with separators, a
    percentage with %, days as they are; `blank` for none."""
    if value is None:
        return blank
    if kind == "money":
        return format_amount(value).replace("¥", "")
    if kind == "count":
        return f"{value:,}"
    if kind == "percent":
        return f"{value}%"
    return str(value)


def _figure_rows(paper: MonthReportPaper) -> list[list[str]]:
    rows = [["项目", *COLUMN_HEADS]]
    for line in paper.figures:
        own, adjust, total, ytd = line.values
        rows.append(
            [
                line.label,
                figure_text(line.kind, own),
                figure_text(line.kind, adjust, blank=""),
                figure_text(line.kind, total),
                figure_text(line.kind, ytd),
            ]
        )
    return rows


def _county_cells(line: CountyLine, targets: bool) -> list[str]:
    cells = [
        figure_text("money", line.month_premiums),
        figure_text("count", line.month_enrollments),
        figure_text("money", line.month_paid),
        figure_text("percent", line.month_ratio),
        figure_text("money", line.ytd_premiums),
        figure_text("count", line.ytd_enrollments),
        figure_text("money", line.ytd_paid),
        figure_text("percent", line.ytd_ratio),
    ]
    if targets:
        cells.append(figure_text("percent", line.target_completion))
    return cells


PAD = 3.0  # a cell's left and right padding (points)


def _fitted(rows: list[list[Any]], widths: list[float], font: str, size: float, heads: int) -> list[tuple[Any, ...]]:
    """Smaller print for a figure too wide for its cell (a city's 9 digits of yuan), never over the rule."""
    out: list[tuple[Any, ...]] = []
    for r, row in enumerate(rows[heads:], start=heads):
        for c, text in enumerate(row):
            if c and isinstance(text, str):
                fitted = fit_size(text, font, size, widths[c] - 2 * PAD, 6.0)
                if fitted < size:
                    out.append(("FONTSIZE", (c, r), (c, r), fitted))
    return out


def _grid(font: str, size: float, heads: int) -> list[tuple[Any, ...]]:
    from reportlab.lib import colors

    return [
        ("FONT", (0, 0), (-1, -1), font, size),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
        ("BACKGROUND", (0, 0), (-1, heads - 1), colors.Color(0.92, 0.92, 0.92)),
        ("ALIGN", (0, 0), (-1, heads - 1), "CENTER"),
        ("ALIGN", (1, heads), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]


def _figures_table(paper: MonthReportPaper, font: str, width: float):
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    label = ParagraphStyle("l", fontName=font, fontSize=9.5, leading=12, wordWrap="CJK")
    rows: list[list[Any]] = _figure_rows(paper)
    for row in rows[1:]:
        row[0] = Paragraph(escape(row[0]), label)
    first = width * 0.32
    widths = [first] + [(width - first) / 4] * 4
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = _grid(font, 9.5, 1) + _fitted(rows, widths, font, 9.5, 1)
    style.append(("BACKGROUND", (3, 1), (3, -1), colors.Color(0.96, 0.96, 0.96)))  # 本月合计
    table.setStyle(TableStyle(style))
    return table


def _counties_table(paper: MonthReportPaper, font: str, width: float):
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table, TableStyle

    targets = any(c.target_completion is not None for c in paper.counties)
    name_style = ParagraphStyle("c", fontName=font, fontSize=8.5, leading=10.5, wordWrap="CJK")
    code_style = ParagraphStyle("k", parent=name_style, fontSize=7.5, leading=9, textColor=colors.Color(*GREY))
    heads = ["参保金额", "参保人次", "理赔金额", "理赔率"]
    head_style = ParagraphStyle("h", parent=name_style, fontSize=8, alignment=1)
    widths = [20.5 * mm, 14 * mm, 20.5 * mm, 15.5 * mm] * 2 + ([15 * mm] if targets else [])  # 理赔率 up to "1063.62%"
    rows: list[list[Any]] = [
        ["县区", "本月合计（含以前月份调整）", "", "", "", "本年累计", "", "", ""]
        + ([Paragraph("目标完成率", head_style)] if targets else []),
        [""] + [Paragraph(h, head_style) for h in heads * 2] + ([""] if targets else []),
    ]
    for i, line in enumerate(paper.counties):
        total = i == len(paper.counties) - 1
        name = Paragraph(escape(f"{line.name}合计" if total else line.name), name_style)
        cell: Any = [name, Paragraph(escape(line.code), code_style)] if line.code else name
        rows.append([cell, *_county_cells(line, targets)])
    widths = [width - sum(widths), *widths]
    table = Table(rows, colWidths=widths, repeatRows=2)
    style = _grid(font, 8.5, 2) + _fitted(rows, widths, font, 8.5, 2)
    style += [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (4, 0)), ("SPAN", (5, 0), (8, 0))]
    if targets:
        style.append(("SPAN", (9, 0), (9, 1)))
    style.append(("LINEABOVE", (0, -1), (-1, -1), 1.0, (0, 0, 0)))
    table.setStyle(TableStyle(style))
    return table


def _signature_table(paper: MonthReportPaper, font: str, width: float):
    from reportlab.platypus import Table, TableStyle

    cells: list[str] = []
    for label in paper.signatures:
        cells += [f"{label}：", ""]
    each = width / max(len(paper.signatures), 1)
    table = Table([cells], colWidths=[each * 0.36, each * 0.64] * len(paper.signatures), hAlign="LEFT")
    style: list[tuple[Any, ...]] = [("FONT", (0, 0), (-1, -1), font, 10.5), ("LEFTPADDING", (0, 0), (0, 0), 0)]
    for i in range(len(paper.signatures)):
        style.append(("LINEBELOW", (2 * i + 1, 0), (2 * i + 1, 0), 0.6, (0, 0, 0)))
        style.append(("ALIGN", (2 * i, 0), (2 * i, 0), "RIGHT"))
    table.setStyle(TableStyle(style))
    return table


def _story(paper: MonthReportPaper, font: str, width: float) -> list:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    normal = ParagraphStyle("n", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
    centre = ParagraphStyle("c", parent=normal, alignment=TA_CENTER, fontSize=11, leading=15)
    title = ParagraphStyle("t", parent=centre, fontSize=17, leading=23)
    state = ParagraphStyle("s", parent=centre, fontSize=10, leading=14)
    if paper.closed is None:
        state.textColor = colors.Color(*RED)
    small = ParagraphStyle("g", parent=normal, fontSize=9, leading=12.5, textColor=colors.Color(*GREY))
    story: list = [
        Paragraph(escape(paper.org_name), centre),
        Spacer(1, 1.5 * mm),
        Paragraph(escape(paper.title), title),
        Spacer(1, 1.5 * mm),
        Paragraph(escape(paper.state), state),
        Paragraph(escape(paper.period_line), ParagraphStyle("p", parent=small, alignment=TA_CENTER)),
        Spacer(1, 4 * mm),
        _figures_table(paper, font, width),
    ]
    if paper.counties:
        story += [
            Spacer(1, 5 * mm),
            Paragraph(
                "各县区参保与理赔（金额单位：元）",
                ParagraphStyle("h", parent=normal, fontSize=11, leading=15),
            ),
            Spacer(1, 1.5 * mm),
            _counties_table(paper, font, width),
        ]
    made = Paragraph(
        f"制表时间：{paper.made_at:%Y-%m-%d %H:%M}", ParagraphStyle("m", parent=normal, alignment=TA_RIGHT)
    )
    # the note, the signatures and the time stay together (never the signatures alone on a page)
    ending = [Paragraph(escape(paper.note), small), Spacer(1, 9 * mm), _signature_table(paper, font, width)]
    story += [Spacer(1, 3 * mm), KeepTogether([*ending, Spacer(1, 4 * mm), made])]
    return story


def render_month_report(paper: MonthReportPaper, path: Path) -> Path:
    from reportlab.lib.units import mm

    def story(font: str, width: float) -> list:
        return _story(paper, font, width)

    # the report named in every footer, left of the page number
    return write_numbered_a4(path, title=paper.title, author=paper.org_name, story=story, side=16 * mm, top=15 * mm)
