"""Leftovers of an interrupted run (a killed backup, restore or counter), cleaned at the next open.

Every file this program writes goes to a temporary name beside its target first
(`safe_files.temporary_name`: `<name>.<pid>-<8 hex>.part`); SQLite may add `-journal`, `-wal`
or `-shm` to such a name while it writes a copy. Such a file is a leftover as soon as the process
named in it is no longer running; a running writer's file is never touched, however old (a big
restore may take long; a process id reused by another program only delays the cleaning). Older versions of the program left `<backup>.partial` and
`<database>.restoring` files, which nothing writes any more.

Only files of this database are touched: beside the database, names that start with the
database's file name; in the backup folder, names that start with `<stem>-`.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

log = logging.getLogger(__name__)

_PART = re.compile(r"\.(?P<pid>\d+)-[0-9a-f]{8}\.part(?:-journal|-wal|-shm)?$")
_CLAIM = re.compile(r"\.daily-claim\.(?P<pid>\d+)-(?:draft|taken)$")  # store/daily_backup.py
_OLD = re.compile(r"\.(?:partial|restoring)(?:-journal|-wal|-shm)?$")


def process_running(pid: int) -> bool:
    """Whether a process with this id runs on this machine (True when it cannot be told)."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_leftover(path: Path) -> bool:
    """Whether `path` is a temporary file that no running writer will finish."""
    name = path.name
    if _OLD.search(name):
        return True
    match = _PART.search(name) or _CLAIM.search(name)
    if not match:
        return False
    return not process_running(int(match["pid"]))


def clean_leftovers(db_path: Path, backup_dir: Path | None) -> list[Path]:
    """Remove the leftovers of this database (beside it and in its backup folder); returns them.
    Never raises: what cannot be removed now is removed at a later open."""
    db_path = Path(db_path)
    places = [(db_path.parent, db_path.name + ".")]
    if backup_dir is not None:
        places.append((Path(backup_dir), db_path.stem + "-"))
        places.append((Path(backup_dir), db_path.stem + ".daily-claim."))
    removed: list[Path] = []
    for folder, prefix in places:
        try:
            names = [entry for entry in os.scandir(folder) if entry.name.startswith(prefix)]
        except OSError:
            continue
        for entry in names:
            path = Path(entry.path)
            try:
                if entry.is_file(follow_symlinks=False) and is_leftover(path):
                    path.unlink()
                    removed.append(path)
            except OSError as exc:
                log.warning("cannot remove the leftover %s: %s", path, exc)
    if removed:
        log.info("removed %d leftovers of an interrupted run: %s", len(removed), [p.name for p in removed])
    return removed
