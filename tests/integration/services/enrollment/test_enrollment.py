"""Single enrollment and the participation warning, on a real SQLite file."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.services.admin.plans import set_min_participation
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.enrollment.enrollment import (
    enroll_member,
    enrollment_choices,
    lookup_person,
    participation,
)
from mutualaid_desktop.services.errors import NotFound, PermissionDenied, ServiceError
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.store.models import AuditRecord, Enrollment, Member, Plan
from tests.rosters import CRITICAL, OTHER_UNIT, PLAN, TODAY, UNIT, make_counter, person_id


@pytest.fixture
def db(tmp_path):
    database = open_counter_database(str(tmp_path / "c.sqlite3"))
    yield database
    database.dispose()


@pytest.fixture
def admin(db):
    return make_counter(db)


def enroll(db, user, n=1, **kw):
    args = dict(id_number=person_id(n), name="张伟", unit_code=UNIT, plan_code=PLAN, shares=1, today=TODAY)
    args.update(kw)
    return enroll_member(db, user, **args)


def test_a_new_person_is_enrolled_pending_payment(db, admin):
    result = enroll(db, admin, phone="138 0000 0001", employee_no="A01", sex="男")
    assert result.member_created and result.premium == 95 and str(result.premium) == "95.00"
    assert result.planned_cover_start == date(2027, 1, 1) and not result.continuous
    with db.session(read_only=True) as s:
        member = s.scalar(select(Member))
        e = s.scalar(select(Enrollment))
        assert (member.id_number, member.name, member.sex, member.birth_date) == (
            person_id(1),
            "张伟",
            "male",
            date(1980, 5, 1),
        )
        assert member.phone == "138 0000 0001" and member.employee_no == "A01"
        assert (e.status, e.premium_fen, e.shares, e.cover_start, e.cover_end) == (
            "pending_payment",
            9500,
            1,
            None,
            None,
        )
        audit = s.scalar(select(AuditRecord).where(AuditRecord.action == "enrollment.create"))
        assert audit.entity_id == str(e.id) and '"plan":"SL-ZY-2027"' in audit.after_json


def test_id_number_normalised_at_the_edge(db, admin):
    number = person_id(1)
    typed = " ".join(number[:6]) + number[6:].translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    assert enroll(db, admin, id_number=typed).id_number == number


@pytest.mark.parametrize(
    "kw, field, words",
    [
        ({"id_number": "611002198005010035"}, "id_number", "校验码"),
        ({"id_number": person_id(1, born=date(1960, 1, 1))}, "id_number", "年龄不符合参保条件"),
        ({"id_number": person_id(1, born=date(2011, 1, 2))}, "id_number", "15 周岁"),
        ({"plan_code": CRITICAL, "shares": 4}, "shares", "最多 3 份"),
        ({"shares": 2}, "shares", "最多 1 份"),
        ({"name": "  "}, "name", "姓名"),
        ({"sex": "女"}, "sex", "性别与身份证号码不符"),
    ],
)
def test_refused_with_a_message_and_nothing_written(db, admin, kw, field, words):
    with pytest.raises(InputError) as caught:
        enroll(db, admin, **kw)
    assert caught.value.field == field and words in caught.value.message
    with db.session(read_only=True) as s:
        assert s.scalar(select(Member)) is None and s.scalar(select(Enrollment)) is None


def test_age_limits_are_inclusive_on_the_planned_cover_start(db, admin):
    # 60 on 2027-01-01 may join, 61 may not; 16 may join
    enroll(db, admin, 1, id_number=person_id(1, born=date(1966, 12, 31)))
    enroll(db, admin, 2, id_number=person_id(2, born=date(2011, 1, 1)))
    with pytest.raises(InputError):
        enroll(db, admin, 3, id_number=person_id(3, born=date(1965, 12, 31)))


def test_age_on_today_plus_one_once_the_plan_year_started(db, admin):
    # born 1966-06-15: 60 on 2027-01-01, 61 from 2027-06-15; enrolling on 2027-06-14 -> cover 06-15
    born = date(1966, 6, 15)
    with pytest.raises(InputError, match="2027-06-15 时 61"):
        enroll(db, admin, id_number=person_id(1, born=born), today=date(2027, 6, 14))
    enroll(db, admin, id_number=person_id(1, born=born), today=date(2027, 6, 13))


def test_already_covered_is_refused_and_the_database_refuses_it_too(db, admin):
    enroll(db, admin)
    with pytest.raises(ServiceError, match="已参加本计划"):
        enroll(db, admin)
    enroll(db, admin, plan_code=CRITICAL, shares=3)  # another plan is fine
    with db.session() as s:
        first = s.scalar(select(Enrollment))
        s.add(
            Enrollment(
                member_id=first.member_id,
                plan_id=first.plan_id,
                unit_id=first.unit_id,
                shares=1,
                premium_fen=9500,
                status="pending_payment",
            )
        )
        with pytest.raises(IntegrityError):
            s.flush()


def test_an_existing_member_keeps_their_data_and_moves_unit(db, admin):
    enroll(db, admin, plan_code=CRITICAL, phone="13800000001")
    result = enroll(db, admin, name="张 伟伟", unit_code=OTHER_UNIT, phone="13999999999")
    assert not result.member_created and result.name == "张伟"
    assert result.warnings and "已登记的姓名与填写的不同" in result.warnings[0]
    assert "张" not in result.warnings[0]  # a message never quotes a name
    with db.session(read_only=True) as s:
        members = list(s.scalars(select(Member)))
        assert len(members) == 1 and members[0].phone == "13800000001"
        assert members[0].unit.code == OTHER_UNIT
    assert lookup_person(db, person_id(1), PLAN).covered
    assert lookup_person(db, person_id(1), PLAN).unit_code == OTHER_UNIT
    assert lookup_person(db, person_id(2), PLAN).member_id is None


def test_continuous_from_a_previous_paid_cover_of_the_same_kind(db, admin):
    enroll(db, admin)
    enroll(db, admin, 2)
    with db.session() as s:  # last year's cover (a plan of the same kind), paid
        plan = s.scalar(select(Plan).where(Plan.code == PLAN))
        last_year = Plan(**{c.name: getattr(plan, c.name) for c in Plan.__table__.columns if c.name != "id"})
        last_year.code, last_year.period_start, last_year.period_end = (
            "SL-ZY-2026",
            date(2026, 1, 1),
            date(2026, 12, 31),
        )
        s.add(last_year)
        s.flush()
        for e in s.scalars(select(Enrollment)):
            end = date(2026, 12, 31) if e.member_id == 1 else date(2026, 11, 1)  # 61 days before: not continuous
            s.add(
                Enrollment(
                    member_id=e.member_id,
                    plan_id=last_year.id,
                    unit_id=e.unit_id,
                    shares=1,
                    premium_fen=9500,
                    status="paid",
                    cover_start=date(2026, 1, 1),
                    cover_end=end,
                )
            )
        s.query(Enrollment).filter(Enrollment.plan_id == plan.id).update({"status": "cancelled"})
        s.commit()
    assert enroll(db, admin).continuous is True
    assert enroll(db, admin, 2).continuous is False


def test_unit_must_be_an_active_unit(db, admin):
    with pytest.raises(NotFound):
        enroll(db, admin, unit_code="NOPE")
    with pytest.raises(ServiceError, match="基层"):
        enroll(db, admin, unit_code="C01")
    with pytest.raises(ServiceError, match="已停用"):
        enroll(db, admin, unit_code="U009")
    with pytest.raises(NotFound):
        enroll(db, admin, plan_code="NOPE")


def test_a_plan_that_has_ended_is_refused(db, admin):
    with pytest.raises(ServiceError, match="保障期到 2027-12-31 为止，今天办理的保障从次日起算"):  # its last day
        enroll(db, admin, today=date(2027, 12, 31))
    with pytest.raises(ServiceError, match="已于 2027-12-31 结束"):
        enroll(db, admin, today=date(2028, 1, 1))


def test_a_reviewer_may_not_enroll(db, admin):
    reviewer = UserInfo(id=None, username="li", display_name="李", role="reviewer")
    with pytest.raises(PermissionDenied):
        enroll(db, reviewer)


def test_choices_list_active_units_and_open_plans(db, admin):
    units, plans = enrollment_choices(db, TODAY)
    assert [u.code for u in units] == [UNIT, OTHER_UNIT]
    assert {p.code for p in plans} == {PLAN, CRITICAL}
    assert enrollment_choices(db, date(2028, 1, 1))[1] == []


def test_participation_warning(db, admin):
    assert participation(db, UNIT, PLAN) == (0, 100, 0, False)
    set_min_participation(db, PLAN, 5)
    for n in range(4):
        enroll(db, admin, n)
    rate = participation(db, UNIT, PLAN)
    assert rate == (4, 100, 5, True) and "低于本计划要求的 5%" in rate.message()
    enroll(db, admin, 4)
    assert participation(db, UNIT, PLAN).below is False
    assert participation(db, OTHER_UNIT, PLAN).below is False  # no head-count: no warning
    with pytest.raises(ServiceError):
        set_min_participation(db, PLAN, 101)
