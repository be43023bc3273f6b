"""Handed-in data are read-only in the database itself (migration 0013's triggers), on SQLite and PostgreSQL: a
file, a key and an export are never deleted; a file's data never change, it is marked superseded once."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from mutualaid_desktop.store.database import open_database
from mutualaid_desktop.store.handin_models import HandinFile, HandinKey

from .conftest import DAY

MOMENT = datetime(2026, 11, 20, 8, 0)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    if request.param == "sqlite":
        db = open_database(tmp_path / "city.sqlite3", today=DAY)
    else:
        db = open_database(request.getfixturevalue("pg_url"), today=DAY)
    yield db
    db.dispose()


def seed(db) -> None:
    with db.session() as session:
        key = HandinKey(county_code="611002", public_key="k", fingerprint="f", registered_at=MOMENT, registered_by="a")
        session.add(key)
        session.flush()
        for version in (1, 2):
            session.add(
                HandinFile(
                    county_code="611002", county_name="商州区", year=2026, month=10, sequence=version,
                    version=version, created_at=MOMENT, key_id=key.id, file_sha256=str(version) * 64,
                    content=b"{}", data_json="{}", imported_at=MOMENT, imported_by="a",
                    superseded_at=MOMENT if version == 1 else None,
                )
            )  # fmt: skip
        session.commit()


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM handin_files WHERE version = 2",
        "DELETE FROM handin_keys",
        "UPDATE handin_files SET data_json = '[]' WHERE version = 2",
        "UPDATE handin_files SET content = :blob WHERE version = 2",
        "UPDATE handin_files SET version = 3 WHERE version = 2",
        "UPDATE handin_files SET superseded_at = NULL WHERE version = 1",
        "UPDATE handin_keys SET public_key = 'other'",
    ],
)
def test_handed_in_data_cannot_be_changed_or_deleted(database, statement):
    seed(database)
    with database.engine.connect() as connection:
        params = {"blob": b"[]"} if ":blob" in statement else {}
        with pytest.raises(DBAPIError, match="read-only"):
            connection.execute(text(statement), params)
        connection.rollback()
        rows = connection.execute(text("SELECT version, data_json FROM handin_files ORDER BY version")).all()
    assert [tuple(r) for r in rows] == [(1, "{}"), (2, "{}")]


def test_a_file_is_marked_superseded_once_and_a_key_replaced_once(database):
    seed(database)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE handin_files SET superseded_at = :m WHERE version = 2"), {"m": MOMENT})
        connection.execute(
            text("UPDATE handin_keys SET replaced_at = :m, replaced_by = 'b', replace_reason = 'r'"), {"m": MOMENT}
        )
    with database.engine.connect() as connection, pytest.raises(DBAPIError, match="read-only"):
        connection.execute(text("UPDATE handin_keys SET replace_reason = 'other'"))
