"""The months of a demo database, read from it: from its first activity (the first premium paid; the demo's
claims are paid after it) to a last month. Months are closed in order from the first (issue 12)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def first_month(path: Path | str) -> tuple[int, int]:
    con = sqlite3.connect(path)
    try:
        first = con.execute("SELECT min(paid_on) FROM premium_payments").fetchone()[0]
    finally:
        con.close()
    return int(first[:4]), int(first[5:7])


def demo_months(path: Path | str, last: tuple[int, int] = (2026, 10)) -> list[tuple[int, int]]:
    """(year, month) from the database's first month through `last`."""
    year, number = first_month(path)
    out = []
    while (year, number) <= last:
        out.append((year, number))
        year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return out
