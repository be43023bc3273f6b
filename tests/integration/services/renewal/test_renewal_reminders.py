"""Renewal reminders: who is reminded, what each unit owes, the filters, and the refusal without next year's plan."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.papers.paper_texts import DEFAULT_PAYMENT_TEXT
from mutualaid_desktop.services.renewal.renewal_reminders import iter_reminders, prepare_reminders
from mutualaid_desktop.services.session import open_counter_database

from ..renewal_data import make_city


@pytest.fixture
def city(tmp_path):
    db = open_counter_database(tmp_path / "c.sqlite3")
    expected = make_city(db)
    yield db, expected
    db.dispose()


def test_members_listed_and_totals(city):
    db, expected = city
    request = prepare_reminders(db, 2026)
    assert request.next_plan.code == "SL-ZY-2027"
    assert request.unit_count == 3 and request.member_count == len(expected) == 3 + 45 + 2
    units = list(iter_reminders(db, request))
    assert [u.unit_code for u in units] == ["611002-0001", "611002-0002", "611021-0001"]
    listed = {r.name: u.unit_code for u in units for r in u.rows}
    assert listed == expected  # not pending, cancelled, ending early, or already renewed
    first = units[0]
    assert first.contact_person == "刘老师" and first.phone == "0914-2311111" and first.county_name == "商州区总工会"
    assert first.total_due == Decimal("285.00")
    assert units[1].total_due == Decimal("4275.00")  # 2 shares capped at next year's maximum of 1
    assert all(r.id_number[6:14] == "********" and len(r.id_number) == 18 for u in units for r in u.rows)
    common = first.common
    assert common.deadline == date(2026, 12, 31) and common.payment_text == DEFAULT_PAYMENT_TEXT
    assert common.counter_address == "商洛市商州区北新街36号" and common.counter_phone == "0914-2313456"


def test_filters_and_window(city):
    db, _ = city
    r = prepare_reminders(db, 2026, county="611021")
    assert [u.code for u in r.units] == ["611021-0001"] and r.member_count == 2
    r = prepare_reminders(db, 2026, unit="611002-0001", deadline=date(2026, 12, 20))
    assert r.member_count == 3 and r.common.deadline == date(2026, 12, 20)
    r = prepare_reminders(db, 2026, unit="611002-0001", window=(date(2026, 6, 1), date(2026, 12, 31)))
    assert r.member_count == 4  # the cover ending 30 June now falls in the window
    with pytest.raises(ServiceError, match="没有代码为「611099」的县区"):
        prepare_reminders(db, 2026, county="611099")
    with pytest.raises(ServiceError, match="没有代码为「X」的单位"):
        prepare_reminders(db, 2026, unit="X")


def test_refused_without_next_year_plan(tmp_path):
    db = open_counter_database(tmp_path / "c.sqlite3")
    make_city(db, next_year=False)
    with pytest.raises(ServiceError, match=r"请先.*添加下一年度的计划"):
        prepare_reminders(db, 2026)
    db.dispose()


def test_members_recorded_as_leavers_are_not_reminded(city):
    """A live leaver record for next year's plan leaves the member out (and out of the unit's total); a withdrawn
    one does not."""
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.renewal.leavers import set_leaver, withdraw_leaver
    from mutualaid_desktop.services.renewal.renewal import renewal_draft

    db, expected = city
    clerk = UserInfo(None, "t", "经办", "clerk")
    today = date(2026, 11, 29)
    members = [m for m in renewal_draft(db, "611002-0001", "SL-ZY-2027", today=today).members if m.renewable]
    gone, back = members[0], members[1]
    for m in (gone, back):
        set_leaver(
            db,
            clerk,
            unit_code="611002-0001",
            plan_code="SL-ZY-2027",
            member_id=m.member_id,
            reason="离职",
            today=today,
        )
    withdraw_leaver(db, clerk, unit_code="611002-0001", plan_code="SL-ZY-2027", member_id=back.member_id, today=today)
    request = prepare_reminders(db, 2026, unit="611002-0001")
    assert request.member_count == 2
    (unit,) = list(iter_reminders(db, request))
    names = [r.name for r in unit.rows]
    assert gone.name not in names and back.name in names and unit.total_due == Decimal("190.00")
    assert prepare_reminders(db, 2026).member_count == len(expected) - 1
    # enrolled after all (at the enrollment counter, the record left live): renewed (confirmed, waiting for payment),
    # so not reminded either — and counted as renewed, not as a leaver
    from mutualaid_desktop.services.unit_of_work import UnitOfWork
    from mutualaid_desktop.store.models import Enrollment, Plan

    with UnitOfWork(db, username="t") as uow:
        plan = uow.session.query(Plan).filter_by(code="SL-ZY-2027").one()
        uow.session.add(
            Enrollment(
                member_id=gone.member_id,
                plan_id=plan.id,
                unit_id=None,
                shares=1,
                premium_fen=9500,
                status="pending_payment",
            )
        )
        uow.commit()
    again = prepare_reminders(db, 2026, unit="611002-0001")
    assert again.member_count == 2 and again.not_reminded == {"renewed": 2, "over_age": 0, "left": 0}


def _add_people(
    db, unit_code: str, *, over_age: int = 0, renewed: int = 0, pending: int = 0, leavers: int = 0, open_: int = 0
) -> list[str]:
    """More members covered in 2026 in `unit_code`: over next year's age limit (born 1962: 64 on 2027-01-01, the
    plan's maximum is 60), renewed (paid 2027), pending 2027, recorded as leavers; returns the names of `open_`."""
    from mutualaid_desktop.domain.idcard import make_id_number
    from mutualaid_desktop.services.unit_of_work import UnitOfWork
    from mutualaid_desktop.store.models import Enrollment, Member, OrgUnit, Plan, RenewalLeaver

    names = []
    with UnitOfWork(db, username="t") as uow:
        s = uow.session
        plans = {p.code: p for p in s.query(Plan)}
        unit = s.query(OrgUnit).filter_by(code=unit_code).one()
        base = s.query(Member).count() + 500
        kinds = (
            ["over"] * over_age + ["renewed"] * renewed + ["pending"] * pending + ["left"] * leavers + ["open"] * open_
        )
        for i, what in enumerate(kinds):
            born = date(1962, 3, 1 + i % 28) if what == "over" else date(1985, 3, 1 + i % 28)
            m = Member(
                id_number=make_id_number("611002", born, (base + i) % 1000),
                name=f"测试{what}{base + i}",
                sex="male",
                birth_date=born,
                unit_id=unit.id,
            )
            s.add(m)
            s.flush()
            s.add(
                Enrollment(
                    member_id=m.id,
                    plan_id=plans["SL-ZY-2026"].id,
                    unit_id=unit.id,
                    shares=1,
                    premium_fen=9500,
                    cover_start=date(2026, 1, 1),
                    cover_end=date(2026, 12, 31),
                    status="paid",
                )
            )
            if what in ("renewed", "pending"):
                paid = what == "renewed"
                s.add(
                    Enrollment(
                        member_id=m.id,
                        plan_id=plans["SL-ZY-2027"].id,
                        unit_id=unit.id,
                        shares=1,
                        premium_fen=9500,
                        cover_start=date(2027, 1, 1) if paid else None,
                        cover_end=date(2027, 12, 31) if paid else None,
                        status="paid" if paid else "pending_payment",
                    )
                )
            if what == "left":
                s.add(RenewalLeaver(member_id=m.id, plan_id=plans["SL-ZY-2027"].id, unit_id=unit.id, reason="离职"))
            if what == "open":
                names.append(m.name)
        uow.commit()
    return names


