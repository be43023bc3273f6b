"""Money rows against the digests in the audit log: a normal run of every money operation leaves
`check` clean; a change made with sqlite3 behind the program's back (an amount, a status, an
account number, a decided amount, a deleted item, an inserted row) is found, naming the table and
the row, without names or ID numbers. An emptied audit log is found too."""

from __future__ import annotations

import re
import sqlite3

import pytest
from sqlalchemy import select

from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.integrity import check_database
from mutualaid_desktop.store.models import AuditRecord, Claim, PremiumPayment
from mutualaid_desktop.store.money_digest import ACTION, touch

from .money_flow import run_money_flow

MONEY_HINT = "金额数据在程序之外被改动过"


@pytest.fixture
def flow(db, tmp_path):
    return run_money_flow(db, tmp_path)


def tamper(db, *statements: str) -> None:
    """Run SQL on the file with sqlite3, as someone behind the program's back would."""
    db.dispose()  # no pooled connection keeps an old snapshot
    with sqlite3.connect(db.path) as connection:
        for sql in statements:
            connection.execute(sql)


def problems(db) -> list[str]:
    found = check_database(db, full=False)
    print("\n".join(found))
    return found


def ids(db, model, **where) -> int:
    with UnitOfWork(db, read_only=True) as uow:
        stmt = select(model.id)
        for key, value in where.items():
            stmt = stmt.where(getattr(model, key) == value)
        return uow.session.scalar(stmt)


def claim_id(db, number: str) -> int:
    return ids(db, Claim, claim_number=number)


def assert_private(flow, found: list[str]) -> None:
    """Messages name tables and row ids, never a person's name or ID number."""
    text = "\n".join(found)
    assert not any(name in text for name in flow.counter.names)
    assert re.search(r"\d{15,}", text) is None  # no ID or account number


# --- the normal run -------------------------------------------------------------------------


def test_every_money_operation_leaves_check_clean(db, flow):
    assert problems(db) == []
    with UnitOfWork(db, read_only=True) as uow:
        actions = list(uow.session.scalars(select(AuditRecord.action).order_by(AuditRecord.id)))
    # every money operation's record is followed by the digests of what it changed
    money_ops = (
        "payment.record",
        "payment.void",
        "claim.intake",
        "claim.papers",
        "claim.approve",
        "claim.refuse",
        "payout.batch_create",
        "payout.batch_export",
        "payout.batch_settle",
        "claim.correct_account",
        "claim.reverse",
    )
    for k, action in enumerate(actions):
        if action in money_ops:
            assert actions[k + 1] == ACTION, (k, action)


def test_a_rolled_back_unit_of_work_records_no_digest(db, flow):
    with UnitOfWork(db, user=flow.counter.supervisor) as uow:
        uow.session.get(PremiumPayment, flow.receipt.payment_id).method = "cash"
        uow.session.flush()
        assert uow.session.info.get("money_digest.touched")
    with UnitOfWork(db, read_only=True) as uow:
        count = len(uow.session.scalars(select(AuditRecord.id).where(AuditRecord.action == ACTION)).all())
    with UnitOfWork(db, username="x") as uow:
        uow.audit("something.else")
        uow.commit()
    with UnitOfWork(db, read_only=True) as uow:
        assert len(uow.session.scalars(select(AuditRecord.id).where(AuditRecord.action == ACTION)).all()) == count
    assert problems(db) == []


def test_a_core_update_marked_as_touched_is_recorded(db, flow):
    from sqlalchemy import update

    with UnitOfWork(db, username="x") as uow:
        uow.session.execute(update(Claim).where(Claim.id == 1).values(decision_reason="核对"))
        uow.touched("claim", 1)
        uow.commit()
    assert problems(db) == []
    with UnitOfWork(db, username="x") as uow:  # the same without the mark: check finds it
        uow.session.execute(update(Claim).where(Claim.id == 1).values(decision_reason="再核对"))
        uow.commit()
    assert problems(db)[0] == "表 claims 第 1 行（理赔）与审计记录不符：在程序之外被改动过。"


def test_touch_refuses_what_is_not_a_money_subject(db):
    with db.session() as session, pytest.raises(ValueError):
        touch(session, "member", 1)


# --- changed behind the program's back ----------------------------------------------------------


def test_a_receipts_amount_changed(db, flow):
    tamper(db, f"UPDATE premium_payments SET amount_fen = amount_fen + 10000 WHERE id = {flow.receipt.payment_id}")
    found = problems(db)
    assert found == [
        f"表 premium_payments 第 {flow.receipt.payment_id} 行（缴费收据）与审计记录不符：在程序之外被改动过。",
        found[-1],
    ]
    assert found[-1].startswith(MONEY_HINT)
    assert_private(flow, found)


