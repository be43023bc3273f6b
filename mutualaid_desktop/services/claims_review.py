"""理赔审核: the review queue, one claim as the reviewer sees it, approving or refusing it, and the
decision notice (给付通知书 / 不予给付通知书).

Rules (issue 4):
- only claims waiting for review are decided, by a reviewer, supervisor or administrator;
- the person who entered a claim may not decide it; a supervisor (or administrator) may, and
  that is written in the status change and the audit record;
- the approved amount is at most the quote; a lower amount needs a written reason; a refusal
  gives a reason from a list (REFUSAL_REASONS) and may add free text ("其他" requires it);
- the quote is computed again at review from the stored facts with what the database holds now
  (paid before, claims before, invoices already claimed): when it differs from the quote stored
  at intake the reviewer sees both, and a decision is made on the new one (the claim's facts,
  quote and quoted amount are then replaced by it; the audit record keeps the old quote);
- each decision: the claim's status, amount, reason, who and when, a ClaimStatusChange row and an
  audit record, in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from functools import lru_cache
from typing import Any, Sequence

from mutualaid_desktop.documents.decision_notice import DecisionNotice, NoticeLine
from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.idcard import age_on, mask_id_number
from mutualaid_desktop.domain.money import format_amount, from_fen, parse_amount, to_fen
from mutualaid_desktop.domain.plan import HOSPITAL_GRADES
from mutualaid_desktop.domain.plan import Plan as PlanRules
from mutualaid_desktop.domain.plan import load_plan
from mutualaid_desktop.domain.quote import FACT_LABELS, REASON_LABELS, parse_claim_facts, quote_claim
from mutualaid_desktop.services.counter_setup import read_counter_info
from mutualaid_desktop.services.errors import NotFound, PermissionDenied, ServiceError
from mutualaid_desktop.services.printed_papers import issue_copy
from mutualaid_desktop.services.members import CAP_STATUSES, CLAIM_STATUS_LABELS, SEX_LABELS
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.services.users import UserInfo
from mutualaid_desktop.store.claim_queries import ClaimQueries, HistoryHit, QueueFilter
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.models import Claim, utcnow

DECIDE_ROLES = ("reviewer", "supervisor", "admin")
# May decide a claim they entered themselves (recorded).
SELF_DECIDE_ROLES = ("supervisor", "admin")
APPEAL_DAYS = 15
DEFAULT_ORG = "职工互助保障服务中心"
NOTICE_KIND = "decision_notice"
MAX_REASON = 500
QUEUE_PAGE = 200
# Reasons of the counter, besides the quote's (REASON_LABELS).
COUNTER_REASONS = {
    "false_papers": "材料不实：提供的材料与实际情况不符",
    "not_inpatient": "非住院费用：所报费用不属于住院医疗费用",
    "papers_missing": "材料不全：经告知后未在期限内补齐",
    "other": "其他",
}
REFUSAL_REASONS: dict[str, str] = {**REASON_LABELS, **COUNTER_REASONS}
REFUSAL_SHORT = {
    "false_papers": "材料不实", "not_inpatient": "非住院费用", "papers_missing": "材料不全", "other": "其他",
}
NOTE_PREFIX = "说明："
# Facts the database knows better than the intake form: refreshed at review.
HISTORY_FACTS = ("paid_before", "claims_before", "previous_invoice_numbers")


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueRow:
    claim_number: str
    received_on: date
    event_date: date
    quoted: Decimal
    member_name: str
    id_number: str
    unit_name: str | None
    plan_code: str
    plan_name: str
    entered_by: int | None
    clerk_name: str
    hospital_name: str | None
    diagnosis: str | None
    papers_complete: bool | None  # None: no checklist recorded

    def days_waiting(self, today: date) -> int:
        return (today - self.received_on).days


@dataclass(frozen=True)
class FilterChoice:
    key: str | int
    label: str


@dataclass(frozen=True)
class QueueChoices:
    """What the queue's filters offer: counties (code), plans (code), clerks (user id)."""

    counties: tuple[FilterChoice, ...]
    plans: tuple[FilterChoice, ...]
    clerks: tuple[FilterChoice, ...]


