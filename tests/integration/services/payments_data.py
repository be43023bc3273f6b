"""A counter with people waiting to pay: users, a unit with members, plans, pending enrollments.

Used by the payment tests (services, documents, GUI). Enrollments are written directly (the
enrollment service is not what these tests are about)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from mutualaid_desktop.domain.idcard import make_id_number
from mutualaid_desktop.domain.plan import load_plan
from mutualaid_desktop.paths import resources_dir
from mutualaid_desktop.services.admin.counter_setup import ORG_NAME_KEY
from mutualaid_desktop.services.admin.plans import plan_row
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Enrollment, Member, OrgUnit, Setting, User

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


def plan_of_year(year: int, template: str = "shangluo-2027.toml"):
    source = (resources_dir() / "plans" / template).read_text(encoding="utf-8")
    return load_plan(source.replace("2027", str(year)))


@dataclass
class Counter:
    clerk: UserInfo
    clerk2: UserInfo
    supervisor: UserInfo
    reviewer: UserInfo
    unit_code: str = "611002-0001"
    other_unit_code: str = "611002-0002"
    names: list[str] = field(default_factory=list)
    enrollment_ids: dict[str, list[int]] = field(default_factory=dict)  # plan code -> ids (unit 1)
    other_ids: list[int] = field(default_factory=list)  # unit 2, first plan
    loner_id: int | None = None  # an enrollment of a member without unit (pays himself)
    loner_member_id: int | None = None


def person_name(i: int) -> str:
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)] + ("" if i < 300 else str(i))


def make_counter(db, *, members: int = 5, years: tuple[int, ...] = (2027,)) -> Counter:
    """Users (clerks 张经办 and 李经办, a supervisor, a reviewer), the unit 商州区第一中学工会 with
    `members` members enrolled (pending payment) in each plan of `years`, a second unit with two,
    and one member without unit."""
    users = {}
    with UnitOfWork(db, username="setup") as uow:
        s = uow.session
        s.add(Setting(key=ORG_NAME_KEY, value="商洛市总工会"))
        for username, display, role in (
            ("zhang", "张经办", "clerk"),
            ("li", "李经办", "clerk"),
            ("boss", "赵主管", "supervisor"),
            ("rev", "钱审核", "reviewer"),
        ):
            u = User(username=username, display_name=display, role=role, password_hash="x", active=True)
            s.add(u)
            s.flush()
            users[username] = UserInfo(u.id, username, display, role)
        city = OrgUnit(code="6110", name="商洛市总工会", kind="city")
        s.add(city)
        s.flush()
        unit = OrgUnit(code="611002-0001", name="商州区第一中学工会", kind="unit", parent_id=city.id)
        other = OrgUnit(code="611002-0002", name="商州区人民医院工会", kind="unit", parent_id=city.id)
        s.add_all([unit, other])
        s.flush()
        plans = []
        for year in years:
            row = plan_row(plan_of_year(year))
            s.add(row)
            s.flush()
            plans.append(row)
        counter = Counter(users["zhang"], users["li"], users["boss"], users["rev"])

        def member(i: int, unit_id: int | None) -> Member:
            birth = date(1967, 3, 1) + timedelta(days=(i * 7) % 11000)  # aged 27 to 59 in 2027
            sequence = 100 + 2 * (i // 11000) + i % 2  # odd: male
            m = Member(
                id_number=make_id_number("611002", birth, sequence),
                name=person_name(i),
                sex="male" if sequence % 2 else "female",
                birth_date=birth,
                unit_id=unit_id,
            )
            s.add(m)
            s.flush()
            return m

        def enroll(m: Member, plan, unit_id) -> int:
            e = Enrollment(
                member_id=m.id,
                plan_id=plan.id,
                unit_id=unit_id,
                shares=1,
                premium_fen=plan.premium_per_share_fen,
                status="pending_payment",
            )
            s.add(e)
            s.flush()
            return e.id

        people = [member(i, unit.id) for i in range(members)]
        counter.names = [m.name for m in people]
        for plan in plans:
            counter.enrollment_ids[plan.code] = [enroll(m, plan, unit.id) for m in people]
        others = [member(members + i, other.id) for i in range(2)]
        counter.other_ids = [enroll(m, plans[0], other.id) for m in others]
        loner = member(members + 2, None)
        counter.loner_member_id = loner.id
        counter.loner_id = enroll(loner, plans[0], None)
        uow.commit()
    return counter
