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

import hashlib
import logging
import os
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from mutualaid_desktop import safe_files

from .audit import append_audit
from .backup import (
    PRE_RESTORE,
    SUFFIX,
    BackupFailed,
    database_size,
    free_space,
    integrity_problems,
    megabytes,
    space_needed,
    take_backup,
)
from .errors import DatabaseError
from .serials import LostSerials, lost_serials, read_counters, read_marks, write_marks

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
LOCK_WAIT_SECONDS = 60  # how long the restore waits for another process's write to end
OUR_TABLES = {"members", "org_units", "audit_log", "serials"}  # what makes a file look like ours


class RestoreRefused(DatabaseError):
    """The restore did not happen; the database is exactly as it was."""


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
    method: str  # "content" (in one transaction), "backup-api", "file" (damaged database), "new"
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
    _check_source(backup_file, db_path)
    _check_space(backup_file, db_path, backup_dir)
    safe_files.make_private_folder(db_path.parent)
    work = safe_files.temporary_name(db_path.with_name(db_path.name + ".restoring"))
    try:
        migrated_from = _prepare_copy(backup_file, work)
        state = _live_state(db_path)
        if state == "damaged":
            result = _overwrite_damaged(work, db_path, backup_dir, username, now, backup_file, migrated_from)
        else:
            try:
                result = _replace_content(work, db_path, backup_dir, username, now, backup_file, migrated_from,
                                          lock_wait, new=state == "new")
            except _LiveDamaged:
                result = _overwrite_damaged(work, db_path, backup_dir, username, now, backup_file, migrated_from)
    finally:
        for extra in ("", "-journal", "-wal", "-shm"):
            Path(str(work) + extra).unlink(missing_ok=True)
    seconds = time.monotonic() - started
    log.info("database %s restored from %s (%s) in %.1f s", db_path, backup_file, result.method, seconds)
    return _with(result, seconds=seconds)


def _with(result: RestoreResult, **changes) -> RestoreResult:
    from dataclasses import replace

    return replace(result, **changes)


# --- the backup: checked and migrated in a copy ---------------------------------------------


def _check_source(backup_file: Path, db_path: Path) -> None:
    if not backup_file.is_file():
        raise RestoreRefused(f"找不到备份文件 {backup_file}。", "请重新选择要恢复的备份文件。")
    try:
        if db_path.exists() and backup_file.resolve() == db_path:
            raise RestoreRefused(f"{backup_file} 就是当前的数据库文件，不能用它恢复它自己。",
                                 "请选择备份文件夹中的一个备份文件。")
        with backup_file.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise RestoreRefused(f"无法读取备份文件 {backup_file}：{exc.strerror or exc}。未做恢复，当前数据没有任何改动。",
                             "请检查该文件是否存在、是否有读取权限。") from exc
    if header != SQLITE_HEADER:
        raise _not_ours(backup_file, "不是数据库文件")


def _check_space(backup_file: Path, db_path: Path, backup_dir: Path) -> None:
    """Refuse (about the disk) unless there is room for the checked copy of the backup and the
    write into the database (beside the database) and for the pre-restore copy (backup folder)."""
    incoming = space_needed(database_size(backup_file))
    current = space_needed(database_size(db_path)) if db_path.exists() else 0
    needs: dict[int, list] = {}
    for folder, size in ((db_path.parent, 2 * incoming), (backup_dir, current)):
        probe = folder
        while not probe.exists() and probe.parent != probe:
            probe = probe.parent
        entry = needs.setdefault(os.stat(probe).st_dev, [folder, 0])
        entry[1] += size
    for folder, needed in needs.values():
        free = free_space(folder)
        if free < needed:
            raise RestoreRefused(
                f"恢复没有进行：{folder} 所在的磁盘空间不足（需要约 {megabytes(needed)}，只剩 {megabytes(free)}）。"
                f"恢复前要先把当前数据库（{megabytes(database_size(db_path))}）复制到备份文件夹 {backup_dir}，"
                f"并在数据库旁放一份检查过的备份副本（{megabytes(database_size(backup_file))}）。当前数据没有任何改动。",
                "请清理该磁盘（例如把旧的备份复制到U盘或其他电脑后再删除），然后再恢复。",
            )


