"""Queries for payout batches, their items and reversals (used by services/payouts/payouts.py).

The database refuses a claim in two unpaid batches and a claim paid twice (partial unique indexes
on payout_items, schema 0005). `PayoutConflict` is what a flush that hits one of them becomes:
a store error with a Chinese message, which the service turns into a ServiceError.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .errors import DatabaseError
from .models import Claim, ClaimReversal, ClaimStatusChange, Member, PayoutBatch, PayoutItem, Plan, User

CHUNK = 5000  # values per IN (...): well below SQLite's limit on bound parameters


class PayoutConflict(DatabaseError):
    """The database refused a payout item: the claim is already in an unpaid batch, or already paid."""


def _conflict(exc: IntegrityError) -> PayoutConflict | None:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    if "uq_payout_items_claim_pending" in text or ("payout_items" in text and "pending" in text):
        return PayoutConflict("理赔已在另一个未给付的批次中，数据库拒绝重复加入。", "请刷新后重新选择。")
    if "uq_payout_items_claim_paid" in text or ("payout_items" in text and "paid" in text):
        return PayoutConflict("理赔已给付过，数据库拒绝再次给付。", "已给付的理赔如有错误，请由主管办理冲正。")
    if "payout_items.claim_id" in text:  # SQLite names the columns, not the index
        return PayoutConflict("理赔已在另一个未给付的批次中或已给付，数据库拒绝重复给付。", "请刷新后重新选择。")
    return None


def flush_payouts(session: Session) -> None:
    """Flush; a unique-index refusal on payout items becomes a PayoutConflict."""
    try:
        session.flush()
    except IntegrityError as exc:
        conflict = _conflict(exc)
        if conflict is None:
            raise
        raise conflict from exc


@dataclass(frozen=True)
class BatchSummary:
    batch: PayoutBatch
    items: int
    total_fen: int
    pending: int
    paid: int
    returned: int
    creator_name: str | None


def _chunks(values: list):
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


class PayoutQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- claims ----------------------------------------------------------------------------

    def payable_claims(self, *, limit: int | None = None) -> list[tuple[Claim, Member, Plan]]:
        """Approved claims with an amount and a bank account, not in a batch, oldest decision first."""
        stmt = (
            select(Claim, Member, Plan)
            .join(Member, Member.id == Claim.member_id)
            .join(Plan, Plan.id == Claim.plan_id)
            .where(Claim.status == "approved")
            .order_by(Claim.decided_at, Claim.id)
        )
        if limit is not None:
            stmt = stmt.limit(limit)
        return [(c, m, p) for c, m, p in self.session.execute(stmt)]

    def claims_by_number(self, numbers: list[str]) -> dict[str, tuple[Claim, Member]]:
        out: dict[str, tuple[Claim, Member]] = {}
        for chunk in _chunks(sorted(set(numbers))):
            rows = self.session.execute(
                select(Claim, Member).join(Member, Member.id == Claim.member_id).where(Claim.claim_number.in_(chunk))
            )
            out.update({c.claim_number: (c, m) for c, m in rows})
        return out

    def claim(self, number: str) -> tuple[Claim, Member] | None:
        row = self.session.execute(
            select(Claim, Member).join(Member, Member.id == Claim.member_id).where(Claim.claim_number == number)
        ).first()
        return (row[0], row[1]) if row else None

    def pending_item_batches(self, claim_ids: list[int]) -> dict[int, str]:
        """claim id -> number of the unpaid batch the claim is in."""
        out: dict[int, str] = {}
        for chunk in _chunks(sorted(claim_ids)):
            rows = self.session.execute(
                select(PayoutItem.claim_id, PayoutBatch.batch_number)
                .join(PayoutBatch, PayoutBatch.id == PayoutItem.batch_id)
                .where(PayoutItem.status == "pending", PayoutItem.claim_id.in_(chunk))
            )
            out.update({cid: number for cid, number in rows})
        return out

    def paid_item(self, claim_id: int) -> tuple[PayoutItem, PayoutBatch] | None:
        row = self.session.execute(
            select(PayoutItem, PayoutBatch)
            .join(PayoutBatch, PayoutBatch.id == PayoutItem.batch_id)
            .where(PayoutItem.claim_id == claim_id, PayoutItem.status == "paid")
        ).first()
        return (row[0], row[1]) if row else None

    def items_of_claim(self, claim_id: int) -> list[tuple[PayoutItem, PayoutBatch]]:
        rows = self.session.execute(
            select(PayoutItem, PayoutBatch)
            .join(PayoutBatch, PayoutBatch.id == PayoutItem.batch_id)
            .where(PayoutItem.claim_id == claim_id)
            .order_by(PayoutItem.id)
        )
        return [(i, b) for i, b in rows]

    def reversals(self, claim_id: int) -> list[ClaimReversal]:
        return list(self.session.scalars(select(ClaimReversal).where(ClaimReversal.claim_id == claim_id)))

    # --- batches ---------------------------------------------------------------------------

    def batch(self, number: str) -> PayoutBatch | None:
        return self.session.scalar(select(PayoutBatch).where(PayoutBatch.batch_number == number))

    def batch_number_taken(self, number: str) -> bool:
        return self.session.scalar(select(PayoutBatch.id).where(PayoutBatch.batch_number == number)) is not None

    def items(self, batch_id: int) -> list[tuple[PayoutItem, Claim, Member]]:
        rows = self.session.execute(
            select(PayoutItem, Claim, Member)
            .join(Claim, Claim.id == PayoutItem.claim_id)
            .join(Member, Member.id == Claim.member_id)
            .where(PayoutItem.batch_id == batch_id)
            .order_by(PayoutItem.id)
        )
        return [(i, c, m) for i, c, m in rows]

    def batches(
        self, *, status: str | None = None, batch_id: int | None = None, limit: int = 200
    ) -> list[BatchSummary]:
        counts = (
            select(
                PayoutItem.batch_id.label("batch_id"),
                func.count().label("n_items"),
                func.coalesce(func.sum(PayoutItem.amount_fen), 0).label("total"),
                func.sum(case((PayoutItem.status == "pending", 1), else_=0)).label("pending"),
                func.sum(case((PayoutItem.status == "paid", 1), else_=0)).label("paid"),
                func.sum(case((PayoutItem.status == "returned", 1), else_=0)).label("returned"),
            )
            .group_by(PayoutItem.batch_id)
            .subquery()
        )
        stmt = (
            select(
                PayoutBatch,
                counts.c.n_items,
                counts.c.total,
                counts.c.pending,
                counts.c.paid,
                counts.c.returned,
                User.display_name,
            )
            .outerjoin(counts, counts.c.batch_id == PayoutBatch.id)
            .outerjoin(User, User.id == PayoutBatch.created_by)
            .order_by(PayoutBatch.id.desc())
            .limit(limit)
        )
        if status is not None:
            stmt = stmt.where(PayoutBatch.status == status)
        if batch_id is not None:
            stmt = stmt.where(PayoutBatch.id == batch_id)
        return [
            BatchSummary(b, n or 0, total or 0, pending or 0, paid or 0, returned or 0, name)
            for b, n, total, pending, paid, returned, name in self.session.execute(stmt)
        ]

    def user_name(self, user_id: int | None) -> str | None:
        if user_id is None:
            return None
        return self.session.scalar(select(User.display_name).where(User.id == user_id))

    # --- writing ---------------------------------------------------------------------------

    def add_batch(self, batch: PayoutBatch) -> PayoutBatch:
        self.session.add(batch)
        self.session.flush()
        return batch

    def add_items(self, items: list[PayoutItem]) -> None:
        self.session.add_all(items)
        flush_payouts(self.session)

    def add_history(
        self,
        claim_id: int,
        from_status: str | None,
        to_status: str,
        user_id: int | None,
        reason: str | None = None,
        at: datetime | None = None,
    ) -> None:
        change = ClaimStatusChange(
            claim_id=claim_id, from_status=from_status, to_status=to_status, user_id=user_id, reason=reason
        )
        if at is not None:
            change.changed_at = at
        self.session.add(change)

    def add_reversal(self, reversal: ClaimReversal) -> ClaimReversal:
        self.session.add(reversal)
        self.session.flush()
        return reversal
