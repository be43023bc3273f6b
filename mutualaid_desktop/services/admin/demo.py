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
    make_enrollments,
    make_members,
    make_org_tree,
)
from mutualaid_desktop.services.admin.demo_claims import make_claims, make_hospitals
from mutualaid_desktop.services.admin.demo_names import CITY
from mutualaid_desktop.services.admin.plans import plan_row
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.models import User
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
    """Fill an empty counter database with a demo city. Refuses a database that has members.
    The audit records name `username` (the command line passes its user)."""
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
        plans = [
            _ensure_plan(session, _plan_for_year(t, today.year)) for t in (REIMBURSEMENT_TEMPLATE, CRITICAL_TEMPLATE)
        ]
        (reimb_rules, reimb_id), (crit_rules, crit_id) = plans
        report.plans = [reimb_rules.code, crit_rules.code]

        say("生成县区和基层工会…")
        units_by_county = make_org_tree(session, gen, members, report)

        say(f"生成 {members} 名会员…")
        member_rows = make_members(session, gen, members, units_by_county, reimb_rules)
        report.members = len(member_rows)

        say("生成参保与缴费…")
        covers = make_enrollments(session, gen, member_rows, (reimb_rules, reimb_id), (crit_rules, crit_id), report)

        say("生成医院…")
        hospitals = make_hospitals(session)

        say("生成理赔与给付批次…")
        make_claims(session, gen, member_rows, covers, reimb_rules, reimb_id, units_by_county, report, hospitals)

        uow.audit("demo.generate", "database", None, after=report.to_json_dict())
        say("写入数据库…")
        uow.commit()
    return report


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
