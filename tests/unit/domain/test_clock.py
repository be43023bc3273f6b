"""domain/clock: the program's today and now, set by tests, never the machine's date in a test."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import pytest

from mutualaid_desktop.domain import clock


def test_unset_it_is_the_machines_clock():
    before = datetime.now()
    moment = clock.now()
    after = datetime.now()
    assert before <= moment <= after
    assert clock.today() in {before.date(), after.date()}


def test_set_to_a_day_it_says_that_day_and_time_moves_on_from_the_morning(clock):
    clock.set(date(2026, 12, 31))
    assert clock.today() == date(2026, 12, 31)
    first, second = clock.now(), clock.now()
    assert first.date() == date(2026, 12, 31) and first <= second  # timestamps keep their order
    assert first.hour == 9


def test_set_to_a_moment_and_utc_follows_it(clock):
    clock.set(datetime(2027, 1, 1, 9, 0, 0))
    before = clock.now()
    utc = clock.utcnow()
    after = clock.now()
    assert utc.tzinfo is None  # what the database stores: naive UTC
    assert before.astimezone(UTC) <= utc.replace(tzinfo=UTC) <= after.astimezone(UTC)


def test_the_fixture_puts_the_machines_clock_back(clock):
    clock.set(date(1999, 12, 31))
    clock.reset()
    assert abs(clock.now() - datetime.now()) < timedelta(minutes=1)


def test_a_block_with_a_day_and_back(clock):
    with clock.fixed(date(2027, 1, 1)):
        assert clock.today() == date(2027, 1, 1)
    assert abs(clock.now() - datetime.now()) < timedelta(minutes=1)


def test_only_days_and_moments():
    with pytest.raises(TypeError), clock.fixed("2027-01-01"):  # type: ignore[arg-type]
        pass


def test_stored_moments_read_in_local_time(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        stored = datetime(2026, 11, 30, 17, 30)  # naive UTC, as the database keeps it
        assert clock.local_time(stored) == datetime(2026, 12, 1, 1, 30)
        assert clock.local_day(stored) == date(2026, 12, 1)
        assert clock.stored_start_of(date(2026, 12, 1)) == datetime(2026, 11, 30, 16, 0)
        assert clock.local_time(None) is None and clock.local_day(None) is None
    finally:
        monkeypatch.undo()
        time.tzset()
