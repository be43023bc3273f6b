"""Queries of the renewal of one unit (续保; used by services/renewal/renewal.py).

A unit may have thousands of members: its covers of last year come back as plain rows in one
indexed query (enrollments by unit), and what its members already have under next year's plan (an
enrollment, or a live leaver record: renewal_leavers) is looked up a chunk of member ids at a time
(never one query per member).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from .bulk import rows_matched, table_of
from .enrollment_queries import _chunks
from .models import Enrollment, Member, Plan, RenewalLeaver


@dataclass(frozen=True, slots=True)
class LastCoverRow:
    """A member's paid cover of last year in the unit (the latest, when there are two)."""

    member_id: int
    name: str
    id_number: str
    sex: str
    birth_date: date
    member_unit_id: int | None  # where the member belongs now (may differ from the unit of the cover)
    shares: int
    cover_end: date
    plan_code: str


@dataclass(frozen=True, slots=True)
class NextPlanRow:
    """A member's live (not cancelled) enrollment in next year's plan."""

    enrollment_id: int
    member_id: int
    status: str  # pending_payment / paid
    unit_id: int | None


@dataclass(frozen=True, slots=True)
class LeaverRow:
    """A live (not withdrawn) leaver record of a member for next year's plan."""

    id: int
    member_id: int
    unit_id: int
    reason: str | None
    recorded_at: datetime


class RenewalUnitQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def last_covers(self, unit_id: int, plan_ids: Sequence[int], first: date, last: date) -> list[LastCoverRow]:
        """Paid covers of the unit under `plan_ids` ending in [first, last], one per member (the
        latest cover end, then the most shares), ordered by member id."""
        if not plan_ids:
            return []
        rows = self.session.execute(
            select(
                Enrollment.member_id,
                Member.name,
                Member.id_number,
                Member.sex,
                Member.birth_date,
                Member.unit_id,
                Enrollment.shares,
                Enrollment.cover_end,
                Plan.code,
            )
            .join(Member, Member.id == Enrollment.member_id)
            .join(Plan, Plan.id == Enrollment.plan_id)
            .where(
                Enrollment.unit_id == unit_id,
                Enrollment.plan_id.in_(list(plan_ids)),
                Enrollment.status == "paid",
                Enrollment.cover_end >= first,
                Enrollment.cover_end <= last,
            )
            .order_by(Enrollment.member_id, Enrollment.cover_end, Enrollment.shares)
        )
        by_member: dict[int, LastCoverRow] = {}
        for member_id, name, id_number, sex, birth_date, member_unit_id, shares, cover_end, plan_code in rows:
            assert cover_end is not None  # selected by its cover end
            # ordered: the last one of a member wins
            by_member[member_id] = LastCoverRow(
                member_id, name, id_number, sex, birth_date, member_unit_id, shares, cover_end, plan_code
            )
        return list(by_member.values())

    def next_plan_enrollments(self, member_ids: Sequence[int], plan_id: int) -> dict[int, NextPlanRow]:
        """member id -> the live enrollment in `plan_id`, for the members that have one."""
        out: dict[int, NextPlanRow] = {}
        for part in _chunks(list(member_ids)):
            rows = self.session.execute(
                select(Enrollment.id, Enrollment.member_id, Enrollment.status, Enrollment.unit_id).where(
                    Enrollment.plan_id == plan_id, Enrollment.status != "cancelled", Enrollment.member_id.in_(part)
                )
            )
            for row in rows:
                out[row[1]] = NextPlanRow(*row)
        return out

    # --- leavers (renewal_leavers) ----------------------------------------------------------

    def live_leavers(self, member_ids: Sequence[int], plan_id: int) -> dict[int, LeaverRow]:
        """member id -> the live leaver record for `plan_id`, for the members that have one (the partial
        UNIQUE index on member_id, plan_id of live records answers it)."""
        out: dict[int, LeaverRow] = {}
        for part in _chunks(list(member_ids)):
            rows = self.session.execute(
                select(
                    RenewalLeaver.id,
                    RenewalLeaver.member_id,
                    RenewalLeaver.unit_id,
                    RenewalLeaver.reason,
                    RenewalLeaver.recorded_at,
                ).where(
                    RenewalLeaver.plan_id == plan_id,
                    RenewalLeaver.withdrawn_at.is_(None),
                    RenewalLeaver.member_id.in_(part),
                )
            )
            for row in rows:
                out[row[1]] = LeaverRow(*row)
        return out

    def add_leavers(self, rows: list[dict]) -> None:
        """New live records: dicts of member_id, plan_id, unit_id, reason, recorded_at, recorded_by."""
        if rows:
            self.session.execute(table_of(RenewalLeaver).insert(), rows)

    def withdraw_leavers(self, record_ids: Sequence[int], at: datetime, by: int | None) -> int:
        """Withdraw these live records (never deleted); returns how many were withdrawn."""
        done = 0
        for part in _chunks(list(record_ids)):
            result = self.session.execute(
                update(RenewalLeaver)
                .where(RenewalLeaver.id.in_(part), RenewalLeaver.withdrawn_at.is_(None))
                .values(withdrawn_at=at, withdrawn_by=by)
                .execution_options(synchronize_session=False)
            )
            done += rows_matched(result)
        return done
