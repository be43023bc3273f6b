"""Migrating an older database at open, and downgrading."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError

from mutualaid_desktop.store.audit import GENESIS_HASH, record_hash, verify_audit_chain
from mutualaid_desktop.store.backup import list_backups
from mutualaid_desktop.store.database import SCHEMA_HEAD, DatabaseError, open_database
from mutualaid_desktop.store.migrate import current_revision, downgrade_to, upgrade_to
from mutualaid_desktop.store.models import AuditRecord

from .conftest import DAY, member_names


def make_database_at_0001(db_path, members: int = 2):
    """A database at revision 0001 holding a user, an org unit, members and 3 audit records
    (hashed as audit.py does; the settings table with the chain's tip does not exist yet).
    Rows are written in SQL of that revision's schema, not through today's models."""
    db = open_database(db_path, migrate=False)
    upgrade_to(db.engine, "0001")
    with db.session() as session:
        run = session.connection().exec_driver_sql
        run(
            "INSERT INTO users (username, display_name, role, password_hash, active, created_at) "
            "VALUES ('zhang', '张经办', 'clerk', 'x', 1, '2026-01-01 09:00:00')"
        )
        run("INSERT INTO org_units (code, name, kind, active) VALUES ('U001', '商州区第一中学工会', 'unit', 1)")
        run(
            "INSERT INTO members (id_number, name, sex, birth_date, unit_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (f"61100219800101{i:04d}", f"会员{i}", "female", "1980-01-01", 1, "2026-01-01 09:00:00")
                for i in range(members)
            ],
        )
        prev = GENESIS_HASH
        for i in range(3):
            record = AuditRecord(at=datetime(2026, 1, 1, 9, i), username="zhang", action=f"a{i}", prev_hash=prev)
            record.hash = prev = record_hash(record)
            session.add(record)
        session.commit()
    db.dispose()


def revision_of(path) -> str:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_older_database_is_backed_up_then_migrated_with_its_data(db_path):
    make_database_at_0001(db_path)
    db = open_database(db_path, today=DAY)
    try:
        with db.engine.connect() as connection:
            assert current_revision(connection) == SCHEMA_HEAD
            assert "settings" in inspect(connection).get_table_names()
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # back on
        assert member_names(db) == ["会员0", "会员1"]
        with db.engine.connect() as connection:  # 0003 filled the reversed ID numbers in
            pairs = connection.exec_driver_sql("SELECT id_number, id_number_rev FROM members").fetchall()
        assert pairs and all(rev == number[::-1] for number, rev in pairs)
        with db.session(read_only=True) as session:
            assert verify_audit_chain(session) == []  # 0002 wrote the chain's tip
    finally:
        db.dispose()
    pre_migration = [info for info in list_backups(db.backup_dir) if info.reason == "pre-migration"]
    assert len(pre_migration) == 1
    assert revision_of(pre_migration[0].path) == "0001"


def test_failed_foreign_key_check_undoes_the_migration_and_keeps_the_backup(db_path):
    make_database_at_0001(db_path)
    with sqlite3.connect(db_path) as connection:  # a dangling reference, foreign keys off
        connection.execute("UPDATE members SET unit_id = 999 WHERE id = 1")
    with pytest.raises(DatabaseError, match="引用不一致"):
        open_database(db_path, today=DAY)
    assert revision_of(db_path) == "0001"
    with sqlite3.connect(db_path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "settings" not in tables  # the CREATE TABLE of 0002 was rolled back too
    assert [info.reason for info in list_backups(db_path.parent / "backups")] == ["pre-migration"]


def test_downgrade_to_base_and_upgrade_again(db):
    downgrade_to(db.engine, "0001")
    with db.engine.connect() as connection:
        assert current_revision(connection) == "0001"
        assert "settings" not in inspect(connection).get_table_names()
    downgrade_to(db.engine, "base")
    with db.engine.connect() as connection:
        assert current_revision(connection) is None
        assert inspect(connection).get_table_names() == ["alembic_version"]
    upgrade_to(db.engine, "head")
    with db.engine.connect() as connection:
        assert current_revision(connection) == SCHEMA_HEAD


def test_migration_runs_with_foreign_keys_off_on_its_connection(db_path, monkeypatch):
    import alembic.command

    make_database_at_0001(db_path)
    seen = []
    real_upgrade = alembic.command.upgrade

    def spy(config, revision):
        seen.append(config.attributes["connection"].exec_driver_sql("PRAGMA foreign_keys").scalar())
        real_upgrade(config, revision)

    monkeypatch.setattr(alembic.command, "upgrade", spy)
    db = open_database(db_path, today=DAY)
    try:
        assert seen == [0]
        with db.engine.connect() as connection:  # the pooled connection is back to ON
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.dispose()


_PLAN_COLUMNS_AT_0006 = (
    "id, code, name, kind, premium_per_share_fen, max_shares, period_start, period_end, "
    "waiting_days, renewal_grace_days, claim_deadline_days, min_age, max_age, min_hospital_grade, "
    "min_participation_pct, materials_json, rules_toml, created_at, created_by"
)


def _columns_at_0006(table: str) -> str:
    """The columns a table had at 0006 (later revisions add some to users and plans)."""
    if table == "users":
        return "id, username, display_name, role, password_hash, active, created_at"
    return _PLAN_COLUMNS_AT_0006 if table == "plans" else "*"


def test_0005_to_0006_adds_the_leavers_table_and_keeps_the_data(db_path):
    """A database at 0005 with members, plans and enrollments: 0006 adds `renewal_leavers` (empty) with its
    one-live-record-per-member-and-plan index; the rows are kept, and downgrading drops only the new table."""
    make_database_at_0001(db_path, members=3)
    db = open_database(db_path, migrate=False)
    upgrade_to(db.engine, "0005")
    with db.engine.begin() as connection:
        run = connection.exec_driver_sql
        run(
            "INSERT INTO plans (code, name, kind, premium_per_share_fen, max_shares, period_start, period_end, "
            "waiting_days, renewal_grace_days, claim_deadline_days, min_age, max_age, min_hospital_grade, "
            "min_participation_pct, rules_toml, created_at) VALUES ('SL-ZY-2027', '2027', 'reimbursement', 9500, 1, "
            "'2027-01-01', '2027-12-31', 90, 30, 180, 16, 60, 0, 0, '', '2026-10-01 09:00:00')"
        )
        run(
            "INSERT INTO enrollments (member_id, plan_id, unit_id, shares, premium_fen, continuous, status, "
            "created_at) VALUES (1, 1, 1, 1, 9500, 0, 'pending_payment', '2026-11-29 09:00:00')"
        )
    db.dispose()
    before = {}
    with sqlite3.connect(db_path) as connection:
        for table in ("members", "plans", "enrollments", "audit_log", "users", "org_units"):
            before[table] = connection.execute(f"SELECT {_columns_at_0006(table)} FROM {table} ORDER BY 1").fetchall()

    db = open_database(db_path, today=DAY)
    try:
        with sqlite3.connect(db_path) as connection:
            assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD
            for table, rows in before.items():
                assert (
                    connection.execute(f"SELECT {_columns_at_0006(table)} FROM {table} ORDER BY 1").fetchall() == rows
                )
            assert connection.execute("SELECT count(*) FROM renewal_leavers").fetchone()[0] == 0
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
            insert = (
                "INSERT INTO renewal_leavers (member_id, plan_id, unit_id, reason, recorded_at, withdrawn_at) "
                "VALUES (?, 1, 1, ?, '2026-11-29 09:00:00', ?)"
            )
            connection.execute(insert, (1, "离职", "2026-11-29 10:00:00"))  # withdrawn
            connection.execute(insert, (1, "退休", None))  # live
            connection.execute(insert, (2, None, None))
            with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
                connection.execute(insert, (1, "死亡", None))  # a second live record of member 1
            connection.commit()
        with db.session(read_only=True) as session:
            assert verify_audit_chain(session) == []
    finally:
        db.dispose()
    pre_migration = [info for info in list_backups(db.backup_dir) if info.reason == "pre-migration"]
    assert [revision_of(info.path) for info in pre_migration] == ["0005"]

    db = open_database(db_path, migrate=False)
    try:
        downgrade_to(db.engine, "0005")
        with db.engine.connect() as connection:
            assert "renewal_leavers" not in inspect(connection).get_table_names()
    finally:
        db.dispose()
    with sqlite3.connect(db_path) as connection:
        for table, rows in before.items():
            assert connection.execute(f"SELECT {_columns_at_0006(table)} FROM {table} ORDER BY 1").fetchall() == rows


def test_0006_to_0007_fills_invoice_keys_and_export_counts(db_path):
    """0007 adds the normalised invoice number (filled in from the claims), the claim's flags, the
    batch's export count (1 for a batch already exported) and the sign-in counters; downgrading
    drops them and keeps the rows."""
    make_database_at_0001(db_path, members=2)
    db = open_database(db_path, migrate=False)
    upgrade_to(db.engine, "0006")
    with db.engine.begin() as connection:
        run = connection.exec_driver_sql
        run(
            "INSERT INTO plans (code, name, kind, premium_per_share_fen, max_shares, period_start, period_end, "
            "waiting_days, renewal_grace_days, claim_deadline_days, min_age, max_age, min_hospital_grade, "
            "min_participation_pct, rules_toml, created_at) VALUES ('SL-ZY-2026', '2026', 'reimbursement', 9500, 1, "
            "'2026-01-01', '2026-12-31', 90, 30, 180, 16, 60, 0, 0, '', '2025-10-01 09:00:00')"
        )
        run(
            "INSERT INTO enrollments (member_id, plan_id, unit_id, shares, premium_fen, continuous, status, "
            "created_at) VALUES (1, 1, 1, 1, 9500, 0, 'paid', '2025-11-29 09:00:00')"
        )
        for number, invoice in (("C1", "ab-12 34"), ("C2", "ＡＢ１２３４"), ("C3", None)):
            run(
                "INSERT INTO claims (claim_number, member_id, enrollment_id, plan_id, status, received_on, event_date, "
                "invoice_number, facts_json, quote_json, quoted_fen, created_at) VALUES "
                "(?, 1, 1, 1, 'waiting_review', '2026-03-01', '2026-02-01', ?, '{}', '{}', 100, '2026-03-01 09:00:00')",
                (number, invoice),
            )
        run(
            "INSERT INTO payout_batches (batch_number, status, created_at, exported_at) VALUES "
            "('PF2026-0001', 'exported', '2026-04-01 09:00:00', '2026-04-01 10:00:00'), "
            "('PF2026-0002', 'open', '2026-04-02 09:00:00', NULL)"
        )
    db.dispose()

    db = open_database(db_path, today=DAY)
    db.dispose()
    with sqlite3.connect(db_path) as connection:
        keys = connection.execute("SELECT claim_number, invoice_key FROM claims ORDER BY 1").fetchall()
        assert keys == [("C1", "AB1234"), ("C2", "AB1234"), ("C3", None)]
        counts = connection.execute("SELECT batch_number, export_count FROM payout_batches ORDER BY 1").fetchall()
        assert counts == [("PF2026-0001", 1), ("PF2026-0002", 0)]
        assert connection.execute("SELECT failed_logins, locked_until FROM users").fetchall() == [(0, None)]

    db = open_database(db_path, migrate=False)
    try:
        downgrade_to(db.engine, "0006")
        with db.engine.connect() as connection:
            assert "invoice_key" not in {c["name"] for c in inspect(connection).get_columns("claims")}
            assert connection.exec_driver_sql("SELECT count(*) FROM claims").scalar() == 3
    finally:
        db.dispose()


def test_0008_to_0009_adds_the_season_columns_empty_and_downgrades(db_path):
    """0009 adds nullable columns to plans (停止参保日, 停用) and premium payments (the receipt replaced, the bank
    reference): existing rows keep their values with the new columns empty; downgrading to 0008 drops them."""
    make_database_at_0001(db_path, members=1)
    db = open_database(db_path, migrate=False)
    upgrade_to(db.engine, "0008")
    with db.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO plans (code, name, kind, premium_per_share_fen, max_shares, period_start, period_end, "
            "waiting_days, renewal_grace_days, claim_deadline_days, min_age, max_age, min_hospital_grade, "
            "min_participation_pct, rules_toml, created_at) VALUES ('SL-ZY-2027', '2027', 'reimbursement', 9500, 1, "
            "'2027-01-01', '2027-12-31', 90, 30, 180, 16, 60, 0, 0, '', '2026-10-01 09:00:00')"
        )
    upgrade_to(db.engine, "0009")
    with db.engine.connect() as connection:
        row = connection.exec_driver_sql(
            "SELECT code, enrollment_closes, withdrawn_at, withdrawn_by FROM plans"
        ).fetchall()
        assert row == [("SL-ZY-2027", None, None, None)]
        columns = {c["name"] for c in inspect(connection).get_columns("premium_payments")}
        assert {"replaces_payment_id", "bank_reference"} <= columns
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    downgrade_to(db.engine, "0008")
    with db.engine.connect() as connection:
        assert "enrollment_closes" not in {c["name"] for c in inspect(connection).get_columns("plans")}
        assert "bank_reference" not in {c["name"] for c in inspect(connection).get_columns("premium_payments")}
        assert connection.exec_driver_sql("SELECT code FROM plans").fetchall() == [("SL-ZY-2027",)]
    db.dispose()


def test_0009_to_0010_adds_the_month_closings_table_and_downgrades(db_path):
    """0010 adds the month closings (月结), empty; the database keeps one live closing per month; downgrading
    to 0009 drops the table and leaves the rest."""
    make_database_at_0001(db_path, members=1)
    db = open_database(db_path, migrate=False)
    upgrade_to(db.engine, "0010")
    insert = (
        "INSERT INTO month_closings (year, month, version, figures_json, digest, closed_at, closed_by_name, "
        "reopened_at) VALUES (2026, 11, {}, '{{}}', 'x', '2026-12-02 09:00:00', '主管', {})"
    )
    with db.engine.begin() as connection:
        assert connection.exec_driver_sql("SELECT COUNT(*) FROM month_closings").scalar() == 0
        connection.exec_driver_sql(insert.format(1, "'2026-12-03 09:00:00'"))  # closed, then reopened
        connection.exec_driver_sql(insert.format(2, "NULL"))  # closed again
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.exec_driver_sql(insert.format(3, "NULL"))  # a second live closing of the month
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.exec_driver_sql(insert.replace("11,", "13,").format(1, "NULL"))
    downgrade_to(db.engine, "0009")
    with db.engine.connect() as connection:
        assert "month_closings" not in inspect(connection).get_table_names()
        assert connection.exec_driver_sql("SELECT COUNT(*) FROM members").scalar() == 1
    db.dispose()
