"""Backups of the SQLite database file: take, verify, list, prune; the backup-problem note.

A backup is a complete SQLite file named `<db stem>-YYYYMMDD-HHMMSS-<reason>.sqlite3` (local
time), e.g. `mutualaid-20261129-143000-daily.sqlite3`. It is copied with SQLite's online backup
API (safe while the database is in use) under a temporary name beside its target
(safe_files), checked with `PRAGMA integrity_check`, and only then given its final name: a file
with a backup's name is always complete and good. A copy that fails its check (the database
itself is damaged) is not kept, and the failure is reported, never "backed up". Backups and
their folder are readable by their owner only.

When a backup fails, a note is left beside the database (`<database file>.backup-problem`)
and every later open reports it (the command line on standard error, the window in its status
bar) until a good backup has been taken.

A backup folder is meant for one database; the functions that read a folder take an optional
`stem` to keep to one. Restoring is in store/restore.py, the daily backup in
store/daily_backup.py.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from mutualaid_desktop import safe_files
from mutualaid_desktop.domain import clock

from .errors import DatabaseError

log = logging.getLogger(__name__)

SUFFIX = ".sqlite3"
PRE_MIGRATION = "pre-migration"
PRE_RESTORE = "pre-restore"
KEEP_DAYS = 30
KEEP_MONTHS = 12
KEEP_PRE_MIGRATION = 10
KEEP_PRE_RESTORE_DAYS = 30  # a copy of a database that a restore replaced: at least this long
PROBLEM_SUFFIX = ".backup-problem"
MB = 1024 * 1024

_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z]+(?:-[a-z]+)*)\.sqlite3$")
_STAMP = "%Y%m%d-%H%M%S"


class BackupFailed(DatabaseError):
    """A backup could not be taken, or the copy failed its check; nothing was given a backup's
    name. `message` and `hint` are for the user (Chinese)."""


class SourceDamaged(BackupFailed):
    """The copy failed its integrity check, or SQLite found the database itself damaged."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str


def database_size(db_path: Path) -> int:
    """The bytes of the database file and its -wal file (what a copy of it may need)."""
    total = 0
    for extra in ("", "-wal"):
        with contextlib.suppress(OSError):
            total += Path(str(db_path) + extra).stat().st_size
    return total


def megabytes(size: int) -> str:
    return f"{max(size, 0) / MB:.1f} MB"


def free_space(folder: Path) -> int:
    """Free bytes on the disk of `folder` (or of its nearest existing parent)."""
    folder = Path(folder)
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return shutil.disk_usage(folder).free


def space_needed(size: int) -> int:
    """Room to ask for before writing a copy of `size` bytes (a little more, for SQLite's own)."""
    return size + size // 20 + 256 * 1024


def check_space(folder: Path, needed: int, doing: str) -> None:
    """BackupFailed (about the disk) unless `folder`'s disk has `needed` bytes free."""
    free = free_space(folder)
    if free < needed:
        raise BackupFailed(
            f"{doing}没有进行：{folder} 所在的磁盘空间不足（需要约 {megabytes(needed)}，只剩 {megabytes(free)}）。"
            "数据库没有任何改动。",
            "请清理该磁盘（例如把旧的备份复制到U盘或其他电脑后再删除），或把备份保存到其他磁盘，然后再试。",
        )


def backup_sqlite(src: Path, dest: Path) -> Path:
    """Copy the database `src` into `dest` with SQLite's online backup API (safe while the
    database is in use; includes what is still in the -wal file), check the copy with `PRAGMA
    integrity_check`, and only then give it its name. The copy uses a rollback journal, so it is
    one self-contained file, readable by its owner only. Raises BackupFailed (in Chinese) and
    leaves no file at `dest` when the copy cannot be made or is not good."""
    src, dest = Path(src), Path(dest)
    check_space(dest.parent, space_needed(database_size(src)), "备份")
    try:
        with safe_files.atomic_path(dest) as part:
            copy_into_new_file(src, part)
            problems = integrity_problems(part)
            if problems:
                raise _damaged_source(src, problems)
    except BackupFailed:
        raise
    except sqlite3.Error as exc:
        raise _copy_failed(src, dest, exc) from exc
    except OSError as exc:
        raise _write_failed(dest, exc) from exc
    return dest


def copy_into_new_file(src: Path, dest: Path) -> None:
    """Copy the database `src` (opened read-only) into `dest`, a file made here owner-only (so
    that nobody else can read what SQLite writes into it), with SQLite's online backup API; the
    copy uses a rollback journal: one self-contained file. Raises sqlite3.Error / OSError."""
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, safe_files.FILE_MODE)
    os.close(fd)
    source = sqlite3.connect(_read_only_uri(src), uri=True, timeout=10)
    try:
        target = sqlite3.connect(dest)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
    finally:
        source.close()


def _damaged_source(src: Path, problems: list[str]) -> SourceDamaged:
    log.error("backup copy of %s fails its check: %s", src, problems[:3])
    return SourceDamaged(
        f"备份没有完成：复制出的备份没有通过完整性检查（{'; '.join(problems[:2])}），"
        f"数据库文件 {src} 可能已损坏。这份有问题的副本没有保存。",
        "请尽快运行“数据检查”（命令行：mutualaid check），并联系技术支持；已有的备份请保留，不要删除。",
    )


