"""Members covered (参保人数) count a member once per unit and plan kind, also when a kind has two plans in one year
(a plan replaced in the middle of the year) and some members paid under both; the plan-year 参保 figures count
every enrollment. Checked against plain SQL."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from mutualaid_desktop.domain.periods import month, whole_year
from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.statistics.figures import statistics

TODAY = date(2026, 11, 20)
PLAIN_COVERED = (
    "SELECT COUNT(*) FROM (SELECT DISTINCT e.unit_id, p.kind, e.member_id FROM premium_payment_items it "
    "JOIN premium_payments pay ON pay.id = it.payment_id JOIN enrollments e ON e.id = it.enrollment_id "
    "JOIN plans p ON p.id = e.plan_id WHERE pay.voided = 0 AND pay.paid_on <= ? "
    "AND p.period_end BETWEEN '2026-01-01' AND '2026-12-31')"
)


def add_second_plan(con: sqlite3.Connection) -> int:
    """A second reimbursement plan ending in 2026 (from July), a copy of the first with another code."""
    columns = [r[1] for r in con.execute("PRAGMA table_info(plans)") if r[1] != "id"]
    chosen = ", ".join(
        "'SL-ZY-2026B'" if c == "code" else "'2026-07-01'" if c == "period_start" else c for c in columns
    )
    con.execute(
        f"INSERT INTO plans ({', '.join(columns)}) SELECT {chosen} FROM plans "
        "WHERE kind = 'reimbursement' AND period_end = '2026-12-31'"
    )
    return con.execute("SELECT id FROM plans WHERE code = 'SL-ZY-2026B'").fetchone()[0]


def pay_under(con: sqlite3.Connection, plan: int, members: list[tuple[int, int]], serial: str) -> None:
    """Enrollments of `members` ((member id, unit id)) under `plan`, paid by one receipt of 1 July 2026."""
    unit = members[0][1]
    con.execute(
        "INSERT INTO premium_payments (payer_unit_id, amount_fen, method, paid_on, receipt_serial, voided, created_at) "
        "VALUES (?, ?, 'cash', '2026-07-01', ?, 0, '2026-07-01 02:00:00')",
        (unit, 9500 * len(members), serial),
    )
    payment = con.execute("SELECT id FROM premium_payments WHERE receipt_serial = ?", (serial,)).fetchone()[0]
    for member, unit_id in members:
        con.execute(
            "INSERT INTO enrollments (member_id, plan_id, unit_id, shares, premium_fen, cover_start, cover_end, "
            "continuous, status, payment_id, created_at) VALUES (?, ?, ?, 1, 9500, '2026-07-02', '2026-12-31', 0, "
            "'paid', ?, '2026-07-01 02:00:00')",
            (member, plan, unit_id, payment),
        )
        enrollment = con.execute("SELECT max(id) FROM enrollments").fetchone()[0]
        con.execute(
            "INSERT INTO premium_payment_items (payment_id, enrollment_id, premium_fen) VALUES (?, ?, 9500)",
            (payment, enrollment),
        )


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    from mutualaid_desktop.domain import clock

    path = tmp_path_factory.mktemp("covered") / "demo.sqlite3"
    db = open_counter_database(path)
    with clock.fixed(TODAY):
        generate_demo(db, members=300, seed=3, today=TODAY)
    yield db, path
    db.dispose()


def test_a_member_under_two_plans_of_a_kind_is_covered_once(city):
    db, path = city
    con = sqlite3.connect(path)
    boss = UserInfo(
        *con.execute("SELECT id, username, display_name, role FROM users WHERE role = 'supervisor'").fetchone()
    )
    before = statistics(db, boss, whole_year(2026))
    plan_year_before = statistics(db, boss, whole_year(2026), basis="plan-year")
    uncovered = (
        "SELECT m.id, m.unit_id FROM members m WHERE m.unit_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM enrollments e "
        "JOIN plans p ON p.id = e.plan_id WHERE e.member_id = m.id AND p.period_end BETWEEN '2026-01-01' AND "
        "'2026-12-31')"
    )  # not covered in 2026 (left after 2025)
    unit = con.execute(f"SELECT unit_id FROM ({uncovered}) GROUP BY unit_id ORDER BY unit_id LIMIT 1").fetchone()[0]
    both = con.execute(
        "SELECT e.member_id, e.unit_id FROM enrollments e JOIN plans p ON p.id = e.plan_id WHERE e.status = 'paid' "
        "AND p.kind = 'reimbursement' AND p.period_end = '2026-12-31' AND e.unit_id = ? ORDER BY e.member_id LIMIT 5",
        (unit,),
    ).fetchall()
    new = con.execute(f"SELECT * FROM ({uncovered}) WHERE unit_id = ? LIMIT 3", (unit,)).fetchall()
    assert both and new
    with con:
        plan = add_second_plan(con)
        pay_under(con, plan, both + new, "TEST-0001")

    for period in (whole_year(2026), month(2026, 7)):
        after = statistics(db, boss, period)
        assert after.city.covered == con.execute(PLAIN_COVERED, (period.end.isoformat(),)).fetchone()[0]
    after = statistics(db, boss, whole_year(2026))
    assert after.city.covered == before.city.covered + len(new)  # the members paid under both plans once
    plan_year = statistics(db, boss, whole_year(2026), basis="plan-year")
    assert plan_year.city.enrollments == plan_year_before.city.enrollments + len(both) + len(new)
    assert plan_year.city.premiums == plan_year_before.city.premiums + 95 * (len(both) + len(new))
    assert plan_year.city.covered == after.city.covered
    con.close()
