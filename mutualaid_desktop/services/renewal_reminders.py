"""Renewal reminders (续保提示单): which units and members to remind, and what each owes next year.

`prepare_reminders` checks the request (the year, next year's plan, the county or unit) and counts;
`iter_reminders` streams one ReminderUnit per unit, reading the members a chunk of units at a time
(plain rows, never a whole city of ORM objects). `print_reminders` makes the PDF(s).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from mutualaid_desktop.documents.renewal_reminder import ReminderCommon, ReminderRow, ReminderUnit, render_reminders
from mutualaid_desktop.domain.idcard import mask_id_number
from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.services.counter_setup import read_counter_info
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.paper_texts import read_payment_text
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.renewal_queries import PlanRow, RenewalQueries, UnitRow

UNITS_PER_QUERY = 200
_SEX = {"male": "男", "female": "女"}


@dataclass(frozen=True)
class ReminderRequest:
    year: int
    current: PlanRow
    next_plan: PlanRow
    window: tuple[date, date]
    common: ReminderCommon
    units: tuple[UnitRow, ...]  # the units with members to remind, ordered by code
    counts: dict[int, int]  # unit id -> members to remind

    @property
    def unit_count(self) -> int:
        return len(self.units)

    @property
    def member_count(self) -> int:
        return sum(self.counts.values())


def prepare_reminders(db: Database, year: int, *, county: str | None = None, unit: str | None = None,
                      window: tuple[date, date] | None = None, deadline: date | None = None,
                      kind: str = "reimbursement", issued_on: date | None = None) -> ReminderRequest:
    """Check the request and count; ServiceError/NotFound (in Chinese) for what cannot be done."""
    if county and unit:
        raise ServiceError("请只指定一个县区或一个单位（不要同时指定）。")
    with UnitOfWork(db, read_only=True) as uow:
        q = RenewalQueries(uow.session)
        plans = q.plans_ending_in(year, kind)
        if not plans:
            raise NotFound(f"没有在 {year} 年到期的保障计划。请检查年度：应填即将到期的计划年度（如今年的计划填今年）。")
        current = plans[0]
        nxt = q.next_plan(current)
        if nxt is None:
            raise ServiceError(f"还没有 {year + 1} 年度的计划（接续 {current.code}）。"
                               f"请先在 设置 → 计划 中添加下一年度的计划，再打印续保提示单。")
        first, last = window or (current.period_end, current.period_end)
        if last < first:
            raise ServiceError("到期区间的结束日早于开始日，请改正。")
        county_id = unit_id = None
        if county:
            found = q.county_by_code(county)
            if found is None:
                raise NotFound(f"没有代码为「{county}」的县区工会。请用 mutualaid units list 查看县区代码。")
            county_id = found[0]
        if unit:
            found_unit = q.unit_by_code(unit)
            if found_unit is None:
                raise NotFound(f"没有代码为「{unit}」的单位。请检查单位代码。")
            unit_id = found_unit.id
        units = q.units(county_id=county_id, unit_id=unit_id)
        ids = [u.id for u in units] if (county_id or unit_id) else None
        counts = q.counts(current, nxt, first, last, ids)
        units = tuple(u for u in units if counts.get(u.id))
        info = read_counter_info(uow.session)
        payment = read_payment_text(uow.session)
    common = ReminderCommon(
        org_name=info.org_name, plan_name=nxt.name, plan_code=nxt.code,
        premium_per_share=from_fen(nxt.premium_per_share_fen), period_start=nxt.period_start,
        period_end=nxt.period_end, deadline=deadline or (nxt.period_start - timedelta(days=1)),
        payment_text=payment, counter_address=info.address, counter_phone=info.phone, counter_hours=info.hours,
        issued_on=issued_on,
    )
    return ReminderRequest(year, current, nxt, (first, last), common, units, {u.id: counts[u.id] for u in units})


def iter_reminders(db: Database, request: ReminderRequest) -> Iterator[ReminderUnit]:
    """One ReminderUnit per unit of the request, in unit code order, read UNITS_PER_QUERY units at a time."""
    per_share = request.common.premium_per_share
    max_shares = request.next_plan.max_shares
    first, last = request.window
    units = request.units
    with UnitOfWork(db, read_only=True) as uow:
        q = RenewalQueries(uow.session)
        for i in range(0, len(units), UNITS_PER_QUERY):
            chunk = units[i:i + UNITS_PER_QUERY]
            rows: dict[int, list[ReminderRow]] = {u.id: [] for u in chunk}
            for unit_id, name, sex, number, shares, cover_end in q.members(
                    request.current, request.next_plan, first, last, [u.id for u in chunk]):
                shares = min(shares, max_shares)
                rows[unit_id].append(ReminderRow(name, _SEX.get(sex, sex), mask_id_number(number), shares, cover_end,
                                                 per_share * shares))
            for u in chunk:
                members = tuple(rows[u.id])
                if not members:
                    continue
                yield ReminderUnit(
                    unit_code=u.code, unit_name=u.name, contact_person=u.contact_person or "", phone=u.phone or "",
                    county_name=u.county_name or "", rows=members, total_due=sum((r.due for r in members), Decimal(0)),
                    common=request.common,
                )


def print_reminders(db: Database, request: ReminderRequest, out, *, combined: bool | None = None,
                    progress: Callable[[int, ReminderUnit], None] | None = None,
                    cancelled: Callable[[], bool] | None = None) -> list[Path]:
    """The reminders as PDF: `out` ending in .pdf is one combined file, otherwise a folder of one file per unit."""
    if combined is None:
        combined = str(out).lower().endswith(".pdf")
    return render_reminders(iter_reminders(db, request), out, combined=combined, progress=progress,
                            cancelled=cancelled)


@dataclass(frozen=True)
class BatchResult:
    """What a batch made: `files` written, `done` units of `total`; `cancelled` when stopped before the end."""

    files: tuple[Path, ...]
    done: int
    total: int
    combined: bool
    cancelled: bool


def make_reminder_batch(db: Database, request: ReminderRequest, out, *, combined: bool,
                        progress: Callable[[int, int], None] | None = None,
                        cancelled: Callable[[], bool] | None = None) -> BatchResult:
    """print_reminders for the GUI: `progress(done, total)` after each unit; `cancelled()` true stops.

    A combined file is written under a temporary name next to `out` and renamed when complete: a batch that is
    cancelled (or fails) leaves no half file and an earlier file of that name untouched. One file per unit: the
    units done are kept (each file is complete), the others are not made. A file that cannot be written
    (folder missing or read-only, file open in another program) is a ServiceError in Chinese."""
    total = request.unit_count
    done = 0

    def step(n: int, _unit: ReminderUnit) -> None:
        nonlocal done
        done = n
        if progress is not None:
            progress(n, total)

    target = Path(out)
    part = target.with_name(target.name + ".part") if combined else target
    try:
        files = print_reminders(db, request, part, combined=combined, progress=step, cancelled=cancelled)
        stopped = done < total and cancelled is not None and bool(cancelled())
        if combined:
            if stopped:
                part.unlink(missing_ok=True)
                files = []
            else:
                part.replace(target)
                files = [target]
    except OSError as exc:
        if combined:
            _remove_quietly(part)
        raise ServiceError(f"无法保存到「{target}」：{exc.strerror or exc}。"
                           f"请检查文件夹是否存在、能否写入，文件是否正被其他程序打开。") from exc
    except BaseException:
        if combined:
            _remove_quietly(part)
        raise
    return BatchResult(tuple(files), done, total, combined, stopped)


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass
