"""`mutualaid roster import … --bad-rows-out FILE.xlsx`: the bad rows handed back to the unit, with 原因, as text
(a roster cell starting with = + - @ is never a formula in the file), in every mode; refused names and
files that cannot be written."""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import load_workbook

from mutualaid_desktop.io.bad_rows_writer import REASON_HEADER, ROW_HEADER
from mutualaid_desktop.services.session import open_counter_database
from tests.integration.cli.cli_run import run
from tests.rosters import HEADER, UNIT, bad_check, make_counter, messy_rows, person_id, plan_code, write_csv, write_xlsx
from tests.xlsx_checks import HOSTILE, formula_cells, stored, texts

from .test_cli_roster import counts

YEAR = date.today().year + 1  # the CLI enrolls on the real today: next year's plan is open
PLAN = plan_code(YEAR)


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "c.sqlite3"
    db = open_counter_database(str(path))
    make_counter(db, year=YEAR)
    db.dispose()
    return path


def hostile_rows() -> list[list]:
    """Rows that are bad (a wrong check digit), with a hostile text in every other column."""
    return [[h, h, bad_check(person_id(20 + n)), h, h, h, h] for n, h in enumerate(HOSTILE)]


@pytest.mark.parametrize("mode", [(), ("--dry-run",), ("--skip-bad",)], ids=["import", "dry-run", "skip-bad"])
def test_bad_rows_written_with_reasons_as_text(capsys, db_path, tmp_path, mode):
    rows, _ = messy_rows()
    roster = write_csv(tmp_path / "名册.csv", rows + hostile_rows())
    out_file = tmp_path / "退回" / "问题行.xlsx"
    code, out, err = run(
        capsys,
        "--db",
        db_path,
        "roster",
        "import",
        roster,
        "--unit",
        UNIT,
        "--plan",
        PLAN,
        *mode,
        "--bad-rows-out",
        out_file,
        "--json",
    )
    summary = json.loads(out)
    assert code == (0 if mode == ("--skip-bad",) else 1), err
    assert summary["bad_rows_file"] == str(out_file) and f"已保存到 {out_file}" in err
    bad = summary["rejected"]
    assert len(bad) == 7 + len(HOSTILE)
    assert formula_cells(out_file) == []
    sheet = load_workbook(out_file).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = values[1]
    assert header[0] == ROW_HEADER and header[-1] == REASON_HEADER and header[1:-1] == HEADER
    body = values[2:]
    assert [int(r[0]) for r in body] == [b["row"] for b in bad]
    assert [r[-1] for r in body] == [stored(b["reason"]) for b in bad]
    assert {c.data_type for row in sheet.iter_rows(min_row=3) for c in row if c.value} == {"s"}
    read_back = texts(out_file)
    for hostile in HOSTILE:
        # the roster reader strips the cells (a leading tab or line break goes); the rest is as typed
        assert read_back.count(stored(hostile.strip())) >= 5, hostile
    assert counts(db_path) == ((3, 3) if mode == ("--skip-bad",) else (0, 0))


def test_no_bad_rows_no_file(capsys, db_path, tmp_path):
    roster = write_xlsx(tmp_path / "r.xlsx", [[1, "张伟", person_id(1)]])
    out_file = tmp_path / "问题行.xlsx"
    code, out, err = run(
        capsys,
        "--db",
        db_path,
        "roster",
        "import",
        roster,
        "--unit",
        UNIT,
        "--plan",
        PLAN,
        "--bad-rows-out",
        out_file,
        "--json",
    )
    assert code == 0 and json.loads(out)["bad_rows_file"] is None and "没有问题行" in err
    assert not out_file.exists() and counts(db_path) == (1, 1)


def test_a_name_not_xlsx_is_refused_first(capsys, db_path, tmp_path):
    roster = write_xlsx(tmp_path / "r.xlsx", [[1, "张伟", bad_check(person_id(1))]])
    code, _, err = run(
        capsys,
        "--db",
        db_path,
        "roster",
        "import",
        roster,
        "--unit",
        UNIT,
        "--plan",
        PLAN,
        "--bad-rows-out",
        tmp_path / "bad.csv",
    )
    assert code == 2 and ".xlsx" in err and not (tmp_path / "bad.csv").exists()


def test_a_file_that_cannot_be_written_imports_nothing(capsys, db_path, tmp_path):
    rows, _ = messy_rows()
    roster = write_xlsx(tmp_path / "r.xlsx", rows)
    folder = tmp_path / "已存在的文件夹.xlsx"
    folder.mkdir()
    code, _out, err = run(
        capsys,
        "--db",
        db_path,
        "roster",
        "import",
        roster,
        "--unit",
        UNIT,
        "--plan",
        PLAN,
        "--skip-bad",
        "--bad-rows-out",
        folder,
    )
    assert code == 1 and "无法保存" in err and "没有导入任何数据" in err and "Traceback" not in err
    assert counts(db_path) == (0, 0) and folder.is_dir() and list(folder.iterdir()) == []
