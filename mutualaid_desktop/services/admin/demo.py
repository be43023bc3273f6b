"""A realistic demo city (Shangluo): counties, units, members, this year's plans, premium
payments and claims in every status. Written in one transaction with bulk inserts, so that
`mutualaid demo --members 1000000` takes minutes, not hours."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.passwords import hash_password
from mutualaid_desktop.domain.plan import Plan as PlanRules
from mutualaid_desktop.domain.plan import load_plan, load_plan_file
from mutualaid_desktop.paths import resources_dir
from mutualaid_desktop.services.admin.counter_setup import ORG_NAME_KEY
from mutualaid_desktop.services.admin.demo_city import (
    DEMO_PASSWORD,
    DemoGenerator,
    DemoReport,
    make_members,
    make_org_tree,
)
from mutualaid_desktop.services.admin.demo_claims import ClaimBook, demo_user_id, make_hospitals
from mutualaid_desktop.services.admin.demo_names import CITY
from mutualaid_desktop.services.admin.demo_payouts import make_claims
from mutualaid_desktop.services.admin.demo_premiums import PlanYear, Schedule, make_premiums
from mutualaid_desktop.services.admin.demo_targets import set_demo_targets
from mutualaid_desktop.services.admin.plans import plan_row
from mutualaid_desktop.services.admin.user_identity import UserInfo
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.bulk import next_id
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.models import Claim, User
from mutualaid_desktop.store.repositories import (
    DashboardQueries,
    PlanRepository,
    SettingRepository,
    UserRepository,
)

DEMO_USERS = (
    ("demo_clerk", "柜台经办员", "clerk"),
    ("demo_reviewer", "审核员", "reviewer"),
    ("demo_supervisor", "主管", "supervisor"),
)
REIMBURSEMENT_TEMPLATE = "shangluo-2027.toml"

CRITICAL_TEMPLATE = "critical-illness-2027.toml"


def _plan_for_year(template: str, year: int) -> PlanRules:
    """This year's plan from an example plan file of resources/plans (its year replaced)."""
    source = load_plan_file(resources_dir() / "plans" / template).source
    template_year = source.split("period_start", 1)[1].split("=", 1)[1].strip()[:4]
    return load_plan(source.replace(template_year, str(year)))


def generate_demo(
    db: Database,
    *,
    members: int,
    seed: int = 1,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
    username: str = "demo",
) -> DemoReport:
    """Fill an empty counter database with a demo city: last year's and this year's plans (and next year's
    once its renewal season has opened), their payments and claims, and the yearly targets. Refuses a
    database that has members. The audit records name `username` (the command line passes its user)."""
    today = today or clock.today()
    say = progress or (lambda _msg: None)
    gen = DemoGenerator(seed, today)
    report = DemoReport()
    with UnitOfWork(db, username=username) as uow:
        session = uow.session
        if DashboardQueries(session).member_count() > 0:
            raise ServiceError("该数据库已有会员数据，演示数据只能生成在新的空数据库里。请用 --db 指定一个新文件。")
        report.users_created = _demo_users(session)
        settings = SettingRepository(session)
        if settings.get(ORG_NAME_KEY) is None:
            settings.put(ORG_NAME_KEY, CITY[1])

        say("生成计划…")
        plan_years = [_plan_year(session, year) for year in demo_plan_years(today)]
        report.plans = [code for py in plan_years for code in (py.reimb[0].code, py.crit[0].code)]
        years = [py.year for py in plan_years]

        say("生成县区和基层工会…")
        units_by_county = make_org_tree(session, gen, members, report)
        schedule = Schedule(gen, [uid for units in units_by_county for uid, _ in units], years)

        say(f"生成 {members} 名会员…")
        this_year = next(py for py in plan_years if py.year == today.year)
        member_rows, membership = make_members(
            session, gen, members, units_by_county, this_year.reimb[0], schedule, years
        )
        report.members = len(member_rows)

        say("生成参保与缴费…")
        voider = demo_user_id(session, "demo_supervisor")
        covers, collected = make_premiums(session, gen, member_rows, membership, schedule, plan_years, report, voider)

        say("生成医院…")
        hospitals = make_hospitals(session)

        say("生成理赔与给付批次…")
        users = tuple(demo_user_id(session, name) for name in ("demo_clerk", "demo_reviewer", "demo_supervisor"))
        book = ClaimBook(next_id(session, Claim), users, hospitals, {c.year: c for c in covers})  # type: ignore[arg-type]
        cash: dict[int, int] = {}
        for (_county, year), (fen, _n) in collected.items():
            cash[year] = cash.get(year, 0) + fen
        make_claims(session, gen, member_rows, book, cash, claim_years(today), report)

        uow.audit("demo.generate", "database", None, after=report.to_json_dict())
        say("写入数据库…")
        uow.commit()
    say("设定年度目标…")
    # by whoever generates the demo (the command line's administrator), as every record of the demo
    author = UserInfo(id=None, username=username, display_name="演示数据", role="admin")
    set_demo_targets(db, gen, author, collected, claim_years(today))
    return report


def demo_plan_years(today: date) -> list[int]:
    """Last year, this year, and next year once its renewal season (from 1 November) has opened."""
    return [today.year - 1, today.year] + ([today.year + 1] if today.month >= 11 else [])


def claim_years(today: date) -> list[int]:
    """The calendar years whose claims (and targets) the demo makes: last year and this year."""
    return [today.year - 1, today.year]


def _plan_year(session, year: int) -> PlanYear:
    return PlanYear(
        year,
        _ensure_plan(session, _plan_for_year(REIMBURSEMENT_TEMPLATE, year)),
        _ensure_plan(session, _plan_for_year(CRITICAL_TEMPLATE, year)),
    )


def _demo_users(session) -> list[str]:
    users = UserRepository(session)
    created = []
    digest = None
    for username, display, role in DEMO_USERS:
        if users.by_username(username) is None:
            digest = digest or hash_password(DEMO_PASSWORD)
            users.add(User(username=username, display_name=display, role=role, password_hash=digest, active=True))
            created.append(username)
    return created


def _ensure_plan(session, rules: PlanRules) -> tuple[PlanRules, int]:
    plans = PlanRepository(session)
    row = plans.by_code(rules.code)
    if row is None:
        row = plans.add(plan_row(rules))
    return rules, row.id
