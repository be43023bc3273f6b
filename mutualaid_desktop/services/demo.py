"""A realistic demo city (Shangluo): counties, units, members, this year's plans, premium
payments and claims in every status. Written in one transaction with bulk inserts, so that
`mutualaid demo --members 1000000` takes minutes, not hours."""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.idcard import make_id_number
from mutualaid_desktop.domain.money import from_fen, to_fen
from mutualaid_desktop.domain.passwords import hash_password
from mutualaid_desktop.domain.plan import Plan as PlanRules
from mutualaid_desktop.domain.plan import load_plan_file
from mutualaid_desktop.domain.quote import parse_claim_facts, quote_claim
from mutualaid_desktop.domain.text import invoice_key
from mutualaid_desktop.paths import resources_dir
from mutualaid_desktop.services.dashboard import ORG_NAME_KEY
from mutualaid_desktop.services.demo_names import (
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
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.plans import plan_row
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.bulk import insert_many, next_id, update_many
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.models import (
    Claim,
    ClaimReversal,
    ClaimStatusChange,
    Enrollment,
    Hospital,
    Member,
    OrgUnit,
    PayoutBatch,
    PayoutItem,
    PremiumPayment,
    PremiumPaymentItem,
    PrintedDocument,
    User,
)
from mutualaid_desktop.store.money_digest import touch_all
from mutualaid_desktop.store.repositories import (
    DashboardQueries,
    OrgRepository,
    PlanRepository,
    SettingRepository,
    UserRepository,
)
from mutualaid_desktop.store.serials import ensure_serial_after, next_receipt_serial

MEMBERS_PER_UNIT = 170
DEMO_PASSWORD = "demo1234"
DEMO_USERS = (("demo_clerk", "柜台经办员", "clerk"), ("demo_reviewer", "审核员", "reviewer"),
              ("demo_supervisor", "主管", "supervisor"))
REIMBURSEMENT_TEMPLATE = "shangluo-2027.toml"
CRITICAL_TEMPLATE = "critical-illness-2027.toml"
DECIDED_PATH_DAYS = 21  # decision +2, batch +1, bank +3, reversal +5 days... all before today
CLAIM_RATE = 0.067  # Shangluo 2020: 12,000 claimants of 178,000 enrollments
CRITICAL_RATE = 0.05
METHODS = ("transfer", "transfer", "transfer", "cash", "wechat", "alipay")
# Final status of an eligible claim and its weight; refused claims come from the quote.
STATUS_WEIGHTS = (("waiting_papers", 3), ("waiting_review", 7), ("approved", 5), ("in_batch", 3),
                  ("paid", 78), ("returned", 1), ("reversed", 1), ("refused", 2))
# The hospitals of the demo city: (name, grade 1-3, county code).
HOSPITALS = (
    ("商洛市中心医院", 3, "611002"), ("商洛国际医学中心", 3, "611002"), ("商洛市中医医院", 3, "611002"),
    ("商州区人民医院", 2, "611002"), ("商州区中医医院", 2, "611002"),
    ("洛南县医院", 2, "611021"), ("洛南县中医医院", 2, "611021"),
    ("丹凤县医院", 2, "611022"), ("丹凤县中医医院", 2, "611022"),
    ("商南县医院", 2, "611023"), ("商南县中医医院", 2, "611023"),
    ("山阳县医院", 2, "611024"), ("山阳县中医医院", 2, "611024"),
    ("镇安县医院", 2, "611025"), ("镇安县中医医院", 2, "611025"),
    ("柞水县医院", 2, "611026"), ("柞水县中医医院", 2, "611026"),
    ("商州区大荆镇中心卫生院", 1, "611002"), ("洛南县石门镇中心卫生院", 1, "611021"),
    ("丹凤县龙驹寨街道社区卫生服务中心", 1, "611022"), ("山阳县漫川关镇中心卫生院", 1, "611024"),
    ("镇安县云盖寺镇卫生院", 1, "611025"), ("柞水县营盘镇卫生院", 1, "611026"),
)
DIAGNOSES = ("社区获得性肺炎", "慢性阻塞性肺疾病急性加重", "冠状动脉粥样硬化性心脏病", "原发性高血压3级", "2型糖尿病",
             "脑梗死", "急性阑尾炎", "胆囊结石伴慢性胆囊炎", "腰椎间盘突出症", "桡骨远端骨折", "子宫肌瘤",
             "急性胃肠炎", "肾结石", "甲状腺结节", "白内障", "支气管哮喘", "慢性心力衰竭", "股骨颈骨折")
# Banks and their debit card prefixes (BIN), for plausible 19-digit card numbers with a Luhn check digit.
BANKS = (("中国农业银行商洛分行", "622848", 5), ("中国邮政储蓄银行商洛市分行", "621799", 3),
         ("中国建设银行商洛分行", "621700", 2), ("中国工商银行商洛分行", "621226", 2),
         ("陕西商洛农村商业银行", "621391", 3))
RETURN_REASONS = ("户名与账号不符", "账户已销户", "账户冻结（长期不动户）")
PATHS = {
    "waiting_papers": ("waiting_papers",),
    "waiting_review": ("waiting_review",),
    "approved": ("waiting_review", "approved"),
    "refused": ("waiting_review", "refused"),
    "in_batch": ("waiting_review", "approved", "in_batch"),
    "paid": ("waiting_review", "approved", "in_batch", "paid"),
    "returned": ("waiting_review", "approved", "in_batch", "returned"),
    "reversed": ("waiting_review", "approved", "in_batch", "paid", "reversed"),
}


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


def _plan_for_year(template: str, year: int) -> PlanRules:
    """This year's plan from an example plan file of resources/plans (its year replaced)."""
    from mutualaid_desktop.domain.plan import load_plan

    source = load_plan_file(resources_dir() / "plans" / template).source
    template_year = source.split("period_start", 1)[1].split("=", 1)[1].strip()[:4]
    return load_plan(source.replace(template_year, str(year)))


class _Generator:
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
        companies = [f"商洛{b}{k}{short}分公司工会" if i % 5 == 0 else f"{short}{b}{k}工会"
                     for i, (b, k) in enumerate((b, k) for b in COMPANY_BRANDS for k in COMPANY_KINDS)]
        self.rnd.shuffle(companies)
        names += companies
        out, n = [], 0
        while len(out) < count:
            base = names[n % len(names)]
            round_ = n // len(names)
            out.append(base if round_ == 0 else base.replace("工会", f"第{round_ + 1}分会工会"))
            n += 1
        return out


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
    gen = _Generator(seed, today)
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
        plans = [_ensure_plan(session, _plan_for_year(t, today.year)) for t in (REIMBURSEMENT_TEMPLATE, CRITICAL_TEMPLATE)]
        (reimb_rules, reimb_id), (crit_rules, crit_id) = plans
        report.plans = [reimb_rules.code, crit_rules.code]

        say("生成县区和基层工会…")
        units_by_county = _org_tree(session, gen, members, report)

        say(f"生成 {members} 名会员…")
        member_rows = _members(session, gen, members, units_by_county, reimb_rules)
        report.members = len(member_rows)

        say("生成参保与缴费…")
        covers = _enrollments(session, gen, member_rows, (reimb_rules, reimb_id), (crit_rules, crit_id), report)

        say("生成医院…")
        hospitals = _hospitals(session)

        say("生成理赔与给付批次…")
        _claims(session, gen, member_rows, covers, reimb_rules, reimb_id, units_by_county, report, hospitals)

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


def _org_tree(session, gen: _Generator, members: int, report: DemoReport) -> list[list[tuple[int, str]]]:
    """City, counties and units. Returns, per county, its units as (id, code)."""
    orgs = OrgRepository(session)
    city = orgs.by_code(CITY[0]) or orgs.add(OrgUnit(code=CITY[0], name=CITY[1], kind="city"))
    total_units = max(len(COUNTIES), round(members / MEMBERS_PER_UNIT))
    county_rows = [
        orgs.by_code(code) or orgs.add(
            OrgUnit(code=code, name=f"{county}总工会", kind="county", parent_id=city.id,
                    phone="0914-" + "".join(gen.rnd.choices("0123456789", k=7))))
        for code, county, _ in COUNTIES
    ]
    unit_id = next_id(session, OrgUnit)
    rows, result = [], []
    for (code, county, share), county_row in zip(COUNTIES, county_rows, strict=True):
        count = max(1, round(total_units * share))
        units = []
        for k, name in enumerate(gen.unit_names(county, count), start=1):
            unit_code = f"{code}-{k:04d}"
            rows.append({
                "id": unit_id, "code": unit_code, "name": name, "kind": "unit", "parent_id": county_row.id,
                "contact_person": gen.name(gen.rnd.random() < 0.5), "phone": gen.phone(),
                "address": f"商洛市{county}", "headcount": None, "active": True,
            })
            units.append((unit_id, unit_code))
            unit_id += 1
        result.append(units)
    insert_many(session, OrgUnit, rows)
    report.counties = len(COUNTIES)
    report.units = len(rows)
    return result


@dataclass
class _MemberRow:
    id: int
    county: int
    unit_id: int
    id_number: str
    name: str = ""


def _members(session, gen: _Generator, count: int, units_by_county, plan: PlanRules) -> list[_MemberRow]:
    rnd = gen.rnd
    weights = [share for _, _, share in COUNTIES]
    start = plan.period_start
    oldest = date(start.year - plan.max_age - 1, start.month, start.day) + timedelta(days=1)
    youngest = date(start.year - max(plan.min_age, 18), start.month, start.day)
    span = (youngest - oldest).days
    member_id = next_id(session, Member)
    seen: set[str] = set()
    result: list[_MemberRow] = []
    headcount: dict[int, int] = {}

    def rows():
        nonlocal member_id
        created = datetime.combine(gen.today, datetime.min.time())
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
            result.append(_MemberRow(member_id, county, unit_id, number, name))
            yield {
                "id": member_id, "id_number": number, "name": name, "sex": "male" if male else "female",
                "birth_date": birth, "phone": gen.phone(), "unit_id": unit_id,
                "employee_no": f"{headcount[unit_id]:04d}", "note": None, "created_at": created,
            }
            member_id += 1

    insert_many(session, Member, rows())
    _set_headcounts(session, headcount, rnd)
    return result


def _set_headcounts(session, headcount: dict[int, int], rnd: random.Random) -> None:
    """职工总数: members plus the staff who did not join (participation 85-100 %)."""
    update_many(session, OrgUnit, "headcount", {uid: round(n / rnd.uniform(0.85, 1.0)) for uid, n in headcount.items()})


@dataclass
class _Cover:
    enrollment_id: int
    member: _MemberRow
    cover_start: date
    continuous: bool


def _enrollments(session, gen, member_rows, reimb, crit, report: DemoReport) -> list[_Cover]:
    """This year's cover: most members in the reimbursement plan, some in the critical-illness plan;
    each unit pays once per plan, and gets a premium receipt."""
    rnd = gen.rnd
    today = gen.today
    enrollment_id = next_id(session, Enrollment)
    payment_id = next_id(session, PremiumPayment)
    by_unit: dict[int, list[_MemberRow]] = {}
    for m in member_rows:
        by_unit.setdefault(m.unit_id, []).append(m)
    late_units = set(rnd.sample(sorted(by_unit), k=min(3, len(by_unit))))
    enrollments, payments, documents, covers, items = [], [], [], [], []
    for (rules, plan_id), rate in ((reimb, 0.95), (crit, CRITICAL_RATE)):
        per_share = to_fen(rules.premium_per_share)
        for unit_id, staff in by_unit.items():
            joined = [m for m in staff if rnd.random() < rate]
            if not joined:
                continue
            if unit_id in late_units:
                paid_on = today
            elif rnd.random() < 0.9:
                paid_on = rules.period_start - timedelta(days=rnd.randint(1, 40))
            else:
                paid_on = rules.period_start + timedelta(days=rnd.randint(0, 90))
            cover_start = rules.cover_start(paid_on)
            total = 0
            for m in joined:
                shares = 1 if rules.max_shares == 1 else rnd.randint(1, rules.max_shares)
                continuous = rnd.random() < 0.85
                enrollments.append({
                    "id": enrollment_id, "member_id": m.id, "plan_id": plan_id, "unit_id": unit_id,
                    "shares": shares, "premium_fen": per_share * shares, "cover_start": cover_start,
                    "cover_end": rules.period_end, "continuous": continuous, "status": "paid",
                    "payment_id": payment_id, "created_at": datetime.combine(paid_on, datetime.min.time()),
                    "created_by": None,
                })
                if rules.kind == "reimbursement":
                    covers.append(_Cover(enrollment_id, m, cover_start, continuous))
                items.append({"payment_id": payment_id, "enrollment_id": enrollment_id,
                              "premium_fen": per_share * shares})
                total += per_share * shares
                enrollment_id += 1
            receipt = next_receipt_serial(session, paid_on.year)  # real receipts continue after these
            payments.append({
                "id": payment_id, "payer_unit_id": unit_id, "payer_member_id": None, "amount_fen": total,
                "method": rnd.choice(METHODS), "paid_on": paid_on, "receipt_serial": receipt, "clerk_id": None,
                "voided": False, "created_at": datetime.combine(paid_on, datetime.min.time()),
            })
            documents.append({
                "kind": "premium_receipt", "serial": receipt, "copy_number": 0, "subject_table": "premium_payments",
                "subject_id": payment_id, "printed_at": datetime.combine(paid_on, datetime.min.time()),
            })
            report.premium_total += from_fen(total)
            payment_id += 1
    # Payments first: enrollments refer to them.
    insert_many(session, PremiumPayment, payments)
    insert_many(session, Enrollment, enrollments)
    insert_many(session, PremiumPaymentItem, items)
    touch_all(session, "premium_payment")  # bulk inserts: their digests go into the audit log
    insert_many(session, PrintedDocument, documents)
    report.enrollments = len(enrollments)
    report.payments = len(payments)
    return covers


def _claim_facts(gen: _Generator, cover: _Cover, rules: PlanRules, paid_before: Decimal, claims_before: int,
                 invoices: list[str], hospital_grade: int, latest_received: date) -> dict | None:
    """A stay and its amounts; received no later than `latest_received` (a decided claim is received
    early enough for its whole path — decision, batch, bank, reversal — to lie before today)."""
    rnd = gen.rnd
    last_day = min(latest_received - timedelta(days=1), rules.period_end)
    if last_day <= cover.cover_start:
        return None
    admission = cover.cover_start + timedelta(days=rnd.randrange((last_day - cover.cover_start).days))
    discharge = min(admission + timedelta(days=rnd.choice((2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 21))), last_day)
    received = min(discharge + timedelta(days=rnd.randint(1, 45)), latest_received)
    # Stays cost about 6,000 yuan (median), a few far more; insurance pays 60-80 %.
    cost_fen = min(max(int(rnd.lognormvariate(math.log(6000_00), 0.8)), 800_00), 300_000_00)
    total = Decimal(cost_fen) / 100
    fund = (total * Decimal(rnd.randint(60, 80)) / 100).quantize(Decimal("0.01"))
    out_scope = (total * Decimal(rnd.randint(3, 10)) / 100).quantize(Decimal("0.01"))
    in_scope = total - fund - out_scope
    invoice = "".join(rnd.choices("0123456789", k=11))
    return {
        "id_number": cover.member.id_number,
        "cover_start": cover.cover_start.isoformat(), "cover_end": rules.period_end.isoformat(),
        "continuous": cover.continuous, "shares": 1,
        "admission_date": admission.isoformat(), "discharge_date": discharge.isoformat(),
        "received_date": received.isoformat(), "hospital_grade": hospital_grade,
        "invoice_number": invoice, "previous_invoice_numbers": list(invoices),
        "total_cost": str(total), "fund_paid": str(fund), "in_scope_self_pay": str(in_scope),
        "out_of_scope_self_pay": str(out_scope), "paid_before": str(paid_before), "claims_before": claims_before,
    }


def _hospitals(session) -> list[tuple[int, int, str]]:
    """The demo city's hospitals; returns (id, grade, county code) of each."""
    hospital_id = next_id(session, Hospital)
    rows = [{"id": hospital_id + k, "name": name, "grade": grade, "county_code": county, "active": True}
            for k, (name, grade, county) in enumerate(HOSPITALS)]
    insert_many(session, Hospital, rows)
    return [(r["id"], r["grade"], r["county_code"]) for r in rows]


def _card_number(rnd: random.Random, prefix: str) -> str:
    """A 19-digit debit card number: the bank's prefix, random digits, the Luhn check digit."""
    body = prefix + "".join(rnd.choices("0123456789", k=18 - len(prefix)))
    total = 0
    for k, ch in enumerate(reversed(body)):
        d = int(ch)
        if k % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


def _pick_hospital(rnd: random.Random, hospitals, county_code: str) -> tuple[int, int, str]:
    """Most stays are in the member's county or at the city's big hospitals."""
    local = [h for h in hospitals if h[2] == county_code]
    city = [h for h in hospitals if h[1] == 3]
    pool = local if local and rnd.random() < 0.6 else city
    return rnd.choice(pool)


def _papers(rnd: random.Random, status: str) -> tuple[str, date | None]:
    from mutualaid_desktop.services.claim_materials import DEFAULT_MATERIALS

    items = DEFAULT_MATERIALS["reimbursement"]
    missing: set[str] = set()
    if status == "waiting_papers":
        required = [m.name for m in items if m.required]
        missing = set(rnd.sample(required, k=rnd.randint(1, 2)))
    papers = [{"item": m.name, "required": m.required,
               "received": m.name not in missing and (m.required or rnd.random() < 0.5)} for m in items]
    return json.dumps(papers, ensure_ascii=False), None


def _claims(session, gen, member_rows, covers: list[_Cover], rules: PlanRules, plan_id: int,
            units_by_county, report: DemoReport, hospitals) -> None:
    rnd = gen.rnd
    users = UserRepository(session)
    clerk = users.by_username("demo_clerk").id
    reviewer = users.by_username("demo_reviewer").id
    supervisor = users.by_username("demo_supervisor").id
    statuses = [s for s, _ in STATUS_WEIGHTS]
    weights = [w for _, w in STATUS_WEIGHTS]
    bank_weights = [w for _, _, w in BANKS]
    claim_id = next_id(session, Claim)
    serial_by_county: dict[int, int] = {}
    claims, history = [], []
    # claims that reached the bank: (claim id, status, amount fen, moment approved, bank, holder, account)
    payable: list[tuple] = []
    paid_before: dict[int, Decimal] = {}
    count_before: dict[int, int] = {}
    invoices: dict[int, list[str]] = {}
    banks: dict[int, tuple[str, str]] = {}  # a member keeps one card
    chosen = [c for c in covers if rnd.random() < CLAIM_RATE]
    # A few members come twice in the year.
    chosen += rnd.sample(chosen, k=len(chosen) // 10) if chosen else []
    for cover in chosen:
        m = cover.member
        hospital_id, grade, _ = _pick_hospital(rnd, hospitals, COUNTIES[m.county][0])
        status = rnd.choices(statuses, weights)[0]
        waiting = status in ("waiting_papers", "waiting_review")
        latest = gen.today if waiting else gen.today - timedelta(days=DECIDED_PATH_DAYS)
        facts = _claim_facts(gen, cover, rules, paid_before.get(m.id, Decimal("0.00")), count_before.get(m.id, 0),
                             invoices.get(m.id, []), grade, latest)
        if facts is None:
            continue
        quote = quote_claim(rules, parse_claim_facts(facts, rules, today=gen.today))
        if not quote.eligible:
            status = "refused" if not waiting else status  # an ineligible claim waiting for review stays so
        quoted = to_fen(quote.payout)
        approved = None if status in ("waiting_papers", "waiting_review", "refused") else quoted
        if approved == 0 and status not in ("approved", "refused"):
            status = "approved"  # nothing to pay: never goes to the bank
        serial_by_county[m.county] = serial_by_county.get(m.county, 0) + 1
        number = f"{COUNTIES[m.county][0]}-{gen.today.year}-{serial_by_county[m.county]:06d}"
        received = date.fromisoformat(facts["received_date"])
        moment = datetime.combine(received, datetime.min.time()) + timedelta(hours=9, minutes=rnd.randrange(480))
        decided = status not in ("waiting_papers", "waiting_review")
        reason = "；".join(_reason_label(r) for r in quote.reasons) if status == "refused" and quote.reasons else (
            "材料不全，经补充告知后未补齐" if status == "refused" else None)
        if m.id not in banks:
            bank, prefix, _ = rnd.choices(BANKS, bank_weights)[0]
            banks[m.id] = (bank, _card_number(rnd, prefix))
        bank, account = banks[m.id]
        papers_json, _ = _papers(rnd, status)
        claims.append({
            "id": claim_id, "claim_number": number, "member_id": m.id, "enrollment_id": cover.enrollment_id,
            "plan_id": plan_id, "status": status, "received_on": received,
            "event_date": date.fromisoformat(facts["admission_date"]), "invoice_number": facts["invoice_number"],
            "invoice_key": invoice_key(facts["invoice_number"]),
            "facts_json": json.dumps(facts, ensure_ascii=False),
            "quote_json": json.dumps(quote.to_json_dict(), ensure_ascii=False),
            "quoted_fen": quoted, "approved_fen": approved, "decision_reason": reason,
            "hospital_id": hospital_id, "diagnosis": rnd.choice(DIAGNOSES), "papers_json": papers_json,
            "papers_due": received + timedelta(days=30) if status == "waiting_papers" else None,
            "bank_name": bank, "account_holder": m.name, "account_number": account, "beneficiary_note": None,
            "entered_by": clerk, "decided_by": reviewer if decided else None,
            "decided_at": moment + timedelta(days=2) if decided else None, "created_at": moment,
        })
        previous = None
        for step, to_status in enumerate(PATHS[status]):
            history.append({"claim_id": claim_id, "from_status": previous, "to_status": to_status,
                            "changed_at": moment + timedelta(days=2 * step),
                            "user_id": clerk if step == 0 else (supervisor if to_status in ("paid", "returned",
                                                                                            "reversed") else reviewer),
                            "reason": None})
            previous = to_status
        if status in ("in_batch", "paid", "returned", "reversed"):
            payable.append((claim_id, status, quoted, moment + timedelta(days=2), bank, m.name, account,
                            len(history) - len(PATHS[status])))
        if status in ("approved", "in_batch", "paid", "returned"):
            paid_before[m.id] = paid_before.get(m.id, Decimal("0.00")) + quote.payout
            count_before[m.id] = count_before.get(m.id, 0) + 1
        if status == "paid":
            report.payout_total += quote.payout
        invoices.setdefault(m.id, []).append(facts["invoice_number"])
        report.claims_by_status[status] = report.claims_by_status.get(status, 0) + 1
        claim_id += 1
    batches, items, reversals = _payout_batches(session, gen, payable, history, supervisor, clerk)
    insert_many(session, Claim, claims)
    insert_many(session, ClaimStatusChange, history)
    insert_many(session, PayoutBatch, batches)
    insert_many(session, PayoutItem, items)
    insert_many(session, ClaimReversal, reversals)
    for kind in ("claim", "claim_reversal", "payout_batch", "payout_item"):
        touch_all(session, kind)  # bulk inserts: their digests go into the audit log


def _payout_batches(session, gen: _Generator, payable, history: list[dict], supervisor: int, clerk: int):
    """Closed batches, one a month, for the claims that reached the bank (paid, returned, reversed);
    one exported batch, not yet confirmed, for the claims in_batch. Fills in the history's reasons."""
    rnd = gen.rnd
    year = gen.today.year
    batch_id = next_id(session, PayoutBatch)
    item_id = next_id(session, PayoutItem)
    settled = sorted((p for p in payable if p[1] != "in_batch"), key=lambda p: p[3])
    waiting = [p for p in payable if p[1] == "in_batch"]
    by_month: dict[tuple[int, int], list] = {}
    for p in settled:
        by_month.setdefault((p[3].year, p[3].month), []).append(p)
    batches, items, reversals = [], [], []
    serial = 0
    groups = [(key, group, "closed") for key, group in sorted(by_month.items())]
    if waiting:
        groups.append(((gen.today.year, gen.today.month), waiting, "exported"))
    for (_y, _mth), group, batch_status in groups:
        serial += 1
        number = f"PF{year}-{serial:04d}"
        made = max(p[3] for p in group) + timedelta(days=1) if batch_status == "closed" else datetime.combine(
            gen.today, datetime.min.time()) + timedelta(hours=9)
        settled_on = (made + timedelta(days=3)).date()
        if batch_status == "closed" and settled_on > gen.today:
            settled_on = gen.today
        batches.append({"id": batch_id, "batch_number": number, "status": batch_status, "created_at": made,
                        "created_by": clerk, "exported_at": made + timedelta(hours=1),
                        "closed_at": datetime.combine(settled_on, datetime.min.time()) + timedelta(hours=15)
                        if batch_status == "closed" else None})
        for claim_id, status, amount, _, bank, holder, account, first_history in group:
            item_status = {"paid": "paid", "reversed": "paid", "returned": "returned"}.get(status, "pending")
            reason = rnd.choice(RETURN_REASONS) if status == "returned" else None
            items.append({"id": item_id, "batch_id": batch_id, "claim_id": claim_id, "amount_fen": amount,
                          "bank_name": bank, "account_holder": holder, "account_number": account,
                          "status": item_status, "settled_on": settled_on if item_status != "pending" else None,
                          "return_reason": reason, "settled_by": supervisor if item_status != "pending" else None})
            for h in history[first_history:first_history + 5]:
                if h["claim_id"] != claim_id:
                    break
                if h["to_status"] == "in_batch":
                    h["reason"] = f"给付批次 {number}"
                elif h["to_status"] == "paid":
                    h["reason"] = f"给付批次 {number}，银行办理日期 {settled_on:%Y-%m-%d}"
                elif h["to_status"] == "returned":
                    h["reason"] = f"银行退回：{reason}"
                elif h["to_status"] == "reversed":
                    h["reason"] = "冲正：演示数据（发票已在其他渠道报销）"
            if status == "reversed":
                reversals.append({"claim_id": claim_id, "amount_fen": amount, "reason": "演示数据：发票已在其他渠道报销",
                                  "reversed_at": datetime.combine(settled_on, datetime.min.time()) + timedelta(days=5, hours=10),
                                  "reversed_by": supervisor})
            item_id += 1
        batch_id += 1
    if serial:
        ensure_serial_after(session, f"payout_batch:{year}", serial)
    return batches, items, reversals


def _reason_label(code: str) -> str:
    from mutualaid_desktop.domain.quote import REASON_LABELS

    return REASON_LABELS.get(code, code)
