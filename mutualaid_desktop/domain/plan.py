"""The plan file (TOML) of shared/spec/plan-rules.md: its rules as frozen dataclasses.

Every field is required; a missing, unknown or wrongly typed field is refused with a PlanError
naming the field by its dotted path (``reimbursement.tiers[1].rate``).

Every number has sane bounds (BOUNDS, YEARS, MAX_PERIOD_DAYS, MAX_TIERS, the money caps), far
beyond any real plan but small enough that dates and amounts computed from them never overflow:
a plan with ``waiting_days = 9223372036854775807`` was accepted and then crashed every member
search (cover_start + timedelta(days=...)).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from os import PathLike

from mutualaid_desktop.domain.errors import PlanError
from mutualaid_desktop.domain.fields import Fields
from mutualaid_desktop.domain.text import shorten, to_halfwidth

KINDS = ("reimbursement", "lump_sum")
BASES = ("in_scope", "all_self_pay")
HOSPITAL_GRADES = {0: "不限", 1: "一级", 2: "二级", 3: "三级"}

PLAN_FIELDS = (
    "code", "name", "kind", "premium_per_share", "max_shares", "period_start", "period_end",
    "waiting_days", "renewal_grace_days", "claim_deadline_days", "min_age", "max_age",
    "min_hospital_grade",
)  # fmt: skip
REIMBURSEMENT_FIELDS = (
    "basis", "deductible", "tiers", "min_payout", "per_claim_cap", "annual_cap", "max_claims",
    "daily_allowance", "allowance_min_days", "allowance_max_days",
)  # fmt: skip
TIER_FIELDS = ("up_to", "rate")
LUMP_SUM_FIELDS = ("amounts", "diseases", "once_per_period")

PLAN_FIELD_LABELS = {
    "code": "计划代码",
    "name": "计划名称",
    "kind": "计划类型",
    "premium_per_share": "每份互助金",
    "max_shares": "最多份数",
    "period_start": "保障年度开始日期",
    "period_end": "保障年度结束日期",
    "waiting_days": "观察期天数",
    "renewal_grace_days": "续保宽限天数",
    "claim_deadline_days": "理赔申请期限天数",
    "min_age": "最低参保年龄",
    "max_age": "最高参保年龄",
    "min_hospital_grade": "最低医院等级",
    "reimbursement": "住院二次报销规则",
    "lump_sum": "定额给付规则",
    "basis": "报销基数",
    "deductible": "起付线",
    "tiers": "分段给付比例",
    "up_to": "分段上限",
    "rate": "给付比例",
    "min_payout": "最低给付",
    "per_claim_cap": "单次给付上限",
    "annual_cap": "年度给付限额",
    "max_claims": "每期最多理赔次数",
    "daily_allowance": "每天住院津贴",
    "allowance_min_days": "住院津贴起始天数",
    "allowance_max_days": "住院津贴最多天数",
    "amounts": "每份给付金额",
    "diseases": "疾病分类",
    "once_per_period": "每期只赔一次",
}

_RATE = re.compile(r"[0-9]+(?:\.[0-9]{1,10})?")  # at most 10 decimals keeps every product exact

# Bounds of the numbers of a plan file: (minimum, maximum), inclusive. Real plans (resources/plans,
# shared/spec/plan-rules.md): waiting 90 days, grace 30, claims within 365-730 days, ages 16-60,
# 1-3 shares, 1-2 tiers.
BOUNDS = {
    "max_shares": (1, 100),
    "waiting_days": (0, 366),
    "renewal_grace_days": (0, 366),
    "claim_deadline_days": (1, 1830),  # five years
    "min_age": (0, 120),
    "max_age": (0, 120),
    "min_hospital_grade": (0, 3),
    "max_claims": (0, 366),
    "allowance_min_days": (0, 366),
    "allowance_max_days": (0, 366),
}
YEARS = (2000, 2100)  # the plan year's dates
MAX_PERIOD_DAYS = 373  # a plan year: one year and a week at most
MAX_TIERS = 10
MAX_PREMIUM = Decimal("100000.00")  # per share
MAX_BENEFIT = Decimal("10000000.00")  # deductible, tier bounds, floors, caps, lump sums (per share)
MAX_DAILY_ALLOWANCE = Decimal("100000.00")


@dataclass(frozen=True)
class Tier:
    """A band over (basis - deductible): up to `up_to` (None for the last band), paid at `rate`."""

    up_to: Decimal | None
    rate: Decimal


@dataclass(frozen=True)
class ReimbursementRules:
    basis: str
    deductible: Decimal
    tiers: tuple[Tier, ...]
    min_payout: Decimal
    per_claim_cap: Decimal
    annual_cap: Decimal
    max_claims: int
    daily_allowance: Decimal
    allowance_min_days: int
    allowance_max_days: int


@dataclass(frozen=True)
class LumpSumRules:
    amounts: Mapping[str, Decimal]  # per share, by disease class
    diseases: Mapping[str, str]  # disease -> class
    once_per_period: bool

    def __hash__(self) -> int:  # dict fields: hash their items, so a Plan stays hashable
        return hash((tuple(self.amounts.items()), tuple(self.diseases.items()), self.once_per_period))


@dataclass(frozen=True)
class Plan:
    code: str
    name: str
    kind: str
    premium_per_share: Decimal
    max_shares: int
    period_start: date
    period_end: date
    waiting_days: int
    renewal_grace_days: int
    claim_deadline_days: int
    min_age: int
    max_age: int
    min_hospital_grade: int
    reimbursement: ReimbursementRules | None
    lump_sum: LumpSumRules | None
    source: str  # the plan file, verbatim

    def cover_start(self, paid_on: date) -> date:
        """Cover starts the day after the premium is paid, never before the plan year starts."""
        return max(paid_on + timedelta(days=1), self.period_start)

    def is_continuous(self, previous_cover_end: date | None, cover_start: date) -> bool:
        """No waiting period: the previous cover (of a plan of the same kind) ended no more than
        renewal_grace_days days before this cover starts."""
        if previous_cover_end is None:
            return False
        return (cover_start - previous_cover_end).days <= self.renewal_grace_days

    def first_covered_day(self, cover_start: date, continuous: bool) -> date:
        """The first day a stay (admission) or a diagnosis may fall on."""
        return cover_start if continuous else cover_start + timedelta(days=self.waiting_days)


def load_plan_file(path: str | PathLike[str]) -> Plan:
    """Read a plan file (UTF-8, with or without BOM) and load it."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as exc:
        raise PlanError(None, f"无法读取计划文件 {path}：{exc.strerror or exc}，请检查文件是否存在", "file") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanError(
            None, f"计划文件 {path} 不是 UTF-8 编码，请用记事本“另存为”UTF-8 后再导入", "encoding"
        ) from None
    return load_plan(text)


