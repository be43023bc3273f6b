"""A small city for the renewal reminders: two counties, three units, covers of every kind."""

from __future__ import annotations

from datetime import date

from mutualaid_desktop.domain.idcard import make_id_number
from mutualaid_desktop.paths import resources_dir
from mutualaid_desktop.services.admin.plans import add_plan
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Enrollment, Member, OrgUnit, Plan, Setting

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = [
    "秀英",
    "建国",
    "志强",
    "丽娟",
    "海燕",
    "文博",
    "晓东",
    "春梅",
    "国华",
    "玉兰",
    "子涵",
    "明轩",
    "佳怡",
    "浩然",
    "静怡",
]


def plan_text(year: int) -> str:
    return (resources_dir() / "plans" / "shangluo-2027.toml").read_text(encoding="utf-8").replace("2027", str(year))


def name_of(i: int) -> str:
    return SURNAMES[i % 20] + GIVEN[(i // 20) % 15] + ("" if i < 300 else str(i))


def make_city(db, *, big_unit: int = 45, next_year: bool = True) -> dict:
    """Units 611002-0001 (3 reminded, 1 pending, 1 cancelled, 1 ending early, 1 renewed), 611002-0002 (`big_unit`
    reminded, 2 shares for the first), 611021-0001 (2 reminded). Returns {member name: unit code} of the reminded."""
    add_plan(db, plan_text(2026))
    if next_year:
        add_plan(db, plan_text(2027))
    expected: dict[str, str] = {}
    with UnitOfWork(db, username="setup") as uow:
        s = uow.session
        plans = {p.code: p for p in s.query(Plan)}
        p26 = plans["SL-ZY-2026"]
        city = OrgUnit(code="611000", name="商洛市总工会", kind="city")
        s.add(city)
        s.flush()
        c1 = OrgUnit(code="611002", name="商州区总工会", kind="county", parent_id=city.id)
        c2 = OrgUnit(code="611021", name="洛南县总工会", kind="county", parent_id=city.id)
        s.add_all([c1, c2])
        s.flush()
        u1 = OrgUnit(
            code="611002-0001",
            name="商州区第一中学工会",
            kind="unit",
            parent_id=c1.id,
            contact_person="刘老师",
            phone="0914-2311111",
        )
        u2 = OrgUnit(
            code="611002-0002",
            name="商州区人民医院工会",
            kind="unit",
            parent_id=c1.id,
            contact_person="张主任",
            phone="0914-2322222",
        )
        u3 = OrgUnit(
            code="611021-0001",
            name="洛南县供电公司工会",
            kind="unit",
            parent_id=c2.id,
            contact_person="王工",
            phone="0914-7333333",
        )
        s.add_all([u1, u2, u3])
        s.flush()
        seq = [0]

        def cover(unit, status="paid", end=date(2026, 12, 31), shares=1, plan=p26, remind=True):
            i = seq[0]
            seq[0] += 1
            m = Member(
                id_number=make_id_number("611002", date(1980, 1, 1 + i % 28), i % 1000),
                name=name_of(i),
                sex="male" if i % 2 else "female",
                birth_date=date(1980, 1, 1 + i % 28),
                unit_id=unit.id,
            )
            s.add(m)
            s.flush()
            paid = status == "paid"
            e = Enrollment(
                member_id=m.id,
                plan_id=plan.id,
                unit_id=unit.id,
                shares=shares,
                premium_fen=9500 * shares,
                cover_start=date(2026, 1, 1) if paid else None,
                cover_end=end if paid else None,
                status=status,
            )
            s.add(e)
            s.flush()
            if remind:
                expected[m.name] = unit.code
            return m

        for _ in range(3):
            cover(u1)
        cover(u1, status="pending_payment", remind=False)
        cover(u1, status="cancelled", remind=False)
        cover(u1, end=date(2026, 6, 30), remind=False)
        renewed = cover(u1, remind=False)
        if next_year:
            p27 = plans["SL-ZY-2027"]
            s.add(
                Enrollment(
                    member_id=renewed.id,
                    plan_id=p27.id,
                    unit_id=u1.id,
                    shares=1,
                    premium_fen=9500,
                    cover_start=date(2027, 1, 1),
                    cover_end=date(2027, 12, 31),
                    status="paid",
                )
            )
        cover(u2, shares=2)
        for _ in range(big_unit - 1):
            cover(u2)
        cover(u3)
        cover(u3)
        s.add(Setting(key="counter_address", value="商洛市商州区北新街36号"))
        s.add(Setting(key="counter_phone", value="0914-2313456"))
        uow.commit()
    return expected
