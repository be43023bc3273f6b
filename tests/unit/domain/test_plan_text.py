"""describe_plan: the example plans in plain Chinese; every sentence follows the plan file's numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mutualaid_desktop.domain.plan import load_plan
from mutualaid_desktop.domain.plan_text import describe_plan, percent, yuan

from .plans import edit, plan_text


def text_of(name: str, *edits: tuple[str, str]):
    text = plan_text(name)
    for key, line in edits:
        text = edit(text, key, line)
    return describe_plan(load_plan(text))


def joined(name: str, *edits) -> str:
    return "".join(text_of(name, *edits).sentences())


def test_number_helpers():
    assert yuan(Decimal("95.00")) == "95元" and yuan(Decimal("12.50")) == "12.50元"
    assert (
        percent(Decimal("0.70")) == "70%" and percent(Decimal("0.125")) == "12.5%" and percent(Decimal("1")) == "100%"
    )


def test_shangluo():
    t = text_of("shangluo-2027.toml")
    assert t.year_label == "2027年度" and t.kind_label == "住院二次报销"
    assert t.cost[0] == "每人每年95元。"
    assert "住院费用经医保报销后，政策范围内个人自付部分按70%给付，每次最低300元" in t.benefits[0]
    assert "每人每个保障年度累计最高给付30000元。" in t.benefits
    assert "住院医院等级不限。" in t.benefits
    assert t.waiting[0].startswith("首次参保或断保后重新参保的，观察期90天")
    assert t.waiting[1] == "连续参保（到期后30天内续保）无观察期。"
    assert t.deadline == "请自出院之日起730日内（两年）申请，逾期不予受理。"
    assert "参保年龄：16周岁至60周岁" in t.cost[2]
    assert t.disease_classes == ()


def test_ningbo_tiers():
    t = text_of("ningbo-2027.toml")
    assert t.cost[0] == "每人每年100元。"
    assert "政策范围内个人自付：3000元以内部分按80%、超过3000元部分按10%给付。" in t.benefits[0]
    assert "最低" not in t.benefits[0]
    assert "每人每个保障年度累计最高给付50000元。" in t.benefits


def test_ningbo_three_tiers_and_a_deductible():
    t = text_of(
        "ningbo-2027.toml",
        (
            "tiers",
            'tiers = [{ up_to = "3000.00", rate = "0.80" }, { up_to = "8000.00", rate = "0.50" }, { rate = "0.10" }]',
        ),
        ("deductible", 'deductible = "500.00"'),
    )
    assert "扣除起付线500元后，3000元以内部分按80%、3000元至8000元部分按50%、超过8000元部分按10%给付" in t.benefits[0]


def test_qinghe_basis_deductible_allowance():
    t = text_of("qinghe-2027.toml")
    assert "住院费用经医保报销后，个人自付（政策范围内外合计）超过起付线1200元的部分按60%给付。" in t.benefits[0]
    assert "住院5天及以上的，另按每天50元给付住院津贴。" in t.benefits
    assert t.deadline == "请自出院之日起365日内（一年）申请，逾期不予受理。"


def test_critical_illness():
    t = text_of("critical-illness-2027.toml")
    assert t.kind_label == "定额给付"
    assert t.cost[0] == "每份每年30元，每人最多参加3份（3份共90元）。"
    assert t.benefits[0].startswith("保障期内经二级及以上医院确诊下列疾病之一的")
    a, b = t.disease_classes
    assert (a.name, a.per_share, a.most, a.diseases[0]) == ("A", Decimal("10000.00"), Decimal("30000.00"), "恶性肿瘤")
    assert b.diseases == ("原位癌",)
    assert "A类疾病每份给付10000元（最多3份共30000元）：恶性肿瘤、急性心肌梗塞" in "".join(t.benefits)
    assert "B类疾病每份给付3000元（最多3份共9000元）：原位癌。" in t.benefits
    assert "每人每个保障年度只给付一次。" in t.benefits
    assert "观察期内确诊的不予给付" in t.waiting[0]
    assert t.deadline.startswith("请自确诊之日起730日内（两年）")


@pytest.mark.parametrize(
    ("name", "key", "line", "before", "after"),
    [
        ("shangluo-2027.toml", "premium_per_share", 'premium_per_share = "120.00"', "每人每年95元", "每人每年120元"),
        ("shangluo-2027.toml", "tiers", 'tiers = [{ rate = "0.65" }]', "部分按70%给付", "部分按65%给付"),
        ("shangluo-2027.toml", "min_payout", 'min_payout = "200.00"', "每次最低300元", "每次最低200元"),
        ("shangluo-2027.toml", "min_payout", 'min_payout = "0.00"', "每次最低300元", "按70%给付。"),
        ("shangluo-2027.toml", "waiting_days", "waiting_days = 60", "观察期90天", "观察期60天"),
        ("shangluo-2027.toml", "waiting_days", "waiting_days = 0", "观察期90天", "本计划无观察期"),
        ("shangluo-2027.toml", "renewal_grace_days", "renewal_grace_days = 60", "到期后30天内续保", "到期后60天内续保"),
        ("shangluo-2027.toml", "claim_deadline_days", "claim_deadline_days = 180", "730日内（两年）", "180日内申请"),
        ("shangluo-2027.toml", "min_age", "min_age = 18", "16周岁至60周岁", "18周岁至60周岁"),
        ("shangluo-2027.toml", "max_age", "max_age = 65", "16周岁至60周岁", "16周岁至65周岁"),
        (
            "shangluo-2027.toml",
            "min_hospital_grade",
            "min_hospital_grade = 2",
            "住院医院等级不限",
            "须在二级及以上医院住院",
        ),
        ("shangluo-2027.toml", "annual_cap", 'annual_cap = "0.00"', "累计最高给付30000元", None),
        ("shangluo-2027.toml", "per_claim_cap", 'per_claim_cap = "5000.00"', None, "每次最高给付5000元"),
        ("shangluo-2027.toml", "max_claims", "max_claims = 2", None, "每个保障年度最多给付2次"),
        (
            "shangluo-2027.toml",
            "basis",
            'basis = "all_self_pay"',
            "政策范围内个人自付部分",
            "个人自付（政策范围内外合计）部分按70%",
        ),
        ("shangluo-2027.toml", "period_end", "period_end = 2027-06-30", "每人每年95元", "每人每期95元"),
        (
            "ningbo-2027.toml",
            "tiers",
            'tiers = [{ up_to = "5000.00", rate = "0.75" }, { rate = "0.20" }]',
            "3000元以内部分按80%、超过3000元部分按10%",
            "5000元以内部分按75%、超过5000元部分按20%",
        ),
        ("qinghe-2027.toml", "deductible", 'deductible = "1000.00"', "超过起付线1200元", "超过起付线1000元"),
        ("qinghe-2027.toml", "daily_allowance", 'daily_allowance = "80.00"', "每天50元", "每天80元"),
        ("qinghe-2027.toml", "allowance_min_days", "allowance_min_days = 3", "住院5天及以上", "住院3天及以上"),
        ("qinghe-2027.toml", "allowance_max_days", "allowance_max_days = 30", None, "每天50元给付住院津贴，最多30天"),
        ("qinghe-2027.toml", "daily_allowance", 'daily_allowance = "0.00"', "住院津贴", None),
        (
            "critical-illness-2027.toml",
            "max_shares",
            "max_shares = 2",
            "最多参加3份（3份共90元）",
            "最多参加2份（2份共60元）",
        ),
        (
            "critical-illness-2027.toml",
            "amounts",
            'amounts = { A = "20000.00", B = "3000.00" }',
            "A类疾病每份给付10000元（最多3份共30000元）",
            "A类疾病每份给付20000元（最多3份共60000元）",
        ),
        ("critical-illness-2027.toml", "once_per_period", "once_per_period = false", "只给付一次", None),
        (
            "critical-illness-2027.toml",
            "min_hospital_grade",
            "min_hospital_grade = 3",
            "经二级及以上医院",
            "经三级及以上医院",
        ),
    ],
)
def test_a_changed_number_changes_the_sentence(name, key, line, before, after):
    """`before` is in the plan's text and not after the change; `after` only after it (None: no such text)."""
    original, changed = joined(name), joined(name, (key, line))
    if before is not None:
        assert before in original and before not in changed
    if after is not None:
        assert after not in original and after in changed
