"""Next year's plan file: years, periods (29 February), layout kept, odd files refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mutualaid_desktop.domain.errors import PlanError
from mutualaid_desktop.domain.plan import load_plan
from mutualaid_desktop.domain.plan_next_year import bump_years, next_period, next_year_code, next_year_text
from tests.unit.domain.plans import PLAN_FILES, edit, plan_text


@pytest.mark.parametrize(
    ("start", "end", "new_start", "new_end"),
    [
        (date(2026, 1, 1), date(2026, 12, 31), date(2027, 1, 1), date(2027, 12, 31)),
        (date(2027, 1, 1), date(2027, 12, 31), date(2028, 1, 1), date(2028, 12, 31)),
        # a plan year from March: the end is the last day of February, 29 in a leap year
        (date(2027, 3, 1), date(2028, 2, 29), date(2028, 3, 1), date(2029, 2, 28)),
        (date(2026, 3, 1), date(2027, 2, 28), date(2027, 3, 1), date(2028, 2, 29)),
        # starting on 29 February: next year on 1 March, the day after that year's last of February
        (date(2028, 2, 29), date(2029, 2, 28), date(2029, 3, 1), date(2030, 2, 28)),
        # a plan year from July, over two calendar years
        (date(2026, 7, 1), date(2027, 6, 30), date(2027, 7, 1), date(2028, 6, 30)),
        # a short period ending 28 February in a leap year (29 February not in it)
        (date(2028, 1, 1), date(2028, 2, 28), date(2029, 1, 1), date(2029, 2, 28)),
    ],
)
def test_next_period(start, end, new_start, new_end):
    assert next_period(start, end) == (new_start, new_end)


def test_next_periods_follow_on_without_gap_or_overlap():
    start, end = date(2027, 3, 1), date(2028, 2, 29)
    for _ in range(12):
        new_start, new_end = next_period(start, end)
        assert (new_start - end).days == 1, (start, end, new_start)
        assert (new_end + timedelta(days=1)) == date(new_end.year, 3, 1)  # the last day of February
        start, end = new_start, new_end


def test_bump_years():
    assert bump_years("SL-ZY-2026", {2026}) == "SL-ZY-2027"
    assert bump_years("（2026-2027年度）", {2026, 2027}) == "（2027-2028年度）"
    assert bump_years("2020年起 2026年度 120266", {2026}) == "2020年起 2027年度 120266"


def test_next_year_code():
    assert next_year_code("SL-ZY-2026", {2026}, 2027) == "SL-ZY-2027"
    assert next_year_code("SL-ZY", {2026}, 2027) == "SL-ZY-2027"
    assert next_year_code("ZB2026A", {2026}, 2027) == "ZB2027A"


@pytest.mark.parametrize("name", PLAN_FILES)
def test_every_example_plan_moves_on(name):
    old = load_plan(plan_text(name))
    text = next_year_text(plan_text(name))
    new = load_plan(text)
    assert new.code == old.code.replace("2027", "2028")
    assert new.name == old.name.replace("2027", "2028")
    assert (new.period_start, new.period_end) == (date(2028, 1, 1), date(2028, 12, 31))
    # the rules are the same: everything but the four fields and the source
    for field in (
        "kind",
        "premium_per_share",
        "max_shares",
        "waiting_days",
        "renewal_grace_days",
        "claim_deadline_days",
        "min_age",
        "max_age",
        "min_hospital_grade",
        "reimbursement",
        "lump_sum",
    ):
        assert getattr(new, field) == getattr(old, field), field
    # only the lines of the four fields and the comments differ
    changed = [(a, b) for a, b in zip(plan_text(name).splitlines(), text.splitlines(), strict=False) if a != b]
    assert len(text.splitlines()) == len(plan_text(name).splitlines())
    assert all(a.startswith(("#", "code", "name", "period_")) for a, _b in changed)


def test_layout_comments_and_quotes_are_kept():
    text = plan_text()
    text = edit(text, "code", "code = 'SL-ZY-2027'   # 计划代码 2027")
    text = edit(text, "period_start", 'period_start = "2027-01-01"  # 开始')
    text = edit(text, "name", 'name = "商洛\\"互助\\"（2027年度）" # a # in the comment')
    new_text = next_year_text(text)
    assert 'code = "SL-ZY-2028"   # 计划代码 2028' in new_text
    assert 'period_start = "2028-01-01"  # 开始' in new_text
    assert 'name = "商洛\\"互助\\"（2028年度）" # a # in the comment' in new_text
    plan = load_plan(new_text)
    assert (plan.code, plan.name) == ("SL-ZY-2028", '商洛"互助"（2028年度）')


def test_a_leap_year_plan_file():
    text = edit(plan_text(), "period_start", "period_start = 2027-03-01")
    text = edit(text, "period_end", "period_end = 2028-02-29")
    plan = load_plan(next_year_text(text))
    assert (plan.period_start, plan.period_end) == (date(2028, 3, 1), date(2029, 2, 28))
    # the period spans 2027 and 2028: both years in the code and name move on together
    assert plan.code == "SL-ZY-2028"
    plan2 = load_plan(next_year_text(next_year_text(text)))
    assert (plan2.period_start, plan2.period_end) == (date(2029, 3, 1), date(2030, 2, 28))
    assert plan2.code == "SL-ZY-2029"


def test_keys_inside_a_table_are_not_touched():
    text = plan_text("critical-illness-2027.toml")
    assert "[lump_sum]" in text
    new = next_year_text(text)
    assert new.split("[lump_sum]")[1] == text.split("[lump_sum]")[1]


def test_a_bad_file_is_refused_with_the_field():
    with pytest.raises(PlanError) as error:
        next_year_text(edit(plan_text(), "premium_per_share", "premium_per_share = 95"))
    assert error.value.field == "premium_per_share"


def test_a_date_written_on_a_strange_line_is_refused():
    # an inline date the line rule cannot find (a key written as a quoted key)
    text = edit(plan_text(), "period_end", '"period_end" = 2027-12-31')
    with pytest.raises(PlanError) as error:
        next_year_text(text)
    assert error.value.code == "next_year" and "手工" in error.value.message
