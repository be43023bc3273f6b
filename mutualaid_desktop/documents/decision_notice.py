"""给付通知书 / 不予给付通知书: the decision on a claim, as a PDF for the claimant.

An approval shows the member (ID masked), the claim number, the stay, each line of the
computation, the approved amount in figures and in words (a lower amount with its reason), and
the bank account the money goes to (number masked: first 4 and last 4). A refusal shows the
reasons and how to ask for a second look (复核): within `appeal_days` days of receiving the
notice, at the counter (address, phone and hours when they are set). Both end with the date and
the place for the counter's seal; a reprint is marked 补打.

The paper takes plain data (`DecisionNotice`); reportlab is imported only when rendering.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from mutualaid_desktop.documents.paper import (
    GREY,
    RED,
    canvas_class,
    cn_date,
    draw_lines,
    prepare,
    printed_label,
    wrap_text,
)
from mutualaid_desktop.domain.money import amount_in_words, format_amount

TITLES = {"approval": "理赔给付通知书", "refusal": "不予给付通知书"}


@dataclass(frozen=True)
class NoticeLine:
    """One step of the computation: what was done, and the amount (text, as in the quote)."""

    label: str
    amount: str


@dataclass(frozen=True)
class DecisionNotice:
    kind: str  # "approval" or "refusal"
    org_name: str
    claim_number: str
    member_name: str
    id_number_masked: str
    unit_name: str | None
    plan_name: str
    plan_kind: str  # reimbursement / lump_sum
    hospital_name: str | None
    admission_date: date | None
    discharge_date: date | None
    stay_days: int | None
    diagnosis: str | None
    diagnosis_date: date | None
    invoice_number: str | None
    received_on: date
    total_cost: Decimal | None
    fund_paid: Decimal | None
    in_scope_self_pay: Decimal | None
    out_of_scope_self_pay: Decimal | None
    lines: tuple[NoticeLine, ...]
    quoted: Decimal
    approved: Decimal | None
    lower_reason: str | None
    bank_name: str | None
    account_holder: str | None
    account_masked: str
    reasons: tuple[str, ...]  # refusal: the reasons, in Chinese
    reason_text: str | None  # refusal: the reviewer's explanation
    decided_on: date
    reviewer_name: str
    counter_address: str | None
    counter_phone: str | None
    counter_hours: str | None
    appeal_days: int = 15
    copy_number: int = 0
    printed_at: datetime | None = None

    @property
    def title(self) -> str:
        return TITLES[self.kind]

    @property
    def approved_in_words(self) -> str:
        return amount_in_words(self.approved or Decimal("0.00"))

    @property
    def is_lower(self) -> bool:
        return self.approved is not None and self.approved < self.quoted

    @property
    def is_reprint(self) -> bool:
        return self.copy_number > 0


def _yuan(amount: Decimal | None) -> str:
    return "—" if amount is None else format_amount(amount).lstrip("¥") + " 元"


def appeal_text(notice: DecisionNotice) -> str:
    """How to ask for a second look, in one paragraph."""
    where = "到本中心服务窗口"
    if notice.counter_address:
        where = f"到本中心服务窗口（{notice.counter_address}）"
    text = (
        f"如对本决定有异议，请自收到本通知书之日起{notice.appeal_days}日内，携带本通知书、身份证及补充材料，"
        f"{where}书面申请复核。逾期未申请的，视为同意本决定。"
    )
    contact = []
    if notice.counter_phone:
        contact.append(f"咨询电话：{notice.counter_phone}")
    if notice.counter_hours:
        contact.append(f"办公时间：{notice.counter_hours}")
    if contact:
        text += "  " + "；".join(contact) + "。"
    return text


def render_decision_notice(notice: DecisionNotice, path: Path) -> Path:
    """Write the notice to `path` (a PDF: one A4 page, more when long texts need them); returns the path."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    path, font = prepare(path)
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=18, wordWrap="CJK")
    indent = ParagraphStyle("indent", parent=body, firstLineIndent=22)
    small = ParagraphStyle("small", parent=body, fontSize=9.5, leading=13.5)
    cell = ParagraphStyle("cell", parent=body, fontSize=10, leading=13.5)
    cell_right = ParagraphStyle("cellr", parent=cell, alignment=TA_RIGHT)
    head = ParagraphStyle("head", parent=body, fontSize=11.5, leading=16, spaceBefore=4, spaceAfter=3)
    # the organisation's name clear of the 补打 box on the left (and as far from the right)
    org = ParagraphStyle(
        "org", parent=body, fontSize=11, alignment=TA_CENTER, leading=14, leftIndent=24 * mm, rightIndent=24 * mm
    )
    title = ParagraphStyle("title", parent=body, fontSize=20, leading=26, alignment=TA_CENTER, spaceAfter=2)
    number = ParagraphStyle("number", parent=body, fontSize=10, alignment=TA_RIGHT, leading=14)

    def p(text: str, style=body) -> Paragraph:
        return Paragraph(escape(text), style)

    def section(text: str, first: list | None = None, widths: list | None = None) -> list:
        """A section's head, on a new page unless 25 mm are left and, when its table's `first` rows
        (in the columns `widths`) are given, they fit under it: never a head alone at the foot of a page."""
        keep = 25 * mm
        if first:
            rows = Table(first, colWidths=widths)
            rows.setStyle(grid)
            keep = max(keep, head.leading + head.spaceBefore + head.spaceAfter + rows.wrap(width, A4[1])[1] + 2)
        return [CondPageBreak(keep), p(text, head)]

    grid = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), font, 10),
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("BOX", (0, 0), (-1, -1), 1.1, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
    )
    width = A4[0] - 40 * mm
    story: list = [
        p(notice.org_name, org),
        p(notice.title, title),
        p("理赔编号：" + notice.claim_number, number),
        Spacer(0, 3 * mm),
    ]

    who = f"{notice.member_name}（身份证号 {notice.id_number_masked}）："
    story.append(p(who))
    if notice.kind == "approval":
        story.append(
            p(
                f"您于{cn_date(notice.received_on)}提交的「{notice.plan_name}」理赔申请（理赔编号 {notice.claim_number}），"
                f"经审核，决定给付互助金 {_yuan(notice.approved)}（{notice.approved_in_words}）。计算明细如下：",
                indent,
            )
        )
    else:
        story.append(
            p(
                f"您于{cn_date(notice.received_on)}提交的「{notice.plan_name}」理赔申请（理赔编号 {notice.claim_number}），"
                "经审核，不符合给付条件，决定不予给付。理由如下：",
                indent,
            )
        )
    story.append(Spacer(0, 2 * mm))

    # the refusal's reasons come first: they are what the notice says
    if notice.kind == "refusal":
        reasons = list(notice.reasons)
        rows = [[p(f"{i}.", cell), p(text, cell)] for i, text in enumerate(reasons, start=1)]
        if notice.reason_text:
            rows.append([p(f"{len(reasons) + 1}." if reasons else "1.", cell), p("说明：" + notice.reason_text, cell)])
        if rows:
            table = Table(rows, colWidths=[10 * mm, width - 10 * mm])
            table.setStyle(
                TableStyle(
                    [
                        ("FONT", (0, 0), (-1, -1), font, 10),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                        ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ]
                )
            )
            story += [table, Spacer(0, 3 * mm)]

    # the stay (or the diagnosis)
    stay_rows = [[p("姓名", cell), p(notice.member_name, cell), p("所在单位", cell), p(notice.unit_name or "—", cell)]]
    if notice.plan_kind == "lump_sum" or notice.admission_date is None:
        stay_rows.append(
            [
                p("确诊疾病", cell),
                p(notice.diagnosis or "—", cell),
                p("确诊日期", cell),
                p(cn_date(notice.diagnosis_date), cell),
            ]
        )
        stay_rows.append(
            [
                p("确诊医院", cell),
                p(notice.hospital_name or "—", cell),
                p("受理日期", cell),
                p(cn_date(notice.received_on), cell),
            ]
        )
    else:
        days = f"（{notice.stay_days}天）" if notice.stay_days else ""
        stay_rows.append(
            [
                p("就诊医院", cell),
                p(notice.hospital_name or "—", cell),
                p("住院日期", cell),
                p(f"{notice.admission_date:%Y.%m.%d}—{notice.discharge_date:%Y.%m.%d}{days}", cell),
            ]
        )
        stay_rows.append(
            [
                p("诊断", cell),
                p(notice.diagnosis or "—", cell),
                p("发票号码", cell),
                p(notice.invoice_number or "—", cell),
            ]
        )
        stay_rows.append(
            [
                p("医疗总费用", cell),
                p(_yuan(notice.total_cost), cell),
                p("医保统筹支付", cell),
                p(_yuan(notice.fund_paid), cell),
            ]
        )
        stay_rows.append(
            [
                p("政策范围内个人自付", cell),
                p(_yuan(notice.in_scope_self_pay), cell),
                p("政策范围外个人自费", cell),
                p(_yuan(notice.out_of_scope_self_pay), cell),
            ]
        )
    label_w = 36 * mm
    columns = [label_w, 44 * mm, label_w, width - 2 * label_w - 44 * mm]
    stay = Table(stay_rows, colWidths=columns)
    stay.setStyle(grid)
    story += [*section("一、申请情况", stay_rows[:1], columns), stay]

    if notice.kind == "approval":
        rows = [[p("序号", cell), p("计算步骤", cell), p("金额（元）", cell_right)]]
        for i, line in enumerate(notice.lines, start=1):
            rows.append([p(str(i), cell), p(line.label, cell), p(line.amount, cell_right)])
        rows.append([p("", cell), p("计算给付金额", cell), p(format_amount(notice.quoted).lstrip("¥"), cell_right)])
        rows.append(
            [
                p("", cell),
                p("核准给付金额", cell),
                p(format_amount(notice.approved or Decimal(0)).lstrip("¥"), cell_right),
            ]
        )
        rows.append([p("", cell), p("大写：" + notice.approved_in_words, cell), p("", cell)])
        calc_widths = [14 * mm, width - 14 * mm - 36 * mm, 36 * mm]
        calc = Table(rows, colWidths=calc_widths)
        style = TableStyle(
            [
                *grid.getCommands(),
                ("SPAN", (1, len(rows) - 1), (2, len(rows) - 1)),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
                ("LINEABOVE", (0, len(rows) - 3), (-1, len(rows) - 3), 1.1, colors.black),
            ]
        )
        calc.setStyle(style)
        story += [*section("二、给付金额计算", rows[:2], calc_widths), calc]
        if notice.is_lower:
            story.append(Spacer(0, 2 * mm))
            story.append(
                p(f"核减说明：核准金额低于计算金额 {_yuan(notice.quoted)}，理由：{notice.lower_reason or ''}", small)
            )
        holder = notice.account_holder or notice.member_name
        bank_rows = [
            [p("开户银行", cell), p(notice.bank_name or "—", cell), p("户名", cell), p(holder, cell)],
            [
                p("银行账号", cell),
                p(notice.account_masked or "—", cell),
                p("给付金额", cell),
                p(_yuan(notice.approved), cell),
            ],
        ]
        bank = Table(bank_rows, colWidths=columns)
        bank.setStyle(grid)
        story += [*section("三、给付方式", bank_rows[:1], columns), bank]
        story.append(Spacer(0, 1.5 * mm))
        story.append(
            p("互助金将通过银行转账汇入上述账户，请注意查收。账户信息如有变化，请及时到服务窗口办理变更。", small)
        )
        contact = [
            f"咨询电话：{notice.counter_phone}" if notice.counter_phone else "",
            f"地址：{notice.counter_address}" if notice.counter_address else "",
        ]
        if any(contact):
            story.append(p("  ".join(c for c in contact if c), small))
    else:
        story += section("二、申请复核")
        story.append(p(appeal_text(notice), indent))

    story.append(Spacer(0, 6 * mm))
    story.append(_sign_block(notice, font, width))

    def decorate(canvas, doc) -> None:
        canvas.saveState()
        w, h = A4
        canvas.setFont(font, 7.5)
        canvas.setFillColorRGB(*GREY)
        canvas.drawString(20 * mm, 12 * mm, "本通知书一式两份，申请人与服务中心各执一份；涂改无效。")
        if notice.printed_at is not None:
            canvas.drawRightString(w - 20 * mm, 12 * mm, printed_label(notice.printed_at))
        if notice.is_reprint:
            canvas.setStrokeColorRGB(*RED)
            canvas.setFillColorRGB(*RED)
            if doc.page == 1:  # the box left of the title, its number under it (clear of the names)
                canvas.setLineWidth(1.4)
                canvas.roundRect(20 * mm, h - 32 * mm, 22 * mm, 10 * mm, 1.5 * mm)
                canvas.setFont(font, 15)
                canvas.drawCentredString(31 * mm, h - 29.4 * mm, "补打")
                canvas.setFont(font, 7.5)
                canvas.drawCentredString(31 * mm, h - 35.5 * mm, f"第{notice.copy_number}次补打")
            else:  # in the top margin of the pages it goes on to, above the text
                canvas.setFont(font, 9)
                canvas.drawString(20 * mm, h - 11 * mm, f"补打（第{notice.copy_number}次补打）")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=f"{notice.title} {notice.claim_number}",
        author=notice.org_name,
    )
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=canvas_class())  # safe_files
    return path


