"""The audit log, a hash chain.

Each record's hash is SHA-256 over a canonical JSON of its content and the previous record's
hash, so editing a record or deleting one in the middle breaks the chain. Deleting the last
records cannot break a chain, so the number of records and the last hash (the "tip") are also
kept in the settings table, updated in the same transaction. Deleting every record and the tip
leaves an empty, consistent log: an empty log in a database that holds users, members or money
is reported as emptied. This detects damage and tampering with the database file by hand;
someone who rewrites every hash and the tip is not detected (there is no secret key). The money
rows are tied to the chain by the digests of store/money_digest.py.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, time
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from mutualaid_desktop.domain import clock

from .models import AuditRecord, Claim, Member, PayoutBatch, PremiumPayment, Setting, User

GENESIS_HASH = "0" * 64
TIP_KEY = "audit_tip"  # settings value: {"count": records, "hash": last hash}


def append_audit(
    session: Session,
    *,
    username: str | None,
    action: str,
    entity: str | None = None,
    entity_id=None,
    before: dict | None = None,
    after: dict | None = None,
    at: datetime | None = None,
) -> AuditRecord:
    """Add an audit record to the session's transaction (the caller commits)."""
    at = _utc_naive(at or clock.utcnow())
    # Lock the tip first: on PostgreSQL this queues concurrent writers (SELECT ... FOR UPDATE);
    # on SQLite the unit of work already holds the write lock (BEGIN IMMEDIATE).
    tip = session.get(Setting, TIP_KEY, with_for_update=True)
    count, _ = _read_tip(tip)
    last_hash = session.scalar(select(AuditRecord.hash).order_by(AuditRecord.id.desc()).limit(1))
    prev_hash = last_hash or GENESIS_HASH
    record = AuditRecord(
        at=at,
        username=username,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        before_json=to_json(before),
        after_json=to_json(after),
        prev_hash=prev_hash,
    )
    record.hash = record_hash(record)
    session.add(record)
    value = json.dumps({"count": count + 1, "hash": record.hash})
    if tip is None:
        session.add(Setting(key=TIP_KEY, value=value))
    else:
        tip.value = value
    return record


def latest_after(session: Session, entity: str, entity_id: str, actions: tuple[str, ...]) -> str | None:
    """The `after` JSON of the newest record of `entity`/`entity_id` with one of `actions`."""
    return session.scalar(
        select(AuditRecord.after_json)
        .where(AuditRecord.entity == entity, AuditRecord.entity_id == entity_id, AuditRecord.action.in_(actions))
        .order_by(AuditRecord.id.desc())
        .limit(1)
    )


def verify_audit_chain(session: Session) -> list[str]:
    """Walk the log in id order; one problem (Chinese) per broken link or altered record."""
    problems = []
    expected_prev = GENESIS_HASH
    count = 0
    table = AuditRecord.__table__
    rows = session.execute(select(table).order_by(table.c.id), execution_options={"yield_per": 2000})
    try:
        for record in rows:
            count += 1
            if record.prev_hash != expected_prev:
                problems.append(f"审计记录第 {record.id} 条之前的记录被删除或改动过（校验链在此断开）。")
            if record_hash(record) != record.hash:
                problems.append(f"审计记录第 {record.id} 条的内容被改动过（与其校验值不符）。")
            expected_prev = record.hash
    except ValueError:  # a time that no longer parses; the walk cannot go on
        rows.close()
        problems.append(f"审计记录第 {count + 1} 条（按顺序）无法读取：其时间被改动过。")
    else:
        tip_count, tip_hash = _read_tip(session.get(Setting, TIP_KEY))
        if (tip_count, tip_hash) != (count, expected_prev):
            problems.append(f"审计记录应有 {tip_count} 条，实有 {count} 条：最后的记录被删除或校验信息被改动过。")
        elif count == 0 and _holds_data(session):
            problems.append("审计记录是空的，但数据库里已有用户、会员或金额数据：审计记录连同其校验信息被整体删除过。")
    if problems:
        problems.append("审计记录不可信：请联系管理员，用备份核对被改动的记录，并查明原因。")
    return problems


def _holds_data(session: Session) -> bool:
    """Whether the database holds what is only ever written together with audit records (a user,
    a member, a payment, a claim, a payout batch): then an empty log was emptied."""
    return any(
        session.scalar(select(model.id).limit(1)) is not None
        for model in (User, Member, PremiumPayment, Claim, PayoutBatch)
    )


def record_hash(record) -> str:
    """The hash of an AuditRecord (or a row with the same columns)."""
    content = [
        record.prev_hash,
        record.at.isoformat(),
        record.username,
        record.action,
        record.entity,
        record.entity_id,
        record.before_json,
        record.after_json,
    ]
    return hashlib.sha256(_canonical(content).encode("utf-8")).hexdigest()


def to_json(value: dict | None) -> str | None:
    """Canonical JSON of an audit value; dates, times and Decimals become strings."""
    return None if value is None else _canonical(value)


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def _json_default(value):
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"audit value of type {type(value).__name__} is not JSON serialisable")


def _read_tip(tip: Setting | None) -> tuple[int, str]:
    if tip is None:
        return 0, GENESIS_HASH
    try:
        value = json.loads(tip.value)
        return int(value["count"]), str(value["hash"])
    except (ValueError, KeyError, TypeError):
        return -1, ""  # unreadable: verify_audit_chain reports it


def _utc_naive(moment: datetime) -> datetime:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment
