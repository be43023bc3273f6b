"""The demo city's claims (services/admin/demo.py): hospitals, and one claim of a covered member with its
stay, quote, papers, bank card and history; the payouts module (demo_payouts.py) says when each claim comes in
and how far it gets."""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from mutualaid_desktop.domain.money import to_fen
from mutualaid_desktop.domain.quote import REASON_LABELS, parse_claim_facts, quote_claim
from mutualaid_desktop.domain.text import invoice_key
from mutualaid_desktop.services.admin.demo_calendar import counter_moment, working_day_from
from mutualaid_desktop.services.admin.demo_names import COUNTIES
from mutualaid_desktop.services.admin.demo_premiums import Covers
from mutualaid_desktop.services.claims.claim_materials import DEFAULT_MATERIALS
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.store.bulk import insert_many, next_id
from mutualaid_desktop.store.models import Hospital
from mutualaid_desktop.store.repositories import UserRepository

# The hospitals of the demo city: (name, grade 1-3, county code).
HOSPITALS = (
    ("商洛市中心医院", 3, "611002"),
    ("商洛国际医学中心", 3, "611002"),
    ("商洛市中医医院", 3, "611002"),
    ("商州区人民医院", 2, "611002"),
    ("商州区中医医院", 2, "611002"),
    ("洛南县医院", 2, "611021"),
    ("洛南县中医医院", 2, "611021"),
    ("丹凤县医院", 2, "611022"),
    ("丹凤县中医医院", 2, "611022"),
    ("商南县医院", 2, "611023"),
    ("商南县中医医院", 2, "611023"),
    ("山阳县医院", 2, "611024"),
    ("山阳县中医医院", 2, "611024"),
    ("镇安县医院", 2, "611025"),
    ("镇安县中医医院", 2, "611025"),
    ("柞水县医院", 2, "611026"),
    ("柞水县中医医院", 2, "611026"),
    ("商州区大荆镇中心卫生院", 1, "611002"),
    ("洛南县石门镇中心卫生院", 1, "611021"),
    ("丹凤县龙驹寨街道社区卫生服务中心", 1, "611022"),
    ("山阳县漫川关镇中心卫生院", 1, "611024"),
    ("镇安县云盖寺镇卫生院", 1, "611025"),
    ("柞水县营盘镇卫生院", 1, "611026"),
)
DIAGNOSES = (
    "社区获得性肺炎",
    "慢性阻塞性肺疾病急性加重",
    "冠状动脉粥样硬化性心脏病",
    "原发性高血压3级",
    "2型糖尿病",
    "脑梗死",
    "急性阑尾炎",
    "胆囊结石伴慢性胆囊炎",
    "腰椎间盘突出症",
    "桡骨远端骨折",
    "子宫肌瘤",
    "急性胃肠炎",
    "肾结石",
    "甲状腺结节",
    "白内障",
    "支气管哮喘",
    "慢性心力衰竭",
    "股骨颈骨折",
)

# Banks and their debit card prefixes (BIN), for plausible 19-digit card numbers with a Luhn check digit.
BANKS = (
    ("中国农业银行商洛分行", "622848", 5),
    ("中国邮政储蓄银行商洛市分行", "621799", 3),
    ("中国建设银行商洛分行", "621700", 2),
    ("中国工商银行商洛分行", "621226", 2),
    ("陕西商洛农村商业银行", "621391", 3),
)
RETURN_REASONS = ("户名与账号不符", "账户已销户", "账户冻结（长期不动户）")


def make_hospitals(session) -> list[tuple[int, int, str]]:
    """The demo city's hospitals; returns (id, grade, county code) of each."""
    hospital_id = next_id(session, Hospital)
    rows = [
        {"id": hospital_id + k, "name": name, "grade": grade, "county_code": county, "active": True}
        for k, (name, grade, county) in enumerate(HOSPITALS)
    ]
    insert_many(session, Hospital, rows)
    return [(hospital_id + k, grade, county) for k, (_name, grade, county) in enumerate(HOSPITALS)]


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
    items = DEFAULT_MATERIALS["reimbursement"]
    missing: set[str] = set()
    if status == "waiting_papers":
        required = [m.name for m in items if m.required]
        missing = set(rnd.sample(required, k=rnd.randint(1, 2)))
    papers = [
        {
            "item": m.name,
            "required": m.required,
            "received": m.name not in missing and (m.required or rnd.random() < 0.5),
        }
        for m in items
    ]
    return json.dumps(papers, ensure_ascii=False), None


