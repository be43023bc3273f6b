"""Shared helpers for the store tests: a real SQLite file in pytest's tmp_path."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from mutualaid_desktop.store.audit import append_audit
from mutualaid_desktop.store.database import open_database
from mutualaid_desktop.store.models import Member, OrgUnit, User

DAY = date(2026, 3, 2)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "counter" / "mutualaid.sqlite3"


@pytest.fixture
def db(db_path):
    database = open_database(db_path, today=DAY)
    yield database
    database.dispose()


def add_people(session, members: int = 1, note: str | None = None) -> None:
    """A user, an org unit and `members` members, and an audit record as the program writes with
    them (flushed, not committed)."""
    session.add(User(username="zhang", display_name="张经办", role="clerk", password_hash="x"))
    unit = OrgUnit(code="U001", name="商州区第一中学工会", kind="unit")
    session.add(unit)
    session.flush()
    session.add_all(
        Member(
            id_number=f"61100219800101{i:04d}",
            name=f"会员{i}",
            sex="female",
            birth_date=date(1980, 1, 1),
            unit_id=unit.id,
            note=note,
        )
        for i in range(members)
    )
    append_audit(session, username="zhang", action="member.import", after={"count": members})
    session.flush()


def member_names(database) -> list[str]:
    with database.session(read_only=True) as session:
        return list(session.scalars(select(Member.name).order_by(Member.id)))


def smash(path: Path, offset: int, length: int) -> None:
    """Overwrite `length` bytes of the file at `offset` with garbage."""
    with path.open("r+b") as file:
        file.seek(offset)
        file.write(bytes((i * 37 + 11) % 256 for i in range(length)))
