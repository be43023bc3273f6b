"""The demo city for the monthly cycle: a claim ratio of 70-90 % in both years, premiums paid mostly in
the renewal season, payments and payouts in every month, last year's figures, targets, nothing after
today, and the same database from the same seed."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, datetime
from decimal import Decimal

import pytest

from mutualaid_desktop.domain.periods import local_time, month, whole_year
from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.admin.user_identity import user_info
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.statistics.figures import statistics
from mutualaid_desktop.services.statistics.targets import list_targets
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.repositories import UserRepository

TODAY = date(2026, 11, 20)
COUNTY_CODES = {"611002", "611021", "611022", "611023", "611024", "611025", "611026"}


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    path = tmp_path_factory.mktemp("city") / "city.sqlite3"
    db = open_counter_database(path)
    generate_demo(db, members=3000, seed=7, today=TODAY)
    with UnitOfWork(db, read_only=True) as uow:
        row = UserRepository(uow.session).by_username("demo_supervisor")
        assert row is not None
        user = user_info(row)
    yield db, path, user
    db.dispose()


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_claim_ratio_of_a_year_is_the_seeds(city, year):
    db, _, user = city
    figures = statistics(db, user, whole_year(year)).city
    assert figures.premiums > 0 and figures.paid > 0
    assert figures.claim_ratio is not None and Decimal(70) <= figures.claim_ratio <= Decimal(90)


def test_most_of_a_plan_years_premiums_are_paid_in_the_renewal_season(city):
    _, path, _ = city
    con = sqlite3.connect(path)
    for plan_year in (2025, 2026):
        rows = con.execute(
            "select p.paid_on, sum(e.premium_fen) from enrollments e join premium_payments p on p.id = e.payment_id "
            "join plans pl on pl.id = e.plan_id where pl.period_start = ? group by p.paid_on",
            (f"{plan_year}-01-01",),
        ).fetchall()
        total = sum(fen for _, fen in rows)
        season = sum(
            fen for day, fen in rows if day[:7] in (f"{plan_year - 1}-11", f"{plan_year - 1}-12", f"{plan_year}-01")
        )
        assert total > 0 and season > 0.8 * total, (plan_year, season, total)
        during = {day[:7] for day, _ in rows if f"{plan_year}-03" <= day[:7] <= f"{plan_year}-10"}
        assert len(during) >= 6  # new joiners pay through the year


def test_payments_are_on_working_days_at_counter_hours(city):
    _, path, _ = city
    con = sqlite3.connect(path)
    rows = con.execute("select paid_on, created_at from premium_payments").fetchall()
    assert rows
    for paid_on, created in rows:
        day = date.fromisoformat(paid_on)
        local = local_time(datetime.fromisoformat(created))
        assert day.weekday() < 5 and local.date() == day
        assert (8, 30) <= (local.hour, local.minute) <= (17, 30)


def test_every_month_up_to_today_has_payments_and_payouts(city):
    db, _, user = city
    for number in range(1, TODAY.month + 1):
        figures = statistics(db, user, month(2026, number)).city
        assert figures.enrollments > 0 and figures.premiums > 0, number
        assert figures.claims_paid > 0 and figures.paid > 0, number
    paid = {statistics(db, user, month(2026, n)).city.paid for n in range(1, TODAY.month + 1)}
    assert len(paid) > TODAY.month // 2  # months differ


def test_last_year_has_figures_and_renewals(city):
    db, _, user = city
    last = statistics(db, user, whole_year(2025)).city
    assert last.enrollments > 0 and last.claims_paid > 0 and last.claims_refused > 0
    assert last.decision_days.count > 0 and last.payment_days.count > 0
    this = statistics(db, user, whole_year(2026)).city
    assert this.last_year > 0 and this.renewal_rate is not None and Decimal(80) <= this.renewal_rate < 100
    assert this.new_members > 0


def test_targets_exist_near_what_is_collected(city):
    db, _, user = city
    for year in (2025, 2026):
        rows = {row.unit_code: row for row in list_targets(db, year)}
        counties = {code: row for code, row in rows.items() if code in COUNTY_CODES}
        assert set(counties) == COUNTY_CODES
        assert all(row.premiums and row.enrollments for row in rows.values())
        figures = statistics(db, user, whole_year(year))
        rates = [f.premiums / counties[f.code].premiums for f in figures.counties if f.code in counties]
        assert any(rate >= 1 for rate in rates) and any(rate < Decimal("0.9") for rate in rates)
        assert all(Decimal("0.7") < rate < Decimal("1.3") for rate in rates)


def test_a_few_receipts_were_voided_and_made_again(city):
    _, path, _ = city
    con = sqlite3.connect(path)
    pairs = con.execute(
        "SELECT v.id, v.amount_fen, v.paid_on, v.void_reason, v.voided_by, p.id, p.amount_fen, p.paid_on "
        "FROM premium_payments v JOIN premium_payments p ON p.replaces_payment_id = v.id WHERE v.voided"
    ).fetchall()
    voided = con.execute("SELECT count(*) FROM premium_payments WHERE voided").fetchone()[0]
    payments = con.execute("SELECT count(*) FROM premium_payments").fetchone()[0]
    assert 0 < voided == len(pairs) < payments // 10
    for void_id, fen, day, reason, by, payment_id, again_fen, again_day in pairs:
        assert (fen, day) == (again_fen, again_day) and reason and by is not None
        # the voided receipt keeps its items; the enrollments are paid by the receipt made again
        kept = con.execute(
            "SELECT enrollment_id FROM premium_payment_items WHERE payment_id = ? ORDER BY 1", (void_id,)
        ).fetchall()
        paid = con.execute("SELECT id FROM enrollments WHERE payment_id = ? ORDER BY 1", (payment_id,)).fetchall()
        assert kept and kept == paid
    printed = con.execute("SELECT count(*) FROM printed_documents WHERE kind = 'premium_receipt'").fetchone()[0]
    assert printed == payments


def test_nothing_is_dated_after_today(city):
    _, path, _ = city
    con = sqlite3.connect(path)
    end = TODAY.isoformat() + " 23:59:59"
    checks = {
        "premium_payments": "paid_on",
        "enrollments": "created_at",
        "members": "created_at",
        "claims": "received_on",
        "claim_status_changes": "changed_at",
        "payout_items": "settled_on",
        "payout_batches": "closed_at",
        "claim_reversals": "reversed_at",
        "printed_documents": "printed_at",
    }
    late = {
        table: con.execute(f"select count(*) from {table} where {column} > ?", (end,)).fetchone()[0]
        for table, column in checks.items()
    }
    assert late == dict.fromkeys(checks, 0)


def _digest(path) -> str:
    con = sqlite3.connect(path)
    digest = hashlib.sha256()
    for table in (
        "members",
        "org_units",
        "premium_payments",
        "enrollments",
        "claims",
        "payout_items",
        "claim_reversals",
        "stat_targets",
    ):
        columns = [c[1] for c in con.execute(f"pragma table_info({table})") if c[1] not in ("updated_at",)]
        for row in con.execute(f"select {', '.join(columns)} from {table} order by id"):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def test_the_same_seed_and_day_give_the_same_database(tmp_path):
    digests = []
    for name in ("a", "b", "c"):
        db = open_counter_database(tmp_path / f"{name}.sqlite3")
        generate_demo(db, members=300, seed=11 if name != "c" else 12, today=TODAY)
        db.dispose()
        digests.append(_digest(tmp_path / f"{name}.sqlite3"))
    assert digests[0] == digests[1] and digests[0] != digests[2]
