from dataclasses import FrozenInstanceError
from datetime import date, timedelta
from decimal import Decimal

import pytest

from mutualaid_desktop.domain.errors import PlanError
from mutualaid_desktop.domain.plan import (
    LUMP_SUM_FIELDS,
    PLAN_FIELDS,
    REIMBURSEMENT_FIELDS,
    Plan,
    Tier,
    load_plan,
    load_plan_file,
)

from .plans import PLAN_FILES, PLANS_DIR, edit, plan_text

D = Decimal
SHANGLUO = plan_text("shangluo-2027.toml")
NINGBO = plan_text("ningbo-2027.toml")
CRITICAL = plan_text("critical-illness-2027.toml")


def refused(text: str, field: str | None, code: str | None = None) -> PlanError:
    with pytest.raises(PlanError) as info:
        load_plan(text)
    assert info.value.field == field, str(info.value)
    if code is not None:
        assert info.value.code == code, str(info.value)
    return info.value


class TestExamplePlans:
    @pytest.mark.parametrize("name", PLAN_FILES)
    def test_loads(self, name):
        plan = load_plan_file(PLANS_DIR / name)
        assert plan.source == plan_text(name)
        assert (plan.reimbursement is None) != (plan.lump_sum is None)

    def test_shangluo(self):
        plan = load_plan(SHANGLUO)
        assert (plan.code, plan.kind, plan.premium_per_share) == ("SL-ZY-2027", "reimbursement", D("95.00"))
        assert plan.max_shares == 1
        assert (plan.period_start, plan.period_end) == (date(2027, 1, 1), date(2027, 12, 31))
        assert (plan.waiting_days, plan.renewal_grace_days, plan.claim_deadline_days) == (90, 30, 730)
        assert (plan.min_age, plan.max_age, plan.min_hospital_grade) == (16, 60, 0)
        rules = plan.reimbursement
        assert rules.basis == "in_scope"
        assert rules.tiers == (Tier(None, D("0.70")),)
        assert rules.min_payout == D("300.00") and rules.annual_cap == D("30000.00")
        assert rules.per_claim_cap == 0 and rules.deductible == 0 and rules.max_claims == 0
        assert plan.lump_sum is None

    def test_ningbo_tiers(self):
        assert load_plan(NINGBO).reimbursement.tiers == (Tier(D("3000.00"), D("0.80")), Tier(None, D("0.10")))

    def test_qinghe(self):
        rules = load_plan(plan_text("qinghe-2027.toml")).reimbursement
        assert (rules.basis, rules.deductible, rules.tiers) == ("all_self_pay", D("1200.00"), (Tier(None, D("0.60")),))
        assert (rules.daily_allowance, rules.allowance_min_days) == (D("50.00"), 5)

    def test_critical_illness(self):
        plan = load_plan(CRITICAL)
        assert (plan.kind, plan.max_shares, plan.waiting_days) == ("lump_sum", 3, 90)
        assert plan.lump_sum.amounts == {"A": D("10000.00"), "B": D("3000.00")}
        assert plan.lump_sum.diseases["恶性肿瘤"] == "A" and plan.lump_sum.diseases["原位癌"] == "B"
        assert plan.lump_sum.once_per_period is True
        assert plan.reimbursement is None


class TestPlanObject:
    def test_frozen_equal_and_hashable(self):
        first, second = load_plan(CRITICAL), load_plan(CRITICAL)
        assert first == second and hash(first) == hash(second)
        assert len({load_plan(SHANGLUO), load_plan(SHANGLUO), first}) == 2
        with pytest.raises(FrozenInstanceError):
            first.code = "X"  # type: ignore[misc]

    def test_cover_start_is_the_day_after_payment_but_not_before_the_plan_year(self):
        plan = load_plan(SHANGLUO)
        assert plan.cover_start(date(2026, 12, 10)) == date(2027, 1, 1)
        assert plan.cover_start(date(2026, 12, 31)) == date(2027, 1, 1)
        assert plan.cover_start(date(2027, 3, 5)) == date(2027, 3, 6)

    def test_continuous_cover_within_the_grace_days(self):
        plan = load_plan(SHANGLUO)  # renewal_grace_days = 30
        start = date(2027, 1, 31)
        assert plan.is_continuous(start - timedelta(days=30), start)
        assert not plan.is_continuous(start - timedelta(days=31), start)
        assert plan.is_continuous(date(2027, 12, 31), start)  # overlapping cover
        assert not plan.is_continuous(None, start)

    def test_first_covered_day(self):
        plan = load_plan(SHANGLUO)
        assert plan.first_covered_day(date(2027, 1, 1), continuous=False) == date(2027, 4, 1)
        assert plan.first_covered_day(date(2027, 1, 1), continuous=True) == date(2027, 1, 1)


