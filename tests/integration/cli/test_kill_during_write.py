"""kill -9 during every kind of file the command line writes (slow): a real `mutualaid` process killed at
varied moments, 20+ trials each. After every kill the file is absent, the previous file byte for byte,
or a complete new file (a PDF that pypdf parses strictly with the expected pages, an .xlsx that
openpyxl opens with the expected rows); a leftover .part is removed by the next write into its folder.

Each test prints its counts (the trials, when the kills came, what the files were after them)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mutualaid_desktop.safe_files import PART_SUFFIX
from tests.kill_trials import age_leftovers, kill_trials, pdf_pages, run_cli, xlsx_rows

pytestmark = pytest.mark.slow

TRIALS = 21


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """A demo counter (2,000 members, 11 units, payout batches) with next year's plan (the demo makes it once
    the renewal season has opened): reminders for 2026."""
    import sqlite3

    from mutualaid_desktop.services.admin.demo import generate_demo
    from mutualaid_desktop.services.session import open_counter_database

    path = tmp_path_factory.mktemp("kill") / "demo.sqlite3"
    db = open_counter_database(path)
    try:
        generate_demo(db, members=2000, seed=3, today=date(2026, 11, 29))
    finally:
        db.dispose()
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT count(*) FROM plans WHERE code = 'SL-ZY-2027'").fetchone()[0] == 1
    return path


def same_pages():
    """A PDF check: complete, and as many pages as the first complete run's file of that name."""
    pages: dict[str, int] = {}

    def valid(path: Path) -> None:
        n = pdf_pages(path)
        assert pages.setdefault(path.name, n) == n, f"{path.name}: {n} pages, expected {pages[path.name]}"

    return valid


def same_rows():
    rows: dict[str, int] = {}

    def valid(path: Path) -> None:
        n = xlsx_rows(path)
        assert rows.setdefault(path.name, n) == n, f"{path.name}: {n} rows, expected {rows[path.name]}"

    return valid


def check(report, capsys, folder: Path, argv, ok=(0,)) -> None:
    with capsys.disabled():
        print("\n" + report.line())
    assert not report.problems, "\n".join(report.problems)
    assert report.trials >= 20
    assert report.moments["once the write began"] >= 3, report.line()  # the kills did hit the writes
    # a .part left by a kill is removed by the next write into that folder (once it is old: a young one may
    # belong to a writer still at work)
    stale = folder / f"stale.pdf.4242-0badc0de{PART_SUFFIX}"
    stale.write_bytes(b"half")
    left = age_leftovers(folder)
    run_cli(*argv, ok=ok)
    assert stale in left and not list(folder.glob(f"*{PART_SUFFIX}")), "leftovers not cleaned"


def test_kill_print_renewal_reminders_combined(demo_db, tmp_path, capsys):
    out = tmp_path / "papers" / "续保提示单.pdf"
    argv = ("--db", demo_db, "print", "renewal-reminders", "--year", "2026", "--out", out, "--force")
    report = kill_trials(
        "print renewal-reminders (combined)", argv, out.parent, lambda: [out], same_pages(), trials=TRIALS
    )
    check(report, capsys, out.parent, argv)


def test_kill_print_renewal_reminders_per_unit(demo_db, tmp_path, capsys):
    folder = tmp_path / "提示单"
    argv = (
        "--db",
        demo_db,
        "print",
        "renewal-reminders",
        "--year",
        "2026",
        "--county",
        "611002",
        "--out",
        folder,
        "--force",
    )
    report = kill_trials(
        "print renewal-reminders (per unit)",
        argv,
        folder,
        lambda: sorted(folder.glob("*.pdf")),
        same_pages(),
        trials=TRIALS,
    )
    assert len(list(folder.glob("*.pdf"))) == 3  # the county's units, each file whole
    check(report, capsys, folder, argv)


@pytest.mark.parametrize(
    "paper",
    [
        ("claim-documents-notice", "--plan", "SL-ZY-2027"),
        ("member-leaflet", "--plan", "SL-ZY-2027"),
        ("payout-batch-list", "--batch", "PF2026-0001"),
    ],
    ids=lambda p: p[0],
)
def test_kill_print_one_page_papers(demo_db, tmp_path, capsys, paper):
    out = tmp_path / "papers" / f"{paper[0]}.pdf"
    argv = ("--db", demo_db, "print", *paper, "--out", out)
    report = kill_trials(f"print {paper[0]}", argv, out.parent, lambda: [out], same_pages(), trials=TRIALS)
    check(report, capsys, out.parent, argv)


def test_kill_renewal_overview_out(demo_db, tmp_path, capsys):
    out = tmp_path / "给县区" / "续保进度.xlsx"
    argv = ("--db", demo_db, "renewal", "overview", "--year", "2026", "--out", out)
    report = kill_trials("renewal overview --out", argv, out.parent, lambda: [out], same_rows(), trials=TRIALS)
    check(report, capsys, out.parent, argv)


def test_kill_roster_import_bad_rows_out(tmp_path, capsys):
    from mutualaid_desktop.services.session import open_counter_database
    from tests.rosters import UNIT, make_counter, plan_code, write_csv

    year = date.today().year + 1  # the command line enrolls on the real today: next year's plan is open
    path = tmp_path / "c.sqlite3"
    db = open_counter_database(path)
    make_counter(db, year=year)
    db.dispose()
    rows = [[n, f"职工{chr(0x4E00 + n % 500)}", f"61100219800501{n:04d}"] for n in range(1, 1501)]  # bad check digits
    roster = write_csv(tmp_path / "名册.csv", rows)
    out = tmp_path / "退回" / "问题行.xlsx"
    argv = (
        "--db",
        path,
        "roster",
        "import",
        roster,
        "--unit",
        UNIT,
        "--plan",
        plan_code(year),
        "--dry-run",
        "--bad-rows-out",
        out,
    )
    report = kill_trials(
        "roster import --bad-rows-out", argv, out.parent, lambda: [out], same_rows(), trials=TRIALS, ok=(1,)
    )  # a dry run with bad rows exits 1
    check(report, capsys, out.parent, argv, ok=(1,))
