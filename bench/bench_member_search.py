"""Member search on a million members: time to the first page of results through the service
layer (`services.members.search_members`: query interpretation, SQLAlchemy, cover status of each
row) vs the same index range query in raw sqlite3, measured in the same run.

Queries: the last 6 characters of an ID number, an ID prefix (area + birth year), a name prefix
(a surname), a phone prefix (7 digits). Target: first results in under 50 ms (median).

Usage: python bench/bench_member_search.py [--db /tmp/demo-1m.sqlite3] [--runs 30] [--page 100]
Use a COPY of bench/out/demo-1000000.sqlite3: opening it may migrate it.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_MS = 50.0
TOP = "\U0010ffff"

RAW = {
    "id_suffix": "SELECT m.id, m.id_number, m.name, m.sex, m.birth_date, m.phone, u.name FROM members m "
    "LEFT JOIN org_units u ON u.id = m.unit_id WHERE m.id_number_rev >= ? AND m.id_number_rev < ? "
    "ORDER BY m.id_number_rev, m.id LIMIT ?",
    "id_prefix": "SELECT m.id, m.id_number, m.name, m.sex, m.birth_date, m.phone, u.name FROM members m "
    "LEFT JOIN org_units u ON u.id = m.unit_id WHERE m.id_number >= ? AND m.id_number < ? "
    "ORDER BY m.id_number, m.id LIMIT ?",
    "name_prefix": "SELECT m.id, m.id_number, m.name, m.sex, m.birth_date, m.phone, u.name FROM members m "
    "LEFT JOIN org_units u ON u.id = m.unit_id WHERE m.name >= ? AND m.name < ? "
    "ORDER BY m.name, m.id LIMIT ?",
    "phone_prefix": "SELECT m.id, m.id_number, m.name, m.sex, m.birth_date, m.phone, u.name FROM members m "
    "LEFT JOIN org_units u ON u.id = m.unit_id WHERE m.phone >= ? AND m.phone < ? "
    "ORDER BY m.phone, m.id LIMIT ?",
}


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/demo-1m.sqlite3")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--page", type=int, default=100)
    args = parser.parse_args()
    path = Path(args.db)
    if not path.exists():
        print(f"{path} not found: copy bench/out/demo-1000000.sqlite3 there first", file=sys.stderr)
        return 2

    from mutualaid_desktop.services.enrollment.members import search_members
    from mutualaid_desktop.store.database import open_database

    db = open_database(path, daily_backup=False)
    raw = sqlite3.connect(path)
    count = raw.execute("SELECT count(*) FROM members").fetchone()[0]
    ids = [row[0] for row in raw.execute("SELECT id FROM members ORDER BY random() LIMIT 200")]
    samples = [raw.execute("SELECT id_number, name, phone FROM members WHERE id = ?", (i,)).fetchone() for i in ids]
    today = date(2026, 11, 29)

    cases = []
    for kind in ("id_suffix", "id_prefix", "name_prefix", "phone_prefix"):
        queries = []
        for number, name, phone in samples:
            if kind == "id_suffix":
                queries.append((number[-6:], number[-6:][::-1]))
            elif kind == "id_prefix":
                queries.append((number[:10], number[:10]))
            elif kind == "name_prefix":
                queries.append((name[0], name[0]))
            else:
                queries.append((phone[:7], phone[:7]))
        cases.append((kind, queries))

    print(
        f"member search on {count:,} members, first page of {args.page}, median of {args.runs} runs "
        "(a different query each run)"
    )
    print(f"{'query':<14}{'service ms':>12}{'raw sqlite3 ms':>16}{'ratio':>8}{'rows':>7}  target < {TARGET_MS:.0f} ms")
    all_ok = True
    for kind, queries in cases:
        # warm both paths once (page cache, statement cache, plan rules)
        search_members(db, queries[0][0], limit=args.page, today=today)
        raw.execute(RAW[kind], (queries[0][1], queries[0][1] + TOP, args.page)).fetchall()
        it_s = iter(queries * 2)
        it_r = iter(queries * 2)
        rows = []

        def service(rows=rows, it_s=it_s):
            rows[:] = search_members(db, next(it_s)[0], limit=args.page, today=today)

        def baseline(it_r=it_r, kind=kind):
            value = next(it_r)[1]
            raw.execute(RAW[kind], (value, value + TOP, args.page)).fetchall()

        s_ms = median_ms(service, args.runs)
        r_ms = median_ms(baseline, args.runs)
        ok = s_ms < TARGET_MS
        all_ok &= ok
        print(f"{kind:<14}{s_ms:>12.2f}{r_ms:>16.2f}{s_ms / r_ms:>8.1f}{len(rows):>7}  {'met' if ok else 'NOT MET'}")
    print(f"50 ms target {'met' if all_ok else 'NOT met'} for every query")
    raw.close()
    db.dispose()
    return 0 if all_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