def _new_unit(db, code: str) -> None:
    from mutualaid_desktop.services.unit_of_work import UnitOfWork
    from mutualaid_desktop.store.models import OrgUnit

    with UnitOfWork(db, username="t") as uow:
        county = uow.session.query(OrgUnit).filter_by(code="611021").one()
        uow.session.add(OrgUnit(code=code, name="洛南县已续保单位工会", kind="unit", parent_id=county.id))
        uow.commit()


def test_a_renewed_unit_with_members_over_age_gets_no_reminder(city):
    """The issue: a unit that has renewed everyone who can got a reminder listing its 7 over-age members, 应缴
    ¥700.00. Renewed = enrolled in next year's plan, paid or confirmed (pending payment)."""
    db, expected = city
    _new_unit(db, "611021-0009")
    _add_people(db, "611021-0009", over_age=7, renewed=3, pending=2)
    today = date(2026, 12, 1)
    request = prepare_reminders(db, 2026, issued_on=today)
    assert "611021-0009" not in [u.code for u in request.units]
    assert request.member_count == len(expected)
    assert "611021-0009" not in [u.unit_code for u in iter_reminders(db, request)]
    alone = prepare_reminders(db, 2026, unit="611021-0009", issued_on=today)
    assert (alone.unit_count, alone.member_count) == (0, 0)
    # and the counts say why: one unit with nobody left to remind, 5 renewed (2 waiting for payment), 7 over age
    assert (alone.units_done, alone.not_reminded) == (1, {"renewed": 5, "over_age": 7, "left": 0})


def test_members_who_cannot_renew_are_neither_listed_nor_billed(city, tmp_path):
    db, _ = city
    reminded = _add_people(db, "611021-0001", over_age=2, leavers=1, pending=1, open_=2)
    request = prepare_reminders(db, 2026, unit="611021-0001", issued_on=date(2026, 12, 1))
    (unit,) = list(iter_reminders(db, request))
    names = [r.name for r in unit.rows]
    assert len(names) == 2 + 2 and set(reminded) <= set(names)  # the two of make_city and the two open
    assert not any(n.startswith(("测试over", "测试left", "测试pending")) for n in names)
    assert unit.total_due == Decimal("380.00") and request.member_count == 4
    # listed apart, as counts with the reason, never in the amount
    assert (
        unit.not_listed
        == "另有超出续保计划（SL-ZY-2027）参保年龄 2 人、单位已登记离开 1 人，不能续保，未列入名单，不计入应缴金额。"
    )
    from mutualaid_desktop.documents.renewal_reminder import render_reminders

    path = render_reminders([unit], Path(tmp_path) / "r.pdf", combined=True)[0]
    text = "".join(p.extract_text() for p in PdfReader(str(path)).pages).replace("\n", "")
    assert "参保年龄 2 人" in text and "已登记离开 1 人" in text and "¥380.00" in text