def load_plan(text: str) -> Plan:
    """Parse and validate a plan file's text. Raises PlanError."""
    text = text.removeprefix("\ufeff")
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(None, _syntax_message(exc), "syntax") from None
    top = Fields(document, labels=PLAN_FIELD_LABELS, error=PlanError, show_path=True)
    top.only(PLAN_FIELDS + KINDS)
    kind = top.choice("kind", KINDS)
    other = KINDS[1 - KINDS.index(kind)]
    if top.has(other):
        raise top.fail(other, f"计划类型为 {kind} 时不能有 [{other}] 一节，请删除它", "section")
    plan = Plan(
        code=top.text("code"),
        name=top.text("name"),
        kind=kind,
        premium_per_share=top.amount("premium_per_share", text_only=True, maximum=MAX_PREMIUM),
        max_shares=_bounded(top, "max_shares"),
        period_start=_plan_day(top, "period_start"),
        period_end=_plan_day(top, "period_end"),
        waiting_days=_bounded(top, "waiting_days"),
        renewal_grace_days=_bounded(top, "renewal_grace_days"),
        claim_deadline_days=_bounded(top, "claim_deadline_days"),
        min_age=_bounded(top, "min_age"),
        max_age=_bounded(top, "max_age"),
        min_hospital_grade=_bounded(top, "min_hospital_grade"),
        reimbursement=_reimbursement(top.table(kind)) if kind == "reimbursement" else None,
        lump_sum=_lump_sum(top.table(kind)) if kind == "lump_sum" else None,
        source=text,
    )
    if plan.period_end < plan.period_start:
        raise top.fail("period_end", "保障年度结束日期不能早于开始日期，请核对 period_start 和 period_end", "range")
    days = (plan.period_end - plan.period_start).days + 1
    if days > MAX_PERIOD_DAYS:
        raise top.fail(
            "period_end",
            f"保障年度最长 {MAX_PERIOD_DAYS} 天（一年多几天）：{top.name('period_end')} "
            f"{plan.period_end} 距开始日期 {plan.period_start} 共 {days} 天，请核对",
            "range",
        )
    if plan.min_age > plan.max_age:
        raise top.fail("max_age", f"最高参保年龄（{plan.max_age}）不能小于最低参保年龄（{plan.min_age}）", "range")
    if kind == "reimbursement" and plan.max_shares != 1:
        raise top.fail("max_shares", "住院二次报销计划每人只能参保1份，max_shares 请写 1", "range")
    return plan


def _bounded(table: Fields, key: str) -> int:
    minimum, maximum = BOUNDS[key]
    return table.integer(key, minimum=minimum, maximum=maximum)


def _plan_day(table: Fields, key: str) -> date:
    day = table.day(key)
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise table.fail(key, f"{table.name(key)}应在{YEARS[0]}年到{YEARS[1]}年之间，现在是{day}，请核对", "range")
    return day


