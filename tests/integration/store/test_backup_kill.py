"""Slow: real processes started together, or killed (SIGKILL) at varied moments of a backup or a
restore. Each test prints the count of every outcome."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from mutualaid_desktop.store.backup import list_backups, take_backup
from mutualaid_desktop.store.database import open_database

from .conftest import add_people

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.slow


def child(*argv: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.integration.store.processes", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )


def names(path: Path) -> tuple[int, str]:
    """The members of the database at `path`: their count and a digest of their names and notes."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("SELECT name, note FROM members ORDER BY id").fetchall()
    finally:
        connection.close()
    return len(rows), str(hash(tuple(rows)))


def integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


def temporary_files(*folders: Path) -> list[Path]:
    found = []
    for folder in folders:
        if folder.is_dir():
            found += [
                p
                for p in folder.iterdir()
                if p.name.endswith((".part", ".part-journal", ".part-wal", ".part-shm", ".partial"))
                or ".restoring" in p.name
            ]
    return found


def kill_at(proc: subprocess.Popen, delay: float) -> str:
    """Wait for START, then kill the process `delay` seconds later (unless it is done by then).
    The process is waited for and its pipes closed (Popen's own exit) whatever happens."""
    with proc:
        assert proc.stdout.readline().strip() == "START", proc.stderr.read()
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    return "finished" if proc.returncode == 0 else "killed"


def test_several_processes_opening_on_a_new_day_take_exactly_one_daily_backup(tmp_path, capsys):
    """24 new days: each time 4 processes open the same database at the same moment. (The four
    processes are started once and given the same moments, one per database, 0.8 s apart.)"""
    trials, processes = 24, 4
    locations = [tmp_path / f"t{trial}" / "mutualaid.sqlite3" for trial in range(trials)]
    open_database(locations[0]).dispose()  # a new database: no daily backup yet
    for location in locations[1:]:
        location.parent.mkdir()
        shutil.copyfile(locations[0], location)
    start_at = f"{time.time() + 4:.3f}"
    opened = [child("open", start_at, "0.8", *map(str, locations)) for _ in range(processes)]
    said = [proc.communicate(timeout=300) for proc in opened]
    assert all(proc.returncode == 0 for proc in opened), [err for _, err in said]
    late = sum(out.count("LATE") for out, _ in said)
    assert late <= trials * processes // 4, f"{late} opens started late: the trials were not simultaneous"
    outcomes: Counter = Counter()
    for location in locations:
        daily = [b for b in list_backups(location.parent / "backups") if b.reason == "daily"]
        outcomes[f"{len(daily)} daily backup(s)"] += 1
        assert len(daily) == 1 and integrity(daily[0].path) == "ok", location
    told = [line for out, _ in said for line in out.splitlines() if line.startswith("WARNINGS")]
    assert len(told) == trials * processes and set(told) == {"WARNINGS []"}  # nobody was told of a failure
    with capsys.disabled():  # the counts show in CI's output
        print(f"\n{trials} days, {processes} processes opening together: {dict(outcomes)}; late opens: {late}")


@pytest.fixture
def big(tmp_path):
    """A database of some megabytes (so that a backup or a restore takes a while)."""
    location = tmp_path / "live" / "mutualaid.sqlite3"
    db = open_database(location)
    with db.session() as session:
        add_people(session, 4000, note="住院记录" * 120)
        session.commit()
    db.dispose()
    return location


def timed(proc: subprocess.Popen) -> float:
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    return float(out.split()[-1])


def test_kill_during_backup_never_leaves_an_incomplete_backup(big, tmp_path, capsys):
    folder = big.parent / "backups"
    duration = max(timed(child("backup", str(big), str(folder))) for _ in range(3))  # for the kill moments
    before = names(big)
    rng = random.Random(20261129)
    outcomes: Counter = Counter()
    trials = 24
    for _trial in range(trials):
        outcome = kill_at(child("backup", str(big), str(folder)), rng.uniform(0, duration * 2))
        left = temporary_files(folder, big.parent)
        outcomes[f"{outcome}, {'with' if left else 'without'} leftovers"] += 1
        for info in list_backups(folder):  # every file with a backup's name is complete and good
            assert integrity(info.path) == "ok", info.path
            assert names(info.path) == before
        db = open_database(big, daily_backup=False)  # the next open: leftovers go
        db.dispose()
        assert temporary_files(folder, big.parent) == []
        assert integrity(big) == "ok" and names(big) == before
    with capsys.disabled():  # the counts show in CI's output
        print(
            f"\nbackup takes {duration:.2f} s; {trials} kills: {dict(outcomes)}; "
            f"backups complete: {len(list_backups(folder))}"
        )


def test_kill_during_restore_leaves_all_the_old_or_all_the_restored_content(big, tmp_path, capsys):
    saved = take_backup(big, tmp_path / "saved", reason="manual")  # 4000 members
    restored = names(saved)
    db = open_database(big, daily_backup=False)
    with db.session() as session:  # the live database moves on: 500 more, 10 fewer, notes changed
        run = session.connection().exec_driver_sql
        run("DELETE FROM members WHERE id <= 10")
        run("UPDATE members SET note = 'changed' WHERE id % 7 = 0")
        run(
            "INSERT INTO members (id_number, name, sex, birth_date, unit_id, note, created_at, id_number_rev) "
            "SELECT '9' || substr(id_number, 2), name || '新', sex, birth_date, unit_id, note, created_at, "
            "id_number_rev FROM members WHERE id <= 510"
        )
        session.commit()
    db.dispose()
    old = names(big)
    assert old != restored
    old_file = take_backup(big, tmp_path / "old", reason="manual")
    duration = max(timed(child("restore", str(saved), str(big))) for _ in range(2))  # for the kill moments
    rng = random.Random(20261130)
    outcomes: Counter = Counter()
    trials = 21
    for _trial in range(trials):
        for extra in ("-wal", "-shm"):  # back to the old content (nobody has the file open now)
            Path(f"{big}{extra}").unlink(missing_ok=True)
        shutil.copyfile(old_file, big)
        assert names(big) == old
        outcome = kill_at(child("restore", str(saved), str(big)), rng.uniform(0, duration * 1.5))
        db = open_database(big, daily_backup=False)  # the next open: leftovers go
        db.dispose()
        assert integrity(big) == "ok"
        content = names(big)
        assert content in (old, restored), "a mix of the old and the restored content"
        outcomes[f"{outcome}: {'restored' if content == restored else 'old'} content"] += 1
        assert temporary_files(big.parent, big.parent / "backups") == []
        for info in list_backups(big.parent / "backups"):
            assert integrity(info.path) == "ok", info.path
    with capsys.disabled():  # the counts show in CI's output
        print(f"\nrestore takes {duration:.2f} s; {trials} kills: {dict(outcomes)}")