@dataclass(frozen=True)
class QuoteView:
    eligible: bool
    reasons: tuple[str, ...]  # codes
    payout: Decimal
    stay_days: int | None
    lines: tuple[NoticeLine, ...]

    @property
    def reason_labels(self) -> tuple[str, ...]:
        return tuple(REASON_LABELS.get(code, code) for code in self.reasons)

    def same_as(self, other: QuoteView) -> bool:
        return (self.eligible, self.reasons, self.payout, self.lines) == (
            other.eligible, other.reasons, other.payout, other.lines)


@dataclass(frozen=True)
class FactRow:
    key: str
    label: str
    value: str


@dataclass(frozen=True)
class FactChange:
    key: str
    label: str
    at_intake: str
    now: str


@dataclass(frozen=True)
class PaperRow:
    item: str
    received: bool


@dataclass(frozen=True)
class HistoryRow:
    changed_at: datetime  # local time
    from_status: str | None
    to_status: str
    from_label: str
    to_label: str
    user_name: str
    reason: str | None


@dataclass(frozen=True)
class ReviewView:
    claim_id: int
    claim_number: str
    status: str
    status_label: str
    received_on: date
    entered_by: int | None
    clerk_name: str
    plan_code: str
    plan_name: str
    plan_kind: str
    member_name: str
    id_number: str
    sex_label: str
    age: int
    unit_name: str | None
    phone: str | None
    hospital_name: str | None
    hospital_grade: str | None
    diagnosis: str | None
    facts: tuple[FactRow, ...]
    papers: tuple[PaperRow, ...]
    papers_due: date | None
    bank_name: str | None
    account_holder: str | None
    account_number: str | None
    beneficiary_note: str | None
    stored_quote: QuoteView
    fresh_quote: QuoteView | None  # None: could not be computed again (fresh_problem says why)
    fresh_problem: str | None
    changes: tuple[FactChange, ...]  # facts that differ now from intake
    approved: Decimal | None
    decision_reason: str | None
    decided_by: str | None
    decided_at: datetime | None
    history: tuple[HistoryRow, ...]

    @property
    def quote(self) -> QuoteView:
        """The quote a decision is made on: the one computed now, else the stored one."""
        return self.fresh_quote or self.stored_quote

    @property
    def quote_changed(self) -> bool:
        return self.fresh_quote is not None and not self.fresh_quote.same_as(self.stored_quote)

    @property
    def papers_missing(self) -> tuple[str, ...]:
        return tuple(p.item for p in self.papers if not p.received)

    @property
    def waiting(self) -> bool:
        return self.status == "waiting_review"

    def refusal_options(self) -> list[tuple[str, str]]:
        """(code, label) of the refusal reasons, the quote's own first."""
        first = [c for c in (*self.quote.reasons, *self.stored_quote.reasons) if c in REFUSAL_REASONS]
        order = list(dict.fromkeys([*first, *COUNTER_REASONS, *REASON_LABELS]))
        return [(code, REFUSAL_REASONS[code]) for code in order]


@dataclass(frozen=True)
class Decision:
    claim_number: str
    status: str  # approved / refused
    quoted: Decimal
    approved: Decimal | None
    reason: str | None
    self_decided: bool  # entered and decided by the same (supervisor) user
    quote_refreshed: bool  # decided on the quote computed again at review


@dataclass(frozen=True)
class PrintedNotice:
    claim_number: str
    copy_number: int
    notice: DecisionNotice


# --- helpers -------------------------------------------------------------------------------


def _local(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc).astimezone().replace(tzinfo=None)


@lru_cache(maxsize=32)
def _rules(rules_toml: str) -> PlanRules | None:
    try:
        return load_plan(rules_toml)
    except (InputError, ValueError):
        return None


def _clean_text(value: str | None, what: str) -> str:
    text = " ".join((value or "").split())
    if len(text) > MAX_REASON:
        raise ServiceError(f"{what}最多{MAX_REASON}个字，现在有{len(text)}个，请缩短。")
    return text


def _quote_view(data: dict[str, Any]) -> QuoteView:
    lines = tuple(NoticeLine(str(line.get("label", "")), str(line.get("amount", "")))
                  for line in data.get("lines") or ())
    return QuoteView(
        eligible=bool(data.get("eligible")), reasons=tuple(data.get("reasons") or ()),
        payout=Decimal(str(data.get("payout", "0.00"))).quantize(Decimal("0.01")),
        stay_days=data.get("stay_days"), lines=lines,
    )


