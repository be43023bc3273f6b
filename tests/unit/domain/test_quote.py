import json
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.idcard import make_id_number
from mutualaid_desktop.domain.plan import Plan, Tier, load_plan
from mutualaid_desktop.domain.quote import (
    FACT_LABELS,
    REASON_CODES,
    REASON_LABELS,
    LumpSumFacts,
    Quote,
    QuoteLine,
    ReimbursementFacts,
    parse_claim_facts,
    quote_claim,
)

from .plans import plan_text

D = Decimal
TODAY = date(2027, 6, 1)
SHANGLUO = load_plan(plan_text("shangluo-2027.toml"))
NINGBO = load_plan(plan_text("ningbo-2027.toml"))
QINGHE = load_plan(plan_text("qinghe-2027.toml"))
CRITICAL = load_plan(plan_text("critical-illness-2027.toml"))

# The spec's example facts.
STAY = {
    "id_number": "61100219800501123X",
    "cover_start": "2027-01-01", "cover_end": "2027-12-31", "continuous": False, "shares": 1,
    "admission_date": "2027-05-03", "discharge_date": "2027-05-10", "received_date": "2027-05-20",
    "hospital_grade": 2, "invoice_number": "61000012345",
    "previous_invoice_numbers": [],
    "total_cost": "12000.00", "fund_paid": "9000.00",
    "in_scope_self_pay": "2500.00", "out_of_scope_self_pay": "500.00",
    "paid_before": "0.00", "claims_before": 0,
}  # fmt: skip
DIAGNOSIS = {
    "id_number": "61100219800501123X",
    "cover_start": "2027-01-01", "cover_end": "2027-12-31", "continuous": False, "shares": 1,
    "diagnosis": "恶性肿瘤", "diagnosis_date": "2027-05-03", "received_date": "2027-05-20",
    "hospital_grade": 3, "claims_before": 0,
}  # fmt: skip


def costs(in_scope: str, out_of_scope: str = "0.00", fund: str = "1000.00") -> dict:
    """Cost fields that add up."""
    total = D(in_scope) + D(out_of_scope) + D(fund)
    return {
        "in_scope_self_pay": in_scope,
        "out_of_scope_self_pay": out_of_scope,
        "fund_paid": fund,
        "total_cost": str(total),
    }


def stay_of(days: int, admission: str = "2027-05-03") -> dict:
    start = date.fromisoformat(admission)
    return {"admission_date": admission, "discharge_date": (start + timedelta(days=days)).isoformat()}


def rules(plan: Plan, **changes) -> Plan:
    """`plan` with its reimbursement rules changed."""
    return replace(plan, reimbursement=replace(plan.reimbursement, **changes))


def quote(plan: Plan, base: dict = STAY, **changes) -> Quote:
    return quote_claim(plan, parse_claim_facts({**base, **changes}, plan, today=TODAY))


def reasons(plan: Plan, base: dict = STAY, **changes) -> tuple[str, ...]:
    return quote(plan, base, **changes).reasons


def input_error(plan: Plan, data: dict) -> InputError:
    with pytest.raises(InputError) as info:
        parse_claim_facts(data, plan, today=TODAY)
    return info.value


