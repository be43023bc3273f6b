"""A full disk (a real small tmpfs, filled up) under the files the command line writes: a clear Chinese
message about the disk, a non-zero exit, no traceback, the previous file of that name byte for byte and
no temporary file left. Real `mutualaid` processes (what a counter's script sees)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutualaid_desktop.services.session import open_counter_database
from tests.disk import fill_up
from tests.kill_trials import run_cli
from tests.rosters import bad_check, person_id, write_csv

from ..services.overview_data import make_season


@pytest.fixture(scope="module")
def season_db(tmp_path_factory):
    """A renewal season 2026 -> 2027 (plans SL-ZY-2026/2027, six units): papers, overview, roster import."""
    path = tmp_path_factory.mktemp("full-disk") / "c.sqlite3"
    db = open_counter_database(path)
    try:
        make_season(db)
    finally:
        db.dispose()
    return path


def refused_for_the_disk(argv, target: Path, disk: Path, ok=(0,)) -> str:
    """Write `target` once (room enough), fill the disk, write it again: returns the second run's stderr."""
    first = run_cli(*argv, ok=ok)
    assert target.is_file(), first.stderr
    before = target.read_bytes()
    fill_up(disk)
    done = run_cli(*argv, check=False)
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr and "Error" not in done.stderr, done.stderr
    assert "磁盘空间不足" in done.stderr and target.name in done.stderr, done.stderr
    assert target.read_bytes() == before
    assert [p.name for p in disk.iterdir() if not p.name.startswith("filler")] == [target.name]
    return done.stderr


@pytest.mark.parametrize(
    "paper",
    [
        ("claim-documents-notice", "--plan", "SL-ZY-2027"),
        ("member-leaflet", "--plan", "SL-ZY-2027"),
        ("renewal-reminders", "--year", "2026", "--force"),
    ],
    ids=lambda p: p[0],
)
def test_a_paper_on_a_full_disk(season_db, small_disk, paper):
    disk = small_disk(1024)
    target = disk / f"{paper[0]}.pdf"
    err = refused_for_the_disk(("--db", season_db, "print", *paper, "--out", target), target, disk)
    assert "原来的同名文件没有改动" in err


def test_renewal_overview_on_a_full_disk(season_db, small_disk):
    disk = small_disk(512)
    target = disk / "续保进度.xlsx"
    err = refused_for_the_disk(
        ("--db", season_db, "renewal", "overview", "--year", "2026", "--out", target), target, disk
    )
    assert "原来的同名文件没有改动" in err


def test_bad_rows_file_on_a_full_disk(season_db, small_disk, tmp_path):
    disk = small_disk(512)
    target = disk / "问题行.xlsx"
    roster = write_csv(tmp_path / "名册.csv", [[n, "张伟", bad_check(person_id(n))] for n in range(1, 30)])
    argv = (
        "--db",
        season_db,
        "roster",
        "import",
        roster,
        "--unit",
        "611002-0001",
        "--plan",
        "SL-ZY-2027",
        "--dry-run",
        "--bad-rows-out",
        target,
    )
    err = refused_for_the_disk(argv, target, disk, ok=(1,))
    assert "没有导入任何数据" in err
