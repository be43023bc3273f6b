"""A county's and a city's demo databases for the hand-in tests: the county (demo seed 1) with its months closed
through October 2026, the city (demo seed 2: other people, the same union tree's codes)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

from mutualaid_desktop.domain import clock as program_clock
from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.statistics.month_closing import close_month
from tests.integration.demo_months import demo_months

TODAY = date(2026, 11, 20)
LAST_CLOSED = (2026, 10)


def users_of(path: Path) -> dict[str, UserInfo]:
    con = sqlite3.connect(path)
    try:
        return {r[3]: UserInfo(*r) for r in con.execute("SELECT id, username, display_name, role FROM users")}
    finally:
        con.close()


def county_codes(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT code FROM org_units WHERE kind = 'county' ORDER BY code")]
    finally:
        con.close()


def make_county(path: Path) -> Path:
    db = open_counter_database(path)
    with program_clock.fixed(TODAY):
        generate_demo(db, members=1500, seed=1, today=TODAY)
        boss = users_of(path)["supervisor"]
        for year, number in demo_months(path, LAST_CLOSED):
            close_month(db, boss, year, number)
    db.dispose()
    return path


def make_city(path: Path) -> Path:
    db = open_counter_database(path)
    with program_clock.fixed(TODAY):
        generate_demo(db, members=1000, seed=2, today=TODAY)
    db.dispose()
    return path


def copy(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target
