"""Queries on claims for services/claims/claims_review.py: the review queue, one claim with what goes
with it (member, plan, hospital, history), the member's other claims, recording a decision.

The queue is `status = 'waiting_review'` (index on claims.status) ordered by received_on and
claim number, cut at `limit`/`offset`: only the claims waiting for review are read and sorted
(a few thousand of the 100,000 claims of a city's year), then the page is joined to its member,
unit, plan and clerk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, aliased

from mutualaid_desktop.store.bulk import rows_matched
from mutualaid_desktop.store.models import (
    Claim,
    ClaimStatusChange,
    Hospital,
    Member,
    OrgUnit,
    Plan,
    User,
)
from mutualaid_desktop.store.money_digest import touch

# Above every character: `col < prefix + TOP` ends a prefix range (index range scan, unlike LIKE).
TOP = "\U0010ffff"
QUEUE_STATUS = "waiting_review"


@dataclass(frozen=True)
class QueueFilter:
    """What the queue is narrowed to (None: everything). Amounts in fen, inclusive."""

    county_code: str | None = None  # the claim number starts with "<county code>-"
    plan_id: int | None = None
    entered_by: int | None = None
    min_fen: int | None = None
    max_fen: int | None = None


@dataclass(frozen=True)
class QueueHit:
    claim_id: int
    claim_number: str
    received_on: date
    event_date: date
    quoted_fen: int
    member_name: str
    id_number: str
    unit_name: str | None
    plan_code: str
    plan_name: str
    entered_by: int | None
    clerk_name: str | None
    hospital_name: str | None
    diagnosis: str | None
    papers_json: str | None


@dataclass(frozen=True)
class HistoryHit:
    changed_at: datetime
    from_status: str | None
    to_status: str
    user_name: str | None
    reason: str | None


def _queue_where(f: QueueFilter) -> list:
    cond = [Claim.status == QUEUE_STATUS]
    if f.county_code:
        prefix = f.county_code + "-"
        cond += [Claim.claim_number >= prefix, Claim.claim_number < prefix + TOP]
    if f.plan_id is not None:
        cond.append(Claim.plan_id == f.plan_id)
    if f.entered_by is not None:
        cond.append(Claim.entered_by == f.entered_by)
    if f.min_fen is not None:
        cond.append(Claim.quoted_fen >= f.min_fen)
    if f.max_fen is not None:
        cond.append(Claim.quoted_fen <= f.max_fen)
    return cond


class ClaimQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- the queue -------------------------------------------------------------------------

    def queue_statement(self, f: QueueFilter, *, limit: int, offset: int):
        page = (
            select(
                Claim.id.label("id"), Claim.received_on.label("received_on"), Claim.claim_number.label("claim_number")
            )
            .where(*_queue_where(f))
            .order_by(Claim.received_on, Claim.claim_number)
            .limit(limit)
            .offset(offset)
            .subquery("page")
        )
        clerk = aliased(User)
        return (
            select(
                Claim.id,
                Claim.claim_number,
                Claim.received_on,
                Claim.event_date,
                Claim.quoted_fen,
                Member.name,
                Member.id_number,
                OrgUnit.name,
                Plan.code,
                Plan.name,
                Claim.entered_by,
                clerk.display_name,
                Hospital.name,
                Claim.diagnosis,
                Claim.papers_json,
            )
            .select_from(page)
            .join(Claim, Claim.id == page.c.id)
            .join(Member, Member.id == Claim.member_id)
            .join(Plan, Plan.id == Claim.plan_id)
            .outerjoin(OrgUnit, OrgUnit.id == Member.unit_id)
            .outerjoin(clerk, clerk.id == Claim.entered_by)
            .outerjoin(Hospital, Hospital.id == Claim.hospital_id)
            .order_by(page.c.received_on, page.c.claim_number)
        )

    def queue(self, f: QueueFilter, *, limit: int, offset: int) -> list[QueueHit]:
        if limit <= 0:
            return []
        return [QueueHit(*row) for row in self.session.execute(self.queue_statement(f, limit=limit, offset=offset))]

    def queue_count(self, f: QueueFilter) -> int:
        return self.session.scalar(select(func.count()).select_from(Claim).where(*_queue_where(f))) or 0

    # --- what the filters offer ------------------------------------------------------------

    def counties(self) -> list[OrgUnit]:
        return list(self.session.scalars(select(OrgUnit).where(OrgUnit.kind == "county").order_by(OrgUnit.code)))

    def plans(self) -> list[Plan]:
        return list(self.session.scalars(select(Plan).order_by(Plan.period_start.desc(), Plan.code)))

    def clerks(self, roles: tuple[str, ...]) -> list[User]:
        """The users with one of `roles` (those who may enter a claim: the service says which)."""
        return list(self.session.scalars(select(User).where(User.role.in_(roles)).order_by(User.display_name, User.id)))

    # --- one claim -------------------------------------------------------------------------

    def by_number(self, claim_number: str) -> Claim | None:
        return self.session.scalar(select(Claim).where(Claim.claim_number == claim_number))

    def plan_by_code(self, code: str) -> Plan | None:
        return self.session.scalar(select(Plan).where(Plan.code == code))

    def user_by_username(self, username: str) -> User | None:
        return self.session.scalar(select(User).where(User.username == username))

    def member(self, member_id: int) -> Member | None:
        return self.session.get(Member, member_id)

    def unit(self, unit_id: int | None) -> OrgUnit | None:
        return self.session.get(OrgUnit, unit_id) if unit_id is not None else None

    def plan(self, plan_id: int) -> Plan | None:
        return self.session.get(Plan, plan_id)

    def hospital(self, hospital_id: int | None) -> Hospital | None:
        return self.session.get(Hospital, hospital_id) if hospital_id is not None else None

    def user(self, user_id: int | None) -> User | None:
        return self.session.get(User, user_id) if user_id is not None else None

    def other_claims(self, claim: Claim) -> list[Claim]:
        """The member's other claims (index ix_claims_member_invoice: member_id first)."""
        return list(
            self.session.scalars(
                select(Claim).where(Claim.member_id == claim.member_id, Claim.id != claim.id).order_by(Claim.id)
            )
        )

    def history(self, claim_id: int) -> list[HistoryHit]:
        rows = self.session.execute(
            select(
                ClaimStatusChange.changed_at,
                ClaimStatusChange.from_status,
                ClaimStatusChange.to_status,
                User.display_name,
                ClaimStatusChange.reason,
            )
            .outerjoin(User, User.id == ClaimStatusChange.user_id)
            .where(ClaimStatusChange.claim_id == claim_id)
            .order_by(ClaimStatusChange.changed_at, ClaimStatusChange.id)
        )
        return [HistoryHit(*row) for row in rows]

    # --- deciding --------------------------------------------------------------------------

    def decide(self, claim: Claim, values: dict, *, user_id: int | None, at: datetime, reason: str | None) -> bool:
        """Set the decision on a claim still waiting for review, and its status change row.
        False when the claim is no longer waiting (decided meanwhile by someone else)."""
        from_status = claim.status
        result = self.session.execute(
            update(Claim).where(Claim.id == claim.id, Claim.status == QUEUE_STATUS).values(**values)
        )
        if rows_matched(result) != 1:
            return False
        touch(self.session, "claim", claim.id)  # a Core update: its digest goes into the audit log
        self.session.add(
            ClaimStatusChange(
                claim_id=claim.id,
                from_status=from_status,
                to_status=values["status"],
                changed_at=at,
                user_id=user_id,
                reason=reason,
            )
        )
        self.session.flush()
        self.session.refresh(claim)
        return True