def demo_user_id(session, username: str) -> int:
    """The id of a demo user (generate_demo makes them first, or finds them)."""
    user = UserRepository(session).by_username(username)
    if user is None:
        raise ServiceError(f"演示账号 {username} 不存在，请在新的空数据库里生成演示数据。")
    return user.id


def _refusal_reason(reasons) -> str:
    """Why a demo claim was refused: the quote's reasons, or (an eligible one) papers never completed."""
    return "；".join(_reason_label(r) for r in reasons) if reasons else "材料不全，经补充告知后未补齐"


def _card_of(rnd: random.Random, banks: dict[int, tuple[str, str]], member_id: int) -> tuple[str, str]:
    """(bank, card number) of a member, who keeps the card drawn at their first claim."""
    if member_id not in banks:
        bank, prefix, _ = rnd.choices(BANKS, [w for _, _, w in BANKS])[0]
        banks[member_id] = (bank, _card_number(rnd, prefix))
    return banks[member_id]


STAYS = (2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 21)  # days in hospital
PICKS = 30  # members tried for a stay before giving up
IN_WAITING = 0.2  # of the stays drawn in a member's waiting period, those claimed all the same


@dataclass
class Stay:
    """A drawn claim before it is written: the member (index), the cover, the facts and the quote."""

    index: int
    cover: Covers
    facts: dict
    quote: object
    received: date
    hospital_id: int


@dataclass
class ClaimBook:
    """What the claims written so far hold, and what is remembered of each member across claims."""

    claim_id: int
    users: tuple[int, int, int]  # clerk, reviewer, supervisor
    hospitals: list
    covers: dict[int, Covers]  # plan year -> the reimbursement covers
    claims: list[dict] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)
    serials: dict[tuple[str, int], int] = field(default_factory=dict)  # (county code, year) -> last number
    paid_before: dict[tuple[int, int], Decimal] = field(default_factory=dict)  # (member id, plan year)
    count_before: dict[tuple[int, int], int] = field(default_factory=dict)
    invoices: dict[int, list[str]] = field(default_factory=dict)
    banks: dict[int, tuple[str, str]] = field(default_factory=dict)  # a member keeps one card


def draw_stay(gen, book: ClaimBook, members, received: date) -> Stay | None:
    """A hospital stay of a covered member, handed in at the counter on `received` (discharged 1-40 days
    before); None when no covered member could have had it."""
    rnd = gen.rnd
    discharge = received - timedelta(days=rnd.randint(1, 40))
    admission = discharge - timedelta(days=rnd.choice(STAYS))
    cover = book.covers.get(admission.year)
    if cover is None:
        return None
    day, waiting = admission.toordinal(), cover.rules.waiting_days
    for _ in range(PICKS):
        i = rnd.randrange(len(members))
        if not cover.enrollment[i] or cover.start[i] > day:
            continue
        # a stay in the waiting period (观察期) is claimed now and then, and refused
        if cover.continuous[i] or cover.start[i] + waiting <= day or rnd.random() < IN_WAITING:
            break
    else:
        return None
    m = members[i]
    key = (m.id, cover.year)
    hospital_id, grade, _ = _pick_hospital(rnd, book.hospitals, COUNTIES[m.county][0])
    facts = _stay_facts(rnd, m, cover, i, (admission, discharge, received), grade)
    facts["previous_invoice_numbers"] = list(book.invoices.get(m.id, []))
    facts["paid_before"] = str(book.paid_before.get(key, Decimal("0.00")))
    facts["claims_before"] = book.count_before.get(key, 0)
    rules = cover.rules
    quote = quote_claim(rules, parse_claim_facts(facts, rules, today=gen.today))
    return Stay(i, cover, facts, quote, received, hospital_id)


def _stay_facts(rnd: random.Random, m, cover: Covers, i: int, days: tuple[date, date, date], grade: int) -> dict:
    """The facts of a stay: its days and amounts. Stays cost about 6,000 yuan (median), a few far more;
    insurance pays 60-80 %."""
    admission, discharge, received = days
    cost_fen = min(max(int(rnd.lognormvariate(math.log(6000_00), 0.8)), 800_00), 300_000_00)
    total = Decimal(cost_fen) / 100
    fund = (total * Decimal(rnd.randint(60, 80)) / 100).quantize(Decimal("0.01"))
    out_scope = (total * Decimal(rnd.randint(3, 10)) / 100).quantize(Decimal("0.01"))
    return {
        "id_number": m.id_number,
        "cover_start": date.fromordinal(cover.start[i]).isoformat(),
        "cover_end": cover.rules.period_end.isoformat(),
        "continuous": bool(cover.continuous[i]),
        "shares": 1,
        "admission_date": admission.isoformat(),
        "discharge_date": discharge.isoformat(),
        "received_date": received.isoformat(),
        "hospital_grade": grade,
        "invoice_number": "".join(rnd.choices("0123456789", k=11)),
        "total_cost": str(total),
        "fund_paid": str(fund),
        "in_scope_self_pay": str(total - fund - out_scope),
        "out_of_scope_self_pay": str(out_scope),
    }


