"""Renewal reminders (续保提示单) for a whole city: the service (queries, streamed) + rendering of the
combined PDF, vs reportlab drawing the same pages from data prepared in memory beforehand (no database
work), measured in the same run.

Targets: the ratio under 2x; extrapolated to 1,000,000 members / 6,000 units, under 2 minutes.

Usage: python bench/bench_renewal_reminders.py [--db COPY.sqlite3 | --members 100000] [--year 2026] [--out DIR]
The service is timed as the 续保提示单 screen runs it (the papers recorded, so use a copy).
The database needs next year's plan (`mutualaid --db X plan add resources/plans/shangluo-2027.toml`);
with --members a demo database is built in a temporary folder and the plan added.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_RATIO = 2.0
TARGET_SECONDS_1M = 120.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a demo database (a copy) with next year's plan")
    parser.add_argument("--members", type=int, default=100_000, help="without --db: build a demo of this size")
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--out", default=None, help="folder for the PDFs (default: a temporary folder)")
    args = parser.parse_args()
    if args.db and Path(args.db).resolve() == (ROOT / "bench" / "out" / "demo-1000000.sqlite3").resolve():
        print("refusing to use the shared demo database: copy it first")
        return 2

    from mutualaid_desktop.documents.renewal_reminder import render_reminders
    from mutualaid_desktop.services.admin.users import cli_user
    from mutualaid_desktop.services.renewal.renewal_reminders import (
        iter_reminders,
        make_reminder_batch,
        prepare_reminders,
    )
    from mutualaid_desktop.services.session import open_counter_database

    tmp = tempfile.TemporaryDirectory()
    out = Path(args.out or tmp.name)
    out.mkdir(parents=True, exist_ok=True)
    if args.db:
        db = open_counter_database(Path(args.db))
    else:
        from mutualaid_desktop.paths import resources_dir
        from mutualaid_desktop.services.admin.demo import generate_demo
        from mutualaid_desktop.services.admin.plans import add_plan

        t = time.perf_counter()
        db = open_counter_database(Path(tmp.name) / "demo.sqlite3")
        generate_demo(db, members=args.members, seed=3, today=date(2026, 11, 29))
        add_plan(db, (resources_dir() / "plans" / "shangluo-2027.toml").read_text(encoding="utf-8"))
        print(f"demo of {args.members} members built in {time.perf_counter() - t:.1f} s")

    # 1. the service as the 续保提示单 screen runs it: check + count, the copies already recorded, the
    # queries streamed into the combined PDF (written as .part, renamed), then one row per unit recorded
    t0 = time.perf_counter()
    request = prepare_reminders(db, args.year)
    t_prepare = time.perf_counter() - t0
    batch = make_reminder_batch(db, request, out / "service.pdf", combined=True, user=cli_user())
    files = list(batch.files)
    t_service = time.perf_counter() - t0
    units, members = request.unit_count, request.member_count
    size = files[0].stat().st_size

    # 2. the same pages from data prepared in memory beforehand (not timed), reportlab only
    prepared = list(iter_reminders(db, request))
    t1 = time.perf_counter()
    render_reminders(prepared, out / "memory.pdf", combined=True)
    t_draw = time.perf_counter() - t1
    del prepared

    from pypdf import PdfReader

    pages = len(PdfReader(str(files[0])).pages)
    ratio = t_service / t_draw
    scale = max(1_000_000 / members, 6000 / units) if members and units else 0
    extrapolated = t_service * scale
    print(f"units {units}, members {members}, pages {pages}, combined PDF {size / 1e6:.1f} MB")
    print(
        f"service + rendering : {t_service:7.1f} s  (of which checks and counts {t_prepare:.1f} s; "
        f"{len(batch.records)} papers recorded)"
    )
    print(f"reportlab alone     : {t_draw:7.1f} s  (same pages, data in memory)")
    print(
        f"ratio               : {ratio:7.2f} x   (target < {TARGET_RATIO:.0f}x) {'OK' if ratio < TARGET_RATIO else 'OVER'}"
    )
    print(
        f"at 1,000,000 / 6,000: {extrapolated:7.1f} s  (x{scale:.2f}; target < {TARGET_SECONDS_1M:.0f} s) "
        f"{'OK' if extrapolated < TARGET_SECONDS_1M else 'OVER'}"
    )
    db.dispose()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
