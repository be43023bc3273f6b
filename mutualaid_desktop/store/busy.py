"""A database another process is writing to, and a full disk: told to the user, never raw.

Busy ("database is locked"): SQLite lets one writer at a time. Another counter (or the command
line) may hold the write lock for a long while, e.g. importing a roster of a million rows. A
writing transaction here takes the write lock at BEGIN (BEGIN IMMEDIATE, see store/database.py);
`BusyWait.begin_immediate` tries with a short `busy_timeout`, and while the lock is taken it tells
its `on_wait` callback once (True: "waiting"; the command line prints BUSY_WAITING, the window
shows it in its status bar) and tries again until `total_seconds` have passed; then it raises
DatabaseBusy, which says that another counter is busy and to try again in a moment. Either way
`on_wait(False)` follows the first `on_wait(True)`. Each Database has its BusyWait as `db.busy`
(`db.busy.total_seconds`, `db.busy.on_wait`); the callback is called on the thread that writes.

`translate_driver_error` turns what the driver says about a full disk or a lock met elsewhere than
at BEGIN into DatabaseFull / DatabaseBusy (hooked into SQLAlchemy's handle_error event): the
transaction is rolled back, the data are as they were, and the message says what to do.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import sqlite3
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import DatabaseBusy, DatabaseFull

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000  # the connection's busy_timeout outside BEGIN (store/database.SQLITE_PRAGMAS)
FIRST_TRY_MS = 1_000  # a lock held for less than this is waited for without a word
NEXT_TRY_MS = 500
DEFAULT_TOTAL_SECONDS = 60.0
ALMOST_FULL = 1 << 20  # bytes free below which an I/O error of SQLite is taken for a full disk
WAIT_ENV = "MUTUALAID_BUSY_WAIT"  # a counter (or a test) may wait longer or shorter

BUSY_WAITING = "数据库正被另一个柜台或程序使用，正在等待……"
BUSY_MESSAGE = "数据库正被另一个柜台或程序使用（例如正在导入名册或备份），等了 {seconds} 秒仍未轮到本次操作。"
BUSY_HINT = "本次操作没有保存，数据没有改动。请稍等片刻后再试一次；如果一直如此，请确认没有其他柜台在进行长时间的导入。"
FULL_MESSAGE = "磁盘空间已满，本次操作没有保存，数据没有改动。"
FULL_HINT = "请清理数据库所在磁盘{where}的空间（例如删除不需要的文件，把旧的备份复制到U盘后从本机删除），然后再试。"

# Called with True when a write starts waiting for the lock, False when the wait is over: the
# default of every BusyWait made afterwards (the command line sets it once, before opening).
default_on_wait: Callable[[bool], None] | None = None


def _configured_seconds() -> float:
    """The total wait: MUTUALAID_BUSY_WAIT (seconds) when set to a number, else 60."""
    try:
        value = float(os.environ.get(WAIT_ENV, ""))
    except ValueError:
        return DEFAULT_TOTAL_SECONDS
    return value if 0 < value < 24 * 3600 else DEFAULT_TOTAL_SECONDS


class BusyWait:
    """How a writing transaction of one database waits for the write lock."""

    def __init__(self, total_seconds: float | None = None) -> None:
        self.total_seconds = total_seconds if total_seconds is not None else _configured_seconds()
        self.on_wait: Callable[[bool], None] | None = default_on_wait

    def begin_immediate(self, connection: sqlite3.Connection) -> None:
        """BEGIN IMMEDIATE on the driver's connection, waiting as described above."""
        started = time.monotonic()
        waited = False
        try:
            timeout = min(FIRST_TRY_MS, self.total_seconds * 500)
            while True:
                connection.execute(f"PRAGMA busy_timeout={int(timeout)}")
                try:
                    connection.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as exc:
                    if not is_busy(exc):
                        raise
                if not waited:
                    waited = True
                    log.info("write lock held by another connection: waiting up to %.0f s", self.total_seconds)
                    self._tell(True)
                left = self.total_seconds - (time.monotonic() - started)
                if left <= 0:
                    log.warning("write lock not free after %.0f s: giving up", self.total_seconds)
                    raise busy_error(self.total_seconds)
                timeout = max(1, min(NEXT_TRY_MS, left * 1000))
        finally:
            with contextlib.suppress(sqlite3.Error):
                connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            if waited:
                self._tell(False)

    def _tell(self, waiting: bool) -> None:
        if self.on_wait is None:
            return
        try:
            self.on_wait(waiting)
        except Exception:  # the message is a courtesy: it never stops the write
            log.exception("busy-wait callback failed")


_waits: weakref.WeakKeyDictionary[Any, BusyWait] = weakref.WeakKeyDictionary()


def busy_wait(engine: Any) -> BusyWait:
    """The BusyWait of the database behind `engine`. Kept per dialect object: one per engine,
    shared by its variants with other execution options, and kept when the engine is disposed
    (which makes a new connection pool)."""
    key = engine.dialect
    found = _waits.get(key)
    if found is None:
        found = _waits[key] = BusyWait()
    return found


# --- what the driver says, told to the user -----------------------------------------------------


def is_busy(error: BaseException) -> bool:
    name = getattr(error, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in str(error)


def is_full(error: BaseException, folder: str | Path | None = None) -> bool:
    """A full disk: SQLite's SQLITE_FULL or the system's ENOSPC; or, given the database's
    `folder`, an I/O error of SQLite while that disk has (almost) no room left (SQLite cannot make
    its shared-memory file then and says "disk I/O error", SQLITE_IOERR_SHMSIZE)."""
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    name = getattr(error, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_FULL") or "database or disk is full" in str(error):
        return True
    if folder is not None and (name.startswith("SQLITE_IOERR") or "disk I/O error" in str(error)):
        try:
            return shutil.disk_usage(folder).free < ALMOST_FULL
        except OSError:
            return False
    return False


def full_error(database_file: str | Path | None = None) -> DatabaseFull:
    where = f"（{Path(database_file).parent}）" if database_file else ""
    return DatabaseFull(FULL_MESSAGE, FULL_HINT.format(where=where))


def busy_error(seconds: float | None = None) -> DatabaseBusy:
    return DatabaseBusy(
        BUSY_MESSAGE.format(seconds=round(seconds if seconds is not None else DEFAULT_TOTAL_SECONDS)), BUSY_HINT
    )


def translate_driver_error(context: Any) -> BaseException | None:
    """SQLAlchemy's handle_error hook: a full disk or a lock as DatabaseFull / DatabaseBusy (the
    driver's own error is logged, and kept as the new one's cause)."""
    error = getattr(context, "original_exception", None)
    if error is None:
        return None
    engine = getattr(context, "engine", None)
    database = engine.url.database if engine is not None else None
    folder = Path(database).parent if database and database != ":memory:" else None
    if is_full(error, folder):
        log.error("the disk is full: %s", error)
        replacement: BaseException = full_error(database)
    elif is_busy(error):
        log.warning("database busy outside BEGIN: %s", error)
        replacement = busy_error()
    else:
        return None
    replacement.__cause__ = error
    return replacement
