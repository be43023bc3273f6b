"""Backups on demand and the full check, for the GUI menu and the CLI."""

from __future__ import annotations

from pathlib import Path

from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.store.database import Database


def _sqlite_path(db: Database) -> Path:
    if db.path is None:
        raise ServiceError("这是服务器数据库，请在数据库服务器上备份（本程序只备份本机数据库文件）。")
    return db.path


def backup_now(db: Database, to: Path | None = None) -> Path:
    """A manual backup: into the backup folder, or to the file the user named."""
    from mutualaid_desktop.store.backup import backup_sqlite, take_backup

    path = _sqlite_path(db)
    if to is not None:
        return backup_sqlite(path, Path(to))
    return take_backup(path, db.backup_dir, reason="manual")