def _loads(text: str | None, default):
    if not text:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


def _history_facts(claim: Claim, others: list[Claim], facts: dict[str, Any]) -> dict[str, Any]:
    """What the database says now about the member's earlier claims of this cover.

    paid_before / claims_before: the other claims of the same cover (enrollment) decided to be
    paid (approved, in a batch, paid, returned by the bank); previous invoices: the invoices of
    the member's other claims that were not refused and were either decided to be paid (or paid
    and reversed) or received before this one."""
    counted = [c for c in others if c.enrollment_id == claim.enrollment_id and c.status in CAP_STATUSES]
    paid = sum((c.approved_fen if c.approved_fen is not None else c.quoted_fen) for c in counted)
    invoices = sorted({
        c.invoice_number for c in others
        if c.invoice_number and c.status != "refused"
        and (c.status in (*CAP_STATUSES, "reversed") or c.id < claim.id)
    })
    out = dict(facts)
    if "paid_before" in facts:
        out["paid_before"] = f"{from_fen(paid):.2f}"
    out["claims_before"] = len(counted)
    if "previous_invoice_numbers" in facts or invoices:
        out["previous_invoice_numbers"] = invoices
    return out


def _fact_text(key: str, value) -> str:
    if value is None or value == "":
        return "—"
    if key in ("total_cost", "fund_paid", "in_scope_self_pay", "out_of_scope_self_pay", "paid_before"):
        try:
            return format_amount(Decimal(str(value)))
        except ArithmeticError:
            return str(value)
    if key == "continuous":
        return "是" if value else "否"
    if key == "hospital_grade":
        return HOSPITAL_GRADES.get(value, str(value)) if value != 0 else "未定级"
    if key == "previous_invoice_numbers":
        return "、".join(str(v) for v in value) if value else "无"
    return str(value)


def _same_fact(key: str, a, b) -> bool:
    if key == "previous_invoice_numbers":
        return sorted(a or []) == sorted(b or [])
    if key == "paid_before":
        try:
            return Decimal(str(a)) == Decimal(str(b))
        except ArithmeticError:
            return a == b
    return a == b


def _fresh(claim: Claim, plan_toml: str, others: list[Claim]):
    """(fresh facts dict, fresh QuoteView, problem): the quote computed again now."""
    facts = _loads(claim.facts_json, None)
    if not isinstance(facts, dict):
        return None, None, "受理时保存的理赔信息无法读取，只能参考受理时的计算结果。"
    rules = _rules(plan_toml or "")
    if rules is None:
        return None, None, "该计划的规则文件无法读取，只能参考受理时的计算结果。"
    fresh = _history_facts(claim, others, facts)
    try:
        quote = quote_claim(rules, parse_claim_facts(fresh, rules))
    except (InputError, TypeError) as exc:
        return None, None, f"受理时的理赔信息有误，无法重新计算：{getattr(exc, 'message', exc)}"
    return fresh, _quote_view(quote.to_json_dict()), None


def _org_name(session) -> str:
    return read_counter_info(session).org_name or DEFAULT_ORG


def _counter(session) -> dict[str, str | None]:
    """The counter's address, phone and hours (设置: counter_address/phone/hours)."""
    info = read_counter_info(session)
    return {"counter_address": info.address or None, "counter_phone": info.phone or None,
            "counter_hours": info.hours or None}


def _user_name(q: ClaimQueries, user_id: int | None) -> str:
    user = q.user(user_id)
    return user.display_name if user else ""


def _claim(q: ClaimQueries, claim_number: str) -> Claim:
    number = (claim_number or "").strip().upper()
    claim = q.by_number(number) if number else None
    if claim is None:
        raise NotFound(f"没有编号为「{claim_number}」的理赔，请检查编号（如 611002-2026-000123）。")
    return claim


# --- the queue -------------------------------------------------------------------------------


