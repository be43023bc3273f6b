"""The demo city's premiums (services/admin/demo.py): who is covered in which plan year, and the payments
that pay for it — most in the renewal season (Nov-Dec of the year before and January), a trickle of new
joiners during the year, every payment on a working day at counter hours and before today."""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from mutualaid_desktop.domain.money import from_fen, to_fen
from mutualaid_desktop.domain.plan import Plan as PlanRules
from mutualaid_desktop.services.admin.demo_calendar import (
    at_local,
    counter_moment,
    month_days,
    season_day,
    working_day_between,
)
from mutualaid_desktop.store.bulk import insert_many, next_id
from mutualaid_desktop.store.models import Enrollment, PremiumPayment, PremiumPaymentItem, PrintedDocument
from mutualaid_desktop.store.money_digest import touch_all
from mutualaid_desktop.store.serials import format_receipt_serial, receipt_key, take_serials

JOINERS = 0.06  # of the members, the share who join during each plan year (not in the season)
RENEWS = 0.95  # of those covered in a year, the share covered again the next year
CONTINUOUS_BEFORE = 0.85  # of those covered in the first demo year, the share also covered the year before
CRITICAL_RATE = 0.05
METHODS = ("transfer", "transfer", "transfer", "cash", "wechat", "alipay")
NEVER = 9999
VOIDED = 0.05  # of the new joiners' payments, those whose first receipt was made out wrong and voided
VOID_REASON = "收据开错（人数有误），作废重开"


@dataclass
class PlanYear:
    """A plan year of the demo: its reimbursement and critical-illness plans (rules, row id)."""

    year: int
    reimb: tuple[PlanRules, int]
    crit: tuple[PlanRules, int]


@dataclass
class Membership:
    """Per member (by index): the plan year of the first cover, the month joined in it (0: in the season),
    the last plan year covered (NEVER: still covered), critical-illness shares (0: none)."""

    first: array = field(default_factory=lambda: array("h"))
    month: array = field(default_factory=lambda: array("b"))
    last: array = field(default_factory=lambda: array("h"))
    crit: bytearray = field(default_factory=bytearray)


@dataclass
class Covers:
    """The reimbursement covers of one plan year, by member index (enrollment id 0: not covered)."""

    year: int
    rules: PlanRules
    plan_id: int
    enrollment: array
    start: array  # cover start, date ordinal
    continuous: bytearray


class Schedule:
    """When each unit pays: its season day for each plan year (only the days before today), and the day
    it pays for the members who joined in a month (drawn the first time it is asked)."""

    def __init__(self, gen, units: list[int], years: list[int]) -> None:
        self.gen = gen
        self.season: dict[tuple[int, int], date] = {}
        last = gen.today - timedelta(days=1)
        for year in years:
            for unit in units:
                day = season_day(gen.rnd, year)
                if day <= last:
                    self.season[unit, year] = day
        self.joiners: dict[tuple[int, int, int], date] = {}

    def joiner_day(self, unit: int, year: int, month: int) -> date | None:
        key = (unit, year, month)
        if key not in self.joiners:
            first, last = month_days(year, month)
            day = working_day_between(self.gen.rnd, first, min(last, self.gen.today - timedelta(days=1)))
            if day is None:
                return None
            self.joiners[key] = day
        return self.joiners[key]

    def pay_day(self, unit: int, year: int, month: int) -> date | None:
        return self.season.get((unit, year)) if month == 0 else self.joiners.get((unit, year, month))


def draw_membership(gen, schedule: Schedule, years: list[int], unit: int, ms: Membership) -> date:
    """Draw one member's cover over the plan years into `ms`; returns the day of the first cover."""
    rnd = gen.rnd
    first_year, month = years[0], 0
    day = schedule.pay_day(unit, first_year, 0)
    draw = rnd.random()
    for k, year in enumerate(years[:2]):
        if day is not None and not (k * JOINERS <= draw < (k + 1) * JOINERS):
            continue
        joined = schedule.joiner_day(unit, year, rnd.randint(2, 10)) if year <= gen.today.year else None
        if joined is not None:
            first_year, month, day = year, joined.month, joined
            break
    assert day is not None, "a unit pays every past plan year in its season"
    last = NEVER
    for year in years:
        if year > first_year and rnd.random() >= RENEWS:
            last = year - 1
            break
    ms.first.append(first_year)
    ms.month.append(month)
    ms.last.append(last)
    ms.crit.append(rnd.randint(1, 3) if rnd.random() < CRITICAL_RATE else 0)
    return day


