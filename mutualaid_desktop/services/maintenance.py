"""Backups on demand and the full check, for the GUI menu and the CLI."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.store.busy import is_full
from mutualaid_desktop.store.database import Database


def _sqlite_path(db: Database) -> Path:
    if db.path is None:
        raise ServiceError("这是服务器数据库，请在数据库服务器上备份（本程序只备份本机数据库文件）。")
    return db.path


def backup_now(db: Database, to: Path | None = None) -> Path:
    """A manual backup: into the backup folder, or to the file the user named."""
    from mutualaid_desktop.store.backup import backup_sqlite, take_backup

    path = _sqlite_path(db)
    if to is None:
        return take_backup(path, db.backup_dir, reason="manual")
    target = Path(to).expanduser()
    if target.is_dir():
        raise ServiceError(f"{target} 是一个文件夹，请给出备份文件的名字，如 {target / '备份.sqlite3'}。")
    if not target.parent.is_dir():
        raise ServiceError(f"备份的目标文件夹 {target.parent} 不存在。请先建立该文件夹（或插好U盘），或换一个位置。")
    try:
        return backup_sqlite(path, target)
    except (OSError, sqlite3.Error) as exc:
        if is_full(exc):
            raise ServiceError(f"{target.parent} 所在的磁盘空间已满，备份没有写成（原来的文件没有改动）。"
                               "请清理空间或换一个位置后再试。") from exc
        raise ServiceError(f"无法把备份写到 {target}：该位置不可写（只读、没有权限或U盘写保护）。"
                           "请换一个可以写入的位置后再试。") from exc
