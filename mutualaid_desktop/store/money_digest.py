"""Digests of the money rows, written into the audit log with every change, compared by `check`.

The audit chain proves that the log itself was not edited; this module ties the money rows to
it. Every transaction that changes a money row ends (just before its commit) with an audit
record `money.digest` carrying the digest of each money *subject* it touched, computed from the
rows as they are then in the database. `check` computes the digests of all subjects again and
compares each with the latest one recorded: a receipt's amount, a decided amount, a payee's
account number changed with sqlite3, a payout item deleted or a row inserted behind the
program's back no longer matches (or has no digest at all).

The subjects (one owner for their canonical columns: SUBJECTS below):
- premium_payment: the premium_payments row, its premium_payment_items, and the enrollments it
  paid for (their status and cover: what the money bought);
- payout_batch: the payout_batches row and which items (id, claim) it holds;
- payout_item: one payout_items row (amount, payee account, status, settlement);
- claim: the claims row's decision, money and payee columns, and which reversals it has;
- claim_reversal: one claim_reversals row.

How the touched subjects are found, so that services need (almost) no edits: `track()` installs
session listeners (store/database.py does it for every session). ORM changes are collected after
each flush (new, changed or deleted objects of the money models; a changed object counts only
when a digest column changed). A Core insert or update of a money table is not seen by the ORM:
whoever writes one calls `touch(session, kind, id)` (or `touch_all(session, kind)` after a bulk
insert). Before the commit the digests are computed and appended to the chain.

Digests: per part, SHA-256 over the canonical JSON of the part's rows, cut to 24 hex digits; a
subject's digest is its parts' digests joined with ":" (so `check` can say which table differs).
A subject that has no row in any part has the digest None (recorded when one disappears).
Schema revision 0008 recorded a baseline for the rows that existed before; it keeps its own
copy of the rule (RULE 1): a change to SUBJECTS needs RULE + 1 and a revision writing a new baseline.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import Table, event, inspect, select
from sqlalchemy.orm import Session

from .audit import append_audit
from .models import (
    AuditRecord,
    Claim,
    ClaimReversal,
    Enrollment,
    PayoutBatch,
    PayoutItem,
    PremiumPayment,
    PremiumPaymentItem,
)

RULE = 1
ACTION = "money.digest"
PART_HEX = 24
PER_RECORD = 5000  # digests per audit record (a demo city's baseline is some 150,000)
CHUNK = 1000  # subjects per query (IN lists well below SQLite's limit)

TOUCHED = "money_digest.touched"  # session.info: {(kind, id)}
TOUCHED_ALL = "money_digest.all"  # session.info: {kind}: every subject of the kind
USERNAME = "audit_username"  # session.info: who the records name (set by the unit of work)


@dataclass(frozen=True)
class Part:
    table: Table
    key: str  # the column holding the subject's id
    columns: tuple[str, ...]  # what the digest covers, in this order
    order: tuple[str, ...]  # the rows' order within the subject


@dataclass(frozen=True)
class Subject:
    kind: str
    label: str  # Chinese, for check's messages
    parts: tuple[Part, ...]  # the first is the subject's own row

    @property
    def table(self) -> str:
        return self.parts[0].table.name


def _part(model, key: str, columns: str, order: str | None = None) -> Part:
    return Part(model.__table__, key, tuple(columns.split()), tuple((order or "id").split()))


SUBJECTS: dict[str, Subject] = {
    subject.kind: subject
    for subject in (
        Subject(
            "premium_payment",
            "缴费收据",
            (
                _part(
                    PremiumPayment,
                    "id",
                    "id receipt_serial payer_unit_id payer_member_id amount_fen method paid_on "
                    "clerk_id voided voided_at voided_by void_reason created_at",
                ),
                _part(PremiumPaymentItem, "payment_id", "enrollment_id premium_fen", "enrollment_id"),
                _part(
                    Enrollment,
                    "payment_id",
                    "id member_id plan_id shares premium_fen status cover_start cover_end continuous",
                ),
            ),
        ),
        Subject(
            "payout_batch",
            "给付批次",
            (
                _part(PayoutBatch, "id", "id batch_number status created_by"),
                _part(PayoutItem, "batch_id", "id claim_id"),
            ),
        ),
        Subject(
            "payout_item",
            "给付明细",
            (
                _part(
                    PayoutItem,
                    "id",
                    "id batch_id claim_id amount_fen bank_name account_holder account_number status "
                    "settled_on settled_by return_reason",
                ),
            ),
        ),
        Subject(
            "claim",
            "理赔",
            (
                _part(
                    Claim,
                    "id",
                    "id claim_number member_id enrollment_id plan_id status quoted_fen approved_fen "
                    "decision_reason decided_by decided_at bank_name account_holder account_number entered_by",
                ),
                _part(ClaimReversal, "claim_id", "id"),
            ),
        ),
        Subject(
            "claim_reversal",
            "冲正记录",
            (_part(ClaimReversal, "id", "id claim_id amount_fen reason reversed_at reversed_by"),),
        ),
    )
}


# --- marking what a transaction touched ------------------------------------------------------


def touch(session: Session, kind: str, subject_id: int | None) -> None:
    """Mark a subject as changed in this transaction (for Core writes the ORM does not see)."""
    if kind not in SUBJECTS:
        raise ValueError(f"not a money subject: {kind}")
    if subject_id is not None:
        session.info.setdefault(TOUCHED, set()).add((kind, int(subject_id)))


def touch_all(session: Session, kind: str) -> None:
    """Mark every subject of `kind` (after a bulk insert): all get a digest at the commit."""
    if kind not in SUBJECTS:
        raise ValueError(f"not a money subject: {kind}")
    session.info.setdefault(TOUCHED_ALL, set()).add(kind)


def track(target) -> None:
    """Install the listeners on a Session, a sessionmaker or the Session class."""
    event.listen(target, "after_flush", _after_flush)
    event.listen(target, "before_commit", _before_commit)
    event.listen(target, "after_rollback", _forget)


# The ORM side: model -> (own kind, {column: parent kind}).
_OWN = {
    PremiumPayment: "premium_payment",
    PayoutBatch: "payout_batch",
    PayoutItem: "payout_item",
    Claim: "claim",
    ClaimReversal: "claim_reversal",
}
_PARENTS = {
    PremiumPaymentItem: {"payment_id": "premium_payment"},
    Enrollment: {"payment_id": "premium_payment"},
    PayoutItem: {"batch_id": "payout_batch"},
    ClaimReversal: {"claim_id": "claim"},
}


def _digest_columns(model) -> set[str]:
    names: set[str] = set()
    for subject in SUBJECTS.values():
        for part in subject.parts:
            if part.table is model.__table__:
                names.update(part.columns)
                names.add(part.key)
    return names


_COLUMNS = {model: _digest_columns(model) for model in (*_OWN, *_PARENTS)}


def _after_flush(session: Session, _context) -> None:
    found: set[tuple[str, int]] = set()
    for obj, changed in (
        [(o, None) for o in session.new] + [(o, None) for o in session.deleted] + [(o, True) for o in session.dirty]
    ):
        model = type(obj)
        if model not in _COLUMNS:
            continue
        state = inspect(obj)
        if changed and not any(state.attrs[name].history.has_changes() for name in _COLUMNS[model]):
            continue
        if model in _OWN:
            found.add((_OWN[model], obj.id))
        for column, kind in _PARENTS.get(model, {}).items():
            history = state.attrs[column].history
            for value in (*history.added, *history.deleted, *history.unchanged):
                if value is not None:
                    found.add((kind, value))
    if found:
        session.info.setdefault(TOUCHED, set()).update((k, int(i)) for k, i in found if i is not None)


def _forget(session: Session) -> None:
    session.info.pop(TOUCHED, None)
    session.info.pop(TOUCHED_ALL, None)


def _before_commit(session: Session) -> None:
    if session.in_nested_transaction() or not (session.info.get(TOUCHED) or session.info.get(TOUCHED_ALL)):
        return
    session.flush()  # the rows as they will be committed (the flush may touch more)
    touched: set[tuple[str, int]] = session.info.pop(TOUCHED, set())
    every: set[str] = session.info.pop(TOUCHED_ALL, set())
    digests: dict[str, Mapping[int, str | None]] = {kind: current_digests(session, kind) for kind in sorted(every)}
    wanted: dict[str, set[int]] = {}
    for kind, subject_id in touched:
        if kind not in every:
            wanted.setdefault(kind, set()).add(subject_id)
    for kind, ids in sorted(wanted.items()):
        found = current_digests(session, kind, sorted(ids))
        digests[kind] = {i: found.get(i) for i in sorted(ids)}
    record_digests(session, digests, username=session.info.get(USERNAME))


def record_digests(session: Session, digests: Mapping[str, Mapping[int, str | None]], *, username: str | None) -> None:
    """Append `money.digest` records (at most PER_RECORD digests each) to the audit chain. They
    name no entity: a row's history in the log (entity, entity_id) lists what was done to it."""
    items = [
        (kind, subject_id, digest) for kind in sorted(digests) for subject_id, digest in sorted(digests[kind].items())
    ]
    for start in range(0, len(items), PER_RECORD):
        chunk = items[start : start + PER_RECORD]
        values: dict[str, dict[str, str | None]] = {}
        for kind, subject_id, digest in chunk:
            values.setdefault(kind, {})[str(subject_id)] = digest
        append_audit(session, username=username, action=ACTION, after={"rule": RULE, "digests": values})


