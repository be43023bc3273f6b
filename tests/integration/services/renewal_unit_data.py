"""A unit to renew (续保), on top of the reminder tests' small city (renewal_data.make_city).

Unit 611002-0001 (商州区第一中学工会) after `make_renewal_city`:
- 3 members paid under SL-ZY-2026 until 2026-12-31: renewable ("kept");
- 1 already paid under SL-ZY-2027 ("renewed"), 1 pending under SL-ZY-2027 ("pending");
- 1 born 1965 (61 on 2027-01-01, over the maximum age of 60): "old";
- 1 whose cover was with this unit but who has moved to 611002-0002: "moved";
- 1 pending and 1 cancelled under 2026, 1 whose cover ended 2026-06-30: not in the draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from mutualaid_desktop.domain.idcard import make_id_number
from mutualaid_desktop.services.admin.users import UserInfo, create_first_admin
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Enrollment, Member, OrgUnit, Plan

from .renewal_data import make_city

TODAY = date(2026, 11, 29)
UNIT = "611002-0001"
UNIT_NAME = "商州区第一中学工会"
OTHER_UNIT = "611002-0002"
PLAN = "SL-ZY-2027"
LAST_PLAN = "SL-ZY-2026"


@dataclass
class RenewalCity:
    admin: UserInfo
    kept: dict[str, int] = field(default_factory=dict)  # name -> member id
    renewed: int = 0
    pending: int = 0
    pending_enrollment: int = 0
    old: int = 0
    moved: int = 0
    other_unit_member: int = 0  # a member of 611002-0002 (for a joiner moving in)


def new_person(n: int, *, born: date = date(1990, 3, 1), male: bool = True) -> str:
    """An ID number no member of the city has (area 611021)."""
    return make_id_number("611021", born, (2 * n + (1 if male else 0)) % 1000)


def make_renewal_city(db, *, next_year: bool = True) -> RenewalCity:
    make_city(db, big_unit=3, next_year=next_year)
    admin = create_first_admin(db, "admin", "王芳", "secret123")
    city = RenewalCity(admin)
    with UnitOfWork(db, username="setup") as uow:
        s = uow.session
        plans = {p.code: p for p in s.scalars(select(Plan))}
        units = {u.code: u for u in s.scalars(select(OrgUnit))}
        u1, u2 = units[UNIT], units[OTHER_UNIT]
        p26 = plans[LAST_PLAN]
        rows = s.execute(
            select(Member, Enrollment)
            .join(Enrollment, Enrollment.member_id == Member.id)
            .where(Enrollment.unit_id == u1.id)
            .order_by(Member.id)
        ).all()
        for member, enrollment in rows:
            if (
                enrollment.plan_id == p26.id
                and enrollment.status == "paid"
                and enrollment.cover_end == date(2026, 12, 31)
            ):
                renewed = (
                    next_year
                    and s.scalar(
                        select(Enrollment.id).where(
                            Enrollment.member_id == member.id, Enrollment.plan_id == plans.get(PLAN, p26).id
                        )
                    )
                    is not None
                )
                if renewed and next_year:
                    city.renewed = member.id
                else:
                    city.kept[member.name] = member.id

        def add(name: str, born: date, *, unit_of_member=u1, seq: int) -> Member:
            m = Member(
                id_number=make_id_number("611002", born, seq),
                name=name,
                sex="male" if seq % 2 else "female",
                birth_date=born,
                unit_id=unit_of_member.id,
            )
            s.add(m)
            s.flush()
            s.add(
                Enrollment(
                    member_id=m.id,
                    plan_id=p26.id,
                    unit_id=u1.id,
                    shares=1,
                    premium_fen=9500,
                    cover_start=date(2026, 1, 1),
                    cover_end=date(2026, 12, 31),
                    status="paid",
                )
            )
            return m

        pending = add("郑待缴", date(1985, 4, 2), seq=901)
        if next_year:
            e = Enrollment(
                member_id=pending.id,
                plan_id=plans[PLAN].id,
                unit_id=u1.id,
                shares=1,
                premium_fen=9500,
                status="pending_payment",
            )
            s.add(e)
            s.flush()
            city.pending = pending.id
            city.pending_enrollment = e.id
        else:
            city.kept[pending.name] = pending.id
        city.old = add("冯老", date(1965, 6, 1), seq=903).id
        city.moved = add("韩调走", date(1988, 8, 8), unit_of_member=u2, seq=905).id
        city.other_unit_member = s.scalar(select(Member.id).where(Member.unit_id == u2.id).order_by(Member.id))
        uow.commit()
    return city
