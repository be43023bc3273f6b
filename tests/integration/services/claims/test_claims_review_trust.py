"""理赔审核 that cannot be fooled (issue 9): maker-checker without exception, flags that need the
reviewer's explicit acknowledgement, a quote of 0.00 never approved. On a real SQLite file."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select, update

from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.claims import claims_review as cr
from mutualaid_desktop.services.errors import PermissionDenied, ServiceError
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import AuditRecord, Claim, ClaimStatusChange
from tests.accounts import add_accounts

from ..review_data import YEAR, ClaimSpec, add_claims, review_counter

ADMIN = UserInfo(90, "zhou", "周管理", "admin")


@pytest.fixture
def counter(db):
    counter = review_counter(db)
    add_accounts(db, ADMIN)
    return counter


def claim(db, number) -> Claim:
    with UnitOfWork(db, read_only=True) as uow:
        return uow.session.scalar(select(Claim).where(Claim.claim_number == number))


def set_claim(db, number, **values) -> None:
    with UnitOfWork(db, username="setup") as uow:
        uow.session.execute(update(Claim).where(Claim.claim_number == number).values(**values))
        uow.commit()


def last_change(db, number) -> ClaimStatusChange:
    with UnitOfWork(db, read_only=True) as uow:
        c = uow.session.scalar(select(Claim).where(Claim.claim_number == number))
        return uow.session.scalars(
            select(ClaimStatusChange).where(ClaimStatusChange.claim_id == c.id).order_by(ClaimStatusChange.id.desc())
        ).first()


def audits(db, action) -> list[dict]:
    with UnitOfWork(db, read_only=True) as uow:
        return [
            json.loads(a.after_json)
            for a in uow.session.scalars(
                select(AuditRecord).where(AuditRecord.action == action).order_by(AuditRecord.id)
            )
        ]


# --- maker-checker -----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["reviewer", "supervisor", "admin"])
def test_whoever_entered_a_claim_never_decides_it_supervisors_included(db, counter, who):
    user = ADMIN if who == "admin" else getattr(counter, who)
    number = add_claims(db, counter, [ClaimSpec()])[0]
    set_claim(db, number, entered_by=user.id)
    with pytest.raises(PermissionDenied, match="本人受理"):
        cr.approve(db, user, number)
    with pytest.raises(PermissionDenied, match="本人受理"):
        cr.refuse(db, user, number, reason_code="false_papers")
    c = claim(db, number)
    assert (c.status, c.decided_by, c.approved_fen) == ("waiting_review", None, None)
    assert audits(db, "claim.approve") == audits(db, "claim.refuse") == []
    view = cr.claim_for_review(db, number)
    assert "本人受理" in cr.decision_problem(user, view) and "不能是同一个人" in cr.decision_problem(user, view)
    # another person decides it
    other = counter.reviewer if who != "reviewer" else counter.supervisor
    assert cr.decision_problem(other, view) is None
    assert cr.approve(db, other, number).status == "approved"


def test_why_a_user_may_not_decide(db, counter):
    number = add_claims(db, counter, [ClaimSpec()])[0]
    view = cr.claim_for_review(db, number)
    assert "不能审核理赔" in cr.decision_problem(counter.clerk2, view)
    assert cr.decision_problem(counter.reviewer, view) is None
    cr.approve(db, counter.reviewer, number)
    assert "已不是待审核" in cr.decision_problem(counter.supervisor, cr.claim_for_review(db, number))


def test_the_view_says_why_its_reader_may_not_decide_it(db, counter):
    """The screen reads the flag; the rule stays decision_problem's."""
    number = add_claims(db, counter, [ClaimSpec(clerk="supervisor")])[0]
    view = cr.claim_for_review(db, number, user=counter.supervisor)
    assert view.why_not_decide == cr.decision_problem(counter.supervisor, view) and "本人受理" in view.why_not_decide
    assert cr.claim_for_review(db, number, user=counter.reviewer).why_not_decide is None
    assert "不能审核理赔" in cr.claim_for_review(db, number, user=counter.clerk2).why_not_decide


# --- flags -------------------------------------------------------------------------------------