# --- computing digests -----------------------------------------------------------------------


def _json_value(value):
    """A column value JSON has no type for (the others go in as they are)."""
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def part_digest(kind: str, table: str, rows: list[tuple]) -> str:
    """The digest of one part: `rows` are the digested columns' values in their order."""
    text = json.dumps([kind, table, rows], ensure_ascii=False, separators=(",", ":"), default=_json_value)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:PART_HEX]


def current_digests(session: Session, kind: str, ids: Iterable[int] | None = None) -> dict[int, str]:
    """The digest of each subject of `kind` (those in `ids`, or all) that has a row in any part."""
    subject = SUBJECTS[kind]
    main = subject.parts[0]
    if ids is None:
        every = session.scalars(select(main.table.c[main.key]).order_by(main.table.c[main.key])).all()
    else:
        every = sorted(set(ids))
    out: dict[int, str] = {}
    for start in range(0, len(every), CHUNK):
        chunk = every[start : start + CHUNK]
        rows_by_part = [_rows(session, part, chunk) for part in subject.parts]
        for subject_id in chunk:
            parts = [rows.get(subject_id, []) for rows in rows_by_part]
            if any(parts):
                out[subject_id] = ":".join(
                    part_digest(kind, part.table.name, rows) for part, rows in zip(subject.parts, parts, strict=True)
                )
    return out


