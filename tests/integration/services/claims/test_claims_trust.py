"""Claim intake that cannot be fooled (issue 9): a stay that has not ended, a quote of 0.00, the same
invoice written another way or for another member, the same stay twice, hidden characters in the
bank account, and 补交材料 that never confirms by itself. On a real SQLite file."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.services.claims.claims_intake import (
    BankAccount,
    Stay,
    complete_papers,
    quote_for,
    save_claim,
    waiting_claim,
)
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import (
    AuditRecord,
    Claim,
    ClaimStatusChange,
    PrintedDocument,
)

from ..intake_data import ALL_PAPERS, SL27, TODAY, ZB27, bank, make_claims_counter, stay


@pytest.fixture
def cc(db):
    return make_claims_counter(db)


def save(db, cc, key="zhang", plan=SL27, *, papers=ALL_PAPERS, account="default", today=TODAY, **kw):
    if account == "default":
        account = bank(cc.members[key][2])
    return save_claim(
        db,
        cc.clerk,
        member_id=cc.members[key][0],
        enrollment_id=cc.covers[(key, plan)],
        stay=stay(cc, **kw),
        papers=papers,
        bank=account,
        today=today,
    )


def quote(db, cc, key="zhang", plan=SL27, **kw):
    return quote_for(
        db, member_id=cc.members[key][0], enrollment_id=cc.covers[(key, plan)], stay=stay(cc, **kw), today=TODAY
    )


def rows(db, model, **where):
    with UnitOfWork(db, read_only=True) as uow:
        stmt = select(model)
        for key, value in where.items():
            stmt = stmt.where(getattr(model, key) == value)
        return list(uow.session.scalars(stmt.order_by(model.id)))


def flags_of(db, number) -> list[dict]:
    return json.loads(rows(db, Claim, claim_number=number)[0].flags_json or "[]")


# --- a stay that has not ended -----------------------------------------------------------------


def test_a_stay_discharged_after_today_is_refused_at_its_field(db, cc):
    later = TODAY + timedelta(days=5)
    with pytest.raises(InputError) as live:
        quote(db, cc, admission_date=TODAY - timedelta(days=2), discharge_date=later)
    assert live.value.field == "discharge_date" and live.value.code == "future"
    assert "晚于今天" in live.value.message and later.isoformat() in live.value.message
    with pytest.raises(InputError) as saving:
        save(db, cc, admission_date=TODAY - timedelta(days=2), discharge_date=later)
    assert saving.value.field == "discharge_date"
    assert rows(db, Claim) == [] and rows(db, AuditRecord, action="claim.intake") == []
    # discharged today is a stay that has ended
    assert save(db, cc, admission_date=TODAY - timedelta(days=2), discharge_date=TODAY).status == "waiting_review"


def test_a_diagnosis_dated_after_today_is_refused(db, cc):
    with pytest.raises(InputError) as refused:
        quote_for(
            db,
            member_id=cc.members["zhao"][0],
            enrollment_id=cc.covers[("zhao", ZB27)],
            stay=Stay(hospital_id=cc.hospital_id, diagnosis="恶性肿瘤", diagnosis_date=TODAY + timedelta(days=1)),
            today=TODAY,
        )
    assert refused.value.field == "diagnosis_date" and refused.value.code == "future"


# --- a quote of 0.00 ---------------------------------------------------------------------------


def test_a_quote_of_zero_is_never_payable_nor_saved_as_payable(db, cc):
    all_by_insurance = dict(
        total_cost="1000.00", fund_paid="1000.00", in_scope_self_pay="0.00", out_of_scope_self_pay="0.00"
    )
    q, _facts = quote(db, cc, **all_by_insurance)
    assert q.payout == 0 and not q.eligible
    assert q.reasons == ("nothing_to_pay",) and "给付金额为 0" in q.reason_labels[0]
    saved = save(db, cc, **all_by_insurance)
    claim = rows(db, Claim, claim_number=saved.claim_number)[0]
    stored = json.loads(claim.quote_json)
    assert (stored["eligible"], stored["payout"], stored["reasons"]) == (False, "0.00", ["nothing_to_pay"])
    assert not saved.receipt.eligible and "给付金额为 0" in saved.receipt.reasons[0]
    [intake] = rows(db, AuditRecord, action="claim.intake")
    assert json.loads(intake.after_json)["eligible"] is False


# --- duplicates --------------------------------------------------------------------------------


def test_the_same_invoice_written_another_way_is_a_duplicate_of_the_member(db, cc):
    first = save(db, cc, invoice_number="AB-1234")
    assert rows(db, Claim)[0].invoice_key == "AB1234"
    q, _facts = quote(db, cc, invoice_number="ab 1234")
    assert "duplicate" in q.reasons and not q.eligible
    second = save(
        db, cc, invoice_number="ａｂ１２３４", admission_date=date(2027, 5, 20), discharge_date=date(2027, 5, 25)
    )
    assert "duplicate" in second.quote.reasons
    assert [f["code"] for f in flags_of(db, second.claim_number)] == ["invoice_same_member"]
    assert flags_of(db, second.claim_number)[0]["claim"] == first.claim_number


def test_the_same_invoice_for_another_member_is_flagged_for_the_reviewer(db, cc):
    first = save(db, cc, invoice_number="AB-1234")
    # 李娜, another member, the same invoice written in full-width letters with a space
    second = save(
        db, cc, "li", invoice_number="ＡＢ 1234", admission_date=date(2027, 5, 20), discharge_date=date(2027, 5, 25)
    )
    assert [(f.code, f.claim_number) for f in second.flags] == [("invoice_other_member", first.claim_number)]
    flags = flags_of(db, second.claim_number)
    assert flags[0]["code"] == "invoice_other_member" and first.claim_number in flags[0]["text"]
    assert "张伟" not in flags[0]["text"] and cc.members["zhang"][1] not in flags[0]["text"]
    claim = rows(db, Claim, claim_number=second.claim_number)[0]
    assert claim.invoice_key == "AB1234" and claim.invoice_number == "AB1234"
    [change] = rows(db, ClaimStatusChange, claim_id=claim.id)
    assert "疑点待审核" in change.reason and "同一发票" in change.reason
    audit = rows(db, AuditRecord, action="claim.intake")[-1]
    assert json.loads(audit.after_json)["flags"][0]["claim"] == first.claim_number
    # a refused claim's invoice is not held against anyone
    with UnitOfWork(db, username="t") as uow:
        uow.session.scalar(select(Claim).where(Claim.claim_number == first.claim_number)).status = "refused"
        uow.commit()
    third = save(
        db, cc, "li", invoice_number="ab-1234", admission_date=date(2027, 5, 27), discharge_date=date(2027, 5, 29)
    )
    assert [f.claim_number for f in third.flags] == [second.claim_number]


def test_the_same_stay_for_another_member_is_flagged(db, cc):
    first = save(db, cc, invoice_number="INV-1")
    second = save(db, cc, "li", invoice_number="INV-2")  # same hospital, dates and amounts
    assert [(f.code, f.claim_number) for f in second.flags] == [("same_stay_other_member", first.claim_number)]
    # other amounts: a different stay
    third = save(
        db,
        cc,
        "li",
        invoice_number="INV-3",
        in_scope_self_pay="2400.00",
        out_of_scope_self_pay="600.00",
        admission_date=date(2027, 5, 3),
        discharge_date=date(2027, 5, 10),
    )
    assert [f.code for f in third.flags if f.code == "same_stay_other_member"] == []


def test_overlapping_stays_of_one_member_are_flagged(db, cc):
    first = save(db, cc, invoice_number="INV-1")  # 2027-05-03 to 05-10
    overlapping = save(
        db, cc, invoice_number="INV-2", admission_date=date(2027, 5, 8), discharge_date=date(2027, 5, 12)
    )
    assert [(f.code, f.claim_number) for f in overlapping.flags] == [("overlapping_stay", first.claim_number)]
    assert "2027-05-03 至 2027-05-10" in overlapping.flags[0].text
    # moved to another hospital on the day of discharge: not an overlap
    transfer = save(db, cc, invoice_number="INV-3", admission_date=date(2027, 5, 12), discharge_date=date(2027, 5, 20))
    assert [f.claim_number for f in transfer.flags] == []


# --- text typed at intake ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "field, kw",
    [
        ("bank_name", {"account": BankAccount("中国农业银行\u202e商洛分行", "张伟", "6228480012345678901")}),
        ("account_holder", {"account": BankAccount("中国农业银行", "张\u200b伟", "6228480012345678901")}),
        ("account_number", {"account": BankAccount("中国农业银行", "张伟", "62284800\u200d12345678901")}),
        ("bank_name", {"account": BankAccount("银" * 65, "张伟", "6228480012345678901")}),
        (
            "beneficiary_note",
            {"account": BankAccount("中国农业银行", "张小伟", "6228480012345678901", "受益人\x07张小伟")},
        ),
        ("invoice_number", {"invoice_number": "6100\u202e0012345"}),
        ("diagnosis", {"diagnosis": "肺炎\u200b"}),
        ("diagnosis", {"diagnosis": "肺" * 129}),
    ],
)
def test_hidden_characters_and_too_long_text_are_refused_where_typed(db, cc, field, kw):
    with pytest.raises(InputError) as refused:
        save(db, cc, **kw)
    assert refused.value.field == field
    assert refused.value.code in ("hidden_character", "length")
    assert rows(db, Claim) == []


# --- 补交材料 ------------------------------------------------------------------------------------


def test_looking_a_claim_up_changes_nothing_and_an_empty_visit_is_refused(db, cc):
    saved = save(db, cc, papers=("身份证复印件", "出院小结", "住院发票原件"))
    assert saved.papers_missing == ("医保结算单", "银行卡复印件")
    printed, audits = len(rows(db, PrintedDocument)), len(rows(db, AuditRecord))
    waiting_claim(db, saved.claim_number)
    waiting_claim(db, saved.claim_number)
    with pytest.raises(InputError) as nothing:
        complete_papers(db, cc.clerk2, saved.claim_number, [], today=date(2027, 6, 20))
    assert nothing.value.field == "papers" and "请勾选本次补交的材料" in nothing.value.message
    with pytest.raises(InputError):  # ticking what was already received brings nothing either
        complete_papers(db, cc.clerk2, saved.claim_number, ["身份证复印件"], today=date(2027, 6, 20))
    assert (len(rows(db, PrintedDocument)), len(rows(db, AuditRecord))) == (printed, audits)
    assert rows(db, Claim)[0].status == "waiting_papers"


def test_papers_brought_later_complete_the_claim_and_the_receipt_lists_them(db, cc):
    saved = save(db, cc, papers=("身份证复印件", "出院小结", "住院发票原件"))
    done = complete_papers(db, cc.clerk2, saved.claim_number, ["医保结算单", "银行卡复印件"], today=date(2027, 6, 20))
    assert done.status == "waiting_review" and done.papers_missing == ()
    assert done.receipt.reissued and done.receipt.papers_missing == ()
    assert "医保结算单（2027-06-20 补交）" in done.receipt.papers_received
    assert "身份证复印件" in done.receipt.papers_received
    claim = rows(db, Claim)[0]
    assert claim.status == "waiting_review"
    history = rows(db, ClaimStatusChange, claim_id=claim.id)
    assert [(h.from_status, h.to_status, h.user_id) for h in history][-1] == (
        "waiting_papers",
        "waiting_review",
        cc.clerk2.id,
    )
    assert "医保结算单" in history[-1].reason
    audit = json.loads(rows(db, AuditRecord, action="claim.papers")[-1].after_json)
    assert audit["brought"] == ["医保结算单", "银行卡复印件"] and audit["brought_on"] == "2027-06-20"
    assert [p.copy_number for p in rows(db, PrintedDocument, kind="acceptance_receipt")] == [0, 1]