class TestExamples:
    def test_shangluo_70_percent(self):
        result = quote(SHANGLUO)
        assert result.eligible and result.reasons == ()
        assert result.payout == D("1750.00") and str(result.payout) == "1750.00"
        assert result.payout_in_words == "人民币壹仟柒佰伍拾元整"
        assert result.stay_days == 7
        assert result.lines == (
            QuoteLine("政策范围内个人自付", D("2500.00")),
            QuoteLine("2500.00元 × 70%", D("1750.00")),
        )

    def test_shangluo_floor_limited_by_total_self_pay(self):
        result = quote(SHANGLUO, **costs("200.00"))
        assert result.payout == D("200.00")  # 140 raised to min(300, 200 + 0)
        assert result.lines[-1] == QuoteLine("按最低给付标准补足至（以个人自付合计为限）", D("200.00"))

    def test_shangluo_floor(self):
        result = quote(SHANGLUO, **costs("200.00", "500.00"))
        assert result.payout == D("300.00")  # 140 raised to min(300, 700)
        assert result.lines[-1] == QuoteLine("按最低给付标准补足至", D("300.00"))

    def test_shangluo_floor_counts_out_of_scope_self_pay(self):
        assert quote(SHANGLUO, **costs("200.00", "50.00")).payout == D("250.00")

    def test_ningbo_two_bands(self):
        result = quote(NINGBO, **costs("5000.00"))
        assert result.payout == D("2600.00")
        assert [(line.label, line.amount) for line in result.lines] == [
            ("政策范围内个人自付", D("5000.00")),
            ("3000.00元以内部分 × 80%", D("2400.00")),
            ("超过3000.00元部分 × 10%", D("200.00")),
        ]

    @pytest.mark.parametrize(
        ("in_scope", "payout"),
        [("2000.00", "1600.00"), ("3000.00", "2400.00"), ("3000.01", "2400.00"), ("3000.10", "2400.01")],
    )
    def test_ningbo_band_boundary(self, in_scope, payout):
        assert quote(NINGBO, **costs(in_scope)).payout == D(payout)

    @pytest.mark.parametrize(
        ("days", "payout"), [(1, "1380.00"), (4, "1380.00"), (5, "1630.00"), (7, "1730.00"), (40, "3380.00")]
    )
    def test_qinghe_all_self_pay_deductible_and_allowance(self, days, payout):
        result = quote(QINGHE, **costs("3000.00", "500.00"), **stay_of(days))
        assert result.payout == D(payout)
        labels = [line.label for line in result.lines]
        assert labels[:3] == ["个人自付合计（政策内+政策外）", "扣除起付线1200.00元后", "2300.00元 × 60%"]
        assert result.lines[1].amount == D("2300.00") and result.lines[2].amount == D("1380.00")
        if days >= 5:
            assert result.lines[3] == QuoteLine(f"住院津贴 {days}天 × 50.00元", D(50) * days)
        else:
            assert len(result.lines) == 3

    def test_critical_illness_three_shares(self):
        result = quote(CRITICAL, DIAGNOSIS, shares=3)
        assert result.eligible and result.payout == D("30000.00")
        assert result.stay_days is None
        assert result.lines == (QuoteLine("A类疾病（恶性肿瘤）每份10000.00元 × 3份", D("30000.00")),)

    def test_critical_illness_class_b(self):
        assert quote(CRITICAL, DIAGNOSIS, diagnosis="原位癌", shares=2).payout == D("6000.00")


