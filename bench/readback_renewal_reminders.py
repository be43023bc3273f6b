"""Read back a combined renewal reminder PDF (续保提示单) against the database, every unit.

The expected figures are computed here with plain sqlite3 and Python (not the program's queries): for
each grassroots unit, the members whose paid cover of the plan kind ends in the window and who can renew
and have not: not enrolled in next year's plan (paid or confirmed, waiting for payment), not recorded as
having left (a live renewal_leavers record for next year's plan), and within next year's age limit on
the day cover would start for a payment made --today (the day after, never before the plan starts; the
age from the birth date in the ID number); their shares capped at next year's maximum, and the total due.
Besides matching each unit, it checks on purpose that no listed member is over the age limit or a
recorded leaver (or already renewed), and that no unit with nobody left to remind (a renewed unit) has
a page.
The PDF is turned into text with poppler's `pdftotext` (one form feed per page); each unit's pages
start at the first page that carries 单位编码：<code> (later pages repeat it). For every unit the check compares the masked ID
numbers found on its pages (as a multiset) with the expected ones, and the printed total with the
expected total.

Usage: python bench/readback_renewal_reminders.py --db COPY.sqlite3 --pdf ALL.pdf [--year 2026]
       [--kind reimbursement] [--today YYYY-MM-DD] [--make]   (--make prints the PDF first through the service,
       issued on --today)
Exit 0 when every unit matches, 1 otherwise.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MASKED = re.compile(r"\b(\d{6}\*{8}\d{3}[\dX])\b")
UNIT = re.compile(r"单位编码：(\S+)")
TOTAL = re.compile(r"应缴互助金合计：¥([\d,]+\.\d\d)")


def masked(number: str) -> str:
    return number[:6] + "*" * 8 + number[-4:]


def age_on(number: str, day: date) -> int:
    """Whole years on `day` of the person born on the date in the ID number (characters 7 to 14)."""
    born = (int(number[6:10]), int(number[10:12]), int(number[12:14]))
    return day.year - born[0] - ((day.month, day.day) < born[1:])


class Expected:
    """Per unit code: the masked numbers to remind (a multiset) and the total due; and, apart, the masked numbers
    that must not be listed (over age, recorded leavers, renewed) and the units with nobody left to remind."""

    def __init__(self) -> None:
        self.ids: dict[str, Counter] = defaultdict(Counter)
        self.totals: dict[str, Decimal] = defaultdict(Decimal)
        self.not_listed: dict[str, dict[str, str]] = defaultdict(dict)  # unit -> masked number -> why
        self.covered_units: set[str] = set()

    @property
    def done_units(self) -> set[str]:
        """Units with covers ending and nobody left to remind: they must get no reminder."""
        return self.covered_units - set(self.ids)


def expected(db: Path, year: int, kind: str, today: date) -> Expected:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    (end,) = con.execute(
        "SELECT period_end FROM plans WHERE kind = ? AND period_end LIKE ? ORDER BY period_end DESC, id LIMIT 1",
        (kind, f"{year}-%"),
    ).fetchone()
    nxt, per_share, max_shares, min_age, max_age, start = con.execute(
        "SELECT id, premium_per_share_fen, max_shares, min_age, max_age, period_start FROM plans "
        "WHERE kind = ? AND period_start > ? ORDER BY period_start, id LIMIT 1",
        (kind, end),
    ).fetchone()
    cover_start = max(today + timedelta(days=1), date.fromisoformat(start))
    out = Expected()
    for code, number, shares, renewed, left in con.execute(
        "SELECT u.code, m.id_number, e.shares, "
        "EXISTS (SELECT 1 FROM enrollments r WHERE r.member_id = e.member_id AND r.plan_id = ? "
        "        AND r.status != 'cancelled'), "
        "EXISTS (SELECT 1 FROM renewal_leavers l WHERE l.member_id = e.member_id AND l.plan_id = ? "
        "        AND l.withdrawn_at IS NULL) "
        "FROM enrollments e JOIN members m ON m.id = e.member_id "
        "JOIN org_units u ON u.id = e.unit_id JOIN plans p ON p.id = e.plan_id "
        "WHERE p.kind = ? AND e.status = 'paid' AND e.cover_end = ? AND u.kind = 'unit'",
        (nxt, nxt, kind, end),
    ):
        out.covered_units.add(code)
        age = age_on(number, cover_start)
        why = (
            "renewed"
            if renewed
            else "a recorded leaver"
            if left
            else f"over age ({age} on {cover_start})"
            if not min_age <= age <= max_age
            else None
        )
        if why:
            out.not_listed[code][masked(number)] = why
            continue
        out.ids[code][masked(number)] += 1
        out.totals[code] += Decimal(per_share * min(shares, max_shares)) / 100
    con.close()
    return out


def read_pdf(pdf: Path) -> dict[str, list[str]]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True).stdout
    units: dict[str, list[str]] = {}
    current = None
    for page in text.decode("utf-8").split("\f"):
        found = UNIT.search(page)
        if found and found.group(1) != current:
            current = found.group(1)
            if current in units:
                raise SystemExit(f"unit {current} printed twice (or its pages are not together)")
            units[current] = [page]
        elif current is not None and page.strip():
            units[current].append(page)
    return units


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--pdf", required=True)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--kind", default="reimbursement")
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=date.today(),
        help="the day the reminders are issued (the age limit is judged for a payment that day)",
    )
    parser.add_argument("--make", action="store_true", help="print the combined PDF through the service first")
    args = parser.parse_args()
    db, pdf = Path(args.db), Path(args.pdf)
    if db.resolve() == (ROOT / "bench" / "out" / "demo-1000000.sqlite3").resolve():
        print("refusing to use the shared demo database: copy it first")
        return 2
    if args.make:
        from mutualaid_desktop.services.renewal.renewal_reminders import prepare_reminders, print_reminders
        from mutualaid_desktop.services.session import open_counter_database

        t = time.perf_counter()
        counter_db = open_counter_database(db)
        request = prepare_reminders(counter_db, args.year, kind=args.kind, issued_on=args.today)
        print_reminders(counter_db, request, pdf, combined=True)
        counter_db.dispose()
        print(
            f"made {pdf} ({request.unit_count} units, {request.member_count} members) in "
            f"{time.perf_counter() - t:.1f} s"
        )
    t = time.perf_counter()
    want = expected(db, args.year, args.kind, args.today)
    want_ids, want_totals = want.ids, want.totals
    reasons = Counter(why.split(" (")[0] for apart in want.not_listed.values() for why in apart.values())
    print(
        f"expected figures from sqlite3: {len(want_ids)} units, {sum(sum(c.values()) for c in want_ids.values())} "
        f"members, {time.perf_counter() - t:.1f} s; not to be listed: {dict(reasons)}; "
        f"{len(want.done_units)} unit(s) with nobody left to remind"
    )
    t = time.perf_counter()
    got = read_pdf(pdf)
    pages = sum(len(p) for p in got.values())
    print(f"pdftotext: {len(got)} units on {pages} pages, {time.perf_counter() - t:.1f} s")
    bad = []
    for code in sorted(set(want_ids) | set(got)):
        texts = got.get(code)
        if texts is None:
            bad.append(f"{code}: no page")
            continue
        if code not in want_ids:
            what = "a renewed unit (nobody left to remind)" if code in want.done_units else "nobody to remind"
            bad.append(f"{code}: printed but {what}")
            continue
        found = Counter(MASKED.findall("\n".join(texts)))
        wrongly = Counter(
            want.not_listed[code].get(number, "").split(" (")[0]
            for number in found
            if number in want.not_listed[code] and number not in want_ids[code]
        )
        for why, n in sorted(wrongly.items()):
            bad.append(f"{code}: lists {n} member(s) who must not be: {why}")
        if found != want_ids[code]:
            missing = sum((want_ids[code] - found).values())
            extra = sum((found - want_ids[code]).values())
            bad.append(f"{code}: {missing} member(s) missing, {extra} unexpected")
        totals = TOTAL.findall(texts[-1])
        if [Decimal(x.replace(",", "")) for x in totals] != [want_totals[code]]:
            bad.append(f"{code}: total {totals} expected {want_totals[code]}")
    members = sum(sum(c.values()) for c in want_ids.values())
    if bad:
        kinds = Counter(re.sub(r"^\S+: |\d+ ", "", line).split(":")[0].split(" [")[0] for line in bad)
        print(f"{len(bad)} problem(s): " + "; ".join(f"{n} × {what}" for what, n in kinds.most_common()))
        print("e.g.:")
        for line in bad[:20]:
            print("  " + line)
        return 1
    print(
        f"every unit matches: {len(got)} units, {members} members, total due "
        f"¥{sum(want_totals.values()):,.2f}; no member listed over age, left or renewed "
        f"({sum(reasons.values())} left out); none of the {len(want.done_units)} renewed unit(s) has a page"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
