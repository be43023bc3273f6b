"""Claim facts (the JSON of shared/spec/plan-rules.md), validated against a plan.

quote.py re-exports everything here; import it from there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.fields import Fields
from mutualaid_desktop.domain.idcard import IdNumber, parse_id_number
from mutualaid_desktop.domain.plan import HOSPITAL_GRADES, Plan
from mutualaid_desktop.domain.text import normalize_code

FACT_LABELS = {
    "id_number": "身份证号码",
    "cover_start": "保障开始日期",
    "cover_end": "保障结束日期",
    "continuous": "是否连续参保",
    "shares": "份数",
    "admission_date": "入院日期",
    "discharge_date": "出院日期",
    "received_date": "受理日期",
    "hospital_grade": "医院等级",
    "invoice_number": "发票号码",
    "previous_invoice_numbers": "已理赔发票号码",
    "total_cost": "医疗总费用",
    "fund_paid": "医保统筹支付",
    "in_scope_self_pay": "政策范围内个人自付",
    "out_of_scope_self_pay": "政策范围外个人自费",
    "paid_before": "本期已给付金额",
    "claims_before": "本期已理赔次数",
    "diagnosis": "确诊疾病",
    "diagnosis_date": "确诊日期",
}
TOTAL_TOLERANCE = Decimal("0.01")


@dataclass(frozen=True)
class ReimbursementFacts:
    """A hospital stay to be reimbursed (住院二次报销)."""

    id_number: IdNumber
    cover_start: date
    cover_end: date
    continuous: bool
    shares: int
    admission_date: date
    discharge_date: date
    received_date: date
    hospital_grade: int
    invoice_number: str
    previous_invoice_numbers: tuple[str, ...]
    total_cost: Decimal
    fund_paid: Decimal
    in_scope_self_pay: Decimal
    out_of_scope_self_pay: Decimal
    paid_before: Decimal
    claims_before: int

    @property
    def event_date(self) -> date:
        """The day that must be covered: the admission."""
        return self.admission_date

    @property
    def end_date(self) -> date:
        """The day the claim deadline counts from: the discharge."""
        return self.discharge_date

    @property
    def stay_days(self) -> int:
        return max(1, (self.discharge_date - self.admission_date).days)

    def to_json_dict(self) -> dict[str, Any]:
        """The facts as the spec's JSON (normalised), e.g. to store what was quoted."""
        return _json_dict(self)


@dataclass(frozen=True)
class LumpSumFacts:
    """A diagnosis to be paid a fixed amount (重大疾病 and similar plans).

    `hospital_grade`, `invoice_number` and `previous_invoice_numbers` are optional here: they
    are only checked when given (the grade is required when the plan sets a minimum grade).
    """

    id_number: IdNumber
    cover_start: date
    cover_end: date
    continuous: bool
    shares: int
    diagnosis: str
    diagnosis_date: date
    received_date: date
    claims_before: int
    hospital_grade: int | None = None
    invoice_number: str | None = None
    previous_invoice_numbers: tuple[str, ...] = ()

    @property
    def event_date(self) -> date:
        return self.diagnosis_date

    @property
    def end_date(self) -> date:
        return self.diagnosis_date

    def to_json_dict(self) -> dict[str, Any]:
        return _json_dict(self)


ClaimFacts = ReimbursementFacts | LumpSumFacts


def parse_claim_facts(data: dict, plan: Plan, today: date | None = None) -> ClaimFacts:
    """Validate the claim facts for `plan`. Raises InputError naming the field.

    Amounts may be strings (as in the spec), Decimal or int; dates "YYYY-MM-DD" or date.
    Keys the spec does not know are ignored.
    """
    fields = Fields(data, labels=FACT_LABELS)
    common: dict[str, Any] = {"id_number": _id_number(fields, today)}
    common["cover_start"] = fields.day("cover_start")
    common["cover_end"] = fields.day("cover_end")
    if common["cover_end"] < common["cover_start"]:
        raise fields.fail(
            "cover_end", f"保障结束日期 {common['cover_end']} 早于保障开始日期 {common['cover_start']}，请核对", "order"
        )
    common["continuous"] = fields.boolean("continuous")
    common["shares"] = _shares(fields, plan)
    if plan.kind == "lump_sum":
        return _lump_sum_facts(fields, plan, common)
    return _reimbursement_facts(fields, common)


