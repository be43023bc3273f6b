"""PRAGMA data_version on a reader's own connection: it moves when another connection commits."""

from __future__ import annotations

import sqlite3

from sqlalchemy import update

from mutualaid_desktop.store.data_version import data_version_reader
from mutualaid_desktop.store.database import open_database
from mutualaid_desktop.store.models import Setting


def test_a_commit_by_another_connection_moves_the_version(tmp_path):
    path = tmp_path / "柜台 #1?" / "mutualaid.sqlite3"  # a URI's special characters in the path
    with open_database(path) as db:
        reader = data_version_reader(db)
        first = reader.read()
        assert reader.read() == first  # nothing written: nothing moves
        with db.session() as session:  # the program's own pool: another connection than the reader's
            session.add(Setting(key="counter.phone", value="0914-1234567"))
            session.commit()
        second = reader.read()
        assert second != first
        other = sqlite3.connect(path)  # another process's connection, as the command line's
        other.execute("UPDATE settings SET value = '0914-7654321' WHERE key = 'counter.phone'")
        other.commit()
        other.close()
        assert reader.read() not in (first, second)
        with db.session() as session:  # a transaction that writes nothing
            session.execute(update(Setting).where(Setting.key == "nothing").values(value="x"))
            session.rollback()
        third = reader.read()
        assert reader.read() == third
        reader.close()
        assert reader.read() is None


def test_not_a_sqlite_file_has_no_reader():
    from sqlalchemy import create_engine

    from mutualaid_desktop.store.database import Database

    db = Database("sqlite://", create_engine("sqlite://"))
    assert data_version_reader(db) is None
