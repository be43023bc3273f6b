"""Serial number counters (table `serials`), advanced inside the caller's transaction.

`next_serial(session, key)` gives 1, 2, 3... for each key. The counter row is written in the
transaction that uses the number: a rolled-back transaction gives its number back, and two
transactions can not get the same number (on SQLite a writing unit of work holds the write lock
from BEGIN; on PostgreSQL the upsert locks the counter row until commit).

Receipt numbers are `SJ<year>-<6 digits>`, one counter per year (key `receipt:<year>`).
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from .models import PremiumPayment, Serial

RECEIPT_PREFIX = "SJ"


def next_serial(session: Session, key: str) -> int:
    """The next number of the counter `key` (1 for a new key), counted in the session's transaction."""
    return take_serials(session, key, 1)


def take_serials(session: Session, key: str, count: int) -> int:
    """Reserve `count` consecutive numbers of the counter `key`; returns the first."""
    if count < 1:
        raise ValueError("count must be at least 1")
    dialect = session.get_bind().dialect.name
    table = Serial.__table__
    if dialect in ("sqlite", "postgresql"):
        if dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        else:
            from sqlalchemy.dialects.postgresql import insert
        stmt = insert(table).values(key=key, next_value=1 + count)
        stmt = stmt.on_conflict_do_update(
            index_elements=[table.c.key], set_={"next_value": table.c.next_value + count}
        ).returning(table.c.next_value)
        following = session.execute(stmt).scalar_one()
    else:  # pragma: no cover - other databases: lock the row, then write it
        row = session.get(Serial, key, with_for_update=True)
        if row is None:
            session.add(Serial(key=key, next_value=1 + count))
            following = 1 + count
        else:
            row.next_value += count
            following = row.next_value
        session.flush()
    return following - count


def peek_serial(session: Session, key: str) -> int:
    """The number `next_serial` would give now (without taking it)."""
    return session.scalar(select(Serial.next_value).where(Serial.key == key)) or 1


def ensure_serial_after(session: Session, key: str, used: int) -> None:
    """Make sure the counter `key` gives numbers above `used` (for numbers given elsewhere)."""
    current = session.scalar(select(Serial.next_value).where(Serial.key == key))
    if current is None:
        session.execute(Serial.__table__.insert().values(key=key, next_value=used + 1))
    elif current <= used:
        session.execute(update(Serial).where(Serial.key == key).values(next_value=used + 1))


def receipt_key(year: int) -> str:
    return f"receipt:{year}"


def format_receipt_serial(year: int, number: int) -> str:
    return f"{RECEIPT_PREFIX}{year}-{number:06d}"


def next_receipt_serial(session: Session, year: int) -> str:
    """The next premium receipt number of `year`, e.g. SJ2026-000123. A number already on a
    receipt (a counter set back by hand, a restored older copy) is skipped, never given twice."""
    while True:
        serial = format_receipt_serial(year, next_serial(session, receipt_key(year)))
        taken = session.scalar(select(PremiumPayment.id).where(PremiumPayment.receipt_serial == serial))
        if taken is None:
            return serial