def _queue_filter(q: ClaimQueries, county_code, plan_code, entered_by, min_amount, max_amount) -> QueueFilter | None:
    """The filter in database terms; None when it can match nothing (an unknown plan or clerk)."""
    plan_id = None
    if plan_code:
        plan = q.plan_by_code(plan_code.strip())
        if plan is None:
            return None
        plan_id = plan.id
    clerk_id = None
    if entered_by is not None and entered_by != "":
        if isinstance(entered_by, int):
            clerk_id = entered_by
        else:
            user = q.user_by_username(str(entered_by).strip())
            if user is None:
                return None
            clerk_id = user.id
    try:
        low = to_fen(parse_amount(min_amount, "最低金额")) if min_amount not in (None, "") else None
        high = to_fen(parse_amount(max_amount, "最高金额")) if max_amount not in (None, "") else None
    except InputError as exc:
        raise ServiceError(exc.message) from exc
    if low is not None and high is not None and low > high:
        raise ServiceError(f"金额范围有误：最低 {format_amount(from_fen(low))} 高于最高 {format_amount(from_fen(high))}，请改正。")
    return QueueFilter((county_code or "").strip() or None, plan_id, clerk_id, low, high)


def _papers_complete(papers_json: str | None) -> bool | None:
    papers = _loads(papers_json, None)
    if not isinstance(papers, list) or not papers:
        return None
    return all(bool(p.get("received")) for p in papers if isinstance(p, dict))


def review_queue(
    db: Database, *, county_code: str | None = None, plan_code: str | None = None,
    entered_by: int | str | None = None, min_amount: Decimal | str | None = None,
    max_amount: Decimal | str | None = None, limit: int = QUEUE_PAGE, offset: int = 0,
) -> list[QueueRow]:
    """Claims waiting for review, oldest first (received on, then claim number). Filters: county
    (code: the claim number's prefix), plan (code), clerk (user id or username), quoted amount
    range (inclusive)."""
    with UnitOfWork(db, read_only=True) as uow:
        q = ClaimQueries(uow.session)
        f = _queue_filter(q, county_code, plan_code, entered_by, min_amount, max_amount)
        if f is None:
            return []
        hits = q.queue(f, limit=limit, offset=offset)
    return [
        QueueRow(h.claim_number, h.received_on, h.event_date, from_fen(h.quoted_fen), h.member_name, h.id_number,
                 h.unit_name, h.plan_code, h.plan_name, h.entered_by, h.clerk_name or "", h.hospital_name,
                 h.diagnosis, _papers_complete(h.papers_json))
        for h in hits
    ]


def review_queue_count(
    db: Database, *, county_code: str | None = None, plan_code: str | None = None,
    entered_by: int | str | None = None, min_amount: Decimal | str | None = None,
    max_amount: Decimal | str | None = None,
) -> int:
    with UnitOfWork(db, read_only=True) as uow:
        q = ClaimQueries(uow.session)
        f = _queue_filter(q, county_code, plan_code, entered_by, min_amount, max_amount)
        return 0 if f is None else q.queue_count(f)


def queue_choices(db: Database) -> QueueChoices:
    with UnitOfWork(db, read_only=True) as uow:
        q = ClaimQueries(uow.session)
        return QueueChoices(
            counties=tuple(FilterChoice(c.code, c.name) for c in q.counties()),
            plans=tuple(FilterChoice(p.code, f"{p.name}（{p.code}）") for p in q.plans()),
            clerks=tuple(FilterChoice(u.id, u.display_name) for u in q.clerks()),
        )


# --- one claim -------------------------------------------------------------------------------


def _history_rows(hits: list[HistoryHit]) -> tuple[HistoryRow, ...]:
    return tuple(
        HistoryRow(_local(h.changed_at), h.from_status, h.to_status,
                   CLAIM_STATUS_LABELS.get(h.from_status, h.from_status or "") if h.from_status else "",
                   CLAIM_STATUS_LABELS.get(h.to_status, h.to_status), h.user_name or "", h.reason)
        for h in hits
    )


