"""What the counter checks on a claim beyond the plan's quote, in one place for intake and review.

- `payable(quote)`: a quote is payable only when it is eligible AND pays more than 0. The spec's
  quote may be eligible at 0.00 (a stay paid in full by the medical insurance): the counter
  shows and stores such a claim as not payable, with the reason `nothing_to_pay`.
- `reason_label(code)`: the Chinese label of every reason a claim is not payable (the spec's
  reasons and the counter's).
- `check_not_future(facts, today)`: a stay that has not ended yet (admission, discharge or
  diagnosis after today) is refused as input, with a message at its field.
- `previous_invoices(number, earlier)`: the member's earlier invoice numbers as the quote compares
  them, by `domain.text.invoice_key` ("AB-1234" and "ab1234" are the same invoice).
- `find_flags(...)`: what looks like a duplicate and needs a reviewer's explicit decision: the same
  invoice on another claim (of any member), the same hospital, dates and amounts on another
  member's claim, a stay of the member overlapping another of theirs. Kept in claims.flags_json at
  intake; found again at review.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.quote import REASON_LABELS, Quote
from mutualaid_desktop.domain.text import invoice_key, normalize_code
from mutualaid_desktop.services.enrollment.members import CLAIM_STATUS_LABELS

NOTHING_TO_PAY = "nothing_to_pay"
COUNTER_QUOTE_REASONS = {
    NOTHING_TO_PAY: "按本计划规则计算的给付金额为 0（如住院费用已由医保全部支付），没有可给付的金额",
}
AMOUNT_FACTS = ("total_cost", "fund_paid", "in_scope_self_pay", "out_of_scope_self_pay")


def reason_label(code: str) -> str:
    """The Chinese label of a reason a quote is not payable (the spec's or the counter's)."""
    return REASON_LABELS.get(code) or COUNTER_QUOTE_REASONS.get(code) or code


@dataclass(frozen=True)
class CounterQuote(Quote):
    """A quote as the counter holds it: the spec's, with the counter's reasons labelled too."""

    @property
    def reason_labels(self) -> tuple[str, ...]:
        return tuple(reason_label(code) for code in self.reasons)


def payable(quote: Quote) -> CounterQuote:
    """The quote as the counter shows and stores it: eligible at 0.00 is not payable
    (`nothing_to_pay`; the computation's lines are kept to show why)."""
    if quote.eligible and quote.payout <= 0:
        return CounterQuote(False, (NOTHING_TO_PAY,), quote.payout, quote.stay_days, quote.lines)
    return CounterQuote(quote.eligible, quote.reasons, quote.payout, quote.stay_days, quote.lines)


def payable_json(data: dict[str, Any]) -> dict[str, Any]:
    """The same rule on a quote stored as JSON (older claims, the review's recomputation)."""
    try:
        zero = Decimal(str(data.get("payout", "0"))) <= 0
    except (InvalidOperation, ValueError):
        zero = False
    if data.get("eligible") and zero:
        return {**data, "eligible": False, "reasons": [NOTHING_TO_PAY]}
    return data


# --- dates ---------------------------------------------------------------------------------------

_FUTURE = {
    "admission_date": "入院日期",
    "discharge_date": "出院日期",
    "diagnosis_date": "确诊日期",
}


def check_not_future(facts: dict[str, Any], today: date) -> None:
    """InputError (at the field) when the stay or the diagnosis lies after `today`: a stay that has
    not ended cannot be claimed (and is never saved as payable)."""
    for key in ("discharge_date", "admission_date", "diagnosis_date"):
        value = facts.get(key)
        if value in (None, ""):
            continue
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
        if day > today:
            label = _FUTURE[key]
            hint = (
                "尚未出院的住院不能受理理赔，请出院后持出院小结、发票等材料再来办理"
                if key != "diagnosis_date"
                else "请按诊断证明书上的日期填写"
            )
            raise InputError(key, f"{label} {day:%Y-%m-%d} 晚于今天（{today:%Y-%m-%d}）：{hint}。", "future")


# --- invoices ------------------------------------------------------------------------------------


def previous_invoices(number: str | None, earlier: Iterable[str | None]) -> list[str]:
    """Earlier invoice numbers for the quote's `previous_invoice_numbers`: one that is the same
    invoice as `number` (the same invoice_key, however it was written) is given in `number`'s
    spelling, so that the quote's comparison finds it."""
    key = invoice_key(number) if number else None
    spelled = normalize_code(number) if number else ""
    out = []
    for other in earlier:
        if not other:
            continue
        out.append(spelled if key is not None and invoice_key(other) == key else other)
    return sorted(set(out))


# --- flags ---------------------------------------------------------------------------------------

FLAG_LABELS = {
    "invoice_other_member": "同一发票（另一会员）",
    "invoice_same_member": "同一发票（本人另一件理赔）",
    "same_stay_other_member": "同一住院（另一会员）",
    "overlapping_stay": "住院期间重叠（本人）",
}


@dataclass(frozen=True)
class ClaimFlag:
    """Something a reviewer must look at before approving: `code` (FLAG_LABELS), the other claim's
    number, and the text shown (never a name or an ID number)."""

    code: str
    claim_number: str
    text: str

    @property
    def key(self) -> str:
        """What a reviewer's acknowledgement names."""
        return f"{self.code}:{self.claim_number}"

    @property
    def label(self) -> str:
        return FLAG_LABELS.get(self.code, self.code)

    def to_json_dict(self) -> dict[str, str]:
        return {"code": self.code, "claim": self.claim_number, "text": self.text}


@dataclass(frozen=True)
class OtherClaim:
    """Another claim as the duplicate checks compare it (store/intake_queries.py reads it)."""

    id: int
    claim_number: str
    member_id: int
    status: str
    hospital_id: int | None
    event_date: date
    invoice_key: str | None
    facts_json: str | None


def _facts(text: str | None) -> dict[str, Any]:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _day(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _amount(value) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except (InvalidOperation, ValueError):
        return None


def _same_event(facts: dict[str, Any], other: dict[str, Any]) -> bool:
    """The same discharge and amounts (a stay), or the same diagnosis (a lump-sum claim)."""
    if "discharge_date" in facts:
        if _day(facts.get("discharge_date")) != _day(other.get("discharge_date")):
            return False
        return all(
            _amount(facts.get(k)) == _amount(other.get(k)) and _amount(facts.get(k)) is not None for k in AMOUNT_FACTS
        )
    return bool(facts.get("diagnosis")) and facts.get("diagnosis") == other.get("diagnosis")


def _overlaps(facts: dict[str, Any], other: dict[str, Any]) -> tuple[date, date] | None:
    """The other stay's dates when the two stays share more than a day of transfer."""
    a1, a2 = _day(facts.get("admission_date")), _day(facts.get("discharge_date"))
    b1, b2 = _day(other.get("admission_date")), _day(other.get("discharge_date"))
    if None in (a1, a2, b1, b2):
        return None
    assert a1 and a2 and b1 and b2
    if a1 == b1 or max(a1, b1) < min(a2, b2):
        return b1, b2
    return None


def find_flags(
    *,
    member_id: int,
    facts: dict[str, Any],
    hospital_id: int | None,
    key: str | None,
    same_invoice: Iterable[OtherClaim],
    same_day: Iterable[OtherClaim],
    member_claims: Iterable[OtherClaim],
    exclude_claim_id: int | None = None,
) -> tuple[ClaimFlag, ...]:
    """The flags of a claim (its `facts` as the quote has them) against the other claims that are
    not refused: those with the same invoice key, those of the same hospital and event day, and the
    member's own."""
    flags: dict[str, ClaimFlag] = {}

    def add(flag: ClaimFlag) -> None:
        flags.setdefault(flag.key, flag)

    def status(other: OtherClaim) -> str:
        return CLAIM_STATUS_LABELS.get(other.status, other.status)

    for other in same_invoice:
        if other.id == exclude_claim_id or not key or other.invoice_key != key:
            continue
        if other.member_id != member_id:
            add(
                ClaimFlag(
                    "invoice_other_member",
                    other.claim_number,
                    f"发票号码与另一会员的理赔 {other.claim_number}（{status(other)}）相同：请核对发票原件，"
                    "确认发票属于本人。",
                )
            )
        else:
            add(
                ClaimFlag(
                    "invoice_same_member",
                    other.claim_number,
                    f"发票号码与本人的理赔 {other.claim_number}（{status(other)}）相同（写法可能不同）："
                    "同一张发票不能重复理赔。",
                )
            )
    for other in same_day:
        if other.id == exclude_claim_id or other.member_id == member_id or other.hospital_id != hospital_id:
            continue
        if hospital_id is not None and _same_event(facts, _facts(other.facts_json)):
            add(
                ClaimFlag(
                    "same_stay_other_member",
                    other.claim_number,
                    f"另一会员的理赔 {other.claim_number}（{status(other)}）的医院、日期和费用与本次完全相同："
                    "请核实是否为同一次住院。",
                )
            )
    if "discharge_date" in facts:
        for other in member_claims:
            if other.id == exclude_claim_id or other.member_id != member_id:
                continue
            dates = _overlaps(facts, _facts(other.facts_json))
            if dates is not None:
                add(
                    ClaimFlag(
                        "overlapping_stay",
                        other.claim_number,
                        f"本人的理赔 {other.claim_number}（{status(other)}）住院 {dates[0]:%Y-%m-%d} 至 "
                        f"{dates[1]:%Y-%m-%d}，与本次住院时间重叠：请核实。",
                    )
                )
    return tuple(flags.values())


def flags_to_json(flags: Iterable[ClaimFlag]) -> str | None:
    items = [f.to_json_dict() for f in flags]
    return json.dumps(items, ensure_ascii=False) if items else None


def flags_from_json(text: str | None) -> tuple[ClaimFlag, ...]:
    try:
        items = json.loads(text or "[]")
    except ValueError:
        return ()
    if not isinstance(items, list):
        return ()
    return tuple(
        ClaimFlag(str(i.get("code", "")), str(i.get("claim", "")), str(i.get("text", "")))
        for i in items
        if isinstance(i, dict)
    )


def merge_flags(*groups: Iterable[ClaimFlag]) -> tuple[ClaimFlag, ...]:
    seen: dict[str, ClaimFlag] = {}
    for group in groups:
        for flag in group:
            seen.setdefault(flag.key, flag)
    return tuple(seen.values())


__all__ = [
    "COUNTER_QUOTE_REASONS",
    "FLAG_LABELS",
    "NOTHING_TO_PAY",
    "ClaimFlag",
    "CounterQuote",
    "OtherClaim",
    "check_not_future",
    "find_flags",
    "flags_from_json",
    "flags_to_json",
    "merge_flags",
    "payable",
    "payable_json",
    "previous_invoices",
    "reason_label",
]
