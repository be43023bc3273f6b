"""Opening a database: schema, SQLite settings, revisions, locking, threads."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from mutualaid_desktop.store.database import SCHEMA_HEAD, DatabaseError, open_database
from mutualaid_desktop.store.migrate import current_revision, head_revision
from mutualaid_desktop.store.models import Base, Member

from .conftest import DAY, add_people


def test_schema_head_constant_is_the_scripts_head():
    assert head_revision() == SCHEMA_HEAD


def test_new_database_is_at_head_with_sqlite_settings(db, db_path):
    assert db.is_sqlite and db.path == db_path.resolve()
    assert db.backup_dir == db_path.resolve().parent / "backups"
    with db.engine.connect() as connection:
        assert current_revision(connection) == SCHEMA_HEAD
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2
        assert pragma("busy_timeout") == 10000


def test_migrations_yield_exactly_the_models_schema(db):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        assert set(inspect(connection).get_table_names()) == set(Base.metadata.tables) | {"alembic_version"}


def test_foreign_keys_are_enforced(db):
    with db.session() as session:
        session.add(Member(id_number="611002198001010000", name="x", sex="male", birth_date=DAY, unit_id=999))
        with pytest.raises(IntegrityError, match="FOREIGN KEY"):
            session.flush()


def test_opening_a_current_database_does_not_import_alembic(db_path):
    open_database(db_path).dispose()
    code = (
        "import sys\n"
        "from mutualaid_desktop.store.database import open_database\n"
        f"open_database({str(db_path)!r}, daily_backup=False).dispose()\n"
        "print('alembic' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_database_of_a_newer_program_is_refused(db, db_path):
    with db.session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '0099'"))
        session.commit()
    db.dispose()
    with pytest.raises(DatabaseError) as caught:
        open_database(db_path)
    assert "更新版本" in caught.value.message and caught.value.hint


def test_sqlite_file_of_another_program_is_refused_and_left_alone(db_path):
    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    with pytest.raises(DatabaseError, match="不是互助保障柜台程序的数据库"):
        open_database(db_path)
    with sqlite3.connect(db_path) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master")]
    assert tables == ["notes"]


def test_writing_session_takes_the_write_lock_at_begin_and_reading_session_does_not(db):
    other = sqlite3.connect(db.path, timeout=0, isolation_level=None)
    try:
        with db.session() as session:
            session.execute(select(1))  # only a read, but the transaction holds the write lock
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        with db.session(read_only=True) as session:
            session.execute(select(Member.id)).all()
            other.execute("BEGIN IMMEDIATE")  # a reader does not block a writer
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_sessions_work_from_a_worker_thread(db):
    with db.session() as session:  # a pooled connection created on this thread
        add_people(session)
        session.commit()
    found = []
    worker = threading.Thread(target=lambda: found.extend(db.session(read_only=True).scalars(select(Member.name))))
    worker.start()
    worker.join()
    assert found == ["会员0"]


def test_unreachable_server_gives_a_message_without_the_password():
    # Without a PostgreSQL driver installed, or with one and nothing listening on port 1.
    with pytest.raises(DatabaseError) as caught:
        open_database("postgresql://clerk:s3cret@127.0.0.1:1/mutualaid")
    assert caught.value.hint and "s3cret" not in str(caught.value)