def test_a_voided_receipt_made_valid_again(db, flow):
    tamper(db, f"UPDATE premium_payments SET voided = 0, voided_at = NULL WHERE id = {flow.voided.payment_id}")
    assert problems(db)[0] == (
        f"表 premium_payments 第 {flow.voided.payment_id} 行（缴费收据）与审计记录不符：在程序之外被改动过。"
    )


def test_a_payment_item_changed_deleted_or_inserted(db, flow):
    p = flow.receipt.payment_id
    expected = (
        f"表 premium_payment_items 中属于表 premium_payments 第 {p} 行（缴费收据）的记录与审计记录不符："
        "在程序之外被改动、添加或删除过。"
    )
    tamper(
        db,
        f"UPDATE premium_payment_items SET premium_fen = 1 WHERE payment_id = {p} AND enrollment_id = "
        f"(SELECT min(enrollment_id) FROM premium_payment_items WHERE payment_id = {p})",
    )
    assert problems(db)[0] == expected
    tamper(
        db,
        f"DELETE FROM premium_payment_items WHERE payment_id = {p} AND enrollment_id = "
        f"(SELECT max(enrollment_id) FROM premium_payment_items WHERE payment_id = {p})",
    )
    found = problems(db)
    assert found[0] == expected
    # the enrollment it paid for is paid without a receipt now
    assert any(f.startswith("表 enrollments 第 ") and "标为已缴费，却没有对应的有效缴费收据" in f for f in found)


def test_a_paid_cover_backdated(db, flow):
    p = flow.receipt.payment_id
    tamper(db, f"UPDATE enrollments SET cover_start = '2025-01-01' WHERE payment_id = {p}")
    assert problems(db)[0] == (
        f"表 enrollments 中属于表 premium_payments 第 {p} 行（缴费收据）的记录与审计记录不符："
        "在程序之外被改动、添加或删除过。"
    )


def test_an_enrollment_marked_paid_without_a_payment(db, flow):
    loner = flow.counter.loner_id
    tamper(
        db,
        f"UPDATE enrollments SET status = 'paid', cover_start = '2026-01-01', cover_end = '2026-12-31' "
        f"WHERE id = {loner}",
    )
    assert problems(db)[0] == f"表 enrollments 第 {loner} 行（参保记录）标为已缴费，却没有对应的有效缴费收据。"


def test_a_payment_inserted(db, flow):
    tamper(
        db,
        "INSERT INTO premium_payments (id, payer_unit_id, amount_fen, method, paid_on, receipt_serial, voided, "
        "created_at) VALUES (77, 2, 9500, 'cash', '2026-12-01', 'SJ2026-000077', 0, '2026-12-01 09:00:00')",
    )
    assert problems(db)[0] == "表 premium_payments 第 77 行（缴费收据）没有对应的审计记录：它不是由本程序写入的。"


def test_a_decided_amount_changed(db, flow):
    cid = claim_id(db, flow.approved)
    tamper(db, f"UPDATE claims SET approved_fen = approved_fen - 100 WHERE id = {cid}")
    found = problems(db)
    assert found[0] == f"表 claims 第 {cid} 行（理赔）与审计记录不符：在程序之外被改动过。"
    assert_private(flow, found)


def test_a_refused_claim_approved_behind_the_program(db, flow):
    cid = claim_id(db, flow.refused)
    tamper(db, f"UPDATE claims SET status = 'approved', approved_fen = quoted_fen WHERE id = {cid}")
    assert problems(db)[0] == f"表 claims 第 {cid} 行（理赔）与审计记录不符：在程序之外被改动过。"


def test_a_claims_account_number_changed(db, flow):
    cid = claim_id(db, flow.approved)
    tamper(db, f"UPDATE claims SET account_number = '6222000011112222333' WHERE id = {cid}")
    assert problems(db)[0] == f"表 claims 第 {cid} 行（理赔）与审计记录不符：在程序之外被改动过。"


def test_a_payout_items_account_number_status_or_amount_changed(db, flow):
    item = 1
    expected = f"表 payout_items 第 {item} 行（给付明细）与审计记录不符：在程序之外被改动过。"
    tamper(db, f"UPDATE payout_items SET account_number = '6222000011112222333' WHERE id = {item}")
    assert problems(db)[0] == expected
    tamper(
        db,
        f"UPDATE payout_items SET account_number = (SELECT account_number FROM claims WHERE id = 1) WHERE id = {item}",
    )
    assert problems(db) == []  # back as written: clean again
    tamper(db, "UPDATE payout_items SET status = 'pending', return_reason = NULL WHERE id = 2")
    assert problems(db)[0] == "表 payout_items 第 2 行（给付明细）与审计记录不符：在程序之外被改动过。"
    tamper(db, "UPDATE payout_items SET amount_fen = amount_fen * 10 WHERE id = 3")
    assert "表 payout_items 第 3 行（给付明细）与审计记录不符：在程序之外被改动过。" in problems(db)


