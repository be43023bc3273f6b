"""The handed-in counties in the month report's ledger (month_report.live_report): the money that adds up over
months (month_ledger.py) is the city's own, per unit; for a county that hands in, the city's own units under it
are left out, and its year to date is what its handed-in months add up to (taken from the statistics, which
count it from its hand-ins: tallies.py). Adjustments to closed months (以前月份调整) are the county's business:
a handed-in month is as the county closed it, a correction comes as a new version of that month."""

from __future__ import annotations

import json

from mutualaid_desktop.domain.money import to_fen
from mutualaid_desktop.services.statistics.figures import Figures, Statistics
from mutualaid_desktop.services.statistics.month_ledger import ByUnit, Money
from mutualaid_desktop.services.statistics.tree import Tree
from mutualaid_desktop.store.handin_queries import HandinQueries
from mutualaid_desktop.store.statistics_queries import StatisticsQueries

Node = tuple[str, str]


def handing_counties(session, tree: Tree) -> tuple[set[str], set[int]]:
    """The codes of the counties that hand in, and the ids of those in the city's tree."""
    codes = HandinQueries(session).handing_counties()
    return codes, {n.id for n in tree.counties() if n.code in codes}


def without_handed(by_unit: ByUnit, tree: Tree, ids: set[int]) -> ByUnit:
    """`by_unit` without the city's own units under the counties that hand in."""
    if not ids:
        return by_unit
    return {k: m for k, m in by_unit.items() if tree.county_of(k[0]) not in ids}


def money_of(f: Figures) -> Money:
    return Money(
        premiums_fen=to_fen(f.premiums),
        enrollments=f.enrollments,
        paid_fen=to_fen(f.paid + f.reversed),
        reversed_fen=to_fen(f.reversed),
        claims_paid=f.claims_paid,
    )


def add_handed(money: dict[Node, Money], stats: Statistics, codes: set[str]) -> dict[Node, Money]:
    """`money` (by node) with the handed-in counties' figures of `stats`: their own node, their units, the city."""
    if not codes:
        return money
    out = dict(money)
    city = ("city", stats.city.code)
    for county in stats.counties:
        if county.code not in codes:
            continue
        m = money_of(county)
        out[("county", county.code)] = m
        out[city] = out.get(city, Money()) + m
        for unit in stats.units.get(county.code, ()):
            out[("unit", unit.code)] = money_of(unit)
    return out


def handed_premiums(session, year: int, months: list[int]) -> dict[tuple[str, int], tuple[int, int]]:
    """(county code, month) -> (premiums fen, enrollments) of the months handed in (cash basis), for the standing's
    months and last year's figures (standing.py)."""
    out: dict[tuple[str, int], tuple[int, int]] = {}
    if not months:
        return out
    for code, _name, _year, number, data_json in HandinQueries(session).files_in_force(year, months):
        fen = count = 0
        for row in json.loads(data_json)["tallies"]:
            if row["basis"] == "cash":
                fen += row.get("premiums_fen", 0)
                count += row.get("enrollments", 0)
        out[(code, number)] = (fen, count)
    return out


def with_handed_months(q: StatisticsQueries, year: int, months: list[ByUnit]) -> list[ByUnit]:
    """Each month's money (`months[i]` is month i+1 of `year`, cash basis, per unit and kind: a year's chart) with
    the counties that hand in counted from their hand-ins: the city's own units under them left out, their
    handed-in months' money put on the county's node."""
    session = q.session
    if not HandinQueries(session).handing_counties():
        return months
    tree = Tree(q.units())
    _codes, ids = handing_counties(session, tree)
    county_id = {n.code: n.id for n in tree.counties()}
    out = [without_handed(m, tree, ids) for m in months]
    rows = HandinQueries(session).files_in_force(year, list(range(1, len(months) + 1)))
    for code, _name, _year, number, data_json in rows:
        if code not in county_id:
            continue
        into = out[number - 1]
        for row in json.loads(data_json)["tallies"]:
            if row["basis"] != "cash":
                continue
            key = (county_id[code], row["kind"])
            into[key] = into.get(key, Money()) + Money(
                premiums_fen=row.get("premiums_fen", 0),
                enrollments=row.get("enrollments", 0),
                paid_fen=row.get("paid_fen", 0),
                reversed_fen=row.get("reversed_fen", 0),
                claims_paid=row.get("claims_paid", 0),
            )
    return out
