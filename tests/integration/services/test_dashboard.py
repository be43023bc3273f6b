"""The home page's figures (services/dashboard.py): besides today's counters, this month's and the year's figures of
the city — the same as statistics() gives — the city's target and its completion, the year's months for the small
chart, and the 百万县区 status (ranking.milestones) — only for whom may see the statistics."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from mutualaid_desktop.domain.periods import month, year_to_date
from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.dashboard import home_figures, home_statistics
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.statistics.figures import percent, statistics
from mutualaid_desktop.services.statistics.targets import set_million_thresholds, set_target

TODAY = date(2026, 11, 20)


@pytest.fixture
def city(tmp_path, clock):
    path = tmp_path / "demo.sqlite3"
    db = open_counter_database(path)
    clock.set(TODAY)
    generate_demo(db, members=400, seed=2, today=TODAY)
    con = sqlite3.connect(path)
    users = {r[3]: UserInfo(*r) for r in con.execute("SELECT id, username, display_name, role FROM users")}
    con.close()
    yield db, users
    db.dispose()


def test_the_month_and_the_year_are_the_figures_of_the_statistics(city):
    db, users = city
    boss = users["supervisor"]
    home = home_statistics(db, boss, TODAY)
    assert home is not None
    assert takings(home.month) == takings(statistics(db, boss, month(2026, 11)).city)
    ytd = statistics(db, boss, year_to_date(2026, 11))
    assert takings(home.year) == takings(ytd.city)
    assert home.year.premiums > 0 and home.year.paid > 0 and home.year.claim_ratio is not None
    assert home.series.premiums[:11] == tuple(statistics(db, boss, month(2026, m)).city.premiums for m in range(1, 12))
    assert home.series.premiums[11] is None
    target = home.target  # the demo sets the city's yearly target
    assert target is not None and home.completion == percent(ytd.city.premiums, target)


def test_the_city_target_and_the_million_counties(city):
    db, users = city
    boss = users["supervisor"]
    ytd = statistics(db, boss, year_to_date(2026, 11))
    set_target(db, boss, year=2026, unit_code=ytd.city.code, premiums="20000")
    first = min(c.premiums for c in ytd.counties if c.premiums)
    set_million_thresholds(db, users["supervisor"], str(first), str(max(c.premiums for c in ytd.counties) + 1))
    home = home_statistics(db, boss, TODAY)
    assert home is not None
    assert home.target == Decimal("20000.00")
    assert home.completion == percent(ytd.city.premiums, Decimal(20000))
    reached = {m.code for m in home.milestones if m.level >= 1}
    assert reached == {c.code for c in ytd.counties if c.code and c.premiums >= first}
    assert all(m.million_month is not None for m in home.milestones if m.level)
    assert home.full_coverage == all(c.premiums >= first for c in ytd.counties if c.code)
    assert not any(m.level == 2 for m in home.milestones)


def test_whom_may_not_see_the_statistics_keeps_todays_counters(city, monkeypatch):
    from mutualaid_desktop.services import permissions

    db, users = city
    assert home_statistics(db, users["clerk"], TODAY) is not None  # everyone may see_statistics today
    monkeypatch.setitem(permissions.ACTIONS, "see_statistics", permissions.Action(permissions.SUPERVISORS, "查看统计"))
    assert home_statistics(db, users["clerk"], TODAY) is None
    assert home_figures(db, TODAY).members == 400  # today's counters stay


def takings(f) -> tuple:
    """The four figures the home page shows."""
    return (f.premiums, f.enrollments, f.paid, f.claim_ratio)


def test_a_new_database_without_a_union_tree_has_empty_city_figures(tmp_path, clock):
    """Seen in the self-test: the home page's chart refused a database with no city yet."""
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.session import open_counter_database

    clock.set(TODAY)
    db = open_counter_database(tmp_path / "new.sqlite3")
    try:
        home = home_statistics(db, UserInfo(1, "boss", "主管", "supervisor"), TODAY)
    finally:
        db.dispose()
    assert home is not None
    assert takings(home.year) == (Decimal(0), 0, Decimal(0), None)
    assert home.series.premiums[:11] == (Decimal(0),) * 11 and home.milestones == () and home.target is None