class TestSteps:
    def test_stay_days(self):
        assert quote(SHANGLUO, **stay_of(0)).stay_days == 1  # same day
        assert quote(SHANGLUO, **stay_of(1)).stay_days == 1
        assert quote(SHANGLUO, **stay_of(30)).stay_days == 30

    def test_deductible_larger_than_basis(self):
        plan = rules(QINGHE, min_payout=D("0.00"))
        result = quote(plan, **costs("800.00", "100.00"), **stay_of(2))
        assert result.payout == D("0.00") and result.eligible
        assert result.lines == (
            QuoteLine("个人自付合计（政策内+政策外）", D("900.00")),
            QuoteLine("扣除起付线1200.00元后", D("0.00")),
        )

    def test_deductible_larger_than_basis_with_floor(self):
        plan = rules(QINGHE, min_payout=D("300.00"))
        assert quote(plan, **costs("800.00", "100.00"), **stay_of(2)).payout == D("300.00")

    def test_deductible_on_in_scope_basis(self):
        plan = rules(SHANGLUO, deductible=D("500.00"), min_payout=D("0.00"))
        assert quote(plan).payout == D("1400.00")  # (2500 - 500) x 70 %

    def test_three_bands(self):
        tiers = (Tier(D("1000.00"), D("0.90")), Tier(D("5000.00"), D("0.50")), Tier(None, D("0.10")))
        plan = rules(NINGBO, tiers=tiers)
        result = quote(plan, **costs("6000.00"))
        assert result.payout == D("3000.00")  # 900 + 2000 + 100
        assert [line.label for line in result.lines[1:]] == [
            "1000.00元以内部分 × 90%",
            "1000.00元至5000.00元部分 × 50%",
            "超过5000.00元部分 × 10%",
        ]
        assert quote(plan, **costs("800.00")).payout == D("720.00")
        assert quote(plan, **costs("3000.00")).payout == D("1900.00")

    def test_band_with_rate_zero_is_not_a_line(self):
        plan = rules(NINGBO, tiers=(Tier(D("1000.00"), D("0")), Tier(None, D("0.50"))))
        result = quote(plan, **costs("3000.00"))
        assert result.payout == D("1000.00")
        assert [line.label for line in result.lines] == ["政策范围内个人自付", "超过1000.00元部分 × 50%"]

    def test_all_self_pay_basis(self):
        plan = rules(SHANGLUO, basis="all_self_pay")
        assert quote(plan).payout == D("2100.00")  # (2500 + 500) x 70 %

    def test_allowance_max_days(self):
        plan = rules(QINGHE, allowance_max_days=10)
        assert quote(plan, **costs("1200.00"), **stay_of(15)).payout == D("500.00")
        assert quote(plan, **costs("1200.00"), **stay_of(10)).payout == D("500.00")
        assert quote(plan, **costs("1200.00"), **stay_of(9)).payout == D("450.00")

    def test_allowance_min_days_zero_pays_every_stay(self):
        plan = rules(SHANGLUO, daily_allowance=D("20.00"), allowance_min_days=0)
        assert quote(plan, **stay_of(0)).payout == D("1770.00")  # a one-day stay

    def test_floor_not_applied_when_amount_is_higher(self):
        assert not any("最低" in line.label for line in quote(SHANGLUO).lines)

    def test_per_claim_cap(self):
        plan = rules(SHANGLUO, per_claim_cap=D("1000.00"))
        result = quote(plan)
        assert result.payout == D("1000.00")
        assert result.lines[-1] == QuoteLine("单次给付上限", D("1000.00"))
        assert quote(plan, **costs("1428.57")).payout == D("1000.00")  # 999.999 -> not capped, rounded

    def test_per_claim_cap_below_the_floor(self):
        plan = rules(SHANGLUO, per_claim_cap=D("200.00"))
        assert quote(plan, **costs("100.00", "500.00")).payout == D("200.00")

    def test_annual_cap_partly_used(self):
        result = quote(SHANGLUO, paid_before="29000.00")
        assert result.payout == D("1000.00")
        assert result.lines[-1] == QuoteLine("年度限额剩余", D("1000.00"))

    def test_annual_cap_one_fen_left(self):
        assert quote(SHANGLUO, paid_before="29999.99").payout == D("0.01")

    def test_annual_cap_not_reached(self):
        result = quote(SHANGLUO, paid_before="28250.00")
        assert result.payout == D("1750.00") and len(result.lines) == 2

    def test_no_annual_cap(self):
        plan = rules(SHANGLUO, annual_cap=D("0"))
        assert quote(plan, paid_before="1000000.00").payout == D("1750.00")

    def test_per_claim_cap_then_annual_cap(self):
        plan = rules(SHANGLUO, per_claim_cap=D("1500.00"))
        result = quote(plan, paid_before="28800.00")
        assert result.payout == D("1200.00")
        assert [line.label for line in result.lines[-2:]] == ["单次给付上限", "年度限额剩余"]

    def test_rounded_half_up_at_the_end(self):
        plan = rules(SHANGLUO, min_payout=D("0"))
        result = quote(plan, **costs("0.05"))
        assert result.payout == D("0.04")  # 0.035
        assert result.lines[-2].amount == D("0.035")
        assert result.lines[-1] == QuoteLine("四舍五入到分", D("0.04"))

    def test_rounded_only_once(self):
        # Each band gives 0.005; rounding each band would pay 0.02.
        tiers = (Tier(D("0.01"), D("0.5")), Tier(None, D("0.5")))
        plan = rules(NINGBO, tiers=tiers)
        assert quote(plan, **costs("0.02")).payout == D("0.01")

    def test_long_rate(self):
        plan = rules(SHANGLUO, tiers=(Tier(None, D("0.333333")),), min_payout=D("0"))
        assert quote(plan, **costs("100.01")).payout == D("33.34")  # 33.33663333


class TestEligibility:
    def test_not_covered_boundaries(self):
        continuous = {"continuous": True}
        assert reasons(SHANGLUO, **continuous, **stay_of(3, "2027-01-01")) == ()
        assert reasons(SHANGLUO, **continuous, **stay_of(0, "2027-12-31")) == ()
        assert reasons(SHANGLUO, **continuous, **stay_of(3, "2026-12-31")) == ("not_covered",)
        assert reasons(SHANGLUO, **continuous, **stay_of(2, "2028-01-01")) == ("not_covered",)

    def test_not_covered_before_the_cover_start_in_a_waiting_period(self):
        assert reasons(SHANGLUO, **stay_of(3, "2026-12-31")) == ("not_covered", "waiting_period")

    def test_waiting_period_boundary(self):
        # cover_start 2027-01-01 + 90 days = 2027-04-01, the first day a stay may start.
        assert reasons(SHANGLUO, **stay_of(3, "2027-03-31")) == ("waiting_period",)
        assert reasons(SHANGLUO, **stay_of(3, "2027-04-01")) == ()

    def test_no_waiting_period_with_continuous_cover(self):
        assert reasons(SHANGLUO, continuous=True, **stay_of(3, "2027-01-05")) == ()

    def test_deadline_boundary(self):
        # discharge 2027-05-10 + 730 days = 2029-05-09 (2028 is a leap year).
        assert reasons(SHANGLUO, received_date="2029-05-09") == ()
        assert reasons(SHANGLUO, received_date="2029-05-10") == ("deadline_passed",)

    def test_deadline_counts_from_discharge(self):
        plan = replace(SHANGLUO, claim_deadline_days=10)
        assert reasons(plan, **stay_of(20, "2027-05-01"), received_date="2027-05-31") == ()
        assert reasons(plan, **stay_of(20, "2027-05-01"), received_date="2027-06-01") == ("deadline_passed",)

    @pytest.mark.parametrize(
        ("birth", "expected"),
        [
            (date(1966, 1, 2), ()),  # 60 on the cover start: may join
            (date(1966, 1, 1), ("age",)),  # 61
            (date(2011, 1, 1), ()),  # 16
            (date(2011, 1, 2), ("age",)),  # 15
        ],
    )
    def test_age_on_cover_start(self, birth, expected):
        assert reasons(SHANGLUO, id_number=make_id_number("611002", birth, 21)) == expected

    def test_hospital_grade(self):
        plan = replace(SHANGLUO, min_hospital_grade=2)
        assert reasons(plan, hospital_grade=2) == ()
        assert reasons(plan, hospital_grade=3) == ()
        assert reasons(plan, hospital_grade=1) == ("hospital_grade",)
        assert reasons(SHANGLUO, hospital_grade=0) == ()

    def test_max_claims(self):
        plan = rules(SHANGLUO, max_claims=2)
        assert reasons(plan, claims_before=1) == ()
        assert reasons(plan, claims_before=2) == ("max_claims",)
        assert reasons(SHANGLUO, claims_before=50) == ()  # 0 = no limit

    def test_annual_cap_reached(self):
        assert reasons(SHANGLUO, paid_before="30000.00") == ("annual_cap_reached",)
        assert reasons(SHANGLUO, paid_before="31000.00") == ("annual_cap_reached",)

    def test_duplicate_invoice(self):
        assert reasons(SHANGLUO, previous_invoice_numbers=["61000012345"]) == ("duplicate",)
        assert reasons(SHANGLUO, previous_invoice_numbers=["61000012346"]) == ()

    def test_duplicate_invoice_written_differently(self):
        assert reasons(SHANGLUO, previous_invoice_numbers=["６１０００ 012345"]) == ("duplicate",)

    def test_every_reason_in_table_order(self):
        plan = replace(rules(SHANGLUO, max_claims=1), min_hospital_grade=3)
        result = quote(
            plan,
            id_number=make_id_number("611002", date(1950, 1, 1), 22),
            admission_date="2026-12-30", discharge_date="2027-01-02", received_date="2030-01-01",
            hospital_grade=1, claims_before=1, paid_before="30000.00", previous_invoice_numbers=["61000012345"],
        )  # fmt: skip
        assert result.reasons == REASON_CODES[:-1]
        assert (result.eligible, result.payout, result.lines, result.stay_days) == (False, D("0.00"), (), 3)
        assert result.payout_in_words == "人民币零元整"

    def test_lump_sum_reasons(self):
        assert reasons(CRITICAL, DIAGNOSIS, diagnosis="感冒") == ("not_listed",)
        assert reasons(CRITICAL, DIAGNOSIS, claims_before=1) == ("max_claims",)
        assert reasons(CRITICAL, DIAGNOSIS, diagnosis_date="2027-03-31") == ("waiting_period",)
        assert reasons(CRITICAL, DIAGNOSIS, diagnosis_date="2027-04-01") == ()
        assert reasons(CRITICAL, DIAGNOSIS, hospital_grade=1) == ("hospital_grade",)
        # diagnosis 2027-05-03 + 730 days = 2029-05-02
        assert reasons(CRITICAL, DIAGNOSIS, received_date="2029-05-02") == ()
        assert reasons(CRITICAL, DIAGNOSIS, received_date="2029-05-03") == ("deadline_passed",)
        assert reasons(CRITICAL, DIAGNOSIS, diagnosis_date="2028-01-01", received_date="2028-01-02") == ("not_covered",)

    def test_lump_sum_more_claims_when_not_once_per_period(self):
        plan = replace(CRITICAL, lump_sum=replace(CRITICAL.lump_sum, once_per_period=False))
        assert reasons(plan, DIAGNOSIS, claims_before=3) == ()

    def test_lump_sum_duplicate_invoice_when_given(self):
        data = {**DIAGNOSIS, "invoice_number": "A1", "previous_invoice_numbers": ["a1"]}
        assert reasons(CRITICAL, data) == ("duplicate",)

    def test_lump_sum_all_reasons(self):
        result = quote(
            CRITICAL, DIAGNOSIS, diagnosis="感冒", diagnosis_date="2028-02-01", received_date="2031-01-01",
            id_number=make_id_number("611002", date(2015, 1, 1), 22), hospital_grade=0, claims_before=1,
            invoice_number="1", previous_invoice_numbers=["1"],
        )  # fmt: skip
        assert result.reasons == (
            "not_covered", "deadline_passed", "age", "hospital_grade", "max_claims", "duplicate", "not_listed",
        )  # fmt: skip

    def test_reason_codes_and_labels(self):
        assert REASON_CODES == (
            "not_covered", "waiting_period", "deadline_passed", "age", "hospital_grade", "max_claims",
            "annual_cap_reached", "duplicate", "not_listed",
        )  # fmt: skip
        assert set(REASON_LABELS) == set(REASON_CODES)
        assert all(REASON_LABELS.values())
        assert quote(SHANGLUO, hospital_grade=0, claims_before=0, paid_before="30000.00").reason_labels == (
            REASON_LABELS["annual_cap_reached"],
        )


class TestQuoteJson:
    def test_keys_and_values(self):
        data = quote(NINGBO, **costs("5000.00")).to_json_dict()
        assert data == {
            "eligible": True,
            "reasons": [],
            "payout": "2600.00",
            "payout_in_words": "人民币贰仟陆佰元整",
            "stay_days": 7,
            "lines": [
                {"label": "政策范围内个人自付", "amount": "5000.00"},
                {"label": "3000.00元以内部分 × 80%", "amount": "2400.00"},
                {"label": "超过3000.00元部分 × 10%", "amount": "200.00"},
            ],
        }
        json.dumps(data)  # plain JSON types only

    def test_ineligible(self):
        data = quote(SHANGLUO, paid_before="30000.00").to_json_dict()
        assert data["eligible"] is False and data["reasons"] == ["annual_cap_reached"]
        assert data["payout"] == "0.00" and data["lines"] == []

    def test_lump_sum_has_no_stay_days(self):
        assert quote(CRITICAL, DIAGNOSIS).to_json_dict()["stay_days"] is None

    def test_exact_step_amount_keeps_its_decimals(self):
        plan = rules(SHANGLUO, min_payout=D("0"))
        lines = quote(plan, **costs("0.05")).to_json_dict()["lines"]
        assert [line["amount"] for line in lines] == ["0.05", "0.035", "0.04"]

    def test_quote_needs_facts_of_the_plan_kind(self):
        facts = parse_claim_facts(STAY, SHANGLUO, today=TODAY)
        with pytest.raises(TypeError):
            quote_claim(CRITICAL, facts)


