"""Errors of the store, with a message and a hint for the user (Simplified Chinese).

Kept apart from database.py so that backup.py and migrate.py can raise them without importing
database.py (which imports them). Import them from `store.database`.
"""

from __future__ import annotations

from pathlib import Path


class DatabaseError(Exception):
    """The database cannot be used. `message` says what is wrong, `hint` what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class DatabaseCorrupt(DatabaseError):
    """The database file is damaged. `latest_backup` is the newest backup that passed an
    integrity check, or None."""

    def __init__(self, message: str, hint: str = "", latest_backup: Path | None = None) -> None:
        super().__init__(message, hint)
        self.latest_backup = latest_backup


class DatabaseBusy(DatabaseError):
    """Another counter or program holds the write lock and did not let go in time: nothing was
    written (store/busy.py)."""


class DatabaseFull(DatabaseError):
    """The disk of the database is full: the transaction was rolled back, nothing was written."""
