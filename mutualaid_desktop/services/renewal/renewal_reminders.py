"""Renewal reminders (续保提示单): which units and members to remind, and what each owes next year.

`prepare_reminders` checks the request (the year, next year's plan, the county or unit) and counts;
`iter_reminders` streams one ReminderUnit per unit, reading the members a chunk of units at a time
(plain rows, never a whole city of ORM objects). `print_reminders` makes the PDF(s).

Recording (services/printed_papers: one row per paper handed out): given the user, a batch reads the
reminders handed out for the season's serials (XB<plan year>-<unit code>) with one query before drawing — a
unit whose reminder was handed out before (printed through the preview, or its file marked sent:
mark_reminders_sent) gets 第 n 次提示 on its pages (a later reminder is a new notice drawn from the
database as it stands, not a 补打 of the first); a reminder made and never handed out (a preview, a
cancelled run, a file never printed or sent) does not count, and the next one takes its number and
record — and, after drawing, records the units whose pages
were made in one short transaction with one audit record: every unit of a complete batch; of a
cancelled one, the units whose files were written (one PDF per unit) or none (a combined file is
discarded when cancelled). The batch's window and deadline are kept (settings) so that one unit's
reminder made again from 打印记录 says the same.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from mutualaid_desktop.documents.renewal_reminder import (
    ReminderCommon,
    ReminderRow,
    ReminderUnit,
    render_reminders,
    unit_file_name,
)
from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.idcard import mask_id_number
from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.safe_files import describe_write_error
from mutualaid_desktop.services.admin.counter_setup import CounterInfo, counter_info_warning, read_counter_info
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.enrollment.enrollment import birth_date_bounds, plan_choice
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.papers.paper_printers import PrintedBatch, record_printers
from mutualaid_desktop.services.papers.paper_records import (
    SENT_AS_FILE,
    BatchPaper,
    check_may_issue,
    issue_batch,
    next_notices,
    reminder_prefix,
)
from mutualaid_desktop.services.papers.paper_texts import read_payment_text
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.enrollment_queries import EnrollmentQueries
from mutualaid_desktop.store.renewal_queries import PlanRow, RenewalQueries, UnitRow
from mutualaid_desktop.store.repositories import SettingRepository

log = logging.getLogger(__name__)
KIND = "renewal_reminder"
OPTIONS_KEY = "renewal_reminder_batch:"  # + the serials' prefix: the last batch's window and deadline

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
    born: tuple[date, date] = (date.min, date.max)  # next year's age limit as birth dates (birth_date_bounds)
    units_done: int = 0  # units with covers ending in the window and nobody left to remind: no reminder
    not_reminded: dict[str, int] = field(default_factory=dict)  # renewed / left / over_age -> members left out
    apart: dict[int, dict[str, int]] = field(default_factory=dict)  # unit id -> over_age / left -> members

    @property
    def unit_count(self) -> int:
        return len(self.units)

    @property
    def member_count(self) -> int:
        return sum(self.counts.values())

    @property
    def serial_prefix(self) -> str:
        """XB<next plan year>- (a letter after the year for the plans other than 住院二次报销)."""
        return reminder_prefix(self.year + 1, self.next_plan.kind)

    def serial(self, unit_code: str) -> str:
        return self.serial_prefix + unit_code


def prepare_reminders(
    db: Database,
    year: int,
    *,
    county: str | None = None,
    unit: str | None = None,
    window: tuple[date, date] | None = None,
    deadline: date | None = None,
    kind: str = "reimbursement",
    issued_on: date | None = None,
) -> ReminderRequest:
    """Check the request and count; ServiceError/NotFound (in Chinese) for what cannot be done."""
    if county and unit:
        raise ServiceError("请只指定一个县区或一个单位（不要同时指定）。")
    with UnitOfWork(db, read_only=True) as uow:
        q = RenewalQueries(uow.session)
        current, nxt = _ending_and_next_plan(q, year, kind)
        first, last = window or (current.period_end, current.period_end)
        if last < first:
            raise ServiceError("到期区间的结束日早于开始日，请改正。")
        county_id, unit_id = _scope_ids(q, county, unit)
        today = issued_on or clock.today()
        born = next_plan_birth_bounds(uow.session, nxt, today)
        units = q.units(county_id=county_id, unit_id=unit_id)
        ids = [u.id for u in units] if (county_id or unit_id) else None
        states = q.counts(current, nxt, first, last, born, ids)
        listed = {u.id for u in units}
        counts = {u: s.get("remind", 0) for u, s in states.items() if u in listed}
        units_done = sum(1 for n in counts.values() if not n)
        not_reminded = {
            what: sum(s.get(what, 0) for u, s in states.items() if u in listed)
            for what in ("renewed", "over_age", "left")
        }
        reminded = tuple(u for u in units if counts.get(u.id))
        info = read_counter_info(uow.session)
        payment = read_payment_text(uow.session)
    common = _reminder_common(info, payment, nxt, deadline, issued_on)
    apart = {u.id: {what: states[u.id].get(what, 0) for what in ("over_age", "left")} for u in reminded}
    return ReminderRequest(
        year,
        current,
        nxt,
        (first, last),
        common,
        reminded,
        {u.id: counts[u.id] for u in reminded},
        born,
        units_done,
        not_reminded,
        apart,
    )


def _ending_and_next_plan(q: RenewalQueries, year: int, kind: str) -> tuple[PlanRow, PlanRow]:
    """The plan of `kind` ending in `year` and the plan that follows it; ServiceError/NotFound without them."""
    plans = q.plans_ending_in(year, kind)
    if not plans:
        raise NotFound(f"没有在 {year} 年到期的保障计划。请检查年度：应填即将到期的计划年度（如今年的计划填今年）。")
    current = plans[0]
    nxt = q.next_plan(current)
    if nxt is None:
        raise ServiceError(
            f"还没有 {year + 1} 年度的计划（接续 {current.code}）。"
            f"请先在 设置 → 计划 中添加下一年度的计划，再打印续保提示单。"
        )
    return current, nxt


def _scope_ids(q: RenewalQueries, county: str | None, unit: str | None) -> tuple[int | None, int | None]:
    """(county id, unit id) of the codes asked for, None for those not asked; NotFound for an unknown code."""
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
    return county_id, unit_id


def _reminder_common(
    info: CounterInfo, payment: str, nxt: PlanRow, deadline: date | None, issued_on: date | None
) -> ReminderCommon:
    """What every unit's reminder shows alike: the counter, the next plan, the deadline."""
    return ReminderCommon(
        org_name=info.org_name,
        plan_name=nxt.name,
        plan_code=nxt.code,
        premium_per_share=from_fen(nxt.premium_per_share_fen),
        period_start=nxt.period_start,
        period_end=nxt.period_end,
        deadline=deadline or (nxt.period_start - timedelta(days=1)),
        payment_text=payment,
        counter_address=info.address,
        counter_phone=info.phone,
        counter_hours=info.hours,
        issued_on=issued_on,
    )


