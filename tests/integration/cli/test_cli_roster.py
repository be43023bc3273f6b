"""`mutualaid roster import` and `plan add --min-participation`, in-process and (killed) in a subprocess."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.store.models import Enrollment, Member, Plan
from tests.integration.cli.cli_run import run
from tests.rosters import (
    UNIT,
    make_counter,
    many_people,
    messy_rows,
    person_id,
    plan_code,
    plan_text,
    write_big_xlsx,
    write_csv,
    write_xlsx,
)  # fmt: skip

ROOT = Path(__file__).resolve().parents[3]
YEAR = date.today().year + 1  # the CLI enrolls on the real today: next year's plan is open
PLAN = plan_code(YEAR)


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "c.sqlite3"
    db = open_counter_database(str(path))
    make_counter(db, year=YEAR)
    db.dispose()
    return path


def counts(path):
    db = open_counter_database(str(path))
    try:
        with db.session(read_only=True) as s:
            return (
                s.scalar(select(func.count()).select_from(Member)),
                s.scalar(select(func.count()).select_from(Enrollment)),
            )
    finally:
        db.dispose()


def test_all_good_rows_imported_exit_0(capsys, db_path, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [[1, "张伟", person_id(1)], [2, "李娜", person_id(2, male=False), "女"]])
    code, out, err = run(capsys, "--db", db_path, "roster", "import", path, "--unit", UNIT, "--plan", PLAN, "--json")
    assert code == 0, err
    assert json.loads(out) == {"rows": 2, "imported": 2, "rejected": []}
    assert counts(db_path) == (2, 2)


def test_bad_rows_nothing_imported_exit_1_each_listed(capsys, db_path, tmp_path):
    rows, _ = messy_rows()
    path = write_xlsx(tmp_path / "r.xlsx", rows)
    code, out, err = run(capsys, "--db", db_path, "roster", "import", path, "--unit", UNIT, "--plan", PLAN)
    assert code == 1
    assert "第 7 行：身份证号码有误" in err and "第 8 行：身份证号码被 Excel 存成了数字" in err
    assert "没有导入任何数据" in err and "已导入 0 行" in out
    assert counts(db_path) == (0, 0)
    code, out, _ = run(capsys, "--db", db_path, "roster", "import", path, "--unit", UNIT, "--plan", PLAN, "--json")
    summary = json.loads(out)
    assert code == 1 and summary["rows"] == 10 and summary["imported"] == 0
    assert [r["row"] for r in summary["rejected"]] == [7, 8, 9, 10, 11, 12, 13]


def test_skip_bad_imports_the_good_ones_exit_0(capsys, db_path, tmp_path):
    rows, _ = messy_rows()
    path = write_csv(tmp_path / "r.csv", rows, encoding="gb18030")
    code, out, _ = run(
        capsys, "--db", db_path, "roster", "import", path, "--unit", UNIT, "--plan", PLAN, "--skip-bad", "--json"
    )
    summary = json.loads(out)
    assert code == 0 and summary["imported"] == 3 and len(summary["rejected"]) == 7
    assert summary["rejected"][0] == {"row": 5, "reason": summary["rejected"][0]["reason"]}  # CSV: header is row 1
    assert counts(db_path) == (3, 3)


def test_dry_run_writes_nothing(capsys, db_path, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [[1, "张伟", person_id(1)]])
    code, out, _ = run(capsys, "--db", db_path, "roster", "import", path, "--unit", UNIT, "--plan", PLAN, "--dry-run")
    assert code == 0 and "未导入" in out
    assert counts(db_path) == (0, 0)


@pytest.mark.parametrize("args", [("--unit", "NOPE", "--plan", PLAN), ("--unit", UNIT, "--plan", "NOPE")])
def test_unknown_unit_or_plan_exit_2(capsys, db_path, tmp_path, args):
    path = write_xlsx(tmp_path / "r.xlsx", [[1, "张伟", person_id(1)]])
    code, _, err = run(capsys, "--db", db_path, "roster", "import", path, *args)
    assert code == 2 and "NOPE" in err


def test_unreadable_file_exit_2(capsys, db_path, tmp_path):
    (tmp_path / "r.xlsx").write_bytes(b"garbage")
    code, _, err = run(capsys, "--db", db_path, "roster", "import", tmp_path / "r.xlsx", "--unit", UNIT, "--plan", PLAN)
    assert code == 2 and "无法读取" in err
    code, _, err = run(
        capsys, "--db", db_path, "roster", "import", tmp_path / "none.xlsx", "--unit", UNIT, "--plan", PLAN
    )
    assert code == 2 and "找不到" in err


def test_participation_warning_on_stderr(capsys, db_path, tmp_path):
    plan_file = tmp_path / "p.toml"
    plan_file.write_text(plan_text().replace("SL-ZY-2027", "SL-ZY-X").replace("2027", str(YEAR)), encoding="utf-8")
    code, _, _ = run(capsys, "--db", db_path, "plan", "add", plan_file, "--min-participation", "50")
    assert code == 0
    db = open_counter_database(str(db_path))
    with db.session(read_only=True) as s:
        assert s.scalar(select(Plan.min_participation_pct).where(Plan.code == "SL-ZY-X")) == 50
    db.dispose()
    path = write_xlsx(tmp_path / "r.xlsx", [[1, "张伟", person_id(1)]])
    code, _, err = run(capsys, "--db", db_path, "roster", "import", path, "--unit", UNIT, "--plan", "SL-ZY-X")
    assert code == 0 and "低于本计划要求的 50%" in err


@pytest.mark.slow
def test_killed_in_the_middle_of_a_100000_row_import_leaves_the_database_unchanged(db_path, tmp_path):
    path = write_big_xlsx(tmp_path / "big.xlsx", many_people(100_000))
    before = counts(db_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "mutualaid_desktop.cli", "--db", str(db_path), "roster", "import", str(path),
         "--unit", UNIT, "--plan", PLAN],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True, encoding="utf-8",
    )  # fmt: skip
    deadline = time.monotonic() + 300
    seen = []
    with process:  # waited for and its pipes closed whatever happens
        for line in process.stderr:
            seen.append(line)
            if "写入数据库" in line:
                process.send_signal(signal.SIGKILL)  # a power cut, in the middle of the transaction
                break
            assert time.monotonic() < deadline, seen
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, seen
    assert counts(db_path) == before
    check = subprocess.run(
        [sys.executable, "-m", "mutualaid_desktop.cli", "--db", str(db_path), "check"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert check.returncode == 0, check.stderr
    # and the same file imports completely afterwards
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mutualaid_desktop.cli",
            "--db",
            str(db_path),
            "roster",
            "import",
            str(path),
            "--unit",
            UNIT,
            "--plan",
            PLAN,
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["imported"] == 100_000
    assert counts(db_path) == (100_000, 100_000)
