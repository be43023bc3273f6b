"""Money digests: a baseline in the audit log for the money rows written before this revision.

From this revision on, every change to a premium payment (with its items and the enrollments it
paid), a payout batch or item, a claim's decision, money and payee columns, or a reversal is
followed in its transaction by an audit record `money.digest` with the digest of the rows as
written (store/money_digest.py), and `mutualaid check` compares the rows with the latest digest.
For the rows that already exist this revision appends the digests of every subject to the audit
chain (records of at most 5,000 digests, chained after the last record, the tip updated), so
that the check covers them too from now on.

The digest rule is copied here as it is at this revision (RULE 1): a migration must not change
when store/money_digest.py does later (a new rule comes with its own revision and baseline).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, time
from decimal import Decimal

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

RULE = 1
ACTION = "money.digest"
USERNAME = "migration:0008"
PART_HEX = 24
PER_RECORD = 5000
CHUNK = 1000
GENESIS_HASH = "0" * 64
TIP_KEY = "audit_tip"

I, S, D, T, B = sa.Integer, sa.String, sa.Date, sa.DateTime, sa.Boolean  # noqa: E741 - column types, short to keep the tables readable


def _table(name: str, **columns) -> sa.TableClause:
    return sa.table(name, *(sa.column(column, kind()) for column, kind in columns.items()))


PAYMENTS = _table(
    "premium_payments",
    id=I,
    receipt_serial=S,
    payer_unit_id=I,
    payer_member_id=I,
    amount_fen=I,
    method=S,
    paid_on=D,
    clerk_id=I,
    voided=B,
    voided_at=T,
    voided_by=I,
    void_reason=S,
    created_at=T,
)
PAYMENT_ITEMS = _table("premium_payment_items", payment_id=I, enrollment_id=I, premium_fen=I)
ENROLLMENTS = _table(
    "enrollments",
    id=I,
    payment_id=I,
    member_id=I,
    plan_id=I,
    shares=I,
    premium_fen=I,
    status=S,
    cover_start=D,
    cover_end=D,
    continuous=B,
)
BATCHES = _table("payout_batches", id=I, batch_number=S, status=S, created_by=I)
PAYOUT_ITEMS = _table(
    "payout_items",
    id=I,
    batch_id=I,
    claim_id=I,
    amount_fen=I,
    bank_name=S,
    account_holder=S,
    account_number=S,
    status=S,
    settled_on=D,
    settled_by=I,
    return_reason=S,
)
CLAIMS = _table(
    "claims",
    id=I,
    claim_number=S,
    member_id=I,
    enrollment_id=I,
    plan_id=I,
    status=S,
    quoted_fen=I,
    approved_fen=I,
    decision_reason=S,
    decided_by=I,
    decided_at=T,
    bank_name=S,
    account_holder=S,
    account_number=S,
    entered_by=I,
)
REVERSALS = _table("claim_reversals", id=I, claim_id=I, amount_fen=I, reason=S, reversed_at=T, reversed_by=I)
AUDIT = _table(
    "audit_log",
    id=I,
    at=T,
    username=S,
    action=S,
    entity=S,
    entity_id=S,
    before_json=S,
    after_json=S,
    prev_hash=S,
    hash=S,
)
SETTINGS = _table("settings", key=S, value=S)

# kind -> parts: (table, key column, columns digested, order within the subject); the first part
# is the subject's own row.
SUBJECTS = {
    "premium_payment": (
        (
            PAYMENTS,
            "id",
            "id receipt_serial payer_unit_id payer_member_id amount_fen method paid_on clerk_id voided "
            "voided_at voided_by void_reason created_at",
            "id",
        ),
        (PAYMENT_ITEMS, "payment_id", "enrollment_id premium_fen", "enrollment_id"),
        (
            ENROLLMENTS,
            "payment_id",
            "id member_id plan_id shares premium_fen status cover_start cover_end continuous",
            "id",
        ),
    ),
    "payout_batch": (
        (BATCHES, "id", "id batch_number status created_by", "id"),
        (PAYOUT_ITEMS, "batch_id", "id claim_id", "id"),
    ),
    "payout_item": (
        (
            PAYOUT_ITEMS,
            "id",
            "id batch_id claim_id amount_fen bank_name account_holder account_number status "
            "settled_on settled_by return_reason",
            "id",
        ),
    ),
    "claim": (
        (
            CLAIMS,
            "id",
            "id claim_number member_id enrollment_id plan_id status quoted_fen approved_fen "
            "decision_reason decided_by decided_at bank_name account_holder account_number entered_by",
            "id",
        ),
        (REVERSALS, "claim_id", "id", "id"),
    ),
    "claim_reversal": ((REVERSALS, "id", "id claim_id amount_fen reason reversed_at reversed_by", "id"),),
}


def _json_value(value):
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def _part_digest(kind: str, table: str, rows: list) -> str:
    text = json.dumps([kind, table, rows], ensure_ascii=False, separators=(",", ":"), default=_json_value)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:PART_HEX]


def _rows(connection, table, key: str, columns: str, order: str, ids: list[int]) -> dict[int, list]:
    column = table.c[key]
    stmt = (
        sa.select(column, *(table.c[name] for name in columns.split()))
        .where(column.in_(ids))
        .order_by(column, *(table.c[name] for name in order.split()))
    )
    out: dict[int, list] = {}
    for row in connection.execute(stmt):
        out.setdefault(row[0], []).append(tuple(row)[1:])
    return out


def _digests(connection, kind: str, chunk_size: int = CHUNK) -> dict[int, str]:
    parts = SUBJECTS[kind]
    main, key = parts[0][0], parts[0][1]
    ids = list(connection.execute(sa.select(main.c[key]).order_by(main.c[key])).scalars())
    out: dict[int, str] = {}
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start : start + chunk_size]
        found = [_rows(connection, table, k, columns, order, chunk) for table, k, columns, order in parts]
        for subject_id in chunk:
            rows = [f.get(subject_id, []) for f in found]
            if any(rows):
                out[subject_id] = ":".join(
                    _part_digest(kind, part[0].name, r) for part, r in zip(parts, rows, strict=True)
                )
    return out


def _canonical(value) -> str:
    def default(v):
        if isinstance(v, (date, datetime, time)):
            return v.isoformat()
        if isinstance(v, Decimal):
            return str(v)
        raise TypeError(type(v).__name__)

    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=default)


def _record_hash(content: dict) -> str:
    """store/audit.record_hash as it is at this revision."""
    fields = [
        content["prev_hash"],
        content["at"].isoformat(),
        content["username"],
        content["action"],
        content["entity"],
        content["entity_id"],
        content["before_json"],
        content["after_json"],
    ]
    return hashlib.sha256(_canonical(fields).encode("utf-8")).hexdigest()


def _append(connection, records: list[dict]) -> None:
    """Chain `records` (after_json values) after the last audit record and move the tip on."""
    tip_text = connection.execute(sa.select(SETTINGS.c.value).where(SETTINGS.c.key == TIP_KEY)).scalar()
    try:
        count = int(json.loads(tip_text)["count"]) if tip_text is not None else 0
    except (ValueError, KeyError, TypeError):
        count = None  # unreadable tip: left as it is for `check` to report
    prev = connection.execute(sa.select(AUDIT.c.hash).order_by(AUDIT.c.id.desc()).limit(1)).scalar() or GENESIS_HASH
    at = datetime.now(UTC).replace(tzinfo=None)
    for after in records:
        content = {
            "at": at,
            "username": USERNAME,
            "action": ACTION,
            "entity": None,
            "entity_id": None,
            "before_json": None,
            "after_json": _canonical(after),
            "prev_hash": prev,
        }
        content["hash"] = _record_hash(content)
        connection.execute(AUDIT.insert().values(**content))
        prev = content["hash"]
        if count is not None:
            count += 1
    if count is None:
        return
    value = json.dumps({"count": count, "hash": prev})
    if tip_text is None:
        connection.execute(SETTINGS.insert().values(key=TIP_KEY, value=value))
    else:
        connection.execute(SETTINGS.update().where(SETTINGS.c.key == TIP_KEY).values(value=value))


def baseline_records(digests: dict[str, dict[int, str]], per_record: int = PER_RECORD) -> list[dict]:
    """The after_json values of the baseline records: at most `per_record` digests each."""
    items = [(kind, i, d) for kind in sorted(digests) for i, d in sorted(digests[kind].items())]
    records = []
    for start in range(0, len(items), per_record):
        values: dict[str, dict[str, str]] = {}
        for kind, subject_id, digest in items[start : start + per_record]:
            values.setdefault(kind, {})[str(subject_id)] = digest
        records.append({"rule": RULE, "baseline": revision, "digests": values})
    return records


def upgrade() -> None:
    connection = op.get_bind()
    records = baseline_records({kind: _digests(connection, kind) for kind in SUBJECTS})
    if records:
        _append(connection, records)


def downgrade() -> None:
    """Nothing to undo in the schema; the baseline records stay in the chain (a log is never cut)."""
