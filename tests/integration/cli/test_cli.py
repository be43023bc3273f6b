"""The `mutualaid` command line, run in-process on real files in a temporary folder."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mutualaid_desktop.cli import main
from mutualaid_desktop.paths import resources_dir

SHANGLUO = resources_dir() / "plans" / "shangluo-2027.toml"
CRITICAL = resources_dir() / "plans" / "critical-illness-2027.toml"

FACTS = {
    "id_number": "61100219800501123X",
    "cover_start": "2027-01-01",
    "cover_end": "2027-12-31",
    "continuous": False,
    "shares": 1,
    "admission_date": "2027-05-03",
    "discharge_date": "2027-05-10",
    "received_date": "2027-05-20",
    "hospital_grade": 2,
    "invoice_number": "61000012345",
    "previous_invoice_numbers": [],
    "total_cost": "12000.00",
    "fund_paid": "9000.00",
    "in_scope_self_pay": "2500.00",
    "out_of_scope_self_pay": "500.00",
    "paid_before": "0.00",
    "claims_before": 0,
}


def run(capsys, *argv: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_idcard_json_valid_invalid_and_converted(capsys):
    code, out, _ = run(capsys, "--json", "idcard", "61100219800501123x", "611002198005011230", "611002800501123")
    rows = json_lines(out)
    assert code == 2  # one of them is bad input
    assert rows[0]["valid"] is True and rows[0]["normalized"] == "61100219800501123X"
    assert rows[0]["birth_date"] == "1980-05-01" and rows[0]["sex"] == "male" and rows[0]["error"] is None
    assert rows[1]["valid"] is False and "校验" in rows[1]["error"]
    assert rows[2]["valid"] is True and rows[2]["normalized"].startswith("61100219800501123")


def test_idcard_reads_standard_input(capsys, monkeypatch):
    code, out, _ = run(
        capsys,
        "idcard",
        "-",
        "--json",
        stdin="61100219800501123X\n\n１１０１０１１９９００３０７４５７３\n",
        monkeypatch=monkeypatch,
    )
    rows = json_lines(out)
    assert code == 0
    assert [r["valid"] for r in rows] == [True, True]


def test_amount_words_and_errors(capsys):
    code, out, _ = run(capsys, "amount", "--json", "1409.50", "¥1,000,010", "１２.３")
    assert code == 0
    rows = json_lines(out)
    assert rows[0] == {"input": "1409.50", "amount": "1409.50", "words": "人民币壹仟肆佰零玖元伍角", "error": None}
    assert rows[1]["words"] == "人民币壹佰万零壹拾元整"
    assert rows[2]["amount"] == "12.30"
    code, out, _ = run(capsys, "amount", "--json", "12.345")
    assert code == 2 and json_lines(out)[0]["error"]


def write(tmp_path: Path, name: str, content) -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path


def test_claim_quote_shangluo(capsys, tmp_path):
    facts = write(tmp_path, "facts.json", FACTS)
    code, out, _ = run(capsys, "claim", "quote", "--plan", str(SHANGLUO), "--facts", str(facts))
    assert code == 0
    quote = json.loads(out)
    assert set(quote) == {"eligible", "reasons", "payout", "payout_in_words", "stay_days", "lines"}
    assert quote["eligible"] is True and quote["reasons"] == []
    assert quote["payout"] == "1750.00" and quote["payout_in_words"] == "人民币壹仟柒佰伍拾元整"
    assert quote["stay_days"] == 7
    assert quote["lines"] and all({"label", "amount"} <= set(line) for line in quote["lines"])


def test_claim_quote_ineligible_lists_reasons(capsys, tmp_path):
    facts = dict(
        FACTS,
        admission_date="2027-02-01",
        discharge_date="2027-02-05",
        invoice_number="A1",
        previous_invoice_numbers=["A1"],
    )
    code, out, _ = run(
        capsys, "claim", "quote", "--plan", str(SHANGLUO), "--facts", str(write(tmp_path, "f.json", facts))
    )
    quote = json.loads(out)
    assert code == 0 and quote["eligible"] is False and quote["payout"] == "0.00"
    assert quote["reasons"] == ["waiting_period", "duplicate"]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"discharge_date": "2027-05-01"}, "discharge_date"),
        ({"id_number": "611002198005011231"}, "id_number"),
        ({"fund_paid": "-1.00"}, "fund_paid"),
        ({"total_cost": "12000.02"}, "total_cost"),
        ({"admission_date": "2027/05/03"}, "admission_date"),
    ],
)
def test_claim_quote_bad_facts_exit_2(capsys, tmp_path, change, field):
    facts = {**FACTS, **change}
    code, out, err = run(
        capsys, "claim", "quote", "--plan", str(SHANGLUO), "--facts", str(write(tmp_path, "f.json", facts))
    )
    assert code == 2 and out == ""
    assert field in err


def test_claim_quote_missing_field_and_bad_json(capsys, tmp_path):
    facts = dict(FACTS)
    del facts["fund_paid"]
    code, _, err = run(
        capsys, "claim", "quote", "--plan", str(SHANGLUO), "--facts", str(write(tmp_path, "f.json", facts))
    )
    assert code == 2 and "fund_paid" in err
    code, _, err = run(
        capsys, "claim", "quote", "--plan", str(SHANGLUO), "--facts", str(write(tmp_path, "g.json", "{oops"))
    )
    assert code == 2 and "JSON" in err


def test_claim_quote_bad_plan_exit_2(capsys, tmp_path):
    plan = write(tmp_path, "p.toml", SHANGLUO.read_text(encoding="utf-8").replace("waiting_days", "wait_days"))
    code, _, err = run(capsys, "claim", "quote", "--plan", str(plan), "--facts", str(write(tmp_path, "f.json", FACTS)))
    assert code == 2 and "wait" in err


def test_init_plan_add_list_backup_check(capsys, monkeypatch, tmp_path):
    db = tmp_path / "counter.sqlite3"
    code, out, err = run(
        capsys,
        "--db",
        str(db),
        "--json",
        "init",
        "--org-name",
        "商洛市总工会",
        "--admin",
        "admin",
        "--password-stdin",
        stdin="s3cret-pass\n",
        monkeypatch=monkeypatch,
    )
    assert code == 0, err
    assert json.loads(out)["admin"] == "admin"

    code, out, err = run(capsys, "--db", str(db), "plan", "add", str(SHANGLUO), "--json")
    assert code == 0, err
    assert json.loads(out)["code"] == "SL-ZY-2027"
    code, _, err = run(capsys, "--db", str(db), "plan", "add", str(SHANGLUO))
    assert code == 2 and "已存在" in err
    run(capsys, "--db", str(db), "plan", "add", str(CRITICAL))
    code, out, _ = run(capsys, "--db", str(db), "--json", "plan", "list")
    codes = [p["code"] for p in json.loads(out)["plans"]]
    assert len(codes) == 2 and "SL-ZY-2027" in codes

    code, out, _ = run(capsys, "--db", str(db), "check")
    assert code == 0 and "通过" in out
    target = tmp_path / "copy.sqlite3"
    code, out, _ = run(capsys, "--db", str(db), "backup", "--to", str(target), "--json")
    assert code == 0 and Path(json.loads(out)["backup"]) == target
    with sqlite3.connect(target) as con:
        assert con.execute("select count(*) from plans").fetchone()[0] == 2


def test_plan_add_refuses_bad_file_and_leaves_database_alone(capsys, tmp_path):
    db = tmp_path / "c.sqlite3"
    run(capsys, "--db", str(db), "init")
    bad = write(
        tmp_path,
        "bad.toml",
        SHANGLUO.read_text(encoding="utf-8").replace('premium_per_share = "95.00"', "premium_per_share = 95.0"),
    )
    code, _, err = run(capsys, "--db", str(db), "plan", "add", str(bad))
    assert code == 2 and "premium_per_share" in err
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from plans").fetchone()[0] == 0


def test_init_rejects_short_password(capsys, monkeypatch, tmp_path):
    db = tmp_path / "c.sqlite3"
    code, _, err = run(
        capsys, "--db", str(db), "init", "--admin", "admin", "--password-stdin", stdin="123\n", monkeypatch=monkeypatch
    )
    assert code == 2 and "密码" in err
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from users").fetchone()[0] == 0


def test_check_reports_a_tampered_audit_log_with_exit_1(capsys, monkeypatch, tmp_path):
    db = tmp_path / "c.sqlite3"
    run(
        capsys,
        "--db",
        str(db),
        "init",
        "--org-name",
        "某县总工会",
        "--admin",
        "admin",
        "--password-stdin",
        stdin="s3cret-pass\n",
        monkeypatch=monkeypatch,
    )
    with sqlite3.connect(db) as con:
        con.execute("update audit_log set after_json = '{\"username\": \"mallory\"}' where action = 'user.create'")
    code, _, err = run(capsys, "--db", str(db), "check")
    assert code == 1 and "审计" in err


def test_restore_from_backup(capsys, tmp_path):
    db = tmp_path / "c.sqlite3"
    run(capsys, "--db", str(db), "init")
    backup = tmp_path / "b.sqlite3"
    run(capsys, "--db", str(db), "backup", "--to", str(backup))
    run(capsys, "--db", str(db), "plan", "add", str(SHANGLUO))
    code, _, err = run(capsys, "--db", str(db), "restore", str(backup))
    assert code == 0, err
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from plans").fetchone()[0] == 0


def test_restore_refuses_a_damaged_backup(capsys, tmp_path):
    db = tmp_path / "c.sqlite3"
    run(capsys, "--db", str(db), "init")
    run(capsys, "--db", str(db), "plan", "add", str(SHANGLUO))
    damaged = write(tmp_path, "damaged.sqlite3", "this is not a database")
    code, _, err = run(capsys, "--db", str(db), "restore", str(damaged))
    assert code == 1 and err
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from plans").fetchone()[0] == 1


def test_unknown_command_is_bad_input(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2


def test_console_entry_point_runs(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "mutualaid_desktop.cli", "amount", "10.01"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert out.returncode == 0 and "人民币壹拾元零壹分" in out.stdout


def _smash(path: Path, offset: int, length: int) -> None:
    with path.open("r+b") as file:
        file.seek(offset)
        file.write(bytes((i * 37 + 11) % 256 for i in range(length)))


def test_check_finds_damaged_pages_with_exit_1(capsys, tmp_path):
    db = tmp_path / "c.sqlite3"
    run(capsys, "--db", str(db), "demo", "--members", "3000")
    size = db.stat().st_size
    _smash(db, size // 2 // 4096 * 4096, 3 * 4096)
    code, _, err = run(capsys, "--db", str(db), "check")
    assert code == 1
    assert "损坏" in err and "restore" in err


def test_a_damaged_header_names_the_latest_good_backup_and_the_restore_command(capsys, tmp_path):
    db = tmp_path / "c.sqlite3"
    run(capsys, "--db", str(db), "init", "--org-name", "丹凤县总工会")
    run(capsys, "--db", str(db), "check")  # a second open: the day's backup is taken
    backups = sorted((tmp_path / "backups").glob("*.sqlite3"))
    assert backups
    _smash(db, 0, 16)
    code, out, err = run(capsys, "--db", str(db), "plan", "list")
    assert code == 1 and out == ""
    assert "损坏" in err and str(backups[-1]) in err and "restore" in err
    code, _, err = run(capsys, "--db", str(db), "restore", str(backups[-1]))
    assert code == 0, err
    code, out, _ = run(capsys, "--db", str(db), "check")
    assert code == 0