def _prepare_copy(backup_file: Path, work: Path) -> str | None:
    """Copy the backup to `work`, check it, migrate it to the head; returns the backup's
    revision when it was older than the head."""
    from .database import SCHEMA_HEAD, connect_file

    _copy_file(backup_file, work)
    problems = integrity_problems(work)
    if problems:
        raise _unusable(backup_file, "; ".join(problems[:3]))
    revision, tables = _revision_and_tables(work)
    if revision is None:
        raise _not_ours(backup_file, "没有本程序的结构版本记录")
    migrated_from = None
    if revision != SCHEMA_HEAD:
        from .migrate import is_known_revision, upgrade_to_head

        if not is_known_revision(revision):
            if OUR_TABLES <= tables:
                raise RestoreRefused(
                    f"备份文件 {backup_file.name} 由更新版本的程序创建（结构版本 {revision}），本程序无法使用它。"
                    "未做恢复，当前数据没有任何改动。",
                    "请安装最新版本的互助保障柜台程序后再恢复，或选择本版本程序做的备份。")
            raise _not_ours(backup_file, f"结构版本 {revision} 不是本程序的")
        db = connect_file(work)
        try:
            upgrade_to_head(db.engine)
        except (DatabaseError, DBAPIError, sqlite3.Error) as exc:
            log.warning("migrating the backup copy from %s failed: %s", revision, exc)
            raise _not_ours(backup_file, f"无法从结构版本 {revision} 升级") from exc
        finally:
            db.dispose()
        migrated_from = revision
    _check_schema(backup_file, work)
    _single_file(work)
    return migrated_from


def _copy_file(backup_file: Path, work: Path) -> None:
    fd = os.open(work, os.O_WRONLY | os.O_CREAT | os.O_EXCL, safe_files.FILE_MODE)
    os.close(fd)
    try:
        source = sqlite3.connect(backup_file.resolve().as_uri() + "?mode=ro", uri=True, timeout=10)
        try:
            target = sqlite3.connect(work)
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
        finally:
            source.close()
    except sqlite3.Error as exc:
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL":
            raise RestoreRefused(
                f"恢复没有进行：{work.parent} 所在的磁盘已满，放不下备份的检查副本。当前数据没有任何改动。",
                "请清理该磁盘（例如把旧的备份复制到U盘或其他电脑后再删除），然后再恢复。") from exc
        raise _unusable(backup_file, str(exc)) from exc
    except OSError as exc:
        if safe_files.is_disk_full(exc):
            raise RestoreRefused(
                f"恢复没有进行：{work.parent} 所在的磁盘已满，放不下备份的检查副本。当前数据没有任何改动。",
                "请清理该磁盘（例如把旧的备份复制到U盘或其他电脑后再删除），然后再恢复。") from exc
        raise


def _revision_and_tables(path: Path) -> tuple[str | None, set[str]]:
    connection = sqlite3.connect(path)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" not in tables:
            return None, tables
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        return (str(rows[0][0]) if len(rows) == 1 else None), tables
    except sqlite3.Error:
        return None, set()
    finally:
        connection.close()


