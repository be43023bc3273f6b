"""Sane bounds of a plan file's numbers and dates (domain/plan.py), the field named by its path: a plan with
waiting_days = 9223372036854775807 is refused (it was accepted and then crashed every member search)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mutualaid_desktop.domain.errors import PlanError
from mutualaid_desktop.domain.plan import (
    BOUNDS,
    MAX_BENEFIT,
    MAX_DAILY_ALLOWANCE,
    MAX_PERIOD_DAYS,
    MAX_PREMIUM,
    MAX_TIERS,
    YEARS,
    load_plan,
)

from .plans import PLAN_FILES, edit, plan_text

SHANGLUO = plan_text("shangluo-2027.toml")
CRITICAL = plan_text("critical-illness-2027.toml")
HUGE = 9223372036854775807

TOP = (
    "max_shares",
    "waiting_days",
    "renewal_grace_days",
    "claim_deadline_days",
    "min_age",
    "max_age",
    "min_hospital_grade",
)
REIMBURSEMENT = ("max_claims", "allowance_min_days", "allowance_max_days")


def refused(text: str, field: str, codes=("range",)) -> str:
    with pytest.raises(PlanError) as info:
        load_plan(text)
    assert info.value.field == field, str(info.value)
    assert info.value.code in codes, str(info.value)
    assert f"（{field}）" in info.value.message  # the message names the field by its path
    return info.value.message


@pytest.mark.parametrize("name", PLAN_FILES)
def test_the_real_plans_are_within_the_bounds(name):
    load_plan(plan_text(name))


def test_the_huge_waiting_period_is_refused():
    message = refused(edit(SHANGLUO, "waiting_days", f"waiting_days = {HUGE}"), "waiting_days")
    assert message.startswith("观察期天数（waiting_days）应在0到366之间")


def text_with(key: str, value: int) -> tuple[str, str]:
    """A plan with `key` set to `value`, and the field's path."""
    if key in REIMBURSEMENT:
        return edit(SHANGLUO, key, f"{key} = {value}"), f"reimbursement.{key}"
    base = CRITICAL if key == "max_shares" else SHANGLUO  # reimbursement plans have exactly one share
    if key == "min_age":
        base = edit(base, "max_age", "max_age = 120")
    if key == "max_age":
        base = edit(base, "min_age", "min_age = 0")
    return edit(base, key, f"{key} = {value}"), key


@pytest.mark.parametrize("key", TOP + REIMBURSEMENT)
def test_every_whole_number_at_and_beyond_its_bounds(key):
    minimum, maximum = BOUNDS[key]
    for value in (minimum, maximum):
        text, _ = text_with(key, value)
        if (key == "max_shares" and value > 1) or key != "max_shares":
            load_plan(text)
    for value in (maximum + 1, HUGE) + ((minimum - 1,) if minimum > 0 else ()):
        text, field = text_with(key, value)
        refused(text, field)


def test_the_plan_year():
    assert YEARS == (2000, 2100)
    far = SHANGLUO.replace("2027-", "2101-")
    refused(far, "period_start")
    refused(edit(SHANGLUO, "period_start", "period_start = 1999-12-31"), "period_start")
    refused(edit(SHANGLUO, "period_end", "period_end = 2101-01-01"), "period_end")
    start = date(2027, 1, 1)
    longest = start + timedelta(days=MAX_PERIOD_DAYS - 1)
    assert load_plan(edit(SHANGLUO, "period_end", f"period_end = {longest}")).period_end == longest
    message = refused(edit(SHANGLUO, "period_end", f"period_end = {longest + timedelta(days=1)}"), "period_end")
    assert f"共 {MAX_PERIOD_DAYS + 1} 天" in message
    leap = edit(edit(SHANGLUO, "period_start", "period_start = 2028-01-01"), "period_end", "period_end = 2028-12-31")
    assert (load_plan(leap).period_end - load_plan(leap).period_start).days == 365


def test_the_number_of_tiers():
    tiers = ", ".join(f'{{ up_to = "{1000 * (k + 1)}.00", rate = "0.50" }}' for k in range(MAX_TIERS - 1))
    most = edit(SHANGLUO, "tiers", f'tiers = [{tiers}, {{ rate = "0.10" }}]')
    assert len(load_plan(most).reimbursement.tiers) == MAX_TIERS
    tiers = ", ".join(f'{{ up_to = "{1000 * (k + 1)}.00", rate = "0.50" }}' for k in range(MAX_TIERS))
    refused(edit(SHANGLUO, "tiers", f'tiers = [{tiers}, {{ rate = "0.10" }}]'), "reimbursement.tiers")


@pytest.mark.parametrize(
    ("text", "key", "field", "cap"),
    [
        (SHANGLUO, "premium_per_share", "premium_per_share", MAX_PREMIUM),
        (SHANGLUO, "deductible", "reimbursement.deductible", MAX_BENEFIT),
        (SHANGLUO, "min_payout", "reimbursement.min_payout", MAX_BENEFIT),
        (SHANGLUO, "per_claim_cap", "reimbursement.per_claim_cap", MAX_BENEFIT),
        (SHANGLUO, "annual_cap", "reimbursement.annual_cap", MAX_BENEFIT),
        (SHANGLUO, "daily_allowance", "reimbursement.daily_allowance", MAX_DAILY_ALLOWANCE),
    ],
)
def test_amounts_and_caps(text, key, field, cap):
    load_plan(edit(text, key, f'{key} = "{cap}"'))
    message = refused(edit(text, key, f'{key} = "{cap + 1}"'), field)
    assert f"不能超过{cap:,}元" in message
    refused(edit(text, key, f'{key} = "{HUGE}"'), field, codes=("range", "too_large"))


def test_tier_bounds_and_lump_sums():
    refused(
        edit(SHANGLUO, "tiers", f'tiers = [{{ up_to = "{MAX_BENEFIT + 1}", rate = "0.8" }}, {{ rate = "0.1" }}]'),
        "reimbursement.tiers[0].up_to",
    )
    refused(edit(CRITICAL, "amounts", f'amounts = {{ A = "{MAX_BENEFIT + 1}", B = "3000.00" }}'), "lump_sum.amounts.A")
