"""A database another process is writing to, and a full disk (store/busy.py): a write waits with a
message, then is refused with a clear one; a full disk refuses the write and keeps the data.

The other process is real (tests/lock_holder.py: BEGIN IMMEDIATE in a second process, as another
counter's long roster import would hold it). No test asserts how long anything took."""

from __future__ import annotations

import sqlite3

import pytest

from mutualaid_desktop.services.admin.counter_setup import set_org_name
from mutualaid_desktop.services.admin.units import add_unit
from mutualaid_desktop.services.admin.users import cli_user
from mutualaid_desktop.store.busy import BUSY_TIMEOUT_MS, BusyWait, busy_wait
from mutualaid_desktop.store.database import DatabaseBusy, DatabaseError, DatabaseFull, open_database
from tests.disk import fill_up
from tests.lock_holder import LockHolder


def unit_codes(path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [r[0] for r in connection.execute("SELECT code FROM org_units ORDER BY id")]


@pytest.fixture
def tree(db):
    add_unit(db, cli_user(), code="C", name="商洛市总工会", parent_code=None)
    return db


def test_a_write_waits_with_a_message_then_says_another_counter_is_busy(tree):
    db = tree
    told: list[bool] = []
    db.busy.on_wait = told.append
    db.busy.total_seconds = 2
    with LockHolder(db.path):
        with pytest.raises(DatabaseBusy) as caught:
            add_unit(db, cli_user(), code="C01", name="商州区总工会", parent_code="C")
        assert told == [True, False]  # "waiting" once, then the wait is over
        assert isinstance(caught.value, DatabaseError)
        assert "另一个柜台" in caught.value.message and "导入" in caught.value.message
        assert "再试" in caught.value.hint and "没有改动" in caught.value.hint
        assert unit_codes(db.path) == ["C"]
    # the other counter is done: the same write goes through, the connection is as good as new
    add_unit(db, cli_user(), code="C01", name="商州区总工会", parent_code="C")
    assert unit_codes(db.path) == ["C", "C01"]
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS


def test_a_write_goes_through_after_the_message_when_the_other_counter_lets_go(tree):
    db = tree
    told: list[bool] = []
    db.busy.total_seconds = 600  # far more than it takes: the holder lets go once we are waiting
    with LockHolder(db.path) as holder:

        def waiting(flag: bool) -> None:
            told.append(flag)
            if flag:
                holder.release()  # the other counter finishes while the message is shown

        db.busy.on_wait = waiting
        add_unit(db, cli_user(), code="C01", name="商州区总工会", parent_code="C")
    assert told == [True, False]
    assert unit_codes(db.path) == ["C", "C01"]


def test_no_message_when_nobody_holds_the_lock(tree):
    db = tree
    told: list[bool] = []
    db.busy.on_wait = told.append
    set_org_name(db, "商洛市总工会")  # nobody holds the lock: no message
    assert told == []


def test_reading_never_waits_for_a_writer(tree):
    db = tree
    db.busy.total_seconds = 1
    with LockHolder(db.path):
        from mutualaid_desktop.services.admin.units import list_units

        assert [u.code for u in list_units(db)] == ["C"]  # WAL: a reader is not blocked


def test_each_database_has_its_own_wait_and_the_setting_is_read_from_the_environment(db, tmp_path, monkeypatch):
    assert db.busy is busy_wait(db.engine) and db.busy is busy_wait(db.engine.execution_options(x=1))
    db.busy.total_seconds = 7
    db.engine.dispose()  # a new connection pool: the same setting
    assert busy_wait(db.engine) is db.busy and db.busy.total_seconds == 7
    assert BusyWait().total_seconds == 60
    monkeypatch.setenv("MUTUALAID_BUSY_WAIT", "5")
    assert BusyWait().total_seconds == 5
    monkeypatch.setenv("MUTUALAID_BUSY_WAIT", "soon")
    assert BusyWait().total_seconds == 60
    other = open_database(tmp_path / "other.sqlite3")
    try:
        assert other.busy is not db.busy
    finally:
        other.dispose()


def test_a_full_disk_refuses_the_write_and_keeps_the_data(small_disk):
    disk = small_disk(3072)
    db = open_database(disk / "c.sqlite3")
    try:
        add_unit(db, cli_user(), code="C", name="商洛市总工会", parent_code=None)
        add_unit(db, cli_user(), code="C01", name="商州区总工会", parent_code="C")
        fill_up(disk)
        failed = 0
        for n in range(50):  # until a write no longer fits (the WAL may have room for a few)
            try:
                add_unit(
                    db, cli_user(), code=f"U{n:03d}", name="单位" + "工会" * 60, parent_code="C01", address="地" * 250
                )
            except DatabaseFull as exc:
                failed = n
                assert isinstance(exc, DatabaseError)
                assert "磁盘空间已满" in exc.message and "没有改动" in exc.message and str(disk) in exc.hint
                break
        else:
            pytest.fail("the disk never filled up")
    finally:
        db.dispose()
    with sqlite3.connect(disk / "c.sqlite3") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    codes = unit_codes(disk / "c.sqlite3")
    assert codes[:2] == ["C", "C01"] and f"U{failed:03d}" not in codes  # the earlier rows, not the failed one
    print(f"full disk: {failed} writes fitted before the refusal")
