"""Queries for the renewal reminders (续保提示单; used by services/renewal_reminders.py).

Built for 1,000,000 members in 6,000 units: plain row tuples (no ORM objects), the units first
(a small list), then the members of a chunk of units at a time, ordered by unit. Who is reminded: a
paid cover of the kind ending in the window, not yet paid under next year's plan, and not recorded as
having left (a live renewal_leavers record for next year's plan, looked up by its partial UNIQUE index,
unless the member was enrolled in that plan after all: a pending enrollment is still reminded).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, exists, func, select
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
    return PlanRow(row.id, row.code, row.name, row.kind, row.premium_per_share_fen, row.max_shares,
                   row.period_start, row.period_end)


class RenewalQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- plans ---------------------------------------------------------------------------

    def plans_ending_in(self, year: int, kind: str) -> list[PlanRow]:
        rows = self.session.scalars(
            select(Plan).where(Plan.kind == kind, Plan.period_end >= date(year, 1, 1),
                               Plan.period_end <= date(year, 12, 31)).order_by(Plan.period_end.desc(), Plan.id)
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
                select(Plan).where(Plan.kind == current.kind, Plan.period_start >= date(year, 1, 1),
                                   Plan.period_start <= date(year, 12, 31)).order_by(Plan.period_start, Plan.id)
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
            select(OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.contact_person, OrgUnit.phone, OrgUnit.address,
                   county.code, county.name)
            .outerjoin(county, county.id == OrgUnit.parent_id)
            .where(where)
            .order_by(OrgUnit.code)
        )
        return [UnitRow(*r) for r in rows]

    # --- members -------------------------------------------------------------------------

    def _ending(self, current: PlanRow, next_plan: PlanRow, first: date, last: date):
        renewed = aliased(Enrollment)
        enrolled = aliased(Enrollment)
        return and_(
            Enrollment.plan_id.in_(select(Plan.id).where(Plan.kind == current.kind).scalar_subquery()),
            Enrollment.status == "paid",
            Enrollment.cover_end >= first,
            Enrollment.cover_end <= last,
            # already renewed (paid under next year's plan): nothing to remind
            ~exists().where(renewed.member_id == Enrollment.member_id, renewed.plan_id == next_plan.id,
                            renewed.status == "paid"),
            # the unit said the member has left (a live leaver record for next year's plan, found by its partial
            # UNIQUE index) and the member has not been enrolled in it after all: not reminded
            ~exists().where(RenewalLeaver.member_id == Enrollment.member_id, RenewalLeaver.plan_id == next_plan.id,
                            RenewalLeaver.withdrawn_at.is_(None),
                            ~exists().where(enrolled.member_id == RenewalLeaver.member_id,
                                            enrolled.plan_id == next_plan.id, enrolled.status != "cancelled")),
        )

    def counts(self, current: PlanRow, next_plan: PlanRow, first: date, last: date,
               unit_ids: list[int] | None) -> dict[int, int]:
        """Members to remind per unit id."""
        stmt = (select(Enrollment.unit_id, func.count())
                .where(self._ending(current, next_plan, first, last)).group_by(Enrollment.unit_id))
        if unit_ids is not None:
            out: dict[int, int] = {}
            for i in range(0, len(unit_ids), 5000):
                out.update(self.session.execute(stmt.where(Enrollment.unit_id.in_(unit_ids[i:i + 5000]))).all())
            return out
        return {u: n for u, n in self.session.execute(stmt).all() if u is not None}

    def members(self, current: PlanRow, next_plan: PlanRow, first: date, last: date, unit_ids: list[int]):
        """(unit_id, name, sex, id_number, shares, cover_end) rows of these units, ordered by unit and member."""
        return self.session.execute(
            select(Enrollment.unit_id, Member.name, Member.sex, Member.id_number, Enrollment.shares,
                   Enrollment.cover_end)
            .join(Member, Member.id == Enrollment.member_id)
            .where(self._ending(current, next_plan, first, last), Enrollment.unit_id.in_(unit_ids))
            .order_by(Enrollment.unit_id, Member.id)
        )
