"""`mutualaid demo --members 1000000` finishes (in minutes) and leaves a sound database."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest


@pytest.mark.slow
def test_million_member_demo(tmp_path):
    db = tmp_path / "city.sqlite3"
    out = subprocess.run(
        [sys.executable, "-m", "mutualaid_desktop.cli", "--db", str(db), "--json", "demo", "--members", "1000000"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=1800,
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["members"] == 1_000_000
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from members").fetchone()[0] == 1_000_000
        assert con.execute("select count(distinct id_number) from members").fetchone()[0] == 1_000_000
        assert con.execute("select count(*) from org_units where kind = 'unit'").fetchone()[0] == report["units"]
    check = subprocess.run(
        [sys.executable, "-m", "mutualaid_desktop.cli", "--db", str(db), "check"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )
    assert check.returncode == 0, check.stderr
