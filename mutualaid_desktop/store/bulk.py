"""Fast inserts of many rows at once (demo data, roster imports), inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import CursorResult, Result, Table, bindparam, func, select
from sqlalchemy.orm import DeclarativeBase, Session

CHUNK = 20_000


def table_of(model: type[DeclarativeBase]) -> Table:
    """The Table of a mapped class, for Core statements (SQLAlchemy types `__table__` as any FromClause)."""
    table = model.__table__
    assert isinstance(table, Table), model
    return table


def rows_matched(result: Result[Any]) -> int:
    """How many rows an UPDATE run through a Session matched (the Session types its result as a plain Result)."""
    assert isinstance(result, CursorResult), result
    return result.rowcount


def next_id(session: Session, model) -> int:
    """The first free primary key, so that a bulk insert can assign ids itself."""
    return (session.scalar(select(func.max(model.id))) or 0) + 1


def insert_many(session: Session, model, rows: Iterable[dict], chunk: int = CHUNK) -> int:
    """Insert plain dict rows with executemany (no ORM objects); returns the number inserted."""
    table = model.__table__
    conn = session.connection()
    batch: list[dict] = []
    count = 0
    for row in rows:
        batch.append(row)
        if len(batch) >= chunk:
            conn.execute(table.insert(), batch)
            count += len(batch)
            batch = []
    if batch:
        conn.execute(table.insert(), batch)
        count += len(batch)
    return count


def update_many(session: Session, model, column: str, values_by_id: dict[int, object]) -> None:
    """Set one column on many rows, by primary key, with executemany."""
    table = model.__table__
    stmt = table.update().where(table.c.id == bindparam("row_id")).values({column: bindparam("new_value")})
    rows = [{"row_id": k, "new_value": v} for k, v in values_by_id.items()]
    if rows:
        session.connection().execute(stmt, rows)


def row_count(session: Session, model) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0