def _copy_failed(src: Path, dest: Path, exc: sqlite3.Error) -> BackupFailed:
    name = getattr(exc, "sqlite_errorname", "")
    if name == "SQLITE_FULL" or "disk is full" in str(exc):
        return _disk_full(dest.parent)
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in str(exc) or "not a database" in str(exc):
        return _damaged_source(src, [str(exc)])
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return BackupFailed(
            f"备份没有完成：数据库 {src} 正被另一个窗口或程序独占使用。", "请等对方完成（例如导入或恢复）后再备份。"
        )
    log.error("backup of %s to %s failed: %s", src, dest, exc)
    return BackupFailed(
        f"备份没有完成：{exc}。数据库没有受到影响。",
        f"请检查 {dest.parent} 是否可写、磁盘空间是否足够，然后再试；如仍不行，请联系技术支持。",
    )


def _disk_full(folder: Path) -> BackupFailed:
    return BackupFailed(
        f"备份没有完成：{folder} 所在的磁盘已满（只剩 {megabytes(free_space(folder))}）。数据库没有受到影响。",
        "请清理该磁盘（例如把旧的备份复制到U盘或其他电脑后再删除），或把备份保存到其他磁盘，然后再试。",
    )


def _write_failed(dest: Path, exc: OSError) -> BackupFailed:
    if safe_files.is_disk_full(exc):
        return _disk_full(dest.parent)
    log.error("backup to %s failed: %s", dest, exc)
    return BackupFailed(
        f"备份没有完成：无法写入 {dest.parent}（{exc.strerror or exc}）。数据库没有受到影响。",
        "请检查该文件夹是否存在、是否有写入权限，或选择其他位置，然后再试。",
    )


def take_backup(db_path: Path, backup_dir: Path, *, reason: str = "manual", now: datetime | None = None) -> Path:
    """Back the database up into `backup_dir` (made owner-only when it is created here); a
    good backup clears the backup-problem note. Raises BackupFailed."""
    if not re.fullmatch(r"[a-z]+(?:-[a-z]+)*", reason):
        raise ValueError(f"backup reason must be lowercase words joined by '-': {reason!r}")
    now = now or clock.now()
    try:
        safe_files.make_private_folder(backup_dir)
    except OSError as exc:
        raise _write_failed(Path(backup_dir) / "x", exc) from exc
    dest = Path(backup_dir) / f"{Path(db_path).stem}-{now:{_STAMP}}-{reason}{SUFFIX}"
    backup_sqlite(Path(db_path), dest)
    clear_problem(Path(db_path))
    log.info("backup taken: %s", dest)
    return dest


# --- the backup-problem note ----------------------------------------------------------------


def problem_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + PROBLEM_SUFFIX)


def record_problem(db_path: Path, message: str, *, at: datetime | None = None) -> None:
    """Leave the note that a backup failed (never raises: the caller reports the failure itself)."""
    data = {"at": (at or clock.now()).isoformat(timespec="seconds"), "message": message}
    try:
        safe_files.write_bytes(problem_path(db_path), json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except OSError as exc:
        log.warning("cannot write the backup-problem note beside %s: %s", db_path, exc)


def clear_problem(db_path: Path) -> None:
    try:
        problem_path(db_path).unlink(missing_ok=True)
    except OSError as exc:
        log.warning("cannot remove the backup-problem note beside %s: %s", db_path, exc)


def backup_problem(db_path: Path) -> str | None:
    """What the last failed backup said, in Chinese, while no good backup has been taken since;
    None when all is well."""
    path = problem_path(db_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        at = datetime.fromisoformat(data["at"])
        message = str(data["message"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return "上次备份没有成功，且此后还没有成功的备份。请尽快备份（文件 → 立即备份，或 mutualaid backup）。"
    return f"{at:%Y-%m-%d %H:%M} 的备份没有成功，此后还没有成功的备份：{message}"


def list_backups(backup_dir: Path, *, stem: str | None = None) -> list[BackupInfo]:
    """The backups in `backup_dir` (of the database named `stem`, if given), newest first."""
    found: list[BackupInfo] = []
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


def prune_backups(backup_dir: Path, today: date | None = None, *, stem: str | None = None) -> list[Path]:
    """Delete the backups that the policy no longer keeps; return the deleted files.

    Policy:
    - pre-migration backups: the 10 newest are kept;
    - pre-restore copies (of a database that a restore replaced): every one of the last 30 days,
      and the newest in any case;
    - every other backup (daily, manual...): for each of the 30 most recent days that have
      backups, the newest of that day is kept, and for each of the 12 most recent months that
      have backups, the newest of that month;
    - a backup dated after `today` (a wrong clock) is always kept;
    - everything else is deleted.
    """
    today = today or clock.today()
    backups = [info for info in list_backups(backup_dir, stem=stem) if info.taken_at.date() <= today]
    pre_migration = [info for info in backups if info.reason == PRE_MIGRATION]
    pre_restore = [info for info in backups if info.reason.startswith(PRE_RESTORE)]
    others = [info for info in backups if info not in pre_migration and info not in pre_restore]
    keep = {info.path for info in pre_migration[:KEEP_PRE_MIGRATION]}
    keep |= {info.path for info in pre_restore[:1]}
    keep |= {info.path for info in pre_restore if info.taken_at.date() >= today - timedelta(days=KEEP_PRE_RESTORE_DAYS)}
    keep |= _newest_per_period(others, lambda d: d, KEEP_DAYS)
    keep |= _newest_per_period(others, lambda d: (d.year, d.month), KEEP_MONTHS)
    deleted = []
    for info in backups:
        if info.path not in keep:
            info.path.unlink(missing_ok=True)
            Path(f"{info.path}-wal").unlink(missing_ok=True)  # beside a damaged database's raw copy
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
            if require_schema and not connection.execute("SELECT 1 FROM alembic_version LIMIT 1").fetchone():
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


def _read_only_uri(path: Path) -> str:
    return Path(path).resolve().as_uri() + "?mode=ro"
