"""The money digests' cost, against baselines measured in the same run on the same file.

1. `check`'s money step (every money row's digest computed and compared with the audit log) vs
   SQLite's `PRAGMA integrity_check` (the step `check` always had, which reads every page).
2. Schema 0008's baseline (the frozen digest rule over every money row, the records appended)
   vs the same integrity check; run on a copy of the demo database brought back to 0007.
3. The demo city itself with and without the digests of its bulk inserts (reported).

Usage: python bench/bench_money_digest.py [--members 200000] [--db bench/out/demo-200k.sqlite3]
The demo database is built once and reused while it exists.
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_demo(db: Path, members: int) -> None:
    if db.exists():
        print(f"reusing {db}")
        return
    db.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mutualaid_desktop.cli",
            "--db",
            str(db),
            "demo",
            "--members",
            str(members),
            "--seed",
            "7",
        ],
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    print(f"demo of {members} members built in {time.perf_counter() - t0:.1f} s")


def timed(action) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = action()
    return time.perf_counter() - t0, result


def integrity_seconds(path: Path) -> float:
    with sqlite3.connect(path) as connection:
        seconds, rows = timed(lambda: connection.execute("PRAGMA integrity_check").fetchall())
    assert rows == [("ok",)], rows
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=200_000)
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "demo-200k.sqlite3")
    args = parser.parse_args()
    build_demo(args.db, args.members)

    from mutualaid_desktop.store.database import open_database
    from mutualaid_desktop.store.integrity import _money_rows
    from mutualaid_desktop.store.migrate import downgrade_to

    baseline = integrity_seconds(args.db)
    db = open_database(args.db, migrate=False, daily_backup=False)
    try:
        with db.session(read_only=True) as session:
            money, problems = timed(lambda: _money_rows(session))
        assert problems == [], problems
    finally:
        db.dispose()
    print(f"integrity_check (baseline): {baseline:.2f} s")
    print(f"check's money step:         {money:.2f} s  ({money / baseline:.2f}x the baseline)")

    module = importlib.import_module("mutualaid_desktop.store.migrations.versions.0008_money_digests")
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "copy.sqlite3"
        shutil.copy(args.db, copy)
        db = open_database(copy, migrate=False, daily_backup=False)
        try:
            downgrade_to(db.engine, "0007")
            with db.engine.begin() as connection:
                seconds, _ = timed(
                    lambda: module._append(
                        connection,
                        module.baseline_records({kind: module._digests(connection, kind) for kind in module.SUBJECTS}),
                    )
                )
        finally:
            db.dispose()
    print(f"schema 0008's baseline:     {seconds:.2f} s  ({seconds / baseline:.2f}x the baseline)")


if __name__ == "__main__":
    main()
