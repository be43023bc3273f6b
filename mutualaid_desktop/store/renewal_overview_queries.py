"""Queries for the renewal overview (续保进度; used by services/renewal/renewal_overview.py).

Plain GROUP BY rows per unit (never ORM objects), built for 1,000,000 members in 6,000 units:
- `covered`: per unit of last year's cover, the members covered (paid under last year's plans);
- `next_year`: next year's live enrollments grouped by their unit, the unit of the member's cover
  last year (None: a new joiner) and their status, with the premiums; the service attributes renewed
  and pending to last year's unit, joiners and the amount received to next year's;
- `left`: per unit of last year's cover, the members covered last year with a live leaver record for
  next year's plan (renewal_leavers: the unit said they have left) and no live enrollment in it;
- `cannot_renew`: per unit of last year's cover, the members covered last year, with no live enrollment in
  next year's plan and no live leaver record, born outside next year's age limit (the birth-date bounds of
  services/enrollment.birth_date_bounds: the one age rule).
The partial UNIQUE index (one non-cancelled enrollment per member and plan) means one next-year
enrollment per member; a member paid under two of last year's plans (two plans of the kind ending
in the same year) would be counted twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, exists, extract, func, or_, select
from sqlalchemy.orm import Session, aliased

from .models import Enrollment, Member, OrgUnit, Plan, RenewalLeaver


@dataclass(frozen=True)
class OverviewUnitRow:
    """A grassroots unit and the union above it (its county, or whatever its parent is)."""

    id: int
    code: str
    name: str
    contact_person: str | None
    phone: str | None
    parent_id: int | None
    parent_code: str | None
    parent_name: str | None


class RenewalOverviewQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- choices -------------------------------------------------------------------------

    def plan_years(self) -> list[tuple[str, int]]:
        """(kind, year in which a plan of that kind ends), each pair once, by kind then year."""
        year = extract("year", Plan.period_end)
        rows = self.session.execute(select(Plan.kind, year).distinct().order_by(Plan.kind, year))
        return [(kind, int(y)) for kind, y in rows]

    def counties(self) -> list[tuple[int, str, str]]:
        """(id, code, name) of the county/district unions, by code."""
        rows = self.session.execute(
            select(OrgUnit.id, OrgUnit.code, OrgUnit.name).where(OrgUnit.kind == "county").order_by(OrgUnit.code)
        )
        return [(i, c, n) for i, c, n in rows]

    def units(self, county_id: int | None = None) -> list[OverviewUnitRow]:
        """The grassroots units (of one county), with their parent, by code."""
        parent = aliased(OrgUnit)
        stmt = (
            select(
                OrgUnit.id,
                OrgUnit.code,
                OrgUnit.name,
                OrgUnit.contact_person,
                OrgUnit.phone,
                OrgUnit.parent_id,
                parent.code,
                parent.name,
            )
            .outerjoin(parent, parent.id == OrgUnit.parent_id)
            .where(OrgUnit.kind == "unit")
            .order_by(OrgUnit.code)
        )
        if county_id is not None:
            stmt = stmt.where(OrgUnit.parent_id == county_id)
        return [OverviewUnitRow(*r) for r in self.session.execute(stmt)]

    # --- figures -------------------------------------------------------------------------

    @staticmethod
    def _in_county(column, county_id: int | None) -> list:
        """The condition that `column` (a unit id) is a unit of the county; none for the whole city."""
        if county_id is None:
            return []
        return [column.in_(select(OrgUnit.id).where(OrgUnit.parent_id == county_id).scalar_subquery())]

    def covered(self, current_ids: list[int], county_id: int | None = None) -> list[tuple[int | None, int]]:
        """(unit_id, members covered) per unit of last year's paid enrollments."""
        stmt = (
            select(Enrollment.unit_id, func.count())
            .where(
                Enrollment.plan_id.in_(current_ids),
                Enrollment.status == "paid",
                *self._in_county(Enrollment.unit_id, county_id),
            )
            .group_by(Enrollment.unit_id)
        )
        return [(u, int(n)) for u, n in self.session.execute(stmt)]

    def next_year(
        self, current_ids: list[int], next_id: int, county_id: int | None = None
    ) -> list[tuple[int | None, bool, int | None, str, int, int]]:
        """Next year's live enrollments, each with the member's paid cover of last year (if any), grouped:
        (next year's unit_id, covered last year, last year's unit_id, status, count, premiums in fen).

        One pass over next year's enrollments (their number grows through the season), each looking up its
        member's cover of last year by the (member_id, plan_id) index. With a county: the rows where either
        unit is in the county."""
        last = aliased(Enrollment)
        covered_before = last.id.is_not(None)
        stmt = (
            select(
                Enrollment.unit_id,
                covered_before,
                last.unit_id,
                Enrollment.status,
                func.count(),
                func.sum(Enrollment.premium_fen),
            )
            .select_from(Enrollment)
            .outerjoin(
                last, and_(last.member_id == Enrollment.member_id, last.plan_id.in_(current_ids), last.status == "paid")
            )
            .where(Enrollment.plan_id == next_id, Enrollment.status != "cancelled")
            .group_by(Enrollment.unit_id, covered_before, last.unit_id, Enrollment.status)
        )
        if county_id is not None:
            stmt = stmt.where(
                or_(*self._in_county(Enrollment.unit_id, county_id), *self._in_county(last.unit_id, county_id))
            )
        return [
            (u, bool(before), lu, status, int(n), int(fen or 0))
            for u, before, lu, status, n, fen in self.session.execute(stmt)
        ]

    def left(self, current_ids: list[int], next_id: int, county_id: int | None = None) -> list[tuple[int | None, int]]:
        """(unit_id of last year's cover, members) of the live leaver records for next year's plan whose member
        was covered last year and has no live enrollment in next year's plan (renewed after all: counted there).

        Driven by the leaver records (a few thousand at most), each looking up the member's covers by the
        (member_id, plan_id) index of enrollments."""
        last = aliased(Enrollment)
        renewed = aliased(Enrollment)
        stmt = (
            select(last.unit_id, func.count())
            .select_from(RenewalLeaver)
            .join(
                last,
                and_(last.member_id == RenewalLeaver.member_id, last.plan_id.in_(current_ids), last.status == "paid"),
            )
            .where(
                RenewalLeaver.plan_id == next_id,
                RenewalLeaver.withdrawn_at.is_(None),
                ~exists().where(
                    renewed.member_id == RenewalLeaver.member_id,
                    renewed.plan_id == next_id,
                    renewed.status != "cancelled",
                ),
                *self._in_county(last.unit_id, county_id),
            )
            .group_by(last.unit_id)
        )
        return [(u, int(n)) for u, n in self.session.execute(stmt)]

    def cannot_renew(
        self, current_ids: list[int], next_id: int, born: tuple[date, date], county_id: int | None = None
    ) -> list[tuple[int | None, int]]:
        """(unit_id of last year's cover, members) covered last year who cannot renew: not enrolled in next year's
        plan, not recorded as having left, born outside `born` (earliest, latest: next year's age limit)."""
        renewed = aliased(Enrollment)
        stmt = (
            select(Enrollment.unit_id, func.count())
            .join(Member, Member.id == Enrollment.member_id)
            .where(
                Enrollment.plan_id.in_(current_ids),
                Enrollment.status == "paid",
                or_(Member.birth_date < born[0], Member.birth_date > born[1]),
                ~exists().where(
                    renewed.member_id == Enrollment.member_id, renewed.plan_id == next_id, renewed.status != "cancelled"
                ),
                ~exists().where(
                    RenewalLeaver.member_id == Enrollment.member_id,
                    RenewalLeaver.plan_id == next_id,
                    RenewalLeaver.withdrawn_at.is_(None),
                ),
                *self._in_county(Enrollment.unit_id, county_id),
            )
            .group_by(Enrollment.unit_id)
        )
        return [(u, int(n)) for u, n in self.session.execute(stmt)]
