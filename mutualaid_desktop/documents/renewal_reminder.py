"""续保提示单: the renewal reminder sent to each unit weeks before its members' cover ends.

Per unit, on A4: the unit (name, code, contact, county), next year's plan and its premium, the members
whose cover ends (ID numbers masked), the total due in figures and in words, the deadline, how to pay,
the counter's address and phone, and a cut-off 回执 the unit sends back. The member table continues on
further pages; every page carries 第 x 页 共 y 页 of its unit. Many units go into one combined PDF or
one PDF per unit (render_reminders); the data come in as a stream (an iterable), so a city's batch
never sits in memory.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

from mutualaid_desktop.documents.paper import (
    GREY,
    RED,
    NullCanvas,
    cell_lines,
    cell_text,
    cn_date,
    column_edges,
    counter_text,
    draw_lines,
    draw_pair,
    fit_lines,
    open_canvas,
    page_number,
    page_rows,
    row_height,
    ruled_rows,
    text_lines,
    wrap_text,
)
from mutualaid_desktop.domain.money import amount_in_words, format_amount
from mutualaid_desktop.safe_files import make_private_folder

TITLE = "职工互助保障续保提示单"
ROWS_FULL = 30  # member rows on a page without the totals, at most
ROWS_LAST = 17  # member rows on the page that also carries the totals, payment and 回执, at most


@dataclass(frozen=True)
class ReminderRow:
    name: str
    sex: str
    id_number: str  # already masked
    shares: int
    cover_end: date
    due: Decimal


@dataclass(frozen=True)
class ReminderCommon:
    """What every unit's reminder shares."""

    org_name: str
    plan_name: str  # next year's plan
    plan_code: str
    premium_per_share: Decimal
    period_start: date
    period_end: date
    deadline: date
    payment_text: str
    counter_address: str = ""
    counter_phone: str = ""
    counter_hours: str = ""
    issued_on: date | None = None
    receipt_slip: bool = True  # the cut-off 回执


@dataclass(frozen=True)
class ReminderUnit:
    unit_code: str
    unit_name: str
    contact_person: str
    phone: str
    county_name: str
    rows: tuple[ReminderRow, ...]
    total_due: Decimal
    common: ReminderCommon = field(repr=False, compare=False, default=None)  # type: ignore[assignment]
    notice_number: int = 1  # >1: the unit was reminded before this season: 第 n 次提示 on every page (never 补打:
    # a reminder made again is drawn from the database as it stands, a new notice rather than a copy)
    not_listed: str = ""  # who is left out and why (counts: over age, recorded leavers), under the amount

    @property
    def people(self) -> int:
        return len(self.rows)


def notice_box(c, font: str, x: float, y: float, text: str) -> None:
    """A red rounded box with `text` (第 n 次提示) in it, 9 mm high, its lower left corner at (x, y)."""
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    c.saveState()
    c.setStrokeColorRGB(*RED)
    c.setFillColorRGB(*RED)
    c.setLineWidth(1.3)
    width = stringWidth(text, font, 12) + 5 * mm
    c.roundRect(x, y, width, 9 * mm, 1.5 * mm)
    c.setFont(font, 12)
    c.drawCentredString(x + width / 2, y + 2.8 * mm, text)
    c.restoreState()


def page_chunks(n: int) -> list[tuple[int, int]]:
    """(start, stop) of the member rows on each page when every row and text takes one line (the
    usual case); the last page keeps room for the totals. Long names or texts take more room and
    give fewer rows a page (_Drawer.unit)."""
    return page_rows([1.0] * n, lambda _page, last: (float("inf"), ROWS_LAST if last else ROWS_FULL))


def file_name(unit: ReminderUnit) -> str:
    """unit code + name, with characters a file name cannot hold replaced."""
    return unit_file_name(unit.unit_code, unit.unit_name)


