"""County hand-in files (issue 13): export at a county, import at the city twice (nothing changes the second
time), a corrected version replacing the first, out-of-order files refused, the city's statistics for the county
equal to the county's own."""

from __future__ import annotations

import sqlite3

import pytest

from mutualaid_desktop.domain.periods import Period, month
from mutualaid_desktop.services.admin.user_identity import cli_user
from mutualaid_desktop.services.enrollment.receipt_voids import void_receipt
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.handin.export import export_month
from mutualaid_desktop.services.handin.imports import import_file
from mutualaid_desktop.services.handin.keys import own_key, register_key
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.statistics.figures import statistics
from mutualaid_desktop.services.statistics.figures_json import figures_to_json
from mutualaid_desktop.services.statistics.month_closing import close_month, reopen_month

from .handin_demo import TODAY, copy, county_codes, make_city, make_county, users_of

TABLES = ("handin_files", "handin_keys", "audit_log", "org_units", "members", "premium_payments", "claims")


@pytest.fixture(scope="module")
def county_file(tmp_path_factory):
    return make_county(tmp_path_factory.mktemp("county") / "county.sqlite3")


@pytest.fixture(scope="module")
def city_file(tmp_path_factory):
    return make_city(tmp_path_factory.mktemp("city") / "city.sqlite3")


