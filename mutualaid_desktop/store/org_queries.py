"""Queries on the union tree (org_units) for services/admin/units.py."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mutualaid_desktop.store.models import Member, OrgUnit


class OrgQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def all_units(self) -> list[OrgUnit]:
        return list(self.session.scalars(select(OrgUnit).order_by(OrgUnit.id)))

    def member_counts(self) -> dict[int, int]:
        """Members per org unit id (uses the index on members.unit_id)."""
        rows = self.session.execute(
            select(Member.unit_id, func.count()).where(Member.unit_id.is_not(None)).group_by(Member.unit_id)
        )
        return {unit_id: count for unit_id, count in rows if unit_id is not None}

    def member_count(self, unit_id: int) -> int:
        return self.session.scalar(select(func.count()).select_from(Member).where(Member.unit_id == unit_id)) or 0

    def by_code(self, code: str) -> OrgUnit | None:
        return self.session.scalar(select(OrgUnit).where(OrgUnit.code == code))

    def by_id(self, unit_id: int) -> OrgUnit | None:
        return self.session.get(OrgUnit, unit_id)

    def city(self) -> OrgUnit | None:
        return self.session.scalar(select(OrgUnit).where(OrgUnit.kind == "city").order_by(OrgUnit.id))

    def children(self, unit_id: int, *, active_only: bool = False) -> list[OrgUnit]:
        stmt = select(OrgUnit).where(OrgUnit.parent_id == unit_id)
        if active_only:
            stmt = stmt.where(OrgUnit.active.is_(True))
        return list(self.session.scalars(stmt.order_by(OrgUnit.code)))

    def add(self, unit: OrgUnit) -> OrgUnit:
        self.session.add(unit)
        self.session.flush()
        return unit

    def flush(self) -> None:
        self.session.flush()
