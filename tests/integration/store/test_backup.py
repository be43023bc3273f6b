"""Backups: daily at open, pruning, listing, restoring."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import text

from mutualaid_desktop.store.backup import (
    latest_good_backup,
    list_backups,
    prune_backups,
    take_backup,
)
from mutualaid_desktop.store.database import DatabaseError, open_database
from mutualaid_desktop.store.restore import restore_backup

from .conftest import DAY, add_people, member_names, smash


def test_daily_backup_is_taken_at_the_first_open_of_each_day(db_path):
    open_database(db_path, today=DAY).dispose()  # a new database: nothing to back up
    backup_dir = db_path.parent / "backups"
    assert list_backups(backup_dir) == []
    open_database(db_path, today=DAY).dispose()
    open_database(db_path, today=DAY).dispose()
    assert [(b.taken_at.date(), b.reason) for b in list_backups(backup_dir)] == [(DAY, "daily")]
    open_database(db_path, today=DAY + timedelta(days=1)).dispose()
    assert [b.taken_at.date() for b in list_backups(backup_dir)] == [DAY + timedelta(days=1), DAY]
    open_database(db_path, today=DAY + timedelta(days=2), daily_backup=False).dispose()
    assert len(list_backups(backup_dir)) == 2


def test_backup_names_and_listing(db, tmp_path):
    backup_dir = tmp_path / "elsewhere"
    path = take_backup(db.path, backup_dir, reason="manual", now=datetime(2026, 11, 29, 14, 30))
    assert path.name == "mutualaid-20261129-143000-manual.sqlite3"
    (backup_dir / "mutualaid-20261129-150000-manual.sqlite3.partial").write_bytes(b"half")
    (backup_dir / "notes.txt").write_text("x")
    other = take_backup(db.path, backup_dir, reason="pre-migration", now=datetime(2026, 11, 30, 8, 0))
    assert [(b.path, b.taken_at, b.reason) for b in list_backups(backup_dir)] == [
        (other, datetime(2026, 11, 30, 8, 0), "pre-migration"),
        (path, datetime(2026, 11, 29, 14, 30), "manual"),
    ]
    assert list_backups(backup_dir, stem="another") == []
    with pytest.raises(ValueError):
        take_backup(db.path, backup_dir, reason="../../x")


def test_pruning_keeps_30_days_12_months_and_10_pre_migration(tmp_path):
    today = date(2026, 11, 29)
    names = set()

    def fake(day: date, time: str, reason: str) -> None:
        name = f"mutualaid-{day:%Y%m%d}-{time}-{reason}.sqlite3"
        (tmp_path / name).write_bytes(b"")
        names.add(name)

    for back in range(400):  # a daily backup every morning since 2025-10-26
        fake(today - timedelta(days=back), "080000", "daily")
    fake(date(2026, 11, 20), "170000", "manual")  # newest of its day: replaces that daily
    fake(date(2026, 5, 10), "170000", "manual")  # not the newest of May: goes
    for month in range(1, 16):  # 15 pre-migration backups
        fake(date(2025 + (month - 1) // 12, (month - 1) % 12 + 1, 15), "120000", "pre-migration")
    fake(date(2027, 1, 1), "080000", "daily")  # dated after today (a wrong clock): kept
    (tmp_path / "notes.txt").write_text("not a backup")

    prune_backups(tmp_path, today)

    last_30_days = {f"mutualaid-{today - timedelta(days=back):%Y%m%d}-080000-daily.sqlite3" for back in range(30)} - {
        "mutualaid-20261120-080000-daily.sqlite3"
    } | {"mutualaid-20261120-170000-manual.sqlite3"}
    month_ends = {  # Nov and Oct 2026 are among the 30 days already
        f"mutualaid-{day}-080000-daily.sqlite3"
        for day in (
            "20260930",
            "20260831",
            "20260731",
            "20260630",
            "20260531",
            "20260430",
            "20260331",
            "20260228",
            "20260131",
            "20251231",
        )
    }
    pre_migration = {
        f"mutualaid-{year}{month:02d}15-120000-pre-migration.sqlite3"
        for year, month in [(2026, m) for m in range(1, 4)] + [(2025, m) for m in range(6, 13)]
    }
    future = {"mutualaid-20270101-080000-daily.sqlite3"}
    remaining = {path.name for path in tmp_path.iterdir()}
    assert remaining == last_30_days | month_ends | pre_migration | future | {"notes.txt"}
    assert len(remaining) == 30 + 10 + 10 + 1 + 1

    prune_backups(tmp_path, today)  # nothing more to delete
    assert {path.name for path in tmp_path.iterdir()} == remaining


def test_restore_brings_back_the_data_and_keeps_a_pre_restore_backup(db, db_path):
    with db.session() as session:
        add_people(session, 2)
        session.commit()
    good = take_backup(db.path, db.backup_dir, reason="manual")
    with db.session() as session:
        session.execute(text("DELETE FROM members"))
        session.commit()
    assert member_names(db) == []
    db.dispose()

    safety = restore_backup(good, db.path).pre_restore

    assert safety is not None and safety.name.endswith("-pre-restore.sqlite3")
    reopened = open_database(db_path, daily_backup=False)
    try:
        assert member_names(reopened) == ["会员0", "会员1"]
    finally:
        reopened.dispose()
    assert not list(db.path.parent.glob("*.restoring"))


@pytest.mark.parametrize("damage", ["header", "middle"])
def test_restore_of_a_damaged_backup_is_refused_and_changes_nothing(db, damage):
    with db.session() as session:
        add_people(session, 2000, note="病历" * 100)
        session.commit()
    backup = take_backup(db.path, db.backup_dir, reason="manual")
    size = backup.stat().st_size
    smash(backup, 0 if damage == "header" else size // 2, 16 if damage == "header" else 8192)
    db.dispose()
    before = hashlib.sha256(db.path.read_bytes()).hexdigest()

    with pytest.raises(DatabaseError) as caught:
        restore_backup(backup, db.path)

    assert "未做恢复" in caught.value.message and caught.value.hint
    assert hashlib.sha256(db.path.read_bytes()).hexdigest() == before
    assert [b.reason for b in list_backups(db.backup_dir)] == ["manual"]  # no pre-restore taken
    assert not list(db.path.parent.glob("*.restoring*"))
    assert latest_good_backup(db.backup_dir) is None


def test_a_backup_of_a_damaged_database_is_a_problem_not_a_backup(db, db_path):
    from mutualaid_desktop.store.backup import BackupFailed, backup_problem

    with db.session() as session:
        add_people(session, 3000, note="住院记录" * 60)
        session.commit()
    db.dispose()
    size = db_path.stat().st_size
    smash(db_path, size // 2 // 4096 * 4096, 3 * 4096)  # pages of the members table

    with pytest.raises(BackupFailed) as caught:
        take_backup(db_path, db_path.parent / "backups", reason="manual")
    assert "完整性检查" in caught.value.message and str(db_path) in caught.value.message
    assert list_backups(db_path.parent / "backups") == []
    assert not [p for p in (db_path.parent / "backups").iterdir()]  # no copy under any name

    # the day's backup at open fails the same way: the open goes on, and says so until a good backup
    damaged = open_database(db_path, today=DAY + timedelta(days=1))
    try:
        assert damaged.warnings and "今天的自动备份没有成功" in damaged.warnings[0]
    finally:
        damaged.dispose()
    again = open_database(db_path, today=DAY + timedelta(days=1), daily_backup=False)
    try:
        assert again.warnings == [backup_problem(db_path)] and "备份没有成功" in again.warnings[0]
    finally:
        again.dispose()


def test_a_good_backup_clears_the_note_of_a_failed_one(db, db_path):
    from mutualaid_desktop.store.backup import backup_problem, record_problem

    record_problem(db_path, "备份没有完成：磁盘已满。")
    assert "磁盘已满" in backup_problem(db_path)
    take_backup(db.path, db.backup_dir, reason="manual")
    assert backup_problem(db_path) is None


def test_leftovers_of_a_killed_run_are_removed_at_the_next_open(db, db_path):
    import subprocess
    import sys

    from mutualaid_desktop.safe_files import temporary_name

    db.dispose()
    backups = db_path.parent / "backups"
    backups.mkdir(exist_ok=True)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a process that has ended: its temporary files are leftovers
    dead = gone.pid
    leftovers = [
        db_path.with_name(db_path.name + ".restoring"),  # older versions
        db_path.with_name(db_path.name + ".restoring-journal"),
        backups / "mutualaid-20260301-080000-daily.sqlite3.partial",
        db_path.with_name(f"{db_path.name}.restoring.{dead}-0a1b2c3d.part"),
        db_path.with_name(f"{db_path.name}.restoring.{dead}-0a1b2c3d.part-journal"),
        db_path.with_name(f"{db_path.name}.serials.{dead}-0a1b2c3d.part"),
        backups / f"mutualaid-20260302-080000-daily.sqlite3.{dead}-99aa88bb.part",
        backups / f"mutualaid.daily-claim.{dead}-draft",
    ]
    running = [  # a writer at work (this process), and files of other databases
        temporary_name(backups / "mutualaid-20260302-090000-manual.sqlite3"),
        db_path.with_name(f"other.sqlite3.restoring.{dead}-0a1b2c3d.part"),
        backups / f"other-20260302-080000-daily.sqlite3.{dead}-99aa88bb.part",
    ]
    for path in leftovers + running:
        path.write_bytes(b"half")

    open_database(db_path, daily_backup=False).dispose()

    assert [path for path in leftovers if path.exists()] == []
    assert all(path.exists() for path in running)
