"""Damaged database files: refused at open with the newest good backup, or found by the check."""

from __future__ import annotations

from datetime import datetime

import pytest

from mutualaid_desktop.store.backup import list_backups, take_backup
from mutualaid_desktop.store.database import DatabaseCorrupt, open_database
from mutualaid_desktop.store.integrity import check_database
from mutualaid_desktop.store.restore import restore_backup

from .conftest import DAY, add_people, member_names, smash


def test_damaged_header_is_refused_with_the_newest_good_backup(db, db_path):
    with db.session() as session:
        add_people(session, 3)
        session.commit()
    db.dispose()
    open_database(db_path, today=DAY).dispose()  # the daily backup
    [good] = list_backups(db.backup_dir)
    newer = take_backup(db.path, db.backup_dir, reason="manual", now=datetime(2026, 3, 3, 9, 0))
    smash(newer, 0, 100)  # the newest backup is damaged too
    smash(db_path, 0, 16)

    with pytest.raises(DatabaseCorrupt) as caught:
        open_database(db_path, today=DAY)

    assert caught.value.latest_backup == good.path
    assert good.path.name in caught.value.hint
    restore_backup(caught.value.latest_backup, db_path)
    reopened = open_database(db_path, today=DAY)
    try:
        assert member_names(reopened) == ["会员0", "会员1", "会员2"]
        assert check_database(reopened) == []
    finally:
        reopened.dispose()


def test_damaged_header_without_backups(db_path):
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"PK\x03\x04 this is a zip file, not a database" * 10)
    with pytest.raises(DatabaseCorrupt) as caught:
        open_database(db_path)
    assert caught.value.latest_backup is None
    assert "损坏" in caught.value.message and "技术支持" in caught.value.hint


@pytest.mark.parametrize(
    "start, length",
    [(0, 3 * 4096), (0, 24)],  # whole pages (the check cannot finish) / one page header and its cell pointers
    ids=["pages", "rows"],
)
def test_garbage_in_middle_pages_is_found_by_the_check(db, db_path, start, length):
    with db.session() as session:
        add_people(session, 3000, note="住院记录" * 60)
        session.commit()
    assert check_database(db) == []
    db.dispose()
    size = db_path.stat().st_size
    assert size > 1_000_000
    smash(db_path, size // 2 // 4096 * 4096 + start, length)  # pages of the members table

    damaged = open_database(db_path, daily_backup=False)  # the cheap check at open passes
    try:
        problems = check_database(damaged)
    finally:
        damaged.dispose()
    assert problems and problems[0].startswith("数据库文件结构损坏")
    assert "备份恢复" in problems[-1]


def test_check_reports_dangling_references_and_a_wrong_schema_version(db):
    with db.session() as session:
        add_people(session, 1)
        session.commit()
    raw = db.engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA foreign_keys=OFF")
        raw.driver_connection.execute("UPDATE members SET unit_id = 42")
        raw.driver_connection.execute("UPDATE alembic_version SET version_num = '0001'")
    finally:
        raw.driver_connection.execute("PRAGMA foreign_keys=ON")
        raw.close()
    problems = check_database(db, full=False)
    assert "表 members 第 1 行引用的 org_units 记录不存在。" in problems
    assert any("结构版本是 0001" in problem for problem in problems)
