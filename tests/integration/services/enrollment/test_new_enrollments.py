"""One builder of a new member and a pending enrollment (services/new_enrollments): the same person
enrolled at the counter, by roster import and as a renewal joiner becomes the same member row and the
same enrollment row, field by field (the ids and the time of writing aside)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from mutualaid_desktop.services.enrollment.enrollment import enroll_member
from mutualaid_desktop.services.enrollment.roster_import import import_roster, preview_roster
from mutualaid_desktop.services.renewal.renewal import confirm_renewal, roster_joiners
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.store.models import Enrollment, Member
from tests.rosters import write_xlsx

from ..renewal_unit_data import PLAN, TODAY, UNIT, make_renewal_city, new_person

NOT_COMPARED = {"id", "member_id", "created_at"}


def _rows(db, id_number: str) -> tuple[dict, dict]:
    """The member with `id_number` and their enrollment in PLAN, as {column: value}."""
    with db.session(read_only=True) as s:
        member = s.scalars(select(Member).where(Member.id_number == id_number)).one()
        enrollment = s.scalars(select(Enrollment).where(Enrollment.member_id == member.id)).one()
        return (
            {c.key: getattr(member, c.key) for c in Member.__table__.columns if c.key not in NOT_COMPARED},
            {c.key: getattr(enrollment, c.key) for c in Enrollment.__table__.columns if c.key not in NOT_COMPARED},
        )


def _fresh(tmp_path, name: str):
    db = open_counter_database(str(tmp_path / name / "c.sqlite3"))
    return db, make_renewal_city(db)


def _roster(tmp_path, number: str, note: str) -> object:
    return write_xlsx(tmp_path / "名册.xlsx", [[1, "林 一", number, "男", "13900000001", "E01", note]])


def _three_ways(
    tmp_path, number: str, note: str, ways=("counter", "roster", "renewal")
) -> dict[str, tuple[dict, dict]]:
    roster = _roster(tmp_path, number, note)
    found: dict[str, tuple[dict, dict]] = {}
    for way in ways:
        db, city = _fresh(tmp_path, way)
        try:
            if way == "counter":
                enroll_member(
                    db,
                    city.admin,
                    id_number=number.lower(),
                    name="林一",
                    sex="男",
                    phone="13900000001",
                    employee_no="E01",
                    unit_code=UNIT,
                    plan_code=PLAN,
                    today=TODAY,
                )
            elif way == "roster":
                preview = preview_roster(db, roster, UNIT, PLAN, today=TODAY)
                assert not preview.bad
                import_roster(db, city.admin, preview)
            else:
                joiners = roster_joiners(db, roster, unit_code=UNIT, plan_code=PLAN, today=TODAY)
                assert not joiners.bad
                confirm_renewal(
                    db,
                    city.admin,
                    unit_code=UNIT,
                    plan_code=PLAN,
                    keep_member_ids=[],
                    joiners=joiners.good,
                    today=TODAY,
                )
            found[way] = _rows(db, number)
        finally:
            db.dispose()
    return found


def test_the_three_ways_make_the_same_member_and_enrollment(tmp_path):
    number = new_person(1, born=date(1990, 3, 1))
    found = _three_ways(tmp_path, number, "")
    member, enrollment = found["counter"]
    assert member["name"] == "林一" and member["id_number_rev"] == number[::-1] and member["note"] is None
    assert member["sex"] == "male" and member["birth_date"] == date(1990, 3, 1) and member["phone"] == "13900000001"
    assert enrollment["status"] == "pending_payment" and enrollment["premium_fen"] == 9500
    assert enrollment["cover_start"] is None and enrollment["payment_id"] is None and not enrollment["continuous"]
    assert found["roster"] == found["counter"]
    assert found["renewal"] == found["counter"]


def test_a_roster_note_is_kept_by_import_and_by_renewal(tmp_path):
    """The 备注 of a roster row is the new member's note, whether the roster is imported or read for joiners."""
    number = new_person(2)
    found = _three_ways(tmp_path, number, "夜班", ways=("roster", "renewal"))
    assert found["roster"][0]["note"] == "夜班"
    assert found["renewal"] == found["roster"]
