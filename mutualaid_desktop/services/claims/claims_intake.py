"""Claim intake (理赔受理): a member walks in with the papers of a hospital stay.

- `intake_lookup`: from the ID number, the member, the unit and every cover with its state; the
  cover of the admission date is chosen by itself, or the reason there is none is told plainly.
- `intake_check` / `quote_for`: the claim facts of shared/spec/plan-rules.md built from the form and
  the database (the member's earlier invoices, and what was paid on this cover before), the domain
  quote as the counter holds it (services/claim_checks.payable: 0.00 is not payable), and the flags
  of a possible duplicate (the same invoice across members, the same stay for another member,
  overlapping stays). A stay that has not ended yet is refused at its field. Fast enough for every
  keystroke (bench/).
- `save_claim`: the claim with its number `<county code>-<year>-<6-digit serial>`, waiting for
  papers when a required paper is missing, else waiting for review; its invoice key and flags, its
  first status change and its audit record in the same transaction, and the acceptance receipt
  (受理回执) recorded as printed.
- The papers and the bank account (and 补交材料, a later visit) are in services/claims/claim_papers.py,
  the receipt in services/claims/claim_receipt.py; their names are re-exported here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.idcard import mask_id_number, parse_id_number
from mutualaid_desktop.domain.money import from_fen, to_fen
from mutualaid_desktop.domain.plan import Plan as PlanRules
from mutualaid_desktop.domain.plan import load_plan
from mutualaid_desktop.domain.quote import parse_claim_facts, quote_claim
from mutualaid_desktop.domain.text import clean_text, code_text, invoice_key
from mutualaid_desktop.services.admin.counter_setup import read_counter_info
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.claims.claim_checks import (
    ClaimFlag,
    CounterQuote,
    OtherClaim,
    check_not_future,
    find_flags,
    flags_to_json,
    payable,
    previous_invoices,
)
from mutualaid_desktop.services.claims.claim_materials import Material, parse_materials
from mutualaid_desktop.services.claims.claim_papers import (
    BankAccount,
    WaitingClaim,
    clean_bank,
    complete_papers,
    papers_checklist,
    waiting_claim,
)
from mutualaid_desktop.services.claims.claim_receipt import (
    BANK_ACCOUNT_ITEM,
    RECEIPT_KIND,
    SavedClaim,
    acceptance_receipt,
    missing_papers,
    receipt_of,
    save_receipt_pdf,
    working_days_after,
)
from mutualaid_desktop.services.enrollment.members import (
    CAP_STATUSES,
    ClaimRow,
    CoverRow,
    MemberDetail,
    find_member_by_id_number,
    member_detail,
)
from mutualaid_desktop.services.errors import NotFound
from mutualaid_desktop.services.papers.paper_records import issue_copy
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.intake_queries import IntakeQueries
from mutualaid_desktop.store.models import Claim, ClaimStatusChange
from mutualaid_desktop.store.serials import ensure_serial_after, format_serial, next_serial

# Earlier claims whose invoice may not be claimed again: all but the refused ones.
INVOICE_STATUSES = ("waiting_papers", "waiting_review", "approved", "in_batch", "paid", "returned", "reversed")
FORM_LABELS = {
    "hospital": "医院",
    "diagnosis": "诊断",
    "bank_name": "开户银行",
    "account_holder": "账户户名",
    "account_number": "银行账号",
    "beneficiary_note": "受益人说明",
    "papers": "材料",
    "enrollment": "保障计划",
}


# --- results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class IntakeCover:
    """A cover of the member as intake shows it (the member page's CoverRow, plus what a claim needs)."""

    row: CoverRow
    plan_id: int
    diseases: tuple[str, ...]  # lump sum: the plan's disease list
    materials: tuple[Material, ...]
    paid_before: Decimal  # what this cover already paid (decided to be paid)
    claims_before: int
    open_claims: int  # claims on it waiting for papers or review
    annual_cap: Decimal | None

    @property
    def enrollment_id(self) -> int:
        return self.row.enrollment_id

    @property
    def kind(self) -> str:
        return self.row.plan_kind

    def label(self) -> str:
        period = f"{self.row.cover_start or '—'} 至 {self.row.cover_end or '—'}"
        return f"{self.row.plan_name}（{period}，{self.row.state_label}）"


@dataclass(frozen=True)
class IntakeLookup:
    member: MemberDetail
    county_code: str
    covers: tuple[IntakeCover, ...]  # every cover, latest first
    event_date: date  # the admission (or diagnosis) date the choice was made for
    chosen: IntakeCover | None  # the cover whose period holds the event date
    in_force: bool  # the chosen cover pays on that date (out of its waiting period)
    problem: str | None  # why no cover pays on that date, in plain Chinese
    claims: tuple[ClaimRow, ...]
    waiting_papers: tuple[str, ...]  # numbers of this member's claims still waiting for papers

    def cover(self, enrollment_id: int) -> IntakeCover | None:
        return next((c for c in self.covers if c.enrollment_id == enrollment_id), None)


@dataclass(frozen=True)
class Stay:
    """What the clerk types about the stay (or the diagnosis). Amounts as typed (text) or Decimal."""

    admission_date: date | None = None
    discharge_date: date | None = None
    hospital_id: int | None = None
    diagnosis: str = ""
    diagnosis_date: date | None = None
    invoice_number: str = ""
    total_cost: str | Decimal = ""
    fund_paid: str | Decimal = ""
    in_scope_self_pay: str | Decimal = ""
    out_of_scope_self_pay: str | Decimal = ""
    received_date: date | None = None


# --- helpers -----------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _rules(rules_toml: str) -> PlanRules:
    return load_plan(rules_toml)


def county_code_of(q: IntakeQueries, unit_id: int | None) -> str:
    """The code of the county/district union above the member's unit. Without one: the unit code's
    part before '-', or the city's code."""
    unit = q.unit(unit_id)
    node, seen = unit, set()
    while node is not None and node.id not in seen:
        if node.kind == "county":
            return node.code
        seen.add(node.id)
        node = q.unit(node.parent_id)
    if unit is not None and "-" in unit.code:
        return unit.code.split("-", 1)[0]
    city = q.city()
    return city.code if city is not None else "0000"


def _cover_totals(earlier, enrollment_id: int, exclude_claim_id: int | None = None) -> tuple[Decimal, int, int]:
    paid_fen = claims = open_claims = 0
    for c in earlier:
        if c.enrollment_id != enrollment_id or c.id == exclude_claim_id:
            continue
        if c.status in CAP_STATUSES:
            paid_fen += c.approved_fen or 0
            claims += 1
        elif c.status in ("waiting_papers", "waiting_review"):
            open_claims += 1
    return from_fen(paid_fen), claims, open_claims


# --- lookup ------------------------------------------------------------------------------------


def intake_lookup(
    db: Database, id_number_text: str, *, admission_date: date | None = None, today: date | None = None
) -> IntakeLookup:
    """The member of an ID number (as typed or scanned), their covers, and the cover of the
    admission date (today when not given yet). InputError for an invalid number; NotFound for
    a number not on file (told as: not enrolled)."""
    today = today or clock.today()
    number = parse_id_number(id_number_text, today=today).normalized
    summary = find_member_by_id_number(db, number)
    if summary is None:
        raise NotFound(
            f"身份证号 {mask_id_number(number)} 不是在册会员：没有参保记录，不能受理理赔。"
            "如已参保，请核对号码或到“会员”中查找。"
        )
    detail = member_detail(db, summary.id, today)
    event = admission_date or today
    with UnitOfWork(db, read_only=True) as uow:
        q = IntakeQueries(uow.session)
        county = county_code_of(q, detail.unit_id)
        earlier = q.earlier_claims(detail.id)
        covers = []
        for row in detail.covers:
            found = q.enrollment(row.enrollment_id)
            if found is None:  # removed since member_detail read it (another counter)
                raise NotFound("该会员的参保记录刚被更改，请重新查询。")
            plan = found[1]
            rules = _rules(plan.rules_toml)
            paid, count, open_count = _cover_totals(earlier, row.enrollment_id)
            cap = rules.reimbursement.annual_cap if rules.reimbursement and rules.reimbursement.annual_cap else None
            diseases = tuple(rules.lump_sum.diseases) if rules.lump_sum else ()
            covers.append(
                IntakeCover(
                    row,
                    plan.id,
                    diseases,
                    parse_materials(plan.materials_json, plan.kind),
                    paid,
                    count,
                    open_count,
                    cap,
                )
            )
        waiting = tuple(c.claim_number for c in detail.claims if c.status == "waiting_papers")
    chosen, in_force, problem = choose_cover(covers, event)
    return IntakeLookup(detail, county, tuple(covers), event, chosen, in_force, problem, detail.claims, waiting)


def _paid_period(cover: IntakeCover) -> tuple[date, date] | None:
    """The period of a paid cover (None for a cancelled one or one still waiting for its payment)."""
    row = cover.row
    if row.state in ("cancelled", "pending_payment") or row.cover_start is None or row.cover_end is None:
        return None
    return row.cover_start, row.cover_end


def choose_cover(
    covers: list[IntakeCover], event: date, kind: str | None = None
) -> tuple[IntakeCover | None, bool, str | None]:
    """The paid cover whose period holds `event` (a reimbursement cover first, or of `kind`), whether
    it pays on that day, and otherwise why not."""
    paid = [(c, period) for c in covers if (period := _paid_period(c)) is not None]
    holding = sorted(
        ((c, start) for c, (start, end) in paid if start <= event <= end and (kind is None or c.kind == kind)),
        key=lambda h: (h[0].kind != "reimbursement", h[1]),
    )
    day = f"{event:%Y-%m-%d}"
    if holding:
        in_force = [c for c, _ in holding if c.row.first_covered_day is None or event >= c.row.first_covered_day]
        if in_force:
            return in_force[0], True, None
        c = holding[0][0]
        return (
            c,
            False,
            (f"观察期内：{day} 在「{c.row.plan_name}」的观察期内，{c.row.first_covered_day:%Y-%m-%d} 起才予保障。"),
        )
    if not covers:
        return None, False, "未参保：该会员没有任何参保记录，不能受理理赔。"
    if not paid:
        return None, False, "未缴费：该会员已登记参保，但互助金尚未缴纳，不在保障期内。"
    later = [(c, start) for c, (start, _) in paid if start > event]
    earlier = [(c, end) for c, (_, end) in paid if end < event]
    if earlier and not later:
        last, end = max(earlier, key=lambda e: e[1])
        return None, False, f"保障已到期：「{last.row.plan_name}」已于 {end:%Y-%m-%d} 到期，{day} 不在保障期内。"
    if later and not earlier:
        first, start = min(later, key=lambda e: e[1])
        return None, False, f"保障尚未开始：「{first.row.plan_name}」{start:%Y-%m-%d} 起保障，{day} 不在保障期内。"
    return None, False, f"{day} 不在该会员任何一段保障期内（参保中断）。"


# --- the quote ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class IntakeCheck:
    """What intake knows of a stay as typed: the quote (as the counter holds it), the spec's facts
    it was made from, and the flags of a possible duplicate for the reviewer."""

    quote: CounterQuote
    facts: dict
    flags: tuple[ClaimFlag, ...]


def clean_stay(stay: Stay) -> Stay:
    """The typed text of the stay cleaned (domain/text.py): invoice number and diagnosis. InputError
    (at the field) for a hidden or control character, or text too long."""
    invoice = code_text(stay.invoice_number, field="invoice_number", label="发票号码", limit=64, required=False)
    diagnosis = clean_text(stay.diagnosis, field="diagnosis", label="诊断", limit=128, halfwidth=False)
    return Stay(**{**stay.__dict__, "invoice_number": invoice or "", "diagnosis": diagnosis or ""})


def _facts_dict(
    stay: Stay, enrollment, plan, member, hospital_grade: int | None, earlier, exclude_claim_id: int | None, today: date
) -> dict:
    paid, count, _open = _cover_totals(earlier, enrollment.id, exclude_claim_id)
    invoices = previous_invoices(
        stay.invoice_number,
        (
            c.invoice_number
            for c in earlier
            if c.invoice_number and c.status in INVOICE_STATUSES and c.id != exclude_claim_id
        ),
    )
    facts: dict = {
        "id_number": member.id_number,
        "cover_start": enrollment.cover_start,
        "cover_end": enrollment.cover_end,
        "continuous": bool(enrollment.continuous),
        "shares": enrollment.shares,
        "received_date": stay.received_date or today,
        "previous_invoice_numbers": invoices,
        "paid_before": paid,
        "claims_before": count,
    }

    def put(key: str, value) -> None:
        if isinstance(value, str):
            value = value.strip()
        if value not in (None, ""):
            facts[key] = value

    if hospital_grade is not None:
        facts["hospital_grade"] = hospital_grade
    put("invoice_number", stay.invoice_number)
    if plan.kind == "lump_sum":
        put("diagnosis", stay.diagnosis)
        put("diagnosis_date", stay.diagnosis_date)
    else:
        put("admission_date", stay.admission_date)
        put("discharge_date", stay.discharge_date)
        for key in ("total_cost", "fund_paid", "in_scope_self_pay", "out_of_scope_self_pay"):
            put(key, getattr(stay, key))
    return facts


def _quote(
    q: IntakeQueries,
    *,
    member_id: int,
    enrollment_id: int,
    stay: Stay,
    today: date,
    exclude_claim_id: int | None = None,
):
    found = q.enrollment(enrollment_id)
    if found is None or found[0].member_id != member_id:
        raise InputError("enrollment", "请选择该会员的一段保障（参保记录）。", "missing")
    enrollment, plan, member = found
    if enrollment.status != "paid" or enrollment.cover_start is None:
        raise InputError("enrollment", f"「{plan.name}」尚未缴费（或已取消），不能据此受理理赔。", "unpaid")
    rules = _rules(plan.rules_toml)
    grade = None
    if stay.hospital_id is not None:
        hospital = q.hospital(stay.hospital_id)
        if hospital is None:
            raise InputError("hospital", "所选医院已不在列表中，请重新选择。", "missing")
        grade = hospital.grade
    elif plan.kind == "reimbursement" or plan.min_hospital_grade > 0:
        raise InputError("hospital", "请选择就诊医院（列表中没有的，可用“新增医院”添加）。", "missing")
    stay = clean_stay(stay)
    earlier = q.earlier_claims(member_id)
    facts = _facts_dict(stay, enrollment, plan, member, grade, earlier, exclude_claim_id, today)
    parsed = parse_claim_facts(facts, rules, today=today)
    facts_json = parsed.to_json_dict()
    check_not_future(facts_json, today)
    return payable(quote_claim(rules, parsed)), facts_json, (enrollment, plan, member, rules)


def _flags(
    q: IntakeQueries, *, member_id: int, facts: dict, hospital_id: int | None, exclude_claim_id: int | None = None
) -> tuple[ClaimFlag, ...]:
    """The flags of a possible duplicate, against the claims in the database now."""
    key = invoice_key(facts.get("invoice_number"))
    event = facts.get("admission_date") or facts.get("diagnosis_date")
    day = date.fromisoformat(event) if event else None
    return find_flags(
        member_id=member_id,
        facts=facts,
        hospital_id=hospital_id,
        key=key,
        same_invoice=[OtherClaim(*row) for row in q.same_invoice(key)],
        same_day=[OtherClaim(*row) for row in q.same_day(hospital_id, day)],
        member_claims=[OtherClaim(*row) for row in q.member_claims(member_id)],
        exclude_claim_id=exclude_claim_id,
    )


def claim_flags(q: IntakeQueries, claim: Claim) -> tuple[ClaimFlag, ...]:
    """The flags of a saved claim against the other claims in the database now (for review)."""
    try:
        facts = json.loads(claim.facts_json or "{}")
    except ValueError:
        return ()
    if not isinstance(facts, dict):
        return ()
    return _flags(q, member_id=claim.member_id, facts=facts, hospital_id=claim.hospital_id, exclude_claim_id=claim.id)


def intake_check(
    db: Database, *, member_id: int, enrollment_id: int, stay: Stay, today: date | None = None
) -> IntakeCheck:
    """The quote of the stay as typed so far, its facts, and the flags of a possible duplicate.
    Raises the domain InputError (field = a fact name, or hospital/enrollment) while something is
    missing or wrong, a stay after `today` included. One read-only transaction, a few indexed
    queries: meant for every keystroke."""
    today = today or clock.today()
    with UnitOfWork(db, read_only=True) as uow:
        q = IntakeQueries(uow.session)
        quote, facts, _ = _quote(q, member_id=member_id, enrollment_id=enrollment_id, stay=stay, today=today)
        flags = _flags(q, member_id=member_id, facts=facts, hospital_id=stay.hospital_id)
    return IntakeCheck(quote, facts, flags)


def quote_for(
    db: Database, *, member_id: int, enrollment_id: int, stay: Stay, today: date | None = None
) -> tuple[CounterQuote, dict]:
    """The quote of the stay as typed so far and the spec's facts it was made from (intake_check
    without the flags)."""
    today = today or clock.today()
    with UnitOfWork(db, read_only=True) as uow:
        quote, facts, _ = _quote(
            IntakeQueries(uow.session), member_id=member_id, enrollment_id=enrollment_id, stay=stay, today=today
        )
    return quote, facts


# --- saving ------------------------------------------------------------------------------------


def _next_claim_number(q: IntakeQueries, county: str, year: int) -> str:
    """`<county>-<year>-<serial>`: a number already given elsewhere (demo data, a restored copy)
    moves the counter past the highest one given."""
    key, prefix = f"claim:{county}:{year}", f"{county}-{year}-"
    number = format_serial(key, next_serial(q.session, key))
    if not q.claim_number_taken(number):
        return number
    last = q.last_claim_number(prefix) or number
    tail = last.rsplit("-", 1)[-1]
    ensure_serial_after(q.session, key, int(tail) if tail.isdigit() else 0)
    return format_serial(key, next_serial(q.session, key))


def _new_claim(number: str, member, enrollment, plan, status: str, received: date, facts: dict, flags, quote) -> Claim:
    """The claim row of an intake: its number, cover, status, facts, quote and flags."""
    event = date.fromisoformat(facts.get("admission_date") or facts["diagnosis_date"])
    return Claim(
        claim_number=number,
        member_id=member.id,
        enrollment_id=enrollment.id,
        plan_id=plan.id,
        status=status,
        received_on=received,
        event_date=event,
        invoice_number=facts.get("invoice_number"),
        invoice_key=invoice_key(facts.get("invoice_number")),
        flags_json=flags_to_json(flags),
        facts_json=json.dumps(facts, ensure_ascii=False),
        quote_json=json.dumps(quote.to_json_dict(), ensure_ascii=False),
        quoted_fen=to_fen(quote.payout),
    )


def _fill_stay(claim: Claim, stay: Stay, diagnosis, checklist, due, account: BankAccount | None, user) -> None:
    """The stay, papers and bank account of a new claim, and who entered it."""
    claim.hospital_id = stay.hospital_id
    claim.diagnosis = diagnosis or None
    claim.papers_json = json.dumps(checklist, ensure_ascii=False)
    claim.papers_due = due
    claim.bank_name = account.bank_name if account else None
    claim.account_holder = account.account_holder if account else None
    claim.account_number = account.account_number if account else None
    claim.beneficiary_note = account.beneficiary_note or None if account else None
    claim.entered_by = user.id


def _record_intake(uow, q: IntakeQueries, user, claim: Claim, plan, quote, missing, flags, account) -> None:
    """The claim's first status change, its acceptance receipt recorded as printed, and its audit record."""
    reason = "受理，待补材料：" + "、".join(missing) if missing else "受理，材料齐全"
    if flags:
        reason += "；疑点待审核：" + "、".join(dict.fromkeys(f.label for f in flags))
    status, number = claim.status, claim.claim_number
    q.add(ClaimStatusChange(claim_id=claim.id, from_status=None, to_status=status, user_id=user.id, reason=reason))
    issue_copy(uow.session, user, kind=RECEIPT_KIND, serial=number, subject_table="claims", subject_id=claim.id)
    uow.audit(
        "claim.intake",
        "claim",
        claim.id,
        after={
            "claim_number": number,
            "status": status,
            "member_id": claim.member_id,
            "enrollment_id": claim.enrollment_id,
            "plan": plan.code,
            "quoted": f"{quote.payout:.2f}",
            "eligible": quote.eligible,
            "reasons": list(quote.reasons),
            "missing": list(missing),
            "papers_due": claim.papers_due,
            "hospital_id": claim.hospital_id,
            "invoice_number": claim.invoice_number,
            "flags": [f.to_json_dict() for f in flags],
            "account_holder": account.account_holder if account else None,
        },
    )


def save_claim(
    db: Database,
    user: UserInfo,
    *,
    member_id: int,
    enrollment_id: int,
    stay: Stay,
    papers=(),
    bank: BankAccount | None = None,
    today: date | None = None,
) -> SavedClaim:
    """Save a claim as received today. Waiting for papers (papers due in N days, a setting) when a
    required paper or the bank account is missing, else waiting for review. The quote and the flags
    are made again in the saving transaction, from the database as it is then; a quote of 0.00 is
    saved as not payable, a stay after `today` is refused. Raises InputError (field) or
    ServiceError; nothing is saved then."""
    require(user, "take_claim")
    today = today or clock.today()
    received = stay.received_date or today
    stay = Stay(**{**stay.__dict__, "received_date": received})
    if received > today:
        raise InputError("received_date", "受理日期不能晚于今天。", "range")
    with UnitOfWork(db, user=user) as uow:
        q = IntakeQueries(uow.session)
        quote, facts, (enrollment, plan, member, _rules) = _quote(
            q, member_id=member_id, enrollment_id=enrollment_id, stay=stay, today=today
        )
        diagnosis = clean_stay(stay).diagnosis
        if plan.kind == "reimbursement" and not diagnosis:
            raise InputError("diagnosis", "请填写诊断（出院小结上的出院诊断）。", "missing")
        account = clean_bank(bank, member.name)
        flags = _flags(q, member_id=member.id, facts=facts, hospital_id=stay.hospital_id)
        info = read_counter_info(uow.session)
        materials = parse_materials(plan.materials_json, plan.kind)
        checklist = papers_checklist(materials, papers, diagnosis)
        missing = missing_papers(checklist, account is not None)
        status = "waiting_papers" if missing else "waiting_review"
        due = received + timedelta(days=info.papers_due_days) if missing else None
        county = county_code_of(q, member.unit_id)
        number = _next_claim_number(q, county, received.year)
        claim = _new_claim(number, member, enrollment, plan, status, received, facts, flags, quote)
        _fill_stay(claim, stay, diagnosis, checklist, due, account, user)
        q.add(claim)
        _record_intake(uow, q, user, claim, plan, quote, missing, flags, account)
        receipt = receipt_of(q, claim, info)
        uow.commit()
    return SavedClaim(number, status, quote, missing, due, receipt, flags)


__all__ = [
    "BANK_ACCOUNT_ITEM",
    "RECEIPT_KIND",
    "BankAccount",
    "IntakeCheck",
    "IntakeCover",
    "IntakeLookup",
    "SavedClaim",
    "Stay",
    "WaitingClaim",
    "acceptance_receipt",
    "choose_cover",
    "claim_flags",
    "clean_stay",
    "complete_papers",
    "county_code_of",
    "intake_check",
    "intake_lookup",
    "quote_for",
    "save_claim",
    "save_receipt_pdf",
    "waiting_claim",
    "working_days_after",
]
