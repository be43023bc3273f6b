"""The city's month report, standing (ranking, 百万县区) and its month closing with a county that hands in: the
county's month and year to date at the city are the county's own as it closed them, the city is the sum of its
counties, and the city's closing freezes the handed-in figures like the rest."""

from __future__ import annotations

import pytest

from mutualaid_desktop.domain.periods import month
from mutualaid_desktop.services.admin.user_identity import cli_user
from mutualaid_desktop.services.handin.export import export_month
from mutualaid_desktop.services.handin.imports import import_file
from mutualaid_desktop.services.handin.keys import own_key, register_key
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.statistics.bulletin import bulletin_paper
from mutualaid_desktop.services.statistics.charts import year_months
from mutualaid_desktop.services.statistics.figures import statistics
from mutualaid_desktop.services.statistics.figures_json import figures_to_json
from mutualaid_desktop.services.statistics.month_closing import close_month, month_report
from tests.integration.demo_months import demo_months

from .handin_demo import TODAY, copy, county_codes, make_city, make_county, users_of


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stats")
    return make_county(folder / "county.sqlite3"), make_city(folder / "city.sqlite3")


@pytest.fixture
def handed_in(sources, tmp_path, clock):
    """The county's months January—October 2026 handed in at the city: (county db, city db, city path, code)."""
    clock.set(TODAY)
    county_path, city_path = copy(sources[0], tmp_path / "county.sqlite3"), copy(sources[1], tmp_path / "city.sqlite3")
    county, city = open_counter_database(county_path), open_counter_database(city_path)
    code = county_codes(county_path)[0]
    key = own_key(county, cli_user(), code, folder=tmp_path / "keys")
    register_key(city, cli_user(), code, key.public.text().encode("utf-8"), "key.txt")
    for number in range(1, 11):
        out = tmp_path / f"{number}.json"
        export_month(county, cli_user(), 2026, number, out, code, key_folder=tmp_path / "keys")
        import_file(city, cli_user(), out)
    yield county, city, city_path, code
    county.dispose()
    city.dispose()


def same_county(a, b, code) -> None:
    assert figures_to_json(a.county(code)) == figures_to_json(b.county(code))


def adds_up(stats) -> None:
    assert stats.city.premiums == sum(c.premiums for c in stats.counties)
    assert stats.city.enrollments == sum(c.enrollments for c in stats.counties)
    assert stats.city.paid == sum(c.paid for c in stats.counties)


def test_the_citys_month_report_and_standing_show_the_county_as_it_closed_its_month(handed_in):
    county, city, _, code = handed_in
    theirs = month_report(county, cli_user(), 2026, 10)  # as the county closed it
    assert theirs.closing is not None
    ours = month_report(city, cli_user(), 2026, 10)  # live at the city
    same_county(ours.month, theirs.month, code)
    same_county(ours.ytd, theirs.ytd, code)
    adds_up(ours.month)
    adds_up(ours.ytd)
    standing = ours.standing.county(code)
    assert standing is not None and standing.premiums == theirs.ytd.county(code).premiums
    assert ours.standing.city_premiums == ours.ytd.city.premiums
    # the units of the county, at the city
    assert [figures_to_json(u) for u in ours.month.units[code]] == [
        figures_to_json(u) for u in theirs.month.units[code]
    ]


def test_the_citys_closing_freezes_the_handed_in_figures(handed_in, tmp_path):
    county, city, city_path, code = handed_in
    boss = users_of(city_path)["supervisor"]
    for year, number in demo_months(city_path, (2026, 10)):
        close_month(city, boss, year, number)
    closed = month_report(city, cli_user(), 2026, 10)
    assert closed.closing is not None
    theirs = month_report(county, cli_user(), 2026, 10)
    same_county(closed.month, theirs.month, code)
    same_county(closed.ytd, theirs.ytd, code)
    paper = bulletin_paper(closed, [closed], org_name="商洛市总工会", closing_text="", issued_on=TODAY)
    assert theirs.month.county(code).name in paper.completion_names or any(
        theirs.month.county(code).name.startswith(n) for n in paper.completion_names
    )
    assert closed.standing.county(code).premiums == theirs.ytd.county(code).premiums
    # the figures of a month not handed in are zero for that county, and the city still adds up
    november = statistics(city, cli_user(), month(2026, 11))
    assert november.county(code).premiums == 0 and november.county(code).enrollments == 0
    adds_up(november)


def test_the_year_chart_shows_the_county_from_its_hand_ins(handed_in):
    county, city, _, code = handed_in
    ours, theirs = year_months(city, cli_user(), 2026, 11), year_months(county, cli_user(), 2026, 11)
    mine, own = ours.series(code), theirs.series(code)
    assert mine.premiums[:10] == own.premiums[:10] and mine.paid[:10] == own.paid[:10]
    assert mine.ratios[:10] == own.ratios[:10]
    assert mine.premiums[10] == 0  # November not handed in
    for number in range(1, 11):  # the city's month is what its 统计 says
        stats = statistics(city, cli_user(), month(2026, number))
        assert ours.series().premiums[number - 1] == stats.city.premiums
