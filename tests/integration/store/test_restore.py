"""Restore: serials never given twice, the numbers lost listed as printed, what is refused, the
pre-restore copy (checked, kept 30 days, on a disk with room for it), owner-only files."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import stat
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from mutualaid_desktop.services.enrollment.payments import due_for, record_payment
from mutualaid_desktop.services.papers.printed_papers import issue_paper
from mutualaid_desktop.services.payouts.payouts import create_batch
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.store.audit import verify_audit_chain
from mutualaid_desktop.store.backup import list_backups, prune_backups, take_backup
from mutualaid_desktop.store.database import DatabaseError, open_database
from mutualaid_desktop.store.models import AuditRecord, PremiumPayment, Serial
from mutualaid_desktop.store.restore import restore_backup
from mutualaid_desktop.store.serials import marks_path, next_receipt_serial, read_marks
from tests.disk import fill_up
from tests.integration.services.payments_data import make_counter
from tests.integration.services.payouts_data import approved_claims

from .conftest import add_people, member_names, smash

TODAY = date(2026, 11, 29)
SL27 = "SL-ZY-2027"


def pay(db, counter, enrollment_id):
    due = due_for(db, enrollment_ids=[enrollment_id], paid_on=TODAY).total
    return record_payment(
        db,
        counter.clerk,
        enrollment_ids=[enrollment_id],
        payer_unit_code=counter.unit_code,
        amount=due,
        method="cash",
        paid_on=TODAY,
        today=TODAY,
    ).serial


def counters(db) -> dict[str, int]:
    with db.session(read_only=True) as session:
        return {row.key: row.next_value for row in session.scalars(select(Serial))}


@pytest.fixture
def shop(tmp_path):
    location = tmp_path / "counter" / "mutualaid.sqlite3"
    db = open_counter_database(location)
    counter = make_counter(db, members=12)
    yield location, db, counter
    db.dispose()


def test_numbers_given_after_the_backup_are_listed_as_printed_and_never_given_again(shop):
    location, db, counter = shop
    ids = counter.enrollment_ids[SL27]
    kept = [pay(db, counter, ids[0])]
    backup = take_backup(db.path, db.backup_dir, reason="manual")
    receipts = [pay(db, counter, i) for i in ids[1:4]]
    approved_claims(db, counter, amounts=(1500_00,))
    batch = create_batch(db, counter.clerk).batch_number
    reminder = issue_paper(db, counter.clerk, kind="renewal_reminder", serial="XB2027-611002-0001")
    reprint = issue_paper(db, counter.clerk, kind="premium_receipt", serial=kept[0])  # 补打 of a kept receipt

    result = restore_backup(backup, location, username="cli:tester")

    listed = {lost.key: lost for lost in result.lost_serials}
    assert listed["receipt:2026"].numbers == tuple(receipts) == ("SJ2026-000002", "SJ2026-000003", "SJ2026-000004")
    assert listed["receipt:2026"].runs == (("SJ2026-000002", "SJ2026-000004"),)
    assert listed["receipt:2026"].describe() == "缴费收据 3 个：SJ2026-000002 至 SJ2026-000004"
    assert listed[f"payout_batch:{date.today().year}"].numbers == (batch,)
    assert listed[f"payout_batch:{date.today().year}"].label == "给付批次"
    papers = {(p.kind, p.serial, p.copy_number) for p in result.lost_papers}
    assert papers == {("renewal_reminder", reminder.serial, 0), ("premium_receipt", kept[0], reprint.copy_number)}
    # the counters stand where they stood: the next receipt is a new number
    assert counters(db)["receipt:2026"] == 5
    assert pay(db, counter, ids[5]) == "SJ2026-000005"
    with db.session(read_only=True) as session:
        assert list(session.scalars(select(PremiumPayment.receipt_serial).order_by(PremiumPayment.id))) == [
            kept[0],
            "SJ2026-000005",
        ]
        # the restore's audit record keeps the list, and the chain is whole
        record = session.scalars(select(AuditRecord).where(AuditRecord.action == "database.restore")).one()
        after = json.loads(record.after_json)
        assert record.username == "cli:tester"
        assert after["lost_serials"][0]["runs"] == [["SJ2026-000002", "SJ2026-000004"]] or any(
            item["runs"] == [["SJ2026-000002", "SJ2026-000004"]] for item in after["lost_serials"]
        )
        assert after["pre_restore"] == str(result.pre_restore) and after["method"] == "content"
        assert verify_audit_chain(session) == []


def test_claim_numbers_lost_are_listed_as_printed(tmp_path):
    from tests.integration.services.claims.test_claims_intake import save
    from tests.integration.services.intake_data import SL27 as CLAIM_PLAN
    from tests.integration.services.intake_data import make_claims_counter

    location = tmp_path / "mutualaid.sqlite3"
    db = open_counter_database(location)
    try:
        cc = make_claims_counter(db)
        backup = take_backup(db.path, db.backup_dir, reason="manual")
        number = save(db, cc, "zhang", CLAIM_PLAN).claim_number
        result = restore_backup(backup, location)
        assert [(lost.label, lost.numbers) for lost in result.lost_serials] == [("理赔编号", (number,))]
        again = save(db, cc, "zhang", CLAIM_PLAN, invoice_number="61000099999").claim_number
        assert again != number
    finally:
        db.dispose()


def test_high_water_marks_survive_a_restore_over_a_database_too_damaged_to_read(shop):
    location, db, counter = shop
    ids = counter.enrollment_ids[SL27]
    backup = take_backup(db.path, db.backup_dir, reason="manual")
    given = [pay(db, counter, i) for i in ids[:4]]
    assert read_marks(location) == {"receipt:2026": 5}  # written beside the database, before the commit
    db.dispose()
    smash(location, 0, 4096)  # the header and the first page: nothing of it can be read
    for extra in ("-wal", "-shm"):
        (location.parent / (location.name + extra)).unlink(missing_ok=True)
    damaged = location.read_bytes()

    result = restore_backup(backup, location)

    assert result.replaced_damaged and result.method in ("backup-api", "file")
    assert [lost.numbers for lost in result.lost_serials] == [tuple(given)]
    assert result.pre_restore is not None and result.pre_restore.name.endswith("-pre-restore-damaged.sqlite3")
    assert result.pre_restore.read_bytes() == damaged  # the damaged file is kept as it was found
    assert any(str(result.pre_restore) in note for note in result.notes)
    reopened = open_counter_database(location)
    try:
        assert counters(reopened)["receipt:2026"] == 5
        assert pay(reopened, counter, ids[6]) == "SJ2026-000005"
    finally:
        reopened.dispose()


def test_a_rolled_back_number_is_skipped_never_given_twice(db):
    with db.session() as session:
        next_receipt_serial(session, 2026)
        session.commit()
    with db.session() as session:
        next_receipt_serial(session, 2026)
        session.rollback()
    assert read_marks(db.path) == {"receipt:2026": 2}
    with db.session() as session:  # the counter is back at 2; the mark says 2 was given: merged by max
        assert next_receipt_serial(session, 2026) == "SJ2026-000002"
        session.commit()
    assert read_marks(db.path) == {"receipt:2026": 3}


def make_foreign(path, revision: str, *, ours: bool):
    """A SQLite file with an alembic_version table: a copy of ours at `revision`, or another program's."""
    if ours:
        open_database(path).dispose()
    connection = sqlite3.connect(path)
    if not ours:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        connection.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    else:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    connection.commit()
    connection.close()


