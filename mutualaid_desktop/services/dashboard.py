"""The live figures of the home page: today's four counters, and for whom may see the statistics the city's
参保金额, 参保人次, 理赔金额 and 理赔率 of this month and of the year to date (as figures.py defines them), the city's
yearly premium target and its completion, the year's months for a small chart, and the 百万县区 status
(ranking.milestones).

All from the money of each month of the year (charts.months_money, one unit of work, one tree): this month is the
last of them, the year to date their sum, the chart their series, and the month each county crossed a threshold
the running sum of its months' premiums (cash basis). The 统计 screen has every figure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.domain.periods import Period, month
from mutualaid_desktop.services.admin.counter_setup import stored_counter_name
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.permissions import may
from mutualaid_desktop.services.statistics.charts import MonthSeries, money_series, months_money
from mutualaid_desktop.services.statistics.figures import percent
from mutualaid_desktop.services.statistics.month_ledger import ByUnit, Money
from mutualaid_desktop.services.statistics.ranking import Milestone, full_coverage, milestones
from mutualaid_desktop.services.statistics.targets import read_million_thresholds, read_premium_targets
from mutualaid_desktop.services.statistics.tree import Tree
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.repositories import DashboardQueries
from mutualaid_desktop.store.statistics_queries import StatisticsQueries


@dataclass(frozen=True)
class Takings:
    """The city's figures that add up over a period (cash basis): as figures.py defines them."""

    premiums: Decimal  # 参保金额
    enrollments: int  # 参保人次
    paid: Decimal  # 理赔金额, less reversals
    claim_ratio: Decimal | None  # 理赔率 %

    @classmethod
    def of(cls, months: Sequence[ByUnit]) -> Takings:
        total = Money()
        for by_unit in months:
            for money in by_unit.values():
                total = total + money
        return cls(
            premiums=from_fen(total.premiums_fen),
            enrollments=total.enrollments,
            paid=from_fen(total.net_paid_fen),
            claim_ratio=percent(total.net_paid_fen, total.premiums_fen),
        )


@dataclass(frozen=True)
class HomeStatistics:
    """The city this month and this year (to date), cash basis."""

    period: Period  # this month
    month: Takings
    year: Takings
    target: Decimal | None  # the city's yearly premium target
    completion: Decimal | None  # the year's premiums ÷ the target, %
    series: MonthSeries  # the year's months, for the small chart
    milestones: tuple[Milestone, ...]  # every county's 百万县区 status
    full_coverage: bool  # 全覆盖: every county a 百万县区
    thresholds: tuple[Decimal, Decimal]


@dataclass(frozen=True)
class HomeFigures:
    members: int
    active_covers: int
    claims_waiting_review: int
    receipts_today: int
    receipts_today_amount: Decimal
    org_name: str | None


def home_figures(db: Database, today: date) -> HomeFigures:
    """Today's counters (a few milliseconds: the home page shows them before the statistics)."""
    with UnitOfWork(db, read_only=True) as uow:
        q = DashboardQueries(uow.session)
        count, fen = q.receipts_on(today)
        return HomeFigures(
            members=q.member_count(),
            active_covers=q.active_cover_count(today),
            claims_waiting_review=q.claims_in_status("waiting_review"),
            receipts_today=count,
            receipts_today_amount=from_fen(fen),
            org_name=stored_counter_name(uow.session),
        )


def home_statistics(db: Database, user: UserInfo, today: date) -> HomeStatistics | None:
    """The city's figures of this month and the year for `user`; None when they may not see the statistics.
    Only the figures that add up (the money of each month: a few grouped sums a month; the coverage, the days and
    the renewal of the 统计 screen read every enrollment of the year, seconds on a city database) — the home page
    reads them after today's counters, and again only when the data changed or the day did."""
    if not may(user, "see_statistics"):
        return None
    with UnitOfWork(db, read_only=True) as uow:
        return _statistics(uow.session, today)


def _statistics(session, today: date) -> HomeStatistics:
    q = StatisticsQueries(session)
    tree = Tree(q.units())
    months = months_money(q, today.year, today.month)
    year = Takings.of(months)
    thresholds = read_million_thresholds(session)
    names = {c.code: c.name for c in tree.counties()}
    status = milestones(_running_premiums(months, tree), names, thresholds)
    city = tree.city()
    target = None if city is None else read_premium_targets(session, today.year).get(city.id)
    return HomeStatistics(
        period=month(today.year, today.month),
        month=Takings.of(months[-1:]),
        year=year,
        target=target,
        completion=percent(year.premiums, target) if target else None,
        series=money_series(months, tree, today.year),
        milestones=tuple(status),
        full_coverage=full_coverage(status),
        thresholds=thresholds,
    )


def _running_premiums(months: list[ByUnit], tree: Tree) -> list[tuple[int, dict[str, Decimal]]]:
    """(month, {county code: premiums of the year through that month}) for each month, in order."""
    out: list[tuple[int, dict[str, Decimal]]] = []
    running: dict[str, int] = {}
    for number, by_unit in enumerate(months, start=1):
        for (unit, _kind), money in by_unit.items():
            code = tree.code(tree.county_of(unit))
            running[code] = running.get(code, 0) + money.premiums_fen
        out.append((number, {code: from_fen(fen) for code, fen in running.items()}))
    return out
