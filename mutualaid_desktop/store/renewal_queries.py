"""Queries for the renewal reminders (续保提示单; used by services/renewal/renewal_reminders.py).

Built for 1,000,000 members in 6,000 units: plain row tuples (no ORM objects), the units first
(a small list), then the members of a chunk of units at a time, ordered by unit. Who is reminded: a
paid cover of the kind ending in the window of a member who can renew and has not — not enrolled in
next year's plan (paid or confirmed and waiting for payment), not recorded as having left (a live
renewal_leavers record for next year's plan, looked up by its partial UNIQUE index), and born within
next year's age limit (the bounds from services/enrollment.birth_date_bounds: the one age rule).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.orm import Session, aliased

from .models import Enrollment, Member, OrgUnit, Plan, RenewalLeaver


@dataclass(frozen=True)
class UnitRow:
    id: int
    code: str
    name: str
    contact_person: str | None
    phone: str | None
    address: str | None
    county_code: str | None
    county_name: str | None


@dataclass(frozen=True)
class PlanRow:
    id: int
    code: str
    name: str
    kind: str
    premium_per_share_fen: int
    max_shares: int
    period_start: date
    period_end: date


def _plan(row: Plan) -> PlanRow:
    return PlanRow(
        row.id,
        row.code,
        row.name,
        row.kind,
        row.premium_per_share_fen,
        row.max_shares,
        row.period_start,
        row.period_end,
    )


class RenewalQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- plans ---------------------------------------------------------------------------

    def plans_ending_in(self, year: int, kind: str) -> list[PlanRow]:
        rows = self.session.scalars(
            select(Plan)
            .where(Plan.kind == kind, Plan.period_end >= date(year, 1, 1), Plan.period_end <= date(year, 12, 31))
            .order_by(Plan.period_end.desc(), Plan.id)
        )
        return [_plan(r) for r in rows]

    def next_plan(self, current: PlanRow) -> PlanRow | None:
        """The plan of the same kind that starts the day after `current` ends, else one starting the next year."""
        day_after = current.period_end + timedelta(days=1)
        row = self.session.scalars(
            select(Plan).where(Plan.kind == current.kind, Plan.period_start == day_after).order_by(Plan.id)
        ).first()
        if row is None:
            year = current.period_end.year + 1
            row = self.session.scalars(
                select(Plan)
                .where(
                    Plan.kind == current.kind,
                    Plan.period_start >= date(year, 1, 1),
                    Plan.period_start <= date(year, 12, 31),
                )
                .order_by(Plan.period_start, Plan.id)
            ).first()
        return _plan(row) if row is not None else None

    # --- units ---------------------------------------------------------------------------

    def unit_by_code(self, code: str) -> UnitRow | None:
        return next(iter(self._units(OrgUnit.code == code)), None)

    def county_by_code(self, code: str) -> tuple[int, str] | None:
        row = self.session.execute(
            select(OrgUnit.id, OrgUnit.name).where(OrgUnit.code == code, OrgUnit.kind == "county")
        ).first()
        return (row[0], row[1]) if row else None

    def units(self, *, county_id: int | None = None, unit_id: int | None = None) -> list[UnitRow]:
        """Grassroots units (the city, one county or one unit), ordered by code."""
        where = [OrgUnit.kind == "unit"]
        if county_id is not None:
            where.append(OrgUnit.parent_id == county_id)
        if unit_id is not None:
            where.append(OrgUnit.id == unit_id)
        return self._units(and_(*where))

    def _units(self, where) -> list[UnitRow]:
        county = aliased(OrgUnit)
        rows = self.session.execute(
            select(
                OrgUnit.id,
                OrgUnit.code,
                OrgUnit.name,
                OrgUnit.contact_person,
                OrgUnit.phone,
                OrgUnit.address,
                county.code,
                county.name,
            )
            .outerjoin(county, county.id == OrgUnit.parent_id)
            .where(where)
            .order_by(OrgUnit.code)
        )
        return [UnitRow(*r) for r in rows]

    # --- members ---------------------------------------------------------------------------

    def _covers(self, current: PlanRow, first: date, last: date):
        """Paid covers of the kind ending in the window."""
        return and_(
            Enrollment.plan_id.in_(select(Plan.id).where(Plan.kind == current.kind).scalar_subquery()),
            Enrollment.status == "paid",
            Enrollment.cover_end >= first,
            Enrollment.cover_end <= last,
        )

    @staticmethod
    def _renewed(next_plan: PlanRow):
        """Enrolled in next year's plan, paid or confirmed and waiting for payment: nothing to remind."""
        renewed = aliased(Enrollment)
        return exists().where(
            renewed.member_id == Enrollment.member_id, renewed.plan_id == next_plan.id, renewed.status != "cancelled"
        )

    @staticmethod
    def _left(next_plan: PlanRow):
        """The unit said the member has left (a live leaver record for next year's plan, found by its partial
        UNIQUE index)."""
        return exists().where(
            RenewalLeaver.member_id == Enrollment.member_id,
            RenewalLeaver.plan_id == next_plan.id,
            RenewalLeaver.withdrawn_at.is_(None),
        )

    @staticmethod
    def _age_ok(born: tuple[date, date]):
        """Born within next year's age limit (services/enrollment.birth_date_bounds)."""
        return Member.birth_date.between(born[0], born[1])

    def _ending(self, current: PlanRow, next_plan: PlanRow, first: date, last: date, born: tuple[date, date]):
        """Members to remind: a cover ending in the window, not renewed, not left, within the age limit."""
        return and_(
            self._covers(current, first, last), ~self._renewed(next_plan), ~self._left(next_plan), self._age_ok(born)
        )

    def counts(
        self,
        current: PlanRow,
        next_plan: PlanRow,
        first: date,
        last: date,
        born: tuple[date, date],
        unit_ids: list[int] | None,
    ) -> dict[int, dict[str, int]]:
        """Per unit id with covers ending in the window: members by what is to be done — "remind", or not
        reminded because "renewed" (paid or pending), "left" (recorded leaver) or "over_age" (outside the age
        limit of next year's plan); in that order of precedence. One GROUP BY over the covers."""
        state = case(
            (self._renewed(next_plan), "renewed"),
            (self._left(next_plan), "left"),
            (~self._age_ok(born), "over_age"),
            else_="remind",
        )
        stmt = (
            select(Enrollment.unit_id, state, func.count())
            .join(Member, Member.id == Enrollment.member_id)
            .where(self._covers(current, first, last))
            .group_by(Enrollment.unit_id, state)
        )
        out: dict[int, dict[str, int]] = {}
        parts = (
            [stmt]
            if unit_ids is None
            else [stmt.where(Enrollment.unit_id.in_(unit_ids[i : i + 5000])) for i in range(0, len(unit_ids), 5000)]
        )
        for part in parts:
            for unit_id, what, n in self.session.execute(part):
                if unit_id is not None:
                    out.setdefault(unit_id, {})[what] = int(n)
        return out

    def members(
        self,
        current: PlanRow,
        next_plan: PlanRow,
        first: date,
        last: date,
        born: tuple[date, date],
        unit_ids: list[int],
    ):
        """(unit_id, name, sex, id_number, shares, cover_end) rows to remind of these units, by unit and member."""
        return self.session.execute(
            select(
                Enrollment.unit_id, Member.name, Member.sex, Member.id_number, Enrollment.shares, Enrollment.cover_end
            )
            .join(Member, Member.id == Enrollment.member_id)
            .where(self._ending(current, next_plan, first, last, born), Enrollment.unit_id.in_(unit_ids))
            .order_by(Enrollment.unit_id, Member.id)
        )
