"""Queries the services need, over one session. Services never build SQL themselves."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mutualaid_desktop.store.models import (
    Claim,
    Enrollment,
    Member,
    OrgUnit,
    Plan,
    PremiumPayment,
    Setting,
    User,
)


class UserRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(User)) or 0

    def by_username(self, username: str) -> User | None:
        return self.session.scalar(select(User).where(User.username == username))

    def add(self, user: User) -> User:
        self.session.add(user)
        self.session.flush()
        return user

    def all(self) -> list[User]:
        return list(self.session.scalars(select(User).order_by(User.active.desc(), User.username)))

    def active_admins(self) -> int:
        stmt = select(func.count()).select_from(User).where(User.role == "admin", User.active.is_(True))
        return self.session.scalar(stmt) or 0


class SettingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str) -> str | None:
        row = self.session.get(Setting, key)
        return row.value if row else None

    def put(self, key: str, value: str) -> None:
        row = self.session.get(Setting, key)
        if row is None:
            self.session.add(Setting(key=key, value=value))
        else:
            row.value = value
        self.session.flush()


class OrgRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_code(self, code: str) -> OrgUnit | None:
        return self.session.scalar(select(OrgUnit).where(OrgUnit.code == code))

    def city(self) -> OrgUnit | None:
        return self.session.scalar(select(OrgUnit).where(OrgUnit.kind == "city").order_by(OrgUnit.id))

    def add(self, unit: OrgUnit) -> OrgUnit:
        self.session.add(unit)
        self.session.flush()
        return unit


class PlanRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_code(self, code: str) -> Plan | None:
        return self.session.scalar(select(Plan).where(Plan.code == code))

    def all(self) -> list[Plan]:
        return list(self.session.scalars(select(Plan).order_by(Plan.period_start.desc(), Plan.code)))

    def add(self, plan: Plan) -> Plan:
        self.session.add(plan)
        self.session.flush()
        return plan


class MemberRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_id_number(self, id_number: str) -> Member | None:
        return self.session.scalar(select(Member).where(Member.id_number == id_number))

    def unit_name(self, member: Member) -> str | None:
        if member.unit_id is None:
            return None
        return self.session.scalar(select(OrgUnit.name).where(OrgUnit.id == member.unit_id))

    def enrollments(self, member_id: int) -> list[tuple[Enrollment, Plan]]:
        rows = self.session.execute(
            select(Enrollment, Plan)
            .join(Plan, Plan.id == Enrollment.plan_id)
            .where(Enrollment.member_id == member_id)
            .order_by(Enrollment.cover_start.desc())
        )
        return [(e, p) for e, p in rows]


class DashboardQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def member_count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(Member)) or 0

    def active_cover_count(self, day: date) -> int:
        stmt = (
            select(func.count())
            .select_from(Enrollment)
            .where(
                Enrollment.status == "paid",
                Enrollment.cover_start <= day,
                Enrollment.cover_end >= day,
            )
        )
        return self.session.scalar(stmt) or 0

    def claims_in_status(self, status: str) -> int:
        stmt = select(func.count()).select_from(Claim).where(Claim.status == status)
        return self.session.scalar(stmt) or 0

    def receipts_on(self, day: date) -> tuple[int, int]:
        """(count, total fen) of the premium receipts issued on a day, voided ones left out."""
        stmt = select(func.count(), func.coalesce(func.sum(PremiumPayment.amount_fen), 0)).where(
            PremiumPayment.paid_on == day, PremiumPayment.voided.is_(False)
        )
        count, total = self.session.execute(stmt).one()
        return int(count), int(total)