def not_listed_note(apart: dict[str, int] | None, plan: PlanRow) -> str:
    """The line under a unit's amount naming who is left out of its list and why (never in the amount due)."""
    over, left = (apart or {}).get("over_age", 0), (apart or {}).get("left", 0)
    if not over and not left:
        return ""
    parts = []
    if over:
        parts.append(f"超出续保计划（{plan.code}）参保年龄 {over} 人")
    if left:
        parts.append(f"单位已登记离开 {left} 人")
    return f"另有{'、'.join(parts)}，不能续保，未列入名单，不计入应缴金额。"


def next_plan_birth_bounds(session, next_plan: PlanRow, today: date) -> tuple[date, date]:
    """Next year's age limit as a range of birth dates, for a payment made `today` (the one age rule:
    services/enrollment.age_problem, as birth_date_bounds)."""
    row = EnrollmentQueries(session).plan_by_code(next_plan.code)
    if row is None:
        raise NotFound(f"没有代码为「{next_plan.code}」的计划，请刷新后重试。")
    return birth_date_bounds(plan_choice(row), today)


def iter_reminders(db: Database, request: ReminderRequest) -> Iterator[ReminderUnit]:
    """One ReminderUnit per unit of the request, in unit code order, read UNITS_PER_QUERY units at a time."""
    per_share = request.common.premium_per_share
    max_shares = request.next_plan.max_shares
    first, last = request.window
    units = request.units
    with UnitOfWork(db, read_only=True) as uow:
        q = RenewalQueries(uow.session)
        for i in range(0, len(units), UNITS_PER_QUERY):
            chunk = units[i : i + UNITS_PER_QUERY]
            rows: dict[int, list[ReminderRow]] = {u.id: [] for u in chunk}
            for unit_id, name, sex, number, shares, cover_end in q.members(
                request.current, request.next_plan, first, last, request.born, [u.id for u in chunk]
            ):
                shares = min(shares, max_shares)
                rows[unit_id].append(
                    ReminderRow(name, _SEX.get(sex, sex), mask_id_number(number), shares, cover_end, per_share * shares)
                )
            for u in chunk:
                members = tuple(rows[u.id])
                if not members:
                    continue
                yield ReminderUnit(
                    unit_code=u.code,
                    unit_name=u.name,
                    contact_person=u.contact_person or "",
                    phone=u.phone or "",
                    county_name=u.county_name or "",
                    rows=members,
                    total_due=sum((r.due for r in members), Decimal(0)),
                    common=request.common,
                    not_listed=not_listed_note(request.apart.get(u.id), request.next_plan),
                )


