"""理赔材料告知单: one A4 page left at a hospital's admission desk (a second one when a plan's
list and the counter's texts are too long for one: they are printed whole, never cut or shrunk).

It tells a member in hospital what to keep and bring to claim under one plan: who may claim,
the materials (the plan's checklist, each with a box to tick), the deadline (days after discharge,
or after diagnosis for a lump-sum plan), the waiting period, and the counter: address, phone and
opening hours, with a QR code that carries the phone number (tel:), so that a phone can call it.
No personal data is on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from mutualaid_desktop.documents.paper import (
    GREY,
    Flow,
    continued_heading,
    counter_text,
    draw_lines,
    open_canvas,
    pair_lines,
    wrap_text,
)

TITLE = "职工互助保障理赔材料告知单"
GRADE_LABELS = {1: "一级", 2: "二级", 3: "三级"}


@dataclass(frozen=True)
class NoticeMaterial:
    name: str
    required: bool = True
    only_for: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        if not self.required:
            return f"{self.name}（如有请一并提供）"
        if self.only_for:
            return f"{self.name}（{'、'.join(self.only_for)}须提供）"
        return self.name


@dataclass(frozen=True)
class ClaimDocumentsNotice:
    org_name: str
    plan_code: str
    plan_name: str
    kind: str  # reimbursement / lump_sum
    period_start: date
    period_end: date
    materials: tuple[NoticeMaterial, ...]
    deadline_days: int
    waiting_days: int
    min_hospital_grade: int
    diseases: tuple[str, ...]
    premium_per_share: Decimal
    address: str
    phone: str
    hours: str
    printed_on: date
    papers_due_days: int = 30

    @property
    def event_word(self) -> str:
        return "确诊" if self.kind == "lump_sum" else "出院"

    @property
    def deadline_text(self) -> str:
        years, rest = divmod(self.deadline_days, 365)
        about = f"（{'一两三'[years - 1]}年）" if rest == 0 and 1 <= years <= 3 else ""
        return f"自{self.event_word}之日起 {self.deadline_days} 日内{about}"

    @property
    def qr_value(self) -> str:
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""


def render_claim_documents_notice(notice: ClaimDocumentsNotice, path: Path) -> Path:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    c, font = open_canvas(path, f"{TITLE} {notice.plan_name}", notice.org_name)
    width, height = A4
    left, right = 20 * mm, width - 20 * mm
    room = right - left
    accent = (0.62, 0.09, 0.09)

    # the footer of every page: the note, and the organisation flush right (wrapped beside it when long)
    note, printed = (
        "此告知单供医院入院处放置、张贴，住院职工可自行取阅。",
        f"{notice.org_name}  {notice.printed_on.year}年{notice.printed_on.month}月印",
    )
    foot_left, foot_right = pair_lines(note, printed, font, 9, room, 6 * mm)
    foot_y = 16 * mm + (max(len(foot_left), len(foot_right)) - 1) * 9 * 1.3

    def footer() -> None:
        c.setFont(font, 9)
        c.setFillColorRGB(*GREY)
        draw_lines(c, font, foot_left, left, foot_y, 9)
        draw_lines(c, font, foot_right, right, foot_y, 9, align="right")
        c.setFillColorRGB(0, 0, 0)

    def new_page() -> float:
        footer()
        c.showPage()
        continued_heading(c, font, f"{TITLE}（续）", left, height - 12 * mm)
        return height - 22 * mm

    flow = Flow(c, font, height - 18 * mm, foot_y + 8 * mm, new_page)

    def paragraph(text: str, size: float = 11.5, indent: float = 0, leading: float = 1.55, color=(0, 0, 0)) -> None:
        flow.lines(text, left + indent, size, room - indent, leading=leading, color=color, keep=2)

    def heading(text: str) -> None:
        flow.need(9 * mm + 2 * 12 * 1.55)  # the head and two lines under it
        y = flow.y
        c.setFillColorRGB(*accent)
        c.rect(left, y - 1.2 * mm, 1.6 * mm, 5.6 * mm, stroke=0, fill=1)
        c.setFont(font, 14)
        c.drawString(left + 4 * mm, y, text)
        c.setFillColorRGB(0, 0, 0)
        flow.y = y - 9 * mm

    # --- title -------------------------------------------------------------------------------
    flow.lines(notice.org_name, width / 2, 12, room, leading=1.35, align="center")
    flow.y -= 12 * mm - 12 * 1.35
    c.setFillColorRGB(*accent)
    c.setFont(font, 23)
    c.drawCentredString(width / 2, flow.y, TITLE)
    c.setFillColorRGB(0, 0, 0)
    flow.y -= 8 * mm
    flow.lines(
        f"适用计划：{notice.plan_name}（保障期 {notice.period_start:%Y.%m.%d}—{notice.period_end:%Y.%m.%d}）",
        width / 2,
        11.5,
        room,
        leading=1.4,
        align="center",
    )
    y = flow.y + 11.5 * 1.4 - 4 * mm
    c.setStrokeColorRGB(*accent)
    c.setLineWidth(1.4)
    c.line(left, y, right, y)
    c.setStrokeColorRGB(0, 0, 0)
    flow.y = y - 9 * mm

    if notice.kind == "lump_sum":
        lead = (
            f"参加本计划的职工，在保障期内经{GRADE_LABELS.get(notice.min_hospital_grade, '')}"
            f"{'及以上' if notice.min_hospital_grade else ''}医院首次确诊下列疾病之一的，可申请定额互助金："
        )
        paragraph("尊敬的职工朋友：", 12)
        paragraph(lead, 11.5, indent=8 * mm)
        if notice.diseases:
            paragraph("、".join(notice.diseases) + "。", 10.5, indent=8 * mm, color=(0.2, 0.2, 0.2))
    else:
        grade = f"在{GRADE_LABELS.get(notice.min_hospital_grade, '')}及以上医院" if notice.min_hospital_grade else ""
        lead = (
            f"参加本计划的职工，保障期内{grade}住院治疗，出院并经基本医疗保险结算后，个人负担的医疗费用可向工会"
            "申请互助保障金（二次报销）。请在住院期间妥善保管以下材料，出院后到服务柜台办理。"
        )
        paragraph("尊敬的职工朋友：", 12)
        paragraph(lead, 11.5, indent=8 * mm)
    flow.y -= 4 * mm

    # --- materials -----------------------------------------------------------------------------
    heading("一、申请时请带齐以下材料")
    box = 4.2 * mm
    step = 7.2 * mm if len(notice.materials) <= 8 else 6.0 * mm  # a long list is set tighter: one page
    for k, material in enumerate(notice.materials, start=1):
        text = f"{k}. {material.label}"
        flow.need((len(wrap_text(text, font, 12.5, room - 12 * mm)) - 1) * step)  # an item is kept on one page
        c.setLineWidth(0.8)
        c.rect(left + 4 * mm, flow.y - 1.1 * mm, box, box)
        flow.lines(text, left + 11 * mm, 12.5, room - 12 * mm, leading=step / 12.5)
    keep = "（发票原件留存）" if notice.kind == "reimbursement" else ""
    flow.y -= 1 * mm
    paragraph(
        f"复印件请用A4纸；原件核对后退还{keep}。银行卡须为会员本人名下的借记卡。",
        10.5,
        indent=4 * mm,
        color=(0.25, 0.25, 0.25),
    )
    flow.y -= 4 * mm

    # --- deadline ------------------------------------------------------------------------------
    heading("二、申请期限")
    paragraph(f"请{notice.deadline_text}到服务柜台申请，逾期不予受理。", 12, indent=4 * mm)
    if notice.waiting_days:
        word = "确诊" if notice.kind == "lump_sum" else "入院"
        paragraph(
            f"首次参保（或断保后重新参保）的职工有 {notice.waiting_days} 日观察期，观察期内{word}的不予给付；"
            "连续参保的职工没有观察期。",
            11,
            indent=4 * mm,
        )
    paragraph(f"材料不全的，柜台先行受理并出具回执，请在 {notice.papers_due_days} 日内补齐。", 11, indent=4 * mm)
    flow.y -= 4 * mm

    # --- the counter: a box kept whole on one page ---------------------------------------------
    qr_size = 34 * mm
    text_room = room - qr_size - 14 * mm
    rows = []
    for label, value in (
        ("服务柜台", notice.org_name),
        ("地　　址", counter_text(notice.address)),
        ("咨询电话", counter_text(notice.phone)),
        ("办公时间", counter_text(notice.hours)),
    ):
        size = 15 if label == "咨询电话" else 12
        rows.append((label, size, wrap_text(value, font, size, text_room - 22 * mm) or [""]))
    needed = 9 * mm + sum(len(lines) * size * 1.45 + 1 * mm for _, size, lines in rows) + 2 * mm
    box_h = max(needed, qr_size + 14 * mm)
    flow.need(9 * mm - 3 * mm + box_h)  # the head, and the box under it
    heading("三、办理地点与咨询")
    box_top = flow.y + 3 * mm
    box_bottom = box_top - box_h
    c.setStrokeColorRGB(*accent)
    c.setLineWidth(1)
    c.roundRect(left, box_bottom, room, box_top - box_bottom, 3 * mm)
    c.setStrokeColorRGB(0, 0, 0)
    ty = box_top - 9 * mm
    for label, size, lines in rows:
        c.setFont(font, 11)
        c.setFillColorRGB(0.35, 0.35, 0.35)
        c.drawString(left + 5 * mm, ty, label)
        c.setFillColorRGB(0, 0, 0)
        ty = draw_lines(c, font, lines, left + 27 * mm, ty, size, leading=1.45) - size * 1.45 - 1 * mm
    if notice.qr_value:
        widget = QrCodeWidget(notice.qr_value, barLevel="M")
        x0, y0, x1, y1 = widget.getBounds()
        drawing = Drawing(qr_size, qr_size, transform=[qr_size / (x1 - x0), 0, 0, qr_size / (y1 - y0), 0, 0])
        drawing.add(widget)
        qx = right - qr_size - 6 * mm
        qy = (box_top + box_bottom) / 2 - qr_size / 2 + 3 * mm
        renderPDF.draw(drawing, c, qx, qy)
        c.setFont(font, 9)
        c.drawCentredString(qx + qr_size / 2, qy - 4 * mm, "扫码拨打咨询电话")

    footer()
    assert stringWidth(TITLE, font, 23) < room
    c.showPage()
    c.save()
    return Path(path)


__all__ = ["TITLE", "ClaimDocumentsNotice", "NoticeMaterial", "render_claim_documents_notice"]
