"""Backups on demand, the backup-problem note, and the full check, for the GUI menu and the CLI."""

from __future__ import annotations

from pathlib import Path

from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.store.database import Database, DatabaseError


def _sqlite_path(db: Database) -> Path:
    if db.path is None:
        raise ServiceError("这是服务器数据库，请在数据库服务器上备份（本程序只备份本机数据库文件）。")
    return db.path


def backup_now(db: Database, to: Path | None = None) -> Path:
    """A manual backup, checked before it gets its name: into the backup folder, or to the file
    (or into the existing folder) the user named. Raises ServiceError (in Chinese: where, what
    to do); the database is never changed."""
    from mutualaid_desktop.store.backup import (
        backup_sqlite,
        clear_problem,
        record_problem,
        take_backup,
    )

    path = _sqlite_path(db)
    if to is None:
        assert db.backup_dir is not None  # open_database gives every database file its backup folder
        try:
            return take_backup(path, db.backup_dir, reason="manual")
        except DatabaseError as exc:  # the backup folder itself: noted until a good backup exists
            record_problem(path, f"{exc.message} {exc.hint}".strip())
            raise ServiceError(f"{exc.message}\n{exc.hint}".strip()) from exc
    try:
        target = _target(path, Path(to))
        backup_sqlite(path, target)
    except DatabaseError as exc:
        raise ServiceError(f"{exc.message}\n{exc.hint}".strip()) from exc
    clear_problem(path)
    return target


def _target(db_file: Path, to: Path) -> Path:
    to = to.expanduser()
    if to.is_dir():
        to = to / f"{db_file.stem}-{clock.now():%Y%m%d-%H%M%S}-manual.sqlite3"
    folder = to.parent
    if not folder.is_dir():
        raise ServiceError(f"备份没有完成：文件夹 {folder} 不存在。请先建立该文件夹，或换一个已有的文件夹。")
    if to.exists() and to.resolve() == db_file.resolve():
        raise ServiceError(f"备份没有完成：{to} 就是数据库文件本身。请选择另一个文件名。")
    return to


def backup_problem(db: Database) -> str | None:
    """What the last failed backup said, while no good backup has been taken since (cheap: reads
    a small note beside the database); None when all is well or for a server database."""
    from mutualaid_desktop.store.backup import backup_problem as note

    return note(db.path) if db.path is not None else None