@pytest.mark.parametrize(
    "revision, ours, says",
    [
        ("3f1a2b9c", False, "不是本程序的数据库备份"),
        ("0003", False, "不是本程序的数据库备份"),  # a known revision number, but not our tables
        ("0099", True, "由更新版本的程序创建（结构版本 0099）"),
    ],
)
def test_a_file_that_is_not_a_backup_of_this_program_is_refused(db, tmp_path, revision, ours, says):
    with db.session() as session:
        add_people(session, 2)
        session.commit()
    foreign = tmp_path / "other.sqlite3"
    make_foreign(foreign, revision, ours=ours)
    db.dispose()
    before = hashlib.sha256(db.path.read_bytes()).hexdigest()

    with pytest.raises(DatabaseError) as caught:
        restore_backup(foreign, db.path)

    assert says in caught.value.message and "未做恢复" in caught.value.message and caught.value.hint
    assert hashlib.sha256(db.path.read_bytes()).hexdigest() == before
    assert list_backups(db.backup_dir) == []  # nothing was copied: the backup was refused first
    reopened = open_database(db.path, daily_backup=False)
    try:
        assert member_names(reopened) == ["会员0", "会员1"]
    finally:
        reopened.dispose()


def test_a_backup_at_an_older_revision_is_migrated_to_the_head_before_it_goes_in(db, tmp_path):
    from .test_migrations import make_database_at_0001

    old = tmp_path / "old" / "mutualaid.sqlite3"
    make_database_at_0001(old, members=3)
    db.dispose()

    result = restore_backup(old, db.path)

    assert result.migrated_from == "0001"
    reopened = open_database(db.path, daily_backup=False)
    try:
        assert member_names(reopened) == ["会员0", "会员1", "会员2"]
        from mutualaid_desktop.store.integrity import check_database

        assert check_database(reopened) == []
    finally:
        reopened.dispose()
    assert old.exists() and sqlite3.connect(old).execute("SELECT version_num FROM alembic_version").fetchone() == (
        "0001",
    )


