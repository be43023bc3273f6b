"""LocalDays: the local calendar day of many stored (naive UTC) moments, the same as domain.periods.local_day for
every moment, also in zones with clock changes (a whole hour, a half hour) and across midnight."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta

import pytest

from mutualaid_desktop.domain.periods import local_day
from mutualaid_desktop.services.statistics.figures import LocalDays

# a zone of UTC+5:30 with summer time (+6:30) that changes at local midnight, in the middle of a UTC hour
HALF_HOUR_AT_MIDNIGHT = "XST-5:30XDT-6:30,M3.5.0/0,M10.5.0/0"


@pytest.fixture(params=["Asia/Shanghai", "Europe/Berlin", "Australia/Lord_Howe", HALF_HOUR_AT_MIDNIGHT])
def zone(request):
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield request.param
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def moments(first: datetime, hours: int, step_minutes: int = 7):
    m = first
    while m < first + timedelta(hours=hours):
        yield m
        m += timedelta(minutes=step_minutes, seconds=13, microseconds=1)


@pytest.mark.parametrize(
    "first",
    [
        datetime(2026, 3, 28, 12),  # Europe: spring forward on 29 March
        datetime(2026, 10, 24, 12),  # Europe: back on 25 October; XDT: back at local midnight (17:30 UTC)
        datetime(2026, 4, 4, 6),  # Lord Howe: back half an hour on 5 April (02:00 local = 15:00 UTC)
        datetime(2026, 10, 3, 6),  # Lord Howe: forward half an hour on 4 October
        datetime(2026, 11, 19, 0),  # no change anywhere: the offset looked up once an hour
    ],
)
def test_the_same_day_as_local_day_for_every_moment(zone, first):
    days = LocalDays()
    for m in moments(first, 72):
        assert days(m) == local_day(m), (zone, m)


def test_an_hour_without_a_change_is_looked_up_once(zone):
    days = LocalDays()
    for m in moments(datetime(2026, 11, 19, 0), 24, step_minutes=1):
        days(m)
    assert days.lookups == 24
