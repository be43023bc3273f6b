"""The audit hash chain: clean when untouched; edits and deletions are reported."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from itertools import pairwise

import pytest

from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.audit import (
    GENESIS_HASH,
    TIP_KEY,
    append_audit,
    record_hash,
    verify_audit_chain,
)
from mutualaid_desktop.store.integrity import check_database
from mutualaid_desktop.store.models import AuditRecord, Setting


@pytest.fixture
def audited(db):
    """Five audit records written by two units of work."""
    with UnitOfWork(db, "zhang") as uow:
        for i in range(3):
            uow.audit("member.create", "member", i, after={"name": f"会员{i}", "fee": Decimal("95.00")})
        uow.commit()
    with UnitOfWork(db, "li") as uow:
        uow.audit("claim.approve", "claim", "C-1", before={"status": "waiting_review"}, after={"status": "approved"})
        uow.audit("claim.pay", "claim", "C-1", after={"paid_on": date(2026, 3, 2), "amount": Decimal("300")})
        uow.commit()
    return db


def problems_of(db) -> list[str]:
    with db.session(read_only=True) as session:
        return verify_audit_chain(session)


def raw(db, sql: str) -> None:
    db.dispose()  # no pooled connection keeps an old snapshot
    with sqlite3.connect(db.path) as connection:
        connection.execute(sql)


def test_untouched_chain_is_clean(audited):
    assert problems_of(audited) == []
    assert check_database(audited) == []
    with audited.session(read_only=True) as session:
        records = session.query(AuditRecord).order_by(AuditRecord.id).all()
        tip = session.get(Setting, TIP_KEY)
    assert [r.username for r in records] == ["zhang"] * 3 + ["li"] * 2
    assert records[0].prev_hash == GENESIS_HASH
    assert all(later.prev_hash == earlier.hash for earlier, later in pairwise(records))
    assert records[0].after_json == '{"fee":"95.00","name":"会员0"}'
    assert records[4].after_json == '{"amount":"300","paid_on":"2026-03-02"}'
    assert records[3].entity_id == "C-1" and records[0].entity_id == "0"
    assert tip.value == f'{{"count": 5, "hash": "{records[4].hash}"}}'


def test_aware_time_is_stored_as_utc_and_hashes_the_same_after_reload(db):
    beijing = timezone(timedelta(hours=8))
    with db.session() as session:
        record = append_audit(session, username="zhang", action="x", at=datetime(2026, 3, 2, 9, 0, 0, 123456, beijing))
        session.commit()
    with db.session(read_only=True) as session:
        stored = session.get(AuditRecord, record.id)
        assert stored.at == datetime(2026, 3, 2, 1, 0, 0, 123456)
        assert record_hash(stored) == stored.hash
    assert problems_of(db) == []


def test_edited_record_is_reported(audited):
    raw(audited, """UPDATE audit_log SET after_json = '{"amount":"3000","paid_on":"2026-03-02"}' WHERE id = 5""")
    problems = problems_of(audited)
    assert problems[0] == "审计记录第 5 条的内容被改动过（与其校验值不符）。"
    assert len(problems) == 2  # and what to do


def test_edited_user_is_reported(audited):
    raw(audited, "UPDATE audit_log SET username = 'wang' WHERE id = 2")
    assert problems_of(audited)[0].startswith("审计记录第 2 条的内容被改动过")


def test_garbled_time_is_reported(audited):
    raw(audited, "UPDATE audit_log SET at = 'yesterday' WHERE id = 4")
    assert problems_of(audited)[0] == "审计记录第 4 条（按顺序）无法读取：其时间被改动过。"


def test_deleted_middle_record_is_reported(audited):
    raw(audited, "DELETE FROM audit_log WHERE id = 3")
    problems = problems_of(audited)
    assert problems[0].startswith("审计记录第 4 条之前的记录被删除或改动过")
    assert any("应有 5 条，实有 4 条" in problem for problem in problems)


def test_deleted_last_record_is_reported(audited):
    raw(audited, "DELETE FROM audit_log WHERE id = 5")
    problems = problems_of(audited)
    assert problems[0].startswith("审计记录应有 5 条，实有 4 条")
    assert any("审计记录" in problem for problem in check_database(audited, full=False))


def test_deleted_last_record_stays_reported_after_new_records(audited):
    raw(audited, "DELETE FROM audit_log WHERE id = 5")
    with UnitOfWork(audited, "zhang") as uow:
        uow.audit("member.update", "member", 1)
        uow.commit()
    assert any("应有 6 条，实有 5 条" in problem for problem in problems_of(audited))


def test_deleted_tip_is_reported(audited):
    raw(audited, f"DELETE FROM settings WHERE key = '{TIP_KEY}'")
    assert problems_of(audited)[0].startswith("审计记录应有 0 条，实有 5 条")


def test_values_that_are_not_json_are_refused(db):
    with UnitOfWork(db, "zhang") as uow, pytest.raises(TypeError, match="not JSON serialisable"):
        uow.audit("x", after={"value": object()})
