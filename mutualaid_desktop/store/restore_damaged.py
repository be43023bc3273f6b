"""Restore over a database that cannot be read (damaged, or not a database at all).

Nobody can have been writing usefully into such a file, and its content cannot be copied table
by table. Its bytes (and its -wal) are first copied as they are into the backup folder
("<stem>-<time>-pre-restore-damaged.sqlite3", compared with the original after writing). The
serial counters of the checked copy are raised to every mark that can still be read (the
damaged file's own counters when they can be read, else the high-water file beside it), the
numbers lost are listed, the restore's audit record is written into the copy, and the copy is
written over the damaged file with SQLite's backup API (which other connections see, as they do
any write); if SQLite cannot even open the damaged file, the file is replaced (os.replace, after
removing its -wal and -shm, which must never be applied to another file). Then the counters are
raised once more from the high-water file, in case a process still wrote into the damaged file.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from mutualaid_desktop import safe_files
from mutualaid_desktop.domain import clock

from .backup import PRE_RESTORE, SUFFIX, check_space, database_size
from .restore import (
    LOCK_WAIT_SECONDS,
    LostPaper,
    RestoreResult,
    audit_restore,
    not_listed,
    raise_counters,
)
from .restore_copy import RestoreRefused, single_file

log = logging.getLogger(__name__)


def overwrite_damaged(work, db_path, backup_dir, username, now, source, migrated_from) -> RestoreResult:
    """The database cannot be read: keep its bytes, then write the checked copy over it."""
    from .database import connect_file

    kept = _keep_damaged(db_path, backup_dir, now)
    live_marks, papers = _read_what_can_be_read(db_path, work)
    copy = connect_file(work)
    try:
        with copy.engine.connect() as conn:
            conn.begin()
            lost = raise_counters(conn, db_path, live_marks)
            result = RestoreResult(
                db_path, Path(source), kept, True, "overwrite", migrated_from, tuple(lost), not_listed(papers, lost)
            )
            audit_restore(conn, username, result)
            conn.commit()
    finally:
        copy.dispose()
    single_file(work)
    method = _write_over(work, db_path)
    # numbers given out by a process still writing into the damaged file meanwhile
    live = connect_file(db_path)
    try:
        with live.engine.connect() as conn:
            conn.begin()
            raise_counters(conn, db_path, {})
            conn.commit()
    finally:
        live.dispose()
    notes = (
        (f"被替换的数据库文件已损坏，无法读取；它的原样副本保存在 {kept}。",)
        if kept
        else ("被替换的数据库文件已损坏，无法读取，也没能保存它的副本。",)
    )
    from dataclasses import replace

    return replace(result, method=method, notes=notes)


def _keep_damaged(db_path: Path, backup_dir: Path, now: datetime | None) -> Path | None:
    """A byte-for-byte copy of the damaged file (and its -wal), checked against the original."""
    now = now or clock.now()
    safe_files.make_private_folder(backup_dir)
    target = backup_dir / f"{db_path.stem}-{now:%Y%m%d-%H%M%S}-{PRE_RESTORE}-damaged{SUFFIX}"
    check_space(backup_dir, database_size(db_path) + 1024 * 1024, "恢复")
    for extra in ("", "-wal"):
        original = Path(str(db_path) + extra)
        if not original.exists():
            continue
        copy = Path(str(target) + extra)
        digest = hashlib.sha256()
        with safe_files.atomic_write(copy) as out, original.open("rb") as file:
            for block in iter(lambda: file.read(1024 * 1024), b""):
                digest.update(block)
                out.write(block)
        if _digest(copy) != digest.hexdigest():
            raise RestoreRefused(
                f"恢复没有进行：损坏的数据库文件没能完整复制到 {backup_dir}。当前数据没有任何改动。",
                "请检查该磁盘是否正常、空间是否足够，然后再试。",
            )
    return target if target.exists() else None


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_what_can_be_read(db_path: Path, work: Path) -> tuple[dict[str, int], list[LostPaper]]:
    """The counters and papers of the damaged database, when they can still be read."""
    marks: dict[str, int] = {}
    papers: list[LostPaper] = []
    try:
        connection = sqlite3.connect(db_path.as_uri() + "?mode=ro", uri=True, timeout=5)
        try:
            marks = {str(k): int(v) for k, v in connection.execute("SELECT key, next_value FROM serials")}
            connection.execute("ATTACH DATABASE ? AS restored", (str(work),))
            papers = [
                LostPaper(k, s, int(c))
                for k, s, c in connection.execute(
                    "SELECT kind, serial, copy_number FROM main.printed_documents AS p WHERE NOT EXISTS ("
                    " SELECT 1 FROM restored.printed_documents AS r"
                    " WHERE r.kind = p.kind AND r.serial = p.serial AND r.copy_number = p.copy_number)"
                )
            ]
        finally:
            connection.close()
    except sqlite3.Error as exc:
        log.info("the damaged database's counters cannot be read (%s); the high-water file is used", exc)
    return marks, papers


def _write_over(work: Path, db_path: Path) -> str:
    """SQLite's backup API into the damaged file (other connections see it); if SQLite cannot
    even open that file, the file is replaced."""
    try:
        source = sqlite3.connect(work)
        try:
            target = sqlite3.connect(db_path, timeout=LOCK_WAIT_SECONDS)
            try:
                source.backup(target)
                if target.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    raise sqlite3.DatabaseError("quick_check failed after the backup API")
            finally:
                target.close()
        finally:
            source.close()
        return "backup-api"
    except sqlite3.Error as exc:
        log.warning("backup API into the damaged %s failed (%s); replacing the file", db_path, exc)
    for extra in ("-wal", "-shm", "-journal"):  # a stale log must never be applied to the new file
        Path(str(db_path) + extra).unlink(missing_ok=True)
    safe_files.fsync_path(work)
    os.replace(work, db_path)
    safe_files.fsync_path(db_path.parent)
    return "file"
