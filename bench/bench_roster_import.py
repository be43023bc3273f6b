"""Roster import benchmark: a generated 100,000-row .xlsx, against a baseline in the same run.

- service: `preview_roster` (read with openpyxl read-only, find columns, check every row, look up
  existing members) + `import_roster` (one transaction, bulk inserts, audit record);
- baseline: the same file read with openpyxl alone (read-only, values only) and the same rows
  inserted into the same schema with raw sqlite3 executemany in one transaction (no checks).

Target: service / baseline under 2x.

Usage: python bench/bench_roster_import.py [--rows 100000] [--runs 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mutualaid_desktop.services.enrollment.roster_import import import_roster, preview_roster  # noqa: E402
from mutualaid_desktop.services.session import open_counter_database  # noqa: E402
from tests.rosters import UNIT, make_counter, many_people, plan_code, write_big_xlsx  # noqa: E402  (test data helpers)

YEAR = 2027
TODAY = date(2026, 12, 1)


def fresh_db(folder: Path, name: str) -> Path:
    path = folder / name
    db = open_counter_database(str(path))
    make_counter(db, year=YEAR)
    db.dispose()
    return path


def run_service(db_path: Path, roster: Path) -> dict:
    db = open_counter_database(str(db_path))
    try:
        t0 = time.perf_counter()
        preview = preview_roster(db, roster, UNIT, plan_code(YEAR), today=TODAY)
        t1 = time.perf_counter()
        from mutualaid_desktop.services.admin.users import UserInfo

        admin = UserInfo(1, "admin", "王芳", "admin")
        result = import_roster(db, admin, preview)
        t2 = time.perf_counter()
    finally:
        db.dispose()
    assert result.imported == len(preview.good), result
    return {
        "total": t2 - t0,
        "read+check": t1 - t0,
        "import": t2 - t1,
        "imported": result.imported,
        "bad": len(preview.bad),
    }


def run_baseline(db_path: Path, roster: Path) -> dict:
    import openpyxl

    t0 = time.perf_counter()
    workbook = openpyxl.load_workbook(roster, read_only=True, data_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))[1:]
    workbook.close()
    t1 = time.perf_counter()
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    unit_id = conn.execute("SELECT id FROM org_units WHERE code = ?", (UNIT,)).fetchone()[0]
    plan_id, per_share = conn.execute(
        "SELECT id, premium_per_share_fen FROM plans WHERE code = ?", (plan_code(YEAR),)
    ).fetchone()
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    first = (conn.execute("SELECT max(id) FROM members").fetchone()[0] or 0) + 1
    members, enrollments = [], []
    for offset, (_, name, number, _sex, phone) in enumerate(rows):
        member_id = first + offset
        birth = f"{number[6:10]}-{number[10:12]}-{number[12:14]}"
        sex = "male" if int(number[16]) % 2 else "female"
        members.append((member_id, number, number[::-1], name, sex, birth, str(phone), unit_id, now))
        enrollments.append((member_id, plan_id, unit_id, 1, per_share, 0, "pending_payment", now))
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO members (id, id_number, id_number_rev, name, sex, birth_date, phone, unit_id, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        members,
    )
    conn.executemany(
        "INSERT INTO enrollments (member_id, plan_id, unit_id, shares, premium_fen, continuous, status, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        enrollments,
    )
    conn.execute("COMMIT")
    conn.close()
    t2 = time.perf_counter()
    return {"total": t2 - t0, "read": t1 - t0, "insert": t2 - t1, "imported": len(enrollments)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the files in this folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-roster-"))
    try:
        t0 = time.perf_counter()
        roster = write_big_xlsx(folder / "roster.xlsx", many_people(args.rows))
        print(
            f"generated {args.rows:,} rows .xlsx ({roster.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s"
        )
        service_runs, baseline_runs = [], []
        for run in range(args.runs):
            baseline_runs.append(run_baseline(fresh_db(folder, f"baseline{run}.sqlite3"), roster))
            service_runs.append(run_service(fresh_db(folder, f"service{run}.sqlite3"), roster))
        service = min(service_runs, key=lambda r: r["total"])
        baseline = min(baseline_runs, key=lambda r: r["total"])
        print(
            f"service : {service['total']:.2f} s  (read+check {service['read+check']:.2f} s, "
            f"import {service['import']:.2f} s; {service['imported']:,} imported, {service['bad']} bad)"
        )
        print(
            f"baseline: {baseline['total']:.2f} s  (openpyxl read {baseline['read']:.2f} s, "
            f"sqlite3 insert {baseline['insert']:.2f} s; {baseline['imported']:,} rows)"
        )
        ratio = service["total"] / baseline["total"]
        print(f"ratio   : {ratio:.2f}x  (target < 2x) {'OK' if ratio < 2 else 'OVER TARGET'}")
    finally:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for f in folder.iterdir():
                shutil.copy2(f, args.keep / f.name)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
