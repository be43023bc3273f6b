"""通报: the monthly bulletin of the city union to its counties, as a PDF (A4 portrait).

The issuer (the org name, red, with a red rule under it), the title 「关于2026年11月份全市职工互助保障工作进展
情况的通报」, the addressees, the opening paragraph, the sections (一、总体情况 … with the ranking table, the
百万县区 and the counties behind schedule), the two charts (vector, reportlab.graphics: the monthly premiums and
payouts of the year with the claim ratio, and the counties' completion of their targets), the closing text,
the issuer and the date, and the state of the month it was made from (已月结: who, when, version, signature);
第 x 页 共 y 页 in every footer. The paper takes plain data; every sentence is made by the service
(services/statistics/bulletin.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from mutualaid_desktop.documents.paper import GREY, RED, cn_date, fit_lines, write_numbered_a4

WAN = Decimal(10000)


@dataclass(frozen=True)
class RankLine:
    """A county's row of the ranking table (the last row: the city's total, rank None)."""

    rank: int | None
    tied: bool
    name: str
    premiums: Decimal  # the year to date, yuan
    target: Decimal | None  # yuan
    completion: Decimal | None  # %
    growth: Decimal | None  # 同比 %
    claim_ratio: Decimal | None  # %
    decision_days: Decimal | None  # median
    payment_days: Decimal | None
    behind: bool  # the completion printed in red


@dataclass(frozen=True)
class YearChart:
    """The year's months: labels, premiums, paid (yuan) and claim ratios (%); None for a month not come."""

    labels: tuple[str, ...]
    premiums: tuple[Decimal | None, ...]
    paid: tuple[Decimal | None, ...]
    ratios: tuple[Decimal | None, ...]


@dataclass(frozen=True)
class Section:
    heading: str  # 一、总体情况
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class BulletinPaper:
    org_name: str  # the issuer
    title: str
    addressees: str  # 各县区总工会：
    opening: str  # 现将……通报如下：
    overview: Section  # 一、总体情况
    ranking_heading: str
    ranking: tuple[RankLine, ...]
    ranking_note: str
    ranking_after: tuple[str, ...]  # paragraphs after the table (who may be rated advanced)
    sections: tuple[Section, ...]  # 百万县区, behind schedule
    charts_heading: str
    year_chart: YearChart
    year_caption: str
    completion_names: tuple[str, ...]
    completion_rates: tuple[Decimal | None, ...]
    completion_caption: str
    closing: str  # the closing text (设置 → 纸面文字)
    issued_on: date
    state: str  # 已月结：…


def wan(amount: Decimal | None) -> str:
    """Yuan as 万元 with two decimals (—: none)."""
    return "—" if amount is None else f"{(amount / WAN).quantize(Decimal('0.01'), ROUND_HALF_UP):,}"


def _pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{value}%"


def _days(value: Decimal | None) -> str:
    return "—" if value is None else f"{value.normalize():f}"


HEADS = (
    "排名",
    "县区",
    "参保金额\n（万元）",
    "年度目标\n（万元）",
    "完成率",
    "同比",
    "理赔率",
    "审核\n天数",
    "给付\n天数",
)
WIDTHS_MM = (15, 0, 19, 19, 16, 15, 15, 11, 11)  # 0: the county's name takes the rest


