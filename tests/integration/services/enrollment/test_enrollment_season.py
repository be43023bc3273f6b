"""Enrollment at year-end (issue 10): a plan's 停止参保日 ends new enrollment (walk-in, roster import)
and not renewal; a cover wholly inside the waiting period is refused for a clerk and needs a
supervisor's acknowledgement; a partly waiting cover names its first covered day.

The counter has SL-ZY-2026 (2026-01-01 to 2026-12-31) and SL-ZY-2027, both with 90 days of waiting
and 30 days of grace. Days are injected."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from mutualaid_desktop.services.admin.plans import add_plan, change_enrollment_closes
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.enrollment.enrollment import (
    WaitingConfirmationNeeded,
    enroll_member,
    enrollment_choices,
)
from mutualaid_desktop.services.enrollment.roster_import import import_roster, preview_roster
from mutualaid_desktop.services.errors import PermissionDenied, ServiceError
from mutualaid_desktop.services.permissions import may
from mutualaid_desktop.services.renewal.renewal import renewal_choices, renewal_draft
from mutualaid_desktop.store.models import AuditRecord, Enrollment, Member
from tests.accounts import add_accounts
from tests.rosters import UNIT, make_counter, person_id, plan_text, write_xlsx

SL26, SL27 = "SL-ZY-2026", "SL-ZY-2027"
DEC4 = date(2026, 12, 4)  # cover 12-05 to 12-31: wholly inside the 90 days
CLERK = UserInfo(id=11, username="clerk", display_name="张经办", role="clerk")
BOSS = UserInfo(id=12, username="boss", display_name="赵主管", role="supervisor")


@pytest.fixture
def admin(db):
    user = make_counter(db, year=2026)
    add_plan(db, plan_text(), username="admin")  # SL-ZY-2027
    add_accounts(db, CLERK, BOSS)
    return user


def count(db, model) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def enroll(db, user, n=1, *, plan=SL26, today=DEC4, **kw):
    return enroll_member(
        db, user, id_number=person_id(n), name="张伟", unit_code=UNIT, plan_code=plan, today=today, **kw
    )


# --- 停止参保日 ---------------------------------------------------------------------------------


def test_after_the_closing_day_the_plan_is_not_offered_and_enrolling_is_refused(db, admin):
    change_enrollment_closes(db, BOSS, SL26, date(2026, 9, 30))
    _units, plans = enrollment_choices(db, date(2026, 9, 30))
    assert SL26 in [p.code for p in plans]
    enroll(db, CLERK, today=date(2026, 9, 30))  # the closing day itself still takes one
    _units, plans = enrollment_choices(db, date(2026, 10, 1))
    assert [p.code for p in plans if p.code.startswith("SL-ZY")] == [SL27]
    with pytest.raises(ServiceError) as refused:
        enroll(db, CLERK, n=2, today=date(2026, 10, 1))
    assert "停止参保日是 2026-09-30" in refused.value.message and "下一年度" in refused.value.message
    assert count(db, Enrollment) == 1 and count(db, Member) == 1
    enroll(db, CLERK, n=2, plan=SL27, today=date(2026, 10, 1))  # next year's plan is open


def test_the_roster_import_is_refused_after_the_closing_day(db, admin, tmp_path):
    change_enrollment_closes(db, BOSS, SL26, date(2026, 9, 30))
    path = write_xlsx(tmp_path / "r.xlsx", [[1, "张伟", person_id(1)], [2, "李娜", person_id(2, male=False), "女"]])
    with pytest.raises(ServiceError) as refused:
        preview_roster(db, path, UNIT, SL26, today=date(2026, 10, 1))
    assert "2026-09-30" in refused.value.message
    preview = preview_roster(db, path, UNIT, SL26, today=date(2026, 9, 1))
    change_enrollment_closes(db, BOSS, SL26, date(2026, 8, 31))  # closed after the check, before the import
    with pytest.raises(ServiceError) as refused:
        import_roster(db, BOSS, preview)
    assert "2026-08-31" in refused.value.message and count(db, Enrollment) == 0


def test_renewal_into_a_plan_is_not_affected_by_its_closing_day(db, admin):
    change_enrollment_closes(db, BOSS, SL27, date(2027, 3, 31))
    today = date(2027, 4, 15)
    assert SL27 in [r.plan.code for r in renewal_choices(db, today).plans]
    assert renewal_draft(db, UNIT, SL27, today=today).plan.plan.code == SL27
    with pytest.raises(ServiceError, match="2027-03-31"):
        enroll(db, BOSS, plan=SL27, today=today)


# --- the waiting period -----------------------------------------------------------------------


def test_a_clerk_cannot_enroll_into_a_cover_wholly_in_the_waiting_period(db, admin):
    assert not may(CLERK, "override_waiting") and may(BOSS, "override_waiting")
    for acknowledged in (False, True):  # the flag is the supervisor's, not the clerk's
        with pytest.raises(PermissionDenied) as refused:
            enroll(db, CLERK, waiting_acknowledged=acknowledged)
        text = refused.value.message
        assert "2026-12-05 至 2026-12-31" in text and "2027-03-05" in text and "90 天观察期" in text
        assert "主管" in text and "下一年度" in text
    assert count(db, Enrollment) == 0 and count(db, Member) == 0


def test_a_supervisor_goes_on_only_after_confirming_the_cover_dates(db, admin):
    with pytest.raises(WaitingConfirmationNeeded) as asked:
        enroll(db, BOSS)
    question = asked.value
    assert (question.cover_start, question.period_end, question.first_covered_day) == (
        date(2026, 12, 5),
        date(2026, 12, 31),
        date(2027, 3, 5),
    )
    assert "2026-12-05 至 2026-12-31" in question.message and "确定仍然办理参保吗" in question.message
    assert count(db, Enrollment) == 0 and count(db, Member) == 0
    result = enroll(db, BOSS, waiting_acknowledged=True)
    assert result.waiting_warning and "整个保障期都在观察期内" in result.waiting_warning
    with db.session() as session:
        audit = session.scalar(select(AuditRecord).where(AuditRecord.action == "enrollment.create"))
    assert json.loads(audit.after_json)["waiting_acknowledged"] is True and audit.username == "boss"


def test_a_partly_waiting_cover_is_enrolled_with_its_first_covered_day(db, admin):
    result = enroll(db, CLERK, today=date(2026, 6, 1))  # cover from 06-02, covered from 08-31
    assert result.waiting_warning is None
    assert any("2026-08-31 起住院才予保障" in w for w in result.warnings)
    # next year's plan bought in December: the waiting period ends well inside it
    early = enroll(db, CLERK, n=2, plan=SL27)
    assert any("2027-04-01 起住院才予保障" in w for w in early.warnings)


def test_the_roster_import_counts_the_people_and_asks_the_same(db, admin, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [[1, "张伟", person_id(1)], [2, "李娜", person_id(2, male=False), "女"]])
    preview = preview_roster(db, path, UNIT, SL26, today=DEC4)
    assert preview.waiting_people == 2
    with pytest.raises(PermissionDenied, match="其中 2 人"):
        import_roster(db, CLERK, preview)
    with pytest.raises(WaitingConfirmationNeeded) as asked:
        import_roster(db, BOSS, preview)
    assert asked.value.people == 2 and count(db, Enrollment) == 0 and count(db, Member) == 0
    assert import_roster(db, BOSS, preview, waiting_acknowledged=True).imported == 2
    assert preview_roster(db, path, UNIT, SL27, today=DEC4).waiting_people == 0
