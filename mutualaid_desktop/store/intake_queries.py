"""Queries for claim intake (services/claims/claims_intake.py): the member's earlier claims, the
enrollment and plan of a claim, the county of a unit, claim numbers, status history, and the
other claims the duplicate checks compare with (services/claims/claim_checks.py; review uses them too)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import (
    Claim,
    ClaimStatusChange,
    Enrollment,
    Hospital,
    Member,
    OrgUnit,
    Plan,
    User,
)


@dataclass(frozen=True)
class EarlierClaim:
    id: int
    enrollment_id: int
    status: str
    invoice_number: str | None
    approved_fen: int | None


# The columns the duplicate checks compare (services/claim_checks.OtherClaim), of claims not refused.
_OTHER = (
    Claim.id,
    Claim.claim_number,
    Claim.member_id,
    Claim.status,
    Claim.hospital_id,
    Claim.event_date,
    Claim.invoice_key,
    Claim.facts_json,
)


class IntakeQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def earlier_claims(self, member_id: int) -> list[EarlierClaim]:
        """Every claim of the member (index ix_claims_member_invoice, member_id first)."""
        rows = self.session.execute(
            select(Claim.id, Claim.enrollment_id, Claim.status, Claim.invoice_number, Claim.approved_fen)
            .where(Claim.member_id == member_id)
            .order_by(Claim.id)
        )
        return [EarlierClaim(*row) for row in rows]

    def enrollment(self, enrollment_id: int) -> tuple[Enrollment, Plan, Member] | None:
        row = self.session.execute(
            select(Enrollment, Plan, Member)
            .join(Plan, Plan.id == Enrollment.plan_id)
            .join(Member, Member.id == Enrollment.member_id)
            .where(Enrollment.id == enrollment_id)
        ).first()
        return (row[0], row[1], row[2]) if row else None

    def hospital(self, hospital_id: int) -> Hospital | None:
        return self.session.get(Hospital, hospital_id)

    def unit(self, unit_id: int | None) -> OrgUnit | None:
        return self.session.get(OrgUnit, unit_id) if unit_id is not None else None

    def city(self) -> OrgUnit | None:
        return self.session.scalar(select(OrgUnit).where(OrgUnit.kind == "city").order_by(OrgUnit.id))

    def claim_number_taken(self, number: str) -> bool:
        return self.session.scalar(select(Claim.id).where(Claim.claim_number == number)) is not None

    def last_claim_number(self, prefix: str) -> str | None:
        """The highest claim number starting with `prefix` (numbers of one prefix have one width)."""
        return self.session.scalar(
            select(func.max(Claim.claim_number)).where(Claim.claim_number >= prefix, Claim.claim_number < prefix + "~")
        )

    def add(self, obj) -> None:
        self.session.add(obj)
        self.session.flush()

    def claim(self, claim_number: str) -> Claim | None:
        return self.session.scalar(select(Claim).where(Claim.claim_number == claim_number))

    def claim_context(self, claim: Claim) -> tuple[Member, Plan, Enrollment, Hospital | None, User | None]:
        member = self.session.get_one(Member, claim.member_id)
        plan = self.session.get_one(Plan, claim.plan_id)
        enrollment = self.session.get_one(Enrollment, claim.enrollment_id)
        hospital = self.session.get(Hospital, claim.hospital_id) if claim.hospital_id else None
        clerk = self.session.get(User, claim.entered_by) if claim.entered_by else None
        return member, plan, enrollment, hospital, clerk

    def history(self, claim_id: int) -> list[ClaimStatusChange]:
        return list(
            self.session.scalars(
                select(ClaimStatusChange).where(ClaimStatusChange.claim_id == claim_id).order_by(ClaimStatusChange.id)
            )
        )

    def waiting_claims(self, member_id: int | None = None, limit: int = 200) -> list[Claim]:
        stmt = select(Claim).where(Claim.status == "waiting_papers")
        if member_id is not None:
            stmt = stmt.where(Claim.member_id == member_id)
        return list(self.session.scalars(stmt.order_by(Claim.papers_due, Claim.id).limit(limit)))

    # --- the duplicate checks (claims not refused) -------------------------------------------

    def same_invoice(self, key: str | None) -> list[tuple]:
        """Claims with this invoice key, of any member (index ix_claims_invoice_key)."""
        if not key:
            return []
        return [
            tuple(row)
            for row in self.session.execute(
                select(*_OTHER).where(Claim.invoice_key == key, Claim.status != "refused").order_by(Claim.id)
            )
        ]

    def same_day(self, hospital_id: int | None, event_date: date | None) -> list[tuple]:
        """Claims of this hospital and admission (diagnosis) day (index ix_claims_hospital_event)."""
        if hospital_id is None or event_date is None:
            return []
        return [
            tuple(row)
            for row in self.session.execute(
                select(*_OTHER)
                .where(Claim.hospital_id == hospital_id, Claim.event_date == event_date, Claim.status != "refused")
                .order_by(Claim.id)
            )
        ]

    def member_claims(self, member_id: int) -> list[tuple]:
        """The member's claims (index ix_claims_member_invoice, member_id first)."""
        return [
            tuple(row)
            for row in self.session.execute(
                select(*_OTHER).where(Claim.member_id == member_id, Claim.status != "refused").order_by(Claim.id)
            )
        ]
