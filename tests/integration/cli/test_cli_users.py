"""`mutualaid user ...` on a real database file."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from mutualaid_desktop.cli import main


def run(capsys, monkeypatch, *argv, stdin=""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_disable(capsys, monkeypatch, tmp_path):
    db = str(tmp_path / "c.sqlite3")
    assert (
        run(capsys, monkeypatch, "--db", db, "init", "--admin", "root", "--password-stdin", stdin="root-pass\n")[0] == 0
    )
    code, out, err = run(
        capsys,
        monkeypatch,
        "--db",
        db,
        "--json",
        "user",
        "add",
        "li",
        "--name",
        "李审核",
        "--role",
        "reviewer",
        stdin="review-pw\n",
    )
    assert code == 0, err
    assert json.loads(out) == {"username": "li", "display_name": "李审核", "role": "reviewer", "active": True}
    code, _, err = run(capsys, monkeypatch, "--db", db, "user", "add", "li", "--role", "clerk", stdin="xxxxxx\n")
    assert code == 2 and "已被使用" in err
    code, _, err = run(capsys, monkeypatch, "--db", db, "user", "disable", "root")
    assert code == 2 and "最后一个管理员" in err
    assert run(capsys, monkeypatch, "--db", db, "user", "disable", "li")[0] == 0
    code, out, _ = run(capsys, monkeypatch, "--db", db, "--json", "user", "list")
    assert {u["username"]: u["active"] for u in json.loads(out)["users"]} == {"root": True, "li": False}


def test_a_damaged_database_is_reported_without_a_traceback(tmp_path):
    db = tmp_path / "bad.sqlite3"
    db.write_bytes(b"not a database" * 100)
    out = subprocess.run(
        [sys.executable, "-m", "mutualaid_desktop.cli", "--db", str(db), "unit", "list"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert out.returncode == 1
    assert "损坏" in out.stderr and "Traceback" not in out.stderr and "header" not in out.stderr


def test_an_unknown_role_is_refused_in_chinese_by_the_service_with_the_roles_to_choose(capsys, monkeypatch, tmp_path):
    # The roles have one owner (the service): the command line does not keep its own list of them.
    db = str(tmp_path / "c.sqlite3")
    assert (
        run(capsys, monkeypatch, "--db", db, "init", "--admin", "root", "--password-stdin", stdin="root-pass\n")[0] == 0
    )
    for argv in (["user", "add", "li", "--role", "boss"], ["user", "role", "root", "boss"]):
        code, _, err = run(capsys, monkeypatch, "--db", db, *argv, stdin="review-pw\n")
        assert code == 2
        assert "角色“boss”不存在" in err and "reviewer（审核人）" in err
    code, out, _ = run(capsys, monkeypatch, "--db", db, "--json", "user", "list")
    assert json.loads(out)["users"] == [{"username": "root", "display_name": "root", "role": "admin", "active": True}]