def claim_for_review(db: Database, claim_number: str, *, today: date | None = None) -> ReviewView:
    """Everything the reviewer reads: facts, papers, the quote stored at intake and the quote
    computed again now, the member, the bank account and the history."""
    today = today or date.today()
    with UnitOfWork(db, read_only=True) as uow:
        q = ClaimQueries(uow.session)
        claim = _claim(q, claim_number)
        member = q.member(claim.member_id)
        unit = q.unit(member.unit_id) if member else None
        plan = q.plan(claim.plan_id)
        hospital = q.hospital(claim.hospital_id)
        others = q.other_claims(claim)
        history = q.history(claim.id)
        clerk = _user_name(q, claim.entered_by)
        decided_by = _user_name(q, claim.decided_by) if claim.decided_by else None
    stored_facts = _loads(claim.facts_json, {})
    stored_facts = stored_facts if isinstance(stored_facts, dict) else {}
    fresh_facts, fresh_quote, problem = _fresh(claim, plan.rules_toml, others)
    facts = tuple(FactRow(k, FACT_LABELS.get(k, k), _fact_text(k, stored_facts[k]))
                  for k in FACT_LABELS if k in stored_facts)
    changes = ()
    if fresh_facts is not None:
        changes = tuple(
            FactChange(k, FACT_LABELS[k], _fact_text(k, stored_facts.get(k)), _fact_text(k, fresh_facts.get(k)))
            for k in HISTORY_FACTS
            if k in fresh_facts and not _same_fact(k, stored_facts.get(k), fresh_facts.get(k))
        )
    papers_raw = _loads(claim.papers_json, [])
    papers = tuple(PaperRow(str(p.get("item", "")), bool(p.get("received")))
                   for p in papers_raw if isinstance(p, dict)) if isinstance(papers_raw, list) else ()
    grade = None
    if hospital is not None:
        grade = HOSPITAL_GRADES.get(hospital.grade) if hospital.grade else "未定级"
    return ReviewView(
        claim_id=claim.id, claim_number=claim.claim_number, status=claim.status,
        status_label=CLAIM_STATUS_LABELS.get(claim.status, claim.status), received_on=claim.received_on,
        entered_by=claim.entered_by, clerk_name=clerk, plan_code=plan.code, plan_name=plan.name, plan_kind=plan.kind,
        member_name=member.name, id_number=member.id_number, sex_label=SEX_LABELS.get(member.sex, member.sex),
        age=age_on(member.birth_date, today), unit_name=unit.name if unit else None, phone=member.phone,
        hospital_name=hospital.name if hospital else None, hospital_grade=grade,
        diagnosis=claim.diagnosis or stored_facts.get("diagnosis"), facts=facts, papers=papers,
        papers_due=claim.papers_due, bank_name=claim.bank_name, account_holder=claim.account_holder,
        account_number=claim.account_number, beneficiary_note=claim.beneficiary_note,
        stored_quote=_quote_view(_loads(claim.quote_json, {})), fresh_quote=fresh_quote, fresh_problem=problem,
        changes=changes, approved=from_fen(claim.approved_fen) if claim.approved_fen is not None else None,
        decision_reason=claim.decision_reason, decided_by=decided_by, decided_at=_local(claim.decided_at),
        history=_history_rows(history),
    )


# --- deciding --------------------------------------------------------------------------------


def _check_decider(user: UserInfo, claim: Claim) -> bool:
    """Raises PermissionDenied when `user` may not decide `claim`; True when the user entered it
    (a supervisor or administrator deciding their own claim: recorded)."""
    if user.role not in DECIDE_ROLES:
        raise PermissionDenied(f"您的账号（{user.role_label}）不能审核理赔；请由审核人或主管办理。")
    same = user.id is not None and claim.entered_by == user.id
    if same and user.role not in SELF_DECIDE_ROLES:
        raise PermissionDenied(
            f"理赔 {claim.claim_number} 是您本人受理的，受理和审核不能是同一个人；请交由其他审核人审核（主管审核会被记录）。"
        )
    return same


def _check_waiting(claim: Claim) -> None:
    if claim.status != "waiting_review":
        label = CLAIM_STATUS_LABELS.get(claim.status, claim.status)
        if claim.status == "waiting_papers":
            raise ServiceError(f"理赔 {claim.claim_number} 还在等待补交材料，材料齐全后才能审核。")
        raise ServiceError(f"理赔 {claim.claim_number} 的状态是「{label}」，不是待审核，不能再次审核；请刷新列表。")


