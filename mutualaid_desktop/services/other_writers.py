"""Changes made by other processes (the command line, another counter on the same file).

The program's own writes are reported by its units of work (services/changes.py); what another
process commits is seen only as "the database file changed": SQLite's data_version
(store/data_version.py) moved since it was last looked at. `check()` answers with
`Changes.everything()` then (what changed is unknown), else None.

Commits of this process come through other connections of the pool than the reader's, so they
move the data_version too. Whoever has handled its own change report calls `seen_now()`: the
version of that moment is taken as seen, and the own write is not reported a second time as
someone else's. The price: a commit by another process that lands between the own commit and
`seen_now()` is taken as seen as well, and is shown at the next own or other change (or on a
screen's 刷新) rather than at the next check.

Not a SQLite file (PostgreSQL): `active` is False and `check()` never reports; other counters'
writes then show when a screen is reloaded (LISTEN/NOTIFY would be the way there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mutualaid_desktop.services.changes import Changes
from mutualaid_desktop.store.data_version import data_version_reader

if TYPE_CHECKING:
    from mutualaid_desktop.store.database import Database


class OtherWriters:
    """`OtherWriters(db)`; `check()` after a while: Changes.everything() when the file changed."""

    def __init__(self, db: Database) -> None:
        self._origin = db.url
        self._reader = data_version_reader(db)
        self._seen = self._reader.read() if self._reader is not None else None

    @property
    def active(self) -> bool:
        return self._reader is not None

    def check(self) -> Changes | None:
        """Changes.everything() when someone committed since the last check (or `seen_now`)."""
        if self._reader is None:
            return None
        version = self._reader.read()
        if version is None or version == self._seen:
            return None
        self._seen = version
        return Changes.everything(self._origin)

    def seen_now(self) -> None:
        """The writes until now are known (this process's own, already reported)."""
        if self._reader is not None:
            version = self._reader.read()
            if version is not None:
                self._seen = version

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None
