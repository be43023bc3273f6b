"""Year-on-year (同比) and month-on-month (环比) change of the figures: (now − before) ÷ before, a percentage
with 2 decimals, half up; None when there is nothing to compare with (before is 0 or unknown)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from mutualaid_desktop.services.statistics.figures import Figures, Statistics, percent

# The figures whose change is shown: counts and amounts (a ratio's change is shown in points, below).
COMPARED = (
    "units",
    "enrollments",
    "premiums",
    "claims_paid",
    "paid",
    "claims_received",
    "claims_refused",
    "claims_pending",
    "covered",
    "new_members",
)
# Percentages: their change is the difference in percentage points.
POINTS = ("claim_ratio", "coverage", "unit_coverage", "renewal_rate")


def change(now: int | Decimal | None, before: int | Decimal | None) -> Decimal | None:
    """The change from `before` to `now` in % (2 decimals, half up); None without a base."""
    if now is None or before is None or not before:
        return None
    return percent(Decimal(now) - Decimal(before), abs(Decimal(before)))


def points(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    """The change of a percentage, in percentage points."""
    if now is None or before is None:
        return None
    return now - before


@dataclass(frozen=True)
class Growth:
    """The change of every compared figure of one node: {figure name: % or points, or None}."""

    code: str
    values: dict[str, Decimal | None]

    def __getitem__(self, name: str) -> Decimal | None:
        return self.values[name]


def growth_of(now: Figures, before: Figures | None) -> Growth:
    values: dict[str, Decimal | None] = {}
    for name in COMPARED:
        values[name] = None if before is None else change(getattr(now, name), getattr(before, name))
    for name in POINTS:
        values[name] = None if before is None else points(getattr(now, name), getattr(before, name))
    return Growth(now.code, values)


def growth_by_code(now: Statistics, before: Statistics | None) -> dict[str, Growth]:
    """The change of the city (under its code), of every county and of every unit, matched by code."""
    earlier: dict[str, Figures] = {}
    if before is not None:
        earlier[before.city.code] = before.city
        earlier.update({c.code: c for c in before.counties})
        earlier.update({u.code: u for rows in before.units.values() for u in rows})
    nodes = [now.city, *now.counties, *(u for rows in now.units.values() for u in rows)]
    return {f.code: growth_of(f, earlier.get(f.code)) for f in nodes}
