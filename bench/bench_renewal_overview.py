"""Renewal overview (续保进度) of a season on a million members: the service (services.renewal_overview:
SQLAlchemy GROUP BY rows per unit, merged with the unit list, county subtotals, sorting) vs the same GROUP BY
statements and unit list in raw sqlite3 (rows fetched, no Python work on them), measured in the same run
(best of --runs).

Cases: the whole city, and one county. Also timed: the choosers (seasons, counties, all units) the pages load.

Usage: python bench/bench_renewal_overview.py --db /tmp/overview1m.sqlite3 [--runs 3] [--year 2026]
Use a COPY of bench/out/demo-1000000.sqlite3 (the script refuses the shared file). When the copy has no 2027
reimbursement plan, the script adds resources/plans/shangluo-2027.toml and simulates a renewal season with
plain SQL: in units whose id ends in 0-3 every member but 1 in 20 has paid for 2027 (plus the members of those
units without a 2026 cover as new joiners), in units ending in 4-5 half have paid and a quarter are pending,
in units ending in 6 a third are pending, the others have not come. When the copy has no leaver records
(renewal_leavers, revision 0006), 1 in 10 of the members not renewed of the units ending in 7-8 are recorded as
having left (离开), with plain SQL too.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from demo_copy import refused  # noqa: E402

TARGET_RATIO = 1.5
KIND = "reimbursement"

RAW_UNITS = (
    "SELECT u.id, u.code, u.name, u.contact_person, u.phone, u.parent_id, p.code, p.name FROM org_units u "
    "LEFT JOIN org_units p ON p.id = u.parent_id WHERE u.kind = 'unit' {county} ORDER BY u.code"
)
RAW_COVERED = (
    "SELECT e.unit_id, count(*) FROM enrollments e WHERE e.plan_id IN ({current}) AND e.status = 'paid' "
    "{county} GROUP BY e.unit_id"
)
RAW_NEXT = (
    "SELECT n.unit_id, e.id IS NOT NULL, e.unit_id, n.status, count(*), sum(n.premium_fen) FROM enrollments n "
    "LEFT JOIN enrollments e ON e.member_id = n.member_id AND e.plan_id IN ({current}) AND e.status = 'paid' "
    "WHERE n.plan_id = :next AND n.status != 'cancelled' {county} "
    "GROUP BY n.unit_id, e.id IS NOT NULL, e.unit_id, n.status"
)
RAW_LEFT = (
    "SELECT e.unit_id, count(*) FROM renewal_leavers l JOIN enrollments e ON e.member_id = l.member_id "
    "AND e.plan_id IN ({current}) AND e.status = 'paid' WHERE l.plan_id = :next AND l.withdrawn_at IS NULL "
    "AND NOT EXISTS (SELECT 1 FROM enrollments n WHERE n.member_id = l.member_id AND n.plan_id = :next "
    "AND n.status != 'cancelled') {county} GROUP BY e.unit_id"
)


def add_leavers(raw: sqlite3.Connection) -> None:
    """Leaver records in units ending in 7-8 (1 in 10 of their members not renewed), when there are none."""
    if raw.execute("SELECT count(*) FROM renewal_leavers").fetchone()[0]:
        return
    t = time.perf_counter()
    nxt = raw.execute("SELECT id FROM plans WHERE kind = ? AND period_start = '2027-01-01'", (KIND,)).fetchone()[0]
    cur = raw.execute("SELECT id FROM plans WHERE kind = ? AND period_end = '2026-12-31'", (KIND,)).fetchone()[0]
    with raw:
        raw.execute(
            "INSERT INTO renewal_leavers (member_id, plan_id, unit_id, reason, recorded_at) "
            f"SELECT e.member_id, {nxt}, e.unit_id, '离职', '2026-11-25 09:00:00' FROM enrollments e "
            f"WHERE e.plan_id = {cur} AND e.status = 'paid' AND e.unit_id % 10 IN (7, 8) AND e.member_id % 10 = 7 "
            f"AND NOT EXISTS (SELECT 1 FROM enrollments n WHERE n.member_id = e.member_id AND n.plan_id = {nxt})"
        )
    n = raw.execute("SELECT count(*) FROM renewal_leavers").fetchone()[0]
    print(f"recorded {n:,} leavers in {time.perf_counter() - t:.1f} s")


def prepare(path: Path) -> None:
    """Next year's plan and a renewal season in progress, when the copy has none."""
    from mutualaid_desktop.paths import resources_dir
    from mutualaid_desktop.services.admin.plans import add_plan
    from mutualaid_desktop.store.database import open_database

    db = open_database(path, daily_backup=False)  # migrates the copy when it is older
    raw = sqlite3.connect(path)
    have = raw.execute("SELECT count(*) FROM plans WHERE kind = ? AND period_start = '2027-01-01'", (KIND,)).fetchone()[
        0
    ]
    if have:
        add_leavers(raw)
        raw.close()
        db.dispose()
        return
    t = time.perf_counter()
    add_plan(db, (resources_dir() / "plans" / "shangluo-2027.toml").read_text(encoding="utf-8"))
    db.dispose()
    nxt, fen = raw.execute(
        "SELECT id, premium_per_share_fen FROM plans WHERE kind = ? AND period_start = '2027-01-01'", (KIND,)
    ).fetchone()
    cur = raw.execute("SELECT id FROM plans WHERE kind = ? AND period_end = '2026-12-31'", (KIND,)).fetchone()[0]
    insert = (
        "INSERT INTO enrollments (member_id, plan_id, unit_id, shares, premium_fen, cover_start, cover_end, "
        "continuous, status, created_at) "
    )
    made = "'2026-11-20 09:00:00'"
    paid = f"SELECT e.member_id, {nxt}, e.unit_id, 1, {fen}, '2027-01-01', '2027-12-31', 1, 'paid', {made} "
    pending = f"SELECT e.member_id, {nxt}, e.unit_id, 1, {fen}, NULL, NULL, 0, 'pending_payment', {made} "
    last = f"FROM enrollments e WHERE e.plan_id = {cur} AND e.status = 'paid' AND "
    with raw:
        raw.execute(insert + paid + last + "e.unit_id % 10 IN (0, 1, 2, 3) AND e.member_id % 20 != 0")
        raw.execute(insert + paid + last + "e.unit_id % 10 IN (4, 5) AND e.member_id % 2 = 0")
        raw.execute(insert + pending + last + "e.unit_id % 10 IN (4, 5) AND e.member_id % 4 = 1")
        raw.execute(insert + pending + last + "e.unit_id % 10 = 6 AND e.member_id % 3 = 0")
        raw.execute(
            insert + f"SELECT m.id, {nxt}, m.unit_id, 1, {fen}, '2027-01-01', '2027-12-31', 0, 'paid', "
            "'2026-11-20 09:00:00' FROM members m WHERE m.unit_id % 10 IN (0, 1, 2, 3) AND NOT EXISTS "
            f"(SELECT 1 FROM enrollments e WHERE e.member_id = m.id AND e.plan_id = {cur})"
        )
    add_leavers(raw)
    raw.execute("ANALYZE")
    n = raw.execute("SELECT status, count(*) FROM enrollments WHERE plan_id = ? GROUP BY status", (nxt,)).fetchall()
    raw.close()
    print(f"prepared the 2027 season in {time.perf_counter() - t:.1f} s: {dict(n)}")


