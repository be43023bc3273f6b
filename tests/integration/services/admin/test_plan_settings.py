"""services/plans, issue 10: the 停止参保日 and 停用 of a plan (roles, audit, refusals leave the data as
it was), 检查 refusing a code that exists as 保存 does, the rules summary the editor confirms."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from mutualaid_desktop.services.admin.plans import (
    add_plan_text,
    change_enrollment_closes,
    check_plan_text,
    list_plan_rows,
    next_year_plan_text,
    withdraw_plan,
)
from mutualaid_desktop.services.enrollment.enrollment import enroll_member, enrollment_choices
from mutualaid_desktop.services.errors import PermissionDenied, ServiceError
from mutualaid_desktop.services.renewal.renewal import renewal_choices
from mutualaid_desktop.store.models import AuditRecord, Plan
from tests.integration.services.intake_data import SL27, make_claims_counter
from tests.rosters import person_id, plan_text

SL28 = "SL-ZY-2028"


@pytest.fixture
def cc(db):
    return make_claims_counter(db)


def plan(db, code) -> Plan:
    with db.session() as session:
        return session.scalar(select(Plan).where(Plan.code == code))


def audits(db, action) -> list[AuditRecord]:
    with db.session() as session:
        return list(session.scalars(select(AuditRecord).where(AuditRecord.action == action)))


def row(db, code):
    return next(r for r in list_plan_rows(db) if r.code == code)


def test_the_closing_day_is_set_by_a_supervisor_audited_and_cleared(db, cc):
    with pytest.raises(PermissionDenied):
        change_enrollment_closes(db, cc.clerk, SL27, date(2027, 9, 30))
    with pytest.raises(ServiceError, match="2027-01-01 至 2027-12-31"):
        change_enrollment_closes(db, cc.supervisor, SL27, date(2028, 1, 5))
    assert plan(db, SL27).enrollment_closes is None and not audits(db, "plan.enrollment_closes")
    change = change_enrollment_closes(db, cc.supervisor, SL27, date(2027, 9, 30))
    assert (change.code, change.before, change.after) == (SL27, None, date(2027, 9, 30))
    assert row(db, SL27).enrollment_closes == date(2027, 9, 30)
    change_enrollment_closes(db, cc.supervisor, SL27, None)
    assert row(db, SL27).enrollment_closes is None
    first, second = audits(db, "plan.enrollment_closes")
    assert first.username == "boss" and json.loads(first.after_json) == {"enrollment_closes": "2027-09-30"}
    assert json.loads(second.before_json) == {"enrollment_closes": "2027-09-30"}
    assert json.loads(second.after_json) == {"enrollment_closes": None}


def test_a_plan_nobody_is_enrolled_in_is_withdrawn_kept_and_offered_to_nobody(db, cc):
    add_plan_text(db, cc.supervisor, next_year_plan_text(db, SL27))
    assert row(db, SL28).enrollments == 0 and not row(db, SL28).withdrawn
    with pytest.raises(PermissionDenied):
        withdraw_plan(db, cc.clerk, SL28)
    change = withdraw_plan(db, cc.supervisor, SL28)
    assert (change.code, change.setting, change.after) == (SL28, "withdrawn", True)
    assert row(db, SL28).withdrawn  # kept, listed, marked
    stored = plan(db, SL28)
    assert stored.withdrawn_at is not None and stored.withdrawn_by == cc.supervisor.id
    (audit,) = audits(db, "plan.withdraw")
    assert audit.username == "boss" and audit.entity_id == str(stored.id)
    today = date(2027, 12, 1)
    assert SL28 not in [p.code for p in enrollment_choices(db, today)[1]]
    assert SL28 not in [r.plan.code for r in renewal_choices(db, today).plans]
    with pytest.raises(ServiceError, match="已停用"):
        enroll_member(
            db, cc.supervisor, id_number=person_id(300), name="张伟", unit_code="U001", plan_code=SL28, today=today
        )
    with pytest.raises(ServiceError, match="已于"):
        withdraw_plan(db, cc.supervisor, SL28)


def test_a_plan_with_enrollments_cannot_be_withdrawn_and_says_why(db, cc):
    enrolled = row(db, SL27).enrollments
    assert enrolled > 0
    with pytest.raises(ServiceError) as refused:
        withdraw_plan(db, cc.supervisor, SL27)
    assert f"已有 {enrolled} 人次参保" in refused.value.message and "停止参保日" in refused.value.message
    assert plan(db, SL27).withdrawn_at is None and not audits(db, "plan.withdraw")


def test_check_reports_a_code_that_exists_as_save_does(db, cc):
    text = plan_text()  # SL-ZY-2027, already there
    with pytest.raises(ServiceError) as saved:
        add_plan_text(db, cc.supervisor, text)
    with pytest.raises(ServiceError) as checked:
        check_plan_text(db, text)
    assert checked.value.message == saved.value.message and "SL-ZY-2027 已存在" in checked.value.message


def test_check_gives_the_rules_to_confirm(db, cc):
    result = check_plan_text(db, next_year_plan_text(db, SL27))
    assert result.summary.code == SL28
    text = "\n".join(result.lines)
    for part in (
        "计划代码：SL-ZY-2028",
        "2028年度",
        "2028-01-01 至 2028-12-31",
        "每份互助金：¥95.00",
        "参保年龄：16 至 60 周岁",
        "观察期：90 天",
        "给付：",
        "停止参保日：未设置",
    ):
        assert part in text, part
