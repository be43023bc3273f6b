"""Writes by another process are noticed as Changes.everything(); the own ones once seen are not."""

from __future__ import annotations

import sqlite3

from mutualaid_desktop.services.admin.hospitals import add_hospital
from mutualaid_desktop.services.changes import Changes
from mutualaid_desktop.services.other_writers import OtherWriters

from .payments_data import make_counter


def test_another_connection_s_commit_is_reported_once_and_own_writes_after_seen_now_are_not(db):
    counter = make_counter(db, members=1)
    others = OtherWriters(db)
    assert others.active and others.check() is None
    other = sqlite3.connect(db.path)  # as the command line would, in its own process
    other.execute("UPDATE org_units SET name = '商州区第一中学工会（新）' WHERE code = ?", (counter.unit_code,))
    other.commit()
    other.close()
    report = others.check()
    assert report == Changes.everything() and report.external and report.origin == db.url
    assert others.check() is None  # reported once
    add_hospital(db, counter.supervisor, name="商洛市中心医院", grade=3)  # this process, another pooled connection
    others.seen_now()  # its own report has been handled
    assert others.check() is None
    others.close()
    assert others.check() is None
