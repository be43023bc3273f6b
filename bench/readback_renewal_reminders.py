"""Read back a combined renewal reminder PDF (续保提示单) against the database, every unit.

The expected figures are computed here with plain sqlite3 (not the program's queries): for each
grassroots unit, the members whose paid cover of the plan kind ends in the window, who are not
yet paid under next year's plan and whom the unit has not said have left (no live renewal_leavers
record for next year's plan, unless enrolled in it after all), their shares capped at next year's
maximum, and the total due.
The PDF is turned into text with poppler's `pdftotext` (one form feed per page); each unit's pages
start at the first page that carries 单位编码：<code> (later pages repeat it). For every unit the check compares the masked ID
numbers found on its pages (as a multiset) with the expected ones, and the printed total with the
expected total.

Usage: python bench/readback_renewal_reminders.py --db COPY.sqlite3 --pdf ALL.pdf [--year 2026]
       [--kind reimbursement] [--make]   (--make prints the PDF first through the service)
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
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MASKED = re.compile(r"\b(\d{6}\*{8}\d{3}[\dX])\b")
UNIT = re.compile(r"单位编码：(\S+)")
TOTAL = re.compile(r"应缴互助金合计：¥([\d,]+\.\d\d)")


def expected(db: Path, year: int, kind: str) -> tuple[dict[str, Counter], dict[str, Decimal]]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    (end,) = con.execute(
        "SELECT period_end FROM plans WHERE kind = ? AND period_end LIKE ? ORDER BY period_end DESC, id LIMIT 1",
        (kind, f"{year}-%"),
    ).fetchone()
    nxt, per_share, max_shares = con.execute(
        "SELECT id, premium_per_share_fen, max_shares FROM plans WHERE kind = ? AND period_start > ? "
        "ORDER BY period_start, id LIMIT 1", (kind, end),
    ).fetchone()
    ids: dict[str, Counter] = defaultdict(Counter)
    totals: dict[str, Decimal] = defaultdict(Decimal)
    # members the unit said have left (a live leaver record for next year's plan, revision 0006) are not reminded
    has_leavers = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'renewal_leavers'").fetchone()
    not_left = ("AND NOT EXISTS (SELECT 1 FROM renewal_leavers l WHERE l.member_id = e.member_id AND l.plan_id = ? "
                "AND l.withdrawn_at IS NULL AND NOT EXISTS (SELECT 1 FROM enrollments x "
                "WHERE x.member_id = e.member_id AND x.plan_id = l.plan_id AND x.status != 'cancelled'))"
                if has_leavers else "")
    for code, number, shares in con.execute(
        "SELECT u.code, m.id_number, e.shares FROM enrollments e JOIN members m ON m.id = e.member_id "
        "JOIN org_units u ON u.id = e.unit_id JOIN plans p ON p.id = e.plan_id "
        "WHERE p.kind = ? AND e.status = 'paid' AND e.cover_end = ? AND u.kind = 'unit' AND NOT EXISTS ("
        "SELECT 1 FROM enrollments r WHERE r.member_id = e.member_id AND r.plan_id = ? AND r.status = 'paid') "
        + not_left,
        (kind, end, nxt, nxt) if has_leavers else (kind, end, nxt),
    ):
        ids[code][number[:6] + "*" * 8 + number[-4:]] += 1
        totals[code] += Decimal(per_share * min(shares, max_shares)) / 100
    con.close()
    return ids, totals


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
    parser.add_argument("--make", action="store_true", help="print the combined PDF through the service first")
    args = parser.parse_args()
    db, pdf = Path(args.db), Path(args.pdf)
    if db.resolve() == (ROOT / "bench" / "out" / "demo-1000000.sqlite3").resolve():
        print("refusing to use the shared demo database: copy it first")
        return 2
    if args.make:
        from mutualaid_desktop.services.renewal_reminders import prepare_reminders, print_reminders
        from mutualaid_desktop.services.session import open_counter_database

        t = time.perf_counter()
        counter_db = open_counter_database(db)
        request = prepare_reminders(counter_db, args.year, kind=args.kind)
        print_reminders(counter_db, request, pdf, combined=True)
        counter_db.dispose()
        print(f"made {pdf} ({request.unit_count} units, {request.member_count} members) in "
              f"{time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    want_ids, want_totals = expected(db, args.year, args.kind)
    print(f"expected figures from sqlite3: {len(want_ids)} units, {sum(sum(c.values()) for c in want_ids.values())} "
          f"members, {time.perf_counter() - t:.1f} s")
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
            bad.append(f"{code}: printed but nobody to remind")
            continue
        found = Counter(MASKED.findall("\n".join(texts)))
        if found != want_ids[code]:
            missing = sum((want_ids[code] - found).values())
            extra = sum((found - want_ids[code]).values())
            bad.append(f"{code}: {missing} member(s) missing, {extra} unexpected")
        totals = TOTAL.findall(texts[-1])
        if [Decimal(x.replace(",", "")) for x in totals] != [want_totals[code]]:
            bad.append(f"{code}: total {totals} expected {want_totals[code]}")
    members = sum(sum(c.values()) for c in want_ids.values())
    if bad:
        print(f"{len(bad)} unit(s) differ, e.g.:")
        for line in bad[:20]:
            print("  " + line)
        return 1
    print(f"every unit matches: {len(got)} units, {members} members, total due "
          f"¥{sum(want_totals.values()):,.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
