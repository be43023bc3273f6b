"""The statistics of the monthly cycle on a million members: the service (services.statistics.figures.statistics:
SQLAlchemy GROUP BY rows per unit and plan kind, the tree walked in Python, every figure of issue 12) vs plain
sqlite3 computing the headline figures per county (参保金额/人次/单位, 理赔金额/人次) straight from the
definition (one GROUP BY per county for premiums, payouts and reversals, rows fetched), measured in the same
run, best of --runs.

Cases: the city's year (cash basis), one month (cash), the year on the plan-year basis, and the month report
(services.statistics.month_closing.month_report: the month, its adjustment and the year to date; its baseline
is the month's and the year to date's headline figures). Every case also checks that the service's headline
figures of every county and of the city equal the plain SQL's, so that the baseline computes the same thing.
Also printed: the process's peak RSS after each case (the service's objects included).

Usage: python bench/bench_statistics.py --db /tmp/stats1m.sqlite3 [--runs 3] [--year 2026] [--month 11]
           [--profile FILE]  (cProfile of one year statistics, written to FILE, top 25 printed)
Use a COPY of bench/out/demo-1000000.sqlite3 (the script refuses the shared file: opening it may migrate it).
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_RATIO = 1.5
HEADLINE = ("premiums_fen", "enrollments", "units", "paid_fen", "claims_paid")

# The county of a record: the enrollment's unit when it is a county, else that unit's parent when that is a
# county, else none ('' = counted for the city only).
COUNTY = "CASE WHEN u.kind = 'county' THEN u.code WHEN pu.kind = 'county' THEN pu.code ELSE '' END"
UNIT_JOIN = "LEFT JOIN org_units u ON u.id = e.unit_id LEFT JOIN org_units pu ON pu.id = u.parent_id"
RAW_PREMIUMS = (
    f"SELECT {COUNTY}, SUM(it.premium_fen), COUNT(*), COUNT(DISTINCT e.unit_id) FROM premium_payment_items it "
    "JOIN premium_payments pay ON pay.id = it.payment_id JOIN enrollments e ON e.id = it.enrollment_id "
    f"{UNIT_JOIN} WHERE pay.voided = 0 AND pay.paid_on <= :last {{first}} {{plans}} GROUP BY 1"
)
RAW_PAID = (
    f"SELECT {COUNTY}, SUM(i.amount_fen), COUNT(DISTINCT c.id) FROM payout_items i "
    "JOIN claims c ON c.id = i.claim_id JOIN enrollments e ON e.id = c.enrollment_id "
    f"{UNIT_JOIN} WHERE i.status = 'paid' AND i.settled_on <= :last {{first}} {{plans}} GROUP BY 1"
)
RAW_REVERSED = (
    f"SELECT {COUNTY}, SUM(r.amount_fen) FROM claim_reversals r JOIN claims c ON c.id = r.claim_id "
    f"JOIN enrollments e ON e.id = c.enrollment_id {UNIT_JOIN} WHERE r.reversed_at < :until {{since}} {{plans}} "
    "GROUP BY 1"
)


def utc(day: date) -> str:
    """Local midnight at the start of `day` as the database stores moments (naive UTC)."""
    return datetime.combine(day, clock_time()).astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


def raw_headline(path: Path, first: date, last: date, plan_year: int | None) -> dict[str, dict[str, int]]:
    """Per county code ('' = none) and for the city (key '*'): the headline figures by plain SQL. Cash basis
    (plan_year None): money dated first..last; plan-year basis: money under the plans ending in `plan_year`,
    dated up to `last`."""
    raw = sqlite3.connect(path)
    try:
        params = {"first": first.isoformat(), "last": last.isoformat()}
        params |= {"since": utc(first), "until": utc(last + timedelta(days=1))}
        if plan_year is None:
            money_first, paid_first, since, plans, claim_plans = (
                "AND pay.paid_on >= :first",
                "AND i.settled_on >= :first",
                "AND r.reversed_at >= :since",
                "",
                "",
            )
        else:
            ids = "SELECT id FROM plans WHERE period_end BETWEEN :y0 AND :y1"
            params |= {"y0": f"{plan_year}-01-01", "y1": f"{plan_year}-12-31"}
            money_first = paid_first = since = ""
            plans, claim_plans = f"AND e.plan_id IN ({ids})", f"AND c.plan_id IN ({ids})"
        out: dict[str, dict[str, int]] = {}

        def row(code: str) -> dict[str, int]:
            return out.setdefault(code, dict.fromkeys(HEADLINE, 0))

        for code, fen, n, units in raw.execute(RAW_PREMIUMS.format(first=money_first, plans=plans), params):
            row(code).update(premiums_fen=fen, enrollments=n, units=units)
        for code, fen, n in raw.execute(RAW_PAID.format(first=paid_first, plans=claim_plans), params):
            row(code).update(paid_fen=fen, claims_paid=n)
        for code, fen in raw.execute(RAW_REVERSED.format(since=since, plans=claim_plans), params):
            row(code)["paid_fen"] -= fen
        city = row("*")
        for code, figures in out.items():
            if code != "*":
                for name in HEADLINE:
                    city[name] += figures[name]
        return out
    finally:
        raw.close()


def headline_of(stats) -> dict[str, dict[str, int]]:
    """The same figures from a services.statistics Statistics."""

    def of(f) -> dict[str, int]:
        return {
            "premiums_fen": int(f.premiums * 100),
            "enrollments": f.enrollments,
            "units": f.units,
            "paid_fen": int(f.paid * 100),
            "claims_paid": f.claims_paid,
        }

    out = {c.code: of(c) for c in stats.counties if any(of(c).values())}
    out["*"] = of(stats.city)
    return out


def check(label: str, service: dict, raw: dict) -> None:
    if service != raw:
        for code in sorted(set(service) | set(raw)):
            if service.get(code) != raw.get(code):
                print(f"  {label} {code or '(none)'}: service {service.get(code)} != raw {raw.get(code)}")
        raise SystemExit(f"{label}: the service's figures differ from the plain SQL's")


def best(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cases(db, user, path: Path, year: int, number: int):
    """(label, service call, plain-SQL call, [(what, service figures of the result, plain figures)])."""
    from mutualaid_desktop.domain.periods import month, whole_year
    from mutualaid_desktop.services.statistics.figures import statistics
    from mutualaid_desktop.services.statistics.month_closing import month_report

    y, m = whole_year(year), month(year, number)
    ytd_start, month_end = date(year, 1, 1), m.end
    return [
        (
            f"year {year} (cash)",
            lambda: statistics(db, user, y),
            lambda: raw_headline(path, y.start, y.end, None),
            lambda s, r: [("year", headline_of(s), r)],
        ),
        (
            f"month {m.label} (cash)",
            lambda: statistics(db, user, m),
            lambda: raw_headline(path, m.start, m.end, None),
            lambda s, r: [("month", headline_of(s), r)],
        ),
        (
            f"year {year} (plan-year)",
            lambda: statistics(db, user, y, basis="plan-year"),
            lambda: raw_headline(path, y.start, y.end, year),
            lambda s, r: [("plan year", headline_of(s), r)],
        ),
        (
            f"month report {m.label}",
            lambda: month_report(db, user, year, number),
            lambda: (raw_headline(path, m.start, m.end, None), raw_headline(path, ytd_start, month_end, None)),
            lambda s, r: [("report month", headline_of(s.month), r[0]), ("report ytd", headline_of(s.ytd), r[1])],
        ),
    ]


def profile(db, user, year: int, out: Path) -> None:
    import cProfile
    import pstats

    from mutualaid_desktop.domain.periods import whole_year
    from mutualaid_desktop.services.statistics.figures import statistics

    profiler = cProfile.Profile()
    profiler.runcall(statistics, db, user, whole_year(year))
    profiler.dump_stats(out)
    pstats.Stats(str(out)).sort_stats("cumulative").print_stats(25)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/stats1m.sqlite3", help="a COPY of the demo database")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--month", type=int, default=11)
    parser.add_argument("--profile", type=Path, help="write a cProfile of one year statistics here")
    args = parser.parse_args()
    path = Path(args.db)
    if path.resolve() == (ROOT / "bench" / "out" / "demo-1000000.sqlite3").resolve():
        print("refusing to use the shared demo database: copy it first", file=sys.stderr)
        return 2
    if not path.exists():
        print(f"{path} not found: copy bench/out/demo-1000000.sqlite3 there first", file=sys.stderr)
        return 2

    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.store.database import open_database

    db = open_database(path, daily_backup=False)  # migrates the copy when it is older
    raw = sqlite3.connect(path)
    user = UserInfo(
        *raw.execute("SELECT id, username, display_name, role FROM users WHERE role = 'supervisor'").fetchone()
    )
    members = raw.execute("SELECT count(*) FROM members").fetchone()[0]
    closings = raw.execute("SELECT count(*) FROM month_closings").fetchone()[0]
    raw.close()
    if args.profile:
        profile(db, user, args.year, args.profile)
        db.dispose()
        return 0
    raw_headline(path, date(args.year - 1, 1, 1), date(args.year, 12, 31), None)  # warm the page cache
    size = path.stat().st_size / 2**20
    print(f"members {members:,}; database {size:,.0f} MB; month closings {closings}; best of {args.runs}")
    print(f"peak RSS before the cases: {peak_rss_mb():.0f} MB")
    worst = 0.0
    for label, service, plain, compare in cases(db, user, path, args.year, args.month):
        t_raw, raw_result = best(plain, args.runs)
        t_service, result = best(service, args.runs)
        for what, mine, theirs in compare(result, raw_result):
            check(f"{label}: {what}", mine, theirs)
        ratio = t_service / t_raw
        worst = max(worst, ratio)
        city = headline_of(result if hasattr(result, "city") else result.month)["*"]
        print(
            f"{label:26}: service {t_service * 1000:7.0f} ms, plain sqlite3 {t_raw * 1000:7.0f} ms, "
            f"ratio {ratio:5.2f}x | peak RSS {peak_rss_mb():4.0f} MB | 参保 {city['premiums_fen'] / 100:,.2f} 元 "
            f"{city['enrollments']:,} 人次 {city['units']:,} 单位, 理赔 {city['paid_fen'] / 100:,.2f} 元 "
            f"{city['claims_paid']:,} 人次"
        )
    print(f"worst ratio {worst:.2f}x (target <= {TARGET_RATIO}x) {'OK' if worst <= TARGET_RATIO else 'OVER'}")
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
