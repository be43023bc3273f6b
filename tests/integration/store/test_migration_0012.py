"""Schema 0012: an index on members (created_at, unit_id), so that the statistics' 新增会员 (members first
recorded in a period, per unit) read an index range instead of every member; and one on enrollments (plan_id,
unit_id, member_id), so that the members covered under a plan year are counted unit by unit in the index's
order. A database of revision 0011 keeps its rows; downgrading to 0011 drops the indexes and nothing else."""

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


COVERED = (
    "SELECT plan_id, unit_id, count(DISTINCT member_id) FROM enrollments WHERE plan_id IN (1, 2) "
    "GROUP BY plan_id, unit_id"
)


def indexes(connection: sqlite3.Connection, table: str = "members") -> dict[str, list[str]]:
    names = [r[0] for r in connection.execute(f"SELECT name FROM pragma_index_list('{table}')")]
    return {n: [r[2] for r in connection.execute(f"PRAGMA index_info('{n}')")] for n in names}


def test_0011_to_0012_indexes_the_members_by_creation_and_keeps_them(db_path):
    make_database_at_0011(db_path)
    with sqlite3.connect(db_path) as connection:
        before = connection.execute("SELECT * FROM members ORDER BY id").fetchall()
        assert "ix_members_created_at_unit" not in indexes(connection)

    open_database(db_path, today=DAY).dispose()
    with sqlite3.connect(db_path) as connection:
        assert revision_of(db_path) == SCHEMA_HEAD
        assert indexes(connection)["ix_members_created_at_unit"] == ["created_at", "unit_id"]
        assert connection.execute("SELECT * FROM members ORDER BY id").fetchall() == before
        plan = " ".join(r[3] for r in connection.execute("EXPLAIN QUERY PLAN " + NEW_MEMBERS))
        assert "COVERING INDEX ix_members_created_at_unit" in plan
        enrollments = indexes(connection, "enrollments")
        assert enrollments["ix_enrollments_plan_unit_member"] == ["plan_id", "unit_id", "member_id"]
        plan = " ".join(r[3] for r in connection.execute("EXPLAIN QUERY PLAN " + COVERED))
        assert "COVERING INDEX ix_enrollments_plan_unit_member" in plan and "TEMP B-TREE FOR GROUP BY" not in plan

    db = open_database(db_path, migrate=False)
    try:
        downgrade_to(db.engine, "0011")
    finally:
        db.dispose()
    with sqlite3.connect(db_path) as connection:
        assert "ix_members_created_at_unit" not in indexes(connection)
        assert "ix_enrollments_plan_unit_member" not in indexes(connection, "enrollments")
        assert connection.execute("SELECT * FROM members ORDER BY id").fetchall() == before