def reminder_of_unit(
    db: Database, plan_year: int, unit_code: str, plan_kind: str = "reimbursement", *, today: date | None = None
) -> ReminderUnit:
    """One unit's reminder for next year's plan `plan_year`, made again (打印记录): with the window and the
    deadline of the season's last batch (the defaults when there was none), issued today. The caller sets
    its notice number."""
    prefix = reminder_prefix(plan_year, plan_kind)
    with UnitOfWork(db, read_only=True) as uow:
        saved = SettingRepository(uow.session).get(OPTIONS_KEY + prefix.rstrip("-"))
    window = deadline = None
    if saved:
        try:
            options = json.loads(saved)
            window = (date.fromisoformat(options["window"][0]), date.fromisoformat(options["window"][1]))
            deadline = date.fromisoformat(options["deadline"])
        except (ValueError, KeyError, TypeError, IndexError):
            log.warning("unreadable reminder batch options %r", saved)
            window = deadline = None
    request = prepare_reminders(
        db,
        plan_year - 1,
        unit=unit_code,
        kind=plan_kind,
        window=window,
        deadline=deadline,
        issued_on=today or clock.today(),
    )
    unit = next(iter_reminders(db, request), None)
    if unit is None:
        raise ServiceError(f"单位 {unit_code} 已没有需要提示续保的会员，续保提示单不能再打印。")
    return unit


class FilesExist(ServiceError):
    """The batch would write over files already there (`paths`); nothing was made. Asked first (GUI), or refused
    unless forced (CLI --force)."""

    def __init__(self, paths: list[Path]) -> None:
        shown = "、".join(p.name for p in paths[:3]) + (f" 等 {len(paths)} 个文件" if len(paths) > 3 else "")
        super().__init__(f"已有同名文件：{shown}。覆盖它们请确认（命令行加 --force），或换一个保存位置。")
        self.paths = paths


def existing_outputs(request: ReminderRequest, out, *, combined: bool) -> list[Path]:
    """The files of the request's batch at `out` that exist already (would be written over)."""
    target = Path(out)
    if combined:
        return [target] if target.exists() else []
    if not target.is_dir():
        return []
    return [p for p in (target / unit_file_name(u.code, u.name) for u in request.units) if p.exists()]


def _check_overwrite(request: ReminderRequest, out, *, combined: bool, overwrite: bool) -> None:
    if not overwrite:
        found = existing_outputs(request, out, combined=combined)
        if found:
            raise FilesExist(found)