@pytest.fixture
def both(county_file, city_file, tmp_path, clock, monkeypatch):
    """(county db, county path, city db, city path, county code), the county's key folder in tmp_path."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    clock.set(TODAY)
    county_path, city_path = copy(county_file, tmp_path / "county.sqlite3"), copy(city_file, tmp_path / "city.sqlite3")
    county_db, city_db = open_counter_database(county_path), open_counter_database(city_path)
    code = county_codes(county_path)[1]
    yield county_db, county_path, city_db, city_path, code
    county_db.dispose()
    city_db.dispose()


def counts(path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def register(county_db, city_db, code, tmp_path):
    key = own_key(county_db, cli_user(), code)
    register_key(city_db, cli_user(), code, key.public.text().encode("utf-8"), "key.txt")
    return key


def county_figures(db, code, period: Period, basis="cash") -> dict:
    found = statistics(db, cli_user(), period, basis=basis).county(code)
    assert found is not None
    return figures_to_json(found)


def test_export_import_twice_and_the_citys_figures_equal_the_countys(both, tmp_path):
    county_db, _county_path, city_db, city_path, code = both
    register(county_db, city_db, code, tmp_path)
    october = month(2026, 10)
    others_before = {c.code: figures_to_json(c) for c in statistics(city_db, cli_user(), october).counties}
    assert others_before[code] != county_figures(county_db, code, october)  # the city's own data differ
    out = tmp_path / "oct.json"
    done = export_month(county_db, cli_user(), 2026, 10, out, code)
    assert (done.sequence, done.version, done.again) == (1, 1, False)
    first = import_file(city_db, cli_user(), out)
    assert (first.state, first.version, first.sequence, first.gaps) == ("imported", 1, 1, ())
    after_first = counts(city_path)
    second = import_file(city_db, cli_user(), out)
    assert second.state == "unchanged" and "没有改动" in second.message
    assert counts(city_path) == after_first
    for basis in ("cash", "plan-year"):
        assert county_figures(city_db, code, october, basis) == county_figures(county_db, code, october, basis)
    now = {c.code: figures_to_json(c) for c in statistics(city_db, cli_user(), october).counties}
    assert {k: v for k, v in now.items() if k != code} == {k: v for k, v in others_before.items() if k != code}


def test_a_quarter_and_the_year_to_date_made_of_handed_in_months(both, tmp_path):
    county_db, _, city_db, _, code = both
    register(county_db, city_db, code, tmp_path)
    for number in range(1, 11):
        out = tmp_path / f"m{number}.json"
        export_month(county_db, cli_user(), 2026, number, out, code)
        assert import_file(city_db, cli_user(), out).state == "imported"
    for period in (Period("quarter", 2026, 3), Period("ytd", 2026, 10), Period("quarter", 2026, 1)):
        for basis in ("cash", "plan-year"):
            assert county_figures(city_db, code, period, basis) == county_figures(county_db, code, period, basis), (
                period,
                basis,
            )


def void_one_october_receipt(county_path, county_db, code):
    con = sqlite3.connect(county_path)
    serial = con.execute(
        "SELECT p.receipt_serial FROM premium_payments p JOIN org_units u ON u.id = p.payer_unit_id "
        "JOIN org_units c ON c.id = u.parent_id WHERE c.code = ? AND p.paid_on >= '2026-10-01' "
        "AND p.paid_on <= '2026-10-31' AND p.voided = 0 AND NOT EXISTS (SELECT 1 FROM enrollments e JOIN claims k "
        "ON k.enrollment_id = e.id WHERE e.payment_id = p.id) ORDER BY p.id",
        (code,),
    ).fetchone()[0]
    con.close()
    void_receipt(county_db, users_of(county_path)["supervisor"], serial, "开错")


def test_a_corrected_version_replaces_the_first_which_is_kept(both, tmp_path):
    county_db, county_path, city_db, city_path, code = both
    register(county_db, city_db, code, tmp_path)
    october = month(2026, 10)
    v1 = tmp_path / "v1.json"
    export_month(county_db, cli_user(), 2026, 10, v1, code)
    import_file(city_db, cli_user(), v1)
    void_one_october_receipt(county_path, county_db, code)
    # the same closing again: the very same file (as closed), whatever changed since
    again = export_month(county_db, cli_user(), 2026, 10, tmp_path / "again.json", code)
    assert again.again and (tmp_path / "again.json").read_bytes() == v1.read_bytes()
    reopen_month(county_db, cli_user(), 2026, 10, "补录作废")
    close_month(county_db, users_of(county_path)["supervisor"], 2026, 10)
    v2 = tmp_path / "v2.json"
    done = export_month(county_db, cli_user(), 2026, 10, v2, code)
    assert (done.sequence, done.version) == (2, 2)
    result = import_file(city_db, cli_user(), v2)
    assert (result.state, result.replaced_version) == ("replaced", 1)
    assert county_figures(city_db, code, october) == county_figures(county_db, code, october)
    con = sqlite3.connect(city_path)
    rows = con.execute(
        "SELECT version, superseded_at IS NOT NULL, length(content) FROM handin_files ORDER BY version"
    ).fetchall()
    con.close()
    assert rows == [(1, 1, v1.stat().st_size), (2, 0, v2.stat().st_size)]
    before = counts(city_path)
    stale = import_file(city_db, cli_user(), v1)  # imported before, superseded since: nothing changes
    assert stale.state == "unchanged" and "已被第 2 版替换" in stale.message
    assert counts(city_path) == before
    assert county_figures(city_db, code, october) == county_figures(county_db, code, october)


def test_an_older_version_after_a_newer_one_is_refused_and_a_gap_is_shown(both, tmp_path):
    county_db, county_path, city_db, city_path, code = both
    register(county_db, city_db, code, tmp_path)
    files = {}
    for name, number in (("sep", 9), ("oct1", 10)):
        files[name] = tmp_path / f"{name}.json"
        export_month(county_db, cli_user(), 2026, number, files[name], code)
    void_one_october_receipt(county_path, county_db, code)
    reopen_month(county_db, cli_user(), 2026, 10, "补录作废")
    close_month(county_db, users_of(county_path)["supervisor"], 2026, 10)
    files["oct2"] = tmp_path / "oct2.json"
    export_month(county_db, cli_user(), 2026, 10, files["oct2"], code)
    assert import_file(city_db, cli_user(), files["oct2"]).gaps == (1, 2)
    before = counts(city_path)
    with pytest.raises(ServiceError, match="旧版本"):
        import_file(city_db, cli_user(), files["oct1"])
    assert counts(city_path) == before
    filled = import_file(city_db, cli_user(), files["sep"])  # a gap filled late is accepted
    assert (filled.state, filled.gaps) == ("imported", (2,))


def test_a_month_changed_after_its_closing_or_not_closed_is_not_exported(both, tmp_path):
    county_db, county_path, _, _, code = both
    void_one_october_receipt(county_path, county_db, code)
    with pytest.raises(ServiceError, match=r"数据又有变动.*请重新打开2026年10月并重新月结"):
        export_month(county_db, cli_user(), 2026, 10, tmp_path / "refused.json", code)
    with pytest.raises(ServiceError, match="2026年11月还没有月结，不能交账。请先月结"):
        export_month(county_db, cli_user(), 2026, 11, tmp_path / "november.json", code)
    assert list(tmp_path.glob("*.json")) == []
    con = sqlite3.connect(county_path)
    assert con.execute("SELECT count(*) FROM handin_exports").fetchone()[0] == 0
    con.close()
