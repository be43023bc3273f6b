"""`mutualaid roster import` of a file over the reading limits (io/read_limits): a zip bomb .xlsx is refused
with a Chinese message and exit 2, nothing imported, the file never inflated."""

from __future__ import annotations

from datetime import date

from mutualaid_desktop.cli import main
from mutualaid_desktop.io.read_limits import DEFAULT_LIMITS, MIB
from mutualaid_desktop.services.session import open_counter_database
from tests.rosters import UNIT, make_counter, plan_code

from ..io.test_roster_reader_limits import bomb, no_openpyxl  # noqa: F401 - a fixture
from .test_cli_roster import counts

YEAR = date.today().year + 1


def test_a_zip_bomb_roster(tmp_path, capsys, no_openpyxl):  # noqa: F811
    path = tmp_path / "c.sqlite3"
    db = open_counter_database(str(path))
    make_counter(db, year=YEAR)
    db.dispose()
    roster = bomb(tmp_path / "名册.xlsx", DEFAULT_LIMITS.xlsx_part_bytes + MIB)
    code = main(
        [
            "--db",
            str(path),
            "roster",
            "import",
            str(roster),
            "--unit",
            UNIT,
            "--plan",
            plan_code(YEAR),
            "--bad-rows-out",
            str(tmp_path / "bad.xlsx"),
        ]
    )
    _out, err = capsys.readouterr()
    assert code == 2 and "解压后有 257 MB" in err and "Traceback" not in err
    assert counts(path) == (0, 0) and not (tmp_path / "bad.xlsx").exists()
