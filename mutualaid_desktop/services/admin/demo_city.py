"""The demo city's people (services/admin/demo.py): counties and units, members, their enrollments and
premium payments, and the random generator of names and numbers they are drawn with."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from mutualaid_desktop.domain.idcard import make_id_number
from mutualaid_desktop.domain.plan import Plan as PlanRules
from mutualaid_desktop.services.admin.demo_names import (
    CITY,
    COMPANY_BRANDS,
    COMPANY_KINDS,
    COUNTIES,
    GIVEN_COMMON,
    GIVEN_FEMALE,
    GIVEN_MALE,
    PUBLIC_BODIES,
    SURNAMES,
)
from mutualaid_desktop.services.admin.demo_premiums import Membership, Schedule, draw_membership, member_created_at
from mutualaid_desktop.store.bulk import insert_many, next_id, update_many
from mutualaid_desktop.store.models import (
    Member,
    OrgUnit,
)
from mutualaid_desktop.store.repositories import OrgRepository

MEMBERS_PER_UNIT = 170
DEMO_PASSWORD = "demo1234"


@dataclass
class DemoReport:
    counties: int = 0
    units: int = 0
    members: int = 0
    enrollments: int = 0
    payments: int = 0
    premium_total: Decimal = Decimal("0.00")
    claims_by_status: dict[str, int] = field(default_factory=dict)
    payout_total: Decimal = Decimal("0.00")
    plans: list[str] = field(default_factory=list)
    users_created: list[str] = field(default_factory=list)

    def to_json_dict(self) -> dict:
        return {
            "counties": self.counties,
            "units": self.units,
            "members": self.members,
            "enrollments": self.enrollments,
            "payments": self.payments,
            "premium_total": str(self.premium_total),
            "claims": sum(self.claims_by_status.values()),
            "claims_by_status": dict(sorted(self.claims_by_status.items())),
            "payout_total": str(self.payout_total),
            "plans": self.plans,
            "users_created": self.users_created,
            "demo_password": DEMO_PASSWORD if self.users_created else None,
        }

    def lines(self) -> list[tuple[str, str]]:
        out = [
            ("县区", str(self.counties)),
            ("基层工会", str(self.units)),
            ("会员", str(self.members)),
            ("参保人次", str(self.enrollments)),
            ("缴费笔数", str(self.payments)),
            ("互助金合计", str(self.premium_total)),
            ("理赔件数", str(sum(self.claims_by_status.values()))),
            ("给付合计（已给付）", str(self.payout_total)),
            ("计划", "、".join(self.plans)),
        ]
        if self.users_created:
            out.append(("演示账号（密码 " + DEMO_PASSWORD + "）", "、".join(self.users_created)))
        return out


class DemoGenerator:
    def __init__(self, seed: int, today: date) -> None:
        self.rnd = random.Random(seed)
        self.today = today
        self.surnames = [s for s, _ in SURNAMES]
        self.surname_weights = [w for _, w in SURNAMES]

    def name(self, male: bool) -> str:
        rnd = self.rnd
        surname = rnd.choices(self.surnames, self.surname_weights)[0]
        pool = GIVEN_MALE if male else GIVEN_FEMALE
        if rnd.random() < 0.3:
            return surname + rnd.choice(pool)
        first = rnd.choice(GIVEN_COMMON) if rnd.random() < 0.3 else rnd.choice(pool)
        return surname + first + rnd.choice(pool)

    def phone(self) -> str:
        return "1" + self.rnd.choice("3578") + "".join(self.rnd.choices("0123456789", k=9))

    def unit_names(self, county: str, count: int) -> list[str]:
        short = county[:-1] if len(county) == 3 else county
        names = [f"{short}{body}工会" for body in PUBLIC_BODIES]
        companies = [
            f"商洛{b}{k}{short}分公司工会" if i % 5 == 0 else f"{short}{b}{k}工会"
            for i, (b, k) in enumerate((b, k) for b in COMPANY_BRANDS for k in COMPANY_KINDS)
        ]
        self.rnd.shuffle(companies)
        names += companies
        out: list[str] = []
        n = 0
        while len(out) < count:
            base = names[n % len(names)]
            round_ = n // len(names)
            out.append(base if round_ == 0 else base.replace("工会", f"第{round_ + 1}分会工会"))
            n += 1
        return out


def make_org_tree(session, gen: DemoGenerator, members: int, report: DemoReport) -> list[list[tuple[int, str]]]:
    """City, counties and units. Returns, per county, its units as (id, code)."""
    orgs = OrgRepository(session)
    city = orgs.by_code(CITY[0]) or orgs.add(OrgUnit(code=CITY[0], name=CITY[1], kind="city"))
    total_units = max(len(COUNTIES), round(members / MEMBERS_PER_UNIT))
    county_rows = [
        orgs.by_code(code)
        or orgs.add(
            OrgUnit(
                code=code,
                name=f"{county}总工会",
                kind="county",
                parent_id=city.id,
                phone="0914-" + "".join(gen.rnd.choices("0123456789", k=7)),
            )
        )
        for code, county, _ in COUNTIES
    ]
    unit_id = next_id(session, OrgUnit)
    rows, result = [], []
    for (code, county, share), county_row in zip(COUNTIES, county_rows, strict=True):
        count = max(1, round(total_units * share))
        units = []
        for k, name in enumerate(gen.unit_names(county, count), start=1):
            unit_code = f"{code}-{k:04d}"
            rows.append(
                {
                    "id": unit_id,
                    "code": unit_code,
                    "name": name,
                    "kind": "unit",
                    "parent_id": county_row.id,
                    "contact_person": gen.name(gen.rnd.random() < 0.5),
                    "phone": gen.phone(),
                    "address": f"商洛市{county}",
                    "headcount": None,
                    "active": True,
                }
            )
            units.append((unit_id, unit_code))
            unit_id += 1
        result.append(units)
    insert_many(session, OrgUnit, rows)
    report.counties = len(COUNTIES)
    report.units = len(rows)
    return result


@dataclass
class DemoMember:
    id: int
    county: int
    unit_id: int
    id_number: str
    name: str = ""


def make_members(
    session, gen: DemoGenerator, count: int, units_by_county, plan: PlanRules, schedule: Schedule, years: list[int]
) -> tuple[list[DemoMember], Membership]:
    """The members, each recorded on the day of their first cover (drawn into the Membership returned)."""
    rnd = gen.rnd
    membership = Membership()
    weights = [share for _, _, share in COUNTIES]
    start = plan.period_start
    oldest = date(start.year - plan.max_age - 1, start.month, start.day) + timedelta(days=1)
    youngest = date(start.year - max(plan.min_age, 18), start.month, start.day)
    span = (youngest - oldest).days
    member_id = next_id(session, Member)
    seen: set[str] = set()
    result: list[DemoMember] = []
    headcount: dict[int, int] = {}

    def rows():
        nonlocal member_id
        while len(result) < count:
            county = rnd.choices(range(len(COUNTIES)), weights)[0]
            birth = oldest + timedelta(days=rnd.randrange(span))
            sequence = rnd.randrange(1000)
            number = make_id_number(COUNTIES[county][0], birth, sequence)
            if number in seen:
                continue
            seen.add(number)
            male = sequence % 2 == 1
            unit_id, _ = rnd.choice(units_by_county[county])
            headcount[unit_id] = headcount.get(unit_id, 0) + 1
            name = gen.name(male)
            first_day = draw_membership(gen, schedule, years, unit_id, membership)
            result.append(DemoMember(member_id, county, unit_id, number, name))
            yield {
                "id": member_id,
                "id_number": number,
                "name": name,
                "sex": "male" if male else "female",
                "birth_date": birth,
                "phone": gen.phone(),
                "unit_id": unit_id,
                "employee_no": f"{headcount[unit_id]:04d}",
                "note": None,
                "created_at": member_created_at(first_day),
            }
            member_id += 1

    insert_many(session, Member, rows())
    _set_headcounts(session, headcount, rnd)
    return result, membership


def _set_headcounts(session, headcount: dict[int, int], rnd: random.Random) -> None:
    """职工总数: members plus the staff who did not join (participation 85-100 %)."""
    update_many(session, OrgUnit, "headcount", {uid: round(n / rnd.uniform(0.85, 1.0)) for uid, n in headcount.items()})
