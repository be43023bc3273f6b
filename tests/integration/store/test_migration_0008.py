"""Schema 0008: a database of revision 0007 (money rows, an audit log without digests) gets a
baseline of the digests of every money row, chained after its last audit record; from then on
`check` compares the rows with it. The migration's frozen copy of the digest rule gives the same
digests as the program's."""

from __future__ import annotations

import json
import sqlite3

from sqlalchemy import select

from mutualaid_desktop.store.audit import GENESIS_HASH, TIP_KEY, record_hash, verify_audit_chain
from mutualaid_desktop.store.database import SCHEMA_HEAD, open_database
from mutualaid_desktop.store.integrity import check_database
from mutualaid_desktop.store.migrate import current_revision, downgrade_to
from mutualaid_desktop.store.models import AuditRecord, Setting
from mutualaid_desktop.store.money_digest import ACTION, SUBJECTS, current_digests, recorded_digests

from .conftest import DAY, add_people
from .money_flow import run_money_flow


def as_at_0007(db) -> tuple[int, int]:
    """The database as revision 0007 left it: schema 0007, and an audit log without digest
    records (re-chained, the tip set). Returns the number of audit records and the last id."""
    downgrade_to(db.engine, "0007")
    db.dispose()
    with db.session() as session:
        session.query(AuditRecord).filter(AuditRecord.action == ACTION).delete()
        prev = GENESIS_HASH
        records = session.scalars(select(AuditRecord).order_by(AuditRecord.id)).all()
        for record in records:
            record.prev_hash = prev
            record.hash = prev = record_hash(record)
        session.get(Setting, TIP_KEY).value = json.dumps({"count": len(records), "hash": prev})
        session.commit()
    db.dispose()
    return len(records), records[-1].id


def test_0007_to_0008_records_a_baseline_that_check_then_holds_the_rows_to(db, db_path, tmp_path):
    flow = run_money_flow(db, tmp_path)
    before, last = as_at_0007(db)
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0007"
        assert connection.execute("SELECT count(*) FROM audit_log WHERE action = ?", (ACTION,)).fetchone()[0] == 0

    migrated = open_database(db_path, today=DAY)
    try:
        with migrated.session(read_only=True) as session:
            assert current_revision(session.connection()) == SCHEMA_HEAD
            assert verify_audit_chain(session) == []
            baseline = session.scalars(select(AuditRecord).where(AuditRecord.id > last).order_by(AuditRecord.id)).all()
            assert [(r.action, r.username) for r in baseline] == [(ACTION, "migration:0008")]
            assert json.loads(session.get(Setting, TIP_KEY).value)["count"] == before + 1
            recorded = recorded_digests(session)
            for kind in SUBJECTS:  # the frozen rule gives the program's digests
                now = current_digests(session, kind)
                assert now and {i: recorded[(kind, i)] for i in now} == now
        assert check_database(migrated) == []
    finally:
        migrated.dispose()

    with sqlite3.connect(db_path) as connection:  # and it holds the old rows to them
        connection.execute(f"UPDATE premium_payments SET amount_fen = 1 WHERE id = {flow.receipt.payment_id}")
    migrated = open_database(db_path, today=DAY)
    try:
        assert check_database(migrated, full=False)[0] == (
            f"表 premium_payments 第 {flow.receipt.payment_id} 行（缴费收据）与审计记录不符：在程序之外被改动过。"
        )
    finally:
        migrated.dispose()


def test_0008_on_a_database_without_money_adds_no_record(db, db_path):
    with db.session() as session:
        add_people(session, 2)
        session.commit()
    downgrade_to(db.engine, "0007")
    db.dispose()
    migrated = open_database(db_path, today=DAY)
    try:
        with migrated.session(read_only=True) as session:
            assert session.scalars(select(AuditRecord.action)).all() == ["member.import"]
        assert check_database(migrated) == []
    finally:
        migrated.dispose()


def test_baseline_is_read_in_chunks_and_split_into_records(db, tmp_path):
    """What the migration does in pieces on a city's database, checked on a small one."""
    import importlib

    module = importlib.import_module("mutualaid_desktop.store.migrations.versions.0008_money_digests")
    run_money_flow(db, tmp_path)
    with db.session(read_only=True) as session:
        connection = session.connection()
        frozen = {kind: module._digests(connection, kind, chunk_size=2) for kind in module.SUBJECTS}
        assert frozen == {kind: current_digests(session, kind) for kind in SUBJECTS}
    records = module.baseline_records(frozen, per_record=2)
    total = sum(len(v) for v in frozen.values())
    assert len(records) == (total + 1) // 2
    assert [sum(len(v) for v in r["digests"].values()) for r in records][:-1] == [2] * (len(records) - 1)
    merged = {(k, int(i)): d for r in records for k, values in r["digests"].items() for i, d in values.items()}
    assert merged == {(k, i): d for k, values in frozen.items() for i, d in values.items()}
