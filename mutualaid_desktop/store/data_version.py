"""Noticing that another connection has written: SQLite's `PRAGMA data_version`.

`PRAGMA data_version` gives a number that changes when *another* connection (another process, or
another connection of this one) commits a change to the database file; the connection's own
commits leave it as it was. It is read on a connection of its own, kept open for that alone, so
reading it costs microseconds, takes no lock and never waits for a writer.

    reader = data_version_reader(db)  # None: not a SQLite file (PostgreSQL, :memory:)
    seen = reader.read()
    ...
    if reader.read() != seen: ...  # someone committed since

Only a SQLite file has it: for another engine (PostgreSQL would need LISTEN/NOTIFY or a version
row) `data_version_reader` returns None and the caller does without.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .database import Database

log = logging.getLogger(__name__)


class DataVersionReader:
    """`read()`: the database file's data_version as seen by this reader's own connection."""

    def __init__(self, path) -> None:
        self._path = path
        self._lock = threading.Lock()
        # read-only and URI: the reader can never write, nor create a missing file
        self._connection: sqlite3.Connection | None = sqlite3.connect(
            Path(path).resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False, isolation_level=None
        )

    def read(self) -> int | None:
        """The current data_version; None once closed or when the file cannot be read."""
        with self._lock:
            if self._connection is None:
                return None
            try:
                return int(self._connection.execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.Error as exc:  # a file being restored, a disk gone: no news, not a fault
                log.warning("cannot read the data version of %s: %s", self._path, exc)
                return None

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None


def data_version_reader(db: Database) -> DataVersionReader | None:
    """A reader of `db`'s data_version, or None when `db` is not a SQLite file."""
    if not db.is_sqlite or db.path is None:
        return None
    try:
        return DataVersionReader(db.path)
    except sqlite3.Error as exc:
        log.warning("cannot watch %s for other writers: %s", db.path, exc)
        return None