def member_created_at(day: date) -> datetime:
    return at_local(day, 8, 30)


def _cover_key(ms: Membership, i: int, unit: int, year: int, schedule: Schedule) -> tuple[int, int] | None:
    """(month, pay day ordinal) of member i's cover in `year`, or None when not covered then."""
    first = ms.first[i]
    if year < first or year > ms.last[i]:
        return None
    month = ms.month[i] if year == first else 0
    day = schedule.pay_day(unit, year, month)
    return None if day is None else (month, day.toordinal())


@dataclass
class _Payments:
    """The payments of the demo: key (unit, plan id, year, month) -> [amount fen, id, day]."""

    by_key: dict[tuple[int, int, int, int], list] = field(default_factory=dict)
    moments: dict[int, datetime] = field(default_factory=dict)
    documents: list[dict] = field(default_factory=list)  # the printed receipts
    by_county: dict[tuple[int, int], list[int]] = field(default_factory=dict)  # (county, year) -> [fen, count]
    voider: int | None = None  # the user who voids the receipts made out wrong
    twins: dict[int, int] = field(default_factory=dict)  # payment id -> the voided payment it replaces

    def add(self, key: tuple[int, int, int, int], fen: int, day: int, county: int) -> None:
        entry = self.by_key.setdefault(key, [0, 0, day])
        entry[0] += fen
        tally = self.by_county.setdefault((county, date.fromordinal(day).year), [0, 0])
        tally[0] += fen
        tally[1] += 1


def _tally(members, ms: Membership, schedule: Schedule, plan_years: list[PlanYear]) -> _Payments:
    pays = _Payments()
    for py in plan_years:
        (reimb, reimb_id), (crit, crit_id) = py.reimb, py.crit
        reimb_fen, crit_fen = to_fen(reimb.premium_per_share), to_fen(crit.premium_per_share)
        for i, m in enumerate(members):
            key = _cover_key(ms, i, m.unit_id, py.year, schedule)
            if key is None:
                continue
            pays.add((m.unit_id, reimb_id, py.year, key[0]), reimb_fen, key[1], m.county)
            if ms.crit[i] and key[0] == 0:
                pays.add((m.unit_id, crit_id, py.year, 0), crit_fen * ms.crit[i], key[1], m.county)
    return pays


def _payment_rows(session, gen, pays: _Payments, report) -> Iterator[dict]:
    """The payment rows in date order (ids and receipt numbers follow the days), with their receipts."""
    rnd = gen.rnd
    payment_id = next_id(session, PremiumPayment)
    ordered = sorted(pays.by_key.items(), key=lambda kv: (kv[1][2], kv[0]))
    per_year: dict[int, int] = {}
    voided = set()
    for key, (_fen, _id, day) in ordered:
        year = date.fromordinal(day).year
        twin = key[3] != 0 and rnd.random() < VOIDED  # a new joiners' receipt made out wrong, voided, made again
        if twin:
            voided.add(key)
        per_year[year] = per_year.get(year, 0) + 1 + twin
    receipt = {year: take_serials(session, receipt_key(year), n) for year, n in sorted(per_year.items())}
    for key, entry in ordered:
        fen, _, day = entry
        paid_on = date.fromordinal(day)
        moment = counter_moment(rnd, paid_on)
        replaces = None
        if key in voided:
            replaces = payment_id
            row = _payment_row(pays, payment_id, key[0], fen, paid_on, receipt, moment, rnd.choice(METHODS))
            row.update(voided=True, voided_at=moment + timedelta(minutes=20), voided_by=pays.voider)
            row["void_reason"] = VOID_REASON
            yield row
            payment_id += 1
            moment += timedelta(minutes=25)
        entry[1] = payment_id
        pays.moments[payment_id] = moment
        report.premium_total += from_fen(fen)
        row = _payment_row(pays, payment_id, key[0], fen, paid_on, receipt, moment, rnd.choice(METHODS))
        row["replaces_payment_id"] = replaces
        if replaces is not None:
            pays.twins[payment_id] = replaces
        yield row
        payment_id += 1
    report.payments = len(pays.documents)


