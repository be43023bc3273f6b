"""Member search, a member's page, editing and ID correction, on a demo city in tmp_path."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.idcard import make_id_number
from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.enrollment.members import (
    correct_id_number,
    member_detail,
    search_members,
    update_member,
)
from mutualaid_desktop.services.errors import PermissionDenied, ServiceError
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import open_database
from mutualaid_desktop.store.models import AuditRecord, Claim, Enrollment, Member, OrgUnit, Plan
from tests.accounts import add_accounts

TODAY = date(2026, 11, 29)
CLERK = UserInfo(3, "li", "李经办", "clerk")
SUPERVISOR = UserInfo(2, "zhu", "朱主管", "supervisor")
REVIEWER = UserInfo(4, "shen", "沈审核", "reviewer")


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """A demo city of 4,000 members, only read by the tests that use it."""
    db = open_database(tmp_path_factory.mktemp("city") / "mutualaid.sqlite3")
    generate_demo(db, members=4000, seed=11, today=TODAY)
    yield db
    db.dispose()


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "mutualaid.sqlite3")
    generate_demo(database, members=300, seed=4, today=TODAY)
    add_accounts(database, CLERK, SUPERVISOR, REVIEWER)
    yield database
    database.dispose()


def members(db) -> list[Member]:
    with UnitOfWork(db, read_only=True) as uow:
        return list(uow.session.scalars(select(Member).order_by(Member.id)))


def test_a_full_id_number_finds_that_member_first(city):
    target = members(city)[1234]
    rows = search_members(city, target.id_number.lower(), today=TODAY)
    assert rows[0].id == target.id and rows[0].exact
    assert rows[0].id_number == target.id_number  # the counter sees the whole number
    assert rows[0].name == target.name and rows[0].unit_name


def test_the_last_six_and_four_characters(city):
    target = members(city)[77]
    for n in (6, 5, 4):
        end = target.id_number[-n:]
        rows = search_members(city, end, limit=200, today=TODAY)
        assert target.id in [r.id for r in rows]
        # endings first: every member found by his ending comes before those found otherwise
        ranks = [r.id_number.endswith(end) for r in rows]
        assert ranks == sorted(ranks, reverse=True)


def test_an_id_prefix_a_name_prefix_and_a_phone_prefix(city):
    everyone = members(city)
    target = everyone[2000]
    rows = search_members(city, target.id_number[:10], limit=500, today=TODAY)
    assert rows and all(r.id_number.startswith(target.id_number[:10]) for r in rows)
    assert target.id in [r.id for r in rows]

    surname = max({m.name[0] for m in everyone}, key=lambda c: sum(m.name[0] == c for m in everyone))
    rows = search_members(city, surname, limit=50, today=TODAY)
    assert len(rows) == 50 and all(r.name.startswith(surname) for r in rows)
    assert [r.name for r in rows] == sorted(r.name for r in rows)

    rows = search_members(city, target.phone[:8], limit=50, today=TODAY)
    assert target.id in [r.id for r in rows]
    assert any(r.phone.startswith(target.phone[:8]) for r in rows)


def test_pages_follow_each_other_without_gaps_or_repeats(city):
    everyone = members(city)
    surname = max({m.name[0] for m in everyone}, key=lambda c: sum(m.name[0] == c for m in everyone))
    every = search_members(city, surname, limit=300, today=TODAY)
    pages = [search_members(city, surname, limit=40, offset=o, today=TODAY) for o in range(0, 300, 40)]
    assert [r.id for page in pages for r in page][:300] == [r.id for r in every]
    assert len({r.id for r in every}) == len(every)


def test_a_given_name_is_found_inside_when_no_name_starts_with_it(city):
    target = next(m for m in members(city) if len(m.name) == 3)
    given = target.name[1:]
    rows = search_members(city, given, limit=500, today=TODAY)
    assert target.id in [r.id for r in rows]
    assert all(given in r.name for r in rows)


def test_nothing_found_and_nothing_typed(city):
    assert search_members(city, "不存在的人名字", today=TODAY) == []
    assert search_members(city, "   ", today=TODAY) == []


def test_cover_status_in_the_results_and_on_the_member_page(city):
    with UnitOfWork(city, read_only=True) as uow:
        this_year = select(Plan.id).where(Plan.period_start <= TODAY, Plan.period_end >= TODAY)
        claim = uow.session.scalar(
            select(Claim).where(Claim.status == "paid", Claim.plan_id.in_(this_year)).order_by(Claim.id)
        )
        member_id = claim.member_id
        paid = sum(
            c.approved_fen
            for c in uow.session.scalars(
                select(Claim).where(
                    Claim.enrollment_id == claim.enrollment_id,
                    Claim.status.in_(("approved", "in_batch", "paid", "returned")),
                )
            )
        )
    detail = member_detail(city, member_id, TODAY)
    assert detail.claims and claim.claim_number in [c.claim_number for c in detail.claims]
    assert detail.claims[0].status_label
    reimb = [c for c in detail.covers if c.plan_kind == "reimbursement"]
    assert reimb and reimb[0].state in ("active", "waiting")
    cap = detail.annual_cap
    assert cap.cap == Decimal("30000.00")
    assert cap.used == Decimal(paid) / 100 and cap.remaining == cap.cap - cap.used
    row = search_members(city, detail.id_number, today=TODAY)[0]
    assert row.cover_state == "active" and row.cover_label == "保障中"


def test_waiting_period_and_expired_cover(db):
    """A first cover starting 1 October is in its 90-day waiting period on 29 November; last
    year's is expired; an unpaid one is pending."""
    with UnitOfWork(db) as uow:
        s = uow.session
        m = Member(
            id_number=make_id_number("611002", date(1990, 2, 3), 11),
            name="新会员",
            sex="male",
            birth_date=date(1990, 2, 3),
        )
        s.add(m)
        s.flush()
        plan_id = s.scalar(select(Enrollment.plan_id).order_by(Enrollment.id).limit(1))
        s.add(
            Enrollment(
                member_id=m.id,
                plan_id=plan_id,
                shares=1,
                premium_fen=9500,
                cover_start=date(2026, 10, 1),
                cover_end=date(2026, 12, 31),
                continuous=False,
                status="paid",
            )
        )
        uow.commit()
    detail = member_detail(db, m.id, TODAY)
    (cover,) = detail.covers
    assert cover.state == "waiting" and cover.first_covered_day == date(2026, 12, 30)
    assert "观察期" in cover.state_label and not cover.continuous
    assert member_detail(db, m.id, date(2027, 1, 5)).covers[0].state == "expired"
    assert search_members(db, m.id_number, today=TODAY)[0].cover_state == "waiting"


