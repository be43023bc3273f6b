"""Restore while another process has the database open and keeps writing (a second window, the
command line, another counter on the same file): nothing it was told is saved is lost without a
word, and no receipt number is given twice."""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.store.backup import take_backup
from mutualaid_desktop.store.database import DatabaseError
from mutualaid_desktop.store.models import PremiumPayment
from mutualaid_desktop.store.restore import restore_backup
from tests.integration.services.payments_data import make_counter

ROOT = Path(__file__).resolve().parents[3]
SL27 = "SL-ZY-2027"


def run_env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def receipt_serials(location) -> set[str]:
    db = open_counter_database(location)
    try:
        with db.session(read_only=True) as session:
            return set(session.scalars(select(PremiumPayment.receipt_serial)))
    finally:
        db.dispose()


def start_payer(location, counter, marker: Path, after: int) -> subprocess.Popen:
    setup = json.dumps(
        {"clerk": dataclasses.asdict(counter.clerk), "unit": counter.unit_code, "ids": counter.enrollment_ids[SL27]}
    )
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.integration.store.processes",
            "pay",
            str(location),
            setup,
            str(marker),
            str(after),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=run_env(),
        cwd=ROOT,
    )


def test_a_payer_in_another_process_loses_nothing_across_a_restore(tmp_path):
    location = tmp_path / "counter" / "mutualaid.sqlite3"
    db = open_counter_database(location)
    counter = make_counter(db, members=60)
    backup = take_backup(db.path, db.backup_dir, reason="manual")  # before any payment
    db.dispose()
    marker = tmp_path / "restored"

    payer = start_payer(location, counter, marker, after=10)
    lines = []
    while sum(line.startswith("SAVED") for line in lines) < 5:
        line = payer.stdout.readline()
        assert line, payer.stderr.read()
        lines.append(line.strip())
    result = restore_backup(backup, location)  # the payer keeps paying meanwhile
    marker.touch()
    out, err = payer.communicate(timeout=180)
    assert payer.returncode == 0, err
    lines += out.splitlines()

    saved = [line.split()[1] for line in lines if line.startswith("SAVED")]
    after = [line.split()[1] for line in lines[lines.index("MARKER") :] if line.startswith("SAVED")]
    in_db = receipt_serials(location)
    print(f"payments told saved: {len(saved)}, after the restore: {len(after)}, in the database: {len(in_db)}")
    lost = {number for serials in result.lost_serials for number in serials.numbers}
    print(f"lost (listed by the restore): {len(lost)}; restore took {result.seconds:.2f} s")
    assert len(after) == 10
    assert set(after) <= in_db  # written after the restore: in the restored database
    assert len(set(saved)) == len(saved)  # no receipt number given twice
    assert set(saved) == in_db | lost  # every receipt told saved is in the database or listed as lost
    assert not in_db & lost
    assert all(serials.label == "缴费收据" for serials in result.lost_serials)
    assert result.pre_restore is not None and result.pre_restore.is_file() and result.method == "content"

    # a counter that opens the database afterwards gives new numbers, never one on paper already
    marker2 = tmp_path / "at-once"
    marker2.touch()
    second = start_payer(location, counter, marker2, after=3)
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    more = [line.split()[1] for line in out.splitlines() if line.startswith("SAVED")]
    assert len(more) == 3 and not set(more) & set(saved)


def hold_lock(location, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.store.processes", "hold", str(location), str(seconds)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=run_env(),
        cwd=ROOT,
    )
    assert holder.stdout.readline().strip() == "HOLDING", holder.stderr.read()
    return holder


def org_codes(location) -> set[str]:
    connection = sqlite3.connect(location)
    try:
        return {row[0] for row in connection.execute("SELECT code FROM org_units")}
    finally:
        connection.close()


def test_a_restore_waits_for_another_process_s_write_and_then_replaces_it(tmp_path):
    location = tmp_path / "mutualaid.sqlite3"
    db = open_counter_database(location)
    make_counter(db, members=2)
    backup = take_backup(db.path, tmp_path / "saved", reason="manual")
    db.dispose()
    holder = hold_lock(location, 1.5)

    result = restore_backup(backup, location, lock_wait=30)

    out, _ = holder.communicate(timeout=60)  # waits, and closes its pipes
    assert holder.returncode == 0 and "COMMITTED" in out
    assert "HOLD" not in org_codes(location)  # the write committed first, then the restore replaced it
    with sqlite3.connect(result.pre_restore) as copy:  # and the pre-restore copy has it: taken again under the lock
        assert copy.execute("SELECT count(*) FROM org_units WHERE code = 'HOLD'").fetchone() == (1,)


def test_a_restore_that_cannot_get_the_lock_changes_nothing_and_says_why(tmp_path):
    location = tmp_path / "mutualaid.sqlite3"
    db = open_counter_database(location)
    make_counter(db, members=2)
    backup = take_backup(db.path, tmp_path / "saved", reason="manual")
    db.dispose()
    holder = hold_lock(location, 4)
    try:
        with pytest.raises(DatabaseError) as caught:
            restore_backup(backup, location, lock_wait=0.5)
    finally:
        holder.communicate(timeout=60)  # waits, and closes its pipes
    assert "另一个窗口或程序正在写入数据库" in caught.value.message and "没有任何改动" in caught.value.message
    assert "HOLD" in org_codes(location)
    assert list((location.parent / "backups").glob("*-pre-restore.sqlite3")) == []  # the copy of a restore not done
