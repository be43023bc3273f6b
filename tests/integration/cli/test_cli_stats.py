"""`mutualaid stats`: the figures of a month or a year, as text or one JSON object (issue 12)."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal

import pytest

from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.session import open_counter_database

from .cli_run import run

TODAY = date(2026, 11, 20)
MONEY = re.compile(r"^-?\d+\.\d\d$")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("stats") / "demo.sqlite3"
    db = open_counter_database(path)
    generate_demo(db, members=1500, seed=3, today=TODAY)
    db.dispose()
    return path


def test_the_json_has_the_period_every_county_and_the_total(demo, capsys):
    code, out, err = run(capsys, "--db", demo, "stats", "--year", 2026, "--month", 11, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["period"] == {"from": "2026-11-01", "to": "2026-11-30", "label": "2026年11月", "basis": "cash"}
    assert [c["name"] for c in data["counties"]][:2] == ["商州区总工会", "洛南县总工会"] and len(data["counties"]) == 7
    for row in [*data["counties"], data["total"]]:
        assert {"code", "name", "units", "enrollments", "premiums", "claims_paid", "paid", "claim_ratio"} <= set(row)
        assert MONEY.match(row["premiums"]) and MONEY.match(row["paid"])
        assert row["claim_ratio"] is None or MONEY.match(row["claim_ratio"])
    total = data["total"]
    assert Decimal(total["premiums"]) == sum(Decimal(c["premiums"]) for c in data["counties"])
    assert total["enrollments"] == sum(c["enrollments"] for c in data["counties"])


def test_the_year_and_the_plan_year_basis(demo, capsys):
    _, out, _ = run(capsys, "--db", demo, "stats", "--year", 2026, "--json")
    cash = json.loads(out)
    _, out, _ = run(capsys, "--db", demo, "stats", "--year", 2026, "--basis", "plan-year", "--json")
    plan_year = json.loads(out)
    assert cash["period"]["from"] == "2026-01-01" and plan_year["period"]["basis"] == "plan-year"
    # the plan year also counts what the renewal season of 2025 collected
    assert Decimal(plan_year["total"]["premiums"]) > Decimal(cash["total"]["premiums"])


def test_one_county_with_its_units(demo, capsys):
    _, out, _ = run(capsys, "--db", demo, "stats", "--year", 2026, "--json")
    first = json.loads(out)["counties"][0]
    code, out, err = run(capsys, "--db", demo, "stats", "--year", 2026, "--county", first["code"], "--json")
    assert code == 0, err
    data = json.loads(out)
    assert [c["code"] for c in data["counties"]] == [first["code"]]
    assert data["units"] and sum(Decimal(u["premiums"]) for u in data["units"]) == Decimal(first["premiums"])


def test_the_text_lists_the_counties_and_the_total(demo, capsys):
    code, out, _ = run(capsys, "--db", demo, "stats", "--year", 2026, "--month", 11)
    lines = out.splitlines()
    assert code == 0 and lines[0] == "2026年11月 统计（按收付日期，未月结）"
    assert lines[1].split("\t")[:5] == ["县区/单位", "代码", "参保单位", "参保人次", "参保金额"]
    assert len(lines) == 2 + 7 + 1 and lines[-1].startswith("商洛市总工会合计\t")


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("--year", 2026, "--month", 13), "月份 13 不在 1—12 之间"),
        (("--year", 1999), "年份 1999 不在 2000—2100 之间"),
        (("--year", 2026, "--county", "NOPE"), "没有代码为「NOPE」的县区工会"),
    ],
)
def test_bad_input_is_told_in_chinese_with_status_2(demo, capsys, argv, said):
    code, out, err = run(capsys, "--db", demo, "stats", *argv)
    assert code == 2 and said in err and out == ""


def test_an_unknown_basis_is_refused_by_the_parser(demo, capsys):
    with pytest.raises(SystemExit) as exc:
        run(capsys, "--db", demo, "stats", "--year", 2026, "--basis", "accrual")
    assert exc.value.code == 2
