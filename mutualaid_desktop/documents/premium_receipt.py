"""缴费收据: the premium receipt, as a PDF.

One A4 sheet holds the two parts of a receipt book: the receipt (收据联, for the payer) above and
the counterfoil (存根联, kept at the counter) below, separated by a cut line. Long names wrap in
their cells (never shrunk below 8 pt); a receipt that no longer fits half a sheet so (names and a
void reason at their longest) gets a page for each part. Each part is a ruled
form: serial number, payer, what is paid for (plan, number of people, cover period), the amount
in figures and in words, the method, the remarks (the voided receipt it replaces, a transfer's
银行流水号, the note on cover), the clerk, the date and the place for the counter's seal.
A voided receipt carries a big red diagonal 作废; a reprint carries 补打.

The paper takes plain data (`ReceiptPaper`); reportlab is imported only when rendering.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from mutualaid_desktop.documents.paper import (
    GREY,
    RED,
    NullCanvas,
    cell_lines,
    cell_text,
    cn_date,
    draw_lines,
    fit_lines,
    fit_size,
    open_canvas,
    printed_label,
    row_height,
    wrap_text,
)
from mutualaid_desktop.domain.money import amount_in_words, format_amount

METHODS = (("cash", "现金"), ("transfer", "转账"), ("wechat", "微信"), ("alipay", "支付宝"))
TITLE = "互助保障金缴费收据"
NOTE = "保障自缴费次日起生效（不早于计划年度开始日），至计划年度末止。"


@dataclass(frozen=True)
class ReceiptLine:
    plan_name: str
    people: int
    shares: int
    cover_start: date
    cover_end: date
    amount: Decimal


@dataclass(frozen=True)
class ReceiptPaper:
    serial: str
    org_name: str  # the counter's organisation (收款单位)
    payer_kind: str  # "unit" or "member"
    payer_name: str
    payer_code: str  # unit code, or the member's masked ID number
    lines: tuple[ReceiptLine, ...]
    amount: Decimal
    method: str  # cash / transfer / wechat / alipay
    clerk_name: str
    paid_on: date
    voided: bool = False
    void_reason: str | None = None
    voided_on: date | None = None
    copy_number: int = 0  # 0 = the original, n = the n-th reprint (补打)
    printed_at: datetime | None = None
    replaces_serial: str | None = None  # the voided receipt of the same people this one replaces
    bank_reference: str | None = None  # a transfer's 银行流水号
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def people(self) -> int:
        return sum(line.people for line in self.lines)

    @property
    def amount_in_words(self) -> str:
        return amount_in_words(self.amount)

    @property
    def is_reprint(self) -> bool:
        return self.copy_number > 0

    @property
    def remarks(self) -> str:
        """The 备注 cell: the voided receipt this one replaces, a transfer's bank reference, the note."""
        lines = []
        if self.replaces_serial:
            lines.append(f"本收据替代第 {self.replaces_serial} 号收据（已作废）")
        if self.bank_reference:
            lines.append(f"银行流水号：{self.bank_reference}")
        lines.append(self.note or NOTE)
        return "\n".join(lines)


