"""The bulletin (通报) and the home page's city figures on a million members, each against a baseline measured in
the same run, best of --runs:
1. the bulletin of a closed month (services.statistics.bulletin.save_bulletin: the closed month and the year's
   earlier closed months read from their closings, the paper drawn with its two charts and written whole) vs
   reportlab drawing the same paper from memory (documents.bulletin.render_bulletin of the paper built once) —
   the ratio is what reading the closings costs on top of the drawing;
2. the month closings that the bulletin needs (close_month, once each, from the first month with activity): the
   time of each (a closing computes the month report inside its write transaction);
3. the home page's city figures (services.dashboard.home_statistics: this month and the year to date with every
   figure, the year's months with their money only) vs today's four counters (home_figures), as the home page
   reads them one after the other.

Usage: python bench/bench_bulletin.py --db /tmp/bulletin1m.sqlite3 [--runs 3] [--month 10]
Use a COPY of bench/out/demo-1000000.sqlite3 (the script refuses the shared file: it closes months in it).
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from demo_copy import refused  # noqa: E402

TODAY = date(2026, 11, 20)


def best(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def close_through(db, user, year: int, number: int) -> list[tuple[str, float]]:
    """Close every month not closed yet from the first activity to year-number, in order; (label, seconds)."""
    from mutualaid_desktop.services.statistics.month_closing import close_month, list_closings

    raw = sqlite3.connect(db.path)
    first = raw.execute("SELECT min(paid_on) FROM premium_payments").fetchone()[0]
    raw.close()
    y, m = int(first[:4]), int(first[5:7])
    closed = {(c.year, c.month) for c in list_closings(db) if c.reopened_at is None}
    out = []
    while (y, m) <= (year, number):
        if (y, m) not in closed:
            start = time.perf_counter()
            close_month(db, user, y, m)
            out.append((f"{y}-{m:02d}", time.perf_counter() - start))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/bulletin1m.sqlite3", help="a COPY of the demo database")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--month", type=int, default=10)
    args = parser.parse_args()
    path = Path(args.db)
    if refused(path):
        return 2

    from mutualaid_desktop.documents.bulletin import render_bulletin
    from mutualaid_desktop.domain import clock
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.dashboard import home_figures, home_statistics
    from mutualaid_desktop.services.statistics import bulletin
    from mutualaid_desktop.services.statistics.month_closing import month_report
    from mutualaid_desktop.store.database import open_database

    clock.set(datetime(2026, 11, 20, 10, 0))
    db = open_database(path, daily_backup=False)
    raw = sqlite3.connect(path)
    user = UserInfo(
        *raw.execute("SELECT id, username, display_name, role FROM users WHERE role='supervisor'").fetchone()
    )
    members = raw.execute("SELECT count(*) FROM members").fetchone()[0]
    raw.close()
    print(f"{members:,} members in {path} ({path.stat().st_size / 2**20:.0f} MB)")

    closings = close_through(db, user, args.year, args.month)
    for label, seconds in closings:
        print(f"close_month {label}: {seconds:.2f} s")
    if closings:
        print(f"closing {len(closings)} months: {sum(s for _l, s in closings):.1f} s in all")

    out = Path(tempfile.mkdtemp(prefix="bulletin-bench-"))
    service = best(lambda: bulletin.save_bulletin(db, user, args.year, args.month, out / "service.pdf"), args.runs)
    report = bulletin.closed_report(db, user, args.year, args.month)
    months = [month_report(db, user, args.year, m) for m in range(1, args.month + 1)]
    paper = bulletin.bulletin_paper(report, months, org_name="商洛市总工会", closing_text="……", issued_on=TODAY)
    drawing = best(lambda: render_bulletin(paper, out / "drawing.pdf"), args.runs)
    print(
        f"bulletin {args.year}-{args.month:02d}: service {service * 1000:.0f} ms, reportlab drawing the same paper "
        f"{drawing * 1000:.0f} ms: {service / drawing:.2f}x"
    )

    counters = best(lambda: home_figures(db, TODAY), args.runs)
    city = best(lambda: home_statistics(db, user, TODAY), args.runs)
    print(
        f"home page: today's counters {counters * 1000:.1f} ms, the city's figures {city * 1000:.0f} ms "
        f"({city / counters:.0f}x the counters)"
    )
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
