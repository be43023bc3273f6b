"""日结单: one clerk's premium receipts of one day, as a PDF.

Every receipt the clerk issued that day (voided ones shown, marked 作废, and left out of the
totals; under the payer the receipt it replaces and a transfer's 银行流水号), each void with its
reason, who voided it and when, the totals by method (现金 / 转账 / 微信 / 支付宝), the voided receipts, and the grand
total in figures and in words; signature lines for the clerk, the reviewer and the cashier.
A reprint (copy_number > 0) carries a 补打 box on its first page and 补打 with its number in every footer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from mutualaid_desktop.documents.paper import (
    LEADING,
    RED,
    canvas_class,
    cn_date,
    draw_lines,
    page_number,
    prepare,
    printed_label,
    reprint_box,
    wrap_text,
)
from mutualaid_desktop.domain.money import amount_in_words, format_amount

TITLE = "互助保障金缴费日结单"
METHOD_LABELS = {"cash": "现金", "transfer": "转账", "wechat": "微信", "alipay": "支付宝"}


@dataclass(frozen=True)
class CashUpReceipt:
    serial: str
    payer_name: str
    people: int
    method: str
    amount: Decimal
    voided: bool = False
    void_reason: str | None = None
    voided_by: str | None = None  # who voided it
    voided_at: datetime | None = None  # when (local time)
    bank_reference: str | None = None  # a transfer's 银行流水号
    replaces_serial: str | None = None  # the voided receipt this one replaces


@dataclass(frozen=True)
class MethodTotal:
    method: str
    count: int
    amount: Decimal

    @property
    def label(self) -> str:
        return METHOD_LABELS.get(self.method, self.method)


@dataclass(frozen=True)
class CashUp:
    org_name: str
    clerk_id: int | None
    clerk_name: str
    day: date
    receipts: tuple[CashUpReceipt, ...]
    printed_at: datetime | None = None
    copy_number: int = 0  # 0 = the first of the day; n = the n-th reprint (补打)

    @property
    def issued_count(self) -> int:
        return len(self.receipts)

    @property
    def voided(self) -> tuple[CashUpReceipt, ...]:
        return tuple(r for r in self.receipts if r.voided)

    @property
    def voided_count(self) -> int:
        return len(self.voided)

    @property
    def voided_total(self) -> Decimal:
        return sum((r.amount for r in self.voided), Decimal("0.00"))

    @property
    def valid_count(self) -> int:
        return self.issued_count - self.voided_count

    @property
    def by_method(self) -> tuple[MethodTotal, ...]:
        """Every method, in the order 现金 转账 微信 支付宝; voided receipts left out."""
        out = []
        for method in METHOD_LABELS:
            valid = [r for r in self.receipts if r.method == method and not r.voided]
            out.append(MethodTotal(method, len(valid), sum((r.amount for r in valid), Decimal("0.00"))))
        return tuple(out)

    @property
    def grand_total(self) -> Decimal:
        return sum((r.amount for r in self.receipts if not r.voided), Decimal("0.00"))

    @property
    def people(self) -> int:
        return sum(r.people for r in self.receipts if not r.voided)


def _payer_cell(r: CashUpReceipt) -> str:
    """The payer, and under it the receipt it replaces and a transfer's bank reference (paragraph markup)."""
    parts = [escape(r.payer_name)]
    if r.replaces_serial:
        parts.append(escape(f"替代 {r.replaces_serial}（已作废）"))
    if r.bank_reference:
        parts.append(escape(f"银行流水号：{r.bank_reference}"))
    return "<br/>".join(parts)


