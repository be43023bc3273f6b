"""The charts as the screens get them (services/statistics/charts.py): the year's months of the city or
a county from the one definition of the figures, as SVG for the screen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from mutualaid_desktop.documents.charts import wan
from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.admin.user_identity import cli_user
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.statistics.charts import (
    completion_chart_svg,
    month_series,
    months_of_year,
    year_chart_svg,
)
from mutualaid_desktop.services.statistics.month_closing import month_report

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    from mutualaid_desktop.domain import clock

    db = open_counter_database(tmp_path_factory.mktemp("charts") / "demo.sqlite3")
    with clock.fixed(TODAY):
        generate_demo(db, members=600, seed=3, today=TODAY)
    yield db
    db.dispose()


def test_the_year_by_month_of_the_city_and_of_a_county(city):
    months = months_of_year(city, cli_user(), 2026, 11)
    assert [m.period.label for m in months] == [f"2026年{n}月" for n in range(1, 12)]
    series = month_series(months)
    assert series.labels == tuple(f"{n}月" for n in range(1, 13))
    assert series.premiums[:11] == tuple(m.city.premiums for m in months)
    assert series.paid[:11] == tuple(m.city.paid for m in months)
    assert series.ratios[:11] == tuple(m.city.claim_ratio for m in months)
    assert series.premiums[11] is None and series.paid[11] is None and series.ratios[11] is None
    assert any(p for p in series.premiums if p), "the demo collects premiums this year"
    county = months[0].counties[1]
    mine = month_series(months, county=county.code)
    assert mine.premiums[:11] == tuple(m.county(county.code).premiums for m in months)  # type: ignore[union-attr]
    assert mine.title == f"{county.name} 2026年"
    assert series.title.endswith("2026年")


def test_month_reports_give_the_same_series(city):
    reports = [month_report(city, cli_user(), 2026, n) for n in (9, 10)]
    series = month_series(reports)
    assert series.premiums[8:10] == (reports[0].month.city.premiums, reports[1].month.city.premiums)
    assert series.premiums[:8] == (None,) * 8


def test_the_year_chart_as_svg_carries_the_months_values_in_the_embedded_fonts_family(city):
    months = months_of_year(city, cli_user(), 2026, 11)
    svg = year_chart_svg(month_series(months), width=480, height=260).decode("utf-8")
    assert "<svg" in svg and "11月" in svg and "12月" in svg
    november = months[10].city.premiums
    assert wan(november) in svg
    assert "font-family: WenQuanYi Micro Hei" in svg


def test_the_completion_chart_as_svg(city):
    svg = completion_chart_svg(["商州区", "洛南县"], [Decimal("101.25"), None]).decode("utf-8")
    assert "商州区" in svg and "101.25%" in svg and "无目标" in svg and "目标 100%" in svg


def test_a_county_not_in_the_city_or_months_of_different_years_are_refused_in_chinese(city):
    months = months_of_year(city, cli_user(), 2026, 2)
    with pytest.raises(ServiceError, match="没有代码为「999999」的县区"):
        month_series(months, county="999999")
    last_year = months_of_year(city, cli_user(), 2025, 12)[-1]
    with pytest.raises(ServiceError, match="同一年"):
        month_series([*months, last_year])
    with pytest.raises(ServiceError, match="月份"):
        months_of_year(city, cli_user(), 2026, 13)


def test_the_svg_charts_take_the_screens_words(city):
    from mutualaid_desktop.services.statistics.charts import CompletionWords, MonthlyWords

    months = months_of_year(city, cli_user(), 2026, 3)
    words = MonthlyWords(premiums="Premiums", paid="Paid", ratio="Ratio", rows=("P", "Q", "R"))
    svg = year_chart_svg(
        month_series(months), words=words, month_labels=[f"M{n}" for n in range(1, 13)], width=480, height=260
    ).decode("utf-8")
    assert "Premiums" in svg and "M12" in svg and "12月" not in svg and "参保金额" not in svg
    done = completion_chart_svg(["商州区"], [None], words=CompletionWords(no_target="none", mark="goal {mark}%"))
    assert "none" in done.decode("utf-8") and "goal 100%" in done.decode("utf-8")
    with pytest.raises(ServiceError, match="12"):
        year_chart_svg(month_series(months), month_labels=["M1"])


def test_the_money_of_the_months_draws_the_same_series_as_every_figure_of_every_month(city):
    from mutualaid_desktop.services.statistics.charts import money_series, months_money
    from mutualaid_desktop.services.statistics.tree import Tree
    from mutualaid_desktop.services.unit_of_work import UnitOfWork
    from mutualaid_desktop.store.statistics_queries import StatisticsQueries

    reverse_one_paid_claim(city)  # the money that adds up carries reversals too
    full = months_of_year(city, cli_user(), 2026, 11)
    with UnitOfWork(city, read_only=True) as uow:
        q = StatisticsQueries(uow.session)
        tree = Tree(q.units())
        money = months_money(q, 2026, 11)
    counties = [c.code for c in full[-1].counties if c.code]
    assert len(counties) == 7
    assert money_series(money, tree, 2026) == month_series(full)
    for code in counties:
        assert money_series(money, tree, 2026, county=code) == month_series(full, county=code), code
    assert any(p for p in money_series(money, tree, 2026).paid if p)  # not trivially equal: money was paid
    with pytest.raises(ServiceError, match="没有代码为「X9」的县区工会"):
        money_series(money, tree, 2026, county="X9")


def reverse_one_paid_claim(db) -> None:
    import sqlite3

    from mutualaid_desktop.domain import clock
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.payouts.payouts import reverse_payout

    con = sqlite3.connect(db.path)
    supervisor = UserInfo(
        *con.execute("SELECT id, username, display_name, role FROM users WHERE role='supervisor'").fetchone()
    )
    (number,) = con.execute(
        "SELECT c.claim_number FROM claims c JOIN payout_items i ON i.claim_id = c.id "
        "WHERE c.status = 'paid' AND i.settled_on >= '2026-03-01' ORDER BY i.settled_on LIMIT 1"
    ).fetchone()
    con.close()
    with clock.fixed(TODAY):
        reverse_payout(db, supervisor, number, amount="10.00", reason="重复给付")


def test_the_months_of_a_year_read_once_draw_the_city_and_every_county(city):
    from mutualaid_desktop.services.statistics.charts import year_months

    full = months_of_year(city, cli_user(), 2026, 11)
    cash = year_months(city, cli_user(), 2026, 11)
    assert cash.figures == () and cash.tree is not None  # the cash basis reads the money only
    assert cash.series() == month_series(full)
    assert cash.series(full[-1].counties[0].code) == month_series(full, county=full[-1].counties[0].code)
    plan_year = year_months(city, cli_user(), 2026, 3, basis="plan-year")
    assert plan_year.series() == month_series(months_of_year(city, cli_user(), 2026, 3, basis="plan-year"))
    with pytest.raises(ServiceError, match="月份 13"):
        year_months(city, cli_user(), 2026, 13)
