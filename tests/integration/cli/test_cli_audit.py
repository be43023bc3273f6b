"""The command line acts as a local administrator: every audit record it writes names the
operating-system user ("cli:<account>"). `mutualaid check` finds money rows changed behind the
program's back and an emptied audit log (exit 1, table and row named, no names or ID numbers)."""

from __future__ import annotations

import getpass
import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mutualaid_desktop.cli import main
from mutualaid_desktop.paths import resources_dir
from tests.rosters import person_id, write_xlsx

ROOT = Path(__file__).resolve().parents[3]
SHANGLUO = resources_dir() / "plans" / "shangluo-2027.toml"
CLI_USER = "cli:" + getpass.getuser()


def run(capsys, monkeypatch, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def audit_users(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT username, action FROM audit_log ORDER BY id").fetchall()


def test_every_command_line_write_names_the_system_user(capsys, monkeypatch, tmp_path):
    db = str(tmp_path / "c.sqlite3")
    steps = [
        (["init", "--org-name", "商洛市总工会", "--admin", "root", "--password-stdin"], "root-pass-1\n"),
        (["plan", "add", str(SHANGLUO)], ""),
        (["unit", "add", "--code", "6110", "--name", "商洛市总工会"], ""),
        (["unit", "add", "--code", "611002", "--name", "商州区总工会", "--parent", "6110"], ""),
        (["unit", "add", "--code", "U001", "--name", "商州区第一中学工会", "--parent", "611002"], ""),
        (["user", "add", "zhang", "--name", "张经办", "--role", "clerk"], "clerk-pass-1\n"),
        (["user", "role", "zhang", "reviewer"], ""),
        (["user", "disable", "zhang"], ""),
        (["user", "enable", "zhang"], ""),
        (["user", "password", "zhang"], "clerk-pass-2\n"),
        (["roster", "import", str(tmp_path / "r.xlsx"), "--unit", "U001", "--plan", "SL-ZY-2027"], ""),
        (["print", "member-leaflet", "--plan", "SL-ZY-2027", "--out", str(tmp_path / "leaflet.pdf")], ""),
    ]
    write_xlsx(
        tmp_path / "r.xlsx",
        [
            [1, "张伟", person_id(1), "男", "13900000001", "", ""],
            [2, "李娜", person_id(2, male=False), "女", "13900000002", "", ""],
        ],
    )
    for argv, stdin in steps:
        code, _, err = run(capsys, monkeypatch, "--db", db, *argv, stdin=stdin)
        assert code == 0, (argv, err)
    records = audit_users(Path(db))
    actions = {action for _, action in records}
    assert {
        "settings.org_name",
        "user.create",
        "plan.add",
        "unit.add",
        "user.role",
        "user.deactivate",
        "user.activate",
        "user.password",
        "roster.import",
        "paper.issue",
    } <= actions, actions
    assert [r for r in records if r[0] != CLI_USER] == []


def test_demo_data_names_the_system_user(capsys, monkeypatch, tmp_path):
    db = str(tmp_path / "d.sqlite3")
    code, _, err = run(capsys, monkeypatch, "--db", db, "demo", "--members", "400")
    assert code == 0, err
    records = audit_users(Path(db))
    assert records and {user for user, _ in records} == {CLI_USER}
    code, out, err = run(capsys, monkeypatch, "--db", db, "check")
    assert (code, err) == (0, "")
    assert "金额数据与审计记录相符" in out


@pytest.fixture
def demo_db(capsys, monkeypatch, tmp_path) -> Path:
    path = tmp_path / "demo.sqlite3"
    code, _, err = run(capsys, monkeypatch, "--db", str(path), "demo", "--members", "400")
    assert code == 0, err
    return path


def check_in_a_process(path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "mutualaid_desktop.cli", "--db", str(path), "check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_check_finds_a_receipt_amount_changed_with_sqlite3(demo_db):
    with sqlite3.connect(demo_db) as connection:
        connection.execute("UPDATE premium_payments SET amount_fen = amount_fen + 100 WHERE id = 3")
        names = [row[0] for row in connection.execute("SELECT name FROM members")]
        numbers = [row[0] for row in connection.execute("SELECT id_number FROM members")]
    done = check_in_a_process(demo_db)
    assert done.returncode == 1
    assert "表 premium_payments 第 3 行（缴费收据）与审计记录不符：在程序之外被改动过。" in done.stderr
    assert "Traceback" not in done.stderr
    assert not any(n in done.stderr for n in names) and not any(n in done.stderr for n in numbers)


def test_check_finds_an_emptied_audit_log(demo_db):
    assert check_in_a_process(demo_db).returncode == 0
    with sqlite3.connect(demo_db) as connection:
        connection.execute("DELETE FROM audit_log")
        connection.execute("DELETE FROM settings WHERE key = 'audit_tip'")
    done = check_in_a_process(demo_db)
    assert done.returncode == 1
    assert "审计记录是空的" in done.stderr and "没有对应的审计记录" in done.stderr
