"""The figures as JSON (the command line's `stats --json`, and Excel's and the papers' one reading of them):
money as strings with two decimals ("1234.50"), percentages as strings with two decimals or null, days as
strings or null. One shape for the city, a county and a unit."""

from __future__ import annotations

from decimal import Decimal

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


def statistics_to_json(stats: Statistics, *, county: str | None = None) -> dict:
    """The period, the counties (or the one `county` with its units) and the city's total."""
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
    return out
