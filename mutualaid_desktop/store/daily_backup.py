"""The daily backup, taken at the first open of each day by exactly one process.

Several processes may open the database on a new day at the same moment (two windows, the
command line, a second counter). Whether a daily backup is due is decided by a claim: the file
`<backups>/<stem>.daily-claim`, created with O_EXCL, so that exactly one process wins; it holds
the day and the process id. The winner looks again for a backup of the day (another may have
finished one meanwhile), takes the backup, prunes the folder and leaves the claim (the backup of
the day is then there). If its backup fails, it removes the claim (the next open tries again)
and leaves the backup-problem note (store/backup.py), which every open reports until a good
backup exists. A claim whose process is no longer running and whose day has no backup (a
process killed during its backup) is taken over: renamed away (only one process can rename it),
checked, and claimed anew.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import date, datetime
from pathlib import Path

from mutualaid_desktop.domain import clock

from .backup import (
    PRE_MIGRATION,
    list_backups,
    prune_backups,
    record_problem,
    take_backup,
)
from .errors import DatabaseError
from .leftovers import process_running

log = logging.getLogger(__name__)

CLAIM_SUFFIX = ".daily-claim"


def claim_path(db_path: Path, backup_dir: Path) -> Path:
    return Path(backup_dir) / f"{Path(db_path).stem}{CLAIM_SUFFIX}"


def backed_up_on(db_path: Path, backup_dir: Path, day: date) -> bool:
    """Whether a backup other than a pre-migration one is dated `day`."""
    return any(
        info.taken_at.date() == day and info.reason != PRE_MIGRATION
        for info in list_backups(backup_dir, stem=Path(db_path).stem)
    )


def daily_backup_if_due(db_path: Path, backup_dir: Path, today: date | None = None) -> Path | None:
    """Take the "daily" backup unless one of `today` exists or another process is taking it.
    Returns the backup, or None. Raises DatabaseError (BackupFailed) when this process's backup
    failed; the note is then left for every later open."""
    today = today or clock.today()
    if backed_up_on(db_path, backup_dir, today):
        return None
    claim = claim_path(db_path, backup_dir)
    try:
        Path(backup_dir).mkdir(mode=0o700, parents=True, exist_ok=True)
        won = _claim(claim, today)
    except OSError as exc:
        won = True  # cannot even write the folder: the backup will say so
        log.warning("daily backup claim %s: %s", claim, exc)
    if not won or backed_up_on(db_path, backup_dir, today):
        return None
    now = datetime.combine(today, clock.now().time().replace(microsecond=0))
    try:
        path = take_backup(db_path, backup_dir, reason="daily", now=now)
    except DatabaseError as exc:
        _release(claim)
        record_problem(db_path, f"{exc.message} {exc.hint}".strip())
        raise
    try:
        prune_backups(backup_dir, today, stem=Path(db_path).stem)
    except OSError as exc:  # the backup is good; old ones are pruned at a later open
        log.warning("pruning %s failed: %s", backup_dir, exc)
    return path


def _claim(claim: Path, day: date) -> bool:
    """True when this process now holds the claim for `day`."""
    if _create(claim, day):
        return True
    held = _read(claim)
    if held is not None and held.get("day") == day.isoformat() and process_running(int(held.get("pid", 0))):
        return False  # another process is at it (or has done it: the caller looks again)
    # another day's claim, or one left by a process that is gone: take it over
    stolen = claim.with_name(f"{claim.name}.{os.getpid()}-taken")
    try:
        os.replace(claim, stolen)
    except FileNotFoundError:
        return _create(claim, day)  # someone else took it over first: race for the new one
    taken = _read(stolen)
    stolen.unlink(missing_ok=True)
    if taken is not None and taken.get("day") == day.isoformat() and process_running(int(taken.get("pid", 0))):
        return False  # what was renamed was a fresh claim of a running process: it goes on
    return _create(claim, day)


def _create(claim: Path, day: date) -> bool:
    """Create the claim with its content in one step (a hard link of a written file), so that
    nobody ever reads a claim half written."""
    draft = claim.with_name(f"{claim.name}.{os.getpid()}-draft")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        json.dump({"day": day.isoformat(), "pid": os.getpid()}, file)
    try:
        os.link(draft, claim)
    except FileExistsError:
        return False
    finally:
        draft.unlink(missing_ok=True)
    return True


def _read(claim: Path) -> dict | None:
    try:
        data = json.loads(claim.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}  # half written or garbage: treated as stale


def _release(claim: Path) -> None:
    held = _read(claim)
    if held is not None and held.get("pid") == os.getpid():
        claim.unlink(missing_ok=True)
