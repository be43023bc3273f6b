"""温馨提示: one A4 page per plan for members — what it costs, what it pays, the waiting period, how
and where to claim, the deadline.

Takes plain data (LeafletData: the plan's sentences from domain/plan_text.describe_plan, the
materials, the counter); never queries the database. The type is large for members to read (body
13 pt); a long plan (many diseases) is set smaller, down to 10.5 pt, so that it stays one page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mutualaid_desktop.documents.paper import GREY, open_canvas, wrap_text
from mutualaid_desktop.domain.plan_text import PlanText

TITLE = "温馨提示"
SECTIONS = ("缴费标准", "保障内容", "观察期", "如何申请", "申请期限", "服务柜台")
_NUMBERS = "一二三四五六七八九"
UNKNOWN = "（请向单位工会询问）"


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
    from reportlab.lib.units import mm

    c, font = open_canvas(path, f"{TITLE} {data.text.name}", data.org_name)
    width, height = A4
    left, right = 20 * mm, width - 20 * mm
    bottom = 30 * mm  # the footer is below
    accent = (0.09, 0.36, 0.55)

    for size in (13, 12.5, 12, 11.5, 11, 10.5):
        if _layout(None, data, font, size, left, right, height, accent) >= bottom:
            break
    _layout(c, data, font, size, left, right, height, accent)

    c.setStrokeColorRGB(*GREY)
    c.setLineWidth(0.5)
    c.line(left, bottom - 3 * mm, right, bottom - 3 * mm)
    c.setFont(font, 9.5)
    c.setFillColorRGB(*GREY)
    for k, line in enumerate(wrap_text(data.footer, font, 9.5, right - left)[:2]):
        c.drawString(left, bottom - 8 * mm - k * 4.5 * mm, line)
    c.drawRightString(right, 11 * mm, f"{data.org_name}  {data.printed_on.year}年{data.printed_on.month}月印")
    c.setFillColorRGB(0, 0, 0)
    c.showPage()
    c.save()
    return Path(path)


def _layout(c, data: LeafletData, font: str, size: float, left: float, right: float, height: float,
            accent) -> float:
    """Draw the page (or, with c None, only measure it); returns the y below the last line."""
    from reportlab.lib.units import mm

    room = right - left
    leading = size * 1.5
    t = data.text

    def line(text: str, x: float, y: float, s: float, color=(0, 0, 0), centred: bool = False) -> None:
        if c is None:
            return
        c.setFillColorRGB(*color)
        c.setFont(font, s)
        if centred:
            c.drawCentredString(x, y, text)
        else:
            c.drawString(x, y, text)
        c.setFillColorRGB(0, 0, 0)

    def paragraph(text: str, y: float, s: float = size, indent: float = 0, bullet: str = "",
                  color=(0, 0, 0)) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        hang = stringWidth(bullet, font, s) if bullet else 0
        for k, part in enumerate(wrap_text(text, font, s, room - indent - hang)):
            if k == 0 and bullet:
                line(bullet, left + indent, y, s, color)
            line(part, left + indent + hang, y, s, color)
            y -= s * 1.5
        return y

    def heading(number: int, text: str, y: float) -> float:
        y -= size * 0.5
        if c is not None:
            c.setFillColorRGB(*accent)
            c.rect(left, y - 1.2 * mm, 1.6 * mm, size * 0.45 * mm, stroke=0, fill=1)
        line(f"{_NUMBERS[number]}、{text}", left + 4 * mm, y, size + 2, accent)
        return y - (size + 2) * 1.55

    # --- title ---------------------------------------------------------------------------------
    top = height - 20 * mm
    line(data.org_name, (left + right) / 2, top, 12, centred=True)
    line(TITLE, (left + right) / 2, top - 13 * mm, 28, accent, centred=True)
    line(f"{t.name}", (left + right) / 2, top - 22 * mm, 14, centred=True)
    line(f"{t.year_label} · {t.kind_label} · 计划代码 {t.code}", (left + right) / 2, top - 28.5 * mm, 10.5,
         GREY, centred=True)
    if c is not None:
        c.setStrokeColorRGB(*accent)
        c.setLineWidth(1.4)
        c.line(left, top - 32 * mm, right, top - 32 * mm)
        c.setStrokeColorRGB(0, 0, 0)
    y = top - 40 * mm
    y = paragraph(data.greeting, y, size, indent=0)

    bullet = "● "
    number = 0
    y = heading(number, SECTIONS[0], y)
    for sentence in t.cost:
        y = paragraph(sentence, y, bullet=bullet, indent=2 * mm)
    number += 1
    y = heading(number, SECTIONS[1], y)
    classes = {f"{d.name}类": d for d in t.disease_classes}
    for sentence in t.benefits:
        if sentence[:2] in classes:  # a disease class: its amount, then the diseases a size smaller
            head, _, diseases = sentence.partition("：")
            y = paragraph(head + "：", y, bullet=bullet, indent=2 * mm)
            y = paragraph(diseases, y, size - 1.5, indent=2 * mm + size, color=(0.2, 0.2, 0.2))
        else:
            y = paragraph(sentence, y, bullet=bullet, indent=2 * mm)
    number += 1
    y = heading(number, SECTIONS[2], y)
    for sentence in t.waiting:
        y = paragraph(sentence, y, bullet=bullet, indent=2 * mm)
    number += 1
    y = heading(number, SECTIONS[3], y)
    y = paragraph(f"{data.event_word}请带齐以下材料到服务柜台申请（复印件请用A4纸，原件核对后退还）：", y,
                  indent=2 * mm)
    y = _materials(data.materials, y, size, left + 6 * mm, right, font, line, paragraph)
    y = paragraph(f"材料不全的，柜台先受理并出具回执，请在{data.papers_due_days}日内补齐。", y, indent=2 * mm)
    number += 1
    y = heading(number, SECTIONS[4], y)
    y = paragraph(t.deadline, y, indent=2 * mm)
    number += 1
    y = heading(number, SECTIONS[5], y)
    for label, value in (("地　　址", data.address or UNKNOWN), ("办公时间", data.hours or UNKNOWN),
                         ("咨询电话", data.phone or UNKNOWN)):
        y = paragraph(f"{label}：{value}", y, size + (1.5 if label == "咨询电话" else 0), indent=2 * mm)
    return y + leading - size  # the baseline's descent below the last line


def _materials(materials, y: float, size: float, x: float, right: float, font: str, line, paragraph) -> float:
    """The materials numbered, two to a row when every one fits half the width, else one a row."""
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    items = [f"{k}. {m}" for k, m in enumerate(materials, start=1)]
    half = (right - x) / 2
    if all(stringWidth(item, font, size) <= half - 3 * mm for item in items):
        for k in range(0, len(items), 2):
            line(items[k], x, y, size)
            if k + 1 < len(items):
                line(items[k + 1], x + half, y, size)
            y -= size * 1.5
        return y
    for item in items:
        y = paragraph(item, y, size, indent=6 * mm)  # x is left + 6 mm
    return y


__all__ = ["LeafletData", "SECTIONS", "TITLE", "render_member_leaflet"]
