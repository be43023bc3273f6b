"""birth_date_bounds is age_problem as a range of birth dates (the reminders and the overview query with it)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from mutualaid_desktop.domain.idcard import IdNumber
from mutualaid_desktop.services.enrollment.enrollment import PlanChoice, age_problem, birth_date_bounds


def plan(start: date, min_age: int = 16, max_age: int = 65) -> PlanChoice:
    return PlanChoice(
        "P", "计划", "reimbursement", Decimal("95"), 1, min_age, max_age, start, date(start.year, 12, 31), 90, 0
    )


@pytest.mark.parametrize("start", [date(2027, 1, 1), date(2028, 2, 29), date(2027, 3, 1), date(2027, 2, 28)])
def test_bounds_agree_with_age_problem_day_by_day(start):
    p = plan(start)
    today = start - timedelta(days=30)
    earliest, latest = birth_date_bounds(p, today)
    for birth in [earliest - timedelta(days=d) for d in range(0, 800)] + [
        latest + timedelta(days=d) for d in range(-800, 800)
    ]:
        person = IdNumber(normalized="6110021980010100000", birth_date=birth, sex="male", area_code="611002")
        inside = earliest <= birth <= latest
        assert (age_problem(person, p, today) is None) == inside, birth


def test_the_planned_start_follows_today_after_the_plan_began():
    p = plan(date(2027, 1, 1))
    assert birth_date_bounds(p, date(2027, 6, 9)) == (date(1961, 6, 11), date(2011, 6, 10))