class TestFacts:
    def test_parsed(self):
        facts = parse_claim_facts(STAY, SHANGLUO, today=TODAY)
        assert isinstance(facts, ReimbursementFacts)
        assert facts.id_number.normalized == "61100219800501123X"
        assert facts.cover_start == date(2027, 1, 1) and facts.discharge_date == date(2027, 5, 10)
        assert facts.total_cost == D("12000.00") and facts.previous_invoice_numbers == ()
        assert (facts.continuous, facts.shares, facts.hospital_grade, facts.claims_before) == (False, 1, 2, 0)

    def test_lump_sum_parsed(self):
        facts = parse_claim_facts(DIAGNOSIS, CRITICAL, today=TODAY)
        assert isinstance(facts, LumpSumFacts)
        assert (facts.diagnosis, facts.diagnosis_date, facts.hospital_grade, facts.invoice_number) == (
            "恶性肿瘤", date(2027, 5, 3), 3, None,
        )  # fmt: skip

    def test_json_with_decimals_and_ints(self):
        data = json.loads(json.dumps(STAY).replace('"2500.00"', "2500.00").replace('"500.00"', "500"), parse_float=D)
        facts = parse_claim_facts(data, SHANGLUO, today=TODAY)
        assert facts.in_scope_self_pay == D("2500.00") and facts.out_of_scope_self_pay == D("500.00")

    def test_date_objects(self):
        facts = parse_claim_facts({**STAY, "cover_start": date(2027, 1, 1)}, SHANGLUO, today=TODAY)
        assert facts.cover_start == date(2027, 1, 1)

    def test_unknown_keys_are_ignored(self):
        assert parse_claim_facts({**STAY, "member_name": "张三"}, SHANGLUO, today=TODAY).shares == 1

    def test_json_round_trip(self):
        facts = parse_claim_facts(STAY, SHANGLUO, today=TODAY)
        assert facts.to_json_dict() == STAY
        lump = parse_claim_facts(DIAGNOSIS, CRITICAL, today=TODAY)
        assert parse_claim_facts(lump.to_json_dict(), CRITICAL, today=TODAY) == lump

    def test_labels_cover_every_field(self):
        assert set(STAY) | set(DIAGNOSIS) <= set(FACT_LABELS)


