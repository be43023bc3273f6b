"""`mutualaid plan close` and `plan withdraw`: the counter settings of a plan (停止参保日, 停用) from the
command line, and `plan list` showing them. The rules themselves are services/plans'; these are their words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import AuditRecord
from tests.integration.cli.cli_run import run

from ..services.payouts_data import make_counter

PLANS = Path(__file__).resolve().parents[3] / "resources" / "plans"


@pytest.fixture
def path(tmp_path):
    location = tmp_path / "c.sqlite3"
    db = open_counter_database(location)
    make_counter(db, members=2, years=(2026,))
    db.dispose()
    return str(location)


def test_close_sets_and_clears_the_last_day_of_enrollment(capsys, path):
    code, out, err = run(capsys, "--db", path, "plan", "close", "SL-ZY-2026", "--on", "２０２６-11-30")
    assert code == 0, err
    assert "停止参保日设为 2026-11-30" in out
    code, out, _ = run(capsys, "--db", path, "plan", "list")
    assert "SL-ZY-2026" in out and "停止参保日 2026-11-30" in out
    code, out, _ = run(capsys, "--db", path, "--json", "plan", "list")
    listed = {p["code"]: p for p in json.loads(out)["plans"]}
    assert listed["SL-ZY-2026"]["enrollment_closes"] == "2026-11-30" and listed["SL-ZY-2026"]["withdrawn"] is False
    code, out, _ = run(capsys, "--db", path, "plan", "close", "SL-ZY-2026", "--clear")
    assert code == 0 and "已取消停止参保日" in out
    code, out, _ = run(capsys, "--db", path, "plan", "list")
    assert "停止参保日" not in out


@pytest.mark.parametrize(
    "argv, words",
    [
        (["SL-ZY-2026"], "二者选一"),
        (["SL-ZY-2026", "--on", "2026-11-30", "--clear"], "二者选一"),
        (["SL-ZY-2026", "--on", "2026-13-01"], "不是日期"),
        (["SL-ZY-2026", "--on", "2027-01-05"], "保障期间内"),
        (["NOPE", "--on", "2026-11-30"], "没有代码为 NOPE 的计划"),
    ],
)
def test_close_refuses_in_chinese_and_changes_nothing(capsys, path, argv, words):
    code, _, err = run(capsys, "--db", path, "plan", "close", *argv)
    assert code == 2 and words in err
    _, out, _ = run(capsys, "--db", path, "--json", "plan", "list")
    assert all(p["enrollment_closes"] is None for p in json.loads(out)["plans"])


def test_withdraw_only_a_plan_nobody_is_enrolled_in_and_audited(capsys, path):
    code, _, err = run(capsys, "--db", path, "plan", "withdraw", "SL-ZY-2026")
    assert code == 2 and "不能停用" in err and "停止参保日" in err
    code, _, err = run(capsys, "--db", path, "plan", "add", str(PLANS / "ningbo-2027.toml"))
    assert code == 0, err
    code, out, err = run(capsys, "--db", path, "plan", "withdraw", "NB-ZY-2027")
    assert code == 0 and "已停用" in out, err
    code, _, err = run(capsys, "--db", path, "plan", "withdraw", "NB-ZY-2027")
    assert code == 2 and "已于" in err
    _, out, _ = run(capsys, "--db", path, "plan", "list")
    assert next(line for line in out.splitlines() if line.startswith("NB-ZY-2027")).endswith("已停用")
    db = open_counter_database(path)
    try:
        with UnitOfWork(db, read_only=True) as uow:
            (audit,) = uow.session.scalars(select(AuditRecord).where(AuditRecord.action == "plan.withdraw")).all()
            assert audit.username.startswith("cli:")
    finally:
        db.dispose()
