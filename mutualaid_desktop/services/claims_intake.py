"""Claim intake (理赔受理): a member walks in with the papers of a hospital stay.

- `intake_lookup`: from the ID number, the member, the unit and every cover with its state; the
  cover of the admission date is chosen by itself, or the reason there is none is told plainly.
- `quote_for`: the claim facts of shared/spec/plan-rules.md built from the form and the database
  (the member's earlier invoices, and what was paid on this cover before), and the domain quote
  — the one implementation the CLI uses too. Fast enough for every keystroke (bench/).
- `save_claim`: the claim with its number `<county code>-<year>-<6-digit serial>`, waiting for
  papers when a required paper is missing, else waiting for review; its first status change and
  its audit record in the same transaction, and the acceptance receipt (受理回执) recorded as printed.
- `complete_papers`: a later visit brings the rest; complete, the claim goes to review.
- `acceptance_receipt`: the data of the paper.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from mutualaid_desktop.documents.acceptance_receipt import AcceptanceReceipt
from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.idcard import mask_id_number, parse_id_number
from mutualaid_desktop.domain.money import from_fen, to_fen
from mutualaid_desktop.domain.plan import Plan as PlanRules
from mutualaid_desktop.domain.plan import load_plan
from mutualaid_desktop.domain.quote import REASON_LABELS, Quote, parse_claim_facts, quote_claim
from mutualaid_desktop.domain.text import normalize_code, to_halfwidth
from mutualaid_desktop.services.claim_materials import Material, parse_materials
from mutualaid_desktop.services.counter_setup import CounterInfo, read_counter_info
from mutualaid_desktop.services.errors import NotFound, PermissionDenied, ServiceError
from mutualaid_desktop.services.printed_papers import issue_copy
from mutualaid_desktop.services.hospitals import GRADE_LABELS
from mutualaid_desktop.services.members import (
    CAP_STATUSES,
    CLAIM_STATUS_LABELS,
    ClaimRow,
    CoverRow,
    MemberDetail,
    find_member_by_id_number,
    member_detail,
)
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.services.users import UserInfo
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.intake_queries import IntakeQueries
from mutualaid_desktop.store.models import Claim, ClaimStatusChange, utcnow
from mutualaid_desktop.store.serials import ensure_serial_after, next_serial

INTAKE_ROLES = ("clerk", "supervisor", "admin")
RECEIPT_KIND = "acceptance_receipt"
# Earlier claims whose invoice may not be claimed again: all but the refused ones.
INVOICE_STATUSES = ("waiting_papers", "waiting_review", "approved", "in_batch", "paid", "returned", "reversed")
BANK_ACCOUNT_ITEM = "收款银行账户"
FORM_LABELS = {
    "hospital": "医院", "diagnosis": "诊断", "bank_name": "开户银行", "account_holder": "账户户名",
    "account_number": "银行账号", "beneficiary_note": "受益人说明", "papers": "材料", "enrollment": "保障计划",
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


@dataclass(frozen=True)
class BankAccount:
    bank_name: str = ""
    account_holder: str = ""
    account_number: str = ""
    beneficiary_note: str = ""  # a deceased member: who receives, relation, death certificate

    @property
    def given(self) -> bool:
        return bool(self.bank_name.strip() or self.account_holder.strip() or self.account_number.strip())


@dataclass(frozen=True)
class SavedClaim:
    claim_number: str
    status: str
    quote: Quote
    papers_missing: tuple[str, ...]
    papers_due: date | None
    receipt: AcceptanceReceipt

    @property
    def status_label(self) -> str:
        return CLAIM_STATUS_LABELS.get(self.status, self.status)


# --- helpers -----------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _rules(rules_toml: str) -> PlanRules:
    return load_plan(rules_toml)


def _require(user: UserInfo) -> None:
    if user.role not in INTAKE_ROLES:
        raise PermissionDenied(f"您的账号（{user.role_label}）不能受理理赔，请由经办人或主管办理。")


def working_days_after(day: date, days: int) -> date:
    """The day `days` working days (Monday to Friday) after `day`."""
    current, left = day, days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


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


def intake_lookup(db: Database, id_number_text: str, *, admission_date: date | None = None,
                  today: date | None = None) -> IntakeLookup:
    """The member of an ID number (as typed or scanned), their covers, and the cover of the
    admission date (today when not given yet). InputError for an invalid number; NotFound for
    a number not on file (told as: not enrolled)."""
    today = today or date.today()
    number = parse_id_number(id_number_text, today=today).normalized
    summary = find_member_by_id_number(db, number)
    if summary is None:
        raise NotFound(f"身份证号 {mask_id_number(number)} 不是在册会员：没有参保记录，不能受理理赔。"
                       "如已参保，请核对号码或到“会员”中查找。")
    detail = member_detail(db, summary.id, today)
    event = admission_date or today
    with UnitOfWork(db, read_only=True) as uow:
        q = IntakeQueries(uow.session)
        county = county_code_of(q, detail.unit_id)
        earlier = q.earlier_claims(detail.id)
        covers = []
        for row in detail.covers:
            found = q.enrollment(row.enrollment_id)
            plan = found[1]
            rules = _rules(plan.rules_toml)
            paid, count, open_count = _cover_totals(earlier, row.enrollment_id)
            cap = rules.reimbursement.annual_cap if rules.reimbursement and rules.reimbursement.annual_cap else None
            diseases = tuple(rules.lump_sum.diseases) if rules.lump_sum else ()
            covers.append(IntakeCover(row, plan.id, diseases, parse_materials(plan.materials_json, plan.kind),
                                      paid, count, open_count, cap))
        waiting = tuple(c.claim_number for c in detail.claims if c.status == "waiting_papers")
    chosen, in_force, problem = choose_cover(covers, event)
    return IntakeLookup(detail, county, tuple(covers), event, chosen, in_force, problem, detail.claims, waiting)


def choose_cover(covers: list[IntakeCover], event: date, kind: str | None = None
                 ) -> tuple[IntakeCover | None, bool, str | None]:
    """The paid cover whose period holds `event` (a reimbursement cover first, or of `kind`), whether
    it pays on that day, and otherwise why not."""
    paid = [c for c in covers if c.row.state not in ("cancelled", "pending_payment") and c.row.cover_start]
    holding = [c for c in paid if c.row.cover_start <= event <= c.row.cover_end and (kind is None or c.kind == kind)]
    holding.sort(key=lambda c: (c.kind != "reimbursement", c.row.cover_start))
    day = f"{event:%Y-%m-%d}"
    if holding:
        in_force = [c for c in holding if c.row.first_covered_day is None or event >= c.row.first_covered_day]
        if in_force:
            return in_force[0], True, None
        c = holding[0]
        return c, False, (f"观察期内：{day} 在「{c.row.plan_name}」的观察期内，"
                          f"{c.row.first_covered_day:%Y-%m-%d} 起才予保障。")
    if not covers:
        return None, False, "未参保：该会员没有任何参保记录，不能受理理赔。"
    if not paid:
        return None, False, "未缴费：该会员已登记参保，但互助金尚未缴纳，不在保障期内。"
    later = [c for c in paid if c.row.cover_start > event]
    earlier = [c for c in paid if c.row.cover_end < event]
    if earlier and not later:
        last = max(earlier, key=lambda c: c.row.cover_end)
        return None, False, f"保障已到期：「{last.row.plan_name}」已于 {last.row.cover_end:%Y-%m-%d} 到期，{day} 不在保障期内。"
    if later and not earlier:
        first = min(later, key=lambda c: c.row.cover_start)
        return None, False, f"保障尚未开始：「{first.row.plan_name}」{first.row.cover_start:%Y-%m-%d} 起保障，{day} 不在保障期内。"
    return None, False, f"{day} 不在该会员任何一段保障期内（参保中断）。"


# --- the quote ---------------------------------------------------------------------------------


def _facts_dict(stay: Stay, enrollment, plan, member, hospital_grade: int | None, earlier,
                exclude_claim_id: int | None, today: date) -> dict:
    paid, count, _open = _cover_totals(earlier, enrollment.id, exclude_claim_id)
    invoices = [c.invoice_number for c in earlier
                if c.invoice_number and c.status in INVOICE_STATUSES and c.id != exclude_claim_id]
    facts: dict = {
        "id_number": member.id_number,
        "cover_start": enrollment.cover_start, "cover_end": enrollment.cover_end,
        "continuous": bool(enrollment.continuous), "shares": enrollment.shares,
        "received_date": stay.received_date or today,
        "previous_invoice_numbers": invoices,
        "paid_before": paid, "claims_before": count,
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


def _quote(q: IntakeQueries, *, member_id: int, enrollment_id: int, stay: Stay, today: date,
           exclude_claim_id: int | None = None):
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
    earlier = q.earlier_claims(member_id)
    facts = _facts_dict(stay, enrollment, plan, member, grade, earlier, exclude_claim_id, today)
    parsed = parse_claim_facts(facts, rules, today=today)
    return quote_claim(rules, parsed), parsed.to_json_dict(), (enrollment, plan, member, rules)


def quote_for(db: Database, *, member_id: int, enrollment_id: int, stay: Stay,
              today: date | None = None) -> tuple[Quote, dict]:
    """The quote of the stay as typed so far, and the spec's facts it was made from. Raises the
    domain InputError (field = a fact name, or hospital/enrollment) while something is missing or
    wrong. One read-only transaction, three indexed queries: meant for every keystroke."""
    today = today or date.today()
    with UnitOfWork(db, read_only=True) as uow:
        quote, facts, _ = _quote(IntakeQueries(uow.session), member_id=member_id, enrollment_id=enrollment_id,
                                 stay=stay, today=today)
    return quote, facts


# --- saving ------------------------------------------------------------------------------------


def _papers(materials: tuple[Material, ...], papers, diagnosis: str | None,
            before: list[dict] | None = None) -> list[dict]:
    """The checklist with what was received: `papers` is a mapping name -> bool or the names received."""
    names = {m.name for m in materials}
    if isinstance(papers, Mapping):
        ticked = {name for name, received in papers.items() if received}
    else:
        ticked = set(papers or ())
    unknown = sorted(ticked - names)
    if unknown:
        raise InputError("papers", f"材料「{'、'.join(unknown)}」不在本计划的材料清单中，请核对。", "unknown")
    already = {p["item"] for p in before or () if p.get("received")}
    return [{"item": m.name, "required": m.required_for(diagnosis), "received": m.name in ticked | already}
            for m in materials]


def _missing(papers: list[dict], has_account: bool) -> tuple[str, ...]:
    missing = [p["item"] for p in papers if p["required"] and not p["received"]]
    if not has_account:
        missing.append(BANK_ACCOUNT_ITEM)
    return tuple(missing)


def _bank(account: BankAccount | None, member_name: str) -> BankAccount | None:
    """The account checked: all three parts, holder the member or a named beneficiary (with a note)."""
    if account is None or not account.given:
        return None
    bank = " ".join((account.bank_name or "").split())
    holder = "".join(to_halfwidth(account.account_holder or "").split())
    number = "".join(ch for ch in to_halfwidth(account.account_number or "") if not ch.isspace() and ch != "-")
    note = (account.beneficiary_note or "").strip()
    if not bank:
        raise InputError("bank_name", "请填写开户银行（如：中国农业银行商洛分行）。", "missing")
    if len(bank) > 64:
        raise InputError("bank_name", "开户银行最多64个字，请缩短。", "length")
    if not holder:
        raise InputError("account_holder", "请填写账户户名。", "missing")
    if not number:
        raise InputError("account_number", "请填写银行账号。", "missing")
    if not number.isdigit() or not 10 <= len(number) <= 30:
        raise InputError("account_number", f"银行账号应为10到30位数字，现在是「{number[:32]}」（{len(number)}位），请对照银行卡核对。",
                         "format")
    if holder != member_name and not note:
        raise InputError("account_holder", f"账户户名「{holder}」不是会员本人（{member_name}）。给付只能转入本人账户；"
                         "会员已身故的，由受益人领取，请在“受益人说明”中写明受益人姓名、与会员的关系和死亡证明。",
                         "holder")
    if len(note) > 500:
        raise InputError("beneficiary_note", "受益人说明最多500个字，请缩短。", "length")
    return BankAccount(bank, holder, number, note if holder != member_name else "")


def _next_claim_number(q: IntakeQueries, county: str, year: int) -> str:
    """`<county>-<year>-<serial>`: a number already given elsewhere (demo data, a restored copy)
    moves the counter past the highest one given."""
    key, prefix = f"claim:{county}:{year}", f"{county}-{year}-"
    number = f"{prefix}{next_serial(q.session, key):06d}"
    if not q.claim_number_taken(number):
        return number
    last = q.last_claim_number(prefix) or number
    tail = last.rsplit("-", 1)[-1]
    ensure_serial_after(q.session, key, int(tail) if tail.isdigit() else 0)
    return f"{prefix}{next_serial(q.session, key):06d}"


def save_claim(db: Database, user: UserInfo, *, member_id: int, enrollment_id: int, stay: Stay, papers=(),
               bank: BankAccount | None = None, today: date | None = None) -> SavedClaim:
    """Save a claim as received today. Waiting for papers (papers due in N days, a setting) when a
    required paper or the bank account is missing, else waiting for review. The quote is made
    again in the saving transaction, from the database as it is then. Raises InputError (field)
    or ServiceError; nothing is saved then."""
    _require(user)
    today = today or date.today()
    stay = Stay(**{**stay.__dict__, "received_date": stay.received_date or today})
    if stay.received_date > today:
        raise InputError("received_date", "受理日期不能晚于今天。", "range")
    diagnosis = " ".join((stay.diagnosis or "").split())
    if len(diagnosis) > 128:
        raise InputError("diagnosis", "诊断最多128个字，请缩短。", "length")
    with UnitOfWork(db, user=user) as uow:
        q = IntakeQueries(uow.session)
        quote, facts, (enrollment, plan, member, rules) = _quote(
            q, member_id=member_id, enrollment_id=enrollment_id, stay=stay, today=today)
        if plan.kind == "reimbursement" and not diagnosis:
            raise InputError("diagnosis", "请填写诊断（出院小结上的出院诊断）。", "missing")
        account = _bank(bank, member.name)
        info = read_counter_info(uow.session)
        materials = parse_materials(plan.materials_json, plan.kind)
        checklist = _papers(materials, papers, diagnosis)
        missing = _missing(checklist, account is not None)
        status = "waiting_papers" if missing else "waiting_review"
        due = stay.received_date + timedelta(days=info.papers_due_days) if missing else None
        county = county_code_of(q, member.unit_id)
        number = _next_claim_number(q, county, stay.received_date.year)
        event = date.fromisoformat(facts.get("admission_date") or facts["diagnosis_date"])
        claim = Claim(
            claim_number=number, member_id=member.id, enrollment_id=enrollment.id, plan_id=plan.id, status=status,
            received_on=stay.received_date, event_date=event, invoice_number=facts.get("invoice_number"),
            facts_json=json.dumps(facts, ensure_ascii=False), quote_json=json.dumps(quote.to_json_dict(), ensure_ascii=False),
            quoted_fen=to_fen(quote.payout), hospital_id=stay.hospital_id, diagnosis=diagnosis or None,
            papers_json=json.dumps(checklist, ensure_ascii=False), papers_due=due,
            bank_name=account.bank_name if account else None, account_holder=account.account_holder if account else None,
            account_number=account.account_number if account else None,
            beneficiary_note=account.beneficiary_note or None if account else None, entered_by=user.id,
        )
        q.add(claim)
        reason = "受理，待补材料：" + "、".join(missing) if missing else "受理，材料齐全"
        q.add(ClaimStatusChange(claim_id=claim.id, from_status=None, to_status=status, user_id=user.id, reason=reason))
        issue_copy(uow.session, user, kind=RECEIPT_KIND, serial=number, subject_table="claims", subject_id=claim.id)
        uow.audit("claim.intake", "claim", claim.id, after={
            "claim_number": number, "status": status, "member_id": member.id, "enrollment_id": enrollment.id,
            "plan": plan.code, "quoted": f"{quote.payout:.2f}", "eligible": quote.eligible,
            "reasons": list(quote.reasons), "missing": list(missing), "papers_due": due,
            "hospital_id": stay.hospital_id, "invoice_number": facts.get("invoice_number"),
            "account_holder": account.account_holder if account else None,
        })
        receipt = _receipt(q, claim, info)
        uow.commit()
    return SavedClaim(number, status, quote, missing, due, receipt)


def complete_papers(db: Database, user: UserInfo, claim_number: str, papers=(), *, bank: BankAccount | None = None,
                    today: date | None = None) -> SavedClaim:
    """A later visit: tick the papers brought (and give the bank account if it was missing). When
    nothing required is missing any more the claim goes to review (history + audit); the receipt
    is issued again (recorded as a new copy)."""
    _require(user)
    today = today or date.today()
    number = normalize_code(claim_number or "")
    with UnitOfWork(db, user=user) as uow:
        q = IntakeQueries(uow.session)
        claim = q.claim(number)
        if claim is None:
            raise NotFound(f"没有受理编号为「{claim_number}」的理赔，请核对回执上的编号。")
        if claim.status != "waiting_papers":
            label = CLAIM_STATUS_LABELS.get(claim.status, claim.status)
            raise ServiceError(f"理赔 {claim.claim_number} 现在是“{label}”，不是待补材料，不需要补交。")
        member, plan, _enrollment, _hospital, _clerk = q.claim_context(claim)
        before_papers = json.loads(claim.papers_json or "[]")
        materials = parse_materials(plan.materials_json, plan.kind)
        checklist = _papers(materials, papers, claim.diagnosis, before_papers)
        has_account = bool(claim.account_number)
        account = None
        if bank is not None and bank.given:
            account = _bank(bank, member.name)
            claim.bank_name, claim.account_holder, claim.account_number = (
                account.bank_name, account.account_holder, account.account_number)
            claim.beneficiary_note = account.beneficiary_note or None
            has_account = True
        missing = _missing(checklist, has_account)
        before = {"status": claim.status, "papers": before_papers}
        claim.papers_json = json.dumps(checklist, ensure_ascii=False)
        if not missing:
            q.add(ClaimStatusChange(claim_id=claim.id, from_status=claim.status, to_status="waiting_review",
                                    user_id=user.id, reason=f"{today:%Y-%m-%d} 补齐材料"))
            claim.status = "waiting_review"
        issue_copy(uow.session, user, kind=RECEIPT_KIND, serial=claim.claim_number, subject_table="claims",
                   subject_id=claim.id)
        uow.audit("claim.papers", "claim", claim.id, before=before, after={
            "status": claim.status, "papers": checklist, "missing": list(missing),
            "account_holder": account.account_holder if account else None})
        info = read_counter_info(uow.session)
        quote = _stored_quote(claim)
        receipt = _receipt(q, claim, info, reissued=True, completed_on=today if not missing else None)
        uow.commit()
        return SavedClaim(claim.claim_number, claim.status, quote, missing, claim.papers_due, receipt)


def _stored_quote(claim: Claim) -> Quote:
    from mutualaid_desktop.domain.quote import QuoteLine

    data = json.loads(claim.quote_json)
    return Quote(bool(data["eligible"]), tuple(data["reasons"]), Decimal(data["payout"]), data.get("stay_days"),
                 tuple(QuoteLine(line["label"], Decimal(line["amount"])) for line in data.get("lines", ())))


# --- the acceptance receipt --------------------------------------------------------------------


def _receipt(q: IntakeQueries, claim: Claim, info: CounterInfo, *, copy_number: int = 0, reissued: bool = False,
             completed_on: date | None = None) -> AcceptanceReceipt:
    member, plan, _enrollment, hospital, clerk = q.claim_context(claim)
    unit = q.unit(member.unit_id)
    facts = json.loads(claim.facts_json)
    quote = json.loads(claim.quote_json)
    papers = json.loads(claim.papers_json or "[]")
    missing = _missing(papers, bool(claim.account_number))
    received = tuple(p["item"] for p in papers if p.get("received"))

    def day(key: str) -> date | None:
        return date.fromisoformat(facts[key]) if facts.get(key) else None

    def money(key: str) -> Decimal | None:
        return Decimal(facts[key]) if facts.get(key) is not None else None

    account = ""
    if claim.account_number:
        account = f"{claim.bank_name or ''} {claim.account_holder or ''} 尾号{claim.account_number[-4:]}".strip()
    decision_from = completed_on or claim.received_on
    return AcceptanceReceipt(
        claim_number=claim.claim_number, org_name=info.org_name, counter_address=info.address,
        counter_phone=info.phone, counter_hours=info.hours, received_on=claim.received_on,
        member_name=member.name, id_masked=mask_id_number(member.id_number), unit_name=unit.name if unit else "",
        plan_name=plan.name, plan_kind=plan.kind,
        hospital=f"{hospital.name}（{GRADE_LABELS.get(hospital.grade, '')}）" if hospital else "",
        admission_date=day("admission_date"), discharge_date=day("discharge_date"), diagnosis=claim.diagnosis or facts.get("diagnosis", ""),
        diagnosis_date=day("diagnosis_date"), invoice_number=claim.invoice_number or "",
        total_cost=money("total_cost"), fund_paid=money("fund_paid"), in_scope_self_pay=money("in_scope_self_pay"),
        out_of_scope_self_pay=money("out_of_scope_self_pay"), quoted=from_fen(claim.quoted_fen),
        eligible=bool(quote["eligible"]), reasons=tuple(REASON_LABELS.get(r, r) for r in quote["reasons"]),
        papers_received=received, papers_missing=missing, papers_due=claim.papers_due if missing else None,
        decision_days=info.decision_days,
        decision_by=None if missing else working_days_after(decision_from, info.decision_days),
        account=account, clerk_name=clerk.display_name if clerk else "",
        status_label=CLAIM_STATUS_LABELS.get(claim.status, claim.status), copy_number=copy_number,
        reissued=reissued, printed_at=utcnow(),
    )


def acceptance_receipt(db: Database, claim_number: str) -> AcceptanceReceipt:
    """The data of a claim's acceptance receipt as it stands now (for printing it again)."""
    number = normalize_code(claim_number or "")
    with UnitOfWork(db, read_only=True) as uow:
        q = IntakeQueries(uow.session)
        claim = q.claim(number)
        if claim is None:
            raise NotFound(f"没有受理编号为「{claim_number}」的理赔，请核对回执上的编号。")
        history = q.history(claim.id)
        reissued = any(h.from_status == "waiting_papers" for h in history)
        completed = next((h.changed_at.date() for h in history if h.from_status == "waiting_papers"), None)
        return _receipt(q, claim, read_counter_info(uow.session), reissued=reissued, completed_on=completed)


