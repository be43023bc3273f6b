"""The figures as JSON (the command line's `stats --json`, and Excel's and the papers' one reading of them):
money as strings with two decimals ("1234.50"), percentages as strings with two decimals or null, days as
strings or null. One shape for the city, a county and a unit."""

from __future__ import annotations

from decimal import Decimal

from mutualaid_desktop.domain.periods import Period
from mutualaid_desktop.services.statistics.figures import DaySpread, Figures, Statistics


def _text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _days(spread: DaySpread) -> dict:
    return {"claims": spread.count, "median": None if spread.median is None else str(spread.median), "p90": spread.p90}


def figures_to_json(f: Figures) -> dict:
    return {
        "code": f.code,
        "name": f.name,
        "units": f.units,
        "enrollments": f.enrollments,
        "premiums": _text(f.premiums),
        "claims_paid": f.claims_paid,
        "paid": _text(f.paid),
        "reversed": _text(f.reversed),
        "claim_ratio": _text(f.claim_ratio),
        "claims_received": f.claims_received,
        "claims_refused": f.claims_refused,
        "claims_pending": f.claims_pending,
        "pending_quoted": _text(f.pending_quoted),
        "average_payout": _text(f.average_payout),
        "days_to_decision": _days(f.decision_days),
        "days_to_payment": _days(f.payment_days),
        "covered": f.covered,
        "coverage": _text(f.coverage),
        "units_covered": f.units_covered,
        "units_total": f.units_total,
        "unit_coverage": _text(f.unit_coverage),
        "covered_last_year": f.last_year,
        "renewed": f.renewed,
        "renewal_rate": _text(f.renewal_rate),
        "new_members": f.new_members,
    }


def statistics_to_json(stats: Statistics, *, county: str | None = None, all_units: bool = False) -> dict:
    """The period, the counties (or the one `county` with its units) and the city's total; with `all_units`
    every county's units too (a month closing keeps them all)."""
    counties = [c for c in stats.counties if county is None or c.code == county]
    out: dict = {
        "period": {
            "from": stats.period.start.isoformat(),
            "to": stats.period.end.isoformat(),
            "label": stats.period.label,
            "basis": stats.basis,
        },
        "counties": [figures_to_json(c) for c in counties],
        "kinds": [figures_to_json(k) for k in stats.kinds],  # code: the plan kind
        "total": figures_to_json(stats.city),
    }
    if county is not None:
        out["units"] = [figures_to_json(u) for u in stats.units.get(county, ())]
    if all_units:
        out["period"].update(kind=stats.period.kind, year=stats.period.year, number=stats.period.number)
        out["all_units"] = {code: [figures_to_json(u) for u in units] for code, units in stats.units.items()}
    return out


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _spread(data: dict) -> DaySpread:
    return DaySpread(data["claims"], _decimal(data["median"]), data["p90"])


def figures_from_json(data: dict, level: str) -> Figures:
    """The figures as figures_to_json wrote them (a closed month's, read back)."""
    money = {"premiums", "paid", "reversed", "pending_quoted"}
    maybe = {"claim_ratio", "average_payout", "coverage", "unit_coverage", "renewal_rate"}
    renamed = {"days_to_decision": "decision_days", "days_to_payment": "payment_days", "covered_last_year": "last_year"}
    values: dict = {"level": level}
    for key, value in data.items():
        name = renamed.get(key, key)
        if key in money:
            values[name] = Decimal(value)
        elif key in maybe:
            values[name] = _decimal(value)
        elif key.startswith("days_to_"):
            values[name] = _spread(value)
        else:
            values[name] = value
    return Figures(**values)


def statistics_from_json(data: dict, *, units: bool = True) -> Statistics:
    """A Statistics written by statistics_to_json(…, all_units=True), read back; without its units (an empty
    `units`) when `units` is False — what a year's chart needs of a closed month, and a city has thousands."""
    p = data["period"]
    return Statistics(
        period=Period(p["kind"], p["year"], p["number"]),
        basis=p["basis"],
        city=figures_from_json(data["total"], "city"),
        counties=tuple(figures_from_json(c, "county") for c in data["counties"]),
        units={code: tuple(figures_from_json(u, "unit") for u in rows) for code, rows in data["all_units"].items()}
        if units
        else {},
        kinds=tuple(figures_from_json(k, "kind") for k in data["kinds"]),
    )
