"""A counter ready for claims: the Shangluo plans of 2026 and 2027 and the critical-illness plan,
users of every role, and members with paid covers (written directly: enrollment and payment are
not what the claim tests are about)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from mutualaid_desktop.services.admin.hospitals import add_hospital
from mutualaid_desktop.services.admin.plans import add_plan
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.claims.claims_intake import BankAccount, Stay
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Enrollment, Member, OrgUnit, Plan, User
from tests.rosters import make_counter, person_id, plan_text

TODAY = date(2027, 6, 15)
SL27, SL26, ZB27 = "SL-ZY-2027", "SL-ZY-2026", "ZB-ZJ-2027"


@dataclass
class ClaimsCounter:
    admin: UserInfo
    clerk: UserInfo
    clerk2: UserInfo
    reviewer: UserInfo
    supervisor: UserInfo
    members: dict  # key -> (member id, id number, name)
    covers: dict  # (key, plan code) -> enrollment id
    hospital_id: int  # 商洛市中心医院, 三级
    small_hospital_id: int  # 一级


def make_claims_counter(db) -> ClaimsCounter:
    admin = make_counter(db)
    add_plan(db, plan_text().replace("2027", "2026"), username="admin")
    users = {}
    people = {
        "zhang": ("张伟", person_id(1), "U001"),  # 2026 and 2027 covers, continuous
        "li": ("李娜", person_id(2, male=False), "U001"),  # 2027 cover, first time: waiting until 2027-04-01
        "wang": ("王强", person_id(3), "U002"),  # on file, never enrolled
        "zhao": ("赵敏", person_id(4, male=False), "U001"),  # critical illness, 2 shares, continuous
        "sun": ("孙磊", person_id(5), "U002"),  # only 2026: expired in 2027
    }
    members, covers = {}, {}
    with UnitOfWork(db, username="setup") as uow:
        s = uow.session
        for username, display, role in (
            ("clerk", "张经办", "clerk"),
            ("clerk2", "李经办", "clerk"),
            ("rev", "钱审核", "reviewer"),
            ("boss", "赵主管", "supervisor"),
        ):
            u = User(username=username, display_name=display, role=role, password_hash="x", active=True)
            s.add(u)
            s.flush()
            users[username] = UserInfo(u.id, username, display, role)
        plans = {p.code: p for p in s.scalars(select(Plan))}
        units = {u.code: u for u in s.scalars(select(OrgUnit))}
        for key, (name, number, unit) in people.items():
            from mutualaid_desktop.domain.idcard import parse_id_number

            parsed = parse_id_number(number)
            m = Member(
                id_number=number, name=name, sex=parsed.sex, birth_date=parsed.birth_date, unit_id=units[unit].id
            )
            s.add(m)
            s.flush()
            members[key] = (m.id, number, name)

        def cover(key, code, *, continuous=True, shares=1):
            plan = plans[code]
            e = Enrollment(
                member_id=members[key][0],
                plan_id=plan.id,
                unit_id=None,
                shares=shares,
                premium_fen=plan.premium_per_share_fen * shares,
                cover_start=plan.period_start,
                cover_end=plan.period_end,
                continuous=continuous,
                status="paid",
            )
            s.add(e)
            s.flush()
            covers[(key, code)] = e.id

        cover("zhang", SL26)
        cover("zhang", SL27)
        cover("li", SL27, continuous=False)
        cover("zhao", ZB27, shares=2)
        cover("sun", SL26)
        uow.commit()
    big = add_hospital(db, admin, name="商洛市中心医院", grade=3, county_code="C01")
    small = add_hospital(db, admin, name="商州区大赵峪卫生院", grade=1, county_code="C01")
    return ClaimsCounter(
        admin, users["clerk"], users["clerk2"], users["rev"], users["boss"], members, covers, big.id, small.id
    )


ALL_PAPERS = ("身份证复印件", "出院小结", "住院发票原件", "医保结算单", "银行卡复印件")


def stay(cc, **kw) -> Stay:
    """A hospital stay of May 2027 at the counter's hospital; keywords change a field."""
    values = dict(
        admission_date=date(2027, 5, 3),
        discharge_date=date(2027, 5, 10),
        hospital_id=cc.hospital_id,
        diagnosis="肺炎",
        invoice_number="61000012345",
        total_cost="12000.00",
        fund_paid="9000.00",
        in_scope_self_pay="2500.00",
        out_of_scope_self_pay="500.00",
    )
    values.update(kw)
    return Stay(**values)


def bank(holder="张伟", **kw) -> BankAccount:
    return BankAccount(
        kw.get("bank_name", "中国农业银行商洛分行"),
        holder,
        kw.get("number", "6228 4800 1234 5678 901"),
        kw.get("note", ""),
    )
