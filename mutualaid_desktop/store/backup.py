"""Backups of the SQLite database file: take, list, prune, check, restore.

A backup is a complete SQLite file named `<db stem>-YYYYMMDD-HHMMSS-<reason>.sqlite3` (local
time), e.g. `mutualaid-20261129-143000-daily.sqlite3`. It is written under a temporary name and
renamed when complete, so a half-written backup never looks like one. A backup folder is meant
for one database; the functions that read a folder take an optional `stem` to keep to one.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .errors import DatabaseError

log = logging.getLogger(__name__)

SUFFIX = ".sqlite3"
PARTIAL = ".partial"
PRE_MIGRATION = "pre-migration"
KEEP_DAYS = 30
KEEP_MONTHS = 12
KEEP_PRE_MIGRATION = 10

_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z]+(?:-[a-z]+)*)\.sqlite3$")
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str


def backup_sqlite(src: Path, dest: Path) -> Path:
    """Copy the database `src` into `dest` with SQLite's online backup API (safe while the
    database is in use; includes what is still in the -wal file). The copy uses a rollback
    journal, so it is one self-contained file."""
    partial = dest.with_name(dest.name + PARTIAL)
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(_read_only_uri(src), uri=True, timeout=10)
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    os.replace(partial, dest)
    return dest


def take_backup(
    db_path: Path, backup_dir: Path, *, reason: str = "manual", now: datetime | None = None
) -> Path:
    if not re.fullmatch(r"[a-z]+(?:-[a-z]+)*", reason):
        raise ValueError(f"backup reason must be lowercase words joined by '-': {reason!r}")
    now = now or datetime.now()
    backup_dir.mkdir(parents=True, exist_ok=True)
    dest = backup_dir / f"{Path(db_path).stem}-{now:{_STAMP}}-{reason}{SUFFIX}"
    backup_sqlite(Path(db_path), dest)
    log.info("backup taken: %s", dest)
    return dest


def list_backups(backup_dir: Path, *, stem: str | None = None) -> list[BackupInfo]:
    """The backups in `backup_dir` (of the database named `stem`, if given), newest first."""
    found = []
    if not backup_dir.is_dir():
        return found
    for path in backup_dir.iterdir():
        match = _NAME.match(path.name)
        if not match or (stem is not None and match["stem"] != stem):
            continue
        try:
            taken_at = datetime.strptime(match["stamp"], _STAMP)
        except ValueError:
            continue
        found.append(BackupInfo(path, taken_at, match["reason"]))
    found.sort(key=lambda info: (info.taken_at, info.path.name), reverse=True)
    return found


def daily_backup_if_due(
    db_path: Path, backup_dir: Path, today: date | None = None
) -> Path | None:
    """Take a "daily" backup unless a backup (other than pre-migration) is dated `today`."""
    today = today or date.today()
    stem = Path(db_path).stem
    if any(
        info.taken_at.date() == today and info.reason != PRE_MIGRATION
        for info in list_backups(backup_dir, stem=stem)
    ):
        return None
    now = datetime.combine(today, datetime.now().time().replace(microsecond=0))
    return take_backup(db_path, backup_dir, reason="daily", now=now)


def prune_backups(backup_dir: Path, today: date | None = None, *, stem: str | None = None) -> list[Path]:
    """Delete the backups that the policy no longer keeps; return the deleted files.

    Policy:
    - pre-migration backups: the 10 newest are kept;
    - every other backup (daily, manual, pre-restore...): for each of the 30 most recent days
      that have backups, the newest of that day is kept, and for each of the 12 most recent
      months that have backups, the newest of that month;
    - a backup dated after `today` (a wrong clock) is always kept;
    - everything else is deleted.
    """
    today = today or date.today()
    backups = [info for info in list_backups(backup_dir, stem=stem) if info.taken_at.date() <= today]
    pre_migration = [info for info in backups if info.reason == PRE_MIGRATION]
    others = [info for info in backups if info.reason != PRE_MIGRATION]
    keep = {info.path for info in pre_migration[:KEEP_PRE_MIGRATION]}
    keep |= _newest_per_period(others, lambda d: d, KEEP_DAYS)
    keep |= _newest_per_period(others, lambda d: (d.year, d.month), KEEP_MONTHS)
    deleted = []
    for info in backups:
        if info.path not in keep:
            info.path.unlink(missing_ok=True)
            deleted.append(info.path)
    if deleted:
        log.info("pruned %d backups in %s", len(deleted), backup_dir)
    return deleted


def _newest_per_period(backups: list[BackupInfo], period, count: int) -> set[Path]:
    """The newest backup of each of the `count` most recent periods (`backups` newest first)."""
    newest: dict[object, Path] = {}
    for info in backups:
        key = period(info.taken_at.date())
        if key not in newest:
            if len(newest) == count:
                break
            newest[key] = info.path
    return set(newest.values())


def integrity_problems(path: Path, *, require_schema: bool = False) -> list[str]:
    """What `PRAGMA integrity_check` reports about the SQLite file at `path` (empty when good).
    With `require_schema`, the file must also hold the program's `alembic_version` table."""
    try:
        connection = sqlite3.connect(_read_only_uri(path), uri=True, timeout=10)
        try:
            rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            if rows != ["ok"]:
                return rows
            if require_schema and not connection.execute(
                "SELECT 1 FROM alembic_version LIMIT 1"
            ).fetchone():
                return ["alembic_version is empty"]
            return []
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return [str(exc)]