def _sign_block(notice: DecisionNotice, font: str, width: float):
    """The reviewer, the organisation (盖章) and the date, with a dashed circle for the seal. A long
    organisation's name wraps in the right half, the reviewer's in the left, the block growing."""
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Flowable

    size, leading = 11, 11 * 1.35
    org_lines = wrap_text(f"{notice.org_name}（盖章）", font, size, width / 2) or [""]
    org_w = max(stringWidth(line, font, size) for line in org_lines)
    who_lines = wrap_text(f"审核人：{notice.reviewer_name}", font, size, width - org_w - 12 * mm) or [""]
    rise = (max(len(org_lines), len(who_lines)) - 1) * leading

    class SignBlock(Flowable):
        def wrap(self, avail_width, avail_height):
            return width, 42 * mm + rise

        def draw(self) -> None:
            c = self.canv
            right = width - 4 * mm
            draw_lines(c, font, who_lines, 0, 30 * mm + rise, size, leading=leading / size)
            draw_lines(c, font, org_lines, right, 30 * mm + rise, size, leading=leading / size, align="right")
            c.drawRightString(right, 22 * mm, cn_date(notice.decided_on))
            cx, cy = right - org_w / 2, 26 * mm + rise / 2
            c.saveState()
            c.setDash(2, 2)
            c.setStrokeColorRGB(0.6, 0.6, 0.6)
            c.setFillColorRGB(0.6, 0.6, 0.6)
            c.circle(cx, cy, 19 * mm)
            c.setFont(font, 8)
            c.drawCentredString(cx, cy - 16.5 * mm, "盖章处")
            c.restoreState()

    return SignBlock()