def _decide(uow: UnitOfWork, q: ClaimQueries, claim: Claim, values: dict, user: UserInfo, reason: str | None) -> None:
    if not q.decide(claim, values, user_id=user.id, at=values["decided_at"], reason=reason):
        raise ServiceError(f"理赔 {claim.claim_number} 刚刚已由他人审核，请刷新列表。")


def _self_note(user: UserInfo) -> str:
    return f"受理人本人（{user.role_label}{user.display_name}）审核，按规定记录"


def approve(
    db: Database, user: UserInfo, claim_number: str, *, amount: Decimal | str | None = None,
    reason: str | None = None,
) -> Decision:
    """Approve a claim waiting for review at the quote, or at a lower `amount` with a written
    `reason`. Never above the quote; refused when the quote (computed now) is not eligible."""
    why = _clean_text(reason, "核减理由")
    with UnitOfWork(db, user=user) as uow:
        q = ClaimQueries(uow.session)
        claim = _claim(q, claim_number)
        self_decided = _check_decider(user, claim)
        _check_waiting(claim)
        plan = q.plan(claim.plan_id)
        stored = _quote_view(_loads(claim.quote_json, {}))
        fresh_facts, fresh, _problem = _fresh(claim, plan.rules_toml, q.other_claims(claim))
        quote = fresh or stored
        refreshed = fresh is not None and not fresh.same_as(stored)
        if not quote.eligible:
            labels = "；".join(REASON_LABELS.get(c, c) for c in quote.reasons)
            when = "按现在的数据重新计算，" if refreshed else ""
            raise ServiceError(f"{when}理赔 {claim.claim_number} 不符合给付条件（{labels}），不能核准；请选择“不予给付”。")
        if amount is None or (isinstance(amount, str) and not amount.strip()):
            value = quote.payout
        else:
            try:
                value = parse_amount(amount, "核准金额")
            except InputError as exc:
                raise ServiceError(exc.message) from exc
        if value > quote.payout:
            raise ServiceError(
                f"核准金额 {format_amount(value)} 高于计算金额 {format_amount(quote.payout)}；核准金额不能高于计算金额，请改正。"
            )
        if value <= 0:
            raise ServiceError("核准金额须大于 0；不予给付的理赔请选择“不予给付”。")
        lower = value < quote.payout
        if lower and not why:
            raise ServiceError(
                f"核准金额 {format_amount(value)} 低于计算金额 {format_amount(quote.payout)}，请填写核减理由。"
            )
        notes = []
        if refreshed:
            notes.append(f"按审核时重新计算的金额 {format_amount(quote.payout)}（受理时 {format_amount(stored.payout)}）")
        if lower:
            notes.append(f"核减至 {format_amount(value)}：{why}")
        elif why:
            notes.append(why)
        if self_decided:
            notes.append(_self_note(user))
        at = utcnow()
        before = {"status": claim.status, "quoted": str(from_fen(claim.quoted_fen)), "stored_quote": stored.payout}
        values: dict[str, Any] = {
            "status": "approved", "approved_fen": to_fen(value), "decision_reason": why if lower else None,
            "decided_by": user.id, "decided_at": at,
        }
        if refreshed:
            values["facts_json"] = json.dumps(fresh_facts, ensure_ascii=False)
            values["quote_json"] = json.dumps(_quote_json(quote), ensure_ascii=False)
            values["quoted_fen"] = to_fen(quote.payout)
        _decide(uow, q, claim, values, user, "；".join(notes) or None)
        uow.audit("claim.approve", "claim", claim.id, before=before, after={
            "claim_number": claim.claim_number, "status": "approved", "approved": value, "quoted": quote.payout,
            "reason": why or None, "self_decided": self_decided, "quote_refreshed": refreshed,
            "decided_by": user.username,
        })
        uow.commit()
    return Decision(claim.claim_number, "approved", quote.payout, value, why or None, self_decided, refreshed)


def _quote_json(quote: QuoteView) -> dict[str, Any]:
    from mutualaid_desktop.domain.money import amount_in_words

    return {
        "eligible": quote.eligible, "reasons": list(quote.reasons), "payout": f"{quote.payout:.2f}",
        "payout_in_words": amount_in_words(quote.payout), "stay_days": quote.stay_days,
        "lines": [{"label": line.label, "amount": line.amount} for line in quote.lines],
    }