def latest_good_backup(backup_dir: Path, *, stem: str | None = None) -> Path | None:
    """The newest backup that passes an integrity check (slow on big files: checks newest first
    and stops at the first good one)."""
    for info in list_backups(backup_dir, stem=stem):
        if not integrity_problems(info.path, require_schema=True):
            return info.path
        log.warning("backup %s fails the integrity check", info.path)
    return None


def restore_backup(backup_file: Path, db_path: Path, *, backup_dir: Path | None = None) -> Path | None:
    """Replace the database at `db_path` with `backup_file`.

    Close the database first (`Database.dispose()`, and no other program using it). The backup
    is copied next to the database and checked; if the check fails, DatabaseError is raised and
    the database is untouched. Otherwise a "pre-restore" backup of the current database is taken
    when it can be read (returned; None if it could not), its -wal/-shm files are removed, and
    the checked copy replaces it.
    """
    db_path = Path(db_path)
    if not Path(backup_file).is_file():
        raise DatabaseError(f"找不到备份文件 {backup_file}。", "请重新选择要恢复的备份文件。")
    backup_dir = backup_dir or db_path.parent / "backups"
    db_path.parent.mkdir(parents=True, exist_ok=True)
    copy = db_path.with_name(db_path.name + ".restoring")
    try:
        backup_sqlite(Path(backup_file), copy)
    except sqlite3.Error as exc:
        copy.unlink(missing_ok=True)
        raise _unusable_backup(backup_file, str(exc)) from exc
    problems = integrity_problems(copy, require_schema=True)
    if problems:
        copy.unlink(missing_ok=True)
        raise _unusable_backup(backup_file, "; ".join(problems[:3]))
    safety = None
    if db_path.exists():
        try:
            safety = take_backup(db_path, backup_dir, reason="pre-restore")
        except sqlite3.Error as exc:  # unreadable: most likely why it is being restored
            log.warning("no pre-restore backup of %s: %s", db_path, exc)
        except OSError as exc:
            copy.unlink(missing_ok=True)
            raise DatabaseError(
                f"恢复前无法备份当前数据库（{exc.strerror or exc}），因此没有恢复，数据未改动。",
                f"请检查备份文件夹 {backup_dir} 是否可写、磁盘空间是否足够。",
            ) from exc
    for extra in ("-wal", "-shm", "-journal"):
        db_path.with_name(db_path.name + extra).unlink(missing_ok=True)
    try:
        os.replace(copy, db_path)
    except OSError as exc:
        copy.unlink(missing_ok=True)
        raise DatabaseError(
            f"无法替换数据库文件 {db_path}：{exc.strerror or exc}",
            "请关闭正在使用该数据库的其他程序窗口后再恢复。",
        ) from exc
    log.info("database %s restored from %s", db_path, backup_file)
    return safety


def _unusable_backup(backup_file: Path, detail: str) -> DatabaseError:
    log.error("backup %s refused: %s", backup_file, detail)
    return DatabaseError(
        f"备份文件 {Path(backup_file).name} 已损坏或不是本程序的数据库，未做恢复，当前数据没有任何改动。",
        "请选择另一个备份文件（最好是日期较新的每日备份）。",
    )


def _read_only_uri(path: Path) -> str:
    return Path(path).resolve().as_uri() + "?mode=ro"
