"""温馨提示: one A4 page per plan for members — what it costs, what it pays, the waiting period, how
and where to claim, the deadline.

Takes plain data (LeafletData: the plan's sentences from domain/plan_text.describe_plan, the
materials, the counter); never queries the database. The type is large for members to read (body
13 pt); a long plan (many diseases) is set smaller, down to 10.5 pt, so that it stays one page;
when even that is too long (a plan, texts and materials at their longest) it goes on to a second
page, every text printed whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mutualaid_desktop.documents.paper import (
    COUNTER_UNKNOWN,
    GREY,
    Flow,
    NullCanvas,
    continued_heading,
    counter_text,
    draw_lines,
    open_canvas,
    wrap_text,
)
from mutualaid_desktop.domain.plan_text import PlanText

TITLE = "温馨提示"
SECTIONS = ("缴费标准", "保障内容", "观察期", "如何申请", "申请期限", "服务柜台")
_NUMBERS = "一二三四五六七八九"
UNKNOWN = COUNTER_UNKNOWN  # an address, phone or hours not filled in (paper.counter_text)


@dataclass(frozen=True)
class LeafletData:
    org_name: str
    text: PlanText
    greeting: str
    footer: str
    materials: tuple[str, ...]  # labels, in the plan's checklist order
    papers_due_days: int
    address: str
    phone: str
    hours: str
    printed_on: date

    @property
    def event_word(self) -> str:
        return "确诊后" if self.text.kind == "lump_sum" else "出院后"


def render_member_leaflet(data: LeafletData, path: Path) -> Path:
    from reportlab.lib.pagesizes import A4

    c, font = open_canvas(path, f"{TITLE} {data.text.name}", data.org_name)
    width, height = A4
    for size in (13, 12.5, 12, 11.5, 11, 10.5):  # the largest type that keeps it on one page
        if _layout(NullCanvas(), data, font, size, width, height) == 1:
            break
    _layout(c, data, font, size, width, height)
    c.save()
    return Path(path)


def _layout(c, data: LeafletData, font: str, size: float, width: float, height: float) -> int:
    """Draw the leaflet on `c` (a NullCanvas to measure it) with the body at `size`; returns its pages."""
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    left, right = 20 * mm, width - 20 * mm
    room = right - left
    accent = (0.09, 0.36, 0.55)
    t = data.text

    # the footer of every page: the footer text, and the organisation flush right under it
    notes = wrap_text(data.footer, font, 9.5, room)
    printed = wrap_text(f"{data.org_name}  {data.printed_on.year}年{data.printed_on.month}月印", font, 9.5, room)
    printed_y = 11 * mm + (len(printed) - 1) * 4.5 * mm
    notes_y = printed_y + 6.5 * mm + max(len(notes) - 1, 1) * 4.5 * mm  # room for two lines at least
    rule_y = notes_y + 5 * mm

    def footer() -> None:
        c.setStrokeColorRGB(*GREY)
        c.setLineWidth(0.5)
        c.line(left, rule_y, right, rule_y)
        c.setFillColorRGB(*GREY)
        draw_lines(c, font, notes, left, notes_y, 9.5, leading=4.5 * mm / 9.5)
        draw_lines(c, font, printed, right, printed_y, 9.5, leading=4.5 * mm / 9.5, align="right")
        c.setFillColorRGB(0, 0, 0)

    def new_page() -> float:
        footer()
        c.showPage()
        continued_heading(c, font, f"{TITLE}（续）", left, height - 12 * mm)
        return height - 22 * mm

    flow = Flow(c, font, height - 20 * mm, rule_y + 3 * mm, new_page)

    def paragraph(text: str, s: float = size, indent: float = 0, bullet: str = "", color=(0, 0, 0)) -> None:
        hang = stringWidth(bullet, font, s) if bullet else 0
        if bullet:
            lines = wrap_text(text, font, s, room - indent - hang)
            flow.need(s * 1.5 * (min(2, len(lines)) - 1))
            c.setFillColorRGB(*color)
            draw_lines(c, font, [bullet], left + indent, flow.y, s)
        flow.lines(text, left + indent + hang, s, room - indent - hang, leading=1.5, color=color, keep=2)

    def heading(number: int, text: str) -> None:
        flow.y -= size * 0.5
        flow.need((size + 2) * 1.55 + size * 1.5)  # the head and a line under it
        c.setFillColorRGB(*accent)
        c.rect(left, flow.y - 1.2 * mm, 1.6 * mm, size * 0.45 * mm, stroke=0, fill=1)
        flow.lines(f"{_NUMBERS[number]}、{text}", left + 4 * mm, size + 2, room - 4 * mm, leading=1.55, color=accent)

    # --- title ---------------------------------------------------------------------------------
    centre = (left + right) / 2
    flow.lines(data.org_name, centre, 12, room, leading=1.35, align="center")
    flow.y -= 13 * mm - 12 * 1.35
    flow.lines(TITLE, centre, 28, room, color=accent, align="center")
    flow.y += 28 * 1.45 - 9 * mm
    flow.lines(t.name, centre, 14, room, leading=1.35, align="center")
    flow.y -= 6.5 * mm - 14 * 1.35
    flow.lines(
        f"{t.year_label} · {t.kind_label} · 计划代码 {t.code}",
        centre,
        10.5,
        room,
        leading=1.35,
        color=GREY,
        align="center",
    )
    y = flow.y + 10.5 * 1.35 - 3.5 * mm
    c.setStrokeColorRGB(*accent)
    c.setLineWidth(1.4)
    c.line(left, y, right, y)
    c.setStrokeColorRGB(0, 0, 0)
    flow.y = y - 8 * mm
    paragraph(data.greeting)

    bullet = "● "
    number = 0
    heading(number, SECTIONS[0])
    for sentence in t.cost:
        paragraph(sentence, bullet=bullet, indent=2 * mm)
    number += 1
    heading(number, SECTIONS[1])
    classes = {f"{d.name}类": d for d in t.disease_classes}
    for sentence in t.benefits:
        if sentence[:2] in classes:  # a disease class: its amount, then the diseases a size smaller
            head, _, diseases = sentence.partition("：")
            paragraph(head + "：", bullet=bullet, indent=2 * mm)
            paragraph(diseases, size - 1.5, indent=2 * mm + size, color=(0.2, 0.2, 0.2))
        else:
            paragraph(sentence, bullet=bullet, indent=2 * mm)
    number += 1
    heading(number, SECTIONS[2])
    for sentence in t.waiting:
        paragraph(sentence, bullet=bullet, indent=2 * mm)
    number += 1
    heading(number, SECTIONS[3])
    paragraph(f"{data.event_word}请带齐以下材料到服务柜台申请（复印件请用A4纸，原件核对后退还）：", indent=2 * mm)
    _materials(data.materials, size, left + 6 * mm, right, font, flow, paragraph)
    paragraph(f"材料不全的，柜台先受理并出具回执，请在{data.papers_due_days}日内补齐。", indent=2 * mm)
    number += 1
    heading(number, SECTIONS[4])
    paragraph(t.deadline, indent=2 * mm)
    number += 1
    heading(number, SECTIONS[5])
    for label, value in (
        ("地　　址", counter_text(data.address)),
        ("办公时间", counter_text(data.hours)),
        ("咨询电话", counter_text(data.phone)),
    ):
        paragraph(f"{label}：{value}", size + (1.5 if label == "咨询电话" else 0), indent=2 * mm)
    footer()
    c.showPage()
    return flow.pages


def _materials(materials, size: float, x: float, right: float, font: str, flow, paragraph) -> None:
    """The materials numbered, two to a row when every one fits half the width, else one a row."""
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    items = [f"{k}. {m}" for k, m in enumerate(materials, start=1)]
    half = (right - x) / 2
    if all(stringWidth(item, font, size) <= half - 3 * mm for item in items):
        for k in range(0, len(items), 2):
            flow.need(0)
            draw_lines(flow.c, font, items[k : k + 2][:1], x, flow.y, size)
            if k + 1 < len(items):
                draw_lines(flow.c, font, [items[k + 1]], x + half, flow.y, size)
            flow.y -= size * 1.5
        return
    for item in items:
        paragraph(item, size, indent=6 * mm)  # x is left + 6 mm


__all__ = ["SECTIONS", "TITLE", "LeafletData", "render_member_leaflet"]