def best(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def raw_overview(path: Path, year: int, county: str | None):
    raw = sqlite3.connect(path)
    try:
        current = [
            r[0]
            for r in raw.execute(
                "SELECT id FROM plans WHERE kind = ? AND period_end BETWEEN ? AND ?",
                (KIND, f"{year}-01-01", f"{year}-12-31"),
            )
        ]
        nxt = raw.execute(
            "SELECT id FROM plans WHERE kind = ? AND period_start = ?", (KIND, f"{year + 1}-01-01")
        ).fetchone()[0]
        ids = ", ".join(str(i) for i in current)
        params: dict = {"next": nxt}
        unit_filter = enrollment_filter = next_filter = ""
        if county:
            params["county"] = raw.execute(
                "SELECT id FROM org_units WHERE code = ? AND kind = 'county'", (county,)
            ).fetchone()[0]
            unit_filter = "AND u.parent_id = :county"
            enrollment_filter = "AND e.unit_id IN (SELECT id FROM org_units WHERE parent_id = :county)"
            next_filter = (
                "AND (n.unit_id IN (SELECT id FROM org_units WHERE parent_id = :county) "
                "OR e.unit_id IN (SELECT id FROM org_units WHERE parent_id = :county))"
            )
        units = raw.execute(RAW_UNITS.format(county=unit_filter), params).fetchall()
        covered = raw.execute(RAW_COVERED.format(current=ids, county=enrollment_filter), params).fetchall()
        following = raw.execute(RAW_NEXT.format(current=ids, county=next_filter), params).fetchall()
        left = raw.execute(RAW_LEFT.format(current=ids, county=enrollment_filter), params).fetchall()
        return units, covered, following, left
    finally:
        raw.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/overview1m.sqlite3", help="a COPY of the demo database")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--year", type=int, default=2026)
    args = parser.parse_args()
    path = Path(args.db)
    if refused(path):
        return 2
    prepare(path)

    from mutualaid_desktop.services.renewal.renewal_overview import overview_choices, renewal_overview
    from mutualaid_desktop.store.database import open_database

    db = open_database(path, daily_backup=False)
    raw = sqlite3.connect(path)
    members = raw.execute("SELECT count(*) FROM members").fetchone()[0]
    county = raw.execute("SELECT code FROM org_units WHERE kind = 'county' ORDER BY code LIMIT 1").fetchone()[0]
    raw.close()
    raw_overview(path, args.year, None)  # warm the page cache for both sides

    print(f"members {members:,}; season {args.year} -> {args.year + 1}; best of {args.runs}")
    worst = 0.0
    for label, code in (("whole city", None), (f"county {county}", county)):
        t_raw, (_units, covered, following, left) = best(
            lambda code=code: raw_overview(path, args.year, code), args.runs
        )
        t_service, overview = best(lambda code=code: renewal_overview(db, args.year, kind=KIND, county=code), args.runs)
        total = overview.total
        if code is None:  # the same figures as the raw rows
            assert total.covered == sum(r[1] for r in covered)
            assert total.renewed == sum(r[4] for r in following if r[1] and r[3] == "paid")
            assert total.joiners == sum(r[4] for r in following if not r[1] and r[3] == "paid")
            assert total.left == sum(r[1] for r in left)
        ratio = t_service / t_raw
        worst = max(worst, ratio)
        print(
            f"{label:16}: service {t_service * 1000:7.0f} ms, raw sqlite3 {t_raw * 1000:7.0f} ms, "
            f"ratio {ratio:4.2f}x  | units {overview.unit_count} (not come {overview.units_not_come}), "
            f"covered {total.covered:,}, renewed {total.renewed:,}, pending {total.pending:,}, "
            f"left {total.left:,}, open {total.open:,}, joiners {total.joiners:,}, received {total.received:,}"
        )
    t_choices, choices = best(lambda: overview_choices(db, with_units=True), args.runs)
    print(
        f"choosers (seasons, {len(choices.counties)} counties, {len(choices.units)} units): {t_choices * 1000:.0f} ms"
    )
    print(f"worst ratio {worst:.2f}x (target < {TARGET_RATIO}x) {'OK' if worst < TARGET_RATIO else 'OVER'}")
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
