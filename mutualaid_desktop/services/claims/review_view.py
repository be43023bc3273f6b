"""理赔审核, one claim as the reviewer reads it: the facts, papers and history rows of ReviewView, and
the quote computed again now from the stored facts and what the database holds (`_fresh`). Used by
services/claims/claims_review.py (claim_for_review, approve), which re-exports ReviewView."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.money import format_amount, from_fen
from mutualaid_desktop.domain.plan import HOSPITAL_GRADES
from mutualaid_desktop.domain.quote import REASON_LABELS, parse_claim_facts, quote_claim
from mutualaid_desktop.services.claims.claim_checks import (
    ClaimFlag,
    payable,
    previous_invoices,
)
from mutualaid_desktop.services.claims.review_common import (
    COUNTER_REASONS,
    REFUSAL_REASONS,
    QuoteView,
    loads,
    plan_rules,
    quote_view,
)
from mutualaid_desktop.services.enrollment.members import CAP_STATUSES, CLAIM_STATUS_LABELS
from mutualaid_desktop.store.claim_queries import HistoryHit
from mutualaid_desktop.store.models import Claim

# Facts the database knows better than the intake form: refreshed at review.
HISTORY_FACTS = ("paid_before", "claims_before", "previous_invoice_numbers")


# --- results -------------------------------------------------------------------------------


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
    flags: tuple[ClaimFlag, ...] = ()  # found at intake and now: each needs the reviewer's acknowledgement
    why_not_decide: str | None = None  # why the `user` it was read for may not decide it (decision_problem)

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


# --- helpers -------------------------------------------------------------------------------


def _history_facts(claim: Claim, others: list[Claim], facts: dict[str, Any]) -> dict[str, Any]:
    """What the database says now about the member's earlier claims of this cover.

    paid_before / claims_before: the other claims of the same cover (enrollment) decided to be
    paid (approved, in a batch, paid, returned by the bank); previous invoices: the invoices of
    the member's other claims that were not refused and were either decided to be paid (or paid
    and reversed) or received before this one."""
    counted = [c for c in others if c.enrollment_id == claim.enrollment_id and c.status in CAP_STATUSES]
    paid = sum((c.approved_fen if c.approved_fen is not None else c.quoted_fen) for c in counted)
    invoices = previous_invoices(
        facts.get("invoice_number"),
        (
            c.invoice_number
            for c in others
            if c.invoice_number
            and c.status != "refused"
            and (c.status in (*CAP_STATUSES, "reversed") or c.id < claim.id)
        ),
    )
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
    facts = loads(claim.facts_json, None)
    if not isinstance(facts, dict):
        return None, None, "受理时保存的理赔信息无法读取，只能参考受理时的计算结果。"
    rules = plan_rules(plan_toml or "")
    if rules is None:
        return None, None, "该计划的规则文件无法读取，只能参考受理时的计算结果。"
    fresh = _history_facts(claim, others, facts)
    try:
        quote = payable(quote_claim(rules, parse_claim_facts(fresh, rules)))
    except (InputError, TypeError) as exc:
        return None, None, f"受理时的理赔信息有误，无法重新计算：{getattr(exc, 'message', exc)}"
    return fresh, quote_view(quote.to_json_dict()), None


def _history_rows(hits: list[HistoryHit]) -> tuple[HistoryRow, ...]:
    return tuple(
        HistoryRow(
            clock.local_time(h.changed_at),
            h.from_status,
            h.to_status,
            CLAIM_STATUS_LABELS.get(h.from_status, h.from_status or "") if h.from_status else "",
            CLAIM_STATUS_LABELS.get(h.to_status, h.to_status),
            h.user_name or "",
            h.reason,
        )
        for h in hits
    )
