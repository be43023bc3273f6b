"""The demo city's claims (services/admin/demo.py): hospitals, claims in every status with their history,
and the payout batches of the claims that reached the bank."""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from mutualaid_desktop.domain.money import to_fen
from mutualaid_desktop.domain.plan import Plan as PlanRules
from mutualaid_desktop.domain.quote import REASON_LABELS, parse_claim_facts, quote_claim
from mutualaid_desktop.domain.text import invoice_key
from mutualaid_desktop.services.admin.demo_city import DemoCover, DemoGenerator, DemoReport
from mutualaid_desktop.services.admin.demo_names import COUNTIES
from mutualaid_desktop.services.claims.claim_materials import DEFAULT_MATERIALS
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.store.bulk import insert_many, next_id
from mutualaid_desktop.store.models import (
    Claim,
    ClaimReversal,
    ClaimStatusChange,
    Hospital,
    PayoutBatch,
    PayoutItem,
)
from mutualaid_desktop.store.money_digest import touch_all
from mutualaid_desktop.store.repositories import UserRepository
from mutualaid_desktop.store.serials import ensure_serial_after

DECIDED_PATH_DAYS = 21  # decision +2, batch +1, bank +3, reversal +5 days... all before today
CLAIM_RATE = 0.067  # Shangluo 2020: 12,000 claimants of 178,000 enrollments

# Final status of an eligible claim and its weight; refused claims come from the quote.
STATUS_WEIGHTS = (
    ("waiting_papers", 3),
    ("waiting_review", 7),
    ("approved", 5),
    ("in_batch", 3),
    ("paid", 78),
    ("returned", 1),
    ("reversed", 1),
    ("refused", 2),
)
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


def _claim_facts(
    gen: DemoGenerator,
    cover: DemoCover,
    rules: PlanRules,
    paid_before: Decimal,
    claims_before: int,
    invoices: list[str],
    hospital_grade: int,
    latest_received: date,
) -> dict | None:
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
        "cover_start": cover.cover_start.isoformat(),
        "cover_end": rules.period_end.isoformat(),
        "continuous": cover.continuous,
        "shares": 1,
        "admission_date": admission.isoformat(),
        "discharge_date": discharge.isoformat(),
        "received_date": received.isoformat(),
        "hospital_grade": hospital_grade,
        "invoice_number": invoice,
        "previous_invoice_numbers": list(invoices),
        "total_cost": str(total),
        "fund_paid": str(fund),
        "in_scope_self_pay": str(in_scope),
        "out_of_scope_self_pay": str(out_scope),
        "paid_before": str(paid_before),
        "claims_before": claims_before,
    }


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


def _user_id(session, username: str) -> int:
    """The id of a demo user (generate_demo makes them first, or finds them)."""
    user = UserRepository(session).by_username(username)
    if user is None:
        raise ServiceError(f"演示账号 {username} 不存在，请在新的空数据库里生成演示数据。")
    return user.id


def _path_history(
    claim_id: int, status: str, moment: datetime, clerk: int, reviewer: int, supervisor: int
) -> list[dict]:
    """The status changes of a claim that reached `status`, two days apart from its intake at `moment`."""
    rows, previous = [], None
    for step, to_status in enumerate(PATHS[status]):
        rows.append(
            {
                "claim_id": claim_id,
                "from_status": previous,
                "to_status": to_status,
                "changed_at": moment + timedelta(days=2 * step),
                "user_id": clerk
                if step == 0
                else (supervisor if to_status in ("paid", "returned", "reversed") else reviewer),
                "reason": None,
            }
        )
        previous = to_status
    return rows


def _refusal_reason(reasons) -> str:
    """Why a demo claim was refused: the quote's reasons, or (an eligible one) papers never completed."""
    return "；".join(_reason_label(r) for r in reasons) if reasons else "材料不全，经补充告知后未补齐"


def _card_of(rnd: random.Random, banks: dict[int, tuple[str, str]], member_id: int) -> tuple[str, str]:
    """(bank, card number) of a member, who keeps the card drawn at their first claim."""
    if member_id not in banks:
        bank, prefix, _ = rnd.choices(BANKS, [w for _, _, w in BANKS])[0]
        banks[member_id] = (bank, _card_number(rnd, prefix))
    return banks[member_id]


@dataclass
class _ClaimBook:
    """What make_claims has written so far, and what it remembers of each member across claims."""

    claim_id: int
    claims: list[dict] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)
    # claims that reached the bank: (claim id, status, amount fen, moment approved, bank, holder, account,
    # index of the claim's first history row)
    payable: list[tuple] = field(default_factory=list)
    serial_by_county: dict[int, int] = field(default_factory=dict)
    paid_before: dict[int, Decimal] = field(default_factory=dict)
    count_before: dict[int, int] = field(default_factory=dict)
    invoices: dict[int, list[str]] = field(default_factory=dict)
    banks: dict[int, tuple[str, str]] = field(default_factory=dict)  # a member keeps one card