def _next_notices(db: Database, request: ReminderRequest) -> dict[str, int]:
    """unit code -> copy number of its next reminder of this season (units whose reminders were handed out before:
    printed, or files marked sent; printed_papers.next_notices), one query."""
    prefix = request.serial_prefix
    with UnitOfWork(db, read_only=True) as uow:
        known = next_notices(uow.session, KIND, prefix)
    return {serial[len(prefix) :]: number for serial, number in known.items()}


def mark_reminders_sent(db: Database, user: UserInfo, record_ids) -> PrintedBatch:
    """The reminders of records `record_ids` (one PDF per unit, saved as files) were handed out — sent by e-mail
    or printed outside the program: recorded like a print (printer SENT_AS_FILE), so the next reminder of those
    units is 第 n+1 次提示. Records handed out before are refused as a second print is (printed_papers)."""
    return record_printers(db, user, record_ids, SENT_AS_FILE)


def _numbered(units: Iterator[ReminderUnit], numbers: dict[str, int]) -> Iterator[ReminderUnit]:
    for unit in units:
        n = numbers.get(unit.unit_code)
        yield replace(unit, notice_number=n + 1) if n else unit


def _record_batch(
    db: Database,
    user: UserInfo,
    request: ReminderRequest,
    made: list[tuple[str, int]],
    *,
    combined: bool,
    cancelled: bool,
) -> list[int]:
    """Record the reminders made (unit code, copy number), in one transaction with one audit record, and keep
    the batch's window and deadline for a unit's reminder made again."""
    if not made:
        return []
    ids_by_code = {u.code: u.id for u in request.units}
    prefix = request.serial_prefix
    papers = [BatchPaper(prefix + code, number, "org_units", ids_by_code.get(code)) for code, number in made]
    first, last = request.window
    with UnitOfWork(db, user=user) as uow:
        ids = issue_batch(uow.session, user, kind=KIND, serial_prefix=prefix, papers=papers)
        options = {"window": [first.isoformat(), last.isoformat()], "deadline": request.common.deadline.isoformat()}
        SettingRepository(uow.session).put(OPTIONS_KEY + prefix.rstrip("-"), json.dumps(options))
        uow.audit(
            "paper.issue_batch",
            "printed_document",
            f"{ids[0]}-{ids[-1]}",
            after={
                "kind": KIND,
                "plan": request.next_plan.code,
                "records": len(ids),
                "first_id": ids[0],
                "last_id": ids[-1],
                "first_serial": papers[0].serial,
                "last_serial": papers[-1].serial,
                "again": sum(1 for p in papers if p.copy_number),
                "members": sum(request.counts.get(ids_by_code[c], 0) for c, _n in made if c in ids_by_code),
                "window": options["window"],
                "deadline": options["deadline"],
                "combined": combined,
                "cancelled": cancelled,
            },
        )
        uow.commit()
    return ids


def _draw(
    db: Database,
    request: ReminderRequest,
    out,
    *,
    combined: bool,
    user: UserInfo | None,
    progress: Callable[[int, ReminderUnit], None] | None,
    cancelled: Callable[[], bool] | None,
    made: list[tuple[str, int]],
) -> list[Path]:
    """Draw the request's reminders (numbered when recorded); `made` collects the units drawn."""
    units = iter_reminders(db, request)
    if user is not None:
        check_may_issue(user, KIND)
        units = _numbered(units, _next_notices(db, request))

    def step(n: int, unit: ReminderUnit) -> None:
        made.append((unit.unit_code, unit.notice_number - 1))
        if progress is not None:
            progress(n, unit)

    return render_reminders(units, out, combined=combined, progress=step, cancelled=cancelled)