class TestFactErrors:
    @pytest.mark.parametrize("key", list(STAY))
    def test_missing_field(self, key):
        data = {k: v for k, v in STAY.items() if k != key}
        error = input_error(SHANGLUO, data)
        assert (error.field, error.code) == (key, "missing")
        assert FACT_LABELS[key] in error.message

    @pytest.mark.parametrize("key", [k for k in DIAGNOSIS if k != "hospital_grade"])
    def test_missing_lump_sum_field(self, key):
        data = {k: v for k, v in DIAGNOSIS.items() if k != key}
        assert (input_error(CRITICAL, data).field, input_error(CRITICAL, data).code) == (key, "missing")

    def test_hospital_grade_needed_when_the_plan_sets_a_grade(self):
        data = {k: v for k, v in DIAGNOSIS.items() if k != "hospital_grade"}
        error = input_error(CRITICAL, data)
        assert (error.field, error.code) == ("hospital_grade", "missing") and "二级" in error.message

    def test_hospital_grade_optional_otherwise(self):
        plan = replace(CRITICAL, min_hospital_grade=0)
        data = {k: v for k, v in DIAGNOSIS.items() if k != "hospital_grade"}
        facts = parse_claim_facts(data, plan, today=TODAY)
        assert facts.hospital_grade is None
        assert quote_claim(plan, facts).eligible

    def test_not_a_dict(self):
        assert input_error(SHANGLUO, ["x"]).code == "type"  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("key", "value", "code"),
        [
            ("admission_date", "2027/05/03", "type"),
            ("admission_date", "2027-02-30", "date"),
            ("received_date", 20270520, "type"),
            ("continuous", "false", "type"),
            ("continuous", 0, "type"),
            ("shares", "1", "type"),
            ("shares", True, "type"),
            ("shares", 0, "range"),
            ("shares", 2, "range"),
            ("hospital_grade", 4, "range"),
            ("hospital_grade", -1, "range"),
            ("claims_before", -1, "range"),
            ("claims_before", 1.0, "type"),
            ("invoice_number", "", "empty"),
            ("invoice_number", 61000012345, "type"),
            ("previous_invoice_numbers", "61000012345", "type"),
            ("total_cost", "-12000.00", "negative"),
            ("fund_paid", "abc", "format"),
            ("in_scope_self_pay", 2500.0, "float"),
            ("out_of_scope_self_pay", "500.001", "decimals"),
            ("paid_before", "-1", "negative"),
        ],
    )
    def test_malformed(self, key, value, code):
        error = input_error(SHANGLUO, {**STAY, key: value})
        assert (error.field, error.code) == (key, code), str(error)
        assert FACT_LABELS[key] in error.message

    def test_previous_invoice_number_not_text(self):
        error = input_error(SHANGLUO, {**STAY, "previous_invoice_numbers": ["1", 2]})
        assert error.field == "previous_invoice_numbers[1]"

    def test_discharge_before_admission(self):
        error = input_error(SHANGLUO, {**STAY, "discharge_date": "2027-05-02"})
        assert (error.field, error.code) == ("discharge_date", "order")
        assert "2027-05-02" in error.message and "2027-05-03" in error.message

    def test_cover_end_before_cover_start(self):
        assert input_error(SHANGLUO, {**STAY, "cover_end": "2026-12-31"}).field == "cover_end"

    @pytest.mark.parametrize(
        ("text", "code"), [("61100219800501124X", "check_character"), ("6110", "length"), ("", "empty")]
    )
    def test_invalid_id_number(self, text, code):
        error = input_error(SHANGLUO, {**STAY, "id_number": text})
        assert (error.field, error.code) == ("id_number", code)

    def test_id_number_born_in_the_future_of_today(self):
        text = make_id_number("611002", date(2027, 7, 1), 21)
        assert input_error(SHANGLUO, {**STAY, "id_number": text}).code == "birth_date_future"

    def test_id_number_not_text(self):
        assert input_error(SHANGLUO, {**STAY, "id_number": 61100219800501123}).field == "id_number"

    def test_total_cost_must_add_up(self):
        error = input_error(SHANGLUO, {**STAY, "total_cost": "12000.02"})
        assert (error.field, error.code) == ("total_cost", "total_mismatch")
        assert "12000.02" in error.message and "12000.00" in error.message

    @pytest.mark.parametrize("total", ["12000.01", "11999.99"])
    def test_total_cost_may_differ_by_one_fen(self, total):
        assert parse_claim_facts({**STAY, "total_cost": total}, SHANGLUO, today=TODAY).total_cost == D(total)

    def test_lump_sum_shares_up_to_the_plan(self):
        assert parse_claim_facts({**DIAGNOSIS, "shares": 3}, CRITICAL, today=TODAY).shares == 3
        error = input_error(CRITICAL, {**DIAGNOSIS, "shares": 4})
        assert (error.field, error.code) == ("shares", "range") and "3" in error.message

    def test_lump_sum_diagnosis_not_empty(self):
        assert input_error(CRITICAL, {**DIAGNOSIS, "diagnosis": "  "}).code == "empty"