def make_claims(
    session,
    gen,
    member_rows,
    covers: list[DemoCover],
    rules: PlanRules,
    plan_id: int,
    units_by_county,
    report: DemoReport,
    hospitals,
) -> None:
    rnd = gen.rnd
    users = tuple(_user_id(session, name) for name in ("demo_clerk", "demo_reviewer", "demo_supervisor"))
    book = _ClaimBook(claim_id=next_id(session, Claim))
    chosen = [c for c in covers if rnd.random() < CLAIM_RATE]
    # A few members come twice in the year.
    chosen += rnd.sample(chosen, k=len(chosen) // 10) if chosen else []
    for cover in chosen:
        _make_claim(gen, book, cover, rules, plan_id, hospitals, users, report)
    clerk, _reviewer, supervisor = users
    batches, items, reversals = _payout_batches(session, gen, book.payable, book.history, supervisor, clerk)
    insert_many(session, Claim, book.claims)
    insert_many(session, ClaimStatusChange, book.history)
    insert_many(session, PayoutBatch, batches)
    insert_many(session, PayoutItem, items)
    insert_many(session, ClaimReversal, reversals)
    for kind in ("claim", "claim_reversal", "payout_batch", "payout_item"):
        touch_all(session, kind)  # bulk inserts: their digests go into the audit log


def _make_claim(
    gen, book: _ClaimBook, cover: DemoCover, rules: PlanRules, plan_id: int, hospitals, users, report: DemoReport
) -> None:
    """One claim of a covered member, in a status drawn by STATUS_WEIGHTS (or refused by the quote),
    with its history; none when the stay cannot fall inside the cover."""
    rnd = gen.rnd
    m = cover.member
    hospital_id, grade, _ = _pick_hospital(rnd, hospitals, COUNTIES[m.county][0])
    status = rnd.choices([s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS])[0]
    waiting = status in ("waiting_papers", "waiting_review")
    latest = gen.today if waiting else gen.today - timedelta(days=DECIDED_PATH_DAYS)
    facts = _claim_facts(
        gen,
        cover,
        rules,
        book.paid_before.get(m.id, Decimal("0.00")),
        book.count_before.get(m.id, 0),
        book.invoices.get(m.id, []),
        grade,
        latest,
    )
    if facts is None:
        return
    quote = quote_claim(rules, parse_claim_facts(facts, rules, today=gen.today))
    if not quote.eligible:
        status = "refused" if not waiting else status  # an ineligible claim waiting for review stays so
    quoted = to_fen(quote.payout)
    approved = None if status in ("waiting_papers", "waiting_review", "refused") else quoted
    if approved == 0 and status not in ("approved", "refused"):
        status = "approved"  # nothing to pay: never goes to the bank
    book.serial_by_county[m.county] = book.serial_by_county.get(m.county, 0) + 1
    number = f"{COUNTIES[m.county][0]}-{gen.today.year}-{book.serial_by_county[m.county]:06d}"
    received = date.fromisoformat(facts["received_date"])
    moment = datetime.combine(received, datetime.min.time()) + timedelta(hours=9, minutes=rnd.randrange(480))
    claim = _claim_row(rnd, book, cover, facts, quote, status, approved, number, moment, plan_id, hospital_id, users)
    book.claims.append(claim)
    book.history += _path_history(book.claim_id, status, moment, *users)
    _tally_claim(book, report, claim, quote, moment)
    book.claim_id += 1


def _claim_row(
    rnd: random.Random,
    book: _ClaimBook,
    cover: DemoCover,
    facts: dict,
    quote,
    status: str,
    approved: int | None,
    number: str,
    moment,
    plan_id,
    hospital_id,
    users,
) -> dict:
    """The claims row; draws the member's card and the papers received."""
    m = cover.member
    clerk, reviewer, _supervisor = users
    received = date.fromisoformat(facts["received_date"])
    decided = status not in ("waiting_papers", "waiting_review")
    reason = _refusal_reason(quote.reasons) if status == "refused" else None
    bank, account = _card_of(rnd, book.banks, m.id)
    papers_json, _ = _papers(rnd, status)
    return {
        "id": book.claim_id,
        "claim_number": number,
        "member_id": m.id,
        "enrollment_id": cover.enrollment_id,
        "plan_id": plan_id,
        "status": status,
        "received_on": received,
        "event_date": date.fromisoformat(facts["admission_date"]),
        "invoice_number": facts["invoice_number"],
        "invoice_key": invoice_key(facts["invoice_number"]),
        "facts_json": json.dumps(facts, ensure_ascii=False),
        "quote_json": json.dumps(quote.to_json_dict(), ensure_ascii=False),
        "quoted_fen": to_fen(quote.payout),
        "approved_fen": approved,
        "decision_reason": reason,
        "hospital_id": hospital_id,
        "diagnosis": rnd.choice(DIAGNOSES),
        "papers_json": papers_json,
        "papers_due": received + timedelta(days=30) if status == "waiting_papers" else None,
        "bank_name": bank,
        "account_holder": m.name,
        "account_number": account,
        "beneficiary_note": None,
        "entered_by": clerk,
        "decided_by": reviewer if decided else None,
        "decided_at": moment + timedelta(days=2) if decided else None,
        "created_at": moment,
    }


def _tally_claim(book: _ClaimBook, report: DemoReport, claim: dict, quote, moment: datetime) -> None:
    """Remember a claim for the bank, for the member's later claims and for the report."""
    status = claim["status"]
    member_id = claim["member_id"]
    if status in ("in_batch", "paid", "returned", "reversed"):
        book.payable.append(
            (
                claim["id"],
                status,
                claim["quoted_fen"],
                moment + timedelta(days=2),
                claim["bank_name"],
                claim["account_holder"],
                claim["account_number"],
                len(book.history) - len(PATHS[status]),
            )
        )
    if status in ("approved", "in_batch", "paid", "returned"):
        book.paid_before[member_id] = book.paid_before.get(member_id, Decimal("0.00")) + quote.payout
        book.count_before[member_id] = book.count_before.get(member_id, 0) + 1
    if status == "paid":
        report.payout_total += quote.payout
    book.invoices.setdefault(member_id, []).append(claim["invoice_number"])
    report.claims_by_status[status] = report.claims_by_status.get(status, 0) + 1


def _payout_batches(session, gen: DemoGenerator, payable, history: list[dict], supervisor: int, clerk: int):
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
    batches: list[dict] = []
    items: list[dict] = []
    reversals: list[dict] = []
    serial = 0
    groups = [(key, group, "closed") for key, group in sorted(by_month.items())]
    if waiting:
        groups.append(((gen.today.year, gen.today.month), waiting, "exported"))
    for (_y, _mth), group, batch_status in groups:
        serial += 1
        number = f"PF{year}-{serial:04d}"
        made = (
            max(p[3] for p in group) + timedelta(days=1)
            if batch_status == "closed"
            else datetime.combine(gen.today, datetime.min.time()) + timedelta(hours=9)
        )
        settled_on = (made + timedelta(days=3)).date()
        if batch_status == "closed" and settled_on > gen.today:
            settled_on = gen.today
        batches.append(
            {
                "id": batch_id,
                "batch_number": number,
                "status": batch_status,
                "created_at": made,
                "created_by": clerk,
                "exported_at": made + timedelta(hours=1),
                "closed_at": datetime.combine(settled_on, datetime.min.time()) + timedelta(hours=15)
                if batch_status == "closed"
                else None,
            }
        )
        item_id = _batch_items(rnd, group, batch_id, item_id, number, settled_on, supervisor, history, items, reversals)
        batch_id += 1
    if serial:
        ensure_serial_after(session, f"payout_batch:{year}", serial)
    return batches, items, reversals


def _batch_items(
    rnd: random.Random,
    group,
    batch_id: int,
    item_id: int,
    number: str,
    settled_on: date,
    supervisor: int,
    history: list[dict],
    items: list[dict],
    reversals: list[dict],
) -> int:
    """The items of one batch (ids from `item_id` on) and the reversals of its reversed claims; notes the
    batch in each claim's history. Returns the next item id."""
    for claim_id, status, amount, _, bank, holder, account, first_history in group:
        item_status = {"paid": "paid", "reversed": "paid", "returned": "returned"}.get(status, "pending")
        reason = rnd.choice(RETURN_REASONS) if status == "returned" else None
        items.append(
            {
                "id": item_id,
                "batch_id": batch_id,
                "claim_id": claim_id,
                "amount_fen": amount,
                "bank_name": bank,
                "account_holder": holder,
                "account_number": account,
                "status": item_status,
                "settled_on": settled_on if item_status != "pending" else None,
                "return_reason": reason,
                "settled_by": supervisor if item_status != "pending" else None,
            }
        )
        _note_batch(history[first_history : first_history + 5], claim_id, number, settled_on, reason)
        if status == "reversed":
            reversals.append(
                {
                    "claim_id": claim_id,
                    "amount_fen": amount,
                    "reason": "演示数据：发票已在其他渠道报销",
                    "reversed_at": datetime.combine(settled_on, datetime.min.time()) + timedelta(days=5, hours=10),
                    "reversed_by": supervisor,
                }
            )
        item_id += 1
    return item_id


def _note_batch(rows: list[dict], claim_id: int, number: str, settled_on: date, reason: str | None) -> None:
    """The reasons of a claim's history rows (its own, from the first) once it went into batch `number`."""
    for h in rows:
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


def _reason_label(code: str) -> str:
    return REASON_LABELS.get(code, code)
