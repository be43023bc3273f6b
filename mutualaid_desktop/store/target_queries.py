"""Queries on the yearly targets (stat_targets) for services/statistics/targets.py."""

from __future__ import annotations

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from mutualaid_desktop.store.models import OrgUnit, StatTarget


class TargetQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def target_units(self, year: int) -> list[OrgUnit]:
        """The city and the counties in tree order (the city first, then the counties by code): the
        active ones, and an inactive one that has a target row for `year`."""
        has_target = select(StatTarget.id).where(StatTarget.unit_id == OrgUnit.id, StatTarget.year == year).exists()
        stmt = (
            select(OrgUnit)
            .where(OrgUnit.kind.in_(("city", "county")), OrgUnit.active.is_(True) | has_target)
            .order_by(case((OrgUnit.kind == "city", 0), else_=1), OrgUnit.code)
        )
        return list(self.session.scalars(stmt))

    def targets(self, year: int) -> dict[int, StatTarget]:
        """The target rows of `year` by unit id."""
        return {t.unit_id: t for t in self.session.scalars(select(StatTarget).where(StatTarget.year == year))}

    def target(self, year: int, unit_id: int) -> StatTarget | None:
        return self.session.scalar(select(StatTarget).where(StatTarget.year == year, StatTarget.unit_id == unit_id))

    def add(self, target: StatTarget) -> StatTarget:
        self.session.add(target)
        self.session.flush()
        return target

    def flush(self) -> None:
        self.session.flush()
