"""The demo city: realistic, consistent, and refused on a database that holds members."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from mutualaid_desktop.domain.idcard import parse_id_number
from mutualaid_desktop.services.admin.demo import generate_demo
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
    _db, path, report = demo_db
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
        "group by p.id having sum(e.premium_fen) != p.amount_fen"
    ).fetchall()
    assert bad == []
    total = con.execute("select sum(amount_fen) from premium_payments where not voided").fetchone()[0]
    assert Decimal(total) / 100 == report.premium_total
    # cover starts the day after payment, never before the plan year
    late = con.execute(
        "select count(*) from enrollments e join premium_payments p on p.id = e.payment_id "
        "join plans pl on pl.id = e.plan_id where e.cover_start != max(date(p.paid_on, '+1 day'), pl.period_start)"
    ).fetchone()[0]
    assert late == 0
    # a receipt was printed for every payment
    assert (
        con.execute("select count(*) from printed_documents where kind='premium_receipt'").fetchone()[0]
        == report.payments
    )


def test_demo_claims_in_every_status_with_stored_quotes(demo_db):
    _, path, report = demo_db
    con = sqlite3.connect(path)
    statuses = Counter(s for (s,) in con.execute("select status from claims"))
    assert set(statuses) == set(CLAIM_STATUSES)
    for number, status, quote_json, quoted, approved in con.execute(
        "select claim_number, status, quote_json, quoted_fen, approved_fen from claims"
    ):
        quote = json.loads(quote_json)
        assert int(Decimal(quote["payout"]) * 100) == quoted
        if not quote["eligible"]:  # refused, or still waiting for the reviewer to refuse it
            assert status in ("refused", "waiting_papers", "waiting_review") and quoted == 0
        if status in ("approved", "in_batch", "paid", "returned", "reversed"):
            assert approved == quoted
        assert number[:6] in {"611002", "611021", "611022", "611023", "611024", "611025", "611026"}
    # the history of each claim ends in its status
    last = dict(
        con.execute(
            "select claim_id, to_status from claim_status_changes c where id = "
            "(select max(id) from claim_status_changes where claim_id = c.claim_id)"
        ).fetchall()
    )
    assert all(last[cid] == status for cid, status in con.execute("select id, status from claims"))
    paid = con.execute("select sum(approved_fen) from claims where status = 'paid'").fetchone()[0]
    assert Decimal(paid) / 100 == report.payout_total


def _luhn_ok(number: str) -> bool:
    total = 0
    for k, ch in enumerate(reversed(number)):
        d = int(ch)
        if k % 2 == 1:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return total % 10 == 0


def test_demo_claims_have_hospital_diagnosis_papers_and_bank_account(demo_db):
    _, path, _ = demo_db
    con = sqlite3.connect(path)
    grades = dict(con.execute("select name, grade from hospitals").fetchall())
    assert grades["商洛市中心医院"] == 3 and grades["商洛国际医学中心"] == 3 and grades["洛南县医院"] == 2
    assert grades["商州区人民医院"] == 2 and 1 in grades.values()
    rows = con.execute(
        "select c.hospital_id, h.grade, c.facts_json, c.diagnosis, c.papers_json, c.bank_name, c.account_holder, "
        "c.account_number, m.name, c.status, c.papers_due from claims c join members m on m.id = c.member_id "
        "left join hospitals h on h.id = c.hospital_id"
    ).fetchall()
    assert rows
    for hid, grade, facts, diagnosis, papers, bank, holder, account, name, status, due in rows:
        assert hid is not None and json.loads(facts)["hospital_grade"] == grade
        assert diagnosis and bank and holder == name
        assert len(account) == 19 and account.isdigit() and _luhn_ok(account)
        items = json.loads(papers)
        assert items and all(set(i) == {"item", "required", "received"} for i in items)
        if status == "waiting_papers":
            assert due is not None and not all(i["received"] for i in items)


def test_demo_payouts_are_consistent(demo_db):
    _, path, _ = demo_db
    con = sqlite3.connect(path)
    items = {}
    for cid, status, amount, batch_status in con.execute(
        "select i.claim_id, i.status, i.amount_fen, b.status from payout_items i "
        "join payout_batches b on b.id = i.batch_id"
    ):
        items.setdefault(cid, []).append((status, amount, batch_status))
    reversals = dict(con.execute("select claim_id, amount_fen from claim_reversals").fetchall())
    seen = Counter()
    for cid, status, approved in con.execute("select id, status, approved_fen from claims"):
        mine = items.get(cid, [])
        seen[status] += 1
        if status == "paid":
            assert [(s, a) for s, a, _ in mine] == [("paid", approved)]
        elif status == "reversed":
            assert [s for s, _, _ in mine] == ["paid"] and 0 < reversals[cid] <= mine[0][1]
        elif status == "returned":
            assert [s for s, _, _ in mine] == ["returned"]
        elif status == "in_batch":
            assert [(s, b) for s, _, b in mine] == [("pending", "exported")]
        else:
            assert mine == [] and cid not in reversals
    assert seen["paid"] and seen["in_batch"] and seen["returned"] and seen["reversed"]
    # a closed batch has nothing pending; every batch number is PF<year>-NNNN and the counter is past them
    assert (
        con.execute(
            "select count(*) from payout_items i join payout_batches b on b.id = i.batch_id "
            "where b.status = 'closed' and i.status = 'pending'"
        ).fetchone()[0]
        == 0
    )
    by_year: dict[str, list[str]] = {}
    for number, made in con.execute("select batch_number, created_at from payout_batches order by id"):
        by_year.setdefault(made[:4], []).append(number)
    assert set(by_year) == {"2025", "2026"}  # last year's batches and this year's
    for year, numbers in by_year.items():
        assert numbers == [f"PF{year}-{k:04d}" for k in range(1, len(numbers) + 1)]
        nxt = con.execute("select next_value from serials where key = ?", (f"payout_batch:{year}",)).fetchone()[0]
        assert nxt == len(numbers) + 1
    assert (
        con.execute("select count(*) from payout_items where status = 'returned' and return_reason is null").fetchone()[
            0
        ]
        == 0
    )


def test_nothing_in_the_demo_happens_after_today(demo_db):
    _, path, _ = demo_db
    con = sqlite3.connect(path)
    end = (TODAY.isoformat() + " 23:59:59",)
    late = {
        "claims received": "select count(*) from claims where received_on > date(?)",
        "claims decided": "select count(*) from claims where decided_at > ?",
        "status changes": "select count(*) from claim_status_changes where changed_at > ?",
        "batches made": "select count(*) from payout_batches where created_at > ?",
        "batches closed": "select count(*) from payout_batches where closed_at > ?",
        "items settled": "select count(*) from payout_items where settled_on > date(?)",
        "reversals": "select count(*) from claim_reversals where reversed_at > ?",
        "payments": "select count(*) from premium_payments where paid_on > date(?)",
    }
    assert {what: con.execute(sql, end).fetchone()[0] for what, sql in late.items()} == dict.fromkeys(late, 0)


def test_demo_database_passes_the_full_check(demo_db):
    db, _, _ = demo_db
    assert run_full_check(db) == []


def test_demo_refuses_a_database_with_members(demo_db):
    db, path, _ = demo_db
    before = sqlite3.connect(path).execute("select count(*) from members").fetchone()[0]
    with pytest.raises(ServiceError, match="已有会员"):
        generate_demo(db, members=10, today=TODAY)
    assert sqlite3.connect(path).execute("select count(*) from members").fetchone()[0] == before


def test_every_demo_claim_gives_its_acceptance_receipt(demo_db):
    """The demo's papers checklist has the same keys as one saved at the counter (a missing
    "required" made the receipt of every demo claim fail)."""
    from mutualaid_desktop.services.claims.claims_intake import acceptance_receipt

    db, path, _ = demo_db
    con = sqlite3.connect(path)
    numbers = [row[0] for row in con.execute("select min(claim_number) from claims group by status")]
    assert len(numbers) >= 5
    for number in numbers:
        receipt = acceptance_receipt(db, number)
        assert receipt.claim_number == number
