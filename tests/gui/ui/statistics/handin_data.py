"""Databases for the 交账 screen's tests: a county counter of its own (one county in its tree, October 2026
closed), and a real hand-in file from it registered and ready to import at a city database."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.admin.units import add_unit
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.handin.export import export_month
from mutualaid_desktop.services.handin.keys import own_key, register_key
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.statistics.month_closing import close_month
from mutualaid_desktop.store.database import Database
from tests.accounts import add_accounts

CLOSED_ON = date(2026, 11, 20)  # October 2026 is closed on this day
COUNTY = ("611024", "山阳县总工会")


def county_counter(path: Path, user: UserInfo, county: tuple[str, str] = COUNTY) -> Database:
    """A county counter's database: the city, the one county, a unit; October 2026 closed by `user`."""
    db = open_counter_database(path)
    add_accounts(db, user)
    with clock.fixed(CLOSED_ON):
        add_unit(db, user, code="6110", name="商洛市总工会", parent_code=None)
        add_unit(db, user, code=county[0], name=county[1], parent_code="6110")
        add_unit(db, user, code=f"{county[0]}-0001", name="山阳县第一中学工会", parent_code=county[0])
        close_month(db, user, 2026, 10)
    return db


def handed_in_file(city: Database, user: UserInfo, folder: Path, county: tuple[str, str] = COUNTY) -> Path:
    """A hand-in file of October 2026 from a county counter made in `folder` (its key there too), the county
    added to the city's tree when missing and its key registered at `city`."""
    folder.mkdir(parents=True, exist_ok=True)
    if county[0] not in counties(city):
        add_unit(city, user, code=county[0], name=county[1], parent_code="6110")
    county_db = county_counter(folder / f"county-{county[0]}.sqlite3", user, county)
    try:
        key = own_key(county_db, user, county[0], folder=folder / "keys")
        register_key(city, user, county[0], key.public.text().encode("utf-8"), "key.txt")
        out = folder / f"handin-{county[0]}.json"
        export_month(county_db, user, 2026, 10, out, county[0], key_folder=folder / "keys")
    finally:
        county_db.dispose()
    return out


def counties(db: Database) -> list[str]:
    assert db.path is not None
    con = sqlite3.connect(db.path)
    try:
        return [r[0] for r in con.execute("SELECT code FROM org_units WHERE kind = 'county'")]
    finally:
        con.close()


def counts(path: Path, tables=("handin_files", "handin_keys", "audit_log")) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        con.close()
