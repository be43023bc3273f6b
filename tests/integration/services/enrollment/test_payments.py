"""Premium payments and receipts against a real SQLite file."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update

from mutualaid_desktop.services.enrollment.payments import (
    cash_up,
    due_for,
    list_receipts,
    pending_enrollments,
    pending_groups,
    record_payment,
    reprint_receipt,
    unit_roster,
    void_receipt,
)
from mutualaid_desktop.services.errors import PermissionDenied, ServiceError
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.audit import verify_audit_chain
from mutualaid_desktop.store.models import (
    AuditRecord,
    Claim,
    Enrollment,
    PremiumPayment,
    PremiumPaymentItem,
    PrintedDocument,
    Serial,
)

from ..payments_data import make_counter

TODAY = date(2026, 11, 29)
SL27 = "SL-ZY-2027"
SL26 = "SL-ZY-2026"


@pytest.fixture
def counter(db):
    return make_counter(db, members=5, years=(2027, 2026))


def enrollments(db, ids):
    with UnitOfWork(db, read_only=True) as uow:
        return {e.id: e for e in uow.session.scalars(select(Enrollment).where(Enrollment.id.in_(ids)))}


def count(db, model) -> int:
    with UnitOfWork(db, read_only=True) as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def pay(db, counter, ids=None, *, user=None, amount=None, method="cash", paid_on=TODAY, **kw):
    ids = counter.enrollment_ids[SL27] if ids is None else ids
    if amount is None:
        amount = due_for(db, enrollment_ids=ids, paid_on=paid_on).total
    kw.setdefault("payer_unit_code", counter.unit_code)
    return record_payment(
        db, user or counter.clerk, enrollment_ids=ids, amount=amount, method=method, paid_on=paid_on, today=TODAY, **kw
    )


def test_due_for_a_unit(db, counter):
    due = due_for(db, enrollment_ids=counter.enrollment_ids[SL27] + counter.enrollment_ids[SL26], paid_on=TODAY)
    assert due.total == Decimal("950.00")
    assert due.people == 5
    assert due.payer.kind == "unit" and due.payer.unit_code == counter.unit_code
    assert {(line.plan_code, line.people, line.amount) for line in due.lines} == {
        (SL27, 5, Decimal("475.00")),
        (SL26, 5, Decimal("475.00")),
    }
    by_plan = {line.plan_code: line for line in due.lines}
    assert by_plan[SL27].cover_start == date(2027, 1, 1)  # paid before the plan year: its first day
    assert by_plan[SL26].cover_start == TODAY + timedelta(days=1)  # the day after payment
    assert sorted(p.name for p in due.persons) == sorted(counter.names * 2)


def test_due_for_enrollments_of_two_units_is_refused(db, counter):
    with pytest.raises(ServiceError, match="不同单位"):
        due_for(db, enrollment_ids=counter.enrollment_ids[SL27] + counter.other_ids)


def test_pending_lists(db, counter):
    pending = pending_enrollments(db, unit_code=counter.unit_code, plan_code=SL27)
    assert [p.enrollment_id for p in pending] == counter.enrollment_ids[SL27]
    assert all(p.premium == Decimal("95.00") for p in pending)
    groups = {(g.unit_code, g.plan_code): g for g in pending_groups(db)}
    assert groups[(counter.unit_code, SL27)].people == 5
    assert groups[(counter.unit_code, SL27)].total == Decimal("475.00")
    assert groups[(None, SL27)].enrollment_ids == (counter.loner_id,)


def test_record_payment_pays_the_enrollments_with_cover_receipt_and_audit(db, counter):
    ids = counter.enrollment_ids[SL27]
    result = pay(db, counter, amount="475.00", method="现金")
    assert result.serial == "SJ2026-000001"
    assert result.amount == Decimal("475.00")
    assert result.cover_start == date(2027, 1, 1) and result.cover_end == date(2027, 12, 31)
    assert result.paper.amount_in_words == "人民币肆佰柒拾伍元整"
    assert result.paper.clerk_name == "张经办" and result.paper.payer_name == "商州区第一中学工会"
    rows = enrollments(db, ids)
    assert {e.status for e in rows.values()} == {"paid"}
    assert {(e.cover_start, e.cover_end, e.payment_id) for e in rows.values()} == {
        (date(2027, 1, 1), date(2027, 12, 31), result.payment_id)
    }
    with UnitOfWork(db, read_only=True) as uow:
        payment = uow.session.get(PremiumPayment, result.payment_id)
        assert (payment.amount_fen, payment.method, payment.clerk_id) == (47500, "cash", counter.clerk.id)
        assert uow.session.scalar(select(func.count()).select_from(PremiumPaymentItem)) == 5
        doc = uow.session.scalar(select(PrintedDocument))
        assert (doc.kind, doc.serial, doc.copy_number, doc.printed_by) == (
            "premium_receipt",
            "SJ2026-000001",
            0,
            counter.clerk.id,
        )
        audit = uow.session.scalar(select(AuditRecord).where(AuditRecord.action == "payment.record"))
        assert audit.username == "zhang" and "SJ2026-000001" in audit.after_json
        assert verify_audit_chain(uow.session) == []
    second = pay(db, counter, counter.other_ids, payer_unit_code=counter.other_unit_code)
    assert second.serial == "SJ2026-000002"


def test_cover_starts_the_day_after_payment_once_the_plan_year_has_begun(db, counter):
    result = pay(db, counter, counter.enrollment_ids[SL26], paid_on=date(2026, 3, 5))
    assert result.cover_start == date(2026, 3, 6)
    assert {e.cover_start for e in enrollments(db, counter.enrollment_ids[SL26]).values()} == {date(2026, 3, 6)}


def test_continuity_is_decided_by_the_real_cover_start_at_payment(db, counter):
    # the enrollment predicted continuous cover; nobody paid for 2026, so there is none
    with UnitOfWork(db, username="setup") as uow:
        uow.session.execute(
            update(Enrollment).where(Enrollment.id.in_(counter.enrollment_ids[SL27])).values(continuous=True)
        )
        uow.commit()
    first, *rest = counter.enrollment_ids[SL27]
    pay(db, counter, [first])
    assert enrollments(db, [first])[first].continuous is False
    # 2026 paid (cover to 2026-12-31), 2027 starting 2027-01-01: within the grace days
    pay(db, counter, counter.enrollment_ids[SL26], paid_on=date(2026, 1, 10))
    pay(db, counter, rest)
    assert {e.continuous for e in enrollments(db, rest).values()} == {True}


@pytest.mark.parametrize("amount, word", [("474.99", "少于"), ("400", "少于"), ("475.01", "多于"), ("950.00", "多于")])
def test_amount_must_equal_the_premiums_due(db, counter, amount, word):
    with pytest.raises(ServiceError) as info:
        pay(db, counter, amount=amount)
    assert word in info.value.message and "应缴 ¥475.00" in info.value.message
    assert count(db, PremiumPayment) == 0
    assert {e.status for e in enrollments(db, counter.enrollment_ids[SL27]).values()} == {"pending_payment"}


def test_bad_amount_text_and_method_are_refused(db, counter):
    with pytest.raises(ServiceError, match="实收金额"):
        pay(db, counter, amount="四百")
    with pytest.raises(ServiceError, match="缴费方式"):
        pay(db, counter, amount="475.00", method="支票")
    with pytest.raises(ServiceError, match="晚于今天"):
        pay(db, counter, amount="475.00", paid_on=TODAY + timedelta(days=1))


def test_enrollments_must_be_pending_and_the_payers(db, counter):
    with pytest.raises(ServiceError, match="不属于"):
        pay(db, counter, counter.other_ids, amount="190.00")  # unit 2's people, unit 1 pays
    with pytest.raises(ServiceError, match="本人"):
        pay(
            db,
            counter,
            counter.enrollment_ids[SL27][:1],
            amount="95.00",
            payer_unit_code=None,
            payer_member_id=counter.loner_member_id,
        )
    # the member without unit pays for himself
    own = pay(db, counter, [counter.loner_id], payer_unit_code=None, payer_member_id=counter.loner_member_id)
    assert own.paper.payer_kind == "member" and "****" in own.paper.payer_code
    first = pay(db, counter)
    with pytest.raises(ServiceError, match=f"已缴费（收据 {first.serial}）"):
        pay(db, counter, amount="475.00")


def test_a_plan_year_that_has_ended_can_not_be_paid(db, counter):
    with pytest.raises(ServiceError, match="保障期已于 2026-12-31 结束"):
        record_payment(
            db,
            counter.clerk,
            enrollment_ids=counter.enrollment_ids[SL26],
            payer_unit_code=counter.unit_code,
            amount="475.00",
            method="cash",
            paid_on=date(2026, 12, 31),
            today=date(2027, 1, 2),
        )


def test_reviewer_may_not_take_money(db, counter):
    with pytest.raises(PermissionDenied):
        pay(db, counter, user=counter.reviewer, amount="475.00")


def test_void_puts_the_enrollments_back_and_keeps_the_receipt(db, counter):
    ids = counter.enrollment_ids[SL27]
    result = pay(db, counter)
    with pytest.raises(ServiceError, match="作废原因"):
        void_receipt(db, counter.clerk, result.serial, "  ")
    done = void_receipt(db, counter.clerk, result.serial.lower(), "缴费方式录错")
    assert done.enrollments_reopened == 5
    rows = enrollments(db, ids)
    assert {(e.status, e.cover_start, e.cover_end, e.payment_id) for e in rows.values()} == {
        ("pending_payment", None, None, None)
    }
    with UnitOfWork(db, read_only=True) as uow:
        payment = uow.session.get(PremiumPayment, result.payment_id)
        assert payment.voided and payment.void_reason == "缴费方式录错" and payment.voided_by == counter.clerk.id
        assert payment.voided_at is not None
        doc = uow.session.scalar(select(PrintedDocument))
        assert doc.voided_at is not None and doc.void_reason == "缴费方式录错"
        assert uow.session.scalar(select(func.count()).select_from(PremiumPaymentItem)) == 5  # kept
        assert uow.session.scalar(select(AuditRecord.id).where(AuditRecord.action == "payment.void"))
    with pytest.raises(ServiceError, match="不能再次作废"):
        void_receipt(db, counter.supervisor, result.serial, "again")
    # paid again on a new receipt; the voided one still shows what it paid for
    again = pay(db, counter, method="transfer")
    assert again.serial == "SJ2026-000002"
    copy = reprint_receipt(db, counter.clerk, result.serial)
    assert copy.paper.voided and copy.paper.people == 5 and copy.paper.amount == Decimal("475.00")
    assert copy.paper.void_reason == "缴费方式录错"


def test_void_permissions(db, counter):
    result = pay(db, counter)
    with pytest.raises(PermissionDenied, match="主管"):
        void_receipt(db, counter.clerk2, result.serial, "not mine")
    with pytest.raises(PermissionDenied, match="当天"):
        void_receipt(db, counter.clerk, result.serial, "next day", today=date.today() + timedelta(days=1))
    with pytest.raises(PermissionDenied):
        void_receipt(db, counter.reviewer, result.serial, "reviewer")
    assert (
        void_receipt(
            db, counter.supervisor, result.serial, "主管作废", today=date.today() + timedelta(days=3)
        ).enrollments_reopened
        == 5
    )


def test_void_is_refused_when_the_cover_has_claims(db, counter):
    result = pay(db, counter)
    enrollment_id = counter.enrollment_ids[SL27][0]
    with UnitOfWork(db) as uow:
        e = uow.session.get(Enrollment, enrollment_id)
        uow.session.add(
            Claim(
                claim_number="C-1",
                member_id=e.member_id,
                enrollment_id=e.id,
                plan_id=e.plan_id,
                status="waiting_review",
                received_on=TODAY,
                event_date=TODAY,
                facts_json="{}",
                quote_json="{}",
                quoted_fen=0,
            )
        )
        uow.commit()
    with pytest.raises(ServiceError, match=r"理赔.*主管"):
        void_receipt(db, counter.supervisor, result.serial, "wrong")
    assert {e.status for e in enrollments(db, counter.enrollment_ids[SL27]).values()} == {"paid"}


def test_reprint_copy_numbers(db, counter):
    result = pay(db, counter)
    first = reprint_receipt(db, counter.clerk, result.serial)
    second = reprint_receipt(db, counter.clerk2, result.serial)
    assert (first.copy_number, second.copy_number) == (1, 2)
    assert first.paper.is_reprint and first.paper.copy_number == 1
    with UnitOfWork(db, read_only=True) as uow:
        docs = list(uow.session.scalars(select(PrintedDocument).order_by(PrintedDocument.copy_number)))
    assert [d.copy_number for d in docs] == [0, 1, 2]
    assert docs[1].reprint_of_id == docs[0].id and docs[2].reprint_of_id == docs[0].id
    assert docs[2].printed_by == counter.clerk2.id


def test_not_printed_at_once_then_the_first_print_is_the_original(db, counter):
    result = pay(db, counter, printed=False)
    assert count(db, PrintedDocument) == 0
    assert reprint_receipt(db, counter.clerk, result.serial).copy_number == 0
    assert reprint_receipt(db, counter.clerk, result.serial).copy_number == 1


def test_unit_roster_of_a_payment(db, counter):
    # the 2026 covers paid on 29 November lie in the waiting period: the payer was told
    result = pay(db, counter, counter.enrollment_ids[SL27] + counter.enrollment_ids[SL26], waiting_acknowledged=True)
    roster = unit_roster(db, counter.clerk, result.serial)
    assert roster.copy_number == 0
    paper = roster.paper
    assert paper.unit_name == "商州区第一中学工会"
    assert [s.plan_code for s in paper.sections] == [SL27, SL26]
    assert [r.name for r in paper.sections[0].rows] == counter.names
    assert all("********" in r.id_number for r in paper.sections[0].rows)
    assert paper.sections[1].premium_total == Decimal("475.00")
    assert unit_roster(db, counter.clerk, result.serial).copy_number == 1
    void_receipt(db, counter.clerk, result.serial, "录错")
    with pytest.raises(ServiceError, match="已作废"):
        unit_roster(db, counter.clerk, result.serial)


def test_cash_up_totals_by_method(db, counter):
    a = pay(db, counter, method="cash")
    b = pay(db, counter, counter.other_ids, payer_unit_code=counter.other_unit_code, method="wechat")
    c = pay(
        db,
        counter,
        [counter.loner_id],
        payer_unit_code=None,
        payer_member_id=counter.loner_member_id,
        method="cash",
        user=counter.clerk2,
    )
    d = pay(db, counter, counter.enrollment_ids[SL26], method="transfer", waiting_acknowledged=True)
    void_receipt(db, counter.clerk, d.serial, "重复收款")
    day = cash_up(db, counter.clerk, TODAY)
    assert [r.serial for r in day.receipts] == [a.serial, b.serial, d.serial]
    assert day.issued_count == 3 and day.voided_count == 1 and day.voided_total == Decimal("475.00")
    totals = {m.method: (m.count, m.amount) for m in day.by_method}
    assert totals == {
        "cash": (1, Decimal("475.00")),
        "transfer": (0, Decimal("0.00")),
        "wechat": (1, Decimal("190.00")),
        "alipay": (0, Decimal("0.00")),
    }
    assert day.grand_total == Decimal("665.00")
    other = cash_up(db, counter.supervisor, TODAY, clerk_id=counter.clerk2.id)
    assert [r.serial for r in other.receipts] == [c.serial] and other.clerk_name == "李经办"
    with pytest.raises(PermissionDenied):
        cash_up(db, counter.clerk, TODAY, clerk_id=counter.clerk2.id)
    assert cash_up(db, counter.clerk, TODAY - timedelta(days=1)).receipts == ()


def test_list_receipts(db, counter):
    a = pay(db, counter)
    b = pay(db, counter, counter.other_ids, payer_unit_code=counter.other_unit_code, paid_on=TODAY - timedelta(days=1))
    assert [r.serial for r in list_receipts(db)] == [a.serial, b.serial]
    assert [r.serial for r in list_receipts(db, day=TODAY)] == [a.serial]
    assert [r.serial for r in list_receipts(db, serial="000002")] == [b.serial]
    assert [r.serial for r in list_receipts(db, payer="人民医院")] == [b.serial]
    row = list_receipts(db, serial=a.serial)[0]
    assert (row.people, row.amount, row.clerk_name, row.method_label) == (5, Decimal("475.00"), "张经办", "现金")
    assert "2027" in row.plans
    assert list_receipts(db, payer="100%_") == []


def test_serials_continue_after_numbers_already_used(db, counter):
    first = pay(db, counter)
    with UnitOfWork(db) as uow:  # the counter set back by hand
        uow.session.execute(update(Serial).where(Serial.key == "receipt:2026").values(next_value=1))
        uow.commit()
    second = pay(db, counter, counter.other_ids, payer_unit_code=counter.other_unit_code)
    assert (first.serial, second.serial) == ("SJ2026-000001", "SJ2026-000002")


def test_demo_sets_the_counter_so_that_real_receipts_continue(tmp_path):
    from mutualaid_desktop.services.admin.demo import generate_demo

    db = open_counter_database(tmp_path / "demo.sqlite3")
    try:
        generate_demo(db, members=400, today=TODAY)
        with UnitOfWork(db, read_only=True) as uow:
            serials = list(uow.session.scalars(select(PremiumPayment.receipt_serial)))
            counters = dict(uow.session.execute(select(Serial.key, Serial.next_value)).all())
            items = uow.session.scalar(  # a voided receipt keeps its items: those of the receipts in force
                select(func.count())
                .select_from(PremiumPaymentItem)
                .join(PremiumPayment, PremiumPayment.id == PremiumPaymentItem.payment_id)
                .where(PremiumPayment.voided.is_(False))
            )
            paid = uow.session.scalar(
                select(func.count()).select_from(Enrollment).where(Enrollment.payment_id.is_not(None))
            )
        assert items == paid
        by_year: dict[str, int] = {}
        for s in serials:
            year, number = s[2:6], int(s[7:])
            by_year[year] = max(by_year.get(year, 0), number)
        assert {k: v - 1 for k, v in counters.items() if k.startswith("receipt:")} == {
            f"receipt:{y}": n for y, n in by_year.items()
        }
    finally:
        db.dispose()


@pytest.mark.slow
def test_a_unit_of_12000_people_pays_on_one_receipt(db):
    counter = make_counter(db, members=12_000)
    ids = counter.enrollment_ids[SL27]
    result = record_payment(
        db,
        counter.clerk,
        enrollment_ids=ids,
        payer_unit_code=counter.unit_code,
        amount="1140000.00",
        method="transfer",
        paid_on=TODAY,
        today=TODAY,
    )
    assert result.people == 12_000 and result.paper.amount_in_words == "人民币壹佰壹拾肆万元整"
    assert void_receipt(db, counter.clerk, result.serial, "test").enrollments_reopened == 12_000
