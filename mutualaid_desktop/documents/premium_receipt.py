"""缴费收据: the premium receipt, as a PDF.

One A4 sheet holds the two parts of a receipt book: the receipt (收据联, for the payer) above and
the counterfoil (存根联, kept at the counter) below, separated by a cut line. Each part is a ruled
form: serial number, payer, what is paid for (plan, number of people, cover period), the amount
in figures and in words, the method, the clerk, the date and the place for the counter's seal.
A voided receipt carries a big red diagonal 作废; a reprint carries 补打.

The paper takes plain data (`ReceiptPaper`); reportlab is imported only when rendering.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from mutualaid_desktop.documents.paper import GREY, RED, cell_text, cn_date, fit_size, open_canvas, printed_label
from mutualaid_desktop.domain.money import amount_in_words, format_amount

METHODS = (("cash", "现金"), ("transfer", "转账"), ("wechat", "微信"), ("alipay", "支付宝"))
TITLE = "互助保障金缴费收据"


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


def render_receipt(paper: ReceiptPaper, path: Path) -> Path:
    """Write the receipt to `path` (a PDF); returns the path."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    canvas, font = open_canvas(path, f"{TITLE} {paper.serial}", paper.org_name)
    width, height = A4
    drawer = _ReceiptDrawer(canvas, font, mm)
    half = height / 2
    drawer.part(paper, top=height - 10 * mm, bottom=half + 4 * mm, width=width, copy_label="第一联  收据联（交缴款人）")
    drawer.cut_line(half, width)
    drawer.part(paper, top=half - 6 * mm, bottom=8 * mm, width=width, copy_label="第二联  存根联（柜台留存）")
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

    def fit(self, text: str, size: float, room: float, smallest: float = 6.5) -> float:
        """The font size (at most `size`) at which `text` fits in `room` points."""
        return fit_size(text, self.font, size, room, smallest)

    def cell_text(self, text: str, x0: float, x1: float, y0: float, y1: float, size: float = 10.5,
                  align: str = "center", color=(0, 0, 0)) -> None:
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

    def part(self, paper: ReceiptPaper, *, top: float, bottom: float, width: float, copy_label: str) -> None:
        c, mm = self.c, self.mm
        left = 16 * mm
        right = width - 22 * mm
        self.vertical_label(copy_label, width - 14 * mm, top, bottom)

        # organisation, title, serial number and date
        c.setFont(self.font, 10)
        c.drawCentredString((left + right) / 2, top - 4 * mm, paper.org_name)
        title_y = top - 13 * mm
        c.setFont(self.font, 19)
        c.drawCentredString((left + right) / 2, title_y, TITLE)
        title_w = self.text_width(TITLE, 19)
        c.setLineWidth(0.8)
        for dy in (2.0, 3.1):
            c.line((left + right - title_w) / 2, title_y - dy * mm, (left + right + title_w) / 2, title_y - dy * mm)
        c.setFont(self.font, 10.5)
        c.setFillColorRGB(*RED)
        c.drawRightString(right, title_y + 0.5 * mm, "No. " + paper.serial)
        c.setFillColorRGB(0, 0, 0)
        info_y = title_y - 10 * mm
        c.setFont(self.font, 10)
        c.drawString(left, info_y, "缴费日期：" + cn_date(paper.paid_on))
        c.drawRightString(right, info_y, "单位：元")
        if paper.is_reprint:
            self.reprint_stamp(paper, left, title_y)

        # the ruled table
        row = 8.2 * mm
        table_top = info_y - 3 * mm
        # label | plan ... | people | shares | cover period | amount
        amount_x = right - 30 * mm
        x = [left, left + 34 * mm, amount_x - 70 * mm, amount_x - 56 * mm, amount_x - 42 * mm, right]
        lines = list(paper.lines)
        shown = lines[:4]
        if len(lines) > 4:
            rest = lines[3:]
            shown = lines[:3] + [ReceiptLine(f"其余 {len(rest)} 项", sum(r.people for r in rest),
                                             sum(r.shares for r in rest), min(r.cover_start for r in rest),
                                             max(r.cover_end for r in rest), sum((r.amount for r in rest), Decimal(0)))]
        item_rows = max(3, len(shown))
        n_rows = 1 + 1 + item_rows + 1 + 1 + 1
        table_bottom = table_top - n_rows * row
        c.setLineWidth(1.2)
        c.rect(left, table_bottom, right - left, table_top - table_bottom)
        c.setLineWidth(0.6)
        ys = [table_top - i * row for i in range(n_rows + 1)]
        for y in ys[1:-1]:
            c.line(left, y, right, y)

        # row 0: payer
        r0t, r0b = ys[0], ys[1]
        payer_label = "缴款单位" if paper.payer_kind == "unit" else "缴款人"
        code_label = "单位编码" if paper.payer_kind == "unit" else "身份证号"
        c.line(x[1], r0t, x[1], r0b)
        c.line(x[2], r0t, x[2], r0b)
        c.line(x[4], r0t, x[4], r0b)
        self.cell_text(payer_label, x[0], x[1], r0b, r0t)
        self.cell_text(paper.payer_name, x[1], x[2], r0b, r0t, align="left", size=11)
        self.cell_text(code_label, x[2], x[4], r0b, r0t, size=10)
        self.cell_text(paper.payer_code, x[4], x[5], r0b, r0t, size=10)

        # row 1: column heads of the items
        r1t, r1b = ys[1], ys[2]
        item_top, item_bottom = ys[1], ys[2 + item_rows]
        c.line(x[2], item_top, x[2], item_bottom)
        c.line(x[3], item_top, x[3], item_bottom)
        c.line(x[4], item_top, x[4], item_bottom)
        c.line(amount_x, item_top, amount_x, item_bottom)
        self.cell_text("缴费项目（保障计划）", x[0], x[2], r1b, r1t, size=10)
        self.cell_text("人数", x[2], x[3], r1b, r1t, size=10)
        self.cell_text("份数", x[3], x[4], r1b, r1t, size=10)
        self.cell_text("保障期间", x[4], amount_x, r1b, r1t, size=10)
        self.cell_text("金额", amount_x, x[5], r1b, r1t, size=10)
        for i in range(item_rows):
            t, b = ys[2 + i], ys[3 + i]
            if i >= len(shown):
                continue
            line = shown[i]
            self.cell_text(line.plan_name, x[0], x[2], b, t, align="left", size=10)
            self.cell_text(str(line.people), x[2], x[3], b, t)
            self.cell_text(str(line.shares), x[3], x[4], b, t)
            period = f"{line.cover_start:%Y.%m.%d}—{line.cover_end:%Y.%m.%d}"
            self.cell_text(period, x[4], amount_x, b, t, size=9.5)
            self.cell_text(format_amount(line.amount).lstrip("¥"), amount_x, x[5], b, t, align="right")

        # total in words and figures
        tt, tb = ys[2 + item_rows], ys[3 + item_rows]
        c.line(x[1], tt, x[1], tb)
        c.line(amount_x, tt, amount_x, tb)
        self.cell_text("合计金额（大写）", x[0], x[1], tb, tt, size=10)
        self.cell_text(paper.amount_in_words, x[1], amount_x, tb, tt, align="left", size=11.5)
        self.cell_text(format_amount(paper.amount), amount_x, x[5], tb, tt, align="right", size=11.5)

        # method
        mt, mb = ys[3 + item_rows], ys[4 + item_rows]
        c.line(x[1], mt, x[1], mb)
        self.cell_text("缴费方式", x[0], x[1], mb, mt, size=10)
        cx = x[1] + 3 * mm
        for code, label in METHODS:
            cx = self.checkbox(cx, (mt + mb) / 2, label, paper.method == code, size=10)
        c.setFont(self.font, 10)
        c.drawRightString(x[5] - 2 * mm, (mt + mb) / 2 - 3.6, f"共 {paper.people} 人")

        # note
        nt, nb = ys[4 + item_rows], ys[5 + item_rows]
        c.line(x[1], nt, x[1], nb)
        self.cell_text("备    注", x[0], x[1], nb, nt, size=10)
        note = paper.note or "保障自缴费次日起生效（不早于计划年度开始日），至计划年度末止。"
        self.cell_text(note, x[1], x[5], nb, nt, align="left", size=9)

        # signatures and the seal area
        sig_y = table_bottom - 7 * mm
        c.setFont(self.font, 10.5)
        c.drawString(left, sig_y, "收款单位（盖章）：")
        c.drawString(left + 68 * mm, sig_y, "经办人：" + (paper.clerk_name or ""))
        c.drawString(left + 118 * mm, sig_y, "复核：")
        c.setLineWidth(0.5)
        c.line(left + 68 * mm + self.text_width("经办人：", 10.5), sig_y - 1.2 * mm, left + 112 * mm, sig_y - 1.2 * mm)
        c.line(left + 118 * mm + self.text_width("复核：", 10.5), sig_y - 1.2 * mm, right, sig_y - 1.2 * mm)
        # a dashed circle where the counter's seal goes
        seal_r = 13 * mm
        seal_x = left + 40 * mm
        seal_y = sig_y - 2 * mm
        c.saveState()
        c.setDash(2, 2)
        c.setStrokeColorRGB(0.6, 0.6, 0.6)
        c.circle(seal_x, seal_y, seal_r)
        c.setFillColorRGB(0.6, 0.6, 0.6)
        c.setFont(self.font, 8)
        c.drawCentredString(seal_x, seal_y - 3, "财务专用章")
        c.restoreState()

        c.setFont(self.font, 7.5)
        c.setFillColorRGB(*GREY)
        foot = "本收据须加盖收款单位印章方为有效；涂改、手写无效。请妥善保管，作为参保缴费凭证。"
        c.drawString(left, bottom + 1 * mm, foot)
        if paper.printed_at is not None:
            c.drawRightString(right, bottom + 1 * mm, printed_label(paper.printed_at))
        c.setFillColorRGB(0, 0, 0)

        if paper.voided:
            self.void_mark(paper, left, right, table_top, table_bottom, bottom)

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

    def void_mark(self, paper: ReceiptPaper, left: float, right: float, table_top: float,
                  table_bottom: float, bottom: float) -> None:
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
        reason = paper.void_reason or ""
        when = cn_date(paper.voided_on) if paper.voided_on else ""
        c.setFillColorRGB(*RED)
        text = f"已作废（{when}）：{reason}"
        size = self.fit(text, 9, right - left - 80 * mm)
        c.setFont(self.font, size)
        c.drawRightString(right, table_bottom - 14 * mm, text)
        c.setFillColorRGB(0, 0, 0)
