"""A plan's rules in plain Chinese, for members (温馨提示) — computed from the rules, never per city.

`describe_plan(plan)` turns the numbers of a loaded plan (domain/plan.py) into short sentences:
what it costs, what it pays, the waiting period, who may join, where one must be treated, and the
claim deadline. Change a number in the plan file and the sentence changes with it.
Pure Python: no third-party imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from mutualaid_desktop.domain.plan import HOSPITAL_GRADES, Plan

BASIS_TEXT = {
    "in_scope": "政策范围内个人自付",
    "all_self_pay": "个人自付（政策范围内外合计）",
}
KIND_LABELS = {"reimbursement": "住院二次报销", "lump_sum": "定额给付"}
_YEARS = {1: "一年", 2: "两年", 3: "三年"}


@dataclass(frozen=True)
class DiseaseClass:
    """One class of a lump-sum plan: its amount per share, the most it pays (all shares), its diseases."""

    name: str  # "A"
    per_share: Decimal
    most: Decimal  # per_share x max_shares
    diseases: tuple[str, ...]

    @property
    def sentence(self) -> str:
        most = f"（{self.most_shares_text}）" if self.most != self.per_share else ""
        return f"{self.name}类疾病每份给付{yuan(self.per_share)}{most}：{'、'.join(self.diseases)}。"

    @property
    def most_shares_text(self) -> str:
        return f"最多{self.shares}份共{yuan(self.most)}"

    @property
    def shares(self) -> int:
        return int(self.most / self.per_share)


@dataclass(frozen=True)
class PlanText:
    code: str
    name: str
    kind: str
    year_label: str  # 2027年度
    cost: tuple[str, ...]  # 缴费标准
    benefits: tuple[str, ...]  # 保障内容 (a lump-sum plan: the lead, then the classes, then the limits)
    disease_classes: tuple[DiseaseClass, ...]  # lump sum only
    waiting: tuple[str, ...]  # 观察期
    deadline: str  # 申请期限

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def sentences(self) -> tuple[str, ...]:
        return (*self.cost, *self.benefits, *self.waiting, self.deadline)


def yuan(amount: Decimal) -> str:
    """95.00 -> 95元, 12.50 -> 12.50元, 30000 -> 30000元."""
    amount = Decimal(amount)
    if amount == amount.to_integral_value():
        return f"{int(amount)}元"
    return f"{amount.quantize(Decimal('0.01'))}元"


def percent(rate: Decimal) -> str:
    """0.70 -> 70%, 0.125 -> 12.5%."""
    value = (Decimal(rate) * 100).normalize()
    text = f"{value:f}"
    return f"{text}%"


def year_label(plan: Plan) -> str:
    start, end = plan.period_start, plan.period_end
    if start.year == end.year:
        return f"{start.year}年度"
    return f"{start.year}—{end.year}年度"


def _cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _is_one_year(plan: Plan) -> bool:
    start, end = plan.period_start, plan.period_end
    try:
        return end == start.replace(year=start.year + 1) - timedelta(days=1)
    except ValueError:  # 29 February
        return end == date(start.year + 1, 3, 1) - timedelta(days=1)


def _grade_text(grade: int) -> str:
    return f"{HOSPITAL_GRADES[grade]}及以上医院" if grade else "医院"


def describe_plan(plan: Plan) -> PlanText:
    """The plan's rules in plain Chinese (see the module's doc)."""
    per = "每年" if _is_one_year(plan) else "每期"
    cost: list[str] = []
    if plan.max_shares == 1:
        cost.append(f"每人{per}{yuan(plan.premium_per_share)}。")
    else:
        cost.append(
            f"每份{per}{yuan(plan.premium_per_share)}，每人最多参加{plan.max_shares}份"
            f"（{plan.max_shares}份共{yuan(plan.premium_per_share * plan.max_shares)}）。"
        )
    cost.append(f"保障期{_cn_date(plan.period_start)}至{_cn_date(plan.period_end)}，缴费次日起生效。")
    cost.append(f"参保年龄：{plan.min_age}周岁至{plan.max_age}周岁（按保障开始之日的年龄计算）。")

    if plan.kind == "lump_sum" and plan.lump_sum is not None:
        benefits, classes = _lump_sum_benefits(plan)
        event = "确诊"
        start_event = "确诊"
    else:
        benefits, classes = _reimbursement_benefits(plan), ()
        event = "出院"
        start_event = "入院"

    waiting: tuple[str, ...]
    if plan.waiting_days:
        waiting = (
            f"首次参保或断保后重新参保的，观察期{plan.waiting_days}天（自保障开始之日起算），"
            f"观察期内{start_event}的不予给付。",
            f"连续参保（到期后{plan.renewal_grace_days}天内续保）无观察期。",
        )
    else:
        waiting = ("本计划无观察期，保障开始之日起即可享受保障。",)

    years, rest = divmod(plan.claim_deadline_days, 365)
    about = f"（{_YEARS[years]}）" if rest == 0 and years in _YEARS else ""
    deadline = f"请自{event}之日起{plan.claim_deadline_days}日内{about}申请，逾期不予受理。"
    return PlanText(
        code=plan.code,
        name=plan.name,
        kind=plan.kind,
        year_label=year_label(plan),
        cost=tuple(cost),
        benefits=tuple(benefits),
        disease_classes=classes,
        waiting=waiting,
        deadline=deadline,
    )


def _reimbursement_benefits(plan: Plan) -> list[str]:
    rules = plan.reimbursement
    assert rules is not None
    basis = BASIS_TEXT[rules.basis]
    where = f"在{_grade_text(plan.min_hospital_grade)}" if plan.min_hospital_grade else ""
    lead = f"保障期内{where}住院，住院费用经医保报销后，{basis}"
    if len(rules.tiers) == 1:
        rate = rules.tiers[0].rate
        if rules.deductible:
            main = f"{lead}超过起付线{yuan(rules.deductible)}的部分按{percent(rate)}给付"
        else:
            main = f"{lead}部分按{percent(rate)}给付"
    else:
        bands, low = [], Decimal(0)
        for tier in rules.tiers:
            if tier.up_to is None:
                bands.append(f"超过{yuan(low)}部分按{percent(tier.rate)}")
            elif low == 0:
                bands.append(f"{yuan(tier.up_to)}以内部分按{percent(tier.rate)}")
            else:
                bands.append(f"{yuan(low)}至{yuan(tier.up_to)}部分按{percent(tier.rate)}")
            if tier.up_to is not None:
                low = tier.up_to
        if rules.deductible:
            main = f"{lead}扣除起付线{yuan(rules.deductible)}后，{'、'.join(bands)}给付"
        else:
            main = f"{lead}：{'、'.join(bands)}给付"
    if rules.min_payout:
        main += f"，每次最低{yuan(rules.min_payout)}（个人自付不足{yuan(rules.min_payout)}的，按实际自付金额给付）"
    sentences = [main + "。"]
    if rules.daily_allowance:
        if rules.allowance_min_days > 1:
            allowance = f"住院{rules.allowance_min_days}天及以上的，另按每天{yuan(rules.daily_allowance)}给付住院津贴"
        else:
            allowance = f"另按住院天数每天{yuan(rules.daily_allowance)}给付住院津贴"
        if rules.allowance_max_days:
            allowance += f"，最多{rules.allowance_max_days}天"
        sentences.append(allowance + "。")
    limits = []
    if rules.per_claim_cap:
        limits.append(f"每次最高给付{yuan(rules.per_claim_cap)}")
    if rules.annual_cap:
        limits.append(f"每人每个保障年度累计最高给付{yuan(rules.annual_cap)}")
    if rules.max_claims:
        limits.append(f"每个保障年度最多给付{rules.max_claims}次")
    if limits:
        sentences.append("；".join(limits) + "。")
    sentences.append(
        "住院医院等级不限。" if not plan.min_hospital_grade else f"须在{_grade_text(plan.min_hospital_grade)}住院。"
    )
    return sentences


def _lump_sum_benefits(plan: Plan) -> tuple[list[str], tuple[DiseaseClass, ...]]:
    rules = plan.lump_sum
    assert rules is not None
    classes = tuple(
        DiseaseClass(name, amount, amount * plan.max_shares, tuple(d for d, c in rules.diseases.items() if c == name))
        for name, amount in rules.amounts.items()
    )
    classes = tuple(c for c in classes if c.diseases)
    sentences = [f"保障期内经{_grade_text(plan.min_hospital_grade)}确诊下列疾病之一的，按参保份数给付定额互助金。"]
    sentences.extend(c.sentence for c in classes)
    if rules.once_per_period:
        sentences.append("每人每个保障年度只给付一次。")
    return sentences, classes


__all__ = ["DiseaseClass", "PlanText", "describe_plan", "percent", "year_label", "yuan"]
