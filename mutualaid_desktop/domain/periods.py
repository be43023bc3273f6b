"""The periods the city union reports by: a month, a quarter, the year to date, a year.

A period is a span of calendar days, both ends included, with the words it is named by on paper
(2026年11月, 2026年第四季度, 2026年1—11月, 2026年). Pure Python.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from mutualaid_desktop.domain import clock

KINDS = ("month", "quarter", "ytd", "year")


@dataclass(frozen=True)
class Period:
    kind: str  # month / quarter / ytd (1 January to the end of a month) / year
    year: int
    number: int  # the month (month, ytd), the quarter (quarter), 12 (year)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown period kind {self.kind!r}")
        if not 2000 <= self.year <= 2100:
            raise ValueError(f"年份 {self.year} 不在 2000—2100 之间。")
        top = 4 if self.kind == "quarter" else 12
        if not 1 <= self.number <= top:
            raise ValueError(f"{'季度' if self.kind == 'quarter' else '月份'} {self.number} 不在 1—{top} 之间。")

    @property
    def start(self) -> date:
        if self.kind == "month":
            return date(self.year, self.number, 1)
        if self.kind == "quarter":
            return date(self.year, 3 * self.number - 2, 1)
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        """The last day, included."""
        last_month = 3 * self.number if self.kind == "quarter" else self.number
        return date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.year}年{self.number}月"
        if self.kind == "quarter":
            return f"{self.year}年第{'一二三四'[self.number - 1]}季度"
        if self.kind == "ytd":
            return f"{self.year}年1—{self.number}月" if self.number > 1 else f"{self.year}年1月"
        return f"{self.year}年"

    def previous(self) -> Period:
        """The period just before (环比): the month or quarter before; for a year or the year to date, the
        same span of the year before."""
        if self.kind == "month":
            return month(self.year - 1, 12) if self.number == 1 else month(self.year, self.number - 1)
        if self.kind == "quarter":
            return (
                Period("quarter", self.year - 1, 4)
                if self.number == 1
                else Period("quarter", self.year, self.number - 1)
            )
        return self.year_before()

    def year_before(self) -> Period:
        """The same period one year earlier (同比)."""
        return Period(self.kind, self.year - 1, self.number)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def utc_bounds(self) -> tuple[datetime, datetime]:
        """The period as stored moments (naive UTC, as the database keeps them): [from, to)."""
        return utc_start_of(self.start), utc_start_of(self.end + timedelta(days=1))


def month(year: int, number: int) -> Period:
    return Period("month", year, number)


def year_to_date(year: int, number: int) -> Period:
    return Period("ytd", year, number)


def whole_year(year: int) -> Period:
    return Period("year", year, 12)


def months_of(period: Period) -> list[Period]:
    """The months a period is made of, in order."""
    first = period.start.month
    return [month(period.year, m) for m in range(first, period.end.month + 1)]


# Stored moments and local days: domain/clock owns the conversion (names kept here for the statistics' readers).
utc_start_of = clock.stored_start_of
local_time = clock.local_time
local_day = clock.local_day