def two_claims_with_one_invoice(db, counter) -> tuple[str, str]:
    first, second = add_claims(
        db,
        counter,
        [ClaimSpec(member=0, invoice="AB-1234"), ClaimSpec(member=1, invoice="ab 1234", received=date(YEAR, 6, 5))],
    )
    set_claim(db, first, invoice_key="AB1234")
    set_claim(
        db,
        second,
        invoice_key="AB1234",
        flags_json=json.dumps(
            [{"code": "invoice_other_member", "claim": first, "text": f"发票号码与另一会员的理赔 {first} 相同"}],
            ensure_ascii=False,
        ),
    )
    return first, second


def test_a_flagged_claim_is_approved_only_when_the_reviewer_acknowledges_its_flags(db, counter):
    first, second = two_claims_with_one_invoice(db, counter)
    view = cr.claim_for_review(db, second)
    assert [(f.code, f.claim_number) for f in view.flags] == [("invoice_other_member", first)]
    with pytest.raises(ServiceError, match="疑点"):
        cr.approve(db, counter.reviewer, second)
    with pytest.raises(ServiceError, match="疑点"):
        cr.approve(db, counter.reviewer, second, acknowledge_flags=["invoice_other_member:C01-2099-000001"])
    assert claim(db, second).status == "waiting_review" and audits(db, "claim.approve") == []
    decision = cr.approve(db, counter.reviewer, second, acknowledge_flags=[f.key for f in view.flags])
    assert decision.status == "approved" and decision.flags_acknowledged == (f"invoice_other_member:{first}",)
    [record] = audits(db, "claim.approve")
    assert record["flags_acknowledged"] == [f"invoice_other_member:{first}"]
    assert record["flags"][0]["claim"] == first
    assert "已核实疑点" in last_change(db, second).reason and first in last_change(db, second).reason


def test_the_earlier_claim_is_flagged_too_when_reviewed_after_the_later_one_came(db, counter):
    first, second = two_claims_with_one_invoice(db, counter)
    view = cr.claim_for_review(db, first)  # nothing was found when it was received
    assert [(f.code, f.claim_number) for f in view.flags] == [("invoice_other_member", second)]
    with pytest.raises(ServiceError, match="疑点"):
        cr.approve(db, counter.reviewer, first)


def test_a_flagged_claim_may_be_refused_and_the_flags_are_recorded(db, counter):
    _first, second = two_claims_with_one_invoice(db, counter)
    cr.refuse(db, counter.reviewer, second, reason_code="false_papers", text="发票属于另一会员")
    [record] = audits(db, "claim.refuse")
    assert record["flags"][0]["code"] == "invoice_other_member"


# --- a quote of 0.00 -----------------------------------------------------------------------------


def test_a_quote_of_zero_is_not_payable_at_review(db, counter):
    number = add_claims(db, counter, [ClaimSpec(in_scope="0.00")])[0]
    facts = json.loads(claim(db, number).facts_json)
    facts.update(total_cost="3000.00", fund_paid="3000.00", out_of_scope_self_pay="0.00")
    set_claim(
        db,
        number,
        facts_json=json.dumps(facts),
        quote_json=json.dumps({"eligible": True, "reasons": [], "payout": "0.00", "lines": []}),
        quoted_fen=0,
    )
    view = cr.claim_for_review(db, number)
    assert not view.quote.eligible and view.quote.reasons == ("nothing_to_pay",)
    assert not view.stored_quote.eligible and "给付金额为 0" in view.quote.reason_labels[0]
    assert view.refusal_options()[0][0] == "nothing_to_pay"
    with pytest.raises(ServiceError, match="不符合给付条件"):
        cr.approve(db, counter.reviewer, number)
    cr.refuse(db, counter.reviewer, number, reason_code="nothing_to_pay")
    assert claim(db, number).status == "refused"


def test_a_stay_that_ends_after_today_is_not_approved(db, counter):
    number = add_claims(db, counter, [ClaimSpec()])[0]  # admission 20 days before 2026-06-01, discharge 7 days later
    discharge = json.loads(claim(db, number).facts_json)["discharge_date"]
    before = date.fromisoformat(discharge).replace(day=1)
    with pytest.raises(ServiceError, match="晚于今天"):
        cr.approve(db, counter.reviewer, number, today=before)
    assert claim(db, number).status == "waiting_review"
    assert cr.approve(db, counter.reviewer, number, today=date(YEAR, 6, 1)).status == "approved"
