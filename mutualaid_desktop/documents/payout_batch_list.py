"""给付清单: the list of a payout batch, for signature before the bank transfer.

Header: the organisation, the title, the batch number, the date it was made, the number of payees.
Rows (22 a page): 序号, 理赔编号, 户名, 开户行, 账号, 金额, 备注 (退回 for a row the bank returned).
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
        return max(1, -(-len(self.rows) // ROWS_PER_PAGE))


def group_digits(number: str) -> str:
    """6228480123456789012 -> '6228 4801 2345 6789 012' (for reading; the digits are all there)."""
    return " ".join(number[i:i + 4] for i in range(0, len(number), 4))


def render_batch_list(paper: BatchList, path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    c, font = open_canvas(path, f"{TITLE} {paper.batch_number}", paper.org_name)
    width, height = A4
    left, right = 15 * mm, width - 15 * mm
    # 序号 理赔编号 户名 开户行 账号 金额 备注
    xs = column_edges(left, right, [10, 33, 18, 40, 46, 22])
    heads = ["序号", "理赔编号", "户名", "开户行", "账号", "金额", "备注"]
    aligns = ["center", "center", "center", "left", "center", "right", "center"]

    def cell(text: str, i: int, y0: float, y1: float, size: float = 9.5, align: str | None = None) -> None:
        cell_text(c, font, text, xs[i], xs[i + 1], y0, y1, size, align=align or aligns[i], pad=1.5 * mm, smallest=6)

    def grey(on: bool) -> None:
        c.setFillColorRGB(*(GREY if on else (0, 0, 0)))

    total_pages = paper.page_count
    chunks = [paper.rows[i:i + ROWS_PER_PAGE] for i in range(0, len(paper.rows), ROWS_PER_PAGE)] or [()]
    for page, chunk in enumerate(chunks, start=1):
        top = height - 14 * mm
        c.setFont(font, 10)
        c.drawCentredString(width / 2, top, paper.org_name)
        c.setFont(font, 17)
        c.drawCentredString(width / 2, top - 9 * mm, TITLE)
        if paper.copy_number > 0:
            reprint_box(c, font, left, top - 11 * mm)
        y = top - 18 * mm
        c.setFont(font, 10.5)
        c.drawString(left, y, f"批次号：{paper.batch_number}")
        c.drawCentredString(width / 2 + 10 * mm, y, f"生成日期：{paper.created_on:%Y-%m-%d}")
        c.drawRightString(right, y, f"笔数：{paper.count} 笔")
        y -= 6 * mm
        c.drawString(left, y, "摘要：互助保障金给付（银行代发）")
        c.drawRightString(right, y, f"状态：{STATUS_LABELS.get(paper.status, paper.status)}")

        row_h = 8 * mm
        table_top = y - 4 * mm
        n = ROWS_PER_PAGE + 2  # head, rows, page subtotal
        table_bottom = ruled_table(c, xs, table_top, n, row_h, open_rows=1)
        c.line(xs[5], table_bottom + row_h, xs[5], table_bottom)
        c.line(xs[6], table_bottom + row_h, xs[6], table_bottom)
        for i, head in enumerate(heads):
            cell(head, i, table_top - row_h, table_top, 10, "center")
        for k, r in enumerate(chunk):
            y1 = table_top - (k + 1) * row_h
            y0 = y1 - row_h
            returned = r.status == "returned"
            if returned:
                c.setFillColorRGB(0.7, 0.1, 0.1)
            cell(str(r.number), 0, y0, y1)
            cell(r.claim_number, 1, y0, y1, 9)
            cell(r.holder, 2, y0, y1)
            cell(r.bank, 3, y0, y1, 9)
            cell(group_digits(r.account_number), 4, y0, y1, 9.5)
            cell(format_amount(r.amount).replace("¥", ""), 5, y0, y1)
            cell("退回" if returned else "", 6, y0, y1)
            c.setFillColorRGB(0, 0, 0)
        if len(chunk) < ROWS_PER_PAGE:
            blank_below(c, font, left, right, table_top - (len(chunk) + 1) * row_h, row_h)
        subtotal = sum((r.amount for r in chunk), Decimal("0.00"))
        c.setFont(font, 10)
        sy0, sy1 = table_bottom, table_bottom + row_h
        c.drawString(left + 2 * mm, (sy0 + sy1) / 2 - 3.5, f"本页小计：{len(chunk)} 笔")
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
                c.drawString(left, fy, f"其中银行退回 {len(returned_rows)} 笔 {format_amount(back)}；"
                                       f"实际给付 {format_amount(paper.paid_total)}")
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
        if paper.printed_at is not None:
            who = f" {paper.printed_by}" if paper.printed_by else ""
            c.drawRightString(right, 15 * mm, printed_label(paper.printed_at) + who)
        grey(False)
        c.showPage()
    c.save()
    return Path(path)


__all__ = ["BatchList", "BatchListRow", "ROWS_PER_PAGE", "TITLE", "group_digits", "render_batch_list"]
