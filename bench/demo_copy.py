"""The benches run on a COPY of the shared 1,000,000-member demo (bench/out/demo-1000000.sqlite3): opening a
database may migrate it, and some benches write. One check for all of them."""

from __future__ import annotations

import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parent / "out" / "demo-1000000.sqlite3"


def copy_problem(path: Path) -> str | None:
    """Why `path` may not be used (the shared file itself, or missing); None when it may."""
    if path.resolve() == SHARED.resolve():
        return "refusing to use the shared demo database: copy it first"
    if not path.exists():
        return f"{path} not found: copy bench/out/demo-1000000.sqlite3 there first"
    return None


def refused(path: Path) -> bool:
    """Say on stderr why `path` may not be used; True when it may not."""
    problem = copy_problem(path)
    if problem is not None:
        print(problem, file=sys.stderr)
    return problem is not None
