"""The program's clock: what day it is for the business (receipts, plan years, waiting periods, the
renewal season, ages, serial numbers by year) and the time written on records and file names.

Code asks `clock.today()` / `clock.now()` (local time) / `clock.utcnow()` (naive UTC, what the database
stores) instead of the machine's date. Unset, they are the machine's clock. Tests set it
(`tests/conftest.py`'s `clock` fixture, or `with clock.fixed(day):`): a day starts at 09:00, and from the
moment it was set the time moves on with the machine's (monotonic) clock, so that timestamps taken one after
the other keep their order.
"""

from __future__ import annotations

import threading
import time as _time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from typing import overload

OPENING_HOUR = time(9, 0)  # a day set without a time: the counter's morning

_lock = threading.Lock()
_set: tuple[datetime, float] | None = None  # (the local time it was set to, time.monotonic() then)


def now() -> datetime:
    """The local time now (naive), to the microsecond."""
    fixed = _set
    if fixed is None:
        return datetime.now()
    moment, since = fixed
    return moment + timedelta(seconds=_time.monotonic() - since)


def today() -> date:
    """The business day."""
    return now().date()


def utcnow() -> datetime:
    """Now in UTC without a time zone, as the database's timestamps are stored."""
    if _set is None:
        return datetime.now(UTC).replace(tzinfo=None)
    return now().astimezone(UTC).replace(tzinfo=None)


def set(moment: date | datetime) -> None:  # shadows the builtin here only: clock.set(day) reads as meant
    """From now on the clock says `moment` (a day: that day at 09:00), then moves on."""
    global _set
    if isinstance(moment, datetime):
        start = moment.replace(tzinfo=None) if moment.tzinfo is None else moment.astimezone().replace(tzinfo=None)
    elif isinstance(moment, date):
        start = datetime.combine(moment, OPENING_HOUR)
    else:
        raise TypeError(f"the clock is set to a date or a datetime, not {type(moment).__name__}")
    with _lock:
        _set = (start, _time.monotonic())


def reset() -> None:
    """Back to the machine's clock."""
    global _set
    with _lock:
        _set = None


@contextmanager
def fixed(moment: date | datetime) -> Iterator[None]:
    """The clock set to `moment` inside the block, and as it was before after it."""
    global _set
    before = _set
    set(moment)
    try:
        yield
    finally:
        with _lock:
            _set = before


# Stored moments are naive UTC; the counter reads them in local time. The one place that converts.
@overload
def local_time(moment: datetime) -> datetime: ...
@overload
def local_time(moment: None) -> None: ...
def local_time(moment: datetime | None) -> datetime | None:
    """A stored (naive UTC) moment in local time (naive); None stays None."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


@overload
def local_day(moment: datetime) -> date: ...
@overload
def local_day(moment: None) -> None: ...
def local_day(moment: datetime | None) -> date | None:
    """The local calendar day of a stored (naive UTC) moment; None stays None."""
    if moment is None:
        return None
    return local_time(moment).date()


def stored_start_of(day: date) -> datetime:
    """Local midnight at the start of `day`, as a stored moment (naive UTC)."""
    return datetime.combine(day, time()).astimezone(UTC).replace(tzinfo=None)