def _id_number(fields: Fields, today: date | None) -> IdNumber:
    value = fields.value("id_number")
    try:
        return parse_id_number(value, today=today)  # type: ignore[arg-type]
    except InputError as exc:
        raise fields.fail("id_number", exc.message, exc.code) from None


def _shares(fields: Fields, plan: Plan) -> int:
    shares = fields.integer("shares", minimum=1)
    if shares > plan.max_shares:
        limit = "每人只能参保1份，份数请填 1" if plan.max_shares == 1 else f"每人最多{plan.max_shares}份"
        raise fields.fail("shares", f"份数{shares}超过本计划的规定：{limit}", "range")
    return shares


def _reimbursement_facts(fields: Fields, common: dict[str, Any]) -> ReimbursementFacts:
    admission = fields.day("admission_date")
    discharge = fields.day("discharge_date")
    if discharge < admission:
        raise fields.fail("discharge_date", f"出院日期 {discharge} 早于入院日期 {admission}，请核对", "order")
    facts = ReimbursementFacts(
        **common,
        admission_date=admission,
        discharge_date=discharge,
        received_date=fields.day("received_date"),
        hospital_grade=fields.integer("hospital_grade", maximum=3),
        invoice_number=normalize_code(fields.text("invoice_number")),
        previous_invoice_numbers=_invoice_numbers(fields),
        total_cost=fields.amount("total_cost"),
        fund_paid=fields.amount("fund_paid"),
        in_scope_self_pay=fields.amount("in_scope_self_pay"),
        out_of_scope_self_pay=fields.amount("out_of_scope_self_pay"),
        paid_before=fields.amount("paid_before"),
        claims_before=fields.integer("claims_before"),
    )
    parts = facts.fund_paid + facts.in_scope_self_pay + facts.out_of_scope_self_pay
    if abs(facts.total_cost - parts) > TOTAL_TOLERANCE:
        raise fields.fail(
            "total_cost",
            f"医疗总费用 {facts.total_cost} 与 医保统筹支付 {facts.fund_paid} + 政策范围内个人自付 "
            f"{facts.in_scope_self_pay} + 政策范围外个人自费 {facts.out_of_scope_self_pay} = {parts} 不符"
            f"（相差 {abs(facts.total_cost - parts)}），请对照结算单核对",
            "total_mismatch",
        )
    return facts


def _lump_sum_facts(fields: Fields, plan: Plan, common: dict[str, Any]) -> LumpSumFacts:
    diagnosis = fields.text("diagnosis")
    diagnosis_date = fields.day("diagnosis_date")
    received_date = fields.day("received_date")
    hospital_grade = None
    if _given(fields, "hospital_grade"):
        hospital_grade = fields.integer("hospital_grade", maximum=3)
    elif plan.min_hospital_grade > 0:
        grade = HOSPITAL_GRADES[plan.min_hospital_grade]
        raise fields.fail(
            "hospital_grade", f"缺少医院等级：本计划要求{grade}及以上医院确诊，请填写确诊医院的等级（0-3）", "missing"
        )
    invoice_number = normalize_code(fields.text("invoice_number")) if _given(fields, "invoice_number") else None
    previous = _invoice_numbers(fields) if _given(fields, "previous_invoice_numbers") else ()
    return LumpSumFacts(
        **common,
        diagnosis=diagnosis,
        diagnosis_date=diagnosis_date,
        received_date=received_date,
        claims_before=fields.integer("claims_before"),
        hospital_grade=hospital_grade,
        invoice_number=invoice_number,
        previous_invoice_numbers=previous,
    )


def _given(fields: Fields, key: str) -> bool:
    return fields.has(key) and fields.data[key] is not None


def _invoice_numbers(fields: Fields) -> tuple[str, ...]:
    numbers = []
    for index, value in enumerate(fields.array("previous_invoice_numbers")):
        if not isinstance(value, str) or not value.strip():
            raise fields.fail(
                f"previous_invoice_numbers[{index}]", f"已理赔发票号码第{index + 1}个应为非空的文字，请核对", "type"
            )
        numbers.append(normalize_code(value))
    return tuple(numbers)


def _json_dict(facts: ClaimFacts) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name in facts.__dataclass_fields__:
        value = getattr(facts, name)
        if value is None:
            continue
        if isinstance(value, IdNumber):
            value = value.normalized
        elif isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = f"{value:.2f}"
        elif isinstance(value, tuple):
            value = list(value)
        result[name] = value
    return result