def _payment_row(pays: _Payments, payment_id: int, unit: int, fen: int, paid_on: date, receipt, moment, method) -> dict:
    """A payment row (the next receipt number of its year) and its printed receipt."""
    serial = format_receipt_serial(paid_on.year, receipt[paid_on.year])
    receipt[paid_on.year] += 1
    pays.documents.append(
        {
            "kind": "premium_receipt",
            "serial": serial,
            "copy_number": 0,
            "subject_table": "premium_payments",
            "subject_id": payment_id,
            "printed_at": moment + timedelta(minutes=2),
        }
    )
    return {
        "id": payment_id,
        "payer_unit_id": unit,
        "payer_member_id": None,
        "amount_fen": fen,
        "method": method,
        "paid_on": paid_on,
        "receipt_serial": serial,
        "clerk_id": None,
        "voided": False,
        "voided_at": None,
        "voided_by": None,
        "void_reason": None,
        "replaces_payment_id": None,
        "created_at": moment,
    }


def make_premiums(
    session, gen, members, ms: Membership, schedule: Schedule, plan_years: list[PlanYear], report, voider: int
) -> tuple[list[Covers], dict[tuple[int, int], list[int]]]:
    """The payments and enrollments of every plan year; returns the reimbursement covers of each plan year
    and, per (county index, calendar year), the premiums paid (fen) and the enrollments they paid."""
    pays = _tally(members, ms, schedule, plan_years)
    pays.voider = voider
    insert_many(session, PremiumPayment, _payment_rows(session, gen, pays, report))
    insert_many(session, PrintedDocument, pays.documents)
    covers = []
    enrollment_id = next_id(session, Enrollment)
    for py in plan_years:
        size = len(members)
        cover = Covers(py.year, *py.reimb, array("i", [0]) * size, array("i", [0]) * size, bytearray(size))
        # enrollments go in as they are made; their payment items are kept small (ids follow each other)
        paid_by, fen = array("i"), array("i")

        def rows(first=enrollment_id, py=py, cover=cover, paid_by=paid_by, fen=fen):
            for row in _enrollment_rows(gen, members, ms, schedule, py, pays, cover, first):
                paid_by.append(row["payment_id"])
                fen.append(row["premium_fen"])
                yield row

        count = insert_many(session, Enrollment, rows())
        insert_many(session, PremiumPaymentItem, _items(pays, enrollment_id, paid_by, fen))
        enrollment_id += count
        report.enrollments += count
        covers.append(cover)
    touch_all(session, "premium_payment")  # bulk inserts: their digests go into the audit log
    return covers, pays.by_county


def _items(pays: _Payments, first_id: int, paid_by: array, fen: array) -> Iterator[dict]:
    """The payment items of enrollments first_id, first_id + 1, ...: one for the payment that paid each, and one
    for the voided receipt that payment replaces (a voided receipt keeps its items)."""
    for k, payment_id in enumerate(paid_by):
        yield {"payment_id": payment_id, "enrollment_id": first_id + k, "premium_fen": fen[k]}
        if payment_id in pays.twins:
            yield {"payment_id": pays.twins[payment_id], "enrollment_id": first_id + k, "premium_fen": fen[k]}


def _enrollment_rows(gen, members, ms, schedule, py: PlanYear, pays: _Payments, cover: Covers, first_id: int):
    """The enrollments of plan year `py` (ids from first_id on); notes the reimbursement covers in `cover`."""
    rnd = gen.rnd
    enrollment_id = first_id
    price = {plan_id: to_fen(rules.premium_per_share) for rules, plan_id in (py.reimb, py.crit)}
    for i, m in enumerate(members):
        key = _cover_key(ms, i, m.unit_id, py.year, schedule)
        if key is None:
            continue
        month, day = key
        paid_on = date.fromordinal(day)
        plans = [(py.reimb, 1)] + ([(py.crit, ms.crit[i])] if ms.crit[i] and month == 0 else [])
        for (rules, plan_id), shares in plans:
            payment_id = pays.by_key[m.unit_id, plan_id, py.year, month][1]
            start = rules.cover_start(paid_on)
            if py.year > ms.first[i]:
                continuous = rules.is_continuous(date(py.year - 1, 12, 31), start)
            else:
                continuous = month == 0 and rnd.random() < CONTINUOUS_BEFORE
            if rules.kind == "reimbursement":
                cover.enrollment[i], cover.start[i], cover.continuous[i] = enrollment_id, start.toordinal(), continuous
            fen = price[plan_id] * shares
            yield {
                "id": enrollment_id,
                "member_id": m.id,
                "plan_id": plan_id,
                "unit_id": m.unit_id,
                "shares": shares,
                "premium_fen": fen,
                "cover_start": start,
                "cover_end": rules.period_end,
                "continuous": continuous,
                "status": "paid",
                "payment_id": payment_id,
                "created_at": pays.moments[payment_id],
                "created_by": None,
            }
            enrollment_id += 1