def _ranking_table(paper: BulletinPaper, font: str, width: float):
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table, TableStyle

    cell = ParagraphStyle("cell", fontName=font, fontSize=8.5, leading=10.5, wordWrap="CJK")
    head = ParagraphStyle("head", parent=cell, alignment=1, fontSize=8.5)
    rows: list[list[Any]] = [[Paragraph(escape(h).replace("\n", "<br/>"), head) for h in HEADS]]
    style: list[tuple[Any, ...]] = []
    for i, line in enumerate(paper.ranking, start=1):
        rank = "" if line.rank is None else f"{line.rank}" + ("（并列）" if line.tied else "")
        name = line.name if line.rank is not None else f"{line.name}合计"
        rows.append(
            [
                Paragraph(rank, ParagraphStyle("r", parent=cell, alignment=1, fontSize=7.5)),
                Paragraph(escape(name), cell),
                wan(line.premiums),
                wan(line.target),
                _pct(line.completion),
                _pct(line.growth),
                _pct(line.claim_ratio),
                _days(line.decision_days),
                _days(line.payment_days),
            ]
        )
        if line.behind:
            style.append(("TEXTCOLOR", (4, i), (4, i), colors.Color(*RED)))
    fixed = [w * mm for w in WIDTHS_MM]
    fixed[1] = width - sum(fixed)
    table = Table(rows, colWidths=fixed, repeatRows=1)
    style += [
        ("FONT", (0, 0), (-1, -1), font, 8.5),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
        ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if paper.ranking and paper.ranking[-1].rank is None:
        style.append(("LINEABOVE", (0, -1), (-1, -1), 1.0, colors.black))
    table.setStyle(TableStyle(style))
    return table


def _charts(paper: BulletinPaper, font: str, width: float, heading, caption) -> list:
    """The heading and the charts, each with its caption (the heading never alone at a page's foot)."""
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    from mutualaid_desktop.documents import charts

    y = paper.year_chart
    year = charts.monthly_chart(y.labels, y.premiums, y.paid, y.ratios, width=width, height=230, table=True)
    first = [heading, Spacer(1, 4), year, Spacer(1, 4), Paragraph(escape(paper.year_caption), caption)]
    out: list[Any] = [KeepTogether(first)]
    if paper.completion_names:
        tall = 40 + 24 * len(paper.completion_names)
        done = charts.completion_chart(paper.completion_names, paper.completion_rates, width=width, height=tall)
        out += [Spacer(1, 10), KeepTogether([done, Spacer(1, 4), Paragraph(escape(paper.completion_caption), caption)])]
    return out


def _styles(font: str) -> dict[str, Any]:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=19, wordWrap="CJK", alignment=TA_JUSTIFY)
    return {
        "body": ParagraphStyle("indent", parent=body, firstLineIndent=22),
        "plain": body,
        "heading": ParagraphStyle("h", parent=body, fontSize=11.5, spaceBefore=6, keepWithNext=1),
        "title": ParagraphStyle("t", parent=body, fontSize=17, leading=25, alignment=TA_CENTER),
        "right": ParagraphStyle("r", parent=body, alignment=TA_RIGHT),
        "note": ParagraphStyle("n", parent=body, fontSize=8.5, leading=12, textColor=colors.Color(*GREY)),
        "caption": ParagraphStyle("c", parent=body, fontSize=9, leading=12, alignment=TA_CENTER),
        "state": ParagraphStyle("s", parent=body, fontSize=8.5, leading=12, textColor=colors.Color(*GREY)),
    }


def _masthead(paper: BulletinPaper, font: str, width: float) -> list:
    """The issuer in red, as large as fits on two lines (not below 11 points), and a red rule."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import HRFlowable, Paragraph, Spacer

    size, _lines = fit_lines(paper.org_name, font, 24, width, 11, most=2)
    style = ParagraphStyle(
        "m",
        fontName=font,
        fontSize=size,
        leading=size * 1.3,
        alignment=TA_CENTER,
        textColor=colors.Color(*RED),
        wordWrap="CJK",
    )
    return [
        Paragraph(escape(paper.org_name), style),
        Spacer(1, 3),
        HRFlowable(width="100%", thickness=1.6, color=colors.Color(*RED), spaceBefore=2, spaceAfter=10),
    ]


def _story(paper: BulletinPaper, font: str, width: float) -> list:
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    s = _styles(font)

    def para(text: str, style: str = "body") -> Any:
        return Paragraph(escape(text), s[style])

    story: list = [*_masthead(paper, font, width), para(paper.title, "title"), Spacer(1, 10)]
    story += [para(paper.addressees, "plain"), para(paper.opening)]
    story += [para(paper.overview.heading, "heading"), *(para(p) for p in paper.overview.paragraphs)]
    story += [
        para(paper.ranking_heading, "heading"),
        Spacer(1, 3),
        _ranking_table(paper, font, width),
        Spacer(1, 3),
        para(paper.ranking_note, "note"),
        *(para(p) for p in paper.ranking_after),
    ]
    for section in paper.sections:
        story += [para(section.heading, "heading"), *(para(p) for p in section.paragraphs)]
    story += _charts(paper, font, width, para(paper.charts_heading, "heading"), s["caption"])
    ending = [
        Spacer(1, 8),
        para(paper.closing),
        Spacer(1, 16),
        para(paper.org_name, "right"),
        para(cn_date(paper.issued_on), "right"),
        Spacer(1, 10),
        para(paper.state, "state"),
    ]
    story.append(KeepTogether(ending))  # the closing, the issuer, the date and the state never apart
    return story


def render_bulletin(paper: BulletinPaper, path: Path) -> Path:
    """The bulletin written to `path` whole (or not at all: written through the papers' safe canvas)."""
    from reportlab.lib.units import mm

    def story(font: str, width: float) -> list:
        return _story(paper, font, width)

    return write_numbered_a4(path, title=paper.title, author=paper.org_name, story=story, side=18 * mm, top=16 * mm)
