"""Ranking (评比) and milestones (百万县区) of the monthly cycle.

Decided here:
- Counties are ranked on the year to date: by completion of the yearly premium target (参保金额目标), then by
  premiums; a county without a target comes after every county with one (by premiums). Counties equal on
  both share a rank (1, 2, 2, 4), shown as 并列.
- 时间进度 (the schedule) of a month is month ÷ 12: in November a county is behind schedule (落后于时间进度)
  when its completion is below 91.67 %.
- 一票否决: only a county that has met its yearly premium target (completion ≥ 100 %) may be rated advanced.
- Units within a county have no targets: ranked by premiums of the year to date, ties shared the same way.
- 百万县区 / 两百万县区: a county whose premiums of the year to date reach the threshold; the month it crossed is
  the first month whose year-to-date premiums reached it. The city is 全覆盖 when every county is a 百万县区.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from mutualaid_desktop.services.statistics.figures import Figures, percent
from mutualaid_desktop.services.statistics.growth import change

HUNDRED = Decimal(100)


def schedule(month: int) -> Decimal:
    """时间进度 of a month: month ÷ 12, in % with 2 decimals."""
    return percent(month, 12) or Decimal(0)


@dataclass(frozen=True)
class RankRow:
    rank: int
    tied: bool  # shares its rank with another (并列)
    code: str
    name: str
    premiums: Decimal  # year to date
    target: Decimal | None  # the yearly premium target
    completion: Decimal | None  # premiums ÷ target, %
    growth: Decimal | None  # 同比 of the premiums, %
    claim_ratio: Decimal | None
    decision_days: Decimal | None  # median
    payment_days: Decimal | None  # median
    behind: bool  # completion below the schedule (落后于时间进度)
    may_be_advanced: bool  # the target met (一票否决 otherwise); False for a unit (no target)


def _rows(
    figures: Sequence[Figures],
    before: Mapping[str, Figures],
    targets: Mapping[str, Decimal | None],
    month: int,
) -> list[RankRow]:
    due = schedule(month)
    rows = []
    for f in figures:
        target = targets.get(f.code)
        completion = percent(f.premiums, target) if target else None
        last = before.get(f.code)
        rows.append(
            RankRow(
                rank=0,
                tied=False,
                code=f.code,
                name=f.name,
                premiums=f.premiums,
                target=target,
                completion=completion,
                growth=change(f.premiums, last.premiums) if last else None,
                claim_ratio=f.claim_ratio,
                decision_days=f.decision_days.median,
                payment_days=f.payment_days.median,
                behind=completion is not None and completion < due,
                may_be_advanced=completion is not None and completion >= HUNDRED,
            )
        )
    return rows


def _ranked(rows: list[RankRow]) -> list[RankRow]:
    def key(r: RankRow) -> tuple:
        return (r.completion is None, -(r.completion or 0), -r.premiums)

    rows = sorted(rows, key=lambda r: (*key(r), r.code))
    out: list[RankRow] = []
    for i, r in enumerate(rows):
        rank = out[-1].rank if out and key(rows[i - 1]) == key(r) else i + 1
        out.append(_with_rank(r, rank))
    counts: dict[int, int] = {}
    for r in out:
        counts[r.rank] = counts.get(r.rank, 0) + 1
    return [_with_rank(r, r.rank, counts[r.rank] > 1) for r in out]


def _with_rank(r: RankRow, rank: int, tied: bool = False) -> RankRow:
    return replace(r, rank=rank, tied=tied)


def rank_counties(
    counties: Sequence[Figures],
    last_year: Sequence[Figures],
    targets: Mapping[str, Decimal | None],
    month: int,
) -> list[RankRow]:
    """The counties' ranking on their year-to-date figures (`counties`), against last year's same span."""
    real = [c for c in counties if c.code]  # not the row of records without a county
    return _ranked(_rows(real, {c.code: c for c in last_year}, targets, month))


def rank_units(units: Sequence[Figures], last_year: Sequence[Figures], month: int) -> list[RankRow]:
    """A county's units ranked by premiums of the year to date."""
    return _ranked(_rows(units, {u.code: u for u in last_year}, {}, month))


@dataclass(frozen=True)
class Milestone:
    code: str
    name: str
    premiums: Decimal  # year to date
    level: int  # 0 none, 1 百万县区, 2 两百万县区
    million_month: int | None  # the month it reached the first threshold
    two_million_month: int | None

    @property
    def label(self) -> str:
        return ("", "百万县区", "两百万县区")[self.level]


def milestones(
    monthly: Sequence[tuple[int, Mapping[str, Decimal]]],
    names: Mapping[str, str],
    thresholds: tuple[Decimal, Decimal],
) -> list[Milestone]:
    """Each county's status from its year-to-date premiums month by month ((month, {code: premiums}), in order)."""
    first, second = thresholds
    out = []
    for code, name in names.items():
        if not code:
            continue
        crossed: list[int | None] = [None, None]
        latest = Decimal(0)
        for month, ytd in monthly:
            latest = ytd.get(code, Decimal(0))
            for i, threshold in enumerate((first, second)):
                if crossed[i] is None and latest >= threshold:
                    crossed[i] = month
            if latest < first:  # a correction may take a county back under: the crossing is the latest one
                crossed = [None, None]
            elif latest < second:
                crossed[1] = None
        level = 2 if latest >= second else 1 if latest >= first else 0
        out.append(Milestone(code, name, latest, level, crossed[0], crossed[1]))
    return out


def full_coverage(status: Sequence[Milestone]) -> bool:
    """全覆盖: every county is a 百万县区 (or more)."""
    return bool(status) and all(m.level >= 1 for m in status)
