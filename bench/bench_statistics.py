"""The statistics of the monthly cycle on a million members: the service (services.statistics.figures.statistics:
SQLAlchemy GROUP BY rows per unit and plan kind, the tree walked in Python, every figure of issue 12, per unit
for the drill-down) vs two plain-sqlite3 baselines measured in the same run, best of --runs:
- headline (the target, issue 12 / 15: ≤ 1.5×): 参保金额/人次/单位 and 理赔金额/人次 per county straight from the
  definition (one GROUP BY per county for premiums, payouts and reversals);
- every figure: the headline plus claims received/refused/pending (quoted), the days from intake to decision and
  from decision to payment (median, 90th percentile), members covered, coverage, units covered and in all, renewal
  and new members, per county — what the service actually computes, written independently in plain SQL.

Cases: the city's year (cash basis), one month (cash), the year on the plan-year basis, and the month report
(services.statistics.month_closing.month_report: the month, its adjustment and the year to date; its baselines
are the month's and the year to date's figures). Every case checks that the service's figures of every county
and of the city equal each baseline's, so that the baselines compute the same thing.
Also printed: the process's peak RSS after each case (the service's objects included).

Usage: python bench/bench_statistics.py --db /tmp/stats1m.sqlite3 [--runs 3] [--year 2026] [--month 11]
           [--profile FILE]  (cProfile of one year statistics, written to FILE, top 25 printed)
Use a COPY of bench/out/demo-1000000.sqlite3 (the script refuses the shared file: opening it may migrate it).
"""

from __future__ import annotations

import argparse
import math
import resource
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from demo_copy import refused  # noqa: E402

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


EVERY = (
    *HEADLINE,
    "received",
    "refused",
    "pending",
    "pending_fen",
    "covered",
    "covered_counted",
    "units_covered",
    "units_total",
    "headcount",
    "last_year",
    "renewed",
    "new_members",
)
CLAIM_JOIN = f"JOIN enrollments e ON e.id = c.enrollment_id {UNIT_JOIN}"
RAW_CLAIMS = (
    f"SELECT {COUNTY}, SUM(c.received_on BETWEEN :first AND :last), "
    "SUM(c.status = 'refused' AND c.decided_at >= :since AND c.decided_at < :until), "
    "SUM(c.received_on <= :last AND (c.decided_at IS NULL OR c.decided_at >= :until)), "
    "SUM(CASE WHEN c.received_on <= :last AND (c.decided_at IS NULL OR c.decided_at >= :until) "
    f"THEN c.quoted_fen ELSE 0 END) FROM claims c {CLAIM_JOIN} WHERE 1 = 1 {{plans}} GROUP BY 1"
)
RAW_DECISION_DAYS = (
    f"SELECT {COUNTY}, julianday(date(c.decided_at, 'localtime')) - julianday(c.received_on), COUNT(*) "
    f"FROM claims c {CLAIM_JOIN} WHERE c.decided_at >= :since AND c.decided_at < :until {{plans}} GROUP BY 1, 2"
)
RAW_PAYMENT_DAYS = (
    f"SELECT {COUNTY}, julianday(i.settled_on) - julianday(date(c.decided_at, 'localtime')), COUNT(*) "
    f"FROM payout_items i JOIN claims c ON c.id = i.claim_id {CLAIM_JOIN} WHERE i.status = 'paid' "
    "AND i.settled_on BETWEEN :first AND :last AND c.decided_at IS NOT NULL {plans} GROUP BY 1, 2"
)
THIS_YEAR = "SELECT id FROM plans WHERE period_end BETWEEN :y0 AND :y1"
LAST_YEAR = "SELECT id FROM plans WHERE period_end BETWEEN :l0 AND :l1"
PAID_UNDER = (
    "FROM premium_payment_items it JOIN premium_payments pay ON pay.id = it.payment_id "
    "JOIN enrollments e ON e.id = it.enrollment_id JOIN plans p ON p.id = e.plan_id "
    "WHERE pay.voided = 0 AND pay.paid_on <= :last AND e.plan_id IN ({plans})"
)
RAW_COVERED = (
    f"SELECT {COUNTY}, COUNT(*), SUM(u.kind = 'unit' AND u.headcount IS NOT NULL), COUNT(DISTINCT k.unit_id) "
    f"FROM (SELECT DISTINCT e.unit_id, p.kind, e.member_id {PAID_UNDER.format(plans=THIS_YEAR)}) k "
    "LEFT JOIN org_units u ON u.id = k.unit_id LEFT JOIN org_units pu ON pu.id = u.parent_id GROUP BY 1"
)
RAW_RENEWED = (
    f"SELECT {COUNTY}, COUNT(*), COUNT(a.member_id) FROM (SELECT DISTINCT e.member_id, e.unit_id, p.kind "
    f"FROM enrollments e JOIN plans p ON p.id = e.plan_id WHERE e.status = 'paid' AND e.plan_id IN ({LAST_YEAR})) b "
    f"LEFT JOIN (SELECT DISTINCT e.member_id, p.kind {PAID_UNDER.format(plans=THIS_YEAR)}) a "
    "ON a.member_id = b.member_id AND a.kind = b.kind "
    "LEFT JOIN org_units u ON u.id = b.unit_id LEFT JOIN org_units pu ON pu.id = u.parent_id GROUP BY 1"
)
RAW_NEW_MEMBERS = (
    f"SELECT {COUNTY}, COUNT(*) FROM members e {UNIT_JOIN} WHERE e.created_at >= :since AND e.created_at < :until "
    "GROUP BY 1"
)
RAW_UNITS = (
    f"SELECT {COUNTY}, COUNT(*), SUM(COALESCE(u.headcount, 0)) FROM org_units u "
    "LEFT JOIN org_units pu ON pu.id = u.parent_id WHERE u.kind = 'unit' AND u.active GROUP BY 1"
)


