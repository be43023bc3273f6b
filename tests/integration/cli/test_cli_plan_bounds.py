"""A plan file with an absurd number is refused by `mutualaid plan add` (exit 2, the field named), so that
`member find` keeps working: waiting_days = 9223372036854775807 was accepted and then every member search
of a member covered by that plan crashed (OverflowError in cover_start + timedelta)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from mutualaid_desktop.cli import main
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Enrollment, Member, OrgUnit, Plan
from tests.rosters import UNIT, make_counter, person_id, plan_text


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "c.sqlite3"
    db = open_counter_database(str(path))
    make_counter(db)
    with UnitOfWork(db, username="setup") as uow:
        s = uow.session
        unit = s.scalar(select(OrgUnit).where(OrgUnit.code == UNIT))
        plan = s.scalar(select(Plan).where(Plan.code == "SL-ZY-2027"))
        member = Member(id_number=person_id(1), name="张伟", sex="male", birth_date=date(1980, 5, 1), unit_id=unit.id)
        s.add(member)
        s.flush()
        s.add(
            Enrollment(
                member_id=member.id,
                plan_id=plan.id,
                unit_id=unit.id,
                shares=1,
                premium_fen=9500,
                cover_start=date(2027, 1, 1),
                cover_end=date(2027, 12, 31),
                status="paid",
            )
        )
        uow.commit()
    db.dispose()
    return path


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("waiting_days = 9223372036854775807", "waiting_days"),
        ("renewal_grace_days = 100000", "renewal_grace_days"),
        ("claim_deadline_days = 0", "claim_deadline_days"),
        ("period_end = 2099-12-31", "period_end"),
    ],
)
def test_plan_add_refuses_absurd_numbers_and_member_find_works(capsys, db_path, tmp_path, line, field):
    key = line.split(" = ")[0]
    text = plan_text().replace("SL-ZY-2027", "SL-ZY-BAD")
    text = "\n".join(line if row.startswith(f"{key} = ") else row for row in text.splitlines()) + "\n"
    plan_file = tmp_path / "bad.toml"
    plan_file.write_text(text, encoding="utf-8")
    code = main(["--db", str(db_path), "plan", "add", str(plan_file)])
    _out, err = capsys.readouterr()
    assert code == 2 and f"（{field}）" in err and "Traceback" not in err, err
    assert main(["--db", str(db_path), "plan", "list"]) == 0
    assert "SL-ZY-BAD" not in capsys.readouterr().out
    assert main(["--db", str(db_path), "member", "find", "张伟"]) == 0
    assert "张伟" in capsys.readouterr().out
