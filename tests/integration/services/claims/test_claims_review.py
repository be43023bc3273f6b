"""理赔审核: the queue, one claim as the reviewer sees it, approving and refusing, on a real SQLite file."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.claims import claims_review as cr
from mutualaid_desktop.services.errors import NotFound, PermissionDenied, ServiceError
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import AuditRecord, Claim, ClaimStatusChange, PrintedDocument

from ..review_data import PLAN, ClaimSpec, add_claims, review_counter


@pytest.fixture
def counter(db):
    return review_counter(db)


def claim(db, number) -> Claim:
    with UnitOfWork(db, read_only=True) as uow:
        return uow.session.scalar(select(Claim).where(Claim.claim_number == number))


def changes(db, number) -> list[ClaimStatusChange]:
    with UnitOfWork(db, read_only=True) as uow:
        c = uow.session.scalar(select(Claim).where(Claim.claim_number == number))
        return list(
            uow.session.scalars(
                select(ClaimStatusChange).where(ClaimStatusChange.claim_id == c.id).order_by(ClaimStatusChange.id)
            )
        )


def audits(db, action) -> list[AuditRecord]:
    with UnitOfWork(db, read_only=True) as uow:
        return list(uow.session.scalars(select(AuditRecord).where(AuditRecord.action == action)))


def one(db, counter, **kw) -> str:
    return add_claims(db, counter, [ClaimSpec(**kw)])[0]


# --- the queue -------------------------------------------------------------------------------


def test_queue_is_oldest_first_and_only_claims_waiting_for_review(db, counter):
    numbers = add_claims(
        db,
        counter,
        [
            ClaimSpec(member=0, received=date(2026, 6, 3)),
            ClaimSpec(member=1, received=date(2026, 6, 1), county="611021"),
            ClaimSpec(member=2, received=date(2026, 6, 3), county="611002"),
            ClaimSpec(member=3, received=date(2026, 5, 1), status="waiting_papers"),
            ClaimSpec(member=4, received=date(2026, 4, 1), status="approved", approved_fen=1750_00),
        ],
    )
    rows = cr.review_queue(db)
    # received on, then claim number
    assert [r.claim_number for r in rows] == [numbers[1], numbers[0], numbers[2]]
    assert cr.review_queue_count(db) == 3
    first = rows[0]
    assert first.quoted == Decimal("1750.00")
    assert first.plan_code == PLAN
    assert first.clerk_name == "张经办"
    assert first.hospital_name == "商洛市中心医院"
    assert first.papers_complete is True
    assert [r.claim_number for r in cr.review_queue(db, limit=2, offset=1)] == [numbers[0], numbers[2]]


def test_queue_filters(db, counter):
    # same day: by claim number (611002-... before 611021-...)
    numbers = add_claims(
        db,
        counter,
        [
            ClaimSpec(member=0, in_scope="300.00"),  # 300.00 (the floor)
            ClaimSpec(member=1, county="611021", clerk="clerk2"),  # 1750.00
            ClaimSpec(member=2, in_scope="10000.00", clerk="clerk2"),  # 7000.00
        ],
    )
    assert [r.claim_number for r in cr.review_queue(db, county_code="611021")] == [numbers[1]]
    assert [r.claim_number for r in cr.review_queue(db, county_code="611002")] == [numbers[0], numbers[2]]
    assert [r.claim_number for r in cr.review_queue(db, entered_by=counter.clerk2.id)] == [numbers[2], numbers[1]]
    assert [r.claim_number for r in cr.review_queue(db, entered_by="zhang")] == [numbers[0]]
    assert [r.claim_number for r in cr.review_queue(db, min_amount="1000")] == [numbers[2], numbers[1]]
    assert [r.claim_number for r in cr.review_queue(db, max_amount="1,750.00")] == [numbers[0], numbers[1]]
    assert [r.claim_number for r in cr.review_queue(db, min_amount="300", max_amount="300")] == [numbers[0]]
    assert cr.review_queue(db, plan_code=PLAN, county_code="611021", entered_by="li") != []
    assert cr.review_queue(db, plan_code="NO-SUCH") == []
    assert cr.review_queue_count(db, entered_by=counter.clerk2.id, min_amount="2000") == 1
    with pytest.raises(ServiceError, match="金额范围"):
        cr.review_queue(db, min_amount="500", max_amount="100")
    with pytest.raises(ServiceError, match="最低金额"):
        cr.review_queue(db, min_amount="abc")
    choices = cr.queue_choices(db)
    assert [c.key for c in choices.counties] == ["611002", "611021"]
    assert [c.key for c in choices.plans] == [PLAN]
    assert counter.clerk.id in [c.key for c in choices.clerks]
    assert counter.reviewer.id not in [c.key for c in choices.clerks]


def test_queue_query_uses_the_status_index(db, counter):
    from mutualaid_desktop.store.claim_queries import ClaimQueries, QueueFilter

    with UnitOfWork(db, read_only=True) as uow:
        stmt = ClaimQueries(uow.session).queue_statement(QueueFilter(), limit=50, offset=0)
        sql = str(stmt.compile(compile_kwargs={"literal_binds": True}))
        plan = " ".join(row[-1] for row in uow.session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert "ix_claims_status" in plan
    assert "SCAN claims" not in plan


# --- one claim -------------------------------------------------------------------------------


def test_claim_for_review_shows_facts_papers_quote_member_history(db, counter):
    number = one(db, counter)
    view = cr.claim_for_review(db, number, today=date(2026, 7, 1))
    assert view.status == "waiting_review" and view.waiting
    assert view.member_name == counter.names[0]
    assert view.unit_name == "商州区第一中学工会"
    assert view.hospital_name == "商洛市中心医院" and view.hospital_grade == "三级"
    assert {f.label: f.value for f in view.facts}["政策范围内个人自付"] == "¥2,500.00"
    assert [p.item for p in view.papers] == ["身份证复印件", "出院小结", "住院发票原件"]
    assert view.papers_missing == ()
    assert view.stored_quote.payout == Decimal("1750.00")
    assert view.stored_quote.lines[0].label == "政策范围内个人自付"
    assert view.fresh_quote is not None and not view.quote_changed and view.changes == ()
    assert [h.to_label for h in view.history] == ["待审核"]
    assert view.history[0].user_name == "张经办"
    assert view.clerk_name == "张经办"
    assert view.refusal_options()[0][0] == "false_papers"
    with pytest.raises(NotFound):
        cr.claim_for_review(db, "611002-2026-999999")


def test_fresh_quote_shows_what_changed_since_intake(db, counter):
    add_claims(
        db,
        counter,
        [ClaimSpec(member=0, status="approved", approved_fen=29500_00, in_scope="50000.00", received=date(2026, 3, 1))],
    )
    number = one(db, counter, member=0, received=date(2026, 6, 1))  # stored: paid before 0.00 -> 1750.00
    view = cr.claim_for_review(db, number)
    assert view.stored_quote.payout == Decimal("1750.00")
    assert view.fresh_quote.payout == Decimal("500.00")  # 30,000 cap - 29,500
    assert view.quote_changed and view.quote.payout == Decimal("500.00")
    changed = {c.key: (c.at_intake, c.now) for c in view.changes}
    assert changed["paid_before"] == ("¥0.00", "¥29,500.00")
    assert changed["claims_before"] == ("0", "1")

    # approving takes the quote of now, and says so
    with pytest.raises(ServiceError, match="高于计算金额"):
        cr.approve(db, counter.reviewer, number, amount="1750.00")
    decision = cr.approve(db, counter.reviewer, number)
    assert decision.approved == Decimal("500.00") and decision.quote_refreshed
    c = claim(db, number)
    assert (c.quoted_fen, c.approved_fen) == (500_00, 500_00)
    assert json.loads(c.facts_json)["paid_before"] == "29500.00"
    assert "按审核时重新计算" in changes(db, number)[-1].reason


def test_duplicate_invoice_found_at_review_can_not_be_approved(db, counter):
    add_claims(db, counter, [ClaimSpec(member=1, invoice="61000012345", status="approved", approved_fen=1750_00)])
    number = one(db, counter, member=1, invoice="61000012345")
    view = cr.claim_for_review(db, number)
    assert view.fresh_quote.reasons == ("duplicate",)
    assert view.refusal_options()[0][0] == "duplicate"
    with pytest.raises(ServiceError, match="不能核准"):
        cr.approve(db, counter.reviewer, number)
    assert claim(db, number).status == "waiting_review"
    cr.refuse(db, counter.reviewer, number, reason_code="duplicate")
    assert claim(db, number).decision_reason == "该发票已经理赔过，不能重复申请"


# --- approving -------------------------------------------------------------------------------


def test_approve_at_the_quote_writes_status_history_and_audit(db, counter):
    number = one(db, counter)
    decision = cr.approve(db, counter.reviewer, number)
    assert decision.status == "approved" and decision.approved == Decimal("1750.00")
    assert not decision.quote_refreshed and decision.flags_acknowledged == ()
    c = claim(db, number)
    assert (c.status, c.approved_fen, c.decision_reason, c.decided_by) == (
        "approved",
        1750_00,
        None,
        counter.reviewer.id,
    )
    assert c.decided_at is not None
    last = changes(db, number)[-1]
    assert (last.from_status, last.to_status, last.user_id) == ("waiting_review", "approved", counter.reviewer.id)
    [record] = audits(db, "claim.approve")
    assert record.username == "rev" and record.entity == "claim" and record.entity_id == str(c.id)
    assert json.loads(record.after_json)["approved"] == "1750.00"
    assert cr.review_queue(db) == []


def test_approve_a_lower_amount_with_its_reason(db, counter):
    number = one(db, counter)
    decision = cr.approve(db, counter.reviewer, number, amount="1,200.00", reason="部分费用为院外购药，按住院部分核定")
    assert decision.approved == Decimal("1200.00")
    c = claim(db, number)
    assert (c.approved_fen, c.quoted_fen) == (1200_00, 1750_00)
    assert c.decision_reason == "部分费用为院外购药，按住院部分核定"
    assert "核减至 ¥1,200.00" in changes(db, number)[-1].reason


def test_lower_amount_without_reason_is_refused(db, counter):
    number = one(db, counter)
    with pytest.raises(ServiceError, match="请填写核减理由"):
        cr.approve(db, counter.reviewer, number, amount="1200", reason="  ")
    assert claim(db, number).status == "waiting_review"
    assert audits(db, "claim.approve") == []


@pytest.mark.parametrize(
    "amount, message", [("1750.01", "高于计算金额"), ("0", "须大于 0"), ("-5", "不能为负数"), ("12.345", "两位小数")]
)
def test_bad_amounts_are_refused(db, counter, amount, message):
    number = one(db, counter)
    with pytest.raises(ServiceError, match=message):
        cr.approve(db, counter.reviewer, number, amount=amount, reason="理由")
    c = claim(db, number)
    assert (c.status, c.approved_fen) == ("waiting_review", None)
    assert len(changes(db, number)) == 1


def test_the_database_refuses_an_approved_amount_above_the_quote(db, counter):
    from sqlalchemy.exc import IntegrityError

    number = one(db, counter)
    with pytest.raises(IntegrityError), UnitOfWork(db) as uow:
        c = uow.session.scalar(select(Claim).where(Claim.claim_number == number))
        c.approved_fen = c.quoted_fen + 1
        uow.session.flush()


# --- refusing --------------------------------------------------------------------------------


def test_refuse_with_a_reason_and_text(db, counter):
    number = one(db, counter)
    decision = cr.refuse(db, counter.reviewer, number, reason_code="not_inpatient", text="所附发票为门诊发票")
    assert decision.status == "refused"
    c = claim(db, number)
    assert (c.status, c.approved_fen, c.decided_by) == ("refused", None, counter.reviewer.id)
    assert c.decision_reason == "非住院费用：所报费用不属于住院医疗费用\n说明：所附发票为门诊发票"
    assert cr.split_refusal(c.decision_reason) == (("非住院费用：所报费用不属于住院医疗费用",), "所附发票为门诊发票")
    last = changes(db, number)[-1]
    assert (last.from_status, last.to_status) == ("waiting_review", "refused")
    assert "非住院费用" in last.reason
    [record] = audits(db, "claim.refuse")
    assert json.loads(record.after_json)["reason_codes"] == ["not_inpatient"]


def test_refusal_needs_a_listed_reason_and_text_for_other(db, counter):
    number = one(db, counter)
    with pytest.raises(ServiceError, match="请选择不予给付的理由"):
        cr.refuse(db, counter.reviewer, number, reason_code="")
    with pytest.raises(ServiceError, match="不在理由列表中"):
        cr.refuse(db, counter.reviewer, number, reason_code="bad_luck")
    with pytest.raises(ServiceError, match="其他"):
        cr.refuse(db, counter.reviewer, number, reason_code="other", text=" ")
    assert claim(db, number).status == "waiting_review"
    cr.refuse(db, counter.reviewer, number, reason_code=["waiting_period", "other"], text="经核实为断保后重新参保")
    assert cr.split_refusal(claim(db, number).decision_reason) == (
        ("入院（确诊）日期在观察期内（首次参保或断保后重新参保）",),
        "经核实为断保后重新参保",
    )


# --- who decides -----------------------------------------------------------------------------


def test_the_clerk_who_entered_a_claim_may_not_decide_it(db, counter):
    reviewer_clerk = UserInfo(counter.reviewer.id, "rev", "钱审核", "reviewer")
    number = one(db, counter, clerk="reviewer")  # entered by the reviewer himself
    with pytest.raises(PermissionDenied, match="同一个人"):
        cr.approve(db, reviewer_clerk, number)
    with pytest.raises(PermissionDenied, match="同一个人"):
        cr.refuse(db, reviewer_clerk, number, reason_code="false_papers")
    assert claim(db, number).status == "waiting_review"


@pytest.mark.parametrize("role", ["clerk"])
def test_only_reviewers_supervisors_and_admins_decide(db, counter, role):
    number = one(db, counter)
    with pytest.raises(PermissionDenied, match="不能审核理赔"):
        cr.approve(db, counter.clerk2, number)
    with pytest.raises(PermissionDenied, match="不能审核理赔"):
        cr.refuse(db, counter.clerk2, number, reason_code="false_papers")
    admin = UserInfo(None, "cli:root", "命令行", "admin")
    assert cr.approve(db, admin, number).status == "approved"


def test_a_decided_claim_can_not_be_decided_again(db, counter):
    number, other = add_claims(db, counter, [ClaimSpec(member=0), ClaimSpec(member=1, status="waiting_papers")])
    cr.approve(db, counter.reviewer, number)
    with pytest.raises(ServiceError, match="不是待审核"):
        cr.approve(db, counter.reviewer, number)
    with pytest.raises(ServiceError, match="不是待审核"):
        cr.refuse(db, counter.supervisor, number, reason_code="false_papers")
    with pytest.raises(ServiceError, match="补交材料"):
        cr.approve(db, counter.reviewer, other)
    assert claim(db, number).approved_fen == 1750_00
    assert len(changes(db, number)) == 2
    assert len(audits(db, "claim.approve")) == 1


# --- the notice ------------------------------------------------------------------------------


def test_decision_notice_data_and_print_record(db, counter):
    from mutualaid_desktop.store.repositories import SettingRepository

    with UnitOfWork(db) as uow:
        SettingRepository(uow.session).put("counter_phone", "0914-2312345")
        uow.commit()
    approved, refused = add_claims(db, counter, [ClaimSpec(member=0), ClaimSpec(member=1)])
    with pytest.raises(ServiceError, match="还没有审核"):
        cr.decision_notice(db, approved)
    cr.approve(db, counter.reviewer, approved, amount="1000.00", reason="按实际住院费用核定")
    cr.refuse(db, counter.reviewer, refused, reason_code="false_papers", text="发票与医院记录不符")
    notice = cr.decision_notice(db, approved)
    assert notice.kind == "approval"
    assert notice.approved == Decimal("1000.00") and notice.quoted == Decimal("1750.00")
    assert notice.approved_in_words == "人民币壹仟元整"
    assert notice.lower_reason == "按实际住院费用核定"
    assert notice.account_masked == "6228 **** **** 9012"
    assert notice.id_number_masked.count("*") == 8
    assert notice.counter_phone == "0914-2312345" and notice.counter_address is None
    assert notice.reviewer_name == "钱审核"
    refusal = cr.decision_notice(db, refused)
    assert refusal.kind == "refusal" and refusal.reasons == ("材料不实：提供的材料与实际情况不符",)
    assert refusal.reason_text == "发票与医院记录不符" and refusal.appeal_days == 15
    first = cr.print_decision_notice(db, counter.reviewer, approved)
    again = cr.print_decision_notice(db, counter.clerk, approved)
    assert (first.copy_number, again.copy_number) == (0, 1)
    assert again.notice.is_reprint
    with UnitOfWork(db, read_only=True) as uow:
        docs = list(uow.session.scalars(select(PrintedDocument).where(PrintedDocument.kind == "decision_notice")))
    assert [(d.serial, d.copy_number) for d in docs] == [(approved, 0), (approved, 1)]
    assert docs[1].reprint_of_id == docs[0].id


def test_mask_account():
    assert cr.mask_account("6228 4801 2345 6789 012") == "6228 **** **** 9012"
    assert cr.mask_account(None) == ""
