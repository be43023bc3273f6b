"""The data of a hand-in file: the county's units and its per-unit sums of one month, and how the city adds
handed-in months into its statistics. Pure Python over Tally and Tree (services/statistics).

What is handed in (the least the figures of services/statistics/figures.py need; no person is named):
- units.json: the county's grassroots units, [{"code", "name", "headcount", "active"}] — the units count,
  the headcounts and the unit coverage are made from them as from the city's own tree;
- tallies.json: for each basis (cash, plan-year), each unit (its code; the county's own code for records held
  at the county node) and plan kind (null for the counts that have no kind: new members), the month's Tally
  of that unit: money in fen, counts, the days from intake to decision and from decision to payment (one
  number per claim), and whether the unit had an enrollment paid / a member covered.
No names, ID numbers, bank accounts, claim or member numbers: the members covered, renewed and new are counted
at the county (a member counted once per unit and kind, as the figures do), and only the counts travel.

A period made of several months (a quarter, the year to date): the figures of the period's span are added up
from the months (SUMMED), the figures taken as of the period's end (pending claims, members covered, renewal;
on the plan-year basis also the money, which is counted from the plan year's start) come from the last month
handed in within the period (AS_OF_END). A county that hands in is counted from its hand-ins only: the city's
own records under that county, if any, are left out (docs/handin.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import astuple, dataclass

from mutualaid_desktop.domain.periods import Period, months_of
from mutualaid_desktop.services.handin.file_format import BadFile
from mutualaid_desktop.services.statistics.tally import Tally
from mutualaid_desktop.services.statistics.tree import Tree
from mutualaid_desktop.store.handin_queries import HandinQueries

BASES = ("cash", "plan-year")
COUNTS = (
    "premiums_fen", "enrollments", "paid_fen", "reversed_fen", "claims_paid", "received", "refused", "pending",
    "pending_fen", "covered", "covered_counted", "last_year", "renewed", "new_members",
)  # fmt: skip
DAYS = ("decision_days", "payment_days")
FLAGS = {"enrolled": "enrolled_units", "covered_unit": "covered_units"}
ROW_KEYS = {"basis", "unit", "kind", *COUNTS, *DAYS, *FLAGS}
# what adds up over the months of a period, per basis; everything else is as of the period's end
SUMMED = {
    "cash": {
        "premiums_fen", "enrollments", "enrolled_units", "paid_fen", "reversed_fen", "claims_paid", "received",
        "refused", "decision_days", "payment_days", "new_members",
    },
    "plan-year": {"received", "refused", "decision_days", "payment_days", "new_members"},
}  # fmt: skip
FIELDS = (*COUNTS, *DAYS, *FLAGS.values())


def tally_row(basis: str, unit_code: str, kind: str | None, t: Tally) -> dict:
    """One row of tallies.json (only the fields that are not zero)."""
    row: dict = {"basis": basis, "unit": unit_code, "kind": kind}
    row.update({f: getattr(t, f) for f in COUNTS if getattr(t, f)})
    row.update({f: sorted(getattr(t, f)) for f in DAYS if getattr(t, f)})
    row.update({flag: True for flag, field in FLAGS.items() if getattr(t, field)})
    return row


def unit_row(code: str, name: str, headcount: int | None, active: bool) -> dict:
    return {"code": code, "name": name, "headcount": headcount, "active": active}


def _count(value, what: str, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value < 10**15:
        raise BadFile(f"tallies.json 中的{what}不对。")
    return value


def check_data(units, tallies) -> None:
    """units.json and tallies.json as this program writes them; BadFile otherwise."""
    if not isinstance(units, list) or not isinstance(tallies, list):
        raise BadFile("units.json 和 tallies.json 应是列表。")
    codes = set()
    for u in units:
        ok = isinstance(u, dict) and set(u) == {"code", "name", "headcount", "active"}
        ok = ok and isinstance(u["code"], str) and 0 < len(u["code"]) <= 32 and isinstance(u["name"], str)
        ok = ok and isinstance(u["active"], bool) and (u["headcount"] is None or isinstance(u["headcount"], int))
        if not ok or u["code"] in codes or (u["headcount"] is not None and u["headcount"] < 0):
            raise BadFile("units.json 中的单位不对。")
        codes.add(u["code"])
    keys = set()
    for row in tallies:
        if not isinstance(row, dict) or not {"basis", "unit", "kind"} <= set(row) <= ROW_KEYS:
            raise BadFile("tallies.json 中的行不对。")
        if (
            row["basis"] not in BASES
            or not isinstance(row["unit"], str)
            or not (row["kind"] is None or isinstance(row["kind"], str))
        ):
            raise BadFile("tallies.json 中的行不对。")
        key = (row["basis"], row["unit"], row["kind"])
        if key in keys:
            raise BadFile("tallies.json 中有重复的行。")
        keys.add(key)
        for f in COUNTS:
            _count(row.get(f, 0), f, 0)
        for f in DAYS:
            days = row.get(f, [])
            if not isinstance(days, list):
                raise BadFile(f"tallies.json 中的 {f} 不对。")
            for d in days:
                _count(d, f, -100_000)
        for flag in FLAGS:
            if flag in row and row[flag] is not True:
                raise BadFile(f"tallies.json 中的 {flag} 不对。")


def tally_of(row: dict, unit_id: int) -> Tally:
    t = Tally()
    for f in COUNTS:
        setattr(t, f, row.get(f, 0))
    for f in DAYS:
        setattr(t, f, list(row.get(f, [])))
    for flag, field in FLAGS.items():
        setattr(t, field, {unit_id} if row.get(flag) else set())
    return t


@dataclass(frozen=True)
class HandedMonth:
    """One month handed in by a county (the file in force): its units and its tally rows."""

    county_code: str
    county_name: str
    year: int
    month: int
    units: list[dict]
    tallies: list[dict]


Key = tuple[int | None, str | None]


def _combine(months: list[HandedMonth], basis: str, id_of: dict[str, int]) -> dict[Key, Tally]:
    """The tallies of a period made of `months` (in order) of one county."""
    out: dict[Key, Tally] = {}
    summed = SUMMED[basis]
    last = months[-1]
    for m in months:
        for row in m.tallies:
            if row["basis"] != basis:
                continue
            unit = id_of[row["unit"]]
            t = tally_of(row, unit)
            key = (unit, row["kind"])
            into = out.setdefault(key, Tally())
            for f in FIELDS:
                if f in summed:
                    value = getattr(into, f)
                    if isinstance(value, set):
                        value |= getattr(t, f)
                    elif isinstance(value, list):
                        value.extend(getattr(t, f))
                    else:
                        setattr(into, f, value + getattr(t, f))
                elif m is last:
                    setattr(into, f, getattr(t, f))
    return out


def merge(tree: Tree, handed: Iterable[HandedMonth], counties: set[str], tallies: dict[Key, Tally], basis: str):
    """The city's tree and tallies with the handed-in counties in: the records the city holds itself under a
    county in `counties` (the counties that hand in) left out, the handed-in months of each county added under
    nodes made for its units (negative ids). Returns (tree, tallies)."""
    by_county: dict[str, list[HandedMonth]] = {}
    for m in sorted(handed, key=lambda m: (m.county_code, m.year, m.month)):
        by_county.setdefault(m.county_code, []).append(m)
    county_ids = {n.code: n.id for n in tree.counties()}
    handed_ids = {county_ids[c] for c in counties if c in county_ids}
    kept = {k: t for k, t in tallies.items() if not (tree.county_of(k[0]) in handed_ids and (k[0] or 0) > 0)}
    rows = [astuple(n) for n in tree.nodes() if not (n.id > 0 and n.kind == "unit" and n.parent_id in handed_ids)]
    city = tree.city()
    next_id = -1
    for code, months in by_county.items():
        county_id = county_ids.get(code)
        if county_id is None:  # not in the city's tree: a node made for it
            county_id, next_id = next_id, next_id - 1
            rows.append((county_id, code, months[-1].county_name, "county", city.id if city else None, None, True))
        id_of = {code: county_id}
        latest = {u["code"]: u for u in months[-1].units}
        for m in months:
            for row in m.tallies:
                latest.setdefault(
                    row["unit"], {"code": row["unit"], "name": row["unit"], "headcount": None, "active": False}
                )
        for unit_code in sorted(latest):
            if unit_code == code:
                continue
            u = latest[unit_code]
            id_of[unit_code], next_id = next_id, next_id - 1
            rows.append((id_of[unit_code], unit_code, u["name"], "unit", county_id, u["headcount"], u["active"]))
        kept.update(_combine(months, basis, id_of))
        for unit_code, u in latest.items():  # the active units and their headcounts, as figures.py counts them
            if unit_code != code and u["active"]:
                t = kept.setdefault((id_of[unit_code], None), Tally())
                t.units += 1
                t.headcount += u["headcount"] or 0
    return Tree(rows), kept


def handed_months(hq: HandinQueries, period: Period) -> list[HandedMonth]:
    """The months handed in (files in force) that lie within `period`, of every county."""
    out = []
    for code, name, year, number, data_json in hq.files_in_force(period.year, [m.number for m in months_of(period)]):
        data = json.loads(data_json)
        out.append(HandedMonth(code, name, year, number, data["units"], data["tallies"]))
    return out


def with_handed_in(session, tree: Tree, tallies: dict[Key, Tally], period: Period, basis: str):
    """merge() with what the database holds: the counties that hand in and their months within `period`."""
    hq = HandinQueries(session)
    counties = hq.handing_counties()
    if not counties:
        return tree, tallies
    return merge(tree, handed_months(hq, period), counties, tallies, basis)