def test_a_payout_item_deleted(db, flow):
    tamper(db, "DELETE FROM payout_items WHERE id = 2")
    found = problems(db)
    assert (
        "表 payout_items 中属于表 payout_batches 第 1 行（给付批次）的记录与审计记录不符："
        "在程序之外被改动、添加或删除过。"
    ) in found
    assert "表 payout_items 第 2 行（给付明细）在审计记录中有，但已不在数据库中：被删除过。" in found


def test_a_payout_item_inserted(db, flow):
    cid = claim_id(db, flow.approved)
    tamper(
        db,
        "INSERT INTO payout_items (id, batch_id, claim_id, amount_fen, account_holder, account_number, "
        f"status) VALUES (9, 2, {cid}, 175000, 'x', '6222000011112222333', 'pending')",
    )
    found = problems(db)
    assert (
        "表 payout_items 中属于表 payout_batches 第 2 行（给付批次）的记录与审计记录不符："
        "在程序之外被改动、添加或删除过。"
    ) in found
    assert "表 payout_items 第 9 行（给付明细）没有对应的审计记录：它不是由本程序写入的。" in found


def test_a_batch_reopened(db, flow):
    tamper(db, "UPDATE payout_batches SET status = 'exported' WHERE id = 1")
    assert problems(db)[0] == "表 payout_batches 第 1 行（给付批次）与审计记录不符：在程序之外被改动过。"


def test_a_reversal_changed_or_deleted(db, flow):
    tamper(db, "UPDATE claim_reversals SET amount_fen = 1 WHERE id = 1")
    assert problems(db)[0] == "表 claim_reversals 第 1 行（冲正记录）与审计记录不符：在程序之外被改动过。"
    tamper(db, "DELETE FROM claim_reversals WHERE id = 1")
    found = problems(db)
    cid = claim_id(db, flow.paid)
    assert (
        f"表 claim_reversals 中属于表 claims 第 {cid} 行（理赔）的记录与审计记录不符：在程序之外被改动、添加或删除过。"
    ) in found
    assert "表 claim_reversals 第 1 行（冲正记录）在审计记录中有，但已不在数据库中：被删除过。" in found


def test_a_rewritten_digest_record_breaks_the_chain(db, flow):
    """Changing the recorded digest to match an edited row breaks the audit chain instead."""
    p = flow.receipt.payment_id
    tamper(db, f"UPDATE premium_payments SET amount_fen = 1 WHERE id = {p}")
    with UnitOfWork(db, read_only=True) as uow:
        from mutualaid_desktop.store.money_digest import current_digests

        now = current_digests(uow.session, "premium_payment", [p])[p]
        record = uow.session.scalars(
            select(AuditRecord)
            .where(AuditRecord.action == ACTION, AuditRecord.after_json.like(f'%"premium_payment":{{"{p}":%'))
            .order_by(AuditRecord.id.desc())
        ).first()
    tamper(
        db,
        f"""UPDATE audit_log SET after_json = '{{"digests":{{"premium_payment":{{"{p}":"{now}"}}}},"rule":1}}'
                   WHERE id = {record.id}""",
    )
    found = problems(db)
    assert not any("premium_payments" in f for f in found)
    assert found[0] == f"审计记录第 {record.id} 条的内容被改动过（与其校验值不符）。"


# --- the audit log emptied ------------------------------------------------------------------------


def test_an_emptied_audit_log_and_tip_are_reported(db, flow):
    tamper(db, "DELETE FROM audit_log", "DELETE FROM settings WHERE key = 'audit_tip'")
    found = problems(db)
    assert found[0] == "审计记录是空的，但数据库里已有用户、会员或金额数据：审计记录连同其校验信息被整体删除过。"
    assert (
        f"表 premium_payments 第 {flow.receipt.payment_id} 行（缴费收据）没有对应的审计记录：它不是由本程序写入的。"
        in found
    )


def test_an_emptied_log_of_a_database_with_users_only_is_reported(db):
    from mutualaid_desktop.services.admin.users import create_first_admin

    create_first_admin(db, "admin", "王管理", "secret-123")
    assert problems(db) == []
    tamper(db, "DELETE FROM audit_log", "DELETE FROM settings WHERE key = 'audit_tip'")
    assert problems(db)[0].startswith("审计记录是空的")


def test_a_new_empty_database_is_clean(db):
    assert problems(db) == []
