"""`mutualaid month close|reopen|list` and a closed month's `stats` (issue 12)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date

import pytest

from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.enrollment.receipt_voids import void_receipt
from mutualaid_desktop.services.session import open_counter_database
from tests.integration.demo_months import demo_months, first_month

from .cli_run import run

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("months") / "demo.sqlite3"
    db = open_counter_database(path)
    generate_demo(db, members=1200, seed=1, today=TODAY)
    db.dispose()
    return path


@pytest.fixture
def demo(demo_file, tmp_path, clock):
    clock.set(TODAY)
    path = tmp_path / "city.sqlite3"
    shutil.copyfile(demo_file, path)
    return path


def test_close_list_and_reopen(demo, capsys):
    year, number = first_month(demo)
    month = ("--year", year, "--month", number)
    code, out, err = run(capsys, "--db", demo, "month", "close", *month)
    assert code == 0 and out.startswith(f"已月结 {year}年{number}月（第 1 版，签名 "), err
    code, out, _ = run(capsys, "--db", demo, "month", "close", *month, "--json")
    assert code == 2 and out == ""
    code, out, err = run(capsys, "--db", demo, "month", "reopen", *month, "--reason", "补录")
    assert code == 0, err
    run(capsys, "--db", demo, "month", "close", *month)
    code, out, _ = run(capsys, "--db", demo, "month", "list", "--json")
    closings = json.loads(out)["closings"]
    assert [(c["month"], c["version"], c["reopen_reason"]) for c in closings] == [
        (number, 2, None),
        (number, 1, "补录"),
    ]
    assert closings[0]["closed_by"] == "命令行" and len(closings[0]["digest"]) == 64


def test_a_month_out_of_order_is_refused_with_status_2(demo, capsys):
    code, out, err = run(capsys, "--db", demo, "month", "close", "--year", 2026, "--month", 3)
    assert code == 2 and "请先月结2026年2月" in err and out == ""


def test_a_closed_month_shows_as_closed_and_a_later_void_as_the_next_months_adjustment(demo, capsys):
    for year, number in demo_months(demo):
        assert run(capsys, "--db", demo, "month", "close", "--year", year, "--month", number)[0] == 0
    _, before, _ = run(capsys, "--db", demo, "stats", "--year", 2025, "--month", 12, "--json")
    con = sqlite3.connect(demo)
    serial, fen = con.execute(
        "SELECT receipt_serial, amount_fen FROM premium_payments p WHERE paid_on < '2026-01-01' AND NOT EXISTS "
        "(SELECT 1 FROM enrollments e JOIN claims c ON c.enrollment_id = e.id WHERE e.payment_id = p.id) "
        "ORDER BY paid_on DESC"
    ).fetchone()
    boss = UserInfo(
        *con.execute("SELECT id, username, display_name, role FROM users WHERE role = 'supervisor'").fetchone()
    )
    con.close()
    db = open_counter_database(demo)
    void_receipt(db, boss, serial, "开错")
    db.dispose()
    _, after, _ = run(capsys, "--db", demo, "stats", "--year", 2025, "--month", 12, "--json")
    assert after == before and json.loads(after)["closing"]["version"] == 1
    _, out, _ = run(capsys, "--db", demo, "stats", "--year", 2026, "--month", 11, "--json")
    november = json.loads(out)
    assert november["closing"] is None
    assert november["adjustment"]["premiums"] == f"{-fen / 100:.2f}"
    _, text, _ = run(capsys, "--db", demo, "stats", "--year", 2026, "--month", 11)
    assert "，未月结）" in text.splitlines()[0] and text.splitlines()[-1].startswith("以前月份调整\t")
