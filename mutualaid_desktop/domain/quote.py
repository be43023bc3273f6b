"""The benefit quote of shared/spec/plan-rules.md: eligibility, then the payout, step by step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal, localcontext
from typing import Any

from mutualaid_desktop.domain.facts import (
    FACT_LABELS,
    ClaimFacts,
    LumpSumFacts,
    ReimbursementFacts,
    parse_claim_facts,
)
from mutualaid_desktop.domain.money import CENT, MONEY_CONTEXT, ZERO, amount_in_words, round_half_up_fen
from mutualaid_desktop.domain.plan import Plan, ReimbursementRules, Tier

__all__ = [
    "FACT_LABELS",
    "REASON_CODES",
    "REASON_LABELS",
    "ClaimFacts",
    "LumpSumFacts",
    "Quote",
    "QuoteLine",
    "ReimbursementFacts",
    "eligibility_reasons",
    "parse_claim_facts",
    "quote_claim",
]

# In the order of the spec's table; a quote lists its reasons in this order.
REASON_CODES = (
    "not_covered",
    "waiting_period",
    "deadline_passed",
    "age",
    "hospital_grade",
    "max_claims",
    "annual_cap_reached",
    "duplicate",
    "not_listed",
)
REASON_LABELS = {
    "not_covered": "入院（确诊）日期不在保障期内",
    "waiting_period": "入院（确诊）日期在观察期内（首次参保或断保后重新参保）",
    "deadline_passed": "超过理赔申请期限（自出院或确诊之日起计算）",
    "age": "参保时的年龄不在本计划规定的范围内",
    "hospital_grade": "就诊医院的等级低于本计划的要求",
    "max_claims": "本保障期内的理赔次数已达上限",
    "annual_cap_reached": "本保障期内累计给付已达年度限额",
    "duplicate": "该发票已经理赔过，不能重复申请",
    "not_listed": "所患疾病不在本计划保障的疾病范围内",
}


@dataclass(frozen=True)
class QuoteLine:
    """One step of the computation, to be read out and printed: what was done, and the amount."""

    label: str
    amount: Decimal


@dataclass(frozen=True)
class Quote:
    eligible: bool
    reasons: tuple[str, ...]
    payout: Decimal
    stay_days: int | None
    lines: tuple[QuoteLine, ...]

    @property
    def payout_in_words(self) -> str:
        return amount_in_words(self.payout)

    @property
    def reason_labels(self) -> tuple[str, ...]:
        return tuple(REASON_LABELS[code] for code in self.reasons)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "eligible": self.eligible,
            "reasons": list(self.reasons),
            "payout": f"{self.payout:.2f}",
            "payout_in_words": self.payout_in_words,
            "stay_days": self.stay_days,
            "lines": [{"label": line.label, "amount": _amount_text(line.amount)} for line in self.lines],
        }


def quote_claim(plan: Plan, facts: ClaimFacts) -> Quote:
    """Eligibility, then the payout: the 10 steps of a reimbursement, or the lump sum."""
    expected = ReimbursementFacts if plan.kind == "reimbursement" else LumpSumFacts
    if not isinstance(facts, expected):
        raise TypeError(f"a {plan.kind} plan needs {expected.__name__}, not {type(facts).__name__}")
    stay_days = facts.stay_days if isinstance(facts, ReimbursementFacts) else None
    reasons = eligibility_reasons(plan, facts)
    if reasons:
        return Quote(False, reasons, ZERO, stay_days, ())
    with localcontext(MONEY_CONTEXT):
        if isinstance(facts, ReimbursementFacts):
            assert plan.reimbursement is not None
            amount, lines = _reimbursement(plan.reimbursement, facts)
        else:
            amount, lines = _lump_sum(plan, facts)
        payout = round_half_up_fen(amount)
        if payout != amount:
            lines.append(QuoteLine("四舍五入到分", payout))
    return Quote(True, (), payout, stay_days, tuple(lines))


def eligibility_reasons(plan: Plan, facts: ClaimFacts) -> tuple[str, ...]:
    """The codes of every reason the claim is not payable, in REASON_CODES order."""
    event = facts.event_date
    rules = plan.reimbursement
    applies = {
        "not_covered": not facts.cover_start <= event <= facts.cover_end,
        "waiting_period": not facts.continuous and event < plan.first_covered_day(facts.cover_start, False),
        "deadline_passed": facts.received_date > facts.end_date + timedelta(days=plan.claim_deadline_days),
        "age": not plan.min_age <= facts.id_number.age_on(facts.cover_start) <= plan.max_age,
        "hospital_grade": facts.hospital_grade is not None and facts.hospital_grade < plan.min_hospital_grade,
        "duplicate": facts.invoice_number is not None and facts.invoice_number in facts.previous_invoice_numbers,
    }
    if isinstance(facts, ReimbursementFacts) and rules is not None:
        applies["max_claims"] = rules.max_claims > 0 and facts.claims_before >= rules.max_claims
        applies["annual_cap_reached"] = rules.annual_cap > 0 and facts.paid_before >= rules.annual_cap
    elif isinstance(facts, LumpSumFacts) and plan.lump_sum is not None:
        applies["max_claims"] = plan.lump_sum.once_per_period and facts.claims_before > 0
        applies["not_listed"] = facts.diagnosis not in plan.lump_sum.diseases
    return tuple(code for code in REASON_CODES if applies.get(code))


def _reimbursement(rules: ReimbursementRules, facts: ReimbursementFacts) -> tuple[Decimal, list[QuoteLine]]:
    self_pay = facts.in_scope_self_pay + facts.out_of_scope_self_pay
    if rules.basis == "all_self_pay":
        basis, lines = self_pay, [QuoteLine("个人自付合计（政策内+政策外）", self_pay)]
    else:
        basis, lines = facts.in_scope_self_pay, [QuoteLine("政策范围内个人自付", facts.in_scope_self_pay)]
    base = max(ZERO, basis - rules.deductible)
    if rules.deductible > 0:
        lines.append(QuoteLine(f"扣除起付线{rules.deductible}元后", base))
    amount = ZERO
    for label, part in _bands(rules.tiers, base):
        amount += part
        lines.append(QuoteLine(label, part))
    days = _allowance_days(rules, facts.stay_days)
    if days and rules.daily_allowance > 0:
        amount += rules.daily_allowance * days
        lines.append(QuoteLine(f"住院津贴 {days}天 × {rules.daily_allowance}元", rules.daily_allowance * days))
    floor = min(rules.min_payout, self_pay)
    if amount < floor:
        amount = floor
        limited = "（以个人自付合计为限）" if floor < rules.min_payout else ""
        lines.append(QuoteLine(f"按最低给付标准补足至{limited}", floor))
    if rules.per_claim_cap > 0 and amount > rules.per_claim_cap:
        amount = rules.per_claim_cap
        lines.append(QuoteLine("单次给付上限", amount))
    if rules.annual_cap > 0 and amount > rules.annual_cap - facts.paid_before:
        amount = rules.annual_cap - facts.paid_before
        lines.append(QuoteLine("年度限额剩余", amount))
    return amount, lines


def _bands(tiers: tuple[Tier, ...], base: Decimal) -> list[tuple[str, Decimal]]:
    """(label, rate x part of base) for each band the base reaches that pays something."""
    result = []
    lower = ZERO
    for tier in tiers:
        upper = base if tier.up_to is None else min(base, tier.up_to)
        if upper <= lower:
            break
        if len(tiers) == 1:
            label = f"{base}元 × {_percent(tier.rate)}"
        elif tier.up_to is None:
            label = f"超过{lower}元部分 × {_percent(tier.rate)}"
        elif lower == 0:
            label = f"{tier.up_to}元以内部分 × {_percent(tier.rate)}"
        else:
            label = f"{lower}元至{tier.up_to}元部分 × {_percent(tier.rate)}"
        if tier.rate > 0:
            result.append((label, (upper - lower) * tier.rate))
        if tier.up_to is None:
            break
        lower = tier.up_to
    return result


def _allowance_days(rules: ReimbursementRules, stay_days: int) -> int:
    if stay_days < rules.allowance_min_days:
        return 0
    return min(stay_days, rules.allowance_max_days) if rules.allowance_max_days > 0 else stay_days


def _lump_sum(plan: Plan, facts: LumpSumFacts) -> tuple[Decimal, list[QuoteLine]]:
    assert plan.lump_sum is not None
    disease_class = plan.lump_sum.diseases[facts.diagnosis]
    per_share = plan.lump_sum.amounts[disease_class]
    label = f"{disease_class}类疾病（{facts.diagnosis}）每份{per_share}元 × {facts.shares}份"
    return per_share * facts.shares, [QuoteLine(label, per_share * facts.shares)]


def _percent(rate: Decimal) -> str:
    text = f"{rate * 100:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def _amount_text(amount: Decimal) -> str:
    """Two decimals, or more when the exact amount of a step has more (it is rounded only at the end)."""
    if amount == amount.quantize(CENT):
        return f"{amount:.2f}"
    return f"{amount.normalize():f}"
