"""The demo city: realistic, consistent, and refused on a database that holds members."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from mutualaid_desktop.domain.idcard import parse_id_number
from mutualaid_desktop.services.demo import generate_demo
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.session import open_counter_database, run_full_check
from mutualaid_desktop.store.models import CLAIM_STATUSES

TODAY = date(2026, 11, 29)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = open_counter_database(path)
    report = generate_demo(db, members=6000, seed=5, today=TODAY)
    yield db, path, report
    db.dispose()


def test_demo_city_tree_and_members(demo_db):
    db, path, report = demo_db
    con = sqlite3.connect(path)
    kinds = dict(con.execute("select kind, count(*) from org_units group by kind").fetchall())
    assert kinds["city"] == 1 and kinds["county"] == 7 and kinds["unit"] == report.units >= 7
    counties = {name for (name,) in con.execute("select name from org_units where kind='county'")}
    assert counties == {f"{c}总工会" for c in ("商州区", "洛南县", "丹凤县", "商南县", "山阳县", "镇安县", "柞水县")}
    rows = con.execute("select id_number, sex, birth_date, name from members").fetchall()
    assert len(rows) == report.members == 6000
    for number, sex, birth, name in rows[:500]:
        parsed = parse_id_number(number, today=TODAY)
        assert parsed.sex == sex and parsed.birth_date.isoformat() == birth
        assert 2 <= len(name) <= 3
    assert con.execute("select count(*) from members where unit_id is null").fetchone()[0] == 0


def test_demo_money_is_consistent(demo_db):
    _, path, report = demo_db
    con = sqlite3.connect(path)
    # each payment is exactly the premiums of the enrollments it pays for
    bad = con.execute(
        "select p.id from premium_payments p join enrollments e on e.payment_id = p.id "
        "group by p.id having sum(e.premium_fen) != p.amount_fen").fetchall()
    assert bad == []
    total = con.execute("select sum(amount_fen) from premium_payments").fetchone()[0]
    assert Decimal(total) / 100 == report.premium_total
    # cover starts the day after payment, never before the plan year
    late = con.execute(
        "select count(*) from enrollments e join premium_payments p on p.id = e.payment_id "
        "join plans pl on pl.id = e.plan_id where e.cover_start != max(date(p.paid_on, '+1 day'), pl.period_start)"
    ).fetchone()[0]
    assert late == 0
    # a receipt was printed for every payment
    assert con.execute("select count(*) from printed_documents where kind='premium_receipt'").fetchone()[0] == report.payments


def test_demo_claims_in_every_status_with_stored_quotes(demo_db):
    _, path, report = demo_db
    con = sqlite3.connect(path)
    statuses = Counter(s for (s,) in con.execute("select status from claims"))
    assert set(statuses) == set(CLAIM_STATUSES)
    for number, status, quote_json, quoted, approved in con.execute(
            "select claim_number, status, quote_json, quoted_fen, approved_fen from claims"):
        quote = json.loads(quote_json)
        assert int(Decimal(quote["payout"]) * 100) == quoted
        if not quote["eligible"]:
            assert status == "refused" and quoted == 0
        if status in ("approved", "in_batch", "paid", "returned", "reversed"):
            assert approved == quoted
        assert number[:6] in {"611002", "611021", "611022", "611023", "611024", "611025", "611026"}
    # the history of each claim ends in its status
    last = dict(con.execute(
        "select claim_id, to_status from claim_status_changes c where id = "
        "(select max(id) from claim_status_changes where claim_id = c.claim_id)").fetchall())
    assert all(last[cid] == status for cid, status in con.execute("select id, status from claims"))
    paid = con.execute("select sum(approved_fen) from claims where status = 'paid'").fetchone()[0]
    assert Decimal(paid) / 100 == report.payout_total


def test_demo_database_passes_the_full_check(demo_db):
    db, _, _ = demo_db
    assert run_full_check(db) == []


def test_demo_refuses_a_database_with_members(demo_db):
    db, path, _ = demo_db
    before = sqlite3.connect(path).execute("select count(*) from members").fetchone()[0]
    with pytest.raises(ServiceError, match="已有会员"):
        generate_demo(db, members=10, today=TODAY)
    assert sqlite3.connect(path).execute("select count(*) from members").fetchone()[0] == before
