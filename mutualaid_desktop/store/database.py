"""Opening the database: engine, SQLite settings, a cheap health check, migrations, backups.

At open (a SQLite file): the leftovers of an interrupted run are removed (store/leftovers.py);
a new folder and a new database file are created readable by their owner only (SQLite gives
the -wal and -shm files the database's mode); the day's backup is taken by exactly one process
(store/daily_backup.py); a backup that failed, with no good backup since, is put in
`Database.warnings` (the command line prints them on standard error, the window shows them).

`open_database` takes a file path (SQLite) or a SQLAlchemy URL (SQLite or PostgreSQL). What is
SQLite-only (pragmas, file header check, backups) applies only when the dialect is sqlite.

Transactions on SQLite: pysqlite's own BEGIN handling is switched off and SQLAlchemy emits
BEGIN itself (the recipe of SQLAlchemy's SQLite docs, "Enabling Non-Legacy SQLite Transactional
Modes"). Sessions that may write begin with `BEGIN IMMEDIATE`, which takes the write lock at
once: two writers (threads or processes) queue on `busy_timeout` instead of failing half-way,
and the audit chain's read-last-hash-then-insert cannot interleave. Read-only sessions
(`session(read_only=True)`) begin a plain deferred transaction and never wait for a writer (WAL).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from datetime import date
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event, inspect, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from mutualaid_desktop import safe_files

from .backup import PRE_MIGRATION, backup_problem, latest_good_backup, take_backup
from .busy import busy_wait, translate_driver_error
from .daily_backup import daily_backup_if_due
from .errors import DatabaseBusy, DatabaseCorrupt, DatabaseError, DatabaseFull
from .leftovers import clean_leftovers
from .migrate import VERSION_TABLE, current_revision
from .money_digest import track as track_money

__all__ = [
    "SCHEMA_HEAD",
    "Database",
    "DatabaseBusy",
    "DatabaseCorrupt",
    "DatabaseError",
    "DatabaseFull",
    "open_database",
]

log = logging.getLogger(__name__)

SCHEMA_HEAD = "0013"  # the newest revision in store/migrations/versions (a test keeps it so)
SQLITE_HEADER = b"SQLite format 3\x00"
READ_ONLY = "mutualaid_read_only"  # execution option: begin a deferred transaction
SQLITE_PRAGMAS = ("busy_timeout=10000", "journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON")


class Database:
    """An open database. Sessions come from `session()`; services use a UnitOfWork instead."""

    def __init__(self, url: str, engine: Engine, *, path: Path | None = None, backup_dir: Path | None = None) -> None:
        self.url = url
        self.engine = engine
        self.path = path
        self.backup_dir = backup_dir
        self.warnings: list[str] = []  # things the user should know (in Chinese), e.g. a failed backup
        self.busy = busy_wait(engine)  # how a write waits for another process's lock (store/busy.py)
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        track_money(self._sessions)  # money rows changed -> their digests in the audit log
        self._read_sessions = sessionmaker(engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def session(self, *, read_only: bool = False) -> Session:
        """A new session. Its transactions take the write lock at BEGIN unless `read_only`."""
        return (self._read_sessions if read_only else self._sessions)()

    def dispose(self) -> None:
        self.engine.dispose()

    def __str__(self) -> str:  # for messages: the file, or the URL without its password
        return str(self.path) if self.path else self.engine.url.render_as_string(hide_password=True)

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info) -> None:
        self.dispose()


def open_database(
    location: str | Path,
    *,
    backup_dir: Path | None = None,
    migrate: bool = True,
    daily_backup: bool = True,
    today: date | None = None,
) -> Database:
    """Open (or create) the database at `location` and bring its schema to SCHEMA_HEAD.

    Raises DatabaseCorrupt when the file is damaged, DatabaseError when it cannot be used.
    With `migrate=False` an older or empty schema is left as it is.
    """
    url = _to_url(location)
    path = _sqlite_file(url)
    existing = False
    if path is not None:
        backup_dir = Path(backup_dir) if backup_dir else path.parent / "backups"
        clean_leftovers(path, backup_dir)
        existing = _check_file(path, backup_dir)
    db = Database(url.render_as_string(hide_password=False), _create_engine(url), path=path, backup_dir=backup_dir)
    try:
        revision = _read_revision(db)
        if revision != SCHEMA_HEAD:
            _check_known(revision)
            if migrate:
                _upgrade(db, revision)
        if existing and daily_backup:
            _daily_backup(db, today)
        if path is not None and not db.warnings:
            problem = backup_problem(path)  # an earlier failure, with no good backup since
            if problem:
                db.warnings.append(problem)
    except BaseException:
        db.dispose()
        raise
    log.info("database opened: %s", db)
    return db


def connect_file(path: Path) -> Database:
    """The database file at `path` with the program's SQLite settings and nothing else: no
    check, no migration, no backup (for the restore, which checks what it needs itself). A
    missing file is created owner-only."""
    path = Path(path).expanduser().resolve()
    safe_files.make_private_folder(path.parent)
    if not path.exists():
        _create_private(path)
    url = URL.create("sqlite", database=str(path))
    return Database(url.render_as_string(hide_password=False), _create_engine(url), path=path)


def _to_url(location: str | Path) -> URL:
    if isinstance(location, str) and "://" in location:
        url = make_url(location)
        if url.drivername in ("postgresql", "postgres"):  # the driver is psycopg 3 (pip install ".[postgres]")
            url = url.set(drivername="postgresql+psycopg")
        return url
    return URL.create("sqlite", database=str(Path(location).expanduser().resolve()))


def _sqlite_file(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def _check_file(path: Path, backup_dir: Path) -> bool:
    """Create the folder (owner-only) and a new file (owner-only, before SQLite writes into it;
    its -wal and -shm files take its mode); True when the file exists and is not empty (then
    its header must be SQLite's, or DatabaseCorrupt)."""
    try:
        safe_files.make_private_folder(path.parent)
        if not path.exists():
            _create_private(path)
        if path.stat().st_size == 0:
            return False
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(
            f"无法打开数据库文件 {path}：{exc.strerror or exc}",
            "请检查该文件夹是否存在、是否有读写权限，或选择其他位置。",
        ) from exc
    if header != SQLITE_HEADER:
        log.error("%s does not start with the SQLite header", path)
        raise _corrupt(path, backup_dir)
    return True


def _create_private(path: Path) -> None:
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, safe_files.FILE_MODE))


