"""Foundation benchmarks, each against a baseline measured in the same run.

1. Member lookup by ID number through the service layer vs a raw sqlite3 query
   (target: under 5 ms per lookup).
2. `mutualaid-desktop --self-test` time to the shown main window vs a bare PySide6 window
   (target: under 1.5x).
3. Building the demo database itself (reported, no baseline: it must finish in minutes).

Usage: python bench/bench_foundation.py [--members 1000000] [--db bench/out/demo-1m.sqlite3] [--runs 5]
The demo database is built once and reused while it exists.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE_WINDOW = r"""
import time
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication([])
w = QMainWindow(); w.setCentralWidget(QLabel("bare")); w.resize(1024, 700); w.show()
app.processEvents()
print(f"window shown: {time.perf_counter() - t0:.3f} s")
"""


def build_demo(db: Path, members: int) -> float | None:
    if db.exists():
        print(f"reusing {db}")
        return None
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
    )
    return time.perf_counter() - t0


def bench_lookup(db: Path, samples: int = 2000) -> tuple[float, float]:
    from mutualaid_desktop.services.enrollment.members import find_member_by_id_number
    from mutualaid_desktop.services.session import open_counter_database

    raw = sqlite3.connect(db)
    max_id = raw.execute("select max(id) from members").fetchone()[0]
    rnd = random.Random(3)
    ids = [
        raw.execute("select id_number from members where id = ?", (rnd.randint(1, max_id),)).fetchone()[0]
        for _ in range(samples)
    ]

    def raw_lookup(number: str):
        return raw.execute(
            "select m.id, m.id_number, m.name, m.sex, m.birth_date, m.phone, u.name from members m "
            "left join org_units u on u.id = m.unit_id where m.id_number = ?",
            (number,),
        ).fetchone()

    database = open_counter_database(db)
    for number in ids[:50]:  # warm both paths
        raw_lookup(number)
        find_member_by_id_number(database, number)
    raw_times, service_times = [], []
    for number in ids:  # interleaved, so noise hits both alike
        t = time.perf_counter()
        assert raw_lookup(number) is not None
        raw_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        assert find_member_by_id_number(database, number) is not None
        service_times.append(time.perf_counter() - t)
    database.dispose()
    raw.close()
    return statistics.median(raw_times), statistics.median(service_times)


def _timed_line(cmd: list[str], prefix: str, env: dict) -> float:
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"{cmd} failed:\n{out.stdout}\n{out.stderr}")
    for line in out.stdout.splitlines():
        if line.startswith(prefix):
            return float(line.split(":", 1)[1].strip().split()[0])
    raise SystemExit(f"no '{prefix}' line in:\n{out.stdout}")


def bench_start(db: Path, runs: int) -> tuple[float, float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    with tempfile.TemporaryDirectory() as tmp:
        bare_script = Path(tmp) / "bare.py"
        bare_script.write_text(BARE_WINDOW)
        bare, app, pdf = [], [], []
        for _ in range(runs):  # interleaved runs
            bare.append(_timed_line([sys.executable, str(bare_script)], "window shown", env))
            app.append(
                _timed_line(
                    [sys.executable, "-m", "mutualaid_desktop", "--self-test", "--db", str(db)], "window shown", env
                )
            )
            pdf.append(
                _timed_line(
                    [sys.executable, "-m", "mutualaid_desktop", "--self-test", "--db", str(db)], "pdf rendered", env
                )
            )
    return statistics.median(bare), statistics.median(app), statistics.median(pdf)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    db = args.db or ROOT / "bench" / "out" / f"demo-{args.members}.sqlite3"

    built = build_demo(db, args.members)
    if built is not None:
        print(f"demo database, {args.members} members: built in {built:.1f} s ({db.stat().st_size / 2**20:.0f} MiB)")

    raw, service = bench_lookup(db)
    print(
        f"member lookup by ID number: raw sqlite3 {raw * 1000:.3f} ms, service layer {service * 1000:.3f} ms "
        f"(ratio {service / raw:.1f}x; target < 5 ms: {'ok' if service < 0.005 else 'MISSED'})"
    )

    bare, shown, pdf = bench_start(db, args.runs)
    ratio = shown / bare
    print(
        f"start-up: bare PySide6 window {bare:.3f} s, self-test main window {shown:.3f} s "
        f"(ratio {ratio:.2f}x; target < 1.5x: {'ok' if ratio < 1.5 else 'MISSED'}); sample PDF done at {pdf:.3f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
