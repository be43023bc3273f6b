"""参保名单: a unit's roster of covered members, as a PDF (it goes back to the unit).

20 members a page, columns 序号 姓名 性别 身份证号 参保份数 保障期间; the ID numbers are masked
(first 6 and last 4 characters), as on every paper that leaves the counter. Each page has the
header (unit, plan, number of people, total premium, receipt number), "第 x 页 共 y 页" and the
signature lines of the unit's union chair (单位工会主席签字) and the clerk (经办人签字), with the date.
A payment for several plans gives one section per plan, each starting on a new page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from mutualaid_desktop.documents.paper import (
    GREY,
    blank_below,
    cell_text,
    column_edges,
    open_canvas,
    page_number,
    printed_label,
    reprint_box,
    ruled_table,
    signature_line,
)
from mutualaid_desktop.domain.money import format_amount

ROWS_PER_PAGE = 20
TITLE = "职工互助保障参保名单"


@dataclass(frozen=True)
class RosterRow:
    name: str
    sex: str  # 男 / 女
    id_number: str  # already masked
    shares: int
    cover_start: date
    cover_end: date


@dataclass(frozen=True)
class RosterSection:
    plan_name: str
    plan_code: str
    rows: tuple[RosterRow, ...]
    premium_total: Decimal

    @property
    def people(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class RosterPaper:
    org_name: str
    unit_name: str
    unit_code: str
    receipt_serial: str
    paid_on: date
    sections: tuple[RosterSection, ...]
    clerk_name: str = ""
    copy_number: int = 0  # >0: a reprint (补打)
    printed_at: datetime | None = None

    @property
    def page_count(self) -> int:
        return sum(max(1, -(-len(s.rows) // ROWS_PER_PAGE)) for s in self.sections) or 1


def render_unit_roster(paper: RosterPaper, path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    c, font = open_canvas(path, f"{TITLE} {paper.unit_name} {paper.receipt_serial}", paper.org_name)
    width, height = A4
    left, right = 18 * mm, width - 18 * mm
    total_pages = paper.page_count
    # columns: 序号 姓名 性别 身份证号 参保份数 保障期间
    xs = column_edges(left, right, [14, 30, 14, 50, 20])
    heads = ["序号", "姓名", "性别", "身份证号", "参保份数", "保障期间"]

    def cell(text: str, i: int, y0: float, y1: float, size: float = 10.5) -> None:
        cell_text(c, font, text, xs[i], xs[i + 1], y0, y1, size, pad=1 * mm)

    page = 0
    for section in paper.sections or (RosterSection("", "", (), Decimal(0)),):
        chunks = [section.rows[i:i + ROWS_PER_PAGE] for i in range(0, len(section.rows), ROWS_PER_PAGE)] or [()]
        first_number = 1
        for chunk in chunks:
            page += 1
            top = height - 16 * mm
            c.setFont(font, 10)
            c.drawCentredString(width / 2, top, paper.org_name)
            c.setFont(font, 18)
            c.drawCentredString(width / 2, top - 10 * mm, TITLE)
            if paper.copy_number > 0:
                reprint_box(c, font, left, top - 12 * mm)
            c.setFont(font, 10.5)
            y = top - 20 * mm
            c.drawString(left, y, f"单位名称：{paper.unit_name}")
            c.drawRightString(right, y, f"单位编码：{paper.unit_code}")
            y -= 6.5 * mm
            c.drawString(left, y, f"保障计划：{section.plan_name}")
            c.drawRightString(right, y, f"收据号：{paper.receipt_serial}")
            y -= 6.5 * mm
            c.drawString(left, y, f"参保人数：{section.people} 人")
            c.drawString(left + 55 * mm, y, f"互助金合计：{format_amount(section.premium_total)}")
            c.drawRightString(right, y, f"缴费日期：{paper.paid_on:%Y-%m-%d}")

            # the table: a head row and 20 rows, always (a short last page keeps its ruled rows)
            row = 8.6 * mm
            table_top = y - 4 * mm
            table_bottom = ruled_table(c, xs, table_top, ROWS_PER_PAGE + 1, row)
            for i, head in enumerate(heads):
                cell(head, i, table_top - row, table_top, 10.5)
            for k, r in enumerate(chunk):
                y1 = table_top - (k + 1) * row
                y0 = y1 - row
                cell(str(first_number + k), 0, y0, y1)
                cell(r.name, 1, y0, y1)
                cell(r.sex, 2, y0, y1)
                cell(r.id_number, 3, y0, y1, 10.5)
                cell(str(r.shares), 4, y0, y1)
                cell(f"{r.cover_start:%Y.%m.%d}—{r.cover_end:%Y.%m.%d}", 5, y0, y1, 10)
            first_number += len(chunk)
            if len(chunk) < ROWS_PER_PAGE and chunk:
                blank_below(c, font, left, right, table_top - (len(chunk) + 1) * row, row)

            # signatures, date, page number
            sy = table_bottom - 12 * mm
            c.setFont(font, 10.5)
            x2 = left + 92 * mm
            signature_line(c, font, left, sy, "单位工会主席签字：", left + 80 * mm)
            signature_line(c, font, x2, sy, "经办人签字：", right)
            sy -= 10 * mm
            c.drawString(left, sy, "（单位盖章）")
            c.drawString(x2, sy, "日期：        年      月      日")
            page_number(c, font, page, total_pages, width / 2, 12 * mm)
            if paper.printed_at is not None:
                c.setFillColorRGB(*GREY)
                c.drawRightString(right, 12 * mm, printed_label(paper.printed_at))
                c.setFillColorRGB(0, 0, 0)
            c.setFont(font, 8)
            c.setFillColorRGB(*GREY)
            c.drawString(left, 12 * mm, "身份证号已作隐藏处理")
            c.setFillColorRGB(0, 0, 0)
            c.showPage()
    c.save()
    return Path(path)