def payable(stay: Stay) -> bool:
    return bool(stay.quote.eligible) and to_fen(stay.quote.payout) > 0  # type: ignore[attr-defined]


def add_claim(
    gen, book: ClaimBook, members, stay: Stay, status: str, steps: list[tuple[str, datetime, str | None]]
) -> dict:
    """Write the claim of `stay` in `status`, with its history: `steps` after the intake (to status, moment,
    reason). Returns the claim row."""
    rnd = gen.rnd
    m = members[stay.index]
    facts = stay.facts
    quote = stay.quote
    quoted = to_fen(quote.payout)  # type: ignore[attr-defined]
    county = COUNTIES[m.county][0]
    serial_key = (county, stay.received.year)
    book.serials[serial_key] = book.serials.get(serial_key, 0) + 1
    received = counter_moment(rnd, stay.received)
    decided = next((moment for to, moment, _ in steps if to in ("approved", "refused")), None)
    clerk, reviewer, _ = book.users
    bank, account = _card_of(rnd, book.banks, m.id)
    papers_json, _ = _papers(rnd, status)
    claim = {
        "id": book.claim_id,
        "claim_number": f"{county}-{stay.received.year}-{book.serials[serial_key]:06d}",
        "member_id": m.id,
        "enrollment_id": stay.cover.enrollment[stay.index],
        "plan_id": stay.cover.plan_id,
        "status": status,
        "received_on": stay.received,
        "event_date": date.fromisoformat(facts["admission_date"]),
        "invoice_number": facts["invoice_number"],
        "invoice_key": invoice_key(facts["invoice_number"]),
        "facts_json": json.dumps(facts, ensure_ascii=False),
        "quote_json": json.dumps(quote.to_json_dict(), ensure_ascii=False),  # type: ignore[attr-defined]
        "quoted_fen": quoted,
        "approved_fen": None if status in ("waiting_papers", "waiting_review", "refused") else quoted,
        "decision_reason": _refusal_reason(quote.reasons) if status == "refused" else None,  # type: ignore[attr-defined]
        "hospital_id": stay.hospital_id,
        "diagnosis": rnd.choice(DIAGNOSES),
        "papers_json": papers_json,
        "papers_due": stay.received + timedelta(days=30) if status == "waiting_papers" else None,
        "bank_name": bank,
        "account_holder": m.name,
        "account_number": account,
        "beneficiary_note": None,
        "entered_by": clerk,
        "decided_by": reviewer if decided else None,
        "decided_at": decided,
        "created_at": received,
    }
    book.claims.append(claim)
    first = "waiting_papers" if status == "waiting_papers" else "waiting_review"
    _history(book, [(first, received, None), *steps])
    _remember(book, claim, stay)
    book.claim_id += 1
    return claim


def _history(book: ClaimBook, steps: list[tuple[str, datetime, str | None]]) -> None:
    clerk, reviewer, supervisor = book.users
    previous = None
    for k, (to_status, moment, reason) in enumerate(steps):
        user = clerk if k == 0 else (supervisor if to_status in ("paid", "returned", "reversed") else reviewer)
        book.history.append(
            {
                "claim_id": book.claim_id,
                "from_status": previous,
                "to_status": to_status,
                "changed_at": moment,
                "user_id": user,
                "reason": reason,
            }
        )
        previous = to_status


def _remember(book: ClaimBook, claim: dict, stay: Stay) -> None:
    """What a member's later claims of the same plan year must know: paid before, claims before, invoices."""
    key = (claim["member_id"], stay.cover.year)
    if claim["status"] in ("approved", "in_batch", "paid", "returned"):
        book.paid_before[key] = book.paid_before.get(key, Decimal("0.00")) + stay.quote.payout  # type: ignore[attr-defined]
        book.count_before[key] = book.count_before.get(key, 0) + 1
    book.invoices.setdefault(claim["member_id"], []).append(claim["invoice_number"])


def received_before(rnd: random.Random, decided: date) -> date:
    """The working day a claim decided on `decided` was handed in: a few days to three weeks before."""
    return working_day_from(decided - timedelta(days=rnd.randint(1, 21)), backward=True)


def _reason_label(code: str) -> str:
    return REASON_LABELS.get(code, code)