def unit_file_name(unit_code: str, unit_name: str) -> str:
    """The file of one unit's reminder in a folder of one PDF per unit (what file_name gives its reminder)."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", f"{unit_code}{unit_name}") + ".pdf"


class _Drawer:
    def __init__(self, c, font: str) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.units import mm

        self.c, self.font, self.mm = c, font, mm
        self.width, self.height = A4
        self.left, self.right = 18 * mm, self.width - 18 * mm
        # columns: 序号 姓名 性别 身份证号 份数 保障到期 应缴金额
        self.xs = column_edges(self.left, self.right, [13, 36, 12, 40, 13, 28])
        self.row = 6.6 * mm
        self.mid = [(a + b) / 2 for a, b in pairwise(self.xs)]
        self.floor = 30 * mm  # the lowest bottom of the table on a page before the last (30 rows on the first)
        self.foot = 16 * mm  # the lowest line of the totals and the 回执, above 第 x 页 共 y 页

    def unit(self, u: ReminderUnit) -> None:
        from reportlab.pdfbase import pdfmetrics

        width = pdfmetrics.stringWidth

        c, font, mm = self.c, self.font, self.mm
        xs, row = self.xs, self.row
        # the layout: the heads of the first and the later pages, the totals, the rows (a long name
        # wraps in its cell, its row growing); measured on a canvas that draws nothing
        measure = NullCanvas()
        tops = (self._head(measure, u, True), self._head(measure, u, False))
        trailer = tops[0] - self._totals(measure, u, tops[0])
        room_name = xs[2] - xs[1] - 2 * mm
        names: dict[int, tuple[float, list[str]]] = {}  # the rows whose names do not fit one line at 10 pt
        heights = [row] * len(u.rows)
        for k, r in enumerate(u.rows):
            if len(r.name) > 6 and width(r.name, font, 10) > room_name:
                names[k] = fit_lines(r.name, font, 10, room_name)
                heights[k] = row_height([names[k]], row)

        def room(page: int, last: bool) -> tuple[float, int]:
            top = tops[0] if page == 0 else tops[1]
            if last:
                return top - row - trailer - self.foot, ROWS_LAST
            return top - row - self.floor, ROWS_FULL

        chunks = page_rows(heights, room)
        total_pages = len(chunks)
        heads = ("序号", "姓名", "性别", "身份证号", "份数", "保障到期", "应缴金额")
        for page, (a, b) in enumerate(chunks, start=1):
            table_top = self._head(c, u, page == 1)
            rows = b - a
            table_bottom = ruled_rows(c, xs, table_top, [row, *(heights[a:b] or [row])])
            for i, head in enumerate(heads):
                cell_text(c, font, head, xs[i], xs[i + 1], table_top - row, table_top, 10, pad=1 * mm)
            # the member rows: one text object for the page (a city's batch draws a million rows)
            text = c.beginText()
            text.setFont(font, 10)
            y1 = table_top - row
            wrapped = []
            for k in range(a, a + rows):
                r = u.rows[k]
                y0 = y1 - heights[k]
                yk = (y0 + y1) / 2 - 3.6
                cells = [
                    (str(k + 1), 0),
                    (r.sex, 2),
                    (r.id_number, 3),
                    (str(r.shares), 4),
                    (f"{r.cover_end:%Y.%m.%d}", 5),
                ]
                if k in names:
                    wrapped.append((names[k], y0, y1))
                else:
                    cells.append((r.name, 1))
                for value, i in cells:
                    text.setTextOrigin(self.mid[i] - width(value, font, 10) / 2, yk)
                    text.textOut(value)
                due = format_amount(r.due)
                text.setTextOrigin(xs[7] - 1.5 * mm - width(due, font, 10), yk)
                text.textOut(due)
                y1 = y0
            c.drawText(text)
            for (size, lines), y0, y1 in wrapped:
                cell_lines(c, font, lines, size, xs[1], xs[2], y0, y1, pad=1 * mm)
            if page == total_pages:
                self._totals(c, u, table_bottom)
            c.setFont(font, 8)
            c.setFillColorRGB(*GREY)
            c.drawString(self.left, 10 * mm, "身份证号已作隐藏处理")
            c.setFillColorRGB(0, 0, 0)
            page_number(c, font, page, total_pages, self.width / 2, 10 * mm)
            c.showPage()

    def _head(self, c, u: ReminderUnit, first: bool) -> float:
        """The head of a page of `u` (the first or a later one) on `c` (a NullCanvas to measure
        it); returns the top of the member table. The names and texts wrap."""
        from reportlab.pdfbase import pdfmetrics

        width = pdfmetrics.stringWidth

        font, mm, com = self.font, self.mm, u.common
        left, right = self.left, self.right
        top = self.height - 16 * mm
        org = wrap_text(com.org_name, font, 10, right - left - 60 * mm) or [""]  # clear of the 第 n 次提示 box
        y = draw_lines(c, font, org, self.width / 2, top, 10, align="center") - 9 * mm
        c.setFont(font, 17)
        c.drawCentredString(self.width / 2, y, TITLE)
        if u.notice_number > 1:
            notice_box(c, font, left, y - 2 * mm, f"第{u.notice_number}次提示")
        y = draw_pair(c, font, f"{u.unit_name}：", f"单位编码：{u.unit_code}", left, right, y - 9 * mm, 10.5)
        if not first:
            return (
                text_lines(c, font, f"（续上页）续保计划：{com.plan_name}", left, y - 6 * mm, 10, right - left) - 4 * mm
            )
        y = text_lines(
            c,
            font,
            f"贵单位下列职工的互助保障将于 {com.period_start.year - 1} 年底到期。"
            f"为保障不中断，请于 {cn_date(com.deadline)}前办理续保。",
            left + 7 * mm,
            y - 6.5 * mm,
            10,
            right - left - 7 * mm,
        )
        y = text_lines(c, font, f"续保计划：{com.plan_name}（{com.plan_code}）", left, y - 5.5 * mm, 10, right - left)
        y -= 5.5 * mm
        c.drawString(left, y, f"每份互助金：{format_amount(com.premium_per_share)}")
        c.drawString(left + 62 * mm, y, f"保障期间：{com.period_start:%Y.%m.%d}—{com.period_end:%Y.%m.%d}")
        y -= 5.5 * mm
        county, contact, phone = (
            f"所属县区：{u.county_name or '—'}",
            f"联系人：{u.contact_person or '—'}",
            f"联系电话：{u.phone or '—'}",
        )
        if width(county, font, 10) <= 60 * mm and left + 62 * mm + width(contact, font, 10) + 4 * mm <= right - width(
            phone, font, 10
        ):
            c.drawString(left, y, county)
            c.drawString(left + 62 * mm, y, contact)
            c.drawRightString(right, y, phone)
        else:  # a long county, contact or phone: the county on its own lines, the contact and phone under it
            y = text_lines(c, font, county, left, y, 10, right - left)
            y = draw_pair(c, font, contact, phone, left, right, y - 5.5 * mm, 10)
        return y - 4 * mm

    def _totals(self, c, u: ReminderUnit, y: float) -> float:
        """The totals, the payment and the 回执 under the table's bottom `y` on `c` (a NullCanvas to
        measure them); returns the baseline of the last line."""
        font, mm, com = self.font, self.mm, u.common
        left, right = self.left, self.right
        y -= 7 * mm
        c.setFont(font, 11)
        c.drawString(left, y, f"续保人数：{u.people} 人    应缴互助金合计：{format_amount(u.total_due)}")
        y -= 6 * mm
        c.drawString(left, y, f"大写：{amount_in_words(u.total_due)}")
        if u.not_listed:
            y = text_lines(c, font, u.not_listed, left, y - 5.5 * mm, 10, right - left)
        y -= 6 * mm
        c.setFillColorRGB(0.78, 0.10, 0.10)
        c.drawString(left, y, f"缴费截止日期：{cn_date(com.deadline)}")
        c.setFillColorRGB(0, 0, 0)
        y = text_lines(c, font, f"缴费方式：{com.payment_text}", left, y - 6 * mm, 10, right - left)
        # what is filled in, then what is not under one COUNTER_UNKNOWN ("咨询电话、办公时间：（请向…）")
        items = (("办理地点", com.counter_address), ("咨询电话", com.counter_phone), ("办公时间", com.counter_hours))
        parts = [f"{label}：{value.strip()}" for label, value in items if (value or "").strip()]
        missing = [label for label, value in items if not (value or "").strip()]
        if missing:
            parts.append(f"{'、'.join(missing)}：{counter_text('')}")
        counter = "    ".join(parts)
        y = text_lines(c, font, counter, left, y - 5.5 * mm, 10, right - left)
        y -= 5.5 * mm
        c.drawString(left, y, "人员如有增减，请携带增减名单到柜台办理；已离职、退休人员请在名单上注明。")
        y = text_lines(
            c,
            font,
            f"{com.org_name}  {cn_date(com.issued_on) if com.issued_on else ''}",
            right,
            y - 6 * mm,
            10,
            right - left,
            align="right",
        )
        if not com.receipt_slip:
            return y
        # the cut-off 回执
        y -= 6 * mm
        c.setDash(4, 3)
        c.line(left - 8 * mm, y, right + 8 * mm, y)
        c.setDash()
        c.setFont(font, 8)
        c.drawCentredString(self.width / 2, y + 1.2 * mm, "（沿此线剪下）")
        y -= 7 * mm
        c.setFont(font, 12)
        c.drawCentredString(self.width / 2, y, "续保提示单回执")
        y = draw_pair(
            c,
            font,
            f"单位：{u.unit_name}（{u.unit_code}）",
            f"提示续保 {u.people} 人，应缴 {format_amount(u.total_due)}",
            left,
            right,
            y - 7 * mm,
            10,
        )
        y -= 7 * mm
        c.setFont(font, 10)
        c.drawString(left, y, "本单位已收到续保提示单，预计续保 ______ 人，于 ____ 年 __ 月 __ 日前到柜台缴费。")
        y -= 8 * mm
        c.drawString(left, y, "经办人：____________    联系电话：______________    （单位盖章）")
        return y


def render_reminders(
    units: Iterable[ReminderUnit],
    path_or_dir,
    *,
    combined: bool,
    progress: Callable[[int, ReminderUnit], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Path]:
    """Draw the reminders of `units` (a stream): one combined PDF at `path_or_dir`, or one PDF per unit in the
    folder `path_or_dir` (named unit code + name). `progress(n_done, unit)` after each unit; `cancelled()`
    true stops. Every file is written whole or not at all (paper.canvas_class: a temporary name, renamed when
    complete): a cancelled combined file is not written (an earlier file of that name stays as it was); of one
    file per unit, the units done are kept, each file complete. Returns the files written."""
    target = Path(path_or_dir)
    files: list[Path] = []
    if combined:
        drawer: _Drawer | None = None
        for n, unit in enumerate(units, start=1):
            if cancelled is not None and cancelled():
                return files
            if drawer is None:
                c, font = open_canvas(target, TITLE, unit.common.org_name)
                drawer = _Drawer(c, font)
            drawer.unit(unit)
            if progress is not None:
                progress(n, unit)
        if drawer is None:  # no unit: an empty file would not open; say so on one page
            c, font = open_canvas(target, TITLE)
            c.setFont(font, 12)
            c.drawString(72, 760, "没有需要提示续保的单位。")
            c.showPage()
        c.save()
        files.append(target)
        return files
    make_private_folder(target)
    for n, unit in enumerate(units, start=1):
        if cancelled is not None and cancelled():
            break
        path = target / file_name(unit)
        c, font = open_canvas(path, f"{TITLE} {unit.unit_name}", unit.common.org_name)
        _Drawer(c, font).unit(unit)
        c.save()
        files.append(path)
        if progress is not None:
            progress(n, unit)
    return files
