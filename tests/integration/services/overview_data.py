"""A small renewal season (2026 -> 2027) for the renewal overview and the reminders page.

County 611002 商州区:
- 611002-0001 A: 4 covered in 2026: 2 renewed (paid 2027), 1 pending 2027, 1 whose 2027 enrollment was cancelled;
  1 new joiner paid 2027 (123.45); the mover (covered 2026 in C) paid 2027 here.
- 611002-0002 B: 3 covered, nobody renewed (has not come).
- 611002-0003 C: 3 covered (one of them the mover), all 3 renewed; a 2026 enrollment never paid (not covered).
County 611021 洛南县:
- 611021-0001 D: 5 covered, none renewed, 2 pending (has not come).
- 611021-0002 E: a new unit: 2 joiners paid 2027, nobody covered in 2026.
- 611021-0003 F: 1 covered under the critical-illness (lump sum) plan only: not in the reimbursement overview.
One member without a unit: covered in 2026, not renewed.
Premiums 95.00 unless said.
"""

from __future__ import annotations

from datetime import date

from mutualaid_desktop.domain.idcard import make_id_number
from mutualaid_desktop.paths import resources_dir
from mutualaid_desktop.services.admin.plans import add_plan
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Enrollment, Member, OrgUnit, Plan, Setting

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["秀英", "建国", "志强", "丽娟", "海燕", "文博", "晓东", "春梅", "国华", "玉兰"]

# unit code -> (covered, renewed, pending, open, joiners, received); open = covered - renewed - pending - left -
# moved out - cannot renew + moved in (nobody has left in this season: tests that record leavers say so). The mover
# renewed at the new unit A (renewed there, 转入 1, its premium in A's amount) and is 转出 1 at C: the people paid
# for (renewed + joiners) and the amount agree at every unit.
EXPECTED = {
    "611002-0001": (4, 3, 1, 1, 1, "408.45"),
    "611002-0002": (3, 0, 0, 3, 0, "0.00"),
    "611002-0003": (3, 2, 0, 0, 0, "190.00"),
    "611021-0001": (5, 0, 2, 3, 0, "0.00"),
    "611021-0002": (0, 0, 0, 0, 2, "190.00"),
    "": (1, 0, 0, 1, 0, "0.00"),
}
COUNTIES = {
    "611002": (10, 5, 1, 4, 1, "598.45"),
    "611021": (5, 0, 2, 3, 2, "190.00"),
    "": (1, 0, 0, 1, 0, "0.00"),
}
CITY = (16, 5, 3, 8, 3, "788.45")
MOVED = {"611002-0001": (0, 1), "611002-0003": (1, 0)}  # unit code -> (moved out, moved in); others (0, 0)
# the reminders for 2026 (cover ends 2026-12-31, not enrolled for 2027): unit code -> members
REMINDED = {"611002-0001": 1, "611002-0002": 3, "611021-0001": 3}  # pending (2027 confirmed) is not reminded


def plan_text(name: str, year: int) -> str:
    return (resources_dir() / "plans" / name).read_text(encoding="utf-8").replace("2027", str(year))


def make_season(db, *, extra_units: int = 0) -> None:
    """The season above; `extra_units` more units in 611021 (611021-1001...) with 2 members each to remind."""
    add_plan(db, plan_text("shangluo-2027.toml", 2026))
    add_plan(db, plan_text("shangluo-2027.toml", 2027))
    add_plan(db, plan_text("critical-illness-2027.toml", 2026))
    with UnitOfWork(db, username="setup") as uow:
        s = uow.session
        plans = {p.code: p for p in s.query(Plan)}
        p26, p27, ci26 = plans["SL-ZY-2026"], plans["SL-ZY-2027"], plans["ZB-ZJ-2026"]
        city = OrgUnit(code="611000", name="商洛市总工会", kind="city")
        s.add(city)
        s.flush()
        c1 = OrgUnit(code="611002", name="商州区总工会", kind="county", parent_id=city.id)
        c2 = OrgUnit(code="611021", name="洛南县总工会", kind="county", parent_id=city.id)
        s.add_all([c1, c2])
        s.flush()

        def unit(code, name, county, contact="刘老师", phone="0914-2311111"):
            u = OrgUnit(code=code, name=name, kind="unit", parent_id=county.id, contact_person=contact, phone=phone)
            s.add(u)
            s.flush()
            return u

        a = unit("611002-0001", "商州区第一中学工会", c1)
        b = unit("611002-0002", "商州区人民医院工会", c1, "张主任", "0914-2322222")
        c = unit("611002-0003", "商州区税务局工会", c1)
        d = unit("611021-0001", "洛南县供电公司工会", c2, "王工", "0914-7333333")
        e = unit("611021-0002", "洛南县新建小学工会", c2)
        f = unit("611021-0003", "洛南县农机站工会", c2)
        seq = [0]

        def member(u):
            i = seq[0]
            seq[0] += 1
            m = Member(
                id_number=make_id_number("611002", date(1980, 1, 1 + i % 28), i % 1000),
                name=SURNAMES[i % 20] + GIVEN[(i // 20) % 10] + ("" if i < 200 else str(i)),
                sex="male" if i % 2 else "female",
                birth_date=date(1980, 1, 1 + i % 28),
                unit_id=u.id if u is not None else None,
            )
            s.add(m)
            s.flush()
            return m

        def enroll(m, u, plan, status="paid", fen=9500):
            paid = status == "paid"
            s.add(
                Enrollment(
                    member_id=m.id,
                    plan_id=plan.id,
                    unit_id=u.id if u is not None else None,
                    shares=1,
                    premium_fen=fen,
                    status=status,
                    cover_start=plan.period_start if paid else None,
                    cover_end=plan.period_end if paid else None,
                )
            )
            s.flush()

        # A
        for next_status in ("paid", "paid", "pending_payment", "cancelled"):
            m = member(a)
            enroll(m, a, p26)
            enroll(m, a, p27, next_status)
        enroll(member(a), a, p27, fen=12345)  # a new joiner
        # B
        for _ in range(3):
            enroll(member(b), b, p26)
        # C (the mover: covered here in 2026, renewed in A)
        for _ in range(2):
            m = member(c)
            enroll(m, c, p26)
            enroll(m, c, p27)
        mover = member(c)
        enroll(mover, c, p26)
        enroll(mover, a, p27)
        enroll(member(c), c, p26, "pending_payment")
        # D
        for i in range(5):
            m = member(d)
            enroll(m, d, p26)
            if i < 2:
                enroll(m, d, p27, "pending_payment")
        # E: new unit
        for _ in range(2):
            enroll(member(e), e, p27)
        # F: critical illness only
        enroll(member(f), f, ci26, fen=3000)
        # without a unit
        enroll(member(None), None, p26)
        for k in range(extra_units):
            u = unit(f"611021-{1001 + k}", f"洛南县第{k + 1}号单位工会", c2)
            for _ in range(2):
                enroll(member(u), u, p26)
        s.add(Setting(key="counter_address", value="商洛市商州区北新街36号"))
        s.add(Setting(key="counter_phone", value="0914-2313456"))
        uow.commit()
