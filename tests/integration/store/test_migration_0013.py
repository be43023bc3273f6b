"""Schema 0013: the hand-in tables (handin_keys, handin_exports, handin_files) with their read-only triggers. A
database of revision 0012 keeps its rows; downgrading to 0012 drops the tables and triggers and nothing else."""

from __future__ import annotations

import sqlite3

from mutualaid_desktop.store.database import SCHEMA_HEAD, open_database
from mutualaid_desktop.store.migrate import downgrade_to, upgrade_to

from .conftest import DAY
from .test_migrations import make_database_at_0001, revision_of

TABLES = {"handin_keys", "handin_exports", "handin_files"}


def objects(connection: sqlite3.Connection, kind: str) -> set[str]:
    return {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))}


def test_0012_to_0013_adds_the_empty_hand_in_tables_and_their_triggers_and_back(db_path):
    make_database_at_0001(db_path, members=3)
    db = open_database(db_path, migrate=False)
    upgrade_to(db.engine, "0012")
    db.dispose()
    with sqlite3.connect(db_path) as connection:
        before = connection.execute("SELECT * FROM members ORDER BY id").fetchall()
        tables_before = objects(connection, "table")
    assert not TABLES & tables_before

    open_database(db_path, today=DAY).dispose()
    with sqlite3.connect(db_path) as connection:
        assert revision_of(db_path) == SCHEMA_HEAD == "0013"
        assert objects(connection, "table") == tables_before | TABLES
        assert {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES} == dict.fromkeys(
            TABLES, 0
        )
        assert objects(connection, "trigger") == {f"{t}_{what}" for t in TABLES for what in ("no_delete", "read_only")}
        assert connection.execute("SELECT * FROM members ORDER BY id").fetchall() == before

    db = open_database(db_path, migrate=False)
    try:
        downgrade_to(db.engine, "0012")
    finally:
        db.dispose()
    with sqlite3.connect(db_path) as connection:
        assert objects(connection, "table") == tables_before and objects(connection, "trigger") == set()
        assert connection.execute("SELECT * FROM members ORDER BY id").fetchall() == before