def print_reminders(
    db: Database,
    request: ReminderRequest,
    out,
    *,
    combined: bool | None = None,
    progress: Callable[[int, ReminderUnit], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    user: UserInfo | None = None,
    overwrite: bool = True,
    sent: bool = False,
) -> list[Path]:
    """The reminders as PDF: `out` ending in .pdf is one combined file, otherwise a folder of one file per unit.
    With `user`, they are numbered and recorded (the module's docstring); without, only drawn (benchmarks).
    `overwrite` False: FilesExist, before anything is made, when a file to write exists already. `sent` (with
    `user`): the files are handed out as they are made (the CLI's --sent): recorded as sent (mark_reminders_sent)."""
    if combined is None:
        combined = str(out).lower().endswith(".pdf")
    _check_overwrite(request, out, combined=combined, overwrite=overwrite)
    made: list[tuple[str, int]] = []
    try:
        files = _draw(db, request, out, combined=combined, user=user, progress=progress, cancelled=cancelled, made=made)
    except BaseException:
        if user is not None and not combined:  # the files written are complete and may be handed out
            _record_quietly(db, user, request, made, combined=combined)
        raise
    stopped = len(made) < request.unit_count and cancelled is not None and bool(cancelled())
    if user is not None and not (combined and stopped):  # a cancelled combined file is not written
        ids = _record_batch(db, user, request, made, combined=combined, cancelled=stopped)
        if sent and ids:
            mark_reminders_sent(db, user, ids)
    return files


def _record_quietly(db, user, request, made, *, combined: bool) -> None:
    try:
        _record_batch(db, user, request, made, combined=combined, cancelled=True)
    except Exception:  # the batch's own error is the one to report
        log.exception("recording the reminders made before the batch failed")


@dataclass(frozen=True)
class BatchResult:
    """What a batch made: `files` written, `done` units of `total`; `cancelled` when stopped before the end."""

    files: tuple[Path, ...]
    done: int
    total: int
    combined: bool
    cancelled: bool
    records: tuple[int, ...] = ()  # the printed_documents rows written (none when not recorded)
    again: int = 0  # units reminded before this batch (第 n 次提示)
    counter_warning: str | None = None  # the counter's address, phone or hours missing (counter_info_warning)


def make_reminder_batch(
    db: Database,
    request: ReminderRequest,
    out,
    *,
    combined: bool,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    user: UserInfo | None = None,
    overwrite: bool = True,
) -> BatchResult:
    """print_reminders for the GUI: `progress(done, total)` after each unit; `cancelled()` true stops.
    With `user`: numbered and recorded (the module's docstring); `records` are the rows written.

    Every file is written whole or not at all (documents/paper.canvas_class, through safe_files): a combined
    batch that is cancelled (or fails, or is killed) leaves no half file and an earlier file of that name
    untouched. One file per unit: the units done are kept (each file is complete), the others are not made. A
    file that cannot be written (folder missing or read-only, file open in another program, a full disk) is a
    ServiceError in Chinese. `overwrite` False: FilesExist, before anything is made, when a file exists already."""
    _check_overwrite(request, out, combined=combined, overwrite=overwrite)
    total = request.unit_count
    done = 0

    def step(n: int, _unit: ReminderUnit) -> None:
        nonlocal done
        done = n
        if progress is not None:
            progress(n, total)

    target = Path(out)
    made: list[tuple[str, int]] = []
    try:
        files = _draw(db, request, target, combined=combined, user=user, progress=step, cancelled=cancelled, made=made)
        stopped = done < total and cancelled is not None and bool(cancelled())
    except OSError as exc:
        if user is not None and not combined:
            _record_quietly(db, user, request, made, combined=combined)
        raise ServiceError(describe_write_error(target, exc)) from exc
    except BaseException:
        if user is not None and not combined:
            _record_quietly(db, user, request, made, combined=combined)
        raise
    records: list[int] = []
    if user is not None and not (combined and stopped):
        records = _record_batch(db, user, request, made, combined=combined, cancelled=stopped)
    return BatchResult(
        tuple(files),
        done,
        total,
        combined,
        stopped,
        tuple(records),
        sum(1 for _code, n in made if n),
        counter_info_warning(db, "renewal_reminder"),
    )
