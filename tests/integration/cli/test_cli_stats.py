"""`mutualaid stats`: the figures of a month or a year, as text or one JSON object (issue 12)."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import sqlite3
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.statistics.targets import set_million_thresholds, set_target

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


SPEC_KEYS = {"code", "name", "units", "enrollments", "premiums", "claims_paid", "paid", "claim_ratio"} | {
    "target_premiums",
    "target_rate",
    "million",
    "rank",
}


@pytest.fixture
def targeted(demo, tmp_path):
    """A copy of the demo with 2026 targets for every county but the last, and the city's, set by the test."""
    path = tmp_path / "targets.sqlite3"
    shutil.copyfile(demo, path)
    con = sqlite3.connect(path)
    codes = [c for (c,) in con.execute("SELECT code FROM org_units WHERE kind = 'county' ORDER BY code")]
    (city,) = con.execute("SELECT code FROM org_units WHERE kind = 'city'").fetchone()
    supervisor = UserInfo(
        *con.execute("SELECT id, username, display_name, role FROM users WHERE role = 'supervisor'").fetchone()
    )
    con.close()
    db = open_counter_database(path)
    targets = {code: Decimal(8000 + 1500 * i) for i, code in enumerate(codes[:-1])}
    targets[city] = Decimal(60000)
    for code, amount in targets.items():
        set_target(db, supervisor, year=2026, unit_code=code, premiums=str(amount))
    set_target(db, supervisor, year=2026, unit_code=codes[-1], premiums="")  # the demo's target cleared
    set_million_thresholds(db, supervisor, "9000", "15000")
    db.dispose()
    return path, targets, codes[-1]


def test_the_json_has_each_countys_target_completion_rank_and_million_status(targeted, capsys, clock):
    clock.set(TODAY)
    path, targets, untargeted = targeted
    code, out, err = run(capsys, "--db", path, "stats", "--year", 2026, "--json")
    assert code == 0, err
    data = json.loads(out)
    for row in [*data["counties"], data["total"]]:
        assert set(row) >= SPEC_KEYS, SPEC_KEYS - set(row)
        assert row["million"] in (None, "million", "two_million")
        assert row["rank"] is None or isinstance(row["rank"], int)
        assert isinstance(row["tied"], bool)
    for row in [*data["counties"], data["total"]]:
        target = targets.get(row["code"])
        if target is None:
            assert row["target_premiums"] is None and row["target_rate"] is None
            continue
        assert row["target_premiums"] == f"{target:.2f}"
        expected = (Decimal(row["premiums"]) * 100 / target).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert MONEY.match(row["target_rate"]) and Decimal(row["target_rate"]) == expected
    for row in data["counties"]:
        premiums = Decimal(row["premiums"])
        assert row["million"] == ("two_million" if premiums >= 15000 else "million" if premiums >= 9000 else None)
    # ranked by completion, then premiums; the county without a target after every county with one
    counties = {row["code"]: row for row in data["counties"]}
    ranked = sorted(counties.values(), key=lambda r: r["rank"])
    keys = [(r["target_rate"] is None, -Decimal(r["target_rate"] or 0), -Decimal(r["premiums"])) for r in ranked]
    assert keys == sorted(keys) and ranked[0]["rank"] == 1
    assert counties[untargeted]["rank"] == max(r["rank"] for r in ranked)
    assert data["total"]["rank"] is None and data["total"]["million"] is None
    assert data["standing"] == {
        "year": 2026,
        "through_month": 11,  # the year runs: up to this month
        "schedule": "91.67",
        "thresholds": {"million": "9000.00", "two_million": "15000.00"},
        "full_coverage": all(r["million"] for r in data["counties"]),
        "basis": "cash",
        "frozen": False,
    }


def test_the_text_shows_the_target_completion_and_rank(targeted, capsys):
    path, _targets, _untargeted = targeted
    code, out, _ = run(capsys, "--db", path, "stats", "--year", 2026)
    head, *rows = out.splitlines()[1:]
    assert code == 0 and head.split("\t")[-4:] == ["本年目标", "完成率", "排名", "百万县区"]
    city = rows[-1].split("\t")
    assert city[-4] == "60000.00" and city[-2] == ""


def test_a_countys_units_are_ranked_by_their_premiums_of_the_year_to_date(demo, capsys, clock):
    clock.set(TODAY)
    _, out, _ = run(capsys, "--db", demo, "stats", "--year", 2026, "--json")
    county = max(json.loads(out)["counties"], key=lambda c: c["units"])["code"]
    code, out, err = run(capsys, "--db", demo, "stats", "--year", 2026, "--month", 10, "--county", county, "--json")
    assert code == 0, err
    units = json.loads(out)["units"]
    assert len(units) >= 2 and all(isinstance(u["rank"], int) for u in units)
    ranked = sorted(((u["rank"], u["tied"], ytd_through_october(demo, u["code"])) for u in units), key=lambda r: r[0])
    assert [r[2] for r in ranked] == sorted((r[2] for r in ranked), reverse=True)  # rank 1 collected most, Jan-Oct
    for (rank_a, tied_a, a), (rank_b, tied_b, b) in itertools.pairwise(ranked):
        assert (rank_a == rank_b) == (a == b) and (a != b or (tied_a and tied_b))  # equal premiums share a rank


def ytd_through_october(path, unit_code: str) -> Decimal:
    """A unit's premiums paid January to October 2026, by plain SQL."""
    con = sqlite3.connect(path)
    (fen,) = con.execute(
        "SELECT COALESCE(SUM(it.premium_fen), 0) FROM premium_payment_items it "
        "JOIN premium_payments pay ON pay.id = it.payment_id JOIN enrollments e ON e.id = it.enrollment_id "
        "JOIN org_units u ON u.id = e.unit_id WHERE u.code = ? AND pay.voided = 0 "
        "AND pay.paid_on BETWEEN '2026-01-01' AND '2026-10-31'",
        (unit_code,),
    ).fetchone()
    con.close()
    return Decimal(fen) / 100
