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
from pathlib import Path

from mutualaid_desktop.documents.paper import GREY, RED, cell_text, cn_date, column_edges, fit_size, open_canvas, \
    page_number, ruled_table
from mutualaid_desktop.domain.money import amount_in_words, format_amount
from mutualaid_desktop.safe_files import make_private_folder

TITLE = "职工互助保障续保提示单"
ROWS_FULL = 30  # member rows on a page without the totals
ROWS_LAST = 17  # member rows on the page that also carries the totals, payment and 回执


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
    """(start, stop) of the member rows on each page; the last page keeps room for the totals."""
    out, start = [], 0
    while n - start > ROWS_LAST:
        take = min(ROWS_FULL, n - start - 1)  # the table continues onto the last page
        out.append((start, start + take))
        start += take
    out.append((start, n))
    return out


def file_name(unit: ReminderUnit) -> str:
    """unit code + name, with characters a file name cannot hold replaced."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", f"{unit.unit_code}{unit.unit_name}") + ".pdf"


class _Drawer:
    def __init__(self, c, font: str) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.units import mm

        self.c, self.font, self.mm = c, font, mm
        self.width, self.height = A4
        self.left, self.right = 18 * mm, self.width - 18 * mm
        # columns: 序号 姓名 性别 身份证号 份数 保障到期 应缴金额
        self.xs = column_edges(self.left, self.right, [13, 28, 12, 48, 13, 28])
        self.row = 6.6 * mm
        self.mid = [(a + b) / 2 for a, b in zip(self.xs, self.xs[1:])]

    def unit(self, u: ReminderUnit) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth as width

        c, font, mm = self.c, self.font, self.mm
        com = u.common
        chunks = page_chunks(len(u.rows))
        total_pages = len(chunks)
        xs, row = self.xs, self.row
        heads = ("序号", "姓名", "性别", "身份证号", "份数", "保障到期", "应缴金额")
        for page, (a, b) in enumerate(chunks, start=1):
            top = self.height - 16 * mm
            c.setFont(font, 10)
            c.drawCentredString(self.width / 2, top, com.org_name)
            c.setFont(font, 17)
            c.drawCentredString(self.width / 2, top - 9 * mm, TITLE)
            if u.notice_number > 1:
                notice_box(c, font, self.left, top - 11 * mm, f"第{u.notice_number}次提示")
            y = top - 18 * mm
            c.setFont(font, 10.5)
            name = f"{u.unit_name}："
            c.setFont(font, fit_size(name, font, 10.5, self.right - self.left - 45 * mm))
            c.drawString(self.left, y, name)
            c.setFont(font, 10.5)
            c.drawRightString(self.right, y, f"单位编码：{u.unit_code}")
            if page == 1:
                y -= 6.5 * mm
                c.setFont(font, 10)
                c.drawString(self.left + 7 * mm, y,
                             f"贵单位下列职工的互助保障将于 {com.period_start.year - 1} 年底到期。"
                             f"为保障不中断，请于 {cn_date(com.deadline)}前办理续保。")
                y -= 5.5 * mm
                plan = f"续保计划：{com.plan_name}（{com.plan_code}）"
                c.setFont(font, fit_size(plan, font, 10, self.right - self.left))
                c.drawString(self.left, y, plan)
                c.setFont(font, 10)
                y -= 5.5 * mm
                c.drawString(self.left, y, f"每份互助金：{format_amount(com.premium_per_share)}")
                c.drawString(self.left + 62 * mm, y, f"保障期间：{com.period_start:%Y.%m.%d}—{com.period_end:%Y.%m.%d}")
                y -= 5.5 * mm
                c.drawString(self.left, y, f"所属县区：{u.county_name or '—'}")
                c.drawString(self.left + 62 * mm, y, f"联系人：{u.contact_person or '—'}")
                c.drawRightString(self.right, y, f"联系电话：{u.phone or '—'}")
            else:
                y -= 6 * mm
                c.setFont(font, 10)
                c.drawString(self.left, y, f"（续上页）续保计划：{com.plan_name}")
            table_top = y - 4 * mm
            rows = b - a
            body_rows = ROWS_FULL if page < total_pages else max(rows, 1)
            table_bottom = ruled_table(c, xs, table_top, body_rows + 1, row)
            for i, head in enumerate(heads):
                cell_text(c, font, head, xs[i], xs[i + 1], table_top - row, table_top, 10, pad=1 * mm)
            # the member rows: one text object for the page (a city's batch draws a million rows)
            base = table_top - row * 0.5 - 3.6
            text = c.beginText()
            text.setFont(font, 10)
            long_names = []
            for k in range(rows):
                r = u.rows[a + k]
                yk = base - (k + 1) * row
                cells = [(str(a + k + 1), 0), (r.sex, 2), (r.id_number, 3), (str(r.shares), 4),
                         (f"{r.cover_end:%Y.%m.%d}", 5)]
                if len(r.name) > 6:
                    long_names.append((r.name, yk))
                else:
                    cells.append((r.name, 1))
                for value, i in cells:
                    text.setTextOrigin(self.mid[i] - width(value, font, 10) / 2, yk)
                    text.textOut(value)
                due = format_amount(r.due)
                text.setTextOrigin(xs[7] - 1.5 * mm - width(due, font, 10), yk)
                text.textOut(due)
            c.drawText(text)
            for name_, yk in long_names:
                cell_text(c, font, name_, xs[1], xs[2], yk - row / 2 + 3.6, yk + row / 2 + 3.6, 10, pad=1 * mm)
            if page == total_pages:
                self._totals(u, table_bottom)
            c.setFont(font, 8)
            c.setFillColorRGB(*GREY)
            c.drawString(self.left, 10 * mm, "身份证号已作隐藏处理")
            c.setFillColorRGB(0, 0, 0)
            page_number(c, font, page, total_pages, self.width / 2, 10 * mm)
            c.showPage()

    def _totals(self, u: ReminderUnit, y: float) -> None:
        c, font, mm, com = self.c, self.font, self.mm, u.common
        y -= 7 * mm
        c.setFont(font, 11)
        c.drawString(self.left, y, f"续保人数：{u.people} 人    应缴互助金合计：{format_amount(u.total_due)}")
        y -= 6 * mm
        c.drawString(self.left, y, f"大写：{amount_in_words(u.total_due)}")
        y -= 6 * mm
        c.setFillColorRGB(0.78, 0.10, 0.10)
        c.drawString(self.left, y, f"缴费截止日期：{cn_date(com.deadline)}")
        c.setFillColorRGB(0, 0, 0)
        c.setFont(font, 10)
        y -= 6 * mm
        pay = f"缴费方式：{com.payment_text}"
        c.setFont(font, fit_size(pay, font, 10, self.right - self.left, 7))
        c.drawString(self.left, y, pay)
        c.setFont(font, 10)
        y -= 5.5 * mm
        counter = f"办理地点：{com.counter_address or '—'}    咨询电话：{com.counter_phone or '—'}"
        if com.counter_hours:
            counter += f"    办公时间：{com.counter_hours}"
        c.setFont(font, fit_size(counter, font, 10, self.right - self.left, 7))
        c.drawString(self.left, y, counter)
        c.setFont(font, 10)
        y -= 5.5 * mm
        c.drawString(self.left, y, "人员如有增减，请携带增减名单到柜台办理；已离职、退休人员请在名单上注明。")
        y -= 6 * mm
        c.drawRightString(self.right, y, f"{com.org_name}  {cn_date(com.issued_on) if com.issued_on else ''}")
        if not com.receipt_slip:
            return
        # the cut-off 回执
        y -= 6 * mm
        c.setDash(4, 3)
        c.line(self.left - 8 * mm, y, self.right + 8 * mm, y)
        c.setDash()
        c.setFont(font, 8)
        c.drawCentredString(self.width / 2, y + 1.2 * mm, "（沿此线剪下）")
        y -= 7 * mm
        c.setFont(font, 12)
        c.drawCentredString(self.width / 2, y, "续保提示单回执")
        c.setFont(font, 10)
        y -= 7 * mm
        c.drawString(self.left, y, f"单位：{u.unit_name}（{u.unit_code}）")
        c.drawRightString(self.right, y, f"提示续保 {u.people} 人，应缴 {format_amount(u.total_due)}")
        y -= 7 * mm
        c.drawString(self.left, y, "本单位已收到续保提示单，预计续保 ______ 人，于 ____ 年 __ 月 __ 日前到柜台缴费。")
        y -= 8 * mm
        c.drawString(self.left, y, "经办人：____________    联系电话：______________    （单位盖章）")


def render_reminders(units: Iterable[ReminderUnit], path_or_dir, *, combined: bool,
                     progress: Callable[[int, ReminderUnit], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> list[Path]:
    """Draw the reminders of `units` (a stream): one combined PDF at `path_or_dir`, or one PDF per unit in the
    folder `path_or_dir` (named unit code + name). `progress(n_done, unit)` after each unit; `cancelled()`
    true stops. Every file is written whole or not at all (paper.canvas_class: a temporary name, renamed when
    complete): a cancelled combined file is not written (an earlier file of that name stays as it was); of one
    file per unit, the units done are kept, each file complete. Returns the files written."""
    target = Path(path_or_dir)
    files: list[Path] = []
    if combined:
        c = font = drawer = None
        for n, unit in enumerate(units, start=1):
            if cancelled is not None and cancelled():
                return files
            if c is None:
                c, font = open_canvas(target, TITLE, unit.common.org_name)
                drawer = _Drawer(c, font)
            drawer.unit(unit)
            if progress is not None:
                progress(n, unit)
        if c is None:  # no unit: an empty file would not open; say so on one page
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
