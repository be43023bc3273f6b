"""The demo city's calendar (services/admin/demo.py): the counter's working days and hours, when units pay
in the renewal season (续保季), and how claims come in over the months of a year."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from mutualaid_desktop.domain.periods import utc_start_of

# Public holidays the counter is closed on (month, day); weekends are closed too.
HOLIDAYS = frozenset({(1, 1), (5, 1), (5, 2), (5, 3), (10, 1), (10, 2), (10, 3), (10, 4), (10, 5), (10, 6), (10, 7)})
OPENS, CLOSES = 8 * 60 + 30, 17 * 60 + 30  # the counter's hours, minutes after local midnight

# When a unit pays for a plan year P: (months after 1 November of P-1, weight). Most in Nov-Dec and January,
# a few late ones until March.
SEASON = ((0, 45), (1, 35), (2, 15), (3, 3), (4, 2))

# How the amount paid on claims goes over the months (winter stays are more), before the seed's noise.
CLAIM_SEASON = (1.15, 1.0, 1.05, 0.95, 0.9, 0.85, 0.95, 0.95, 0.9, 1.0, 1.05, 1.2)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and (day.month, day.day) not in HOLIDAYS


def working_day_from(day: date, *, backward: bool = False) -> date:
    """`day` if the counter is open then, else the next (or, backward, the previous) day it is."""
    step = timedelta(days=-1 if backward else 1)
    while not is_working_day(day):
        day += step
    return day


def working_day_between(rnd: random.Random, first: date, last: date) -> date | None:
    """A working day drawn from first..last (both included); None when there is none."""
    if last < first:
        return None
    day = working_day_from(first + timedelta(days=rnd.randrange((last - first).days + 1)))
    if day > last:
        day = working_day_from(last, backward=True)
    return day if day >= first else None


def counter_moment(rnd: random.Random, day: date) -> datetime:
    """A stored moment (naive UTC) of `day` at the counter's local hours."""
    return utc_start_of(day) + timedelta(minutes=rnd.randrange(OPENS, CLOSES))


def at_local(day: date, hour: int, minute: int = 0) -> datetime:
    """A stored moment (naive UTC) of `day` at a fixed local time."""
    return utc_start_of(day) + timedelta(hours=hour, minutes=minute)


def season_day(rnd: random.Random, plan_year: int) -> date:
    """The working day a unit pays for `plan_year` in the renewal season (it may lie after today)."""
    months, weights = zip(*SEASON, strict=True)
    after = rnd.choices(months, weights)[0]
    year, month = (plan_year - 1, 11 + after) if after < 2 else (plan_year, after - 1)
    first = date(year, month, 1)
    return working_day_from(first + timedelta(days=rnd.randrange(28)))


def month_days(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, following - timedelta(days=1)