class TestFile:
    def test_bom(self, tmp_path):
        path = tmp_path / "plan.toml"
        path.write_bytes(b"\xef\xbb\xbf" + SHANGLUO.encode("utf-8"))
        plan = load_plan_file(path)
        assert plan.code == "SL-ZY-2027" and plan.source == SHANGLUO

    def test_bom_in_text(self):
        assert load_plan("\ufeff" + SHANGLUO).source == SHANGLUO

    def test_not_utf8(self, tmp_path):
        path = tmp_path / "plan.toml"
        path.write_bytes(SHANGLUO.encode("gbk"))
        with pytest.raises(PlanError) as info:
            load_plan_file(path)
        assert info.value.code == "encoding" and "UTF-8" in info.value.message

    def test_missing_file(self, tmp_path):
        with pytest.raises(PlanError) as info:
            load_plan_file(tmp_path / "none.toml")
        assert info.value.code == "file"


class TestSyntax:
    def test_syntax_error_names_the_line(self):
        text = SHANGLUO.replace('name = "', "name = ", 1)
        error = refused(text, None, "syntax")
        line = text.splitlines().index(next(li for li in text.splitlines() if li.startswith("name = "))) + 1
        assert f"第{line}行" in error.message


class TestFields:
    @pytest.mark.parametrize("key", PLAN_FIELDS)
    def test_missing_top_level_field(self, key):
        error = refused(edit(SHANGLUO, key, None), key, "missing")
        assert key in error.message

    @pytest.mark.parametrize("key", [k for k in REIMBURSEMENT_FIELDS])
    def test_missing_reimbursement_field(self, key):
        refused(edit(SHANGLUO, key, None), f"reimbursement.{key}", "missing")

    @pytest.mark.parametrize("key", ["amounts", "once_per_period"])
    def test_missing_lump_sum_field(self, key):
        refused(edit(CRITICAL, key, None), f"lump_sum.{key}", "missing")

    def test_missing_diseases(self):
        text = CRITICAL.split("[lump_sum.diseases]")[0]
        refused(text, "lump_sum.diseases", "missing")

    def test_lump_sum_fields_are_known(self):
        assert set(LUMP_SUM_FIELDS) == {"amounts", "diseases", "once_per_period"}

    def test_unknown_top_level_field(self):
        error = refused(SHANGLUO.replace("waiting_days = 90", "waitng_days = 90"), "waitng_days", "unknown")
        assert "waitng_days" in error.message

    def test_unknown_reimbursement_field(self):
        refused(SHANGLUO + 'co_pay = "0.10"\n', "reimbursement.co_pay", "unknown")

    def test_unknown_tier_field(self):
        text = edit(SHANGLUO, "tiers", 'tiers = [{ rate = "0.70", cap = "1" }]')
        refused(text, "reimbursement.tiers[0].cap", "unknown")

    def test_unknown_lump_sum_field(self):
        text = CRITICAL.replace("once_per_period = true", "once_per_period = true\nextra = 1")
        refused(text, "lump_sum.extra", "unknown")

    def test_section_of_the_wrong_kind(self):
        text = SHANGLUO + '\n[lump_sum]\namounts = { A = "1.00" }\ndiseases = { "X" = "A" }\nonce_per_period = true\n'
        refused(text, "lump_sum", "section")
        refused(edit(CRITICAL, "kind", 'kind = "reimbursement"'), "lump_sum", "section")

    def test_section_of_the_kind_missing(self):
        text = edit(SHANGLUO, "kind", 'kind = "lump_sum"')
        text = text.split("[reimbursement]")[0]
        refused(text, "lump_sum", "missing")

    def test_section_that_is_not_a_table(self):
        text = SHANGLUO.split("[reimbursement]")[0] + "reimbursement = 5\n"
        refused(text, "reimbursement", "type")

    @pytest.mark.parametrize("value", ['"loan"', '""', "1"])
    def test_kind(self, value):
        refused(edit(SHANGLUO, "kind", f"kind = {value}"), "kind")

    @pytest.mark.parametrize("value", ['""', '"  "', "5"])
    def test_code_is_non_empty_text(self, value):
        refused(edit(SHANGLUO, "code", f"code = {value}"), "code")


