"""Schema 0012: an index on members (created_at, unit_id), so that the statistics' 新增会员 (members first
recorded in a period, per unit) read an index range instead of every member. A database of revision 0011
keeps its members; downgrading to 0011 drops the index and nothing else."""

from __future__ import annotations

import sqlite3

from mutualaid_desktop.store.database import SCHEMA_HEAD, open_database
from mutualaid_desktop.store.migrate import downgrade_to, upgrade_to

from .conftest import DAY
from .test_migrations import make_database_at_0001, revision_of

NEW_MEMBERS = (
    "SELECT unit_id, count(*) FROM members WHERE created_at >= '2026-11-01' AND created_at < '2026-12-01' "
    "GROUP BY unit_id"
)


def make_database_at_0011(db_path) -> None:
    make_database_at_0001(db_path, members=3)
    db = open_database(db_path, migrate=False)
    upgrade_to(db.engine, "0011")
    db.dispose()


def indexes(connection: sqlite3.Connection) -> dict[str, list[str]]:
    names = [r[0] for r in connection.execute("SELECT name FROM pragma_index_list('members')")]
    return {n: [r[2] for r in connection.execute(f"PRAGMA index_info('{n}')")] for n in names}


def test_0011_to_0012_indexes_the_members_by_creation_and_keeps_them(db_path):
    make_database_at_0011(db_path)
    with sqlite3.connect(db_path) as connection:
        before = connection.execute("SELECT * FROM members ORDER BY id").fetchall()
        assert "ix_members_created_at_unit" not in indexes(connection)

    open_database(db_path, today=DAY).dispose()
    with sqlite3.connect(db_path) as connection:
        assert revision_of(db_path) == SCHEMA_HEAD == "0012"
        assert indexes(connection)["ix_members_created_at_unit"] == ["created_at", "unit_id"]
        assert connection.execute("SELECT * FROM members ORDER BY id").fetchall() == before
        plan = " ".join(r[3] for r in connection.execute("EXPLAIN QUERY PLAN " + NEW_MEMBERS))
        assert "COVERING INDEX ix_members_created_at_unit" in plan

    db = open_database(db_path, migrate=False)
    try:
        downgrade_to(db.engine, "0011")
    finally:
        db.dispose()
    with sqlite3.connect(db_path) as connection:
        assert "ix_members_created_at_unit" not in indexes(connection)
        assert connection.execute("SELECT * FROM members ORDER BY id").fetchall() == before
