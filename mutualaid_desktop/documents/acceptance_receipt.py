"""受理回执: the acceptance receipt a claimant takes home, as a PDF (A5, landscape half of A4).

Claim number, member (ID number masked), unit, the stay (hospital, dates, diagnosis), the amounts
of the settlement sheet and the preliminary quote, the papers received, the papers still missing
with the day by which to bring them, when to expect a decision, and the counter's address, phone
and opening hours. A reprint carries 补打; a receipt issued again after papers were brought says so.

The paper takes plain data (`AcceptanceReceipt`); reportlab is imported only when rendering.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from mutualaid_desktop.documents.paper import (
    GREY,
    LEADING,
    RED,
    Flow,
    cell_lines,
    cn_date,
    continued_heading,
    draw_lines,
    fit_lines,
    fit_size,
    open_canvas,
    row_height,
    wrap_text,
)
from mutualaid_desktop.domain.money import amount_in_words, format_amount

TITLE = "理赔受理回执"
BLUE = (0.12, 0.31, 0.47)


@dataclass(frozen=True)
class AcceptanceReceipt:
    claim_number: str
    org_name: str
    counter_address: str
    counter_phone: str
    counter_hours: str
    received_on: date
    member_name: str
    id_masked: str  # first 6 + last 4
    unit_name: str
    plan_name: str
    plan_kind: str  # reimbursement / lump_sum
    hospital: str  # name and grade
    admission_date: date | None
    discharge_date: date | None
    diagnosis: str
    diagnosis_date: date | None
    invoice_number: str
    total_cost: Decimal | None
    fund_paid: Decimal | None
    in_scope_self_pay: Decimal | None
    out_of_scope_self_pay: Decimal | None
    quoted: Decimal
    eligible: bool
    reasons: tuple[str, ...]  # Chinese reasons when the preliminary quote is not payable
    papers_received: tuple[str, ...]
    papers_missing: tuple[str, ...]
    papers_due: date | None
    decision_days: int
    decision_by: date | None  # None while papers are missing
    account: str  # bank, holder and masked account number ("" when not given yet)
    clerk_name: str
    status_label: str
    copy_number: int = 0  # 0 = original, n = n-th reprint (补打)
    reissued: bool = False  # issued again after missing papers were brought
    printed_at: datetime | None = None

    @property
    def complete(self) -> bool:
        return not self.papers_missing

    @property
    def quoted_in_words(self) -> str:
        return amount_in_words(self.quoted)


def _amount(value: Decimal | None) -> str:
    return format_amount(value) if value is not None else "—"


def render_acceptance_receipt(paper: AcceptanceReceipt, path: Path) -> Path:
    """Write the receipt to `path` (one A5 landscape page); returns the path."""
    from reportlab.lib.pagesizes import A5, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    width, height = landscape(A5)
    c, font = open_canvas(path, f"{TITLE} {paper.claim_number}", paper.org_name, pagesize=(width, height))
    left, right = 12 * mm, width - 12 * mm

    def text_at(
        x: float,
        y: float,
        text: str,
        size: float = 9.0,
        room: float | None = None,
        color=(0, 0, 0),
        align: str = "left",
    ) -> None:
        if room is not None:
            size = fit_size(text, font, size, room, smallest=6.0)
        c.setFillColorRGB(*color)
        draw_lines(c, font, [text], x, y, size, align=align)
        c.setFillColorRGB(0, 0, 0)

    def new_page() -> float:
        c.showPage()
        continued_heading(c, font, f"{TITLE}（续）　受理编号 {paper.claim_number}", left, height - 10 * mm)
        return height - 18 * mm

    # the counter and the signature at the foot of the last page: the counter's address, phone and
    # hours, and the clerk's name, wrap (the lines above them go on to a new page, never over them)
    mid = (left + right) / 2
    bottom = 10 * mm
    step = 8.5 * LEADING
    counter = "　".join(
        part
        for part in (
            f"地址：{paper.counter_address}" if paper.counter_address else "",
            f"咨询电话：{paper.counter_phone}" if paper.counter_phone else "",
            f"办公时间：{paper.counter_hours}" if paper.counter_hours else "",
        )
        if part
    )
    counter_lines = wrap_text(counter or paper.org_name, font, 8.5, right - left) or [""]
    clerk_lines = wrap_text(f"经办人：{paper.clerk_name}", font, 8.5, mid - left - 4 * mm)
    sign_y = bottom + 2.5 * mm + (len(clerk_lines) - 1) * step  # the first line of the clerk's name
    counter_y = sign_y + 5 * mm + (len(counter_lines) - 1) * step
    rule_y = counter_y + 4.5 * mm
    flow = Flow(c, font, height, rule_y + 2 * mm, new_page)

    def lines_at(x: float, y: float, text: str, size: float, color=(0, 0, 0)) -> float:
        """`text` wrapped to the width of the page from `x` (a list of papers or reasons is never
        shrunk to fit one line), going on to a new page above the signature lines; the baseline of
        its last line."""
        flow.y = y
        return flow.lines(text, x, size, right - x, color=color)

    # heading
    org_lines = wrap_text(paper.org_name, font, 9.5, right - left) or [""]
    top = draw_lines(c, font, org_lines, width / 2, height - 10 * mm, 9.5, align="center")
    text_at(width / 2, top - 8 * mm, TITLE, 16, align="center")
    title_w = stringWidth(TITLE, font, 16)
    c.setLineWidth(0.7)
    c.line((width - title_w) / 2, top - 9.6 * mm, (width + title_w) / 2, top - 9.6 * mm)
    text_at(right, top - 7.5 * mm, "受理编号 " + paper.claim_number, 10, color=RED, align="right")
    marks = []
    if paper.copy_number:
        marks.append("补打")
    if paper.reissued:
        marks.append("补交材料后换发")
    if marks:
        text_at(left, top - 7.5 * mm, "（" + "，".join(marks) + "）", 9, color=RED)
    text_at(left, top - 14.5 * mm, f"受理日期：{cn_date(paper.received_on)}", 8.5)
    text_at(right, top - 14.5 * mm, f"状态：{paper.status_label}", 8.5, align="right")

    # the table: label / value pairs, two per row
    y = top - 17 * mm
    row_h = 6.6 * mm
    label_w = 22 * mm
    rows: list[tuple[str, str, str, str]] = [
        ("申请人", paper.member_name, "身份证号", paper.id_masked),
        ("所在单位", paper.unit_name or "—", "保障计划", paper.plan_name),
    ]
    if paper.plan_kind == "lump_sum":
        rows.append(("确诊疾病", paper.diagnosis or "—", "确诊日期", cn_date(paper.diagnosis_date)))
        rows.append(("确诊医院", paper.hospital or "—", "发票号码", paper.invoice_number or "—"))
    else:
        rows.append(("就诊医院", paper.hospital or "—", "诊断", paper.diagnosis or "—"))
        rows.append(("入院日期", cn_date(paper.admission_date), "出院日期", cn_date(paper.discharge_date)))
        rows.append(("医疗总费用", _amount(paper.total_cost), "医保统筹支付", _amount(paper.fund_paid)))
        rows.append(
            ("政策内自付", _amount(paper.in_scope_self_pay), "政策外自费", _amount(paper.out_of_scope_self_pay))
        )
        rows.append(("发票号码", paper.invoice_number or "—", "收款账户", paper.account or "未提供"))
    if paper.plan_kind == "lump_sum":
        rows.append(("收款账户", paper.account or "未提供", "", ""))
    c.setLineWidth(0.5)
    table_top = y
    drawn: list[tuple[float, float, bool]] = []  # each row's top, height and whether it has two pairs

    for label1, value1, label2, value2 in rows:
        end1 = right if not label2 else mid
        # a value shrunk a little to stay on one line, else wrapped (a long hospital or unit name is
        # printed whole, never over the next cell)
        cells = [(left + label_w, end1, *fit_lines(value1, font, 9, end1 - left - label_w - 3 * mm))]
        if label2:
            cells.append((mid + label_w, right, *fit_lines(value2, font, 9, right - mid - label_w - 3 * mm)))
        h = row_height([(size, lines) for _x0, _x1, size, lines in cells], row_h)
        c.setFillColorRGB(0.94, 0.95, 0.97)
        c.rect(left, y - h, label_w, h, stroke=0, fill=1)
        if label2:
            c.rect(mid, y - h, label_w, h, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        base = y - h / 2 - 3.1
        text_at(left + 1.5 * mm, base, label1, 8.5, room=label_w - 3 * mm)
        if label2:
            text_at(mid + 1.5 * mm, base, label2, 8.5, room=label_w - 3 * mm)
        for x0, x1, size, lines in cells:
            cell_lines(c, font, lines, size, x0, x1, y - h, y, align="left", pad=1.5 * mm)
        drawn.append((y, h, bool(label2)))
        y -= h
        c.line(left, y, right, y)
    c.rect(left, y, right - left, table_top - y, stroke=1, fill=0)
    for row_top, h, two in drawn:
        c.line(left + label_w, row_top, left + label_w, row_top - h)
        if two:
            c.line(mid, row_top, mid, row_top - h)
            c.line(mid + label_w, row_top, mid + label_w, row_top - h)

    # preliminary quote
    y -= 5.5 * mm
    if paper.eligible:
        quote = f"初步核算给付金额：{format_amount(paper.quoted)}（{paper.quoted_in_words}），以审核结果为准。"
        y = lines_at(left, y, quote, 9.5, color=BLUE)
    else:
        y = lines_at(left, y, "初步核算：不符合给付条件，将由审核人复核后书面通知。原因：", 9.5, color=RED)
        for reason in paper.reasons:
            y -= 4.6 * mm
            y = lines_at(left + 4 * mm, y, "· " + reason, 8.5, color=RED)

    # papers
    y -= 6.5 * mm
    received = "、".join(paper.papers_received) or "无"
    y = lines_at(left, y, "已收材料：" + received, 9) - 5.2 * mm
    if paper.papers_missing:
        y = lines_at(left, y, "尚缺材料：" + "、".join(paper.papers_missing), 9.5, color=RED) - 5.2 * mm
        y = (
            lines_at(
                left,
                y,
                f"请于 {cn_date(paper.papers_due)} 前持本回执补交上述材料；逾期未补交的，按材料不全处理。",
                9,
                color=RED,
            )
            - 5.2 * mm
        )
        lines_at(left, y, f"材料补齐后，{paper.decision_days} 个工作日内作出审核决定并书面通知。", 9)
    else:
        y = lines_at(left, y, "材料已齐全。", 9) - 5.2 * mm
        lines_at(
            left,
            y,
            f"预计于 {cn_date(paper.decision_by)} 前（{paper.decision_days} 个工作日内）作出审核决定并书面通知，"
            "核准的给付款将转入上述账户。",
            9,
        )

    # counter and signature
    c.setLineWidth(0.4)
    c.line(left, rule_y, right, rule_y)
    draw_lines(c, font, counter_lines, left, counter_y, 8.5)
    draw_lines(c, font, clerk_lines, left, sign_y, 8.5)
    text_at(mid, sign_y, "受理单位（盖章）", 8.5)
    text_at(right, sign_y, "请妥善保管本回执，查询、补交材料时出示。", 7.5, align="right", color=GREY)
    c.showPage()
    c.save()
    return Path(path)