class TestMoneyFields:
    def test_float_is_refused_with_advice(self):
        error = refused(edit(SHANGLUO, "premium_per_share", "premium_per_share = 95.00"), "premium_per_share", "float")
        assert '带引号的字符串，如 "95.00"' in error.message

    def test_int_is_refused(self):
        refused(edit(SHANGLUO, "premium_per_share", "premium_per_share = 95"), "premium_per_share", "type")

    @pytest.mark.parametrize(("value", "code"), [('"-1.00"', "negative"), ('"1.005"', "decimals"), ('"abc"', "format")])
    def test_bad_amount(self, value, code):
        refused(edit(SHANGLUO, "min_payout", f"min_payout = {value}"), "reimbursement.min_payout", code)

    def test_amount_in_any_accepted_writing(self):
        plan = load_plan(edit(SHANGLUO, "annual_cap", 'annual_cap = "￥30,000"'))
        assert plan.reimbursement.annual_cap == D("30000.00")


class TestRates:
    @pytest.mark.parametrize("value", ['"0"', '"1"', '"0.7"', '"0.125"', '"1.00"', '"0.1234567891"'])
    def test_accepted(self, value):
        text = edit(SHANGLUO, "tiers", f"tiers = [{{ rate = {value} }}]")
        assert load_plan(text).reimbursement.tiers[0].rate == D(value.strip('"'))

    @pytest.mark.parametrize(
        ("value", "code"),
        [
            ("0.70", "type"),
            ("1", "type"),
            ('"1.01"', "rate"),
            ('"-0.1"', "rate"),
            ('"70%"', "rate"),
            ('"abc"', "rate"),
            ('""', "rate"),
            ("true", "type"),
            ('"0.12345678901"', "rate"),
        ],
    )
    def test_refused(self, value, code):
        text = edit(SHANGLUO, "tiers", f'tiers = [{{ up_to = "100.00", rate = "0.5" }}, {{ rate = {value} }}]')
        refused(text, "reimbursement.tiers[1].rate", code)


class TestTiers:
    def test_empty(self):
        refused(edit(SHANGLUO, "tiers", "tiers = []"), "reimbursement.tiers", "empty")

    def test_not_a_list(self):
        refused(edit(SHANGLUO, "tiers", 'tiers = "0.70"'), "reimbursement.tiers", "type")

    def test_tier_not_a_table(self):
        refused(edit(SHANGLUO, "tiers", 'tiers = ["0.70"]'), "reimbursement.tiers[0]", "type")

    def test_missing_rate(self):
        text = edit(SHANGLUO, "tiers", 'tiers = [{ up_to = "100.00", rate = "0.5" }, {}]')
        refused(text, "reimbursement.tiers[1].rate", "missing")

    def test_non_last_tier_needs_up_to(self):
        text = edit(SHANGLUO, "tiers", 'tiers = [{ rate = "0.8" }, { rate = "0.1" }]')
        refused(text, "reimbursement.tiers[0].up_to", "missing")

    def test_last_tier_has_no_up_to(self):
        tiers = 'tiers = [{ up_to = "3000.00", rate = "0.8" }, { up_to = "9000.00", rate = "0.1" }]'
        text = edit(SHANGLUO, "tiers", tiers)
        refused(text, "reimbursement.tiers[1].up_to", "last_tier")

    def test_up_to_strictly_increasing(self):
        text = edit(
            SHANGLUO,
            "tiers",
            'tiers = [{ up_to = "3000.00", rate = "0.8" }, { up_to = "3000.00", rate = "0.5" }, { rate = "0.1" }]',
        )
        refused(text, "reimbursement.tiers[1].up_to", "order")

    def test_up_to_above_zero(self):
        text = edit(SHANGLUO, "tiers", 'tiers = [{ up_to = "0.00", rate = "0.8" }, { rate = "0.1" }]')
        refused(text, "reimbursement.tiers[0].up_to", "order")

    def test_three_tiers(self):
        text = edit(
            SHANGLUO,
            "tiers",
            'tiers = [{ up_to = "1000.00", rate = "0.9" }, { up_to = "5000.00", rate = "0.5" }, { rate = "0.1" }]',
        )
        assert [t.up_to for t in load_plan(text).reimbursement.tiers] == [D("1000.00"), D("5000.00"), None]


