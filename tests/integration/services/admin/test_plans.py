"""services/plans: next year's plan text, adding a plan from text (roles, audit, refusals leave
nothing), the list of the 设置 → 计划 tab, the minimum participation rate by role."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from mutualaid_desktop.domain.errors import PlanError
from mutualaid_desktop.domain.plan import load_plan
from mutualaid_desktop.services.admin.plans import (
    add_plan_text,
    change_min_participation,
    list_plan_rows,
    next_year_plan_text,
    read_plan_file,
)
from mutualaid_desktop.services.errors import NotFound, PermissionDenied, ServiceError
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import AuditRecord, Plan
from tests.integration.services.intake_data import SL26, SL27, make_claims_counter


@pytest.fixture
def cc(db):
    return make_claims_counter(db)


def rows(db, model, **where):
    with UnitOfWork(db, read_only=True) as uow:
        stmt = select(model)
        for key, value in where.items():
            stmt = stmt.where(getattr(model, key) == value)
        return list(uow.session.scalars(stmt))


def test_next_year_text_of_a_stored_plan(db, cc):
    text = next_year_plan_text(db, SL27)
    plan = load_plan(text)
    assert plan.code == "SL-ZY-2028" and "2028年度" in plan.name
    assert (plan.period_start, plan.period_end) == (date(2028, 1, 1), date(2028, 12, 31))
    with pytest.raises(NotFound):
        next_year_plan_text(db, "NO-SUCH")


def test_copy_edit_and_add_next_year(db, cc):
    text = next_year_plan_text(db, SL27).replace('premium_per_share = "95.00"', 'premium_per_share = "100.00"')
    summary = add_plan_text(db, cc.supervisor, text, copied_from=SL27)
    assert (summary.code, summary.premium_per_share) == ("SL-ZY-2028", Decimal("100.00"))
    plan = rows(db, Plan, code="SL-ZY-2028")[0]
    assert plan.rules_toml == text and plan.created_by == cc.supervisor.id and plan.premium_per_share_fen == 10000
    audit = rows(db, AuditRecord, action="plan.add", entity_id=str(plan.id))[0]
    after = json.loads(audit.after_json)
    assert audit.username == "boss" and after["copied_from"] == SL27 and after["code"] == "SL-ZY-2028"


def test_the_copy_of_last_year_is_this_years_code_already_there(db, cc):
    # SL-ZY-2026 moved on is SL-ZY-2027, which exists: refused, nothing added, plans are not edited
    text = next_year_plan_text(db, SL26)
    count, audits = len(rows(db, Plan)), len(rows(db, AuditRecord))
    with pytest.raises(ServiceError) as error:
        add_plan_text(db, cc.admin, text, copied_from=SL26)
    assert "已存在" in error.value.message and "不再修改" in error.value.message
    assert len(rows(db, Plan)) == count and len(rows(db, AuditRecord)) == audits


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (('premium_per_share = "95.00"', "premium_per_share = 95"), "premium_per_share"),
        (('tiers = [{ rate = "0.70" }]', 'tiers = [{ rate = "7.0" }]'), "reimbursement.tiers[0].rate"),
        (("max_age = 60\n", ""), "max_age"),
        (('kind = "reimbursement"', 'kind = "reimbursement'), None),  # syntax
    ],
)
def test_a_bad_text_is_refused_and_nothing_added(db, cc, change, field):
    text = next_year_plan_text(db, SL27).replace(*change)
    count, audits = len(rows(db, Plan)), len(rows(db, AuditRecord))
    with pytest.raises(PlanError) as error:
        add_plan_text(db, cc.admin, text)
    assert error.value.field == field and error.value.message
    assert len(rows(db, Plan)) == count and len(rows(db, AuditRecord)) == audits


def test_empty_and_huge_texts_are_refused(db, cc):
    with pytest.raises(ServiceError, match="空"):
        add_plan_text(db, cc.admin, "  \n")
    with pytest.raises(ServiceError, match="太长"):
        add_plan_text(db, cc.admin, "#" * 30_000)


@pytest.mark.parametrize("who", ["clerk", "reviewer"])
def test_only_supervisors_and_admins_add_plans_or_change_settings(db, cc, who):
    user = getattr(cc, who)
    text = next_year_plan_text(db, SL27)
    with pytest.raises(PermissionDenied, match="主管或管理员"):
        add_plan_text(db, user, text)
    with pytest.raises(PermissionDenied, match="主管或管理员"):
        change_min_participation(db, user, SL27, 50)
    assert rows(db, Plan, code="SL-ZY-2028") == [] and rows(db, Plan, code=SL27)[0].min_participation_pct == 0


def test_min_participation_by_a_supervisor_is_audited(db, cc):
    change_min_participation(db, cc.supervisor, SL27, 60)
    plan = rows(db, Plan, code=SL27)[0]
    assert plan.min_participation_pct == 60
    audit = rows(db, AuditRecord, action="plan.min_participation")[-1]
    assert audit.username == "boss" and json.loads(audit.after_json) == {"min_participation_pct": 60}
    with pytest.raises(ServiceError, match="0 到 100"):
        change_min_participation(db, cc.supervisor, SL27, 101)
    with pytest.raises(ServiceError, match="没有代码"):
        change_min_participation(db, cc.supervisor, "NO-SUCH", 10)


def test_list_plan_rows(db, cc):
    from mutualaid_desktop.services.claims.claim_materials import set_plan_materials

    set_plan_materials(db, cc.supervisor, SL27, ["身份证复印件", "出院小结"])
    got = {r.code: r for r in list_plan_rows(db)}
    assert set(got) == {"SL-ZY-2027", "SL-ZY-2026", "ZB-ZJ-2027"}
    sl = got[SL27]
    assert (sl.year_label, sl.kind_label, sl.premium_per_share, sl.max_shares) == (
        "2027",
        "住院二次报销",
        Decimal("95.00"),
        1,
    )
    assert (sl.renewal_grace_days, sl.waiting_days, sl.min_participation_pct, sl.own_materials) == (30, 90, 0, True)
    assert not got[SL26].own_materials
    assert list_plan_rows(db)[0].period_start.year == 2027  # newest first


def test_read_plan_file(tmp_path):
    path = tmp_path / "p.toml"
    path.write_bytes('\ufeffcode = "X"'.encode("utf-8"))
    assert read_plan_file(path) == 'code = "X"'
    path.write_bytes("名称".encode("gbk"))
    with pytest.raises(ServiceError, match="UTF-8"):
        read_plan_file(path)
    with pytest.raises(ServiceError, match="读不到"):
        read_plan_file(tmp_path / "missing.toml")
