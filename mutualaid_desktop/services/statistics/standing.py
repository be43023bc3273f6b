"""The standing of every county (评比): its yearly premium target, completion, rank (并列 when tied), 同比,
百万县区 status with the month it crossed, whether it is behind schedule (落后于时间进度) and whether it may be
rated advanced (一票否决) — and the city's target, completion and 全覆盖. One place, used by `stats --json`,
the month closing (which keeps it: a closed month's standing never changes), the bulletin (通报) and the screens.

Decided here:
- The standing is on the year to date at the period's end (a month M: January..M; a year: January..December,
  or January..this month while the year runs), always on the cash basis (the month's accounts, 交账): the
  targets and the 百万县区 thresholds are amounts collected in the year.
- The ranking, the schedule and the milestones are ranking.py's; the targets targets.py's (stat_targets) and
  the thresholds its settings (read_million_thresholds).
- The month a county crossed a threshold is read from its premiums month by month (receipts not voided);
  its premiums of the year to date — hence its status — are those of the year to date given (for a month's
  report, what the year's month reports add up to).
- `million` as a machine value: None, "million" (百万县区) or "two_million" (两百万县区).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal

from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.domain.periods import Period, year_to_date
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.handin.ledger import handed_premiums, handing_counties
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.statistics.figures import Statistics, percent, statistics_in
from mutualaid_desktop.services.statistics.growth import change
from mutualaid_desktop.services.statistics.ranking import full_coverage, milestones, rank_counties, schedule
from mutualaid_desktop.services.statistics.targets import read_million_thresholds, read_premium_targets
from mutualaid_desktop.services.statistics.tree import Tree
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.statistics_queries import StatisticsQueries

MILLION_VALUES = (None, "million", "two_million")  # by Milestone.level
MILLION_LABELS = {"million": "百万县区", "two_million": "两百万县区"}


@dataclass(frozen=True)
class CountyStanding:
    code: str
    name: str
    premiums: Decimal  # the year to date
    target: Decimal | None  # the yearly premium target (参保金额目标)
    completion: Decimal | None  # premiums ÷ target, %
    rank: int
    tied: bool  # 并列
    growth: Decimal | None  # 同比 of the premiums, %
    claim_ratio: Decimal | None  # of the year to date
    decision_days: Decimal | None  # median, the year to date
    payment_days: Decimal | None
    behind: bool  # 落后于时间进度
    may_be_advanced: bool  # the target met (一票否决 otherwise)
    million: str | None  # None / "million" / "two_million"
    million_month: int | None  # the month it reached the first threshold
    two_million_month: int | None

    @property
    def million_label(self) -> str:
        return MILLION_LABELS.get(self.million or "", "")


@dataclass(frozen=True)
class Standing:
    year: int
    through: int  # the month the year to date runs to
    schedule: Decimal  # 时间进度 %
    thresholds: tuple[Decimal, Decimal]  # 百万县区, 两百万县区 (yuan)
    counties: tuple[CountyStanding, ...]  # in ranking order
    city_code: str
    city_premiums: Decimal
    city_target: Decimal | None
    city_completion: Decimal | None
    city_growth: Decimal | None  # 同比 of the city's premiums
    full_coverage: bool
    live: bool = False  # computed now, not kept by the closing (a closing made before standings were kept)
    city_enrollments_growth: Decimal | None = None  # 同比 of the city's enrollments

    def county(self, code: str) -> CountyStanding | None:
        return next((c for c in self.counties if c.code == code), None)


Monthly = Sequence[tuple[int, Mapping[str, Decimal]]]
_FROM_RANKING = (
    "code", "name", "premiums", "target", "completion", "rank", "tied", "claim_ratio", "decision_days",
    "payment_days", "behind", "may_be_advanced",
)  # fmt: skip


def standing_of(
    ytd: Statistics,
    last_year: Mapping[str, tuple[Decimal, int]] | None,
    monthly: Monthly,
    targets: Mapping[str, Decimal | None],
    thresholds: tuple[Decimal, Decimal],
    *,
    live: bool = False,
) -> Standing:
    """The standing from the year to date's figures (`ytd`), the premiums and enrollments of last year's same
    span by code (the counties' and the city's; None: nothing to compare with), each county's premiums of the year to date
    at the end of earlier months ((month, {code: yuan}), in order), the targets by code (the city's too) and
    the thresholds."""
    through = ytd.period.end.month
    earlier = [(m, values) for m, values in monthly if m < through]
    months = [*earlier, (through, {c.code: c.premiums for c in ytd.counties})]
    before = {code: amount for code, (amount, _n) in (last_year or {}).items()}
    rows = rank_counties(ytd.counties, (), targets, through)  # the ranking does not look at the growth
    names = {c.code: c.name for c in ytd.counties}
    status = {m.code: m for m in milestones(months, names, thresholds)}
    counties = tuple(
        CountyStanding(
            **{name: getattr(r, name) for name in _FROM_RANKING},
            growth=change(r.premiums, before.get(r.code)),
            million=MILLION_VALUES[status[r.code].level],
            million_month=status[r.code].million_month,
            two_million_month=status[r.code].two_million_month,
        )
        for r in rows
    )
    city = ytd.city
    target = targets.get(city.code)
    return Standing(
        year=ytd.period.year,
        through=through,
        schedule=schedule(through),
        thresholds=thresholds,
        counties=counties,
        city_code=city.code,
        city_premiums=city.premiums,
        city_target=target,
        city_completion=percent(city.premiums, target) if target else None,
        city_growth=change(city.premiums, before.get(city.code)),
        full_coverage=full_coverage(list(status.values())),
        live=live,
        city_enrollments_growth=change(city.enrollments, (last_year or {}).get(city.code, (0, None))[1]),
    )


# --- from the database ------------------------------------------------------------------------


def _targets(q: StatisticsQueries, tree: Tree, year: int) -> dict[str, Decimal | None]:
    out: dict[str, Decimal | None] = {}
    for unit_id, premiums in read_premium_targets(q.session, year).items():
        node = tree.node(unit_id)
        if node is not None:
            out[node.code] = premiums
    return out


def _monthly(q: StatisticsQueries, tree: Tree, year: int, through: int) -> list[tuple[int, dict[str, Decimal]]]:
    """Each county's premiums of the year to date at the end of each month before `through`."""
    fen: dict[int, dict[str, int]] = {}
    _codes, handing = handing_counties(q.session, tree)  # counted from their hand-ins (services/handin)
    for unit, _kind, _year, number, amount in q.premiums_by_month(date(year, 1, 1), year_to_date(year, through).end):
        if tree.county_of(unit) in handing:
            continue
        county = tree.code(tree.county_of(unit))
        by_county = fen.setdefault(number, {})
        by_county[county] = by_county.get(county, 0) + (amount or 0)
    for (county, number), (amount, _n) in handed_premiums(q.session, year, list(range(1, through + 1))).items():
        by_county = fen.setdefault(number, {})
        by_county[county] = by_county.get(county, 0) + amount
    out: list[tuple[int, dict[str, Decimal]]] = []
    running: dict[str, int] = {}
    for number in range(1, through):
        for code, amount in fen.get(number, {}).items():
            running[code] = running.get(code, 0) + amount
        out.append((number, {code: from_fen(amount) for code, amount in running.items()}))
    return out


def _last_year(q: StatisticsQueries, tree: Tree, year: int, through: int) -> dict[str, tuple[Decimal, int]]:
    """The premiums and enrollments of January..`through` of the year before `year` (cash basis) by county code
    and the city's."""
    if year - 1 < 2000:
        return {}
    sums: dict[str, tuple[int, int]] = {}
    city = tree.city()
    _codes, handing = handing_counties(q.session, tree)  # counted from their hand-ins (services/handin)
    rows = [
        (tree.code(tree.county_of(unit)), amount or 0, n)
        for unit, _kind, amount, n in q.premiums(date(year - 1, 1, 1), year_to_date(year - 1, through).end, None)
        if tree.county_of(unit) not in handing
    ]
    handed = handed_premiums(q.session, year - 1, list(range(1, through + 1)))
    rows += [(county, amount, n) for (county, _number), (amount, n) in handed.items()]
    for county, amount, n in rows:
        for code in {county, city.code if city else ""}:
            fen, count = sums.get(code, (0, 0))
            sums[code] = (fen + amount, count + n)
    return {code: (from_fen(fen), count) for code, (fen, count) in sums.items()}


def standing_in(q: StatisticsQueries, ytd: Statistics, *, tree: Tree | None = None, live: bool = False) -> Standing:
    """The standing of the year to date `ytd` (January to its end, cash basis) in an open unit of work."""
    tree = tree or Tree(q.units())
    year, through = ytd.period.year, ytd.period.end.month
    last_year = _last_year(q, tree, year, through)
    thresholds = read_million_thresholds(q.session)
    targets = _targets(q, tree, year)
    return standing_of(ytd, last_year, _monthly(q, tree, year, through), targets, thresholds, live=live)


def through_month(period: Period, today: date) -> int:
    """The month the standing of `period` runs to: its last month, or this month while it runs."""
    return today.month if period.start <= today <= period.end else period.end.month


def standing(db: Database, user: UserInfo, period: Period) -> Standing:
    """The standing at the end of `period` as the database has it now (the year to date, cash basis)."""
    return standing_and_year(db, user, period)[0]


def standing_and_year(db: Database, user: UserInfo, period: Period) -> tuple[Standing, Statistics]:
    """The standing at the end of `period` and the year to date it stands on (every figure, cash basis)."""
    require(user, "see_statistics")
    ytd_period = year_to_date(period.year, through_month(period, clock.today()))
    with UnitOfWork(db, read_only=True) as uow:
        q = StatisticsQueries(uow.session)
        tree = Tree(q.units())
        ytd = statistics_in(q, ytd_period, tree=tree)
        return standing_in(q, ytd, tree=tree, live=True), ytd


# --- as JSON ----------------------------------------------------------------------------------


def _text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


_AMOUNTS = ("premiums", "target", "completion", "growth", "claim_ratio", "decision_days", "payment_days")


def standing_to_json(s: Standing) -> dict:
    """The standing as a month closing keeps it (every amount a string, read back exactly)."""

    def county(c: CountyStanding) -> dict:
        data = asdict(c)
        data.update({name: None if data[name] is None else str(data[name]) for name in _AMOUNTS})
        return data

    return {
        "year": s.year,
        "through": s.through,
        "schedule": str(s.schedule),
        "thresholds": [str(t) for t in s.thresholds],
        "counties": [county(c) for c in s.counties],
        "city": {
            "code": s.city_code,
            "premiums": str(s.city_premiums),
            "target": None if s.city_target is None else str(s.city_target),
            "completion": None if s.city_completion is None else str(s.city_completion),
            "growth": None if s.city_growth is None else str(s.city_growth),
            "enrollments_growth": _plain(s.city_enrollments_growth),
        },
        "full_coverage": s.full_coverage,
    }


def standing_from_json(data: dict) -> Standing:
    def county(c: dict) -> CountyStanding:
        return CountyStanding(**{**c, **{name: _decimal(c[name]) for name in _AMOUNTS}})

    city = data["city"]
    first, second = data["thresholds"]
    return Standing(
        year=data["year"],
        through=data["through"],
        schedule=Decimal(data["schedule"]),
        thresholds=(Decimal(first), Decimal(second)),
        counties=tuple(county(c) for c in data["counties"]),
        city_code=city["code"],
        city_premiums=Decimal(city["premiums"]),
        city_target=_decimal(city["target"]),
        city_completion=_decimal(city["completion"]),
        city_growth=_decimal(city["growth"]),
        full_coverage=data["full_coverage"],
        city_enrollments_growth=_decimal(city.get("enrollments_growth")),
    )


def stats_keys(s: Standing, code: str | None) -> dict:
    """What `stats --json` adds to a county's object (`code`) or to the total (None): target_premiums,
    target_rate (%), million (None / "million" / "two_million"), million_month, rank, tied, behind."""
    if code is None:
        return {
            "target_premiums": _text(s.city_target),
            "target_rate": _text(s.city_completion),
            "million": None,
            "million_month": None,
            "rank": None,
            "tied": False,
            "behind": bool(s.city_completion is not None and s.city_completion < s.schedule),
        }
    c = s.county(code)
    if c is None:  # records without a county (未归属县区): not ranked
        return {
            "target_premiums": None,
            "target_rate": None,
            "million": None,
            "million_month": None,
            "rank": None,
            "tied": False,
            "behind": False,
        }
    return {
        "target_premiums": _text(c.target),
        "target_rate": _text(c.completion),
        "million": c.million,
        "million_month": c.million_month,
        "rank": c.rank,
        "tied": c.tied,
        "behind": c.behind,
    }


def standing_summary_json(s: Standing) -> dict:
    """What `stats --json` says of the standing as a whole."""
    return {
        "year": s.year,
        "through_month": s.through,
        "schedule": _text(s.schedule),
        "thresholds": {"million": _text(s.thresholds[0]), "two_million": _text(s.thresholds[1])},
        "full_coverage": s.full_coverage,
        "basis": "cash",
        "frozen": not s.live,
    }
