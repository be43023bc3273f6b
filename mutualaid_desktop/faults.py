"""Faults of the program (not of the user's input): recorded in a log file, never shown as a traceback.

The user is told in one Chinese sentence that the program went wrong and where the log is; the
details (the traceback, in English) go to `mutualaid.log` in a `logs` folder beside the database,
or, when that cannot be written, in the user's data folder. The log is the owner's only (0600)
and never holds an ID number: 18-digit numbers are masked as they are written, and SQLAlchemy is
told not to put the values of a statement into its errors (store/database.py).

Also here: what to tell the user about an error of the system met on the way (a file that
cannot be written, a full disk), for the command line (`describe_os_error`).

Any layer may use this module; it imports nothing of the project at import time.
"""

from __future__ import annotations

import datetime
import errno
import logging
import os
import re
import traceback
from pathlib import Path

LOG_FOLDER = "logs"
LOG_NAME = "mutualaid.log"

_ID_NUMBER = re.compile(r"(?<![0-9])([0-9]{6})[0-9]{8}([0-9]{3}[0-9Xx])(?![0-9])")


def mask_numbers(text: str) -> str:
    """Every 18-character ID number in `text` masked as 611002********123X."""
    return _ID_NUMBER.sub(lambda m: m.group(1) + "*" * 8 + m.group(2), text)


def _local_folder(location: str | os.PathLike[str] | None) -> Path | None:
    if location is None:
        return None
    text = str(location)
    if "://" in text:  # a server's URL: no folder of ours beside it
        return None
    return Path(text).expanduser().resolve().parent


def log_candidates(location: str | os.PathLike[str] | None) -> list[Path]:
    """Where the log may go, best first: beside the database, then the user's data folder."""
    from mutualaid_desktop.paths import user_data_dir

    places = []
    folder = _local_folder(location)
    if folder is not None:
        places.append(folder / LOG_FOLDER / LOG_NAME)
    fallback = user_data_dir() / LOG_FOLDER / LOG_NAME
    if fallback not in places:
        places.append(fallback)
    return places


def _append(path: Path, text: str) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as file:
        file.write(text)


def record_fault(error: BaseException, *, location=None, context: str = "") -> Path | None:
    """Append `error` with its traceback to the log; the log's path, or None when no log could be
    written (a full disk, a read-only folder)."""
    stamp = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    text = mask_numbers(f"--- {stamp} pid {os.getpid()} {context}\n{details}\n")
    for path in log_candidates(location):
        try:
            _append(path, text)
        except OSError:
            continue
        return path
    return None


class _MaskingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask_numbers(super().format(record))


class FaultLogHandler(logging.Handler):
    """A logging handler that writes ERROR records (with their tracebacks) to the fault log."""

    def __init__(self, location=None, level: int = logging.ERROR) -> None:
        super().__init__(level)
        self.location = location
        self.setFormatter(_MaskingFormatter("--- %(asctime)s %(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record) + "\n"
            for path in log_candidates(self.location):
                try:
                    _append(path, text)
                    return
                except OSError:
                    continue
        except Exception:  # logging must never raise
            self.handleError(record)


def fault_message(log_path: Path | None) -> str:
    """The one sentence the user reads about a fault of the program."""
    where = (
        f"详细情况已记入日志文件 {log_path}，请把该文件交给技术支持人员。"
        if log_path is not None
        else "详细情况没能写入日志（磁盘可能已满或不可写）。"
    )
    return f"程序内部出错（不是您的操作造成的），本次操作没有完成。{where}"


def describe_os_error(error: BaseException) -> str | None:
    """What to tell the user about an error of the system (a file, the disk), or None."""
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        where = f"（{error.filename}）" if error.filename else ""
        return f"磁盘空间已满{where}，本次操作没有完成，已有的数据和文件没有改动。请清理磁盘空间后再试。"
    if isinstance(error, OSError) and error.filename:
        name = error.filename
        if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return (
                f"没有权限读写 {name}（{error.strerror or error}）。请换一个有写入权限的位置，"
                "或检查该文件是否被其他程序占用、U盘是否写保护。"
            )
        if isinstance(error, FileNotFoundError) or error.errno == errno.ENOENT:
            return f"找不到 {name}。请检查路径是否正确、文件夹是否存在。"
        if isinstance(error, IsADirectoryError):
            return f"{name} 是一个文件夹，请给出文件名。"
        return f"无法读写 {name}（{error.strerror or error}）。请检查该位置是否可用后再试。"
    return None