def refusal_text(codes: Sequence[str], text: str | None) -> str:
    """The decision reason stored for a refusal: one reason per line, then 说明：<text>."""
    lines = [REFUSAL_REASONS[c] for c in codes if c != "other"]
    if text:
        lines.append(NOTE_PREFIX + text)
    return "\n".join(lines)


def split_refusal(reason: str | None) -> tuple[tuple[str, ...], str | None]:
    """(reasons, free text) of a stored refusal reason (also older ones written with "；")."""
    reasons, note = [], None
    for line in (reason or "").replace("；", "\n").splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith(NOTE_PREFIX):
            note = line[len(NOTE_PREFIX):]
        else:
            reasons.append(line)
    return tuple(reasons), note


def refuse(db: Database, user: UserInfo, claim_number: str, *, reason_code: str | Sequence[str],
           text: str | None = None) -> Decision:
    """Refuse a claim waiting for review: one or more reasons of REFUSAL_REASONS (codes), and
    free text (required for "other")."""
    codes = [reason_code] if isinstance(reason_code, str) else list(reason_code or ())
    codes = list(dict.fromkeys(c.strip() for c in codes if c and c.strip()))
    if not codes:
        raise ServiceError("请选择不予给付的理由。")
    unknown = [c for c in codes if c not in REFUSAL_REASONS]
    if unknown:
        raise ServiceError(f"不予给付的理由「{'、'.join(unknown)}」不在理由列表中，请从列表中选择。")
    note = _clean_text(text, "说明")
    if "other" in codes and not note:
        raise ServiceError("选择“其他”时请写明不予给付的具体理由。")
    reason = refusal_text(codes, note)
    with UnitOfWork(db, user=user) as uow:
        q = ClaimQueries(uow.session)
        claim = _claim(q, claim_number)
        self_decided = _check_decider(user, claim)
        _check_waiting(claim)
        at = utcnow()
        change_reason = reason.replace("\n", "；")
        if self_decided:
            change_reason += "；" + _self_note(user)
        _decide(uow, q, claim, {"status": "refused", "approved_fen": None, "decision_reason": reason,
                                "decided_by": user.id, "decided_at": at}, user, change_reason)
        uow.audit("claim.refuse", "claim", claim.id, before={"status": "waiting_review"}, after={
            "claim_number": claim.claim_number, "status": "refused", "reason_codes": codes, "text": note or None,
            "self_decided": self_decided, "decided_by": user.username,
        })
        uow.commit()
    return Decision(claim.claim_number, "refused", from_fen(claim.quoted_fen), None, reason, self_decided, False)


# --- the decision notice ---------------------------------------------------------------------


def mask_account(number: str | None) -> str:
    """First 4 and last 4 characters of a bank account number: 6222 **** **** 1234."""
    digits = "".join((number or "").split())
    if not digits:
        return ""
    if len(digits) <= 8:
        return digits[:2] + "*" * (len(digits) - 2)
    return f"{digits[:4]} **** **** {digits[-4:]}"


APPROVED_STATUSES = ("approved", "in_batch", "paid", "returned", "reversed")


