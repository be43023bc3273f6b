"""Enrolling when the rest of the cover lies wholly inside the waiting period is said before money is
taken (issue 9): the enrollment's warning, the payment's, the roster import's. Today is injected near
the plan's end (SL-ZY-2027: 2027-01-01 to 2027-12-31, 90 days of waiting)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from mutualaid_desktop.services.enrollment.enrollment import enroll_member, enrollment_choices
from mutualaid_desktop.services.enrollment.payments import record_payment
from mutualaid_desktop.services.enrollment.waiting_period import waiting_warnings
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.store.models import AuditRecord
from tests.rosters import PLAN, UNIT, make_counter, person_id

LATE = date(2027, 10, 15)  # cover would start 10-16; first covered day 2028-01-14, after the plan's end


@pytest.fixture
def db(tmp_path):
    database = open_counter_database(str(tmp_path / "c.sqlite3"))
    yield database
    database.dispose()


@pytest.fixture
def admin(db):
    return make_counter(db)


def enroll(db, user, n=1, today=LATE, **kw):
    return enroll_member(
        db, user, id_number=person_id(n), name="张伟", unit_code=UNIT, plan_code=PLAN, today=today, **kw
    )


def test_enrolling_late_in_the_plan_year_warns_that_the_cover_is_all_waiting(db, admin):
    # an administrator may go on after confirming (issue 10: a clerk is refused, test_enrollment_season)
    result = enroll(db, admin, waiting_acknowledged=True)
    assert result.waiting_warning is not None and result.waiting_warning in result.warnings
    text = result.waiting_warning
    assert "2027-10-16 至 2027-12-31" in text and "90 天观察期" in text and "2028-01-14" in text
    assert "整个保障期都在观察期内" in text and "张伟" not in text and person_id(1) not in text


def test_no_warning_while_a_day_of_cover_is_left_after_the_waiting_period(db, admin):
    # paid 2027-10-01: cover from 10-02, first covered day 12-31, the plan's last day
    assert enroll(db, admin, today=date(2027, 10, 1)).waiting_warning is None
    assert enroll(db, admin, n=2, today=date(2027, 10, 2), waiting_acknowledged=True).waiting_warning is not None
    assert enroll(db, admin, n=3, today=date(2026, 12, 1)).waiting_warning is None


def test_the_payment_is_told_which_enrollments_would_pay_for_nothing(db, admin):
    ids = [enroll(db, admin, n=n, today=date(2027, 9, 1)).enrollment_id for n in (1, 2)]
    assert waiting_warnings(db, ids, paid_on=date(2027, 9, 1)) is None
    late = waiting_warnings(db, ids, paid_on=LATE)  # the unit comes to pay six weeks later
    assert late is not None and late.people == 2 and set(late.enrollment_ids) == set(ids)
    assert late.message.startswith("2 人：") and "整个保障期都在观察期内" in late.message
    # the payer not told: refused by the service itself (not only the dialog's box), nothing changed
    with pytest.raises(ServiceError, match="收款前须确认已向缴款人说明") as refused:
        record_payment(
            db,
            admin,
            enrollment_ids=ids,
            payer_unit_code=UNIT,
            amount="190.00",
            method="cash",
            paid_on=LATE,
            today=LATE,
        )
    assert "2028-01-14 起才予保障" in refused.value.message
    assert waiting_warnings(db, ids, paid_on=LATE) is not None  # still pending
    # paid anyway (the clerk told the payer and confirmed): recorded, and the audit says so
    result = record_payment(
        db,
        admin,
        enrollment_ids=ids,
        payer_unit_code=UNIT,
        amount="190.00",
        method="cash",
        paid_on=LATE,
        today=LATE,
        waiting_acknowledged=True,
    )
    with db.session(read_only=True) as s:
        audit = s.scalars(
            select(AuditRecord).where(
                AuditRecord.action == "payment.record", AuditRecord.entity_id == str(result.payment_id)
            )
        ).one()
    assert sorted(json.loads(audit.after_json)["waiting_acknowledged"]) == sorted(ids)


def test_the_roster_import_knows_it_from_the_plan(db, admin):
    _units, plans = enrollment_choices(db, LATE)
    plan = next(p for p in plans if p.code == PLAN)
    assert plan.waiting_days == 90
    assert "整个保障期都在观察期内" in plan.waiting_notice(LATE)
    assert plan.waiting_notice(date(2027, 6, 1)) is None
