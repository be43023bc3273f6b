"""The standing of every county (targets, completion, rank, 百万县区, schedule) from hand-made figures, and
its JSON read back exactly (a month closing keeps it)."""

from __future__ import annotations

import json
from decimal import Decimal

from mutualaid_desktop.domain.periods import year_to_date
from mutualaid_desktop.services.statistics.figures import Figures, Statistics
from mutualaid_desktop.services.statistics.standing import (
    MILLION_VALUES,
    standing_from_json,
    standing_of,
    standing_to_json,
    stats_keys,
)

from .test_ranking import fig

D = Decimal
THRESHOLDS = (D(1000000), D(2000000))


def stats(year: int, through: int, counties: list[Figures]) -> Statistics:
    total = sum((c.premiums for c in counties), D(0))
    city = fig("CITY", str(total), level="city")
    return Statistics(year_to_date(year, through), "cash", city, tuple(counties), {}, ())


def sample():
    ytd = stats(
        2026,
        11,
        [
            fig("A", "1200000", median="4"),
            fig("B", "900000"),
            fig("C", "450000"),
            fig("D", "2100000"),
            fig("E", "80"),
            fig("G", "900000"),
        ],
    )
    last = {"A": (D(1000000), 9), "B": (D(900000), 10), "CITY": (D(5000000), 8)}
    monthly = [
        (3, {"A": D(500000), "D": D(1100000)}),
        (7, {"A": D(1000000), "D": D(1900000)}),
        (10, {"A": D(1150000), "D": D(2050000)}),
    ]
    targets = {"A": D(1200000), "B": D(1000000), "C": D(900000), "D": D(2100000), "G": D(1000000), "CITY": D(6000000)}
    return standing_of(ytd, last, monthly, targets, THRESHOLDS)


def test_targets_completion_rank_ties_and_the_schedule():
    s = sample()
    assert (s.year, s.through, s.schedule) == (2026, 11, D("91.67"))
    by = {c.code: c for c in s.counties}
    assert [c.code for c in s.counties] == ["D", "A", "B", "G", "C", "E"]  # completion, premiums; no target last
    assert [(c.rank, c.tied) for c in s.counties] == [
        (1, False),
        (2, False),
        (3, True),
        (3, True),
        (5, False),
        (6, False),
    ]
    assert (by["B"].completion, by["B"].behind, by["B"].may_be_advanced) == (D("90.00"), True, False)
    assert (by["C"].completion, by["C"].behind, by["C"].may_be_advanced) == (D("50.00"), True, False)
    assert (by["E"].target, by["E"].completion, by["E"].behind) == (None, None, False)
    assert by["A"].growth == D("20.00") and by["C"].growth is None  # 同比 only against a county with figures
    assert by["A"].decision_days == D(4) and by["A"].may_be_advanced
    assert (s.city_target, s.city_premiums, s.city_completion) == (D(6000000), D("5550080"), D("92.50"))
    assert s.city_growth == D("11.00") and s.city_enrollments_growth == D("25.00")  # 10 enrollments, 8 before


def test_million_status_with_the_month_each_crossed():
    by = {c.code: c for c in sample().counties}
    assert (by["A"].million, by["A"].million_month, by["A"].two_million_month) == ("million", 7, None)
    assert (by["D"].million, by["D"].million_month, by["D"].two_million_month) == ("two_million", 3, 10)
    # B has 900,000 yuan: under the threshold whatever the months said
    assert by["B"].million is None and by["B"].million_month is None
    assert set(MILLION_VALUES) == {None, "million", "two_million"}


def test_the_month_of_the_year_to_date_is_the_figures_own_premiums():
    """The last month's year to date is the figures' (C crossed in November: no earlier month had it)."""
    ytd = stats(2026, 11, [fig("C", "1000000"), fig("F", "10")])
    s = standing_of(ytd, None, [(10, {"C": D(999999)})], {}, THRESHOLDS)
    assert (s.counties[0].million, s.counties[0].million_month) == ("million", 11)
    assert not s.full_coverage and s.city_target is None and s.city_completion is None


def test_full_coverage_when_every_county_is_a_million_county():
    ytd = stats(2026, 12, [fig("A", "1000000"), fig("B", "3000000")])
    assert standing_of(ytd, None, [], {}, THRESHOLDS).full_coverage


def test_the_json_reads_back_as_it_was():
    s = sample()
    text = json.dumps(standing_to_json(s), sort_keys=True)
    again = standing_from_json(json.loads(text))
    assert again == s and not again.live


def test_the_keys_of_stats_json():
    s = sample()
    a = stats_keys(s, "A")
    assert a == {
        "target_premiums": "1200000.00",
        "target_rate": "100.00",
        "million": "million",
        "million_month": 7,
        "rank": 2,
        "tied": False,
        "behind": False,
    }
    assert stats_keys(s, "E")["target_premiums"] is None and stats_keys(s, "E")["target_rate"] is None
    total = stats_keys(s, None)
    assert total["target_premiums"] == "6000000.00" and total["rank"] is None and total["million"] is None
    assert stats_keys(s, "NOT-THERE")["rank"] is None