def render_cash_up(paper: CashUp, path: Path) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    path, font = prepare(path)
    Canvas = canvas_class()  # noqa: N806 - written through safe_files when saved
    red = colors.Color(*RED)
    normal = ParagraphStyle("n", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
    small = ParagraphStyle("s", parent=normal, fontSize=9, leading=12)
    title = ParagraphStyle("t", parent=normal, fontSize=18, leading=24, alignment=TA_CENTER)
    # the organisation's name clear of the 补打 box on the left (and as far from the right)
    centre = ParagraphStyle("c", parent=normal, alignment=TA_CENTER, leftIndent=24 * mm, rightIndent=24 * mm)
    head_style = ParagraphStyle("h", parent=normal, fontSize=10.5, leading=14)
    # the clerk's name and the day in every footer, left of the page number; a long name goes on
    # upwards, the frame's bottom margin growing with it
    footer_size = 9
    footer_lines = wrap_text(
        f"{paper.clerk_name}  {paper.day:%Y-%m-%d}  日结单", font, footer_size, A4[0] / 2 - 18 * mm - 18 * mm
    ) or [""]
    footer_rise = (len(footer_lines) - 1) * footer_size * LEADING

    class NumberedCanvas(Canvas):  # type: ignore[misc,valid-type]  # a base chosen at run time (reportlab loads lazily)
        """Two passes: "第 x 页 共 y 页" needs the page count."""

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
                page_number(self, font, self._pageNumber, total, A4[0] / 2, 10 * mm)
                if paper.copy_number > 0:  # the box above the title of page 1; the number in every footer
                    if self._pageNumber == 1:
                        reprint_box(self, font, 18 * mm, A4[1] - 29 * mm)
                    self.saveState()
                    self.setFillColorRGB(*RED)
                    self.setFont(font, 10)
                    self.drawRightString(A4[0] - 18 * mm, 10 * mm, f"第{paper.copy_number}次补打")
                    self.restoreState()
                draw_lines(self, font, footer_lines, 18 * mm, 10 * mm + footer_rise, footer_size)
                super().showPage()
            super().save()

    story = [
        Paragraph(escape(paper.org_name), centre),
        Paragraph(TITLE, title),
        Spacer(1, 3 * mm),
    ]
    head = Table(  # a long clerk's name wraps in its third of the line
        [
            [
                Paragraph(escape(f"经办人：{paper.clerk_name}"), head_style),
                Paragraph("日期：" + cn_date(paper.day), head_style),
                Paragraph(
                    printed_label(paper.printed_at) if paper.printed_at else "",
                    ParagraphStyle("hr", parent=head_style, alignment=TA_RIGHT),
                ),
            ]
        ],
        colWidths=[58 * mm, 58 * mm, 58 * mm],
    )
    head.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, 10.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story += [head, Spacer(1, 3 * mm)]

    # the receipts
    rows: list[list[str | Paragraph]] = [["序号", "收据号", "缴款单位（人）", "人数", "方式", "金额（元）", "状态"]]
    styles: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, 9.5),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (0, 1), (1, -1), "CENTER"),
        ("ALIGN", (3, 1), (4, -1), "CENTER"),
        ("ALIGN", (5, 1), (5, -1), "RIGHT"),
        ("ALIGN", (6, 1), (6, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    for i, r in enumerate(paper.receipts, start=1):
        rows.append(
            [
                str(i),
                r.serial,
                Paragraph(_payer_cell(r), small),
                str(r.people),
                METHOD_LABELS.get(r.method, r.method),
                format_amount(r.amount).lstrip("¥"),
                "作废" if r.voided else "有效",
            ]
        )
        if r.voided:
            styles.append(("TEXTCOLOR", (0, i), (-1, i), red))
    if not paper.receipts:
        rows.append(["当日没有收据", "", "", "", "", "", ""])
        styles.append(("SPAN", (0, 1), (-1, 1)))
        styles.append(("ALIGN", (0, 1), (-1, 1), "CENTER"))
    # the amount's column takes 9,999,999,999.99 (¥100,000,000 and more ran out of its cell)
    table = Table(
        rows, colWidths=[12 * mm, 30 * mm, 54 * mm, 13 * mm, 15 * mm, 31 * mm, 16 * mm], repeatRows=1, hAlign="LEFT"
    )
    table.setStyle(TableStyle(styles))
    story += [table, Spacer(1, 5 * mm)]

    # each void with its reason, who voided it and when (the receipt above only says 作废)
    if paper.voided:
        story.append(Paragraph(f"作废收据明细（共 {paper.voided_count} 张，不计入合计）", head_style))
        story.append(Spacer(1, 1.5 * mm))
        voids: list[list[str | Paragraph]] = [
            ["收据号", "缴款单位（人）", "金额（元）", "作废原因", "作废人", "作废时间"]
        ]
        for r in paper.voided:
            when = f"{r.voided_at:%Y-%m-%d %H:%M}" if r.voided_at else ""
            voids.append(
                [
                    r.serial,
                    Paragraph(escape(r.payer_name), small),
                    Paragraph(
                        format_amount(r.amount).lstrip("¥"), ParagraphStyle("a", parent=small, alignment=TA_RIGHT)
                    ),
                    Paragraph(escape(r.void_reason or "").replace("\n", "<br/>"), small),
                    Paragraph(escape(r.voided_by or ""), small),
                    Paragraph(escape(when), small),
                ]
            )
        void_table = Table(
            voids, colWidths=[27 * mm, 30 * mm, 28 * mm, 50 * mm, 18 * mm, 21 * mm], repeatRows=1, hAlign="LEFT"
        )
        void_table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), font, 9.5),
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
                    ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("TEXTCOLOR", (0, 1), (0, -1), red),
                ]
            )
        )
        story += [void_table, Spacer(1, 5 * mm)]

    # totals
    totals = [["缴费方式", "笔数", "金额（元）"]]
    for m in paper.by_method:
        totals.append([m.label, str(m.count), format_amount(m.amount).lstrip("¥")])
    totals.append(["有效收据合计", str(paper.valid_count), format_amount(paper.grand_total).lstrip("¥")])
    totals.append(["作废收据（不计入合计）", str(paper.voided_count), format_amount(paper.voided_total).lstrip("¥")])
    totals_table = Table(totals, colWidths=[60 * mm, 25 * mm, 40 * mm], hAlign="LEFT")
    totals_table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, 10),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                ("FONT", (0, len(totals) - 2), (-1, len(totals) - 2), font, 10.5),
                ("LINEABOVE", (0, len(totals) - 2), (-1, len(totals) - 2), 1.0, colors.black),
                ("TEXTCOLOR", (0, len(totals) - 1), (-1, len(totals) - 1), red),
            ]
        )
    )
    # the totals, the amount in words and the signatures go together (never a head of the totals
    # at the foot of one page and 合计 on the next)
    closing = [
        totals_table,
        Spacer(1, 4 * mm),
        Paragraph(
            f"应交款合计（大写）：{amount_in_words(paper.grand_total)}　　（小写）{format_amount(paper.grand_total)}",
            ParagraphStyle("w", parent=normal, fontSize=11.5, leading=16),
        ),
    ]
    closing.append(Paragraph(f"其中现金 {format_amount(paper.by_method[0].amount)}，应与钱箱现金核对一致。", small))
    closing.append(Spacer(1, 12 * mm))
    sign = Table(
        [["经办人签字：", "", "复核人签字：", "", "出纳签收：", ""]],
        colWidths=[22 * mm, 32 * mm, 26 * mm, 32 * mm, 24 * mm, 32 * mm],
        hAlign="LEFT",
    )
    sign.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, 10.5),
                ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
                ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black),
                ("LINEBELOW", (5, 0), (5, 0), 0.6, colors.black),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("LEFTPADDING", (2, 0), (2, 0), 10),
                ("LEFTPADDING", (4, 0), (4, 0), 10),
            ]
        )
    )
    closing.append(sign)
    story.append(KeepTogether(closing))

    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm + footer_rise,
        title=f"{TITLE} {paper.clerk_name} {paper.day:%Y-%m-%d}",
        author=paper.org_name,
    )
    doc.build(story, canvasmaker=NumberedCanvas)
    return path