def spread(histogram: dict[int, int]) -> tuple[int, Decimal | None, int | None]:
    """(count, median, 90th percentile by nearest rank) of the days."""
    values = [day for day in sorted(histogram) for _ in range(histogram[day])]
    n = len(values)
    if not n:
        return (0, None, None)
    median = Decimal(values[n // 2]) if n % 2 else (Decimal(values[n // 2 - 1]) + values[n // 2]) / 2
    return (n, median, values[math.ceil(n * 9 / 10) - 1])


def raw_every_figure(path: Path, first: date, last: date, plan_year: int | None) -> dict[str, dict]:
    """Per county code ('' = none) and for the city ('*'): every figure of issue 12 by plain SQL (the headline,
    claims received/refused/pending, the days, members covered, renewal, new members, units)."""
    out = raw_headline(path, first, last, plan_year)
    raw = sqlite3.connect(path)
    try:
        year = last.year
        params = {"first": first.isoformat(), "last": last.isoformat(), "y0": f"{year}-01-01", "y1": f"{year}-12-31"}
        params |= {"since": utc(first), "until": utc(last + timedelta(days=1))}
        params |= {"l0": f"{year - 1}-01-01", "l1": f"{year - 1}-12-31"}
        plans = "" if plan_year is None else f"AND c.plan_id IN ({THIS_YEAR})"
        days: dict[str, dict[str, dict[int, int]]] = {}

        def put(sql: str, *names: str) -> None:
            for code, *values in raw.execute(sql, params):
                for key in (code, "*"):
                    row = out.setdefault(key, dict.fromkeys(HEADLINE, 0))
                    for name, value in zip(names, values, strict=True):
                        row[name] = row.get(name, 0) + (value or 0)

        put(RAW_CLAIMS.format(plans=plans), "received", "refused", "pending", "pending_fen")
        put(RAW_COVERED, "covered", "covered_counted", "units_covered")
        put(RAW_RENEWED, "last_year", "renewed")
        put(RAW_NEW_MEMBERS, "new_members")
        put(RAW_UNITS, "units_total", "headcount")
        for name, sql in (("decision_days", RAW_DECISION_DAYS), ("payment_days", RAW_PAYMENT_DAYS)):
            for code, day, n in raw.execute(sql.format(plans=plans), params):
                for key in (code, "*"):
                    histogram = days.setdefault(key, {}).setdefault(name, {})
                    histogram[int(day)] = histogram.get(int(day), 0) + n
        for key, row in out.items():
            for name in EVERY:
                row.setdefault(name, 0)
            for name in ("decision_days", "payment_days"):
                row[name] = spread(days.get(key, {}).get(name, {}))
            row["coverage"] = pct(row.pop("covered_counted"), row.pop("headcount"))
        return out
    finally:
        raw.close()


def pct(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.01"), ROUND_HALF_UP) if whole else None


def every_figure_of(stats) -> dict[str, dict]:
    """The same figures from a services.statistics Statistics."""

    def of(f) -> dict:
        return headline(f) | {
            "received": f.claims_received,
            "refused": f.claims_refused,
            "pending": f.claims_pending,
            "pending_fen": int(f.pending_quoted * 100),
            "decision_days": (f.decision_days.count, f.decision_days.median, f.decision_days.p90),
            "payment_days": (f.payment_days.count, f.payment_days.median, f.payment_days.p90),
            "covered": f.covered,
            "coverage": f.coverage,
            "units_covered": f.units_covered,
            "units_total": f.units_total,
            "last_year": f.last_year,
            "renewed": f.renewed,
            "new_members": f.new_members,
        }

    out = {c.code: of(c) for c in stats.counties}
    out["*"] = of(stats.city)
    return out


def headline(f) -> dict[str, int]:
    return {
        "premiums_fen": int(f.premiums * 100),
        "enrollments": f.enrollments,
        "units": f.units,
        "paid_fen": int(f.paid * 100),
        "claims_paid": f.claims_paid,
    }


def headline_of(stats) -> dict[str, dict[str, int]]:
    """The same figures from a services.statistics Statistics."""

    out = {c.code: headline(c) for c in stats.counties if any(headline(c).values())}
    out["*"] = headline(stats.city)
    return out


def check(label: str, service: dict, raw: dict) -> None:
    """The same figures per county and for the city; a county with nothing at all may be missing on one side."""
    empty = dict.fromkeys(next(iter(service.values())), 0)
    for name, nothing in (("decision_days", (0, None, None)), ("payment_days", (0, None, None)), ("coverage", None)):
        if name in empty:
            empty[name] = nothing
    service = {code: row for code, row in service.items() if row != empty or code in raw}
    raw = {code: row for code, row in raw.items() if row != empty or code in service}
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


def cases(db, user, year: int, number: int):
    """(label, service call, [(what, first day, last day, plan year or None, the Statistics of the result)])."""
    from mutualaid_desktop.domain.periods import month, whole_year
    from mutualaid_desktop.services.statistics.figures import statistics
    from mutualaid_desktop.services.statistics.month_closing import month_report

    y, m = whole_year(year), month(year, number)

    def itself(s):
        return s

    return [
        (f"year {year} (cash)", lambda: statistics(db, user, y), [("year", y.start, y.end, None, itself)]),
        (f"month {m.label} (cash)", lambda: statistics(db, user, m), [("month", m.start, m.end, None, itself)]),
        (
            f"year {year} (plan-year)",
            lambda: statistics(db, user, y, basis="plan-year"),
            [("plan year", y.start, y.end, year, itself)],
        ),
        (
            f"month report {m.label}",
            lambda: month_report(db, user, year, number),
            [
                ("report month", m.start, m.end, None, lambda r: r.month),
                ("report ytd", y.start, m.end, None, lambda r: r.ytd),
            ],
        ),
    ]


def measure(label: str, service, parts, path: Path, runs: int) -> tuple[float, float]:
    """Time the service and both plain-SQL baselines, check the figures equal, print a line; the two ratios."""
    t_head, heads = best(lambda: [raw_headline(path, a, b, basis) for _w, a, b, basis, _p in parts], runs)
    t_every, everys = best(lambda: [raw_every_figure(path, a, b, basis) for _w, a, b, basis, _p in parts], runs)
    t_service, result = best(service, runs)
    for (what, *_dates, pick), head, every in zip(parts, heads, everys, strict=True):
        check(f"{label}: {what} (headline)", headline_of(pick(result)), head)
        check(f"{label}: {what} (every figure)", every_figure_of(pick(result)), every)
    city = headline_of(parts[0][-1](result))["*"]
    print(
        f"{label:26}: service {t_service * 1000:6.0f} ms | headline SQL {t_head * 1000:6.0f} ms, "
        f"ratio {t_service / t_head:5.2f}x | every-figure SQL {t_every * 1000:6.0f} ms, ratio "
        f"{t_service / t_every:4.2f}x | peak RSS {peak_rss_mb():4.0f} MB | 参保 {city['premiums_fen'] / 100:,.2f} 元 "
        f"{city['enrollments']:,} 人次 {city['units']:,} 单位, 理赔 {city['paid_fen'] / 100:,.2f} 元 "
        f"{city['claims_paid']:,} 人次"
    )
    return t_service / t_head, t_service / t_every


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
    if refused(path):
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
    worst_head = worst_every = 0.0
    for label, service, parts in cases(db, user, args.year, args.month):
        head, every = measure(label, service, parts, path, args.runs)
        worst_head, worst_every = max(worst_head, head), max(worst_every, every)
    print(f"worst ratio to the every-figure SQL {worst_every:.2f}x")
    worst = worst_head
    print(
        f"worst ratio to the headline SQL {worst:.2f}x (target <= {TARGET_RATIO}x) {'OK' if worst <= TARGET_RATIO else 'OVER'}"
    )
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
