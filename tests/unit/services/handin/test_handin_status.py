"""The due day of a month's hand-in and its state (按时 / 逾期 / 未交 / 未到期), year-end included."""

from __future__ import annotations

from datetime import date, datetime

from mutualaid_desktop.services.handin.status import _state, due_date


def test_a_month_is_due_by_the_10th_of_the_next_including_december():
    assert due_date(2026, 10) == date(2026, 11, 10)
    assert due_date(2026, 12) == date(2027, 1, 10)
    assert due_date(2027, 1) == date(2027, 2, 10)


def test_the_state_of_a_month():
    due = date(2027, 1, 10)
    assert _state(datetime(2027, 1, 10, 23, 59), due, date(2027, 1, 20)) == "on_time"
    assert _state(datetime(2027, 1, 11, 0, 1), due, date(2027, 1, 20)) == "late"
    assert _state(None, due, date(2027, 1, 10)) == "not_due"
    assert _state(None, due, date(2027, 1, 11)) == "missing"
