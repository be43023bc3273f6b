"""`mutualaid target set|list|import|thresholds`, in-process on a file in tmp_path."""

from __future__ import annotations

import json

import pytest

from tests.integration.cli.cli_run import run


@pytest.fixture
def db(capsys, tmp_path):
    path = str(tmp_path / "c.sqlite3")
    for code, name, parent in (
        ("6110", "商洛市总工会", None),
        ("611002", "商州区总工会", "6110"),
        ("611021", "洛南县总工会", "6110"),
        ("U001", "第一中学工会", "611002"),
    ):
        args = ("--parent", parent) if parent else ()
        assert run(capsys, "--db", path, "unit", "add", "--code", code, "--name", name, *args)[0] == 0
    return path


def listed(capsys, db, year=2027):
    code, out, err = run(capsys, "--db", db, "target", "list", "--year", year, "--json")
    assert code == 0, err
    return json.loads(out)


def test_set_then_list_as_json(capsys, db):
    code, out, _ = run(
        capsys, "--db", db, "target", "set", "--year", "2027", "--county", "611002", "--premiums", "1,500,000.5",
        "--enrollments", "15000", "--coverage", "85.5",
    )  # fmt: skip
    assert code == 0 and "商州区总工会" in out and "1,500,000.50" in out
    assert run(capsys, "--db", db, "target", "set", "--year", "2027", "--county", "6110", "--enrollments", "9")[0] == 0
    assert listed(capsys, db) == [
        {"code": "6110", "name": "商洛市总工会", "kind": "city", "premiums": None, "enrollments": 9, "coverage": None},
        {"code": "611002", "name": "商州区总工会", "kind": "county", "premiums": "1500000.50", "enrollments": 15000,
         "coverage": "85.50"},
        {"code": "611021", "name": "洛南县总工会", "kind": "county", "premiums": None, "enrollments": None,
         "coverage": None},
    ]  # fmt: skip
    code, out, _ = run(capsys, "--db", db, "target", "list", "--year", "2027")
    assert code == 0 and "611002\t商州区总工会" in out and "¥1,500,000.50" in out and "85.50%" in out
    # an empty figure clears it
    assert run(capsys, "--db", db, "target", "set", "--year", "2027", "--county", "611002", "--coverage", "")[0] == 0
    assert listed(capsys, db)[1]["coverage"] is None and listed(capsys, db)[1]["enrollments"] == 15000


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--county", "611002"), "至少给出一项目标"),
        (("--county", "U001", "--premiums", "1"), "是基层工会"),
        (("--county", "NOPE", "--premiums", "1"), "没有代码为 NOPE"),
        (("--county", "611002", "--premiums", "-1"), "不能为负数"),
        (("--county", "611002", "--coverage", "120"), "0 到 100 之间"),
    ],
)
def test_set_refusals_exit_2_and_change_nothing(capsys, db, args, words):
    code, out, err = run(capsys, "--db", db, "target", "set", "--year", "2027", *args)
    assert code == 2 and out == "" and words in err
    assert all(row["premiums"] is None and row["coverage"] is None for row in listed(capsys, db))


def test_import_from_xlsx_and_a_bad_file(capsys, db, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["县区代码", "参保金额目标", "参保人次目标", "覆盖率目标"])
    sheet.append(["611002", 1200000, 12000, "80%"])
    sheet.append(["611021", "900000", None, None])
    workbook.save(tmp_path / "t.xlsx")
    code, out, err = run(capsys, "--db", db, "target", "import", tmp_path / "t.xlsx", "--year", "2027")
    assert code == 0, err
    assert "2 个" in out
    rows = {row["code"]: row for row in listed(capsys, db)}
    assert (rows["611002"]["premiums"], rows["611021"]["premiums"]) == ("1200000.00", "900000.00")

    sheet.append(["U001", 5, None, None])
    workbook.save(tmp_path / "bad.xlsx")
    code, out, err = run(capsys, "--db", db, "target", "import", tmp_path / "bad.xlsx", "--year", "2028")
    assert code == 2 and "第 4 行" in err and "没有导入任何目标" in err
    assert all(row["premiums"] is None for row in listed(capsys, db, 2028))


def test_thresholds_print_and_set(capsys, db):
    code, out, _ = run(capsys, "--db", db, "target", "thresholds")
    assert code == 0 and "¥1,000,000.00" in out and "¥2,000,000.00" in out
    code, out, _ = run(capsys, "--db", db, "target", "thresholds", "--json")
    assert json.loads(out) == {"million": "1000000.00", "two_million": "2000000.00"}
    code, out, _ = run(capsys, "--db", db, "target", "thresholds", "--million", "500000", "--two-million", "1000000")
    assert code == 0 and "¥500,000.00" in out
    code, _, err = run(capsys, "--db", db, "target", "thresholds", "--million", "500000")
    assert code == 2 and "--million 和 --two-million" in err
    code, _, err = run(capsys, "--db", db, "target", "thresholds", "--million", "9", "--two-million", "8")
    assert code == 2 and "应高于" in err
    code, out, _ = run(capsys, "--db", db, "target", "thresholds", "--json")
    assert json.loads(out) == {"million": "500000.00", "two_million": "1000000.00"}
