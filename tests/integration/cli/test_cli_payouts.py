"""`mutualaid payout list` and `mutualaid payout export` (issue 9): in-process, and once as a real
process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from mutualaid_desktop.services.payouts.payouts import create_batch
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import AuditRecord, PayoutBatch
from tests.integration.cli.cli_run import run

from ..services.payouts_data import approved_claims, make_counter

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def counter_db(tmp_path):
    path = tmp_path / "c.sqlite3"
    db = open_counter_database(path)
    counter = make_counter(db, members=3, years=(2026,))
    claims = approved_claims(db, counter)
    batch = create_batch(db, counter.clerk, claims).batch_number
    yield db, path, batch
    db.dispose()


def test_payout_list(capsys, counter_db):
    _db, path, batch = counter_db
    code, out, err = run(capsys, "--db", str(path), "payout", "list", "--json")
    assert code == 0, err
    [row] = json.loads(out)["batches"]
    assert (row["batch_number"], row["status"], row["count"], row["total"], row["export_count"]) == (
        batch,
        "open",
        3,
        "4250.55",
        0,
    )
    code, out, _ = run(capsys, "--db", str(path), "payout", "list")
    assert (
        code == 0 and batch in out and "未导出" in out and "3 笔" in out and "4,250.55" in out and "已导出 0 次" in out
    )


def test_payout_export_once_then_a_copy_only_with_again_and_a_reason(capsys, counter_db, tmp_path):
    db, path, batch = counter_db
    first = tmp_path / "bank" / "first.xlsx"
    code, out, err = run(capsys, "--db", str(path), "payout", "export", "--batch", batch, "--out", str(first), "--json")
    assert code == 0, err
    result = json.loads(out)
    assert (result["batch"], result["count"], result["copy"]) == (batch, 3, False)
    assert load_workbook(first).active["A1"].value.endswith(batch)
    second = tmp_path / "bank" / "second.xlsx"
    code, _, err = run(capsys, "--db", str(path), "payout", "export", "--batch", batch, "--out", str(second))
    assert code == 1 and "已于" in err and "导出过银行文件" in err and "Traceback" not in err
    code, _, err = run(capsys, "--db", str(path), "payout", "export", "--batch", batch, "--out", str(second), "--again")
    assert code == 2 and "--reason" in err
    assert not second.exists()
    code, out, err = run(
        capsys,
        "--db",
        str(path),
        "payout",
        "export",
        "--batch",
        batch,
        "--out",
        str(second),
        "--again",
        "--reason",
        "原文件丢失，未交银行",
    )
    assert code == 0, err
    assert "副本 1" in out and batch in out
    title = load_workbook(second).active["A1"].value
    assert title.startswith("【副本】") and batch in title and "原文件丢失，未交银行" in title
    code, out, _ = run(capsys, "--db", str(path), "payout", "list", "--json")
    assert json.loads(out)["batches"][0]["export_count"] == 2
    with UnitOfWork(db, read_only=True) as uow:
        audits = [
            (a.username, json.loads(a.after_json))
            for a in uow.session.scalars(
                select(AuditRecord).where(AuditRecord.action == "payout.batch_export").order_by(AuditRecord.id)
            )
        ]
        assert uow.session.scalar(select(PayoutBatch.status)) == "exported"
    assert [(u.startswith("cli:"), a["copy"], a["reason"]) for u, a in audits] == [
        (True, False, None),
        (True, True, "原文件丢失，未交银行"),
    ]


def test_payout_export_bad_input(capsys, counter_db, tmp_path):
    _db, path, batch = counter_db
    code, _, err = run(
        capsys, "--db", str(path), "payout", "export", "--batch", "PF2026-9999", "--out", str(tmp_path / "x.xlsx")
    )
    assert code == 2 and "PF2026-9999" in err
    code, _, err = run(
        capsys, "--db", str(path), "payout", "export", "--batch", batch, "--out", str(tmp_path / "x.csv")
    )
    assert code == 2 and ".xlsx" in err
    code, _, err = run(
        capsys,
        "--db",
        str(path),
        "payout",
        "export",
        "--batch",
        batch,
        "--out",
        str(tmp_path / "x.xlsx"),
        "--reason",
        "为什么",
    )
    assert code == 2 and "--again" in err
    assert not list(tmp_path.glob("x.*"))


def test_payout_export_as_a_real_process(counter_db, tmp_path):
    _db, path, batch = counter_db
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = tmp_path / "real.xlsx"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mutualaid_desktop.cli",
            "--db",
            str(path),
            "payout",
            "export",
            "--batch",
            batch,
            "--out",
            str(out),
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["path"] == str(out) and out.exists()
    again = subprocess.run(
        [
            sys.executable,
            "-m",
            "mutualaid_desktop.cli",
            "--db",
            str(path),
            "payout",
            "export",
            "--batch",
            batch,
            "--out",
            str(tmp_path / "again.xlsx"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert again.returncode == 1 and "副本" in again.stderr and "Traceback" not in again.stderr
