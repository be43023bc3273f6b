"""`mutualaid unit add|list` and `mutualaid member find`, in-process on a file in tmp_path."""

from __future__ import annotations

import json
from datetime import date

from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.enrollment.members import search_members
from mutualaid_desktop.store.database import open_database
from tests.integration.cli.cli_run import run


def test_unit_add_and_list(capsys, tmp_path):
    db = str(tmp_path / "c.sqlite3")
    assert run(capsys, "--db", db, "unit", "add", "--code", "6110", "--name", "商洛市总工会")[0] == 0
    assert (
        run(capsys, "--db", db, "unit", "add", "--code", "611002", "--name", "商州区总工会", "--parent", "6110")[0] == 0
    )
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "unit",
        "add",
        "--code",
        "U001",
        "--name",
        "第一中学工会",
        "--parent",
        "611002",
        "--headcount",
        "120",
        "--json",
    )
    assert code == 0
    added = json.loads(out)
    assert (added["code"], added["kind"], added["parent"], added["headcount"]) == ("U001", "unit", "611002", 120)

    code, out, _ = run(capsys, "--db", db, "unit", "list", "--json")
    units = json.loads(out)["units"]
    assert code == 0
    assert [(u["code"], u["name"], u["kind"], u["parent"], u["members"]) for u in units] == [
        ("6110", "商洛市总工会", "city", None, 0),
        ("611002", "商州区总工会", "county", "6110", 0),
        ("U001", "第一中学工会", "unit", "611002", 0),
    ]
    code, out, _ = run(capsys, "--db", db, "unit", "list")
    assert code == 0 and "    U001\t第一中学工会\t会员 0" in out


def test_unit_add_refusals_exit_2(capsys, tmp_path):
    db = str(tmp_path / "c.sqlite3")
    run(capsys, "--db", db, "unit", "add", "--code", "6110", "--name", "商洛市总工会")
    run(capsys, "--db", db, "unit", "add", "--code", "611002", "--name", "商州区总工会", "--parent", "6110")
    code, out, err = run(capsys, "--db", db, "unit", "add", "--code", "U9", "--name", "某工会", "--parent", "NOPE")
    assert code == 2 and out == "" and "没有代码为 NOPE 的上级单位" in err
    code, _, err = run(capsys, "--db", db, "unit", "add", "--code", "611002", "--name", "重复", "--parent", "6110")
    assert code == 2 and "已被「商州区总工会」使用" in err
    code, _, err = run(
        capsys, "--db", db, "unit", "add", "--code", "X1", "--name", "某", "--parent", "6110", "--headcount", "abc"
    )
    assert code == 2 and "职工总数应为整数" in err
    code, out, _ = run(capsys, "--db", db, "unit", "list", "--json")
    assert len(json.loads(out)["units"]) == 2


def test_member_find(capsys, tmp_path):
    path = tmp_path / "c.sqlite3"
    database = open_database(path)
    generate_demo(database, members=500, seed=2, today=date(2026, 11, 29))
    target = search_members(database, "6110", limit=1)[0]
    database.dispose()

    code, out, _ = run(capsys, "--db", str(path), "member", "find", target.id_number, "--json")
    found = json.loads(out)["members"]
    assert code == 0 and found[0]["id_number"] == target.id_number and found[0]["name"] == target.name
    assert set(found[0]) >= {"name", "id_number", "sex", "age", "unit", "phone", "cover"}

    code, out, _ = run(capsys, "--db", str(path), "member", "find", target.id_number[-6:], "--limit", "5")
    assert code == 0 and target.id_number in out and len(out.splitlines()) <= 5

    code, out, _ = run(capsys, "--db", str(path), "member", "find", "查无此人", "--json")
    assert code == 0 and json.loads(out)["members"] == []
    code, _, err = run(capsys, "--db", str(path), "member", "find", " ")
    assert code == 2 and "请给出" in err
