"""The figures of the monthly cycle: one definition, used by the 统计 screen, the papers, the CLI and Excel.

County of a record: the county-level ancestor of the enrollment's unit (for a claim, of the enrollment the
claim is under); a record with no unit, or a unit hung directly under the city, counts for the city only
(a row 「未归属县区」). For a period (domain/periods.py):

Cash basis (the default, what a month's accounts are):
- 参保金额 = the premiums of the enrollments paid by receipts dated in the period, not voided; 参保人次 =
  how many such enrollments; 参保单位 = how many distinct units among them.
- 理赔金额 = payout items marked paid with a settlement date in the period, less the reversals made in the
  period; 理赔人次 = distinct claims with a payout marked paid in the period.
Plan-year basis: the same, for the enrollments and claims under the plans of the period's year (the year in
which a plan ends), whatever day the money moved, up to the end of the period.

Both: 理赔率 = 理赔金额 ÷ 参保金额, a percentage with 2 decimals, half up (none when 参保金额 is 0); claims
received in the period, refused in it, and pending at its end (received and not yet decided, with their
quoted amount); average payout = 理赔金额 ÷ 理赔人次; days from intake to decision (claims decided in the
period) and from decision to payment (claims paid in it), median and 90th percentile (nearest rank);
renewal rate = members covered under last year's plans who are covered again under this year's plans of
the same kind by the period's end ÷ the members covered last year; coverage = members covered under this
year's plans ÷ the headcounts of their units, counting only units whose headcount is known, and units with a
member covered ÷ active grassroots units; new members = members first recorded in the period.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.domain.periods import Period, local_day, local_time
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.handin.tallies import with_handed_in
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.statistics.tally import Tally
from mutualaid_desktop.services.statistics.tree import NO_COUNTY, Tree
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.statistics_queries import StatisticsQueries

BASES = ("cash", "plan-year")
BASIS_LABELS = {"cash": "按收付日期", "plan-year": "按计划年度"}
KIND_LABELS = {"reimbursement": "住院医疗互助", "lump_sum": "重大疾病互助"}
HUNDRED = Decimal(100)


def percent(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """part ÷ whole as a percentage with 2 decimals, half up; None when whole is 0."""
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def average(amount: Decimal, count: int) -> Decimal | None:
    """amount ÷ count to the fen, half up; None when count is 0 (件均给付)."""
    return (amount / count).quantize(Decimal("0.01"), ROUND_HALF_UP) if count else None


class LocalDays:
    """local_day (domain/periods.py) of many stored moments: the zone's UTC offset is looked up once per UTC
    hour in which it does not change; in the hour of a clock change each moment is converted on its own."""

    HOUR = timedelta(hours=1)

    def __init__(self) -> None:
        self._offsets: dict[datetime, timedelta | None] = {}
        self.lookups = 0

    def __call__(self, moment: datetime) -> date:
        hour = moment.replace(minute=0, second=0, microsecond=0)
        try:
            offset = self._offsets[hour]
        except KeyError:
            self.lookups += 1
            start, end = local_time(hour) - hour, local_time(hour + self.HOUR) - (hour + self.HOUR)
            offset = self._offsets[hour] = start if start == end else None
        return local_day(moment) if offset is None else (moment + offset).date()


@dataclass(frozen=True)
class DaySpread:
    """Days taken, over `count` claims: the median and the 90th percentile (nearest rank)."""

    count: int
    median: Decimal | None
    p90: int | None

    @staticmethod
    def of(days: Iterable[int]) -> DaySpread:
        values = sorted(days)
        n = len(values)
        if not n:
            return DaySpread(0, None, None)
        middle = Decimal(values[n // 2]) if n % 2 else (Decimal(values[n // 2 - 1]) + values[n // 2]) / 2
        rank = -(-9 * n // 10)  # ceil(0.9 n)
        return DaySpread(n, middle, values[rank - 1])


@dataclass(frozen=True)
class Figures:
    """The figures of one node: the city, a county, a unit, or one plan kind of the city."""

    code: str
    name: str
    level: str  # city / county / unit / kind
    units: int  # 参保单位
    enrollments: int  # 参保人次
    premiums: Decimal  # 参保金额
    claims_paid: int  # 理赔人次
    paid: Decimal  # 理赔金额 (less reversals)
    reversed: Decimal  # the reversals in it
    claim_ratio: Decimal | None  # 理赔率 %
    claims_received: int
    claims_refused: int
    claims_pending: int
    pending_quoted: Decimal
    average_payout: Decimal | None
    decision_days: DaySpread
    payment_days: DaySpread
    covered: int  # members covered under this year's plans
    coverage: Decimal | None  # % of the known headcounts
    units_covered: int
    units_total: int
    unit_coverage: Decimal | None  # %
    last_year: int
    renewed: int
    renewal_rate: Decimal | None  # %
    new_members: int


def figures_of(code: str, name: str, level: str, t: Tally) -> Figures:
    paid = from_fen(t.net_paid_fen)
    return Figures(
        code=code,
        name=name,
        level=level,
        units=len(t.enrolled_units),
        enrollments=t.enrollments,
        premiums=from_fen(t.premiums_fen),
        claims_paid=t.claims_paid,
        paid=paid,
        reversed=from_fen(t.reversed_fen),
        claim_ratio=percent(t.net_paid_fen, t.premiums_fen),
        claims_received=t.received,
        claims_refused=t.refused,
        claims_pending=t.pending,
        pending_quoted=from_fen(t.pending_fen),
        average_payout=average(paid, t.claims_paid),
        decision_days=DaySpread.of(t.decision_days),
        payment_days=DaySpread.of(t.payment_days),
        covered=t.covered,
        coverage=percent(t.covered_counted, t.headcount),
        units_covered=len(t.covered_units),
        units_total=t.units,
        unit_coverage=percent(len(t.covered_units), t.units),
        last_year=t.last_year,
        renewed=t.renewed,
        renewal_rate=percent(t.renewed, t.last_year),
        new_members=t.new_members,
    )


@dataclass(frozen=True)
class Statistics:
    """The figures of a period: the city, its counties (tree order) and their units, and the city by plan kind."""

    period: Period
    basis: str
    city: Figures
    counties: tuple[Figures, ...]
    units: dict[str, tuple[Figures, ...]]  # county code -> its units' figures (units with any figure)
    kinds: tuple[Figures, ...]

    def county(self, code: str) -> Figures | None:
        return next((c for c in self.counties if c.code == code), None)


Key = tuple[int | None, str | None]  # (unit id, plan kind)


def statistics(db: Database, user: UserInfo, period: Period, *, basis: str = "cash") -> Statistics:
    """The figures of `period` on `basis` (cash / plan-year) for the whole city. Read only."""
    require(user, "see_statistics")
    if basis not in BASES:
        raise ServiceError(f"统计口径只能是 cash（按收付日期）或 plan-year（按计划年度），不能是「{basis}」。")
    with UnitOfWork(db, read_only=True) as uow:
        return statistics_in(StatisticsQueries(uow.session), period, basis)


def statistics_in(q: StatisticsQueries, period: Period, basis: str = "cash", *, tree: Tree | None = None) -> Statistics:
    """statistics() in a unit of work already open (a month closing computes in its write transaction); `tree`
    when the caller has read it already. The counties that hand in (交账文件) are counted from their hand-ins
    (services/handin/tallies.py)."""
    tree = tree or Tree(q.units())
    tree, tallies = with_handed_in(q.session, tree, _tally_units(q, tree, period, basis), period, basis)
    return _assemble(tree, tallies, period, basis)


def unit_tallies(q: StatisticsQueries, tree: Tree, period: Period, basis: str) -> dict[Key, Tally]:
    """A Tally per (unit id, plan kind) of the period, from the city's own records only (what a county hands in:
    services/handin/export.py)."""
    return _tally_units(q, tree, period, basis)


def _plan_ids(plans: list[tuple[int, str, date]], year: int) -> list[int]:
    return [pid for pid, _kind, last_day in plans if last_day.year == year]


def _tally_units(q: StatisticsQueries, tree: Tree, period: Period, basis: str) -> dict[Key, Tally]:
    """A Tally per (unit, plan kind) with everything in the period."""
    out: dict[Key, Tally] = {}

    def at(unit: int | None, kind: str | None) -> Tally:
        return _into(out, (unit, kind))

    plans = q.plans()
    this_year = _plan_ids(plans, period.year)
    # the members covered under the year's plans; on the plan-year basis the same rows are its 参保 figures
    covered = q.premiums_and_members(this_year, period.end) if this_year else []
    if basis == "cash":
        premiums = q.premiums(period.start, period.end, None)
    else:
        premiums = [(unit, kind, fen, n) for unit, kind, fen, n, _members in covered]
    for unit, kind, fen, n in premiums:
        t = at(unit, kind)
        t.premiums_fen, t.enrollments = t.premiums_fen + fen, t.enrollments + n
        if unit is not None and n:
            t.enrolled_units.add(unit)
    _payouts(q, at, period, basis, None if basis == "cash" else this_year)
    _claims(q, at, period, None if basis == "cash" else this_year)
    _members(q, tree, at, period, plans, this_year, covered)
    return out


def _payouts(
    q: StatisticsQueries, at: Callable[[int | None, str | None], Tally], period: Period, basis, restrict
) -> None:
    """理赔金额 and 理赔人次 (paid less reversed; distinct claims), and the days from decision to payment of the
    claims paid in the period, from one pass over the paid payout items."""
    since, until = period.utc_bounds()
    first = period.start
    fen_of: dict[Key, int] = {}
    claims: dict[Key, set[int]] = {}
    days: dict[Key, list[int]] = {}
    day_of = LocalDays()
    for unit, kind, claim, fen, decided_at, settled_on in q.paid_items(
        first if basis == "cash" else None, period.end, restrict
    ):
        key = (unit, kind)
        if key in claims:
            fen_of[key] += fen
            claims[key].add(claim)
        else:
            fen_of[key], claims[key], days[key] = fen, {claim}, []
        if decided_at is not None and settled_on >= first:
            days[key].append((settled_on - day_of(decided_at)).days)
    for key, ids in claims.items():
        t = at(*key)
        t.paid_fen += fen_of[key]
        t.claims_paid += len(ids)
        t.payment_days.extend(days[key])
    for unit, kind, fen in q.reversed(since if basis == "cash" else None, until, restrict):
        at(unit, kind).reversed_fen += fen


def _claims(q: StatisticsQueries, at: Callable[[int | None, str | None], Tally], period: Period, restrict) -> None:
    since, until = period.utc_bounds()
    day_of = LocalDays()
    for unit, kind, received, refused, pending, fen in q.claim_counts(period.start, period.end, since, until, restrict):
        t = at(unit, kind)
        t.received, t.refused, t.pending = t.received + received, t.refused + refused, t.pending + pending
        t.pending_fen += fen or 0
    days: dict[Key, list[int]] = {}
    for unit, kind, received_on, decided_at in q.decided_moments(since, until, restrict):
        key = (unit, kind)
        if key not in days:
            days[key] = []
        days[key].append((day_of(decided_at) - received_on).days)
    for key, values in days.items():
        at(*key).decision_days.extend(values)


def _members(q: StatisticsQueries, tree: Tree, at, period: Period, plans, this_year: list[int], covered) -> None:
    since, until = period.utc_bounds()
    for unit, kind, _fen, _n, n in covered:
        t = at(unit, kind)
        t.covered += n
        if tree.headcount(unit) is not None:
            t.covered_counted += n
        if unit is not None and n:
            t.covered_units.add(unit)
    last_year = _plan_ids(plans, period.year - 1)
    if last_year:
        for unit, kind, before, again in q.renewed(last_year, this_year, period.end):
            at(unit, kind).last_year += before
            at(unit, kind).renewed += again
    for unit, n in q.new_members(since, until):
        at(unit, None).new_members += n
    for unit in tree.grassroots():
        at(unit.id, None).units += 1
        if unit.headcount is not None:
            at(unit.id, None).headcount += unit.headcount


def _into(tallies: dict, key) -> Tally:
    """tallies[key], made when new (not setdefault: that would make a Tally on every call)."""
    t = tallies.get(key)
    if t is None:
        t = tallies[key] = Tally()
    return t


def _assemble(tree: Tree, by_unit: dict[Key, Tally], period: Period, basis: str) -> Statistics:
    city, kinds = Tally(), {k: Tally() for k in KIND_LABELS}
    per_unit: dict[int | None, Tally] = {}
    for (unit, kind), t in by_unit.items():
        _into(per_unit, unit).add(t)
        if kind is not None:
            _into(kinds, kind).add(t)
    per_county: dict[int | None, Tally] = {}
    units: dict[str, list[Figures]] = {}
    for unit, t in sorted(per_unit.items(), key=lambda item: tree.sort_key(item[0])):
        county = tree.county_of(unit)
        _into(per_county, county).add(t)
        node = tree.node(unit)
        if node is not None and node.kind == "unit":
            units.setdefault(tree.code(county), []).append(figures_of(node.code, node.name, "unit", t))
    for t in per_county.values():  # every record is in exactly one county (or none): the city is their sum
        city.add(t)
    counties = [figures_of(c.code, c.name, "county", per_county.get(c.id, Tally())) for c in tree.counties()]
    if NO_COUNTY in per_county:
        counties.append(figures_of("", "未归属县区", "county", per_county[NO_COUNTY]))
    root = tree.city()
    return Statistics(
        period=period,
        basis=basis,
        city=figures_of(root.code if root else "", root.name if root else "全市", "city", city),
        counties=tuple(counties),
        units={code: tuple(rows) for code, rows in units.items()},
        kinds=tuple(figures_of(k, KIND_LABELS.get(k, k), "kind", t) for k, t in kinds.items()),
    )