def _rows(session: Session, part: Part, ids: Sequence[int]) -> dict[int, list[tuple]]:
    table = part.table
    key = table.c[part.key]
    stmt = (
        select(key, *(table.c[name] for name in part.columns))
        .where(key.in_(ids))
        .order_by(key, *(table.c[name] for name in part.order))
    )
    out: dict[int, list[tuple]] = {}
    for row in session.execute(stmt):
        out.setdefault(row[0], []).append(tuple(row)[1:])
    return out


# --- the check -------------------------------------------------------------------------------


def recorded_digests(session: Session) -> dict[tuple[str, int], str | None]:
    """The latest digest recorded in the audit log for each subject (of this RULE)."""
    out: dict[tuple[str, int], str | None] = {}
    stmt = select(AuditRecord.after_json).where(AuditRecord.action == ACTION).order_by(AuditRecord.id)
    for (text,) in session.execute(stmt, execution_options={"yield_per": 200}):
        try:
            data = json.loads(text or "{}")
            if data.get("rule") != RULE:
                continue
            for kind, values in data["digests"].items():
                for subject_id, digest in values.items():
                    out[(kind, int(subject_id))] = digest
        except (ValueError, KeyError, TypeError, AttributeError):
            continue  # an unreadable record: the chain check reports it as altered
    return out


@dataclass(frozen=True)
class Difference:
    kind: str
    subject_id: int
    what: str  # "changed", "unrecorded" or "deleted"
    tables: tuple[str, ...]  # the tables whose part differs ("changed")

    def message(self) -> str:
        subject = SUBJECTS[self.kind]
        where = f"表 {subject.table} 第 {self.subject_id} 行（{subject.label}）"
        if self.what == "unrecorded":
            return f"{where}没有对应的审计记录：它不是由本程序写入的。"
        if self.what == "deleted":
            return f"{where}在审计记录中有，但已不在数据库中：被删除过。"
        texts = []
        for table in self.tables:
            if table == subject.table:
                texts.append(f"{where}与审计记录不符：在程序之外被改动过。")
            else:
                texts.append(f"表 {table} 中属于{where}的记录与审计记录不符：在程序之外被改动、添加或删除过。")
        return "".join(texts)


def differences(session: Session) -> list[Difference]:
    """Every subject whose rows differ from its latest recorded digest, in kind and id order."""
    recorded = recorded_digests(session)
    out: list[Difference] = []
    for kind, subject in SUBJECTS.items():
        current = current_digests(session, kind)
        ids = sorted(set(current) | {i for (k, i), d in recorded.items() if k == kind and d is not None})
        for subject_id in ids:
            now, then = current.get(subject_id), recorded.get((kind, subject_id))
            if now == then:
                continue
            if then is None:
                out.append(Difference(kind, subject_id, "unrecorded", ()))
            elif now is None:
                out.append(Difference(kind, subject_id, "deleted", ()))
            else:
                old_parts = then.split(":")
                tables = tuple(
                    part.table.name
                    for part, a, b in zip(subject.parts, now.split(":"), old_parts, strict=False)
                    if a != b
                )
                if len(old_parts) != len(subject.parts):
                    tables = (subject.table,)
                out.append(Difference(kind, subject_id, "changed", tables or (subject.table,)))
    return out
