"""Which side of the hand-in a database is on (services/handin_sides.py, for the 统计 → 交账 screen): one county in
the tree or an export made = a county counter; several counties, a key registered or a file imported = the city;
no county = neither. The fingerprint is read without making a key; the key file is read with its faults said."""

from __future__ import annotations

from datetime import date

import pytest

from mutualaid_desktop.services.admin.units import add_unit
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.handin.export import export_month
from mutualaid_desktop.services.handin.keys import register_key
from mutualaid_desktop.services.handin_sides import handin_sides, key_fingerprint, read_key_file, save_public_key
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.statistics.month_closing import close_month
from tests.accounts import add_accounts

BOSS = UserInfo(70, "boss", "王主管", "supervisor")
ADMIN = UserInfo(80, "wang", "王管理", "admin")


@pytest.fixture
def tree(tmp_path, clock, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    clock.set(date(2026, 11, 20))
    db = open_counter_database(tmp_path / "db.sqlite3")
    add_accounts(db, BOSS, ADMIN)
    yield db
    db.dispose()


def test_no_county_is_neither_side(tree):
    sides = handin_sides(tree, BOSS)
    assert (sides.county, sides.city, sides.counties) == (None, False, ())


def test_one_county_is_a_county_counter_with_its_closed_months(tree):
    add_unit(tree, ADMIN, code="6110", name="商洛市总工会", parent_code=None)
    add_unit(tree, ADMIN, code="611021", name="洛南县总工会", parent_code="6110")
    close_month(tree, BOSS, 2026, 9)
    close_month(tree, BOSS, 2026, 10)
    sides = handin_sides(tree, BOSS)
    assert (sides.county, sides.city) == (("611021", "洛南县总工会"), False)
    assert sides.closed_months == ((2026, 10), (2026, 9))
    assert sides.exports == () and sides.exported(2026, 10) is None
    assert key_fingerprint(tree, BOSS, "611021") is None  # looking makes no key
    export_month(tree, BOSS, 2026, 10, tree.path.parent / "oct.json", "611021")
    sides = handin_sides(tree, BOSS)
    done = sides.exported(2026, 10)
    assert done is not None and (done.sequence, done.version, done.created_by) == (1, 1, "boss")
    assert key_fingerprint(tree, BOSS, "611021") is not None


def test_several_counties_are_the_city_and_an_export_makes_one_of_them_the_counter(tree, tmp_path):
    add_unit(tree, ADMIN, code="6110", name="商洛市总工会", parent_code=None)
    for code, name in (("611021", "洛南县总工会"), ("611022", "丹凤县总工会")):
        add_unit(tree, ADMIN, code=code, name=name, parent_code="6110")
    sides = handin_sides(tree, BOSS)
    assert (sides.county, sides.city, sides.status) == (None, True, ())
    close_month(tree, BOSS, 2026, 10)
    export_month(tree, BOSS, 2026, 10, tmp_path / "oct.json", "611022")
    assert handin_sides(tree, BOSS).county == ("611022", "丹凤县总工会")
    key = save_public_key(tree, BOSS, "611022", tmp_path / "key.txt")
    assert read_key_file(tmp_path / "key.txt") == key
    register_key(tree, ADMIN, "611022", key.text().encode("utf-8"), "key.txt")
    status = handin_sides(tree, BOSS).status
    assert [(c.county_code, c.fingerprint) for c in status] == [("611022", key.fingerprint)]


def test_a_key_registered_makes_a_one_county_database_the_city_as_well(tree, tmp_path):
    add_unit(tree, ADMIN, code="6110", name="商洛市总工会", parent_code=None)
    add_unit(tree, ADMIN, code="611021", name="洛南县总工会", parent_code="6110")
    key = save_public_key(tree, BOSS, "611021", tmp_path / "key.txt")
    register_key(tree, ADMIN, "611021", key.text().encode("utf-8"), "key.txt")
    sides = handin_sides(tree, BOSS)
    assert sides.county == ("611021", "洛南县总工会") and sides.city


def test_a_key_file_that_is_missing_or_wrong_is_said(tmp_path):
    with pytest.raises(ServiceError, match=r"读不到公钥文件 none\.txt"):
        read_key_file(tmp_path / "none.txt")
    (tmp_path / "big.txt").write_bytes(b"x" * 100_000)
    with pytest.raises(ServiceError, match="太大"):
        read_key_file(tmp_path / "big.txt")