def _check_schema(backup_file: Path, work: Path) -> None:
    """The copy (at the head) has exactly the program's tables and columns, and consistent references."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from .models import Base

    engine = create_engine(f"sqlite:///{work}", poolclass=NullPool)
    try:
        with engine.connect() as connection:
            found = inspect(connection)
            tables = set(found.get_table_names())
            expected = set(Base.metadata.tables) | {"alembic_version"}
            if tables != expected:
                raise _not_ours(backup_file, "表结构与本程序的不同")
            for name, table in Base.metadata.tables.items():
                columns = {column["name"] for column in found.get_columns(name)}
                if columns != set(table.columns.keys()):
                    raise _not_ours(backup_file, f"表 {name} 的结构与本程序的不同")
            dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if dangling:
                raise _unusable(backup_file, f"{len(dangling)} 处数据引用不一致")
    finally:
        engine.dispose()


def _single_file(work: Path) -> None:
    """Leave the copy as one file with a rollback journal (it may have been migrated in WAL)."""
    connection = sqlite3.connect(work)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()


def _unusable(backup_file: Path, detail: str) -> RestoreRefused:
    log.error("backup %s refused: %s", backup_file, detail)
    return RestoreRefused(
        f"备份文件 {Path(backup_file).name} 已损坏（{detail}），未做恢复，当前数据没有任何改动。",
        "请选择另一个备份文件（最好是日期较新的每日备份）。",
    )


def _not_ours(backup_file: Path, detail: str) -> RestoreRefused:
    log.error("backup %s refused: %s", backup_file, detail)
    return RestoreRefused(
        f"文件 {Path(backup_file).name} 不是本程序的数据库备份（{detail}），未做恢复，当前数据没有任何改动。",
        "请选择本程序备份文件夹中的备份文件（文件名形如 mutualaid-20261129-080000-daily.sqlite3）。",
    )


# --- the live database ----------------------------------------------------------------------


class _LiveDamaged(Exception):
    """The database being replaced cannot be read: the damaged way is taken."""


def _live_state(db_path: Path) -> str:
    """"new" (no file, or empty), "readable" (a SQLite header: the content way is tried), or
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
                pre = _pre_restore_copy(db_path, backup_dir, now)
            try:
                conn.begin()  # BEGIN IMMEDIATE: other writers wait for the end of the restore
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
                lost = _raise_counters(conn, db_path, live_marks)
                result = RestoreResult(db_path, Path(source), pre, False, "new" if new else "content",
                                       migrated_from, tuple(lost), _not_listed(papers, lost))
                _audit(conn, username, result)
                dangling = conn.exec_driver_sql("PRAGMA main.foreign_key_check").fetchall()
                if dangling:
                    raise RestoreRefused(f"恢复后的数据有 {len(dangling)} 处引用不一致，恢复已撤销，当前数据没有任何改动。",
                                         "请选择另一个备份文件，或联系技术支持。")
                conn.commit()
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
        raise RestoreRefused(f"{db_path} 不是本程序的数据库，恢复没有进行，该文件没有任何改动。",
                             "请用 --db 指定本程序的数据库文件后再恢复。")
    if revision != head:
        from .migrate import is_known_revision

        if not is_known_revision(revision):
            raise RestoreRefused(
                f"数据库 {db_path} 由更新版本的程序创建（结构版本 {revision}），本程序不能恢复它。该文件没有任何改动。",
                "请用最新版本的程序恢复。")


def _pre_restore_copy(db_path: Path, backup_dir: Path, now: datetime | None) -> Path:
    """The verified copy of the database about to be replaced, in the backup folder."""
    try:
        return take_backup(db_path, backup_dir, reason=PRE_RESTORE, now=now)
    except BackupFailed as exc:
        if "完整性检查" in exc.message or "损坏" in exc.message:
            raise _LiveDamaged() from exc
        raise RestoreRefused(f"恢复没有进行：恢复前必须先备份当前数据库，但这份备份没有完成。{exc.message}",
                             exc.hint) from exc


def _discard(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)


def _is_damage(exc: BaseException) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    text = str(exc)
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text or "not a database" in text


def _refused(exc: BaseException, db_path: Path) -> RestoreRefused:
    name = getattr(exc, "sqlite_errorname", "")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc):
        return RestoreRefused(
            "恢复没有进行：另一个窗口或程序正在写入数据库（例如导入名册），一直没有结束。当前数据没有任何改动。",
            "请等对方完成后再恢复。")
    if name == "SQLITE_FULL" or "disk is full" in str(exc):
        return RestoreRefused(
            f"恢复没有进行：{db_path.parent} 所在的磁盘已满。当前数据没有任何改动。",
            "请清理该磁盘（例如把旧的备份复制到U盘或其他电脑后再删除），然后再恢复。")
    log.error("restore into %s failed: %s", db_path, exc)
    return RestoreRefused(f"恢复没有完成，已撤销，当前数据没有任何改动：{exc}",
                          "请检查数据库文件夹的写入权限和磁盘空间；如仍不行，请联系技术支持。")


def _lost_papers(conn) -> list[LostPaper]:
    """Papers recorded in the database being replaced and not in the backup."""
    have = {row[0] for row in conn.exec_driver_sql("SELECT name FROM main.sqlite_master WHERE type = 'table'")}
    if "printed_documents" not in have:
        return []
    rows = conn.exec_driver_sql(
        "SELECT kind, serial, copy_number FROM main.printed_documents AS p WHERE NOT EXISTS ("
        " SELECT 1 FROM restored.printed_documents AS r"
        " WHERE r.kind = p.kind AND r.serial = p.serial AND r.copy_number = p.copy_number)"
        " ORDER BY kind, serial, copy_number").fetchall()
    return [LostPaper(kind, serial, int(copy)) for kind, serial, copy in rows]


