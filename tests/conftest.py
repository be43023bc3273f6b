"""Fixtures for every test folder: a small disk that fills up, for the full-disk cases; a private PostgreSQL
server (tests/postgres_server.py) and a fresh database on it."""

from __future__ import annotations

import os
import subprocess
import uuid

import pytest

REQUIRE_SMALL_DISK = "MUTUALAID_REQUIRE_TMPFS"  # set by .ci/run when it runs as root


@pytest.fixture(scope="session")
def postgres_server():
    """The test run's private PostgreSQL server (started at the first test that needs it). Where PostgreSQL is
    not installed the test is skipped, or fails when MUTUALAID_REQUIRE_POSTGRES=1 (.ci/run)."""
    from tests.postgres_server import REQUIRE_POSTGRES, NoPostgres, PostgresServer

    try:
        import psycopg  # noqa: F401  (the driver: pip install ".[postgres]")

        server = PostgresServer.start()
    except (NoPostgres, ImportError) as exc:
        if os.environ.get(REQUIRE_POSTGRES) == "1":
            pytest.fail(f"PostgreSQL is required here but cannot be used: {exc}")
        pytest.skip(f"NOT TESTED on PostgreSQL — {exc}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(postgres_server):
    """A fresh, empty PostgreSQL database for one test; its URL (postgresql://USER@HOST:PORT/DBNAME)."""
    url = postgres_server.new_database()
    yield url
    postgres_server.drop_database(url)


@pytest.fixture
def small_disk(tmp_path):
    """`small_disk(kib)`: a fresh tmpfs of `kib` KiB mounted in tmp_path; its path.

    Mounting needs root (CI runs as root). Where it cannot mount, the test fails when
    MUTUALAID_REQUIRE_TMPFS=1 (CI) and is otherwise marked xfail with the reason in red, never
    skipped quietly."""
    mounted = []

    def make(kib: int):
        point = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
        point.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={kib}k,mode=0700", "tmpfs", str(point)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            reason = f"cannot mount a {kib} KiB tmpfs for the full-disk test: {done.stderr.strip() or done.returncode}"
            if os.environ.get(REQUIRE_SMALL_DISK) == "1":
                pytest.fail(reason)
            pytest.xfail("NOT TESTED — " + reason)
        mounted.append(point)
        return point

    yield make
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


@pytest.fixture(autouse=True)
def files_written_whole(monkeypatch):
    """Every PDF (reportlab) and .xlsx (openpyxl) that the program writes during any test goes through
    safe_files: written under a temporary `.part` name beside the target, renamed when complete. A save
    straight onto its final name (from mutualaid_desktop code, not from a test's own fixtures) fails the test,
    and so does a workbook of the program with a formula cell in it (io/xlsx_cells: data is never a formula)."""
    import sys

    from openpyxl.workbook.workbook import Workbook
    from openpyxl.writer.excel import ExcelWriter
    from reportlab.pdfbase.pdfdoc import PDFDocument

    from mutualaid_desktop.safe_files import PART_SUFFIX

    straight: list[str] = []

    def called_from_the_program() -> bool:
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_globals is globals():  # this guard's own frames
                frame = frame.f_back
                continue
            name = frame.f_globals.get("__name__", "")
            if name.startswith("mutualaid_desktop"):
                return True
            if name.startswith("tests"):
                return False
            frame = frame.f_back
        return False

    def check(filename, workbook=None) -> None:
        if not called_from_the_program():
            return
        filename = getattr(filename, "name", filename)  # a file object: its name
        if isinstance(filename, (str, os.PathLike)) and not os.fspath(filename).endswith(PART_SUFFIX):
            straight.append(os.fspath(filename))
        if workbook is not None:
            straight.extend(
                f"formula in {sheet.title}!{cell.coordinate}"
                for sheet in workbook.worksheets
                for row in sheet.iter_rows()
                for cell in row
                if cell.data_type == "f"
            )

    def guard(original):
        def save(self, filename, *args, **kwargs):
            check(filename, self if isinstance(self, Workbook) else None)
            return original(self, filename, *args, **kwargs)

        return save

    write_data = ExcelWriter.write_data

    def guarded_write_data(self):
        check(self._archive.filename, self.workbook)
        return write_data(self)

    monkeypatch.setattr(PDFDocument, "SaveToFile", guard(PDFDocument.SaveToFile))
    monkeypatch.setattr(Workbook, "save", guard(Workbook.save))
    monkeypatch.setattr(ExcelWriter, "write_data", guarded_write_data)
    yield
    assert not straight, f"written straight onto the final name (not through safe_files), or a formula: {straight}"


@pytest.fixture
def today():
    """The local calendar day when the test starts. A module-level `date.today()` is taken when
    the module is collected and goes stale when the suite runs across midnight (a CI run did:
    papers printed after midnight were not found on the day before)."""
    from datetime import date

    return date.today()


@pytest.fixture
def clock():
    """The program's clock (mutualaid_desktop.domain.clock), to be set: `clock.set(date(2026, 12, 31))`
    or `with clock.fixed(...)`; back to the machine's clock after the test."""
    from mutualaid_desktop.domain import clock as program_clock

    program_clock.reset()
    yield program_clock
    program_clock.reset()