def test_the_pre_restore_copy_is_checked_kept_30_days_and_not_pruned_by_a_daily_backup(db, tmp_path):
    with db.session() as session:
        add_people(session, 2)
        session.commit()
    good = take_backup(db.path, tmp_path / "elsewhere", reason="manual", now=datetime(2026, 3, 1, 9, 0))
    with db.session() as session:
        session.connection().exec_driver_sql("DELETE FROM members")
        session.commit()
    result = restore_backup(good, db.path, now=datetime(2026, 3, 2, 10, 0))
    pre = result.pre_restore
    assert pre.name == "mutualaid-20260302-100000-pre-restore.sqlite3"
    assert sqlite3.connect(pre).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert sqlite3.connect(pre).execute("SELECT count(*) FROM members").fetchone() == (0,)  # what was replaced

    take_backup(db.path, db.backup_dir, reason="daily", now=datetime(2026, 3, 2, 18, 0))
    prune_backups(db.backup_dir, date(2026, 3, 2))
    assert pre.exists()
    for day in range(1, 31):  # a month of daily backups
        take_backup(db.path, db.backup_dir, reason="daily", now=datetime(2026, 3, 2, 8, 0) + timedelta(days=day))
        prune_backups(db.backup_dir, date(2026, 3, 2) + timedelta(days=day))
        assert pre.exists()
    newer = restore_backup(good, db.path, now=datetime(2026, 4, 3, 10, 0)).pre_restore
    prune_backups(db.backup_dir, date(2026, 4, 3))
    assert newer.exists() and not pre.exists()  # 32 days old, and no longer the newest


def test_files_are_owner_only(tmp_path):
    folder = tmp_path / "new-folder"
    location = folder / "mutualaid.sqlite3"
    db = open_database(location)
    try:
        with db.session() as session:
            next_receipt_serial(session, 2026)
            session.commit()
        backup = take_backup(db.path, db.backup_dir, reason="manual")
    finally:
        db.dispose()
    result = restore_backup(backup, location)
    mode = lambda path: stat.S_IMODE(path.stat().st_mode)  # noqa: E731
    assert mode(folder) == 0o700
    assert mode(location) == 0o600
    assert mode(location.parent / "backups") == 0o700
    assert mode(backup) == 0o600 and mode(result.pre_restore) == 0o600
    assert mode(marks_path(location)) == 0o600
    reopened = open_database(location)  # -wal and -shm take the database's mode
    try:
        with reopened.session() as session:
            next_receipt_serial(session, 2026)
            session.commit()
        assert mode(location.parent / (location.name + "-wal")) == 0o600
    finally:
        reopened.dispose()


def test_with_too_little_disk_for_the_pre_restore_copy_the_restore_is_refused_about_the_disk(small_disk, tmp_path):
    disk = small_disk(3072)
    location = disk / "mutualaid.sqlite3"
    db = open_database(location)
    with db.session() as session:
        add_people(session, 1500, note="病历" * 100)
        session.commit()
    backup = take_backup(db.path, tmp_path / "elsewhere", reason="manual")
    db.dispose()
    size = location.stat().st_size
    fill_up(disk, leave=size // 2)  # room for neither copy
    before = hashlib.sha256(location.read_bytes()).hexdigest()

    with pytest.raises(DatabaseError) as caught:
        restore_backup(backup, location)

    message = caught.value.message
    assert "磁盘空间不足" in message and str(disk) in message and "损坏" not in message
    assert "恢复没有进行" in message and "清理" in caught.value.hint
    assert hashlib.sha256(location.read_bytes()).hexdigest() == before
    assert not [p for p in disk.rglob("*") if ".restoring" in p.name or p.name.endswith(".part")]
    assert not (disk / "backups").exists() or list_backups(disk / "backups") == []


def test_a_backup_restored_where_there_is_no_database_yet(db, tmp_path):
    with db.session() as session:
        add_people(session, 2)
        session.commit()
    backup = take_backup(db.path, tmp_path / "usb", reason="manual")
    new_pc = tmp_path / "new-pc" / "mutualaid.sqlite3"

    result = restore_backup(backup, new_pc)

    assert result.method == "new" and result.pre_restore is None and not result.replaced_damaged
    assert stat.S_IMODE(new_pc.stat().st_mode) == 0o600
    reopened = open_database(new_pc, daily_backup=False)
    try:
        assert member_names(reopened) == ["会员0", "会员1"]
    finally:
        reopened.dispose()


def test_a_number_that_cannot_be_put_on_record_is_not_given(db):
    marks_path(db.path).mkdir()  # the high-water file cannot be written
    with pytest.raises(DatabaseError) as caught, db.session() as session:
        next_receipt_serial(session, 2026)
        session.commit()
    assert "无法记下已发出的编号" in caught.value.message and "没有保存" in caught.value.message
    marks_path(db.path).rmdir()
    assert counters(db) == {}  # nothing was committed
