"""A month's report (月报表): the month's figures, its adjustment to earlier months (以前月份调整) and the
year to date — live for a month not closed, exactly as closed for a closed month (its closing's JSON,
checked against its digest).

The year to date: the figures that add up (premiums, enrollments, paid, reversed, claims paid) are what the
year's month reports add up to (month_ledger.year_to_date); the others (pending claims, days, coverage,
renewal, units) are the year to date's own.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.domain.periods import Period, local_time, month, year_to_date
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.handin.ledger import add_handed, handing_counties, without_handed
from mutualaid_desktop.services.statistics.figures import Figures, Statistics, percent, statistics_in
from mutualaid_desktop.services.statistics.figures_json import statistics_from_json, statistics_to_json
from mutualaid_desktop.services.statistics.month_ledger import ByUnit, Money, add_up, adjustment, live_money
from mutualaid_desktop.services.statistics.month_ledger import year_to_date as ledger_year_to_date
from mutualaid_desktop.services.statistics.standing import Standing, standing_from_json, standing_in, standing_to_json
from mutualaid_desktop.services.statistics.tree import Tree
from mutualaid_desktop.store.closing_queries import ClosingQueries
from mutualaid_desktop.store.models import MonthClosing
from mutualaid_desktop.store.statistics_queries import StatisticsQueries

FORMAT = 2  # 2: the closing keeps the standing (targets, thresholds, ranking, 百万县区, schedule) too
Node = tuple[str, str]  # (level, code): ("city", code), ("county", code), ("unit", code)


@dataclass(frozen=True)
class ClosingInfo:
    year: int
    month: int
    version: int
    closed_at: datetime  # local time
    closed_by: str
    digest: str
    reopened_at: datetime | None = None
    reopened_by: str | None = None
    reopen_reason: str | None = None

    @property
    def label(self) -> str:
        return f"{self.year}年{self.month}月"


@dataclass(frozen=True)
class MonthReport:
    period: Period
    closing: ClosingInfo | None  # None: not closed, the figures are live
    month: Statistics  # the month's own figures
    adjustments: dict[Node, Money]  # 以前月份调整, by node (only the nodes with one)
    ytd: Statistics  # the year to date
    # the counties' standing on the year to date: as closed for a month closed (computed now, marked live, for a
    # closing of format 1, which did not keep it), live for a month not closed
    standing: Standing

    def adjustment(self, level: str, code: str) -> Money:
        return self.adjustments.get((level, code), Money())


def canonical(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def digest_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def closing_info(c: MonthClosing, reopened_by: str | None = None) -> ClosingInfo:
    return ClosingInfo(
        year=c.year,
        month=c.month,
        version=c.version,
        closed_at=local_time(c.closed_at),
        closed_by=c.closed_by_name,
        digest=c.digest,
        reopened_at=local_time(c.reopened_at) if c.reopened_at else None,
        reopened_by=reopened_by,
        reopen_reason=c.reopen_reason,
    )


def checked_json(c: MonthClosing) -> dict:
    """A closing's figures, refused when they are not what was signed (edited behind the program's back)."""
    if digest_of(c.figures_json) != c.digest:
        raise ServiceError(
            f"{c.year}年{c.month}月的月结数据与签名不符，可能被改动过。请不要使用，并联系管理员用备份核对。"
        )
    return json.loads(c.figures_json)


def reported_of(c: MonthClosing) -> ByUnit:
    """What a closing reported per (unit, kind): its figures plus its adjustment (for the later months' ledger)."""
    return {(unit, kind): Money(*values) for unit, kind, *values in checked_json(c)["reported"]}


def closed_months(cq: ClosingQueries) -> dict[tuple[int, int], ByUnit]:
    return {(c.year, c.month): reported_of(c) for c in cq.live_closings()}


def by_node(tree: Tree, by_unit: ByUnit) -> dict[Node, Money]:
    """The per-unit figures added up for the city, each county and each unit."""
    out: dict[Node, Money] = {}
    city = tree.city()
    for (unit, _kind), money in by_unit.items():
        nodes = [("city", city.code if city else "")]
        county = tree.county_of(unit)
        nodes.append(("county", tree.code(county)))
        node = tree.node(unit)
        if node is not None and node.kind == "unit":
            nodes.append(("unit", node.code))
        for n in nodes:
            out[n] = out.get(n, Money()) + money
    return {k: v for k, v in out.items() if v}


def _with_money(f: Figures, money: Money) -> Figures:
    """`f` with the figures that add up replaced by `money` (the year to date as the months report it)."""
    paid = from_fen(money.net_paid_fen)
    return replace(
        f,
        enrollments=money.enrollments,
        premiums=from_fen(money.premiums_fen),
        claims_paid=money.claims_paid,
        paid=paid,
        reversed=from_fen(money.reversed_fen),
        claim_ratio=percent(money.net_paid_fen, money.premiums_fen),
        average_payout=(paid / money.claims_paid).quantize(Decimal("0.01"), ROUND_HALF_UP)
        if money.claims_paid
        else None,
    )


def _ledger_statistics(stats: Statistics, money: dict[Node, Money]) -> Statistics:
    def fix(f: Figures, level: str) -> Figures:
        return _with_money(f, money.get((level, f.code), Money()))

    return replace(
        stats,
        city=fix(stats.city, "city"),
        counties=tuple(fix(c, "county") for c in stats.counties),
        units={code: tuple(fix(u, "unit") for u in rows) for code, rows in stats.units.items()},
    )


def live_report(q: StatisticsQueries, cq: ClosingQueries, year: int, number: int) -> tuple[MonthReport, ByUnit]:
    """The month's report as the database has it now, and what the month would report per unit (its figures
    and its adjustment) if it were closed now."""
    period = month(year, number)
    tree = Tree(q.units())
    closed = closed_months(cq)
    closed.pop((year, number), None)
    codes, ids = handing_counties(q.session, tree)  # counted from their hand-ins: services/handin/ledger.py
    adjust = without_handed(adjustment(q, period, closed), tree, ids)
    own = statistics_in(q, period, tree=tree)
    reported = add_up(without_handed(live_money(q, period.start, period.end), tree, ids), adjust)
    ytd_money = without_handed(ledger_year_to_date(q, period, closed, this_month=reported), tree, ids)
    ytd_live = statistics_in(q, year_to_date(year, number), tree=tree)
    ytd = _ledger_statistics(ytd_live, add_handed(by_node(tree, ytd_money), ytd_live, codes))
    standing = standing_in(q, ytd, tree=tree, live=True)
    return MonthReport(period, None, own, by_node(tree, adjust), ytd, standing), reported


def report_to_json(report: MonthReport, reported: ByUnit) -> dict:
    """What a closing keeps: the report, and the per-unit figures the later months' ledger needs."""

    def money(m: Money) -> list[int]:
        return m.to_list()

    return {
        "format": FORMAT,
        "month": statistics_to_json(report.month, all_units=True),
        "ytd": statistics_to_json(report.ytd, all_units=True),
        "adjustments": [[level, code, *money(m)] for (level, code), m in sorted(report.adjustments.items())],
        "reported": [[unit, kind, *money(m)] for (unit, kind), m in sorted(reported.items(), key=str)],
        "standing": standing_to_json(report.standing),
    }


def report_from_closing(
    c: MonthClosing, q: StatisticsQueries, reopened_by: str | None = None, *, units: bool = True
) -> MonthReport:
    """A closed month's report as its closing keeps it (without the units' figures when `units` is False); the
    standing of a closing of format 1 (which did not keep it) is computed now from the kept year to date, with
    today's targets and thresholds, and marked live."""
    data = checked_json(c)
    ytd = statistics_from_json(data["ytd"], units=units)
    kept = data.get("standing")
    return MonthReport(
        period=month(c.year, c.month),
        closing=closing_info(c, reopened_by),
        month=statistics_from_json(data["month"], units=units),
        adjustments={(level, code): Money(*values) for level, code, *values in data["adjustments"]},
        ytd=ytd,
        standing=standing_from_json(kept) if kept is not None else standing_in(q, ytd, live=True),
    )
