"""The month's money as the books carry it: the figures that add up (premiums, enrollments, paid, reversed,
claims paid), and the adjustment (以前月份调整) that keeps the months adding up when a closed month is
touched afterwards (a receipt voided, a payout settled on an earlier bank date, a receipt dated back).

A closed month reports what it reported when it was closed, for ever. What it "reports" is its own
figures plus its adjustment. Every month M reports, as its adjustment, what the months closed just
before it (the run of closed months that ends with M − 1) amount to today, less what their closings
reported:

    adjustment(M) = live(the run) − Σ reported(the run)          (0 when M − 1 is not closed)

so that, from the first month on, Σ reported(months before M) + adjustment(M) = live(everything before M):
the months always add up to the live books, however often months are closed, touched and reopened. A
correction therefore shows in the first month not closed after the month it touches — the month the
clerk is working in, when months are closed in order (month_closing.py makes sure of that).
Cash basis only: this is a month's accounts (交账).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date, timedelta

from mutualaid_desktop.domain.periods import Period, month, utc_start_of
from mutualaid_desktop.store.statistics_queries import StatisticsQueries

Key = tuple[int | None, str | None]  # (unit id, plan kind)


@dataclass(frozen=True)
class Money:
    """The figures that add up over months, in fen and counts."""

    premiums_fen: int = 0
    enrollments: int = 0
    paid_fen: int = 0  # payout items marked paid
    reversed_fen: int = 0
    claims_paid: int = 0

    def __add__(self, other: Money) -> Money:
        return Money(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def __sub__(self, other: Money) -> Money:
        return Money(*(getattr(self, f.name) - getattr(other, f.name) for f in fields(self)))

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @property
    def net_paid_fen(self) -> int:
        return self.paid_fen - self.reversed_fen

    def to_list(self) -> list[int]:
        return [getattr(self, f.name) for f in fields(self)]


ByUnit = dict[Key, Money]


def add_up(*parts: Mapping[Key, Money], sign: int = 1) -> ByUnit:
    """The sum of the per-unit figures (the later ones subtracted with sign=-1)."""
    out: ByUnit = dict(parts[0]) if parts else {}
    for part in parts[1:]:
        for key, money in part.items():
            out[key] = out.get(key, Money()) + money if sign > 0 else out.get(key, Money()) - money
    return {k: v for k, v in out.items() if v}


def live_money(q: StatisticsQueries, first: date | None, last: date) -> ByUnit:
    """The figures as the database has them today for first..last (from the beginning when first is None)."""
    out: dict[Key, Money] = {}

    def put(key: Key, money: Money) -> None:
        out[key] = out.get(key, Money()) + money

    for unit, kind, fen, n in q.premiums(first, last, None):
        put((unit, kind), Money(premiums_fen=fen, enrollments=n))
    for unit, kind, fen, n in q.paid(first, last, None):
        put((unit, kind), Money(paid_fen=fen, claims_paid=n))
    since = utc_start_of(first) if first is not None else None
    for unit, kind, fen in q.reversed(since, utc_start_of(last + timedelta(days=1)), None):
        put((unit, kind), Money(reversed_fen=fen))
    return {k: v for k, v in out.items() if v}


def closed_run_before(target: Period, closed: Mapping[tuple[int, int], ByUnit]) -> list[Period]:
    """The months closed just before `target`, oldest first (empty when the month before is not closed)."""
    run: list[Period] = []
    current = target.previous()
    while (current.year, current.number) in closed:
        run.insert(0, current)
        current = current.previous()
    return run


def adjustment(q: StatisticsQueries, target: Period, closed: Mapping[tuple[int, int], ByUnit]) -> ByUnit:
    """以前月份调整 of month `target`: the closed run before it, live today, less what the run reported.
    `closed` maps (year, month) of every closed month to what its closing reported (its figures and its
    own adjustment)."""
    run = closed_run_before(target, closed)
    if not run:
        return {}
    live = live_money(q, run[0].start, run[-1].end)
    return add_up(live, *(closed[(p.year, p.number)] for p in run), sign=-1)


def reported_before(q: StatisticsQueries, target: Period, closed: Mapping[tuple[int, int], ByUnit]) -> ByUnit:
    """Σ reported(every month before `target`) = live(before the closed run) + what the run reported."""
    run = closed_run_before(target, closed)
    start = run[0].start if run else target.start
    live = live_money(q, None, start - timedelta(days=1))
    return add_up(live, *(closed[(p.year, p.number)] for p in run))


def reported(q: StatisticsQueries, target: Period, closed: Mapping[tuple[int, int], ByUnit]) -> ByUnit:
    """What month `target` reports: its closing's figures when closed, else its live figures and adjustment."""
    key = (target.year, target.number)
    if key in closed:
        return dict(closed[key])
    return add_up(live_money(q, target.start, target.end), adjustment(q, target, closed))


def year_to_date(
    q: StatisticsQueries,
    target: Period,
    closed: Mapping[tuple[int, int], ByUnit],
    *,
    this_month: ByUnit | None = None,
) -> ByUnit:
    """Σ reported(January .. `target`) of target's year: what the year's month reports add up to. `this_month`:
    what `target` reports, when the caller has it already."""
    own = reported(q, target, closed) if this_month is None else this_month
    through = add_up(reported_before(q, target, closed), own)
    return add_up(through, reported_before(q, month(target.year, 1), closed), sign=-1)


def totals(by_unit: Iterable[tuple[Key, Money]]) -> Money:
    out = Money()
    for _key, money in by_unit:
        out = out + money
    return out
