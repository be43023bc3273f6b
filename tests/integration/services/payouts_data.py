"""Approved claims ready for payout, written directly (intake and review are not what the payout
tests are about): on top of payments_data.make_counter."""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import select

from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Claim, ClaimStatusChange, Enrollment, Member

from .payments_data import Counter, make_counter

ACCOUNTS = (
    "6228480123456789012",
    "6217002710000123457",
    "6222023700012345678",
    "6217994100001234561",
    "6210987654321098765",
    "6230521234567890129",
)


def approved_claims(
    db, counter: Counter, *, amounts=(1500_00, 300_00, 2450_55), bank: bool = True, status: str = "approved"
) -> list[str]:
    """One approved claim per amount, for the first members of the counter's unit. Returns the claim numbers."""
    numbers = []
    with UnitOfWork(db, username="setup") as uow:
        s = uow.session
        ids = next(iter(counter.enrollment_ids.values()))
        enrollments = list(s.scalars(select(Enrollment).where(Enrollment.id.in_(ids)).order_by(Enrollment.id)))
        start = s.scalar(select(Claim.id).order_by(Claim.id.desc()).limit(1)) or 0
        for k, amount in enumerate(amounts):
            e = enrollments[k % len(enrollments)]
            member = s.get(Member, e.member_id)
            number = f"611002-2026-{start + k + 1:06d}"
            claim = Claim(
                claim_number=number,
                member_id=member.id,
                enrollment_id=e.id,
                plan_id=e.plan_id,
                status=status,
                received_on=date(2026, 11, 1),
                event_date=date(2026, 10, 1),
                invoice_number=f"INV{start + k}",
                facts_json="{}",
                quote_json=json.dumps({"payout": str(amount / 100)}),
                quoted_fen=amount,
                approved_fen=amount,
                hospital_id=None,
                diagnosis="肺炎",
                bank_name="中国农业银行商洛分行" if bank else None,
                account_holder=member.name if bank else None,
                account_number=ACCOUNTS[k % len(ACCOUNTS)] if bank else None,
                entered_by=counter.clerk.id,
                decided_by=counter.reviewer.id,
                decided_at=datetime(2026, 11, 3, 2),
            )
            s.add(claim)
            s.flush()
            s.add(
                ClaimStatusChange(
                    claim_id=claim.id, from_status="waiting_review", to_status=status, user_id=counter.reviewer.id
                )
            )
            numbers.append(number)
        uow.commit()
    return numbers


__all__ = ["ACCOUNTS", "approved_claims", "make_counter"]
