"""The figures of the monthly cycle against an independent plain-SQL computation of the same definitions
(issue 12), on a demo city with voided receipts, reversed and returned payouts, and receipts dated in the
year before the plan year (the renewal season), for every month, a quarter, the year to date, the year and
the plan-year basis."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest

from mutualaid_desktop.domain import periods
from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.enrollment.receipt_voids import void_receipt
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.payouts.payout_reversals import reverse_payout
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.statistics.figures import DaySpread, percent, statistics

TODAY = date(2026, 11, 20)
CLERK = UserInfo(1, "x", "x", "clerk")

COUNTY = """CASE WHEN u.kind = 'county' THEN u.code WHEN pu.kind = 'county' THEN pu.code ELSE '' END"""
UNIT_JOIN = "LEFT JOIN org_units u ON u.id = e.unit_id LEFT JOIN org_units pu ON pu.id = u.parent_id"


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """A demo city on 20 November 2026; then two receipts voided (one of the renewal season of 2025, one of
    this month) and two paid claims reversed (one in part), on later days."""
    from mutualaid_desktop.domain import clock

    path = tmp_path_factory.mktemp("stats") / "demo.sqlite3"
    db = open_counter_database(path)
    with clock.fixed(TODAY):
        generate_demo(db, members=4000, seed=1, today=TODAY)
    con = sqlite3.connect(path)
    boss = UserInfo(
        *con.execute("SELECT id, username, display_name, role FROM users WHERE role = 'supervisor'").fetchone()
    )
    no_claims = (
        "SELECT receipt_serial FROM premium_payments p WHERE {} AND NOT p.voided AND NOT EXISTS (SELECT 1 FROM enrollments e "
        "JOIN claims c ON c.enrollment_id = e.id WHERE e.payment_id = p.id) ORDER BY id"
    )
    old = con.execute(no_claims.format("paid_on < '2026-01-01'")).fetchone()
    new = con.execute(no_claims.format("paid_on >= '2026-11-01'")).fetchone()
    paid = con.execute(
        "SELECT c.claim_number, i.amount_fen FROM payout_items i JOIN claims c ON c.id = i.claim_id "
        "WHERE i.status = 'paid' AND c.status = 'paid' ORDER BY i.settled_on, c.id"
    ).fetchall()
    con.close()
    with clock.fixed(date(2026, 11, 23)):
        void_receipt(db, boss, old[0], "收据金额开错")
        void_receipt(db, boss, new[0], "重复收款")
        reverse_payout(db, boss, paid[0][0], amount=Decimal(paid[0][1]) / 100, reason="发票重复报销")
        reverse_payout(db, boss, paid[-1][0], amount=Decimal("10.00"), reason="多付")
    yield db, path
    db.dispose()


def utc(day: date) -> str:
    return datetime.combine(day, time()).astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


def plain(path, period: periods.Period, basis: str) -> dict[str, dict]:
    """Per county code ('' = none) and for the city (key None), the figures by plain SQL."""
    con = sqlite3.connect(path)
    a, b = period.start.isoformat(), period.end.isoformat()
    ua, ub = utc(period.start), utc(period.end + timedelta(days=1))
    year_plans = f"(SELECT id FROM plans WHERE strftime('%Y', period_end) = '{period.year}')"
    if basis == "cash":
        money_when, paid_when, rev_when = (
            f"pay.paid_on BETWEEN '{a}' AND '{b}'",
            f"i.settled_on BETWEEN '{a}' AND '{b}'",
            f"r.reversed_at >= '{ua}' AND r.reversed_at < '{ub}'",
        )
        plan_only = "1 = 1"
    else:
        money_when, paid_when, rev_when = f"pay.paid_on <= '{b}'", f"i.settled_on <= '{b}'", f"r.reversed_at < '{ub}'"
        plan_only = f"e.plan_id IN {year_plans}"
    out: dict = {}

    def put(sql: str, *names: str) -> None:
        for county, *values in con.execute(sql):
            for key in (county, None):
                row = out.setdefault(key, {})
                for name, value in zip(names, values, strict=True):
                    row[name] = row.get(name, 0) + (value or 0)

    put(
        f"SELECT {COUNTY}, SUM(it.premium_fen), COUNT(*), COUNT(DISTINCT e.unit_id) FROM premium_payment_items it "
        f"JOIN premium_payments pay ON pay.id = it.payment_id JOIN enrollments e ON e.id = it.enrollment_id "
        f"{UNIT_JOIN} WHERE pay.voided = 0 AND {money_when} AND {plan_only} GROUP BY 1",
        "premiums",
        "enrollments",
        "units",
    )
    put(
        f"SELECT {COUNTY}, SUM(i.amount_fen), COUNT(DISTINCT c.id) FROM payout_items i JOIN claims c ON c.id = i.claim_id "
        f"JOIN enrollments e ON e.id = c.enrollment_id {UNIT_JOIN} WHERE i.status = 'paid' AND {paid_when} AND {plan_only} "
        "GROUP BY 1",
        "paid",
        "claims_paid",
    )
    put(
        f"SELECT {COUNTY}, -SUM(r.amount_fen), SUM(r.amount_fen) FROM claim_reversals r JOIN claims c ON c.id = r.claim_id "
        f"JOIN enrollments e ON e.id = c.enrollment_id {UNIT_JOIN} WHERE {rev_when} AND {plan_only} GROUP BY 1",
        "paid",
        "reversed",
    )
    claims = f"FROM claims c JOIN enrollments e ON e.id = c.enrollment_id {UNIT_JOIN} WHERE {plan_only}"
    put(f"SELECT {COUNTY}, COUNT(*) {claims} AND c.received_on BETWEEN '{a}' AND '{b}' GROUP BY 1", "received")
    put(
        f"SELECT {COUNTY}, COUNT(*) {claims} AND c.status = 'refused' AND c.decided_at >= '{ua}' "
        f"AND c.decided_at < '{ub}' GROUP BY 1",
        "refused",
    )
    put(
        f"SELECT {COUNTY}, COUNT(*), SUM(c.quoted_fen) {claims} AND c.received_on <= '{b}' "
        f"AND (c.decided_at IS NULL OR c.decided_at >= '{ub}') GROUP BY 1",
        "pending",
        "pending_quoted",
    )
    con.close()
    return out


PERIODS = [
    *(periods.month(2025, m) for m in (11, 12)),
    *(periods.month(2026, m) for m in range(1, 12)),
    periods.Period("quarter", 2026, 3),
    periods.year_to_date(2026, 11),
    periods.whole_year(2025),
    periods.whole_year(2026),
]


def fen(amount: Decimal) -> int:
    return int(amount * 100)


@pytest.mark.parametrize("basis", ["cash", "plan-year"])
@pytest.mark.parametrize("period", PERIODS, ids=lambda p: f"{p.kind}-{p.year}-{p.number}")
def test_every_county_and_the_city_agree_with_plain_sql(city, period, basis):
    db, path = city
    stats = statistics(db, CLERK, period, basis=basis)
    expected = plain(path, period, basis)
    for figures, key in [(stats.city, None), *((c, c.code) for c in stats.counties)]:
        want = expected.get(key, {})
        got = {
            "premiums": fen(figures.premiums),
            "enrollments": figures.enrollments,
            "units": figures.units,
            "paid": fen(figures.paid),
            "reversed": fen(figures.reversed),
            "claims_paid": figures.claims_paid,
            "received": figures.claims_received,
            "refused": figures.claims_refused,
            "pending": figures.claims_pending,
            "pending_quoted": fen(figures.pending_quoted),
        }
        assert got == {name: want.get(name, 0) for name in got}, (figures.name, period.label, basis)
        assert figures.claim_ratio == percent(fen(figures.paid), fen(figures.premiums))


def test_the_data_has_what_the_figures_must_get_right(city):
    """Voids, reversals, returned payouts and receipts of the renewal season exist: the comparison above
    would miss a wrong rule for them otherwise."""
    _db, path = city
    con = sqlite3.connect(path)
    voided = "SELECT COUNT(*) FROM premium_payments WHERE voided = 1"
    assert con.execute(voided + " AND void_reason IN ('收据金额开错', '重复收款')").fetchone()[0] == 2  # the fixture's
    assert con.execute(voided + " AND replaces_payment_id IS NULL").fetchone()[0] >= 2  # and the demo's, made again
    assert con.execute("SELECT COUNT(*) FROM claim_reversals").fetchone()[0] >= 2
    assert con.execute("SELECT COUNT(*) FROM payout_items WHERE status = 'returned'").fetchone()[0] >= 1
    assert con.execute("SELECT COUNT(*) FROM premium_payments WHERE paid_on < '2026-01-01'").fetchone()[0] >= 1
    con.close()


def test_cash_and_plan_year_differ_by_the_renewal_season(city):
    db, path = city
    cash = statistics(db, CLERK, periods.whole_year(2026))
    plan_year = statistics(db, CLERK, periods.whole_year(2026), basis="plan-year")
    con = sqlite3.connect(path)

    def premiums(paid: str) -> Decimal:
        fen = con.execute(
            "SELECT sum(e.premium_fen) FROM enrollments e JOIN premium_payments p ON p.id = e.payment_id "
            "JOIN plans pl ON pl.id = e.plan_id WHERE pl.period_end LIKE '2026-%' AND NOT p.voided AND " + paid
        ).fetchone()[0]
        return Decimal(fen or 0) / 100

    season, this_year = premiums("p.paid_on < '2026-01-01'"), premiums("p.paid_on >= '2026-01-01'")
    con.close()
    # every 2026 plan's premiums: those paid in the renewal season before 2026 and those paid in 2026
    assert plan_year.city.premiums == season + this_year
    assert season > 0 and plan_year.city.premiums != cash.city.premiums


def test_the_months_add_up_to_the_year(city):
    db, _path = city
    year = statistics(db, CLERK, periods.whole_year(2026)).city
    months = [statistics(db, CLERK, periods.month(2026, m)).city for m in range(1, 13)]
    assert sum(m.premiums for m in months) == year.premiums
    assert sum(m.paid for m in months) == year.paid
    assert sum(m.enrollments for m in months) == year.enrollments


def test_a_county_is_the_sum_of_its_units_and_the_city_of_its_counties(city):
    db, _path = city
    stats = statistics(db, CLERK, periods.whole_year(2026), basis="plan-year")
    assert sum(c.premiums for c in stats.counties) == stats.city.premiums
    for county in stats.counties:
        units = stats.units.get(county.code, ())
        assert sum(u.premiums for u in units) == county.premiums
        assert sum(u.covered for u in units) == county.covered
        assert sum(u.units_total for u in units) == county.units_total
    assert sum(k.premiums for k in stats.kinds) == stats.city.premiums


def test_the_ratio_is_a_percentage_with_two_decimals_half_up():
    assert percent(1181, 1342) == Decimal("88.00")  # 88.0029…
    assert percent(1, 8) == Decimal("12.50")
    assert percent(1, 800) == Decimal("0.13")  # 0.125 → 0.13, half up
    assert percent(5, 0) is None


def test_days_are_a_median_and_a_nearest_rank_90th_percentile():
    assert DaySpread.of([]) == DaySpread(0, None, None)
    assert DaySpread.of([3]) == DaySpread(1, Decimal(3), 3)
    assert DaySpread.of([1, 2, 3, 10]) == DaySpread(4, Decimal("2.5"), 10)
    assert DaySpread.of(range(1, 21)).p90 == 18


def test_an_unknown_basis_is_refused_in_chinese(city):
    db, _path = city
    with pytest.raises(ServiceError, match="统计口径"):
        statistics(db, CLERK, periods.month(2026, 11), basis="accrual")