def _notice(session, q: ClaimQueries, claim: Claim, *, copy_number: int = 0,
            printed_at: datetime | None = None) -> DecisionNotice:
    if claim.status == "refused":
        kind = "refusal"
    elif claim.status in APPROVED_STATUSES and claim.approved_fen is not None:
        kind = "approval"
    else:
        label = CLAIM_STATUS_LABELS.get(claim.status, claim.status)
        raise ServiceError(f"理赔 {claim.claim_number} 还没有审核（{label}），没有审核通知书可打印。")
    member = q.member(claim.member_id)
    unit = q.unit(member.unit_id)
    plan = q.plan(claim.plan_id)
    hospital = q.hospital(claim.hospital_id)
    facts = _loads(claim.facts_json, {})
    facts = facts if isinstance(facts, dict) else {}
    quote = _quote_view(_loads(claim.quote_json, {}))
    counter = _counter(session)

    def day(key: str) -> date | None:
        try:
            return date.fromisoformat(facts[key]) if facts.get(key) else None
        except (TypeError, ValueError):
            return None

    def money(key: str) -> Decimal | None:
        try:
            return Decimal(str(facts[key])) if facts.get(key) not in (None, "") else None
        except ArithmeticError:
            return None

    reasons, note = split_refusal(claim.decision_reason) if kind == "refusal" else ((), None)
    approved = from_fen(claim.approved_fen) if claim.approved_fen is not None else None
    decided_on = (_local(claim.decided_at) or datetime.now()).date()
    return DecisionNotice(
        kind=kind, org_name=_org_name(session), claim_number=claim.claim_number, member_name=member.name,
        id_number_masked=mask_id_number(member.id_number), unit_name=unit.name if unit else None,
        plan_name=plan.name, plan_kind=plan.kind, hospital_name=hospital.name if hospital else None,
        admission_date=day("admission_date"), discharge_date=day("discharge_date"), stay_days=quote.stay_days,
        diagnosis=claim.diagnosis or facts.get("diagnosis"), diagnosis_date=day("diagnosis_date"),
        invoice_number=claim.invoice_number, received_on=claim.received_on, total_cost=money("total_cost"),
        fund_paid=money("fund_paid"), in_scope_self_pay=money("in_scope_self_pay"),
        out_of_scope_self_pay=money("out_of_scope_self_pay"), lines=quote.lines,
        quoted=from_fen(claim.quoted_fen), approved=approved,
        lower_reason=claim.decision_reason if kind == "approval" and approved is not None
        and approved < from_fen(claim.quoted_fen) else None,
        bank_name=claim.bank_name, account_holder=claim.account_holder,
        account_masked=mask_account(claim.account_number), reasons=reasons, reason_text=note,
        decided_on=decided_on, reviewer_name=_user_name(q, claim.decided_by),
        counter_address=counter["counter_address"], counter_phone=counter["counter_phone"],
        counter_hours=counter["counter_hours"], appeal_days=APPEAL_DAYS, copy_number=copy_number,
        printed_at=_local(printed_at),
    )


def decision_notice(db: Database, claim_number: str) -> DecisionNotice:
    """The decision notice's data as it stands (not recorded as printed)."""
    with UnitOfWork(db, read_only=True) as uow:
        q = ClaimQueries(uow.session)
        return _notice(uow.session, q, _claim(q, claim_number))


def print_decision_notice(db: Database, user: UserInfo, claim_number: str) -> PrintedNotice:
    """The decision notice, recorded in printed_documents: the original the first time, then
    numbered copies (补打)."""
    if user.role not in (*DECIDE_ROLES, "clerk"):
        raise PermissionDenied(f"您的账号（{user.role_label}）不能打印审核通知书。")
    with UnitOfWork(db, user=user) as uow:
        q = ClaimQueries(uow.session)
        claim = _claim(q, claim_number)
        _notice(uow.session, q, claim)  # refuses an undecided claim before anything is written
        doc = issue_copy(uow.session, user, kind=NOTICE_KIND, serial=claim.claim_number, subject_table="claims",
                         subject_id=claim.id)
        number, at = doc.copy_number, doc.printed_at
        uow.audit("decision_notice.print", "claim", claim.id,
                  after={"claim_number": claim.claim_number, "copy_number": number, "status": claim.status})
        notice = _notice(uow.session, q, claim, copy_number=number, printed_at=at)
        uow.commit()
    return PrintedNotice(claim.claim_number, number, notice)


def save_notice(notice: DecisionNotice, path) -> Any:
    """Write the notice as a PDF at `path` (for the GUI, which does not render itself)."""
    from pathlib import Path

    from mutualaid_desktop.documents.decision_notice import render_decision_notice

    return render_decision_notice(notice, Path(path))


__all__ = [
    "APPEAL_DAYS", "COUNTER_REASONS", "REFUSAL_REASONS", "Decision", "DecisionNotice", "PrintedNotice",
    "QueueChoices", "QueueRow", "ReviewView", "approve", "claim_for_review", "decision_notice",
    "mask_account", "print_decision_notice", "queue_choices", "refuse", "review_queue", "review_queue_count",
    "save_notice",
]
