"""给付 reversals (冲正): a paid claim is never edited. A supervisor records a ClaimReversal (amount at
most what was paid, reason required); the claim goes paid → reversed (services/payouts/payouts.py re-exports
`reverse_payout`; the rest of a payout's life is there)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.money import format_amount, from_fen, parse_amount, to_fen
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.reasons import written_reason
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.models import ClaimReversal
from mutualaid_desktop.store.payout_queries import PayoutQueries


@dataclass(frozen=True)
class ReversalResult:
    claim_number: str
    amount: Decimal
    paid_amount: Decimal
    reason: str


def reverse_payout(db: Database, user: UserInfo, claim_number: str, *, amount, reason: str) -> ReversalResult:
    """A supervisor corrects a paid claim: a reversal entry (amount at most what was paid, with the
    reason); the claim goes paid → reversed. The claim and its paid item are not edited."""
    require(user, "reverse_payout")
    reason = written_reason(reason, "冲正原因", missing="请填写冲正原因。")
    try:
        value = parse_amount(amount, "冲正金额")
    except InputError as exc:
        raise ServiceError(exc.message) from exc
    if value <= 0:
        raise ServiceError("冲正金额应大于0。")
    with UnitOfWork(db, user=user) as uow:
        q = PayoutQueries(uow.session)
        found = q.claim((claim_number or "").strip().upper())
        if found is None:
            raise NotFound(f"找不到理赔「{claim_number}」，请检查理赔编号。")
        claim, _ = found
        if claim.status == "reversed":
            raise ServiceError(f"理赔 {claim.claim_number} 已冲正过，不能再次冲正。")
        if claim.status != "paid":
            raise ServiceError(f"理赔 {claim.claim_number} 尚未给付，不需要冲正；未给付的理赔请按审核流程处理。")
        paid = q.paid_item(claim.id)
        if paid is None:
            raise ServiceError(f"理赔 {claim.claim_number} 没有给付记录，不能冲正；请联系管理员检查数据。")
        item, batch = paid
        if to_fen(value) > item.amount_fen:
            raise ServiceError(
                f"冲正金额 {format_amount(value)} 超过已给付金额 {format_amount(from_fen(item.amount_fen))}，请修改。"
            )
        reversal = q.add_reversal(
            ClaimReversal(claim_id=claim.id, amount_fen=to_fen(value), reason=reason, reversed_by=user.id)
        )
        q.add_history(claim.id, "paid", "reversed", user.id, f"冲正 {format_amount(value)}：{reason}")
        claim.status = "reversed"
        uow.audit(
            "claim.reverse",
            "claim",
            claim.id,
            before={"status": "paid"},
            after={
                "status": "reversed",
                "reversal_id": reversal.id,
                "amount": str(value),
                "reason": reason,
                "batch_number": batch.batch_number,
                "paid_amount": str(from_fen(item.amount_fen)),
            },
        )
        uow.commit()
    return ReversalResult(claim.claim_number, value, from_fen(item.amount_fen), reason)


__all__ = ["ReversalResult", "reverse_payout"]
