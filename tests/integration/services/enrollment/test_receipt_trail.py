"""What a receipt says about the others: the voided receipt it replaces, a transfer's bank reference,
who may void it (asked before a reason is typed), and the day's voids with their reasons."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from mutualaid_desktop.services.enrollment.payments import (
    cash_up,
    due_for,
    list_receipts,
    receipt_paper,
    record_payment,
    void_receipt,
)
from mutualaid_desktop.services.enrollment.receipt_voids import void_refusal
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Enrollment, PremiumPayment

from ..payments_data import make_counter

SL27 = "SL-ZY-2027"


@pytest.fixture
def counter(db):
    return make_counter(db, members=4)


def pay(db, counter, today, ids=None, *, unit=None, user=None, method="cash", **kw):
    ids = counter.enrollment_ids[SL27] if ids is None else ids
    return record_payment(
        db,
        user or counter.clerk,
        enrollment_ids=ids,
        payer_unit_code=unit or counter.unit_code,
        amount=due_for(db, enrollment_ids=ids, paid_on=today).total,
        method=method,
        paid_on=today,
        today=today,
        **kw,
    )


def rows_by_serial(db):
    return {r.serial: r for r in list_receipts(db)}


def test_a_receipt_for_the_same_enrollments_after_a_void_says_which_receipt_it_replaces(db, counter, today):
    first = pay(db, counter, today)
    void_receipt(db, counter.clerk, first.serial, "缴费方式录错", today=today)
    second = pay(db, counter, today, method="transfer")
    assert second.paper.replaces_serial == first.serial
    assert receipt_paper(db, second.serial).replaces_serial == first.serial
    rows = rows_by_serial(db)
    assert rows[second.serial].replaces_serial == first.serial
    assert rows[first.serial].replaced_by_serial == second.serial
    with UnitOfWork(db, read_only=True) as uow:
        payment = uow.session.get(PremiumPayment, second.payment_id)
        assert payment.replaces_payment_id == first.payment_id
    # a receipt of other people replaces nothing
    other = pay(db, counter, today, counter.other_ids, unit=counter.other_unit_code)
    assert other.paper.replaces_serial is None and rows_by_serial(db)[other.serial].replaces_serial is None


def test_the_same_units_same_members_on_new_enrollments_and_a_chain_of_voids(db, counter, today):
    first = pay(db, counter, today)
    void_receipt(db, counter.clerk, first.serial, "人数录错", today=today)
    # the enrollments are cancelled and the same members enrolled again (same unit, same plan)
    with UnitOfWork(db, username="setup") as uow:
        old = list(uow.session.scalars(select(Enrollment).where(Enrollment.id.in_(counter.enrollment_ids[SL27]))))
        new = []
        for e in old:
            e.status = "cancelled"
            again = Enrollment(
                member_id=e.member_id,
                plan_id=e.plan_id,
                unit_id=e.unit_id,
                shares=1,
                premium_fen=e.premium_fen,
                status="pending_payment",
            )
            uow.session.add(again)
            uow.session.flush()
            new.append(again.id)
        uow.commit()
    second = pay(db, counter, today, new)
    assert second.paper.replaces_serial == first.serial
    # voided again and paid again: the newest receipt replaces the one voided last, not the first again
    void_receipt(db, counter.clerk, second.serial, "金额录错", today=today)
    third = pay(db, counter, today, new)
    assert third.paper.replaces_serial == second.serial
    # only a part of the people: not a replacement of the whole receipt
    void_receipt(db, counter.clerk, third.serial, "分开缴费", today=today)
    part = pay(db, counter, today, new[:2])
    assert part.paper.replaces_serial is None


def test_a_transfer_carries_its_bank_reference_cleaned_and_limited(db, counter, today):
    with pytest.raises(ServiceError, match="银行流水号最多 64 个字符"):
        pay(db, counter, today, method="transfer", bank_reference="A" * 65)
    with pytest.raises(ServiceError, match="只有转账"):
        pay(db, counter, today, method="cash", bank_reference="123")
    with UnitOfWork(db, read_only=True) as uow:
        assert uow.session.scalar(select(func.count()).select_from(PremiumPayment)) == 0  # nothing changed
    result = pay(db, counter, today, method="transfer", bank_reference=" ｂｏｃ２０２６ 1129 0001 ")
    assert result.paper.bank_reference == "BOC202611290001"
    assert rows_by_serial(db)[result.serial].bank_reference == "BOC202611290001"
    with UnitOfWork(db, read_only=True) as uow:
        assert uow.session.get(PremiumPayment, result.payment_id).bank_reference == "BOC202611290001"
    day = cash_up(db, counter.clerk, today)
    assert [r.bank_reference for r in day.receipts] == ["BOC202611290001"]
    # without a number a transfer is taken (the bank's notice may come later) and shows none
    other = pay(db, counter, today, counter.other_ids, unit=counter.other_unit_code, method="transfer")
    assert other.paper.bank_reference is None


def test_who_may_void_is_asked_before_a_reason_is_typed(db, counter, today):
    result = pay(db, counter, today)
    row = rows_by_serial(db)[result.serial]
    assert void_refusal(counter.clerk, row, today=today) is None
    assert void_refusal(counter.supervisor, row, today=today) is None
    assert "主管" in void_refusal(counter.clerk2, row, today=today)
    assert "当天" in void_refusal(counter.clerk, row, today=today + timedelta(days=1))
    assert void_refusal(counter.supervisor, row, today=today + timedelta(days=1)) is None
    assert "审核人" in void_refusal(counter.reviewer, row, today=today)
    void_receipt(db, counter.clerk, result.serial, "录错", today=today)
    assert "已作废" in void_refusal(counter.supervisor, rows_by_serial(db)[result.serial], today=today)


def test_the_days_cash_up_carries_each_void_with_reason_who_and_when(db, counter, today):
    kept = pay(db, counter, today)
    gone = pay(db, counter, today, counter.other_ids, unit=counter.other_unit_code)
    void_receipt(db, counter.supervisor, gone.serial, "单位重复缴费，款已退回", today=today)
    day = cash_up(db, counter.clerk, today)
    voided = {r.serial: r for r in day.voided}
    assert list(voided) == [gone.serial]
    assert voided[gone.serial].void_reason == "单位重复缴费，款已退回"
    assert voided[gone.serial].voided_by == "赵主管"
    assert voided[gone.serial].voided_at is not None and voided[gone.serial].voided_at.date() == today
    assert kept.serial in {r.serial for r in day.receipts}