def _syntax_message(exc: tomllib.TOMLDecodeError) -> str:
    where = re.search(r"line (\d+), column (\d+)", str(exc))
    place = f"第{where.group(1)}行第{where.group(2)}列" if where else ""
    return f"计划文件{place}格式有误（{exc}），请检查该处的引号、括号和等号"


def _reimbursement(table: Fields) -> ReimbursementRules:
    table.only(REIMBURSEMENT_FIELDS)
    return ReimbursementRules(
        basis=table.choice("basis", BASES),
        deductible=table.amount("deductible", text_only=True, maximum=MAX_BENEFIT),
        tiers=_tiers(table),
        min_payout=table.amount("min_payout", text_only=True, maximum=MAX_BENEFIT),
        per_claim_cap=table.amount("per_claim_cap", text_only=True, maximum=MAX_BENEFIT),
        annual_cap=table.amount("annual_cap", text_only=True, maximum=MAX_BENEFIT),
        max_claims=_bounded(table, "max_claims"),
        daily_allowance=table.amount("daily_allowance", text_only=True, maximum=MAX_DAILY_ALLOWANCE),
        allowance_min_days=_bounded(table, "allowance_min_days"),
        allowance_max_days=_bounded(table, "allowance_max_days"),
    )


def _tiers(table: Fields) -> tuple[Tier, ...]:
    items = table.tables("tiers")
    if not items:
        raise table.fail("tiers", '分段给付比例不能为空，至少写一段，如 [{ rate = "0.70" }]', "empty")
    if len(items) > MAX_TIERS:
        raise table.fail("tiers", f"{table.name('tiers')}最多 {MAX_TIERS} 段，现在有 {len(items)} 段，请合并", "range")
    tiers: list[Tier] = []
    for number, item in enumerate(items, start=1):
        item.only(TIER_FIELDS)
        last = number == len(items)
        up_to = None
        if last and item.has("up_to"):
            raise item.fail(
                "up_to", f"最后一段（第{number}段）不能写 up_to：超过上一段的部分都按这一段计算，请删除", "last_tier"
            )
        if not last:
            if not item.has("up_to"):
                raise item.fail("up_to", f"第{number}段缺少分段上限 up_to：除最后一段外每段都要写，请补上", "missing")
            up_to = item.amount("up_to", text_only=True, maximum=MAX_BENEFIT)
            previous = tiers[-1].up_to if tiers else None
            if up_to <= (previous or 0):
                bound = f"上一段的上限 {previous}" if previous is not None else "0"
                raise item.fail("up_to", f"第{number}段的上限 {up_to} 应大于{bound}，请按从小到大的顺序写", "order")
        tiers.append(Tier(up_to=up_to, rate=_rate(item, "rate")))
    return tuple(tiers)


def _rate(table: Fields, key: str) -> Decimal:
    value = table.value(key)
    if isinstance(value, bool) or not isinstance(value, str):
        raise table.fail(key, f'{table.name(key)}请写成带引号的小数，如 "0.70"', "type")
    text = to_halfwidth(value).strip()
    rate = Decimal(text) if _RATE.fullmatch(text) else None
    if rate is None or rate > 1:
        message = f'{table.name(key)}「{shorten(value)}」应为 0 到 1 之间、最多10位小数的数，如 "0.70" 表示 70%'
        raise table.fail(key, message, "rate")
    return rate


def _lump_sum(table: Fields) -> LumpSumRules:
    table.only(LUMP_SUM_FIELDS)
    amounts_table = table.table("amounts")
    if not amounts_table.data:
        raise table.fail("amounts", '每份给付金额不能为空，如 amounts = { A = "10000.00" }', "empty")
    amounts_table.labels = {key: f"{key}类疾病每份给付金额" for key in amounts_table.data}
    amounts = {}
    for disease_class in amounts_table.data:
        amount = amounts_table.amount(disease_class, text_only=True, maximum=MAX_BENEFIT)
        if amount <= 0:
            raise amounts_table.fail(disease_class, f"{disease_class}类疾病的每份给付金额应大于 0", "range")
        amounts[disease_class] = amount
    diseases_table = table.table("diseases")
    if not diseases_table.data:
        raise table.fail("diseases", '疾病分类不能为空，如 diseases = { "恶性肿瘤" = "A" }', "empty")
    diseases_table.labels = {key: f"疾病「{key}」的类别" for key in diseases_table.data}
    diseases = {}
    for disease in diseases_table.data:
        if not disease.strip():
            raise diseases_table.fail(disease, "疾病名称不能为空，请填写", "empty")
        disease_class = diseases_table.text(disease)
        if disease_class not in amounts:
            raise diseases_table.fail(
                disease,
                f"疾病「{disease}」的类别 {disease_class} 在每份给付金额 amounts 中没有，请在 amounts 中补上该类别或改正类别",
                "unknown_class",
            )
        diseases[disease] = disease_class
    return LumpSumRules(amounts=amounts, diseases=diseases, once_per_period=table.boolean("once_per_period"))
