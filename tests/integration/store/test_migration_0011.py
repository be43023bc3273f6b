"""Schema 0011: the yearly targets of the counties and the city (stat_targets). A database of revision
0010 with its tree and users keeps them; the new table starts empty and the database itself refuses a
second target of a unit for a year, negative figures, a coverage outside 0–100 % and an odd year;
downgrading to 0010 drops the table and nothing else."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import inspect

from mutualaid_desktop.store.database import SCHEMA_HEAD, open_database
from mutualaid_desktop.store.migrate import downgrade_to, upgrade_to

from .conftest import DAY
from .test_migrations import make_database_at_0001, revision_of

INSERT = (
    "INSERT INTO stat_targets (year, unit_id, premiums_fen, enrollments, coverage_bp, updated_at, updated_by) "
    "VALUES (?, ?, ?, ?, ?, '2026-12-01 09:00:00', 1)"
)


def make_database_at_0010(db_path) -> None:
    make_database_at_0001(db_path, members=2)
    db = open_database(db_path, migrate=False)
    upgrade_to(db.engine, "0010")
    with db.engine.begin() as connection:
        run = connection.exec_driver_sql
        run("INSERT INTO org_units (code, name, kind, active) VALUES ('6110', '商洛市总工会', 'city', 1)")
        run(
            "INSERT INTO org_units (code, name, kind, parent_id, active) VALUES ('611002', '商州区总工会', 'county', 2, 1)"
        )
    db.dispose()


def test_0010_to_0011_adds_an_empty_targets_table_and_keeps_the_data(db_path):
    make_database_at_0010(db_path)
    with sqlite3.connect(db_path) as connection:
        units_before = connection.execute("SELECT * FROM org_units ORDER BY id").fetchall()
        users_before = connection.execute("SELECT id, username FROM users ORDER BY id").fetchall()

    open_database(db_path, today=DAY).dispose()
    with sqlite3.connect(db_path) as connection:
        assert revision_of(db_path) == SCHEMA_HEAD
        assert connection.execute("SELECT * FROM org_units ORDER BY id").fetchall() == units_before
        assert connection.execute("SELECT id, username FROM users ORDER BY id").fetchall() == users_before
        assert connection.execute("SELECT count(*) FROM stat_targets").fetchone()[0] == 0
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(INSERT, (2026, 3, 123_456_78, 1200, 8550))
        connection.execute(INSERT, (2026, 2, None, None, None))  # a cleared target: all NULL
        connection.execute(INSERT, (2027, 3, 0, 0, 10000))
        for values, message in (
            ((2026, 3, 1, 1, 1), "UNIQUE"),  # a second target of the county for 2026
            ((2026, 1, -1, None, None), "CHECK"),
            ((2028, 1, None, -5, None), "CHECK"),
            ((2028, 1, None, None, 10001), "CHECK"),
            ((2028, 1, None, None, -1), "CHECK"),
            ((1999, 1, 1, None, None), "CHECK"),
            ((2101, 1, 1, None, None), "CHECK"),
            ((2028, 99, 1, None, None), "FOREIGN KEY"),
        ):
            with pytest.raises(sqlite3.IntegrityError, match=message):
                connection.execute(INSERT, values)
        connection.commit()
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []

    db = open_database(db_path, migrate=False)
    try:
        downgrade_to(db.engine, "0010")
        with db.engine.connect() as connection:
            assert "stat_targets" not in inspect(connection).get_table_names()
    finally:
        db.dispose()
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT * FROM org_units ORDER BY id").fetchall() == units_before
