"""What the review of a claim and its decision notice share: who decides, the refusal reasons, the
quote as stored, reading a claim by its number, the counter's name and contact.

Used by services/claims/claims_review.py (the queue, one claim, deciding) and services/claims/decision_notices.py.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from mutualaid_desktop.documents.decision_notice import NoticeLine
from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.plan import Plan as PlanRules
from mutualaid_desktop.domain.plan import load_plan
from mutualaid_desktop.domain.quote import REASON_LABELS
from mutualaid_desktop.services.admin.counter_setup import counter_name, read_counter_info
from mutualaid_desktop.services.claims.claim_checks import COUNTER_QUOTE_REASONS, payable_json, reason_label
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.store.claim_queries import ClaimQueries
from mutualaid_desktop.store.models import Claim, Member, Plan

APPEAL_DAYS = 15
# Reasons of the counter, besides the quote's (REASON_LABELS and the counter's quote reasons).
COUNTER_REASONS = {
    "false_papers": "材料不实：提供的材料与实际情况不符",
    "not_inpatient": "非住院费用：所报费用不属于住院医疗费用",
    "papers_missing": "材料不全：经告知后未在期限内补齐",
    "other": "其他",
}
REFUSAL_REASONS: dict[str, str] = {**REASON_LABELS, **COUNTER_QUOTE_REASONS, **COUNTER_REASONS}
REFUSAL_SHORT = {
    "false_papers": "材料不实",
    "not_inpatient": "非住院费用",
    "papers_missing": "材料不全",
    "other": "其他",
}
NOTE_PREFIX = "说明："


@dataclass(frozen=True)
class QuoteView:
    eligible: bool
    reasons: tuple[str, ...]  # codes
    payout: Decimal
    stay_days: int | None
    lines: tuple[NoticeLine, ...]

    @property
    def reason_labels(self) -> tuple[str, ...]:
        return tuple(reason_label(code) for code in self.reasons)

    def same_as(self, other: QuoteView) -> bool:
        return (self.eligible, self.reasons, self.payout, self.lines) == (
            other.eligible,
            other.reasons,
            other.payout,
            other.lines,
        )


@lru_cache(maxsize=32)
def plan_rules(rules_toml: str) -> PlanRules | None:
    try:
        return load_plan(rules_toml)
    except (InputError, ValueError):
        return None


def quote_view(data: dict[str, Any]) -> QuoteView:
    """A quote stored as JSON, as the counter holds it (0.00 is not payable: claim_checks)."""
    data = payable_json(data)
    lines = tuple(
        NoticeLine(str(line.get("label", "")), str(line.get("amount", ""))) for line in data.get("lines") or ()
    )
    return QuoteView(
        eligible=bool(data.get("eligible")),
        reasons=tuple(data.get("reasons") or ()),
        payout=Decimal(str(data.get("payout", "0.00"))).quantize(Decimal("0.01")),
        stay_days=data.get("stay_days"),
        lines=lines,
    )


def loads(text: str | None, default):
    if not text:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


def org_name(session) -> str:
    return counter_name(session)


def counter_contact(session) -> dict[str, str | None]:
    """The counter's address, phone and hours (设置: counter_address/phone/hours)."""
    info = read_counter_info(session)
    return {
        "counter_address": info.address or None,
        "counter_phone": info.phone or None,
        "counter_hours": info.hours or None,
    }


def user_name(q: ClaimQueries, user_id: int | None) -> str:
    user = q.user(user_id)
    return user.display_name if user else ""


def find_claim(q: ClaimQueries, claim_number: str) -> Claim:
    number = (claim_number or "").strip().upper()
    claim = q.by_number(number) if number else None
    if claim is None:
        raise NotFound(f"没有编号为「{claim_number}」的理赔，请检查编号（如 611002-2026-000123）。")
    return claim


def claim_member(q: ClaimQueries, claim: Claim) -> Member:
    """The claimant (ServiceError when the row is missing: damaged data, not the clerk's input)."""
    member = q.member(claim.member_id)
    if member is None:
        raise ServiceError(f"理赔 {claim.claim_number} 的会员在数据库中找不到，请联系管理员检查数据。")
    return member


def claim_plan(q: ClaimQueries, claim: Claim) -> Plan:
    """The claim's plan (ServiceError when the row is missing: damaged data, not the clerk's input)."""
    plan = q.plan(claim.plan_id)
    if plan is None:
        raise ServiceError(f"理赔 {claim.claim_number} 的计划在数据库中找不到，请联系管理员检查数据。")
    return plan


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
            note = line[len(NOTE_PREFIX) :]
        else:
            reasons.append(line)
    return tuple(reasons), note


__all__ = [
    "APPEAL_DAYS",
    "COUNTER_REASONS",
    "NOTE_PREFIX",
    "REFUSAL_REASONS",
    "REFUSAL_SHORT",
    "QuoteView",
    "counter_contact",
    "find_claim",
    "loads",
    "org_name",
    "plan_rules",
    "quote_view",
    "refusal_text",
    "split_refusal",
    "user_name",
]
