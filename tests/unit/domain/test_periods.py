"""The periods the city union reports by (domain/periods.py)."""

from __future__ import annotations

from datetime import date

import pytest

from mutualaid_desktop.domain import periods
from mutualaid_desktop.domain.periods import Period


@pytest.mark.parametrize(
    ("period", "start", "end", "label"),
    [
        (periods.month(2026, 11), date(2026, 11, 1), date(2026, 11, 30), "2026年11月"),
        (periods.month(2028, 2), date(2028, 2, 1), date(2028, 2, 29), "2028年2月"),
        (Period("quarter", 2026, 4), date(2026, 10, 1), date(2026, 12, 31), "2026年第四季度"),
        (periods.year_to_date(2026, 11), date(2026, 1, 1), date(2026, 11, 30), "2026年1—11月"),
        (periods.year_to_date(2026, 1), date(2026, 1, 1), date(2026, 1, 31), "2026年1月"),
        (periods.whole_year(2026), date(2026, 1, 1), date(2026, 12, 31), "2026年"),
    ],
)
def test_start_end_and_label(period, start, end, label):
    assert (period.start, period.end, period.label) == (start, end, label)


def test_month_on_month_and_year_on_year():
    assert periods.month(2026, 1).previous() == periods.month(2025, 12)
    assert periods.month(2026, 11).previous() == periods.month(2026, 10)
    assert Period("quarter", 2026, 1).previous() == Period("quarter", 2025, 4)
    assert periods.whole_year(2026).previous() == periods.whole_year(2025)
    assert periods.year_to_date(2026, 11).year_before() == periods.year_to_date(2025, 11)


def test_the_months_of_a_period():
    assert periods.months_of(Period("quarter", 2026, 2)) == [periods.month(2026, m) for m in (4, 5, 6)]
    assert len(periods.months_of(periods.whole_year(2026))) == 12


def test_utc_bounds_cover_the_local_days():
    since, until = periods.month(2026, 11).utc_bounds()
    assert periods.local_day(since) == date(2026, 11, 1)
    assert periods.local_day(until) == date(2026, 12, 1)


@pytest.mark.parametrize(
    ("kind", "year", "number"),
    [("month", 2026, 13), ("month", 2026, 0), ("quarter", 2026, 5), ("month", 1999, 1), ("week", 2026, 1)],
)
def test_a_period_out_of_range_is_refused(kind, year, number):
    with pytest.raises(ValueError):
        Period(kind, year, number)