def render_receipt(paper: ReceiptPaper, path: Path) -> Path:
    """Write the receipt to `path` (a PDF); returns the path."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    canvas, font = open_canvas(path, f"{TITLE} {paper.serial}", paper.org_name)
    width, height = A4
    drawer = _ReceiptDrawer(canvas, font, mm)
    half = height / 2
    labels = ("第一联  收据联（交缴款人）", "第二联  存根联（柜台留存）")
    # both parts on one sheet when a part fits half of it (measured on a canvas that draws nothing)
    low = _ReceiptDrawer(NullCanvas(), font, mm).part(
        paper, top=height - 10 * mm, bottom=half + 4 * mm, width=width, copy_label=labels[0]
    )
    if low >= half + 8 * mm:
        drawer.part(paper, top=height - 10 * mm, bottom=half + 4 * mm, width=width, copy_label=labels[0])
        drawer.cut_line(half, width)
        drawer.part(paper, top=half - 6 * mm, bottom=8 * mm, width=width, copy_label=labels[1])
    else:
        drawer.part(paper, top=height - 10 * mm, bottom=8 * mm, width=width, copy_label=labels[0])
        canvas.showPage()
        drawer.part(paper, top=height - 10 * mm, bottom=8 * mm, width=width, copy_label=labels[1])
    canvas.showPage()
    canvas.save()
    return Path(path)


class _ReceiptDrawer:
    def __init__(self, canvas, font: str, mm: float) -> None:
        self.c = canvas
        self.font = font
        self.mm = mm

    # --- helpers ---------------------------------------------------------------------------

    def text_width(self, text: str, size: float) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return stringWidth(text, self.font, size)

    def fit(self, text: str, size: float, room: float, smallest: float = 8) -> float:
        """The font size (at most `size`) at which `text` fits in `room` points."""
        return fit_size(text, self.font, size, room, smallest)

    def cell_text(
        self,
        text: str,
        x0: float,
        x1: float,
        y0: float,
        y1: float,
        size: float = 10.5,
        align: str = "center",
        color=(0, 0, 0),
    ) -> None:
        self.c.setFillColorRGB(*color)
        cell_text(self.c, self.font, text, x0, x1, y0, y1, size, align=align, pad=1.6 * self.mm)
        self.c.setFillColorRGB(0, 0, 0)

    def checkbox(self, x: float, y: float, label: str, checked: bool, size: float = 10.5) -> float:
        """A box with its label; returns the x after it."""
        c, mm = self.c, self.mm
        box = 3.2 * mm
        c.setLineWidth(0.7)
        c.rect(x, y - box / 2, box, box)
        if checked:
            c.setLineWidth(1.3)
            path = c.beginPath()
            path.moveTo(x + 0.6 * mm, y)
            path.lineTo(x + 1.4 * mm, y - 1.0 * mm)
            path.lineTo(x + 2.8 * mm, y + 1.3 * mm)
            c.drawPath(path, stroke=1, fill=0)
            c.setLineWidth(0.7)
        c.setFont(self.font, size)
        c.drawString(x + box + 1.2 * mm, y - size * 0.36, label)
        return x + box + 1.2 * mm + self.text_width(label, size) + 4 * mm

    def cut_line(self, y: float, width: float) -> None:
        c, mm = self.c, self.mm
        c.saveState()
        c.setStrokeColorRGB(0.45, 0.45, 0.45)
        c.setDash(3, 3)
        c.setLineWidth(0.6)
        c.line(10 * mm, y, width - 10 * mm, y)
        c.restoreState()
        c.setFont(self.font, 7.5)
        c.setFillColorRGB(0.45, 0.45, 0.45)
        c.drawCentredString(width / 2, y + 1.2 * mm, "沿此线裁开")
        c.setFillColorRGB(0, 0, 0)

    def vertical_label(self, text: str, x: float, top: float, bottom: float) -> None:
        """Text written top to bottom, one character under the other, centred between top and bottom."""
        c = self.c
        size = 8.5
        step = size * 1.12
        chars = [ch for ch in text if ch != " "]
        y = (top + bottom) / 2 + step * len(chars) / 2 - size
        c.setFont(self.font, size)
        for ch in chars:
            if ch in "（）":
                ch = "︵" if ch == "（" else "︶"
            c.drawCentredString(x, y, ch)
            y -= step

    # --- one part of the receipt -----------------------------------------------------------

    def part(self, paper: ReceiptPaper, *, top: float, bottom: float, width: float, copy_label: str) -> float:
        """One part of the receipt between `top` and `bottom`; returns the lowest point of what is
        drawn above its foot line (below `bottom` + 4 mm when the part does not fit)."""
        c, mm, font = self.c, self.mm, self.font
        left = 16 * mm
        right = width - 22 * mm
        self.vertical_label(copy_label, width - 14 * mm, top, bottom)

        # organisation (it wraps, the rest going down), title, serial number and date
        org = wrap_text(paper.org_name, font, 10, right - left) or [""]
        title_y = draw_lines(c, font, org, (left + right) / 2, top - 4 * mm, 10, align="center") - 9 * mm
        c.setFont(font, 19)
        c.drawCentredString((left + right) / 2, title_y, TITLE)
        title_w = self.text_width(TITLE, 19)
        c.setLineWidth(0.8)
        for dy in (2.0, 3.1):
            c.line((left + right - title_w) / 2, title_y - dy * mm, (left + right + title_w) / 2, title_y - dy * mm)
        c.setFont(font, 10.5)
        c.setFillColorRGB(*RED)
        c.drawRightString(right, title_y + 0.5 * mm, "No. " + paper.serial)
        c.setFillColorRGB(0, 0, 0)
        info_y = title_y - 10 * mm
        c.setFont(font, 10)
        c.drawString(left, info_y, "缴费日期：" + cn_date(paper.paid_on))
        c.drawRightString(right, info_y, "单位：元")
        if paper.is_reprint:
            self.reprint_stamp(paper, left, title_y)

        # the ruled table; a long name or number wraps in its cell and its row grows
        row = 8.2 * mm
        pad = 1.6 * mm
        table_top = info_y - 3 * mm
        # label | plan ... | people | shares | cover period | amount
        amount_x = right - 30 * mm
        x = [left, left + 34 * mm, amount_x - 70 * mm, amount_x - 56 * mm, amount_x - 42 * mm, right]
        code_x = right - 58 * mm  # the payer's row: label | name | 单位编码 or 身份证号 (18 mm) | the code
        lines = list(paper.lines)
        shown = lines[:4]
        if len(lines) > 4:
            rest = lines[3:]
            shown = [
                *lines[:3],
                ReceiptLine(
                    f"其余 {len(rest)} 项",
                    sum(r.people for r in rest),
                    sum(r.shares for r in rest),
                    min(r.cover_start for r in rest),
                    max(r.cover_end for r in rest),
                    sum((r.amount for r in rest), Decimal(0)),
                ),
            ]
        item_rows = max(3, len(shown))

        def fit(text: str, size: float, x0: float, x1: float) -> tuple[float, list[str]]:
            return fit_lines(text, font, size, x1 - x0 - 2 * pad)

        payer = fit(paper.payer_name, 11, x[1], code_x)
        code = fit(paper.payer_code, 10, code_x + 18 * mm, right)
        items = [
            (fit(line.plan_name, 10, x[0], x[2]), fit(format_amount(line.amount).lstrip("¥"), 10.5, amount_x, right))
            for line in shown
        ]
        words = fit(paper.amount_in_words, 11.5, x[1], amount_x)
        figure = fit(format_amount(paper.amount), 11.5, amount_x, right)
        note = fit(paper.remarks, 9, x[1], right)
        heights = [
            row_height([payer, code], row),
            row,
            *(row_height(cells, row) for cells in items),
            *[row] * (item_rows - len(items)),
            row_height([words, figure], row),
            row,
            row_height([note], row),
        ]
        ys = [table_top]
        for h in heights:
            ys.append(ys[-1] - h)
        table_bottom = ys[-1]
        c.setLineWidth(1.2)
        c.rect(left, table_bottom, right - left, table_top - table_bottom)
        c.setLineWidth(0.6)
        for y in ys[1:-1]:
            c.line(left, y, right, y)

        # row 0: payer
        r0t, r0b = ys[0], ys[1]
        payer_label = "缴款单位" if paper.payer_kind == "unit" else "缴款人"
        code_label = "单位编码" if paper.payer_kind == "unit" else "身份证号"
        for xv in (x[1], code_x, code_x + 18 * mm):
            c.line(xv, r0t, xv, r0b)
        self.cell_text(payer_label, x[0], x[1], r0b, r0t)
        cell_lines(c, font, payer[1], payer[0], x[1], code_x, r0b, r0t, align="left", pad=pad)
        self.cell_text(code_label, code_x, code_x + 18 * mm, r0b, r0t, size=10)
        cell_lines(c, font, code[1], code[0], code_x + 18 * mm, right, r0b, r0t, pad=pad)

        # row 1: column heads of the items
        r1t, r1b = ys[1], ys[2]
        item_top, item_bottom = ys[1], ys[2 + item_rows]
        for xv in (x[2], x[3], x[4], amount_x):
            c.line(xv, item_top, xv, item_bottom)
        self.cell_text("缴费项目（保障计划）", x[0], x[2], r1b, r1t, size=10)
        self.cell_text("人数", x[2], x[3], r1b, r1t, size=10)
        self.cell_text("份数", x[3], x[4], r1b, r1t, size=10)
        self.cell_text("保障期间", x[4], amount_x, r1b, r1t, size=10)
        self.cell_text("金额", amount_x, x[5], r1b, r1t, size=10)
        for i, (line, (plan, amount)) in enumerate(zip(shown, items, strict=True)):
            t, b = ys[2 + i], ys[3 + i]
            cell_lines(c, font, plan[1], plan[0], x[0], x[2], b, t, align="left", pad=pad)
            self.cell_text(str(line.people), x[2], x[3], b, t)
            self.cell_text(str(line.shares), x[3], x[4], b, t)
            period = f"{line.cover_start:%Y.%m.%d}—{line.cover_end:%Y.%m.%d}"
            self.cell_text(period, x[4], amount_x, b, t, size=9.5)
            cell_lines(c, font, amount[1], amount[0], amount_x, x[5], b, t, align="right", pad=pad)

        # total in words and figures
        tt, tb = ys[2 + item_rows], ys[3 + item_rows]
        c.line(x[1], tt, x[1], tb)
        c.line(amount_x, tt, amount_x, tb)
        self.cell_text("合计金额（大写）", x[0], x[1], tb, tt, size=10)
        cell_lines(c, font, words[1], words[0], x[1], amount_x, tb, tt, align="left", pad=pad)
        cell_lines(c, font, figure[1], figure[0], amount_x, x[5], tb, tt, align="right", pad=pad)

        # method
        mt, mb = ys[3 + item_rows], ys[4 + item_rows]
        c.line(x[1], mt, x[1], mb)
        self.cell_text("缴费方式", x[0], x[1], mb, mt, size=10)
        cx = x[1] + 3 * mm
        for code_, label in METHODS:
            cx = self.checkbox(cx, (mt + mb) / 2, label, paper.method == code_, size=10)
        c.setFont(font, 10)
        c.drawRightString(x[5] - 2 * mm, (mt + mb) / 2 - 3.6, f"共 {paper.people} 人")

        # note
        nt, nb = ys[4 + item_rows], ys[5 + item_rows]
        c.line(x[1], nt, x[1], nb)
        self.cell_text("备    注", x[0], x[1], nb, nt, size=10)
        cell_lines(c, font, note[1], note[0], x[1], x[5], nb, nt, align="left", pad=pad)

        low = self.signatures(paper, left, right, table_bottom)

        c.setFont(font, 7.5)
        c.setFillColorRGB(*GREY)
        foot = "本收据须加盖收款单位印章方为有效；涂改、手写无效。请妥善保管，作为参保缴费凭证。"
        c.drawString(left, bottom + 1 * mm, foot)
        if paper.printed_at is not None:
            c.drawRightString(right, bottom + 1 * mm, printed_label(paper.printed_at))
        c.setFillColorRGB(0, 0, 0)

        if paper.voided:
            self.void_mark(left, right, table_top, table_bottom)
        return low

    def signatures(self, paper: ReceiptPaper, left: float, right: float, table_bottom: float) -> float:
        """收款单位（盖章）, the clerk, 复核 and the seal's circle under the table, and a voided receipt's
        reason; returns the lowest point drawn. A long clerk's name takes the room of 复核, which goes
        under it; a long reason goes under them all, across the part."""
        c, mm, font = self.c, self.mm, self.font
        sig_y = table_bottom - 7 * mm
        c.setFont(font, 10.5)
        c.drawString(left, sig_y, "收款单位（盖章）：")
        clerk = "经办人：" + (paper.clerk_name or "")
        label_w = self.text_width("经办人：", 10.5)
        c.setLineWidth(0.5)
        short = self.text_width(clerk, 10.5) <= 44 * mm
        if short:
            c.drawString(left + 68 * mm, sig_y, clerk)
            c.line(left + 68 * mm + label_w, sig_y - 1.2 * mm, left + 112 * mm, sig_y - 1.2 * mm)
            check_y = sig_y
            check_x = left + 118 * mm
        else:
            last = draw_lines(
                c, font, wrap_text(clerk, font, 10.5, right - left - 68 * mm), left + 68 * mm, sig_y, 10.5
            )
            check_y = last - 7 * mm
            check_x = left + 68 * mm
        c.setFont(font, 10.5)
        c.drawString(check_x, check_y, "复核：")
        c.line(check_x + self.text_width("复核：", 10.5), check_y - 1.2 * mm, right, check_y - 1.2 * mm)
        # a dashed circle where the counter's seal goes
        seal_r = 13 * mm
        seal_x = left + 40 * mm
        seal_y = sig_y - 2 * mm
        c.saveState()
        c.setDash(2, 2)
        c.setStrokeColorRGB(0.6, 0.6, 0.6)
        c.circle(seal_x, seal_y, seal_r)
        c.setFillColorRGB(0.6, 0.6, 0.6)
        c.setFont(font, 8)
        c.drawCentredString(seal_x, seal_y - 3, "财务专用章")
        c.restoreState()
        low = min(seal_y - seal_r, check_y - 1.2 * mm)
        if not paper.voided:
            return low
        when = cn_date(paper.voided_on) if paper.voided_on else ""
        text = f"已作废（{when}）：{paper.void_reason or ''}"
        c.setFillColorRGB(*RED)
        size = self.fit(text, 9, right - left - 80 * mm, smallest=8)
        if short and "\n" not in text and self.text_width(text, size) <= right - left - 80 * mm:
            c.setFont(font, size)  # one line beside the seal, as it always was
            c.drawRightString(right, table_bottom - 14 * mm, text)
            low = min(low, table_bottom - 15 * mm)
        else:
            low = draw_lines(c, font, wrap_text(text, font, 9, right - left), left, low - 5 * mm, 9) - 1 * mm
        c.setFillColorRGB(0, 0, 0)
        return low

    def reprint_stamp(self, paper: ReceiptPaper, left: float, title_y: float) -> None:
        c, mm = self.c, self.mm
        c.saveState()
        c.setStrokeColorRGB(*RED)
        c.setFillColorRGB(*RED)
        c.setLineWidth(1.4)
        c.roundRect(left, title_y - 3 * mm, 22 * mm, 10 * mm, 1.5 * mm)
        c.setFont(self.font, 15)
        c.drawCentredString(left + 11 * mm, title_y - 0.6 * mm, "补打")
        c.setFont(self.font, 7.5)
        c.drawString(left + 24 * mm, title_y - 0.3 * mm, f"第{paper.copy_number}次补打")
        c.restoreState()

    def void_mark(self, left: float, right: float, table_top: float, table_bottom: float) -> None:
        """A big red diagonal 作废 across the table."""
        c, mm = self.c, self.mm
        c.saveState()
        c.setFillColorRGB(*RED)
        c.setStrokeColorRGB(*RED)
        c.setFillAlpha(0.55)
        c.setStrokeAlpha(0.55)
        cx, cy = (left + right) / 2, (table_top + table_bottom) / 2
        c.translate(cx, cy)
        c.rotate(24)
        c.setFont(self.font, 96)
        c.drawCentredString(0, -34, "作废")
        c.setLineWidth(3)
        w = self.text_width("作废", 96)
        c.rect(-w / 2 - 6 * mm, -34 - 8 * mm, w + 12 * mm, 96 + 8 * mm)
        c.restoreState()
