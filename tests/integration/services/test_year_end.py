"""Year-end on purpose: 31 December → 1 January on the program's clock (the `clock` fixture sets it; the
services are not told the day, they ask the clock, never the machine's date).

Receipt numbers start again each year and follow the day the money was taken, not the day it was typed
in; a cover bought in the renewal season starts on 1 January and its waiting period runs into the new
year; the old plan takes people until its last day and none after.
"""

from __future__ import annotations

from datetime import date

import pytest

from mutualaid_desktop.services.admin.plans import add_plan
from mutualaid_desktop.services.enrollment.enrollment import enroll_member
from mutualaid_desktop.services.enrollment.payments import due_for, record_payment
from mutualaid_desktop.services.enrollment.waiting_period import WaitingConfirmationNeeded
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.session import open_counter_database
from tests.rosters import UNIT, make_counter, person_id, plan_text

EVE = date(2026, 12, 31)
NEW_YEAR = date(2027, 1, 1)
OLD_PLAN, NEW_PLAN = "SL-ZY-2026", "SL-ZY-2027"


@pytest.fixture
def db(tmp_path):
    database = open_counter_database(str(tmp_path / "c.sqlite3"))
    yield database
    database.dispose()


@pytest.fixture
def admin(db):
    user = make_counter(db, year=2026)
    add_plan(db, plan_text("shangluo-2027.toml"), username="admin")
    return user


def enroll(db, user, n, plan, **kw):
    return enroll_member(
        db, user, id_number=person_id(n), name=f"张{'一二三四五'[n]}", unit_code=UNIT, plan_code=plan, **kw
    )


def pay(db, user, enrollment_id, *, paid_on):
    ids = [enrollment_id]
    return record_payment(
        db,
        user,
        enrollment_ids=ids,
        payer_unit_code=UNIT,
        method="cash",
        amount=due_for(db, enrollment_ids=ids, paid_on=paid_on).total,
        paid_on=paid_on,
    )


def test_receipt_numbers_start_again_each_year_by_the_day_the_money_was_taken(db, admin, clock):
    clock.set(EVE)
    first = pay(db, admin, enroll(db, admin, 1, NEW_PLAN).enrollment_id, paid_on=clock.today())
    eves_enrollment = enroll(db, admin, 3, NEW_PLAN).enrollment_id
    clock.set(NEW_YEAR)
    second = pay(db, admin, enroll(db, admin, 2, NEW_PLAN).enrollment_id, paid_on=clock.today())
    # money taken on New Year's Eve, typed in on 2 January: a receipt of 2026, the next number of that year
    clock.set(date(2027, 1, 2))
    late = pay(db, admin, eves_enrollment, paid_on=EVE)
    assert (first.serial, second.serial, late.serial) == ("SJ2026-000001", "SJ2027-000001", "SJ2026-000002")
    # the renewal season's cover starts with the plan year; a payment on 1 January covers from the next day
    assert (first.cover_start, late.cover_start, second.cover_start) == (NEW_YEAR, NEW_YEAR, date(2027, 1, 2))


def test_a_first_cover_bought_in_december_waits_into_the_new_year(db, admin, clock):
    clock.set(EVE)
    result = enroll(db, admin, 1, NEW_PLAN)
    assert result.waiting_warning is None  # 90 days from 1 January leave most of 2027 covered
    note = " ".join(result.warnings)
    assert "2027-04-01" in note, note  # 1 January + 90 days: the first day a stay is paid for


def test_the_old_plan_takes_people_while_a_day_of_cover_is_left(db, admin, clock):
    # 30 December: cover 31 December, one day and all of it waiting period: an administrator is asked
    clock.set(date(2026, 12, 30))
    with pytest.raises(WaitingConfirmationNeeded, match="2026-12-31 至 2026-12-31"):
        enroll(db, admin, 1, OLD_PLAN)
    # its last day: cover would start on 1 January, after the plan (said so, not "已结束")
    clock.set(EVE)
    with pytest.raises(ServiceError, match="保障期到 2026-12-31 为止") as last_day:
        enroll(db, admin, 1, OLD_PLAN, waiting_acknowledged=True)
    assert not isinstance(last_day.value, WaitingConfirmationNeeded)
    clock.set(NEW_YEAR)
    with pytest.raises(ServiceError, match="已于 2026-12-31 结束"):
        enroll(db, admin, 1, OLD_PLAN, waiting_acknowledged=True)
    assert enroll(db, admin, 1, NEW_PLAN).enrollment_id
