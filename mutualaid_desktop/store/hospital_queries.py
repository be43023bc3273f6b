"""Queries on the hospitals list (设置 → 医院), for services/admin/hospitals.py."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import Hospital


class HospitalQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self, *, active_only: bool = False) -> list[Hospital]:
        stmt = select(Hospital)
        if active_only:
            stmt = stmt.where(Hospital.active.is_(True))
        return list(self.session.scalars(stmt.order_by(Hospital.county_code, Hospital.name)))

    def by_id(self, hospital_id: int) -> Hospital | None:
        return self.session.get(Hospital, hospital_id)

    def by_name(self, name: str) -> Hospital | None:
        return self.session.scalar(select(Hospital).where(Hospital.name == name))

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(Hospital)) or 0

    def add(self, hospital: Hospital) -> Hospital:
        self.session.add(hospital)
        self.session.flush()
        return hospital

    def flush(self) -> None:
        self.session.flush()