def _create_engine(url: URL) -> Engine:
    if url.get_backend_name() != "sqlite":
        try:
            return create_engine(url, pool_pre_ping=True)
        except ImportError as exc:
            raise DatabaseError(
                f"本程序缺少连接 {url.get_backend_name()} 数据库所需的组件（{exc.name}）。",
                "请联系管理员安装该组件，或改用本机数据库文件。",
            ) from exc
    # QueuePool (the default for a file): a few connections, usable from the worker thread.
    # hide_parameters: an error or a log line never carries the values written (names, ID numbers)
    engine = create_engine(url, connect_args={"check_same_thread": False}, hide_parameters=True)
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    event.listen(engine, "handle_error", translate_driver_error)  # a full disk, a lock: store/busy.py
    return engine


def _on_sqlite_connect(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN (see _on_sqlite_begin)
    for pragma in SQLITE_PRAGMAS:
        dbapi_connection.execute(f"PRAGMA {pragma}")


def _on_sqlite_begin(connection) -> None:
    if connection.get_execution_options().get(READ_ONLY, False):
        connection.exec_driver_sql("BEGIN")
    else:  # the write lock, waited for with a message (store/busy.py)
        busy_wait(connection.engine).begin_immediate(connection.connection.driver_connection)


def _read_revision(db: Database) -> str | None:
    """The schema revision; None for an empty database. Reads the schema, so a damaged
    sqlite_master shows here (DatabaseCorrupt)."""
    try:
        with db.session(read_only=True) as session:
            connection = session.connection()
            revision = current_revision(connection)
            tables = set(inspect(connection).get_table_names()) - {VERSION_TABLE}
    except (DBAPIError, sqlite3.Error) as exc:
        raise _failure(db, exc, f"无法打开数据库 {db}") from exc
    if revision is None and tables:
        raise DatabaseError(
            f"该数据库（{db}）不是互助保障柜台程序的数据库，程序没有改动它。",
            "请选择本程序的数据库文件，或选择一个新的文件位置。",
        )
    return revision


def _check_known(revision: str | None) -> None:
    from .migrate import is_known_revision  # imports alembic: only when not at the head

    if revision is not None and not is_known_revision(revision):
        raise DatabaseError(
            f"该数据库由更新版本的程序创建（结构版本 {revision}），本程序无法使用它。",
            "请安装最新版本的互助保障柜台程序后再打开；请不要用旧版本修改该数据库。",
        )


def _upgrade(db: Database, revision: str | None) -> None:
    from .migrate import upgrade_to_head

    backup = None
    if revision is not None and db.path is not None and db.backup_dir is not None:
        try:
            backup = take_backup(db.path, db.backup_dir, reason=PRE_MIGRATION)
        except DatabaseError as exc:
            raise DatabaseError(
                f"升级数据库前的备份没有成功，因此没有升级，数据未改动。{exc.message}",
                exc.hint or f"请检查备份文件夹 {db.backup_dir} 是否可写、磁盘空间是否足够，然后重新打开程序。",
            ) from exc
        except (sqlite3.Error, OSError) as exc:
            raise DatabaseError(
                f"升级数据库前的备份没有成功（{exc}），因此没有升级，数据未改动。",
                f"请检查备份文件夹 {db.backup_dir} 是否可写、磁盘空间是否足够，然后重新打开程序。",
            ) from exc
    try:
        upgrade_to_head(db.engine)
    except (DBAPIError, sqlite3.Error) as exc:
        log.exception("migration from %s failed", revision)
        kept = f"升级前的备份保存在 {backup}。" if backup else ""
        raise _failure(db, exc, "数据库升级失败，已撤销，数据未改动", kept) from exc
    log.info("database migrated from %s to %s", revision, SCHEMA_HEAD)


def _daily_backup(db: Database, today: date | None) -> None:
    """The day's backup (store/daily_backup.py); a failure is a warning, not a refusal to open:
    the note it leaves is reported at every open until a good backup exists."""
    if db.path is None or db.backup_dir is None:  # not a file: nothing to copy
        return
    try:
        daily_backup_if_due(db.path, db.backup_dir, today)
    except DatabaseError as exc:
        log.error("daily backup failed: %s", exc.message)
        db.warnings.append(f"今天的自动备份没有成功。{exc.message} {exc.hint}".strip())
    except (sqlite3.Error, OSError) as exc:  # pruning, or a fault of the backup code itself
        log.exception("daily backup failed")
        db.warnings.append(
            f"今天的自动备份没有完成（{exc}）。请检查备份文件夹 {db.backup_dir} 是否可写、"
            "磁盘空间是否足够，并尽快手动备份。"
        )


def _failure(db: Database, exc: Exception, failed: str, hint: str = "") -> DatabaseError:
    """A DatabaseError (DatabaseCorrupt if the file is damaged) for an error of the driver;
    `failed` says what could not be done."""
    error = getattr(exc, "orig", None) or exc
    name = getattr(error, "sqlite_errorname", "")
    text = str(error)
    if not db.is_sqlite:
        return DatabaseError(f"{failed}：{text}", hint + "请检查网络和数据库服务器是否正常，或联系管理员。")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text:
        return _corrupt(db.path, db.backup_dir)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return DatabaseError(
            f"{failed}：数据库正被另一个窗口或程序使用。", hint + "请等对方完成（例如导入或备份）后再试。"
        )
    return DatabaseError(
        f"{failed}：{text}",
        hint + "请检查文件是否有读写权限、磁盘空间是否足够；如仍不行，请联系技术支持人员。",
    )


def _corrupt(path: Path | None, backup_dir: Path | None) -> DatabaseCorrupt:
    latest = latest_good_backup(backup_dir, stem=path.stem) if backup_dir and path else None
    if latest:
        hint = (
            f"请用最近一次完好的备份 {latest.name} 恢复数据库；该备份之后录入的业务需要重新录入。"
            "损坏的文件请保留，不要删除。"
        )
    else:
        hint = "没有找到完好的备份。请保留该文件，不要删除，并联系技术支持人员。"
    return DatabaseCorrupt(f"数据库文件已损坏，无法使用：{path}", hint, latest)
