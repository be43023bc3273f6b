"""Opening the counter's database for the GUI and the CLI, and the checks around it."""

from __future__ import annotations

from pathlib import Path

from mutualaid_desktop.store.database import Database, open_database


def open_counter_database(location: str | Path, *, migrate: bool = True) -> Database:
    """Open (creating or migrating) the database. Raises store.database.DatabaseCorrupt / DatabaseError."""
    return open_database(location, migrate=migrate)


def restore_latest_backup(location: str | Path, backup_file: Path) -> None:
    """Replace a damaged database with a backup, after the backup has passed an integrity check."""
    from mutualaid_desktop.store.backup import restore_backup

    restore_backup(Path(backup_file), Path(location))


def run_full_check(db: Database) -> list[str]:
    """Integrity, foreign keys, schema version and the audit chain. Problems in Chinese; [] is fine."""
    from mutualaid_desktop.store.integrity import check_database

    return check_database(db, full=True)
