"""给付: batches, the bank file, the bank's answer, returned claims, reversals — and the database's
own refusals (a claim in two unpaid batches, a claim paid twice)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from mutualaid_desktop.services.errors import NotFound, PermissionDenied, ServiceError
from mutualaid_desktop.services.payouts.payouts import (
    approved_unbatched,
    batch_detail,
    batch_list,
    correct_account,
    create_batch,
    export_bank_file,
    list_batches,
    mark_paid,
    print_batch_list,
    reverse_payout,
)
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.audit import verify_audit_chain
from mutualaid_desktop.store.models import (
    AuditRecord,
    Claim,
    ClaimReversal,
    ClaimStatusChange,
    PayoutBatch,
    PayoutItem,
    PrintedDocument,
)

from ..payouts_data import approved_claims, make_counter


@pytest.fixture
def counter(db):
    return make_counter(db, members=5, years=(2026,))


@pytest.fixture
def claims(db, counter):
    return approved_claims(db, counter)


def claim_rows(db) -> dict[str, Claim]:
    with UnitOfWork(db, read_only=True) as uow:
        return {c.claim_number: c for c in uow.session.scalars(select(Claim))}


def items_of(db, number: str) -> list[PayoutItem]:
    with UnitOfWork(db, read_only=True) as uow:
        cid = uow.session.scalar(select(Claim.id).where(Claim.claim_number == number))
        return list(uow.session.scalars(select(PayoutItem).where(PayoutItem.claim_id == cid).order_by(PayoutItem.id)))


def history(db, number: str) -> list[tuple[str | None, str, str | None]]:
    with UnitOfWork(db, read_only=True) as uow:
        cid = uow.session.scalar(select(Claim.id).where(Claim.claim_number == number))
        return [
            (h.from_status, h.to_status, h.reason)
            for h in uow.session.scalars(
                select(ClaimStatusChange).where(ClaimStatusChange.claim_id == cid).order_by(ClaimStatusChange.id)
            )
        ]


def audit_actions(db) -> list[str]:
    """The business actions (without the money digests that follow them)."""
    with UnitOfWork(db, read_only=True) as uow:
        stmt = select(AuditRecord.action).where(AuditRecord.action != "money.digest").order_by(AuditRecord.id)
        return [a for (a,) in uow.session.execute(stmt)]


def exported_batch(db, counter, claims, tmp_path):
    batch = create_batch(db, counter.clerk, claims)
    export_bank_file(db, counter.clerk, batch.batch_number, tmp_path / "bank.xlsx")
    return batch


def test_approved_unbatched_lists_approved_claims(db, claims):
    rows = approved_unbatched(db)
    assert [r.claim_number for r in rows] == claims
    assert rows[0].amount == Decimal("1500.00") and rows[0].has_account


def test_create_batch_moves_claims_in_batch_with_history_and_audit(today, db, counter, claims):
    batch = create_batch(db, counter.clerk, claims[:2])
    assert batch.batch_number == f"PF{today.year}-0001"
    assert batch.count == 2 and batch.total == Decimal("1800.00") and batch.status == "open"
    rows = claim_rows(db)
    assert [rows[n].status for n in claims] == ["in_batch", "in_batch", "approved"]
    item = items_of(db, claims[0])[0]
    assert item.status == "pending" and item.amount_fen == 1500_00
    assert (
        item.account_number == rows[claims[0]].account_number and item.account_holder == rows[claims[0]].account_holder
    )
    assert item.bank_name == "中国农业银行商洛分行"
    assert history(db, claims[0])[-1][:2] == ("approved", "in_batch")
    assert audit_actions(db)[-1] == "payout.batch_create"
    assert [r.claim_number for r in approved_unbatched(db)] == [claims[2]]
    second = create_batch(db, counter.clerk, None)  # all approved: the one left
    assert second.batch_number == f"PF{today.year}-0002" and second.count == 1
    assert [b.batch_number for b in list_batches(db)] == [second.batch_number, batch.batch_number]


def test_a_claim_in_an_unpaid_batch_is_refused_by_the_service(db, counter, claims):
    first = create_batch(db, counter.clerk, claims[:1])
    with pytest.raises(ServiceError, match=f"已在给付批次 {first.batch_number}"):
        create_batch(db, counter.clerk, claims[:2])
    # nothing changed: the second claim is still approved, no second batch
    assert claim_rows(db)[claims[1]].status == "approved"
    assert len(list_batches(db)) == 1


def test_a_claim_in_an_unpaid_batch_is_refused_by_the_database(db, counter, claims):
    create_batch(db, counter.clerk, claims[:1])
    item = items_of(db, claims[0])[0]
    with UnitOfWork(db, username="intruder") as uow:
        other = PayoutBatch(batch_number="PF1999-0001", status="open")
        uow.session.add(other)
        uow.session.flush()
        uow.session.add(
            PayoutItem(
                batch_id=other.id,
                claim_id=item.claim_id,
                amount_fen=1,
                account_holder="x",
                account_number="1",
                status="pending",
            )
        )
        with pytest.raises(IntegrityError):
            uow.session.flush()


def test_the_store_turns_the_database_refusal_into_a_clear_error(db, counter, claims):
    """Even when the service's own check is passed by (a claim set back to approved by hand), the
    database refuses the second pending item, and the service says so in Chinese."""
    create_batch(db, counter.clerk, claims[:1])
    with UnitOfWork(db, username="by-hand") as uow:
        claim = uow.session.scalar(select(Claim).where(Claim.claim_number == claims[0]))
        claim.status = "approved"
        uow.commit()
    from mutualaid_desktop.store import payout_queries

    original = payout_queries.PayoutQueries.pending_item_batches
    payout_queries.PayoutQueries.pending_item_batches = lambda self, ids: {}
    try:
        with pytest.raises(ServiceError, match="数据库拒绝"):
            create_batch(db, counter.clerk, claims[:1])
    finally:
        payout_queries.PayoutQueries.pending_item_batches = original
    assert len(items_of(db, claims[0])) == 1


def test_create_batch_refusals(db, counter, claims):
    with pytest.raises(PermissionDenied):
        create_batch(db, counter.reviewer, claims)
    with pytest.raises(NotFound):
        create_batch(db, counter.clerk, ["611002-2026-999999"])
    with pytest.raises(ServiceError, match="没有选择"):
        create_batch(db, counter.clerk, [])
    no_bank = approved_claims(db, counter, amounts=(800_00,), bank=False)
    with pytest.raises(ServiceError, match="没有银行账户"):
        create_batch(db, counter.clerk, no_bank)
    waiting = approved_claims(db, counter, amounts=(800_00,), status="waiting_review")
    with pytest.raises(ServiceError, match="待审核"):
        create_batch(db, counter.clerk, waiting)
    assert list_batches(db) == []
    # "all approved" leaves out the claim without a bank account
    batch = create_batch(db, counter.clerk)
    assert batch.count == 3


def test_mark_paid_pays_and_closes_the_batch(today, db, counter, claims, tmp_path):
    batch = exported_batch(db, counter, claims, tmp_path)
    with pytest.raises(PermissionDenied):
        mark_paid(db, counter.clerk, batch.batch_number, settled_on=today)
    with pytest.raises(ServiceError, match="晚于今天"):
        mark_paid(db, counter.supervisor, batch.batch_number, settled_on=today + timedelta(days=1))
    result = mark_paid(db, counter.supervisor, batch.batch_number, settled_on=today)
    assert (result.paid, result.returned, result.batch_status) == (3, 0, "closed")
    assert result.paid_total == Decimal("4250.55")
    assert {claim_rows(db)[n].status for n in claims} == {"paid"}
    item = items_of(db, claims[0])[0]
    assert item.status == "paid" and item.settled_on == today and item.settled_by == counter.supervisor.id
    assert history(db, claims[0])[-1][:2] == ("in_batch", "paid")
    detail = batch_detail(db, batch.batch_number)
    assert detail.info.status == "closed" and detail.info.paid == 3
    with pytest.raises(ServiceError, match="已结清"):
        mark_paid(db, counter.supervisor, batch.batch_number, settled_on=today)
    assert audit_actions(db)[-3:] == ["payout.batch_create", "payout.batch_export", "payout.batch_settle"]
    with UnitOfWork(db, read_only=True) as uow:
        assert verify_audit_chain(uow.session) == []


def test_mark_paid_needs_an_exported_batch(today, db, counter, claims):
    batch = create_batch(db, counter.clerk, claims)
    with pytest.raises(ServiceError, match="还没有导出"):
        mark_paid(db, counter.supervisor, batch.batch_number, settled_on=today)


def test_paying_twice_is_refused_by_the_database(today, db, counter, claims, tmp_path):
    batch = exported_batch(db, counter, claims[:1], tmp_path)
    mark_paid(db, counter.supervisor, batch.batch_number, settled_on=today)
    paid = items_of(db, claims[0])[0]
    with UnitOfWork(db, username="intruder") as uow:
        other = PayoutBatch(batch_number="PF1999-0002", status="open")
        uow.session.add(other)
        uow.session.flush()
        uow.session.add(
            PayoutItem(
                batch_id=other.id,
                claim_id=paid.claim_id,
                amount_fen=1,
                account_holder="x",
                account_number="1",
                status="paid",
            )
        )
        with pytest.raises(IntegrityError):
            uow.session.flush()
    # and the service refuses to batch a paid claim
    with pytest.raises(ServiceError, match="已给付"):
        create_batch(db, counter.clerk, claims[:1])


def test_returned_claim_is_corrected_and_paid_in_a_later_batch(today, db, counter, claims, tmp_path):
    batch = exported_batch(db, counter, claims, tmp_path)
    with pytest.raises(ServiceError, match="退回的原因"):
        mark_paid(db, counter.supervisor, batch.batch_number, settled_on=today, returned={claims[1]: " "})
    with pytest.raises(ServiceError, match="不在批次"):
        mark_paid(db, counter.supervisor, batch.batch_number, settled_on=today, returned={"X-1": "户名不符"})
    result = mark_paid(
        db, counter.supervisor, batch.batch_number, settled_on=today, returned={claims[1]: "户名与账号不符"}
    )
    assert (result.paid, result.returned, result.batch_status) == (2, 1, "closed")
    assert result.paid_total == Decimal("3950.55")
    rows = claim_rows(db)
    assert rows[claims[1]].status == "returned"
    item = items_of(db, claims[1])[0]
    assert item.status == "returned" and item.return_reason == "户名与账号不符"
    assert history(db, claims[1])[-1] == ("in_batch", "returned", "银行退回：户名与账号不符")
    # not batched again as it is
    with pytest.raises(ServiceError, match="银行退回"):
        create_batch(db, counter.clerk, claims[1:2])
    # the account corrected: approved again, then a new batch
    holder = rows[claims[1]].account_holder
    with pytest.raises(ServiceError, match="8到32位数字"):
        correct_account(db, counter.clerk, claims[1], bank="中国建设银行商洛分行", holder=holder, number="12ab")
    with pytest.raises(ServiceError, match="不一致"):
        correct_account(
            db, counter.clerk, claims[1], bank="中国建设银行商洛分行", holder="别人", number="6217002710000999999"
        )
    assert (
        correct_account(
            db, counter.clerk, claims[1], bank="中国建设银行商洛分行", holder=holder, number="6217 0027 1000 0999 999"
        )
        == "approved"
    )
    rows = claim_rows(db)
    assert rows[claims[1]].account_number == "6217002710000999999"
    assert history(db, claims[1])[-1][:2] == ("returned", "approved")
    assert [c.claim_number for c in approved_unbatched(db)] == [claims[1]]
    again = exported_batch(db, counter, claims[1:2], tmp_path)
    mark_paid(db, counter.supervisor, again.batch_number, settled_on=today)
    items = items_of(db, claims[1])
    assert [(i.status, i.account_number) for i in items] == [
        ("returned", rows[claims[1]].account_number.replace("0999999", "0123457")),
        ("paid", "6217002710000999999"),
    ]
    assert claim_rows(db)[claims[1]].status == "paid"
    assert "claim.correct_account" in audit_actions(db)


def test_partial_confirmation_keeps_the_batch_open_until_every_item_is_settled(today, db, counter, claims, tmp_path):
    batch = exported_batch(db, counter, claims, tmp_path)
    first = mark_paid(db, counter.supervisor, batch.batch_number, settled_on=today, only=claims[:1])
    assert (first.paid, first.batch_status) == (1, "exported")
    rest = mark_paid(db, counter.supervisor, batch.batch_number, settled_on=today, returned={claims[2]: "账户已销户"})
    assert (rest.paid, rest.returned, rest.batch_status) == (1, 1, "closed")


def test_reversal_needs_a_supervisor_a_reason_and_a_paid_claim(today, db, counter, claims, tmp_path):
    with pytest.raises(ServiceError, match="尚未给付"):
        reverse_payout(db, counter.supervisor, claims[0], amount="100.00", reason="重复给付")
    batch = exported_batch(db, counter, claims[:1], tmp_path)
    mark_paid(db, counter.supervisor, batch.batch_number, settled_on=today)
    with pytest.raises(PermissionDenied):
        reverse_payout(db, counter.clerk, claims[0], amount="100.00", reason="重复给付")
    with pytest.raises(ServiceError, match="冲正原因"):
        reverse_payout(db, counter.supervisor, claims[0], amount="100.00", reason="  ")
    with pytest.raises(ServiceError, match="超过已给付金额"):
        reverse_payout(db, counter.supervisor, claims[0], amount="1500.01", reason="重复给付")
    with pytest.raises(ServiceError, match="冲正金额"):
        reverse_payout(db, counter.supervisor, claims[0], amount="-5", reason="重复给付")
    result = reverse_payout(db, counter.supervisor, claims[0], amount="1500.00", reason="发票重复报销")
    assert result.amount == Decimal("1500.00") and result.paid_amount == Decimal("1500.00")
    rows = claim_rows(db)
    assert rows[claims[0]].status == "reversed"
    assert rows[claims[0]].approved_fen == 1500_00  # the claim itself is not edited
    assert items_of(db, claims[0])[0].status == "paid"
    with UnitOfWork(db, read_only=True) as uow:
        reversal = uow.session.scalar(select(ClaimReversal))
        assert (reversal.amount_fen, reversal.reason, reversal.reversed_by) == (
            1500_00,
            "发票重复报销",
            counter.supervisor.id,
        )
    assert history(db, claims[0])[-1][:2] == ("paid", "reversed")
    assert audit_actions(db)[-1] == "claim.reverse"
    with pytest.raises(ServiceError, match="已冲正"):
        reverse_payout(db, counter.supervisor, claims[0], amount="1.00", reason="再来")


def test_batch_list_and_its_print_record(db, counter, claims, tmp_path):
    batch = create_batch(db, counter.clerk, claims)
    paper = batch_list(db, batch.batch_number)
    assert paper.count == 3 and paper.total == Decimal("4250.55")
    assert [r.claim_number for r in paper.rows] == claims
    assert paper.rows[0].account_number == "6228480123456789012"
    first, path = print_batch_list(db, counter.clerk, batch.batch_number, tmp_path / "list.pdf")
    again, _ = print_batch_list(db, counter.clerk, batch.batch_number, tmp_path / "list2.pdf")
    assert path.exists() and (first.copy_number, again.copy_number) == (0, 1)
    with UnitOfWork(db, read_only=True) as uow:
        docs = list(uow.session.scalars(select(PrintedDocument).where(PrintedDocument.kind == "payout_batch_list")))
    assert [(d.serial, d.copy_number) for d in docs] == [(batch.batch_number, 0), (batch.batch_number, 1)]
    assert docs[1].reprint_of_id == docs[0].id


def test_unknown_batch(db, counter):
    with pytest.raises(NotFound, match="PF2026-0001"):
        batch_list(db, "nope")
    with pytest.raises(NotFound):
        export_bank_file(db, counter.clerk, "PF2026-9999", "/tmp/x.xlsx")