@dataclass(frozen=True)
class WaitingClaim:
    claim_number: str
    member_name: str
    id_masked: str
    received_on: date
    papers_due: date | None
    missing: tuple[str, ...]
    checklist: tuple[tuple[str, bool, bool], ...]  # (item, required, received)
    has_account: bool


def waiting_claim(db: Database, claim_number: str) -> WaitingClaim:
    """A claim waiting for papers, for the 补交材料 dialog."""
    number = normalize_code(claim_number or "")
    with UnitOfWork(db, read_only=True) as uow:
        q = IntakeQueries(uow.session)
        claim = q.claim(number)
        if claim is None:
            raise NotFound(f"没有受理编号为「{claim_number}」的理赔，请核对回执上的编号。")
        if claim.status != "waiting_papers":
            label = CLAIM_STATUS_LABELS.get(claim.status, claim.status)
            raise ServiceError(f"理赔 {claim.claim_number} 现在是“{label}”，不是待补材料，不需要补交。")
        member = q.claim_context(claim)[0]
        papers = json.loads(claim.papers_json or "[]")
        return WaitingClaim(claim.claim_number, member.name, mask_id_number(member.id_number), claim.received_on,
                            claim.papers_due, _missing(papers, bool(claim.account_number)),
                            tuple((p["item"], bool(p["required"]), bool(p["received"])) for p in papers),
                            bool(claim.account_number))


def save_receipt_pdf(receipt: AcceptanceReceipt, path) -> Path:
    """Write the acceptance receipt as a PDF at `path` (for the GUI, which does not render itself)."""
    from mutualaid_desktop.documents.acceptance_receipt import render_acceptance_receipt

    return render_acceptance_receipt(receipt, Path(path))
