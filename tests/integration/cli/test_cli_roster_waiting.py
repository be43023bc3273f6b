"""`mutualaid roster import` says when the rest of the cover lies wholly inside the waiting period
(issue 9). The command line enrolls on the real today: the plan here ends 30 days after it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mutualaid_desktop.services.admin.plans import add_plan
from mutualaid_desktop.services.session import open_counter_database
from tests.integration.cli.cli_run import run
from tests.rosters import UNIT, make_counter, person_id, plan_text, write_xlsx

CODE = "SL-ZY-LATE"


@pytest.fixture
def db_path(today, tmp_path):
    path = tmp_path / "c.sqlite3"
    db = open_counter_database(str(path))
    make_counter(db, year=today.year + 1)
    start, end = today - timedelta(days=300), today + timedelta(days=30)
    add_plan(
        db,
        plan_text()
        .replace('"SL-ZY-2027"', f'"{CODE}"')
        .replace("2027-01-01", start.isoformat())
        .replace("2027-12-31", end.isoformat())
        .replace("（2027年度）", "（年末参保测试）"),
        username="admin",
    )
    db.dispose()
    return path


def test_roster_import_warns_that_the_whole_cover_is_waiting(capsys, db_path, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [[1, "张伟", person_id(1)], [2, "李娜", person_id(2, male=False), "女"]])
    code, _out, err = run(
        capsys, "--db", db_path, "roster", "import", path, "--unit", UNIT, "--plan", CODE, "--dry-run"
    )
    assert code == 0 and "整个保障期都在观察期内" in err
    code, out, err = run(capsys, "--db", db_path, "roster", "import", path, "--unit", UNIT, "--plan", CODE)
    assert code == 1 and "其中 2 人" in err and "--accept-waiting" in err  # issue 10: nothing without saying so
    code, out, err = run(
        capsys, "--db", db_path, "roster", "import", path, "--unit", UNIT, "--plan", CODE, "--accept-waiting"
    )
    assert code == 0, err
    assert "2 人：" in err and "整个保障期都在观察期内" in err and "90 天观察期" in err
    assert "已导入 2 行" in out
