"""给付清单: the list of a payout batch, for signature before the bank transfer.

Header: the organisation, the title, the batch number, the date it was made, the number of payees.
Rows (22 a page, fewer when long names or numbers wrap in their cells: they are printed whole, never
shrunk below 8 pt): 序号, 理赔编号, 户名, 开户行, 账号, 金额, 备注 (退回 for a row the bank returned).
Each page shows its subtotal; the last page the totals in figures and in words (and, once the
bank has answered, what was returned and what was paid), then the signature lines 经办人 / 审核人 /
负责人 with the date. "第 x 页 共 y 页" on every page; a reprint is marked 补打.

The account numbers are printed IN FULL (grouped by four digits for reading). This list does not
leave the union office except to go to the bank with the transfer file: the people who sign it
must be able to check each account against the bank card copy in the claim file and against the
bank file, which a masked number would not allow. ID numbers, which the masking rule of
plan-rules.md is about (papers for hospitals and units), are not on this list at all.
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
    printed_label,
    reprint_box,
    row_height,
    ruled_rows,
    signature_line,
    wrap_text,
)
from mutualaid_desktop.domain.money import amount_in_words, format_amount

TITLE = "职工互助保障金给付清单"
ROWS_PER_PAGE = 22
STATUS_LABELS = {"open": "未导出", "exported": "已导出，待银行确认", "closed": "已结清"}


@dataclass(frozen=True)
class BatchListRow:
    number: int  # 序号
    claim_number: str
    holder: str
    bank: str
    account_number: str
    amount: Decimal
    status: str = "pending"  # pending / paid / returned
    return_reason: str | None = None


@dataclass(frozen=True)
class BatchList:
    org_name: str
    batch_number: str
    created_on: date
    status: str  # open / exported / closed
    creator_name: str
    rows: tuple[BatchListRow, ...]
    copy_number: int = 0  # >0: a reprint (补打)
    printed_at: datetime | None = None
    printed_by: str = ""

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def total(self) -> Decimal:
        return sum((r.amount for r in self.rows), Decimal("0.00"))

    @property
    def returned_rows(self) -> tuple[BatchListRow, ...]:
        return tuple(r for r in self.rows if r.status == "returned")

    @property
    def paid_total(self) -> Decimal:
        return sum((r.amount for r in self.rows if r.status == "paid"), Decimal("0.00"))

    @property
    def page_count(self) -> int:
        from mutualaid_desktop.documents.fonts import cjk_font

        return len(_Layout(self, cjk_font()).pages)


def group_digits(number: str) -> str:
    """6228480123456789012 -> '6228 4801 2345 6789 012' (for reading; the digits are all there)."""
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


class _Layout:
    """Where everything goes: the organisation's name (it wraps), each row's cells (a long name or
    number wraps, the row growing) and the rows of each page: as many as fit between the head row
    and the page's subtotal, at most ROWS_PER_PAGE; the table ends where 22 one-line rows end, the
    totals and signatures below it."""

    def __init__(self, paper: BatchList, font: str) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.units import mm

        self.font, self.mm = font, mm
        self.width, self.height = A4
        self.left, self.right = 15 * mm, self.width - 15 * mm
        # 序号 理赔编号 户名 开户行 账号 金额 备注
        self.xs = column_edges(self.left, self.right, [10, 32, 22, 34, 44, 26])
        self.row = 8 * mm
        self.top = self.height - 14 * mm
        self.org = wrap_text(paper.org_name, font, 10, self.right - self.left - 50 * mm) or [""]
        self.table_top = self.top - 28 * mm - (len(self.org) - 1) * 10 * LEADING
        self.table_bottom = self.top - 28 * mm - (ROWS_PER_PAGE + 2) * self.row
        self.cells = [self.row_cells(r) for r in paper.rows]
        self.heights = [row_height(cells, self.row) for cells in self.cells]
        room = self.table_top - 2 * self.row - self.table_bottom
        self.pages = page_rows(self.heights, lambda _page, _last: (room, ROWS_PER_PAGE))

    def row_cells(self, r: BatchListRow) -> list[tuple[float, list[str]]]:
        """(size, lines) of the cells that may wrap: 理赔编号, 户名, 开户行, 账号 (columns 1 to 4)."""

        def fit(text: str, i: int, size: float) -> tuple[float, list[str]]:
            return fit_lines(text, self.font, size, self.xs[i + 1] - self.xs[i] - 3 * self.mm)

        return [
            fit(r.claim_number, 1, 9),
            fit(r.holder, 2, 9.5),
            fit(r.bank, 3, 9),
            fit(group_digits(r.account_number), 4, 9.5),
        ]


def render_batch_list(paper: BatchList, path: Path) -> Path:
    from reportlab.lib.units import mm

    c, font = open_canvas(path, f"{TITLE} {paper.batch_number}", paper.org_name)
    layout = _Layout(paper, font)
    width, left, right, xs, row_h = layout.width, layout.left, layout.right, layout.xs, layout.row
    heads = ["序号", "理赔编号", "户名", "开户行", "账号", "金额", "备注"]
    aligns = ["center", "center", "center", "left", "center", "right", "center"]

    def cell(text: str, i: int, y0: float, y1: float, size: float = 9.5, align: str | None = None) -> None:
        cell_text(c, font, text, xs[i], xs[i + 1], y0, y1, size, align=align or aligns[i], pad=1.5 * mm, smallest=8)

    def grey(on: bool) -> None:
        c.setFillColorRGB(*(GREY if on else (0, 0, 0)))

    total_pages = len(layout.pages)
    for page, (start, stop) in enumerate(layout.pages, start=1):
        top = layout.top
        y = draw_lines(c, font, layout.org, width / 2, top, 10, align="center") - 9 * mm  # clear of the 补打 box
        c.setFont(font, 17)
        c.drawCentredString(width / 2, y, TITLE)
        if paper.copy_number > 0:
            reprint_box(c, font, left, y - 2 * mm)
        y -= 9 * mm
        c.setFont(font, 10.5)
        c.drawString(left, y, f"批次号：{paper.batch_number}")
        c.drawCentredString(width / 2 + 10 * mm, y, f"生成日期：{paper.created_on:%Y-%m-%d}")
        c.drawRightString(right, y, f"笔数：{paper.count} 笔")
        y -= 6 * mm
        c.drawString(left, y, "摘要：互助保障金给付（银行代发）")
        c.drawRightString(right, y, f"状态：{STATUS_LABELS.get(paper.status, paper.status)}")

        # the table: the head row, the rows, ruled empty rows, the page's subtotal
        table_top = layout.table_top
        heights = layout.heights[start:stop]
        blank = int((table_top - 2 * row_h - sum(heights) - layout.table_bottom) / row_h + 0.01)
        table_bottom = ruled_rows(c, xs, table_top, [row_h, *heights, *[row_h] * blank, row_h], open_rows=1)
        c.line(xs[5], table_bottom + row_h, xs[5], table_bottom)
        c.line(xs[6], table_bottom + row_h, xs[6], table_bottom)
        for i, head in enumerate(heads):
            cell(head, i, table_top - row_h, table_top, 10, "center")
        y1 = table_top - row_h
        for k, h in zip(range(start, stop), heights, strict=True):
            r, y0 = paper.rows[k], y1 - h
            returned = r.status == "returned"
            if returned:
                c.setFillColorRGB(0.7, 0.1, 0.1)
            cell(str(r.number), 0, y0, y1)
            for i, (size, lines) in enumerate(layout.cells[k], start=1):
                cell_lines(c, font, lines, size, xs[i], xs[i + 1], y0, y1, align=aligns[i], pad=1.5 * mm)
            cell(format_amount(r.amount).replace("¥", ""), 5, y0, y1)
            cell("退回" if returned else "", 6, y0, y1)
            c.setFillColorRGB(0, 0, 0)
            y1 = y0
        if page == total_pages and blank:
            blank_below(c, font, xs[4], xs[5], y1, row_h)  # in the wide 账号 column, clear of the column lines
        subtotal = sum((r.amount for r in paper.rows[start:stop]), Decimal("0.00"))
        c.setFont(font, 10)
        sy0, sy1 = table_bottom, table_bottom + row_h
        c.drawString(left + 2 * mm, (sy0 + sy1) / 2 - 3.5, f"本页小计：{stop - start} 笔")
        cell(format_amount(subtotal).replace("¥", ""), 5, sy0, sy1, 9.5)

        # totals and signatures: on the last page
        fy = table_bottom - 8 * mm
        if page == total_pages:
            c.setFont(font, 11)
            c.drawString(left, fy, f"合计：{paper.count} 笔，金额 {format_amount(paper.total)}")
            fy -= 6.5 * mm
            c.drawString(left, fy, f"金额大写：{amount_in_words(paper.total)}")
            returned_rows = paper.returned_rows
            if returned_rows and paper.status == "closed":
                back = sum((r.amount for r in returned_rows), Decimal("0.00"))
                fy -= 6.5 * mm
                c.setFont(font, 10)
                c.drawString(
                    left,
                    fy,
                    f"其中银行退回 {len(returned_rows)} 笔 {format_amount(back)}；"
                    f"实际给付 {format_amount(paper.paid_total)}",
                )
            fy -= 12 * mm
            c.setFont(font, 10.5)
            third = (right - left) / 3
            for k, label in enumerate(("经办人：", "审核人：", "负责人：")):
                x = left + k * third
                signature_line(c, font, x, fy, label, x + third - 6 * mm)
            fy -= 9 * mm
            c.drawString(left, fy, "日期：        年      月      日")
            c.drawString(left + 2 * third, fy, "（单位盖章）")
        page_number(c, font, page, total_pages, width / 2, 10 * mm)
        grey(True)
        c.setFont(font, 8)
        c.drawString(left, 15 * mm, "账号为完整号码：本清单仅供本单位审核及银行办理，请妥善保管。")
        if paper.printed_at is not None:  # right of the page number, a long name going on below
            who = f" {paper.printed_by}" if paper.printed_by else ""
            lines = wrap_text(printed_label(paper.printed_at) + who, font, 8, right - width / 2 - 16 * mm)
            draw_lines(c, font, lines, right, 15 * mm, 8, align="right")
        grey(False)
        c.showPage()
    c.save()
    return Path(path)


__all__ = ["ROWS_PER_PAGE", "TITLE", "BatchList", "BatchListRow", "group_digits", "render_batch_list"]
