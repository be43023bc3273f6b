"""Restoring a backup into the database, also while other processes have it open.

Other processes (a second window, the command line, another counter on the same file) keep
their connections to the database file while it is restored. Swapping the file for another
(os.replace) would leave them writing into the replaced file: they would be told "saved" and
their rows would vanish. So the file of a readable database is never swapped. Instead:

1. The backup is copied beside the database (SQLite's online backup API), checked
   (`integrity_check`; this program's database: a known schema revision and the program's
   tables), and an older revision is migrated to the head in the copy. Free disk space for that
   copy, for the copy of the current database and for the write is checked first.
2. The current database is copied into the backup folder ("pre-restore") and that copy checked.
3. One write transaction on the live database (`BEGIN IMMEDIATE`: other writers queue on
   SQLite's lock) drops its tables and re-creates them, rows included, from the checked copy
   (ATTACHed), raises every serial counter to the highest mark given out (the live counters and
   the high-water file of store/serials.py), lists the numbers given out after the backup that
   the restored content lacks, and writes the restore's audit record. Other processes then read
   the restored data, and what they write afterwards lands in it. If another process wrote
   between the copy of step 2 and the lock, the copy is taken again under the lock.

Only when the current database cannot be read (damaged; not a database at all) is a raw copy of
its bytes kept ("pre-restore-damaged") and the checked copy written over it with SQLite's backup
API (which other processes' connections also see), and if even that fails, the file is
replaced. Nobody can have been writing usefully into a damaged database; the result says which
way was taken.

A kill at any moment leaves the database as it was or restored (one SQLite transaction, or one
rename), never a mix; the temporary copies left behind are removed at the next open
(store/leftovers.py).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from mutualaid_desktop import safe_files

from .audit import append_audit
from .backup import PRE_RESTORE, BackupFailed, SourceDamaged, take_backup
from .errors import DatabaseBusy
from .restore_copy import RestoreRefused, check_source, check_space, prepare_copy
from .serials import LostSerials, lost_serials, read_counters, read_marks, write_marks

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
LOCK_WAIT_SECONDS = 60  # how long the restore waits for another process's write to end

__all__ = ["LostPaper", "RestoreRefused", "RestoreResult", "restore_backup"]


@dataclass(frozen=True)
class LostPaper:
    """A paper recorded as handed out (打印记录) after the backup, not in the restored database."""

    kind: str
    serial: str
    copy_number: int


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    source: Path
    pre_restore: Path | None  # the copy of the database that was replaced (None: there was none)
    replaced_damaged: bool  # that database could not be read; its copy is of its bytes as found
    method: str  # "content" (in one transaction), "new" (there was no database), or over a damaged
    # database: "backup-api" or "file" ("overwrite" in the audit record, written before the way is known)
    migrated_from: str | None  # the backup's schema revision when it was older
    lost_serials: tuple[LostSerials, ...] = ()
    lost_papers: tuple[LostPaper, ...] = ()
    seconds: float = 0.0
    notes: tuple[str, ...] = field(default=())  # things the user should know (Chinese)

    @property
    def lost_count(self) -> int:
        return sum(lost.count for lost in self.lost_serials)


def restore_backup(
    backup_file: Path,
    db_path: Path,
    *,
    backup_dir: Path | None = None,
    username: str | None = None,
    now: datetime | None = None,
    lock_wait: float = LOCK_WAIT_SECONDS,
) -> RestoreResult:
    """Put the content of `backup_file` into the database at `db_path` (see the module's notes).

    Raises RestoreRefused (a DatabaseError, in Chinese) with the database untouched when the
    backup is not a good backup of this program, the disk is too full for the copies, the
    current database cannot be copied first, or another process holds the write lock too long.
    """
    started = time.monotonic()
    backup_file, db_path = Path(backup_file), Path(db_path).expanduser().resolve()
    backup_dir = Path(backup_dir) if backup_dir else db_path.parent / "backups"
    check_source(backup_file, db_path)
    check_space(backup_file, db_path, backup_dir)
    safe_files.make_private_folder(db_path.parent)
    work = safe_files.temporary_name(db_path.with_name(db_path.name + ".restoring"))
    try:
        migrated_from = prepare_copy(backup_file, work)
        log.info("restore: the backup copied and checked in %.1f s", time.monotonic() - started)
        state = _live_state(db_path)
        from .restore_damaged import overwrite_damaged

        if state == "damaged":
            result = overwrite_damaged(work, db_path, backup_dir, username, now, backup_file, migrated_from)
        else:
            try:
                result = _replace_content(
                    work, db_path, backup_dir, username, now, backup_file, migrated_from, lock_wait, new=state == "new"
                )
            except _LiveDamaged:
                result = overwrite_damaged(work, db_path, backup_dir, username, now, backup_file, migrated_from)
    finally:
        for extra in ("", "-journal", "-wal", "-shm"):
            Path(str(work) + extra).unlink(missing_ok=True)
    seconds = time.monotonic() - started
    log.info("database %s restored from %s (%s) in %.1f s", db_path, backup_file, result.method, seconds)
    return _with(result, seconds=seconds)


def _with(result: RestoreResult, **changes) -> RestoreResult:
    from dataclasses import replace

    return replace(result, **changes)


# --- the live database ----------------------------------------------------------------------


class _LiveDamaged(Exception):
    """The database being replaced cannot be read: the damaged way is taken."""


def _live_state(db_path: Path) -> str:
    """ "new" (no file, or empty), "readable" (a SQLite header: the content way is tried), or
    "damaged"."""
    try:
        if not db_path.exists() or db_path.stat().st_size == 0:
            return "new"
        with db_path.open("rb") as file:
            return "readable" if file.read(len(SQLITE_HEADER)) == SQLITE_HEADER else "damaged"
    except OSError:
        return "damaged"


def _replace_content(work, db_path, backup_dir, username, now, source, migrated_from, lock_wait, *, new):
    from .database import SCHEMA_HEAD, connect_file

    live = connect_file(db_path)
    live.busy.total_seconds = lock_wait  # BEGIN IMMEDIATE waits this long for other writers (store/busy.py)
    pre = None
    try:
        with live.engine.connect() as conn:
            raw = conn.connection.driver_connection
            try:
                raw.execute(f"PRAGMA busy_timeout={int(lock_wait * 1000)}")
                raw.execute("PRAGMA foreign_keys=OFF")  # rows go in table by table; checked before commit
                raw.execute("ATTACH DATABASE ? AS restored", (str(work),))
                _check_live_is_ours(raw, db_path, SCHEMA_HEAD)
                version = raw.execute("PRAGMA data_version").fetchone()[0]
            except sqlite3.DatabaseError as exc:
                if _is_damage(exc):
                    raise _LiveDamaged() from exc
                raise _refused(exc, db_path) from exc
            if not new:
                began = time.monotonic()
                pre = _pre_restore_copy(db_path, backup_dir, now)
                log.info("restore: pre-restore copy taken and checked in %.1f s", time.monotonic() - began)
            try:
                conn.begin()  # BEGIN IMMEDIATE: other writers wait for the end of the restore
                locked = time.monotonic()
            except DatabaseBusy as exc:
                _discard(pre)
                raise _lock_not_had() from exc
            except DBAPIError as exc:
                _discard(pre)
                raise _refused(exc.orig, db_path) from exc
            try:
                if not new and raw.execute("PRAGMA data_version").fetchone()[0] != version:
                    # another process wrote after the copy: copy again, now that nobody can write
                    again = _pre_restore_copy(db_path, backup_dir, now)
                    if again != pre:
                        _discard(pre)
                    pre = again
                live_marks = read_counters(conn, "main")
                papers = _lost_papers(conn)
                _swap_content(conn)
                lost = raise_counters(conn, db_path, live_marks)
                result = RestoreResult(
                    db_path,
                    Path(source),
                    pre,
                    False,
                    "new" if new else "content",
                    migrated_from,
                    tuple(lost),
                    not_listed(papers, lost),
                )
                audit_restore(conn, username, result)  # (references: checked in the copy, see restore_copy)
                conn.commit()
                log.info("restore: the write lock held for %.1f s", time.monotonic() - locked)
            except BaseException as exc:
                conn.rollback()
                _discard(pre)
                if isinstance(exc, DBAPIError) and _is_damage(exc.orig):
                    raise _LiveDamaged() from exc
                if isinstance(exc, DBAPIError):
                    raise _refused(exc.orig, db_path) from exc
                raise
            finally:
                raw.execute("PRAGMA foreign_keys=ON")
            _checkpoint(raw)
    finally:
        live.dispose()
    return result


def _check_live_is_ours(raw: sqlite3.Connection, db_path: Path, head: str) -> None:
    tables = {row[0] for row in raw.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")}
    if not tables:
        return
    revision = None
    if "alembic_version" in tables:
        rows = raw.execute("SELECT version_num FROM main.alembic_version").fetchall()
        revision = rows[0][0] if len(rows) == 1 else None
    if revision is None:
        raise RestoreRefused(
            f"{db_path} 不是本程序的数据库，恢复没有进行，该文件没有任何改动。",
            "请用 --db 指定本程序的数据库文件后再恢复。",
        )
    if revision != head:
        from .migrate import is_known_revision

        if not is_known_revision(revision):
            raise RestoreRefused(
                f"数据库 {db_path} 由更新版本的程序创建（结构版本 {revision}），本程序不能恢复它。该文件没有任何改动。",
                "请用最新版本的程序恢复。",
            )


def _pre_restore_copy(db_path: Path, backup_dir: Path, now: datetime | None) -> Path:
    """The verified copy of the database about to be replaced, in the backup folder."""
    try:
        return take_backup(db_path, backup_dir, reason=PRE_RESTORE, now=now)
    except SourceDamaged as exc:
        raise _LiveDamaged() from exc
    except BackupFailed as exc:
        raise RestoreRefused(
            f"恢复没有进行：恢复前必须先备份当前数据库，但这份备份没有完成。{exc.message}", exc.hint
        ) from exc


def _discard(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)


def _is_damage(exc: BaseException) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    text = str(exc)
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text or "not a database" in text


def _lock_not_had() -> RestoreRefused:
    return RestoreRefused(
        "恢复没有进行：另一个窗口或程序正在写入数据库（例如导入名册），一直没有结束。当前数据没有任何改动。",
        "请等对方完成后再恢复。",
    )


def _refused(exc: BaseException, db_path: Path) -> RestoreRefused:
    name = getattr(exc, "sqlite_errorname", "")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc):
        return _lock_not_had()
    if name == "SQLITE_FULL" or "disk is full" in str(exc):
        return RestoreRefused(
            f"恢复没有进行：{db_path.parent} 所在的磁盘已满。当前数据没有任何改动。",
            "请清理该磁盘（例如把旧的备份复制到U盘或其他电脑后再删除），然后再恢复。",
        )
    log.error("restore into %s failed: %s", db_path, exc)
    return RestoreRefused(
        f"恢复没有完成，已撤销，当前数据没有任何改动：{exc}",
        "请检查数据库文件夹的写入权限和磁盘空间；如仍不行，请联系技术支持。",
    )


def _lost_papers(conn) -> list[LostPaper]:
    """Papers recorded in the database being replaced and not in the backup."""
    have = {row[0] for row in conn.exec_driver_sql("SELECT name FROM main.sqlite_master WHERE type = 'table'")}
    if "printed_documents" not in have:
        return []
    rows = conn.exec_driver_sql(
        "SELECT kind, serial, copy_number FROM main.printed_documents AS p WHERE NOT EXISTS ("
        " SELECT 1 FROM restored.printed_documents AS r"
        " WHERE r.kind = p.kind AND r.serial = p.serial AND r.copy_number = p.copy_number)"
        " ORDER BY kind, serial, copy_number"
    ).fetchall()
    return [LostPaper(kind, serial, int(copy)) for kind, serial, copy in rows]


def not_listed(papers: list[LostPaper], lost: list[LostSerials]) -> tuple[LostPaper, ...]:
    """The papers whose number is not already among the lost numbers (a lost receipt's paper)."""
    listed = {number for serials in lost for number in serials.numbers}
    return tuple(paper for paper in papers if paper.serial not in listed)


def _swap_content(conn) -> None:
    """Drop every table of the live database and make them again from the checked copy, rows
    and all (in the caller's transaction)."""
    run = conn.exec_driver_sql
    objects = run("SELECT type, name FROM main.sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
    for kind in ("view", "trigger", "table"):
        for found, name in objects:
            if found == kind:
                run(f'DROP {kind.upper()} IF EXISTS main."{name}"')
    schema = run(
        "SELECT type, name, sql FROM restored.sqlite_master "
        "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
    ).fetchall()
    for found, name, sql in schema:
        if found == "table":
            run(sql)
            run(f'INSERT INTO main."{name}" SELECT * FROM restored."{name}"')
    for found, _name, sql in schema:
        if found != "table":
            run(sql)
    if run("SELECT 1 FROM restored.sqlite_master WHERE name = 'sqlite_sequence'").first():
        run("DELETE FROM main.sqlite_sequence")
        run("INSERT INTO main.sqlite_sequence SELECT * FROM restored.sqlite_sequence")
    for stat in ("sqlite_stat1", "sqlite_stat4"):  # the planner's statistics (ANALYZE), if any
        if run(f"SELECT 1 FROM main.sqlite_master WHERE name = '{stat}'").first():
            run(f"DELETE FROM main.{stat}")
            if run(f"SELECT 1 FROM restored.sqlite_master WHERE name = '{stat}'").first():
                run(f"INSERT INTO main.{stat} SELECT * FROM restored.{stat}")
    version = run("PRAGMA restored.user_version").scalar()
    run(f"PRAGMA main.user_version = {int(version or 0)}")


def raise_counters(conn, db_path: Path, live_marks: dict[str, int]) -> list[LostSerials]:
    """Raise the restored counters to every mark given out; the numbers lost, as printed."""
    restored = read_counters(conn, "main")
    issued = dict(live_marks)
    for key, value in read_marks(db_path).items():
        issued[key] = max(issued.get(key, 0), value)
    for key, value in issued.items():
        if value > restored.get(key, 0):
            conn.exec_driver_sql(
                "INSERT INTO main.serials (key, next_value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET next_value = excluded.next_value",
                (key, value),
            )
    lost = lost_serials(conn, restored, issued, "main")
    final = {key: max(restored.get(key, 0), issued.get(key, 0)) for key in restored.keys() | issued.keys()}
    write_marks(db_path, final)  # before the commit, under the write lock
    return lost


def audit_restore(conn, username: str | None, result: RestoreResult) -> None:
    session = Session(bind=conn, join_transaction_mode="rollback_only")
    try:
        append_audit(
            session,
            username=username,
            action="database.restore",
            entity="database",
            after={
                "source": str(result.source),
                "pre_restore": str(result.pre_restore) if result.pre_restore else None,
                "replaced_damaged": result.replaced_damaged,
                "method": result.method,
                "migrated_from": result.migrated_from,
                "lost_serials": [
                    {"kind": lost.label, "key": lost.key, "count": lost.count, "runs": [list(run) for run in lost.runs]}
                    for lost in result.lost_serials
                ],
                "lost_papers": [[paper.kind, paper.serial, paper.copy_number] for paper in result.lost_papers],
            },
        )
        session.flush()
    finally:
        session.close()


def _checkpoint(raw: sqlite3.Connection) -> None:
    """Give the disk back the write-ahead log of the restore (best effort: readers may hold it)."""
    with contextlib.suppress(sqlite3.Error):
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