def test_update_member_is_validated_and_audited(db):
    m = members(db)[5]
    with UnitOfWork(db, read_only=True) as uow:
        other_unit = uow.session.scalar(
            select(OrgUnit).where(OrgUnit.kind == "unit", OrgUnit.id != m.unit_id).order_by(OrgUnit.id)
        )
    detail = update_member(
        db,
        CLERK,
        m.id,
        {
            "name": " 王 小 芳 ",
            "phone": "１３９１２３４５６７８",
            "unit_code": other_unit.code,
            "employee_no": "A-01",
            "note": "调岗",
        },
    )
    assert (detail.name, detail.phone, detail.unit_code, detail.employee_no, detail.note) == (
        "王小芳",
        "13912345678",
        other_unit.code,
        "A-01",
        "调岗",
    )
    with UnitOfWork(db, read_only=True) as uow:
        record = uow.session.scalar(select(AuditRecord).where(AuditRecord.action == "member.edit"))
        row = uow.session.get(Member, m.id)
    assert record.username == "li" and record.entity_id == str(m.id)
    assert json.loads(record.before_json)["name"] == m.name and json.loads(record.after_json)["name"] == "王小芳"
    assert row.id_number_rev == row.id_number[::-1]  # the reversed column stays in step
    for changes, message in [
        ({"name": ""}, "请填写姓名"),
        ({"phone": "1391234"}, "11位"),
        ({"unit_code": "NOPE"}, "没有代码为 NOPE"),
        ({"id_number": "x"}, "更正身份证号"),
    ]:
        with pytest.raises((ServiceError, InputError)) as caught:  # InputError: a field's text
            update_member(db, CLERK, m.id, changes)
        assert message in caught.value.message
    with pytest.raises(PermissionDenied):
        update_member(db, REVIEWER, m.id, {"name": "李四"})
    assert member_detail(db, m.id).name == "王小芳"


def test_correct_id_number_supervisor_only_with_a_reason(db):
    m = members(db)[7]
    new = make_id_number("611002", date(1985, 6, 15), 124)  # even sequence: a woman
    with pytest.raises(PermissionDenied):
        correct_id_number(db, CLERK, m.id, new, "抄错")
    with pytest.raises(ServiceError, match="更正原因"):
        correct_id_number(db, SUPERVISOR, m.id, new, "  ")
    with pytest.raises(ServiceError, match="校验码"):
        correct_id_number(db, SUPERVISOR, m.id, new[:-1] + ("0" if new[-1] != "0" else "1"), "抄错")
    with pytest.raises(ServiceError, match="已属于会员"):
        correct_id_number(db, SUPERVISOR, m.id, members(db)[8].id_number, "抄错")
    assert member_detail(db, m.id).id_number == m.id_number

    detail = correct_id_number(db, SUPERVISOR, m.id, new.lower(), "录入时抄错，已核对身份证原件")
    assert detail.id_number == new and detail.birth_date == date(1985, 6, 15) and detail.sex == "female"
    assert search_members(db, new[-6:])[0].id == m.id  # found by its new ending
    with UnitOfWork(db, read_only=True) as uow:
        record = uow.session.scalar(select(AuditRecord).where(AuditRecord.action == "member.correct_id_number"))
    assert record.username == "zhu"
    assert json.loads(record.before_json)["id_number"] == m.id_number
    after = json.loads(record.after_json)
    assert after["id_number"] == new and after["reason"] == "录入时抄错，已核对身份证原件"