class TestDates:
    def test_string_date_accepted(self):
        plan = load_plan(edit(SHANGLUO, "period_start", 'period_start = "2027-01-01"'))
        assert plan.period_start == date(2027, 1, 1)

    @pytest.mark.parametrize(
        ("value", "code"),
        [
            ('"2027/01/01"', "type"),
            ('"20270101"', "type"),
            ('"2027-02-30"', "date"),
            ("2027-01-01T08:00:00", "type"),
            ("20270101", "type"),
        ],
    )
    def test_refused(self, value, code):
        refused(edit(SHANGLUO, "period_start", f"period_start = {value}"), "period_start", code)

    def test_end_before_start(self):
        refused(edit(SHANGLUO, "period_end", "period_end = 2026-12-31"), "period_end", "range")

    def test_one_day_period(self):
        plan = load_plan(edit(SHANGLUO, "period_end", "period_end = 2027-01-01"))
        assert plan.period_end == plan.period_start


class TestIntegers:
    @pytest.mark.parametrize(("value", "code"), [("true", "type"), ('"90"', "type"), ("-1", "range"), ("90.0", "type")])
    def test_refused(self, value, code):
        refused(edit(SHANGLUO, "waiting_days", f"waiting_days = {value}"), "waiting_days", code)

    def test_zero_allowed(self):
        assert load_plan(edit(SHANGLUO, "waiting_days", "waiting_days = 0")).waiting_days == 0

    def test_min_age_above_max_age(self):
        refused(edit(SHANGLUO, "min_age", "min_age = 61"), "max_age", "range")

    def test_min_age_equal_max_age(self):
        plan = load_plan(edit(SHANGLUO, "min_age", "min_age = 60"))
        assert plan.min_age == plan.max_age == 60

    @pytest.mark.parametrize("grade", [0, 1, 2, 3])
    def test_hospital_grades(self, grade):
        text = edit(SHANGLUO, "min_hospital_grade", f"min_hospital_grade = {grade}")
        assert load_plan(text).min_hospital_grade == grade

    def test_hospital_grade_above_3(self):
        refused(edit(SHANGLUO, "min_hospital_grade", "min_hospital_grade = 4"), "min_hospital_grade", "range")

    def test_reimbursement_has_one_share(self):
        refused(edit(SHANGLUO, "max_shares", "max_shares = 2"), "max_shares", "range")

    def test_shares_at_least_one(self):
        refused(edit(CRITICAL, "max_shares", "max_shares = 0"), "max_shares", "range")

    def test_reimbursement_integer_field(self):
        refused(edit(SHANGLUO, "max_claims", "max_claims = -1"), "reimbursement.max_claims", "range")


class TestBasis:
    def test_refused(self):
        refused(edit(SHANGLUO, "basis", 'basis = "everything"'), "reimbursement.basis", "choice")


class TestLumpSum:
    def test_disease_class_must_exist(self):
        text = CRITICAL.replace('"原位癌" = "B"', '"原位癌" = "C"')
        error = refused(text, "lump_sum.diseases.原位癌", "unknown_class")
        assert "C" in error.message

    def test_amount_above_zero(self):
        text = edit(CRITICAL, "amounts", 'amounts = { A = "10000.00", B = "0.00" }')
        refused(text, "lump_sum.amounts.B", "range")

    def test_amount_is_money(self):
        text = edit(CRITICAL, "amounts", 'amounts = { A = 10000.0, B = "3000.00" }')
        refused(text, "lump_sum.amounts.A", "float")

    def test_amounts_not_empty(self):
        refused(edit(CRITICAL, "amounts", "amounts = {}"), "lump_sum.amounts", "empty")

    def test_diseases_not_empty(self):
        text = CRITICAL.split("[lump_sum.diseases]")[0]
        text = text.replace("once_per_period = true", "once_per_period = true\ndiseases = {}")
        refused(text, "lump_sum.diseases", "empty")

    def test_disease_class_is_text(self):
        refused(CRITICAL.replace('"原位癌" = "B"', '"原位癌" = 2'), "lump_sum.diseases.原位癌", "type")

    def test_once_per_period_is_bool(self):
        refused(edit(CRITICAL, "once_per_period", 'once_per_period = "yes"'), "lump_sum.once_per_period", "type")


def test_plan_is_a_dataclass_with_the_agreed_fields():
    assert list(Plan.__dataclass_fields__) == [
        "code", "name", "kind", "premium_per_share", "max_shares", "period_start", "period_end", "waiting_days",
        "renewal_grace_days", "claim_deadline_days", "min_age", "max_age", "min_hospital_grade", "reimbursement",
        "lump_sum", "source",
    ]  # fmt: skip
