"""参保名单: a unit's roster of covered members, as a PDF (it goes back to the unit).

20 members a page (fewer when long names wrap in their cells: a name, a unit's or a plan's name is
printed whole, never shrunk), columns 序号 姓名 性别 身份证号 参保份数 保障期间; the ID numbers are masked
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
    LEADING,
    blank_below,
    cell_lines,
    cell_text,
    column_edges,
    draw_lines,
    fit_lines,
    open_canvas,
    page_number,
    page_rows,
    pair_lines,
    printed_label,
    reprint_box,
    row_height,
    ruled_rows,
    signature_line,
    wrap_text,
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
        from mutualaid_desktop.documents.fonts import cjk_font

        return sum(len(pages) for _section, _header, pages, _cells in _Layout(self, cjk_font()).sections())


class _Layout:
    """Where everything goes: the page's header (the names wrap), each row's height (a long name
    wraps in its cell) and the rows of each page (as many as fit above the signature lines, at
    most ROWS_PER_PAGE)."""

    def __init__(self, paper: RosterPaper, font: str) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.units import mm

        self.paper, self.font, self.mm = paper, font, mm
        self.width, self.height = A4
        self.left, self.right = 18 * mm, self.width - 18 * mm
        # columns: 序号 姓名 性别 身份证号 参保份数 保障期间
        self.xs = column_edges(self.left, self.right, [12, 40, 12, 42, 20])
        self.row = 8.6 * mm
        self.top = self.height - 16 * mm
        # the room of a page's rows: down to where 20 rows of a one-line header end, above the signatures
        self.rows_bottom = self.top - 37 * mm - (ROWS_PER_PAGE + 1) * self.row
        self.org = wrap_text(paper.org_name, font, 10, self.right - self.left - 48 * mm) or [""]

    def header(self, section: RosterSection) -> tuple[list[str], list[str], list[str], list[str]]:
        """The lines of 单位名称 / 单位编码 and of 保障计划 / 收据号."""
        room, gap = self.right - self.left, 4 * self.mm
        unit = pair_lines(
            f"单位名称：{self.paper.unit_name}", f"单位编码：{self.paper.unit_code}", self.font, 10.5, room, gap
        )
        plan = pair_lines(
            f"保障计划：{section.plan_name}", f"收据号：{self.paper.receipt_serial}", self.font, 10.5, room, gap
        )
        return (*unit, *plan)

    def table_top(self, header) -> float:
        """The top of the table under the title and the header lines."""
        step = 10.5 * LEADING
        extra = (len(self.org) - 1) * 10 * LEADING
        extra += sum((max(len(a), len(b)) - 1) * step for a, b in (header[:2], header[2:]))
        return self.top - 37 * self.mm - extra

    def cells(self, r: RosterRow) -> tuple[float, list[str]]:
        return fit_lines(r.name, self.font, 10.5, self.xs[2] - self.xs[1] - 2 * self.mm)

    def sections(self):
        """(section, header lines, (start, stop) of each page's rows, each row's name (size, lines))."""
        for section in self.paper.sections or (RosterSection("", "", (), Decimal(0)),):
            header = self.header(section)
            names = [self.cells(r) for r in section.rows]
            heights = [row_height([cell], self.row) for cell in names]
            room = self.table_top(header) - self.row - self.rows_bottom
            yield section, header, page_rows(heights, lambda _page, _last, room=room: (room, ROWS_PER_PAGE)), names


def render_unit_roster(paper: RosterPaper, path: Path) -> Path:
    from reportlab.lib.units import mm

    c, font = open_canvas(path, f"{TITLE} {paper.unit_name} {paper.receipt_serial}", paper.org_name)
    layout = _Layout(paper, font)
    width, left, right, xs, row = layout.width, layout.left, layout.right, layout.xs, layout.row
    sections = list(layout.sections())
    total_pages = sum(len(pages) for _section, _header, pages, _names in sections)
    heads = ["序号", "姓名", "性别", "身份证号", "参保份数", "保障期间"]

    def cell(text: str, i: int, y0: float, y1: float, size: float = 10.5) -> None:
        cell_text(c, font, text, xs[i], xs[i + 1], y0, y1, size, pad=1 * mm)

    page = 0
    for section, header, pages, names in sections:
        for chunk_number, (start, stop) in enumerate(pages, start=1):
            page += 1
            top = layout.top
            # the organisation's name wraps clear of the 补打 box
            y = draw_lines(c, font, layout.org, width / 2, top, 10, align="center") - 10 * mm
            c.setFont(font, 18)
            c.drawCentredString(width / 2, y, TITLE)
            if paper.copy_number > 0:
                reprint_box(c, font, left, y - 2 * mm)
            y -= 10 * mm
            unit_l, unit_r, plan_l, plan_r = header
            for lines_l, lines_r in ((unit_l, unit_r), (plan_l, plan_r)):
                low = draw_lines(c, font, lines_l, left, y, 10.5)
                low = min(low, draw_lines(c, font, lines_r, right, y, 10.5, align="right"))
                y = low - 6.5 * mm
            c.drawString(left, y, f"参保人数：{section.people} 人")
            c.drawString(left + 55 * mm, y, f"互助金合计：{format_amount(section.premium_total)}")
            c.drawRightString(right, y, f"缴费日期：{paper.paid_on:%Y-%m-%d}")

            # the table: a head row, the rows, and ruled empty rows down to the signatures (a short
            # last page keeps its ruled rows)
            table_top = layout.table_top(header)
            heights = [row_height([names[k]], row) for k in range(start, stop)]
            blank = int((table_top - row - sum(heights) - layout.rows_bottom) / row + 0.01)
            ruled_rows(c, xs, table_top, [row, *heights, *[row] * blank])
            for i, head in enumerate(heads):
                cell(head, i, table_top - row, table_top, 10.5)
            y1 = table_top - row
            for k, h in zip(range(start, stop), heights, strict=True):
                r, y0 = section.rows[k], y1 - h
                cell(str(k + 1), 0, y0, y1)
                size, lines = names[k]
                cell_lines(c, font, lines, size, xs[1], xs[2], y0, y1, pad=1 * mm)
                cell(r.sex, 2, y0, y1)
                cell(r.id_number, 3, y0, y1, 10.5)
                cell(str(r.shares), 4, y0, y1)
                cell(f"{r.cover_start:%Y.%m.%d}—{r.cover_end:%Y.%m.%d}", 5, y0, y1, 10)
                y1 = y0
            if chunk_number == len(pages) and stop > start and blank:
                blank_below(c, font, left, right, y1, row)

            # signatures, date, page number
            sy = layout.rows_bottom - 12 * mm
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
