"""Claim intake against a real SQLite file: lookup, live quote, saving, completing papers."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.services.admin.counter_setup import (
    CounterInfo,
    get_counter_info,
    set_counter_info,
)
from mutualaid_desktop.services.claims.claim_materials import (
    DEFAULT_MATERIALS,
    plan_materials,
    set_plan_materials,
)
from mutualaid_desktop.services.claims.claims_intake import (
    Stay,
    acceptance_receipt,
    complete_papers,
    intake_lookup,
    quote_for,
    save_claim,
    waiting_claim,
    working_days_after,
)
from mutualaid_desktop.services.errors import NotFound, PermissionDenied, ServiceError
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.audit import verify_audit_chain
from mutualaid_desktop.store.models import (
    AuditRecord,
    Claim,
    ClaimStatusChange,
    PrintedDocument,
)

from ..intake_data import (
    ALL_PAPERS,
    SL26,
    SL27,
    TODAY,
    ZB27,
    bank,
    make_claims_counter,
    stay,
)


@pytest.fixture
def cc(db):
    return make_claims_counter(db)


def save(db, cc, key="zhang", plan=SL27, *, user=None, papers=ALL_PAPERS, account="default", **kw):
    member_id = cc.members[key][0]
    if account == "default":
        account = bank(cc.members[key][2])
    return save_claim(
        db,
        user or cc.clerk,
        member_id=member_id,
        enrollment_id=cc.covers[(key, plan)],
        stay=stay(cc, **kw),
        papers=papers,
        bank=account,
        today=TODAY,
    )


def rows(db, model, **where):
    with UnitOfWork(db, read_only=True) as uow:
        stmt = select(model)
        for key, value in where.items():
            stmt = stmt.where(getattr(model, key) == value)
        return list(uow.session.scalars(stmt))


# --- lookup ----------------------------------------------------------------------------------


def test_lookup_chooses_the_cover_of_the_admission_date(db, cc):
    number = cc.members["zhang"][1]
    found = intake_lookup(db, number.lower(), admission_date=date(2026, 11, 10), today=TODAY)
    assert found.member.name == "张伟" and found.member.unit_name == "商州区第一中学工会"
    assert found.county_code == "C01"
    assert {c.row.plan_code for c in found.covers} == {SL26, SL27}
    assert found.chosen.row.plan_code == SL26 and found.in_force and found.problem is None
    found = intake_lookup(db, number, admission_date=date(2027, 2, 1), today=TODAY)
    assert found.chosen.row.plan_code == SL27 and found.in_force
    assert [m.name for m in found.chosen.materials] == [m.name for m in DEFAULT_MATERIALS["reimbursement"]]


def test_lookup_tells_why_no_cover_pays(db, cc):
    waiting = intake_lookup(db, cc.members["li"][1], admission_date=date(2027, 2, 1), today=TODAY)
    assert waiting.chosen.row.plan_code == SL27 and not waiting.in_force
    assert "观察期" in waiting.problem and "2027-04-01" in waiting.problem
    expired = intake_lookup(db, cc.members["sun"][1], admission_date=date(2027, 3, 1), today=TODAY)
    assert expired.chosen is None and "已于 2026-12-31 到期" in expired.problem
    early = intake_lookup(db, cc.members["zhang"][1], admission_date=date(2025, 3, 1), today=TODAY)
    assert early.chosen is None and "尚未开始" in early.problem and "2026-01-01" in early.problem
    never = intake_lookup(db, cc.members["wang"][1], today=TODAY)
    assert never.chosen is None and never.problem.startswith("未参保")
    with pytest.raises(NotFound, match="不是在册会员"):
        intake_lookup(db, "11010519491231002X", today=TODAY)
    with pytest.raises(InputError):
        intake_lookup(db, "61100219800501003", today=TODAY)


# --- quote -----------------------------------------------------------------------------------


def test_quote_for_builds_the_facts_and_quotes(db, cc):
    member_id = cc.members["zhang"][0]
    quote, facts = quote_for(
        db, member_id=member_id, enrollment_id=cc.covers[("zhang", SL27)], stay=stay(cc), today=TODAY
    )
    assert quote.eligible and quote.payout == Decimal("1750.00")  # 70 % of 2,500
    assert facts["hospital_grade"] == 3 and facts["received_date"] == "2027-06-15"
    assert facts["paid_before"] == "0.00" and facts["claims_before"] == 0
    assert facts["cover_start"] == "2027-01-01" and facts["continuous"] is True


def test_quote_for_refuses_input_errors_by_field(db, cc):
    args = dict(member_id=cc.members["zhang"][0], enrollment_id=cc.covers[("zhang", SL27)], today=TODAY)
    with pytest.raises(InputError) as missing:
        quote_for(db, stay=stay(cc, total_cost=""), **args)
    assert missing.value.field == "total_cost" and "医疗总费用" in missing.value.message
    with pytest.raises(InputError) as mismatch:
        quote_for(db, stay=stay(cc, total_cost="12500.00"), **args)
    assert mismatch.value.code == "total_mismatch"
    with pytest.raises(InputError) as order:
        quote_for(db, stay=stay(cc, discharge_date=date(2027, 5, 1)), **args)
    assert order.value.field == "discharge_date"
    with pytest.raises(InputError) as hospital:
        quote_for(db, stay=stay(cc, hospital_id=None), **args)
    assert hospital.value.field == "hospital"
    with pytest.raises(InputError) as other:
        quote_for(
            db, member_id=cc.members["li"][0], enrollment_id=cc.covers[("zhang", SL27)], stay=stay(cc), today=TODAY
        )
    assert other.value.field == "enrollment"


def test_waiting_period_refusal(db, cc):
    quote, _ = quote_for(
        db,
        member_id=cc.members["li"][0],
        enrollment_id=cc.covers[("li", SL27)],
        stay=stay(cc, admission_date=date(2027, 2, 1), discharge_date=date(2027, 2, 5)),
        today=TODAY,
    )
    assert not quote.eligible and quote.reasons == ("waiting_period",) and quote.payout == 0


def test_duplicate_invoice_and_reached_cap_show_at_once_from_the_database(db, cc):
    args = dict(member_id=cc.members["zhang"][0], enrollment_id=cc.covers[("zhang", SL27)], today=TODAY)
    first = save(db, cc)
    quote, facts = quote_for(db, stay=stay(cc), **args)
    assert "duplicate" in quote.reasons and facts["previous_invoice_numbers"] == ["61000012345"]
    # decided and paid: it counts against the cap
    with UnitOfWork(db, username="t") as uow:
        claim = uow.session.scalar(select(Claim).where(Claim.claim_number == first.claim_number))
        claim.status, claim.quoted_fen, claim.approved_fen = "paid", 3_000_000, 3_000_000
        uow.commit()
    quote, facts = quote_for(db, stay=stay(cc, invoice_number="61000099999"), **args)
    assert quote.reasons == ("annual_cap_reached",)
    assert facts["paid_before"] == "30000.00" and facts["claims_before"] == 1
    # the other cover (2026) is not touched by it
    quote, facts = quote_for(
        db,
        member_id=cc.members["zhang"][0],
        enrollment_id=cc.covers[("zhang", SL26)],
        stay=stay(cc, invoice_number="61000099999", admission_date=date(2026, 5, 3), discharge_date=date(2026, 5, 10)),
        today=TODAY,
    )
    assert quote.eligible and facts["paid_before"] == "0.00"


def test_lump_sum_quote_uses_the_plan_diseases_and_shares(db, cc):
    args = dict(member_id=cc.members["zhao"][0], enrollment_id=cc.covers[("zhao", ZB27)], today=TODAY)
    lump = Stay(hospital_id=cc.hospital_id, diagnosis="恶性肿瘤", diagnosis_date=date(2027, 5, 20))
    quote, facts = quote_for(db, stay=lump, **args)
    assert quote.eligible and quote.payout == Decimal("20000.00") and facts["shares"] == 2
    quote, _ = quote_for(
        db, stay=Stay(hospital_id=cc.small_hospital_id, diagnosis="感冒", diagnosis_date=date(2027, 5, 20)), **args
    )
    assert quote.reasons == ("hospital_grade", "not_listed")


# --- saving ----------------------------------------------------------------------------------


def test_claim_number_format_and_serials_per_county_and_year(db, cc):
    a = save(db, cc)
    b = save(db, cc, invoice_number="61000012346")
    assert (a.claim_number, b.claim_number) == ("C01-2027-000001", "C01-2027-000002")
    # a number given elsewhere (demo data) is skipped, never given twice
    with UnitOfWork(db, username="t") as uow:
        taken = uow.session.scalar(select(Claim).where(Claim.claim_number == b.claim_number))
        taken.claim_number = "C01-2027-000007"
        uow.commit()
    with UnitOfWork(db, username="t") as uow:
        from mutualaid_desktop.store.models import Serial

        uow.session.get(Serial, "claim:C01:2027").next_value = 7
        uow.commit()
    c = save(db, cc, invoice_number="61000012347")
    assert c.claim_number == "C01-2027-000008"
    # another year has its own serial
    d = save_claim(
        db,
        cc.clerk,
        member_id=cc.members["zhang"][0],
        enrollment_id=cc.covers[("zhang", SL26)],
        stay=stay(
            cc,
            admission_date=date(2026, 12, 1),
            discharge_date=date(2026, 12, 5),
            invoice_number="61000022222",
            received_date=date(2026, 12, 20),
        ),
        papers=ALL_PAPERS,
        bank=bank(),
        today=TODAY,
    )
    assert d.claim_number == "C01-2026-000001"


def test_county_is_the_union_above_the_unit(db, cc):
    from mutualaid_desktop.store.models import OrgUnit

    with UnitOfWork(db, username="t") as uow:
        city = uow.session.scalar(select(OrgUnit).where(OrgUnit.kind == "city"))
        other = OrgUnit(code="C02", name="洛南县总工会", kind="county", parent_id=city.id)
        uow.session.add(other)
        uow.session.flush()
        uow.session.scalar(select(OrgUnit).where(OrgUnit.code == "U002")).parent_id = other.id
        uow.commit()
    # 孙磊 (U002, now under C02), 2026 cover
    saved = save_claim(
        db,
        cc.clerk,
        member_id=cc.members["sun"][0],
        enrollment_id=cc.covers[("sun", SL26)],
        stay=stay(cc, admission_date=date(2026, 10, 1), discharge_date=date(2026, 10, 5)),
        papers=ALL_PAPERS,
        bank=bank("孙磊"),
        today=TODAY,
    )
    assert saved.claim_number == "C02-2027-000001"
    assert save(db, cc).claim_number == "C01-2027-000001"


def test_complete_claim_waits_for_review_with_history_audit_and_receipt(db, cc):
    saved = save(db, cc)
    assert saved.status == "waiting_review" and saved.papers_missing == () and saved.papers_due is None
    claim = rows(db, Claim, claim_number=saved.claim_number)[0]
    assert claim.quoted_fen == 175000 and claim.hospital_id == cc.hospital_id and claim.diagnosis == "肺炎"
    assert claim.account_number == "6228480012345678901" and claim.account_holder == "张伟"
    assert claim.entered_by == cc.clerk.id and claim.received_on == TODAY and claim.event_date == date(2027, 5, 3)
    facts, quote = json.loads(claim.facts_json), json.loads(claim.quote_json)
    assert facts["invoice_number"] == "61000012345" and quote["payout"] == "1750.00"
    papers = json.loads(claim.papers_json)
    assert [p["item"] for p in papers if p["received"]] == list(ALL_PAPERS)
    assert [p["item"] for p in papers if not p["required"]] == ["费用明细清单"]
    history = rows(db, ClaimStatusChange, claim_id=claim.id)
    assert [(h.from_status, h.to_status, h.user_id) for h in history] == [(None, "waiting_review", cc.clerk.id)]
    audit = rows(db, AuditRecord, entity="claim", entity_id=str(claim.id))
    assert [a.action for a in audit] == ["claim.intake"] and audit[0].username == "clerk"
    printed = rows(db, PrintedDocument, kind="acceptance_receipt")
    assert [(p.serial, p.copy_number) for p in printed] == [(saved.claim_number, 0)]
    assert saved.receipt.decision_by == working_days_after(TODAY, 15) == date(2027, 7, 6)
    with UnitOfWork(db, read_only=True) as uow:
        assert verify_audit_chain(uow.session) == []


def test_missing_papers_wait_and_a_later_visit_completes_them(db, cc):
    set_counter_info(
        db,
        cc.admin,
        CounterInfo("商洛市总工会", "商州区北新街1号", "0914-2312345", "周一至周五 8:30-17:30", papers_due_days=20),
    )
    saved = save(db, cc, papers=("身份证复印件", "出院小结", "住院发票原件"), account=None)
    assert saved.status == "waiting_papers"
    assert saved.papers_missing == ("医保结算单", "银行卡复印件", "收款银行账户")
    assert saved.papers_due == date(2027, 7, 5)
    assert saved.receipt.decision_by is None and saved.receipt.counter_phone == "0914-2312345"
    wc = waiting_claim(db, saved.claim_number)
    assert wc.missing == saved.papers_missing and not wc.has_account
    # first return: one paper only; still waiting
    again = complete_papers(db, cc.clerk2, saved.claim_number, ["医保结算单"], today=date(2027, 6, 20))
    assert again.status == "waiting_papers" and again.papers_missing == ("银行卡复印件", "收款银行账户")
    done = complete_papers(
        db, cc.clerk2, saved.claim_number.lower(), ["银行卡复印件"], bank=bank(), today=date(2027, 6, 22)
    )
    assert done.status == "waiting_review" and done.papers_missing == ()
    assert done.receipt.reissued and done.receipt.decision_by == working_days_after(date(2027, 6, 22), 15)
    claim = rows(db, Claim, claim_number=saved.claim_number)[0]
    assert claim.status == "waiting_review" and claim.account_holder == "张伟"
    history = rows(db, ClaimStatusChange, claim_id=claim.id)
    assert [(h.from_status, h.to_status) for h in history] == [
        (None, "waiting_papers"),
        ("waiting_papers", "waiting_review"),
    ]
    assert history[1].user_id == cc.clerk2.id
    audit = [a.action for a in rows(db, AuditRecord, entity="claim", entity_id=str(claim.id))]
    assert audit == ["claim.intake", "claim.papers", "claim.papers"]
    printed = rows(db, PrintedDocument, kind="acceptance_receipt")
    assert [p.copy_number for p in printed] == [0, 1, 2]
    with pytest.raises(ServiceError, match="不是待补材料"):
        complete_papers(db, cc.clerk, saved.claim_number, ["费用明细清单"], today=TODAY)
    with pytest.raises(NotFound):
        complete_papers(db, cc.clerk, "C01-2027-999999", [], today=TODAY)
    assert acceptance_receipt(db, saved.claim_number).reissued


def test_pathology_report_is_required_only_for_the_listed_diseases(db, cc):
    papers = ("身份证复印件", "诊断证明书", "出院小结", "银行卡复印件")
    args = dict(
        member_id=cc.members["zhao"][0],
        enrollment_id=cc.covers[("zhao", ZB27)],
        papers=papers,
        bank=bank("赵敏"),
        today=TODAY,
    )
    tumour = save_claim(
        db,
        cc.clerk,
        stay=Stay(hospital_id=cc.hospital_id, diagnosis="恶性肿瘤", diagnosis_date=date(2027, 5, 20)),
        **args,
    )
    assert tumour.status == "waiting_papers" and tumour.papers_missing == ("病理报告",)
    heart = save_claim(
        db,
        cc.clerk,
        stay=Stay(
            hospital_id=cc.hospital_id, diagnosis="急性心肌梗塞", diagnosis_date=date(2027, 5, 20), invoice_number="X1"
        ),
        **args,
    )
    assert heart.status == "waiting_review"


def test_refusals_keep_the_database_unchanged(db, cc):
    before = len(rows(db, AuditRecord))
    with pytest.raises(PermissionDenied, match="不能受理理赔"):
        save(db, cc, user=cc.reviewer)
    with pytest.raises(InputError) as holder:
        save(db, cc, account=bank("王某"))
    assert holder.value.field == "account_holder" and "不是会员本人" in holder.value.message
    with pytest.raises(InputError) as number:
        save(db, cc, account=bank(number="6228-48AB"))
    assert number.value.field == "account_number"
    with pytest.raises(InputError) as diagnosis:
        save(db, cc, diagnosis=" ")
    assert diagnosis.value.field == "diagnosis"
    with pytest.raises(InputError) as papers:
        save(db, cc, papers=("护照",))
    assert papers.value.field == "papers"
    with pytest.raises(InputError) as amounts:
        save(db, cc, fund_paid="-1")
    assert amounts.value.field == "fund_paid"
    assert rows(db, Claim) == [] and len(rows(db, AuditRecord)) == before
    with pytest.raises(PermissionDenied):
        complete_papers(db, cc.reviewer, "C01-2027-000001", [], today=TODAY)


def test_a_beneficiary_of_a_deceased_member_is_named(db, cc):
    saved = save(db, cc, account=bank("张小伟", note="会员已身故（死亡证明 2027-06-01），受益人张小伟，系其子"))
    claim = rows(db, Claim, claim_number=saved.claim_number)[0]
    assert claim.account_holder == "张小伟" and "受益人张小伟" in claim.beneficiary_note


def test_supervisor_and_admin_may_enter_claims(db, cc):
    assert save(db, cc, user=cc.supervisor).status == "waiting_review"
    assert save(db, cc, user=cc.admin, invoice_number="1").status == "waiting_review"


def test_plan_materials_setting(db, cc):
    assert plan_materials(db, SL27) == DEFAULT_MATERIALS["reimbursement"]
    with pytest.raises(PermissionDenied):
        set_plan_materials(db, cc.clerk, SL27, ["身份证复印件"])
    with pytest.raises(ServiceError, match="重复"):
        set_plan_materials(db, cc.admin, SL27, ["身份证复印件", "身份证复印件"])
    own = set_plan_materials(
        db, cc.admin, SL27, ["身份证复印件", {"name": "出院小结"}, {"name": "费用明细清单", "required": False}]
    )
    assert [m.name for m in own] == ["身份证复印件", "出院小结", "费用明细清单"]
    saved = save(db, cc, papers=("身份证复印件", "出院小结"))
    assert saved.status == "waiting_review"
    assert set_plan_materials(db, cc.admin, SL27, None) == DEFAULT_MATERIALS["reimbursement"]
    assert rows(db, AuditRecord, action="plan.materials")


def test_counter_info_settings(db, cc):
    info = get_counter_info(db)
    assert info.org_name and info.papers_due_days == 30 and info.decision_days == 15
    with pytest.raises(PermissionDenied):
        set_counter_info(db, cc.clerk, info)
    with pytest.raises(ServiceError, match="单位名称"):
        set_counter_info(db, cc.admin, CounterInfo(" "))
    with pytest.raises(ServiceError, match="补交材料期限"):
        set_counter_info(db, cc.admin, CounterInfo("商洛市总工会", papers_due_days=0))
    set_counter_info(db, cc.admin, CounterInfo("商洛市总工会", "北新街1号", "０９１４-2312345", "8:30-17:30", 20, 10))
    assert get_counter_info(db) == CounterInfo("商洛市总工会", "北新街1号", "0914-2312345", "8:30-17:30", 20, 10)
    assert rows(db, AuditRecord, action="settings.counter_info")
