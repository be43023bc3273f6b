"""Ranking (评比), the schedule, 一票否决, ties, 百万县区 and 同比/环比 (issue 12)."""

from __future__ import annotations

from decimal import Decimal

from mutualaid_desktop.services.statistics.figures import DaySpread, Figures
from mutualaid_desktop.services.statistics.growth import change, growth_of, points
from mutualaid_desktop.services.statistics.ranking import (
    full_coverage,
    milestones,
    rank_counties,
    rank_units,
    schedule,
)

D = Decimal


def fig(code: str, premiums: str, *, level: str = "county", paid: str = "0", median: str | None = None) -> Figures:
    spread = DaySpread(1 if median else 0, D(median) if median else None, None)
    return Figures(
        code=code, name=f"{code}县总工会", level=level, units=1, enrollments=10, premiums=D(premiums), claims_paid=1,
        paid=D(paid), reversed=D(0), claim_ratio=None, claims_received=0, claims_refused=0, claims_pending=0,
        pending_quoted=D(0), average_payout=None, decision_days=spread, payment_days=spread, covered=0,
        coverage=None, units_covered=0, units_total=0, unit_coverage=None, last_year=0, renewed=0,
        renewal_rate=None, new_members=0,
    )  # fmt: skip


def test_the_schedule_is_the_month_over_twelve():
    assert schedule(11) == D("91.67") and schedule(6) == D("50.00") and schedule(12) == D("100.00")


def test_counties_rank_by_completion_then_premiums_and_those_without_a_target_come_last():
    counties = [fig("A", "900000"), fig("B", "500000"), fig("C", "2000000"), fig("D", "800000")]
    targets = {"A": D("1000000"), "B": D("500000"), "D": D("1000000")}
    rows = rank_counties(counties, [], targets, 11)
    assert [(r.code, r.rank, r.completion) for r in rows] == [
        ("B", 1, D("100.00")),
        ("A", 2, D("90.00")),
        ("D", 3, D("80.00")),
        ("C", 4, None),  # no target: after every county with one, however much it collected
    ]
    assert [r.may_be_advanced for r in rows] == [True, False, False, False]  # 一票否决
    assert [r.behind for r in rows] == [False, True, True, False]  # below 91.67 % in November


def test_equal_counties_share_a_rank_and_are_marked_tied():
    counties = [fig("A", "500"), fig("B", "500"), fig("C", "400"), fig("D", "600")]
    rows = rank_counties(counties, [], {}, 3)
    assert [(r.code, r.rank, r.tied) for r in rows] == [
        ("D", 1, False),
        ("A", 2, True),
        ("B", 2, True),
        ("C", 4, False),
    ]


def test_growth_is_against_last_years_same_span():
    rows = rank_counties([fig("A", "1200")], [fig("A", "1000")], {}, 11)
    assert rows[0].growth == D("20.00")
    assert rank_counties([fig("A", "1200")], [], {}, 11)[0].growth is None


def test_units_rank_by_premiums():
    units = [fig("U1", "100", level="unit"), fig("U2", "300", level="unit")]
    assert [r.code for r in rank_units(units, [], 5)] == ["U2", "U1"]


def test_a_county_crosses_a_million_in_the_month_its_year_to_date_reaches_it():
    monthly = [
        (1, {"A": D("300000"), "B": D("1500000")}),
        (2, {"A": D("999999.99"), "B": D("2100000")}),
        (3, {"A": D("1000000.00"), "B": D("2200000")}),
    ]
    status = {m.code: m for m in milestones(monthly, {"A": "甲", "B": "乙"}, (D(1000000), D(2000000)))}
    assert (status["A"].level, status["A"].million_month, status["A"].two_million_month) == (1, 3, None)
    assert (status["B"].label, status["B"].million_month, status["B"].two_million_month) == ("两百万县区", 1, 2)
    assert full_coverage(list(status.values()))
    behind = milestones([(1, {"A": D(5)})], {"A": "甲", "B": "乙"}, (D(1000000), D(2000000)))
    assert not full_coverage(behind) and behind[1].premiums == 0


def test_a_correction_under_the_threshold_takes_the_status_back():
    monthly = [(1, {"A": D("1000000")}), (2, {"A": D("999000")}), (3, {"A": D("1000500")})]
    (a,) = milestones(monthly, {"A": "甲"}, (D(1000000), D(2000000)))
    assert (a.level, a.million_month) == (1, 3)


def test_change_and_points():
    assert change(120, 100) == D("20.00") and change(80, 100) == D("-20.00")
    assert change(5, 0) is None and change(None, 3) is None
    assert change(D("-50"), D("-100")) == D("50.00")  # from a larger loss to a smaller one: up
    assert points(D("80.50"), D("75.25")) == D("5.25")
    g = growth_of(fig("A", "1100"), fig("A", "1000"))
    assert g["premiums"] == D("10.00") and g["enrollments"] == D("0.00") and g["claim_ratio"] is None