def _not_listed(papers: list[LostPaper], lost: list[LostSerials]) -> tuple[LostPaper, ...]:
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
    schema = run("SELECT type, name, sql FROM restored.sqlite_master "
                 "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid").fetchall()
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
    version = run("PRAGMA restored.user_version").scalar()
    run(f"PRAGMA main.user_version = {int(version or 0)}")


def _raise_counters(conn, db_path: Path, live_marks: dict[str, int]) -> list[LostSerials]:
    """Raise the restored counters to every mark given out; the numbers lost, as printed."""
    restored = read_counters(conn, "main")
    issued = dict(live_marks)
    for key, value in read_marks(db_path).items():
        issued[key] = max(issued.get(key, 0), value)
    for key, value in issued.items():
        if value > restored.get(key, 0):
            conn.exec_driver_sql(
                "INSERT INTO main.serials (key, next_value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET next_value = excluded.next_value", (key, value))
    lost = lost_serials(conn, restored, issued, "main")
    final = {key: max(restored.get(key, 0), issued.get(key, 0)) for key in restored.keys() | issued.keys()}
    write_marks(db_path, final)  # before the commit, under the write lock
    return lost


def _audit(conn, username: str | None, result: RestoreResult) -> None:
    session = Session(bind=conn, join_transaction_mode="rollback_only")
    try:
        append_audit(session, username=username, action="database.restore", entity="database", after={
            "source": str(result.source),
            "pre_restore": str(result.pre_restore) if result.pre_restore else None,
            "replaced_damaged": result.replaced_damaged,
            "method": result.method,
            "migrated_from": result.migrated_from,
            "lost_serials": [{"kind": lost.label, "key": lost.key, "count": lost.count,
                              "runs": [list(run) for run in lost.runs]} for lost in result.lost_serials],
            "lost_papers": [[paper.kind, paper.serial, paper.copy_number] for paper in result.lost_papers],
        })
        session.flush()
    finally:
        session.close()


def _checkpoint(raw: sqlite3.Connection) -> None:
    """Give the disk back the write-ahead log of the restore (best effort: readers may hold it)."""
    try:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error:
        pass


# --- a damaged database ---------------------------------------------------------------------


def _overwrite_damaged(work, db_path, backup_dir, username, now, source, migrated_from) -> RestoreResult:
    """The database cannot be read: keep its bytes, then write the checked copy over it."""
    from .database import connect_file

    kept = _keep_damaged(db_path, backup_dir, now)
    live_marks, papers = _read_what_can_be_read(db_path, work)
    copy = connect_file(work)
    try:
        with copy.engine.connect() as conn:
            conn.begin()
            lost = _raise_counters(conn, db_path, live_marks)
            result = RestoreResult(db_path, Path(source), kept, True, "backup-api", migrated_from,
                                   tuple(lost), _not_listed(papers, lost))
            _audit(conn, username, result)
            conn.commit()
    finally:
        copy.dispose()
    _single_file(work)
    method = _write_over(work, db_path)
    # numbers given out by a process still writing into the damaged file meanwhile
    live = connect_file(db_path)
    try:
        with live.engine.connect() as conn:
            conn.begin()
            _raise_counters(conn, db_path, {})
            conn.commit()
    finally:
        live.dispose()
    notes = (f"被替换的数据库文件已损坏，无法读取；它的原样副本保存在 {kept}。",) if kept else (
        "被替换的数据库文件已损坏，无法读取，也没能保存它的副本。",)
    return _with(result, method=method, notes=notes)


def _keep_damaged(db_path: Path, backup_dir: Path, now: datetime | None) -> Path | None:
    """A byte-for-byte copy of the damaged file (and its -wal), checked against the original."""
    from .backup import _STAMP, check_space

    now = now or datetime.now()
    safe_files.make_private_folder(backup_dir)
    target = backup_dir / f"{db_path.stem}-{now:{_STAMP}}-{PRE_RESTORE}-damaged{SUFFIX}"
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
            raise RestoreRefused(f"恢复没有进行：损坏的数据库文件没能完整复制到 {backup_dir}。当前数据没有任何改动。",
                                 "请检查该磁盘是否正常、空间是否足够，然后再试。")
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
            papers = [LostPaper(k, s, int(c)) for k, s, c in connection.execute(
                "SELECT kind, serial, copy_number FROM main.printed_documents AS p WHERE NOT EXISTS ("
                " SELECT 1 FROM restored.printed_documents AS r"
                " WHERE r.kind = p.kind AND r.serial = p.serial AND r.copy_number = p.copy_number)")]
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
