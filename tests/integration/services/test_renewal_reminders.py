"""Renewal reminders: who is reminded, what each unit owes, the filters, and the refusal without next year's plan."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.paper_texts import DEFAULT_PAYMENT_TEXT
from mutualaid_desktop.services.renewal_reminders import iter_reminders, prepare_reminders
from mutualaid_desktop.services.session import open_counter_database

from .renewal_data import make_city


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
    with pytest.raises(ServiceError, match="请先.*添加下一年度的计划"):
        prepare_reminders(db, 2026)
    db.dispose()


def test_members_recorded_as_leavers_are_not_reminded(city):
    """A live leaver record for next year's plan leaves the member out (and out of the unit's total); a withdrawn
    one does not."""
    from mutualaid_desktop.services.renewal import renewal_draft, set_leaver, withdraw_leaver
    from mutualaid_desktop.services.users import UserInfo

    db, expected = city
    clerk = UserInfo(None, "t", "经办", "clerk")
    today = date(2026, 11, 29)
    members = [m for m in renewal_draft(db, "611002-0001", "SL-ZY-2027", today=today).members if m.renewable]
    gone, back = members[0], members[1]
    for m in (gone, back):
        set_leaver(db, clerk, unit_code="611002-0001", plan_code="SL-ZY-2027", member_id=m.member_id, reason="离职",
                   today=today)
    withdraw_leaver(db, clerk, unit_code="611002-0001", plan_code="SL-ZY-2027", member_id=back.member_id, today=today)
    request = prepare_reminders(db, 2026, unit="611002-0001")
    assert request.member_count == 2
    (unit,) = list(iter_reminders(db, request))
    names = [r.name for r in unit.rows]
    assert gone.name not in names and back.name in names and unit.total_due == Decimal("190.00")
    assert prepare_reminders(db, 2026).member_count == len(expected) - 1
    # enrolled after all (at the enrollment counter, the record left live): reminded again while it is unpaid
    from mutualaid_desktop.services.unit_of_work import UnitOfWork
    from mutualaid_desktop.store.models import Enrollment, Plan

    with UnitOfWork(db, username="t") as uow:
        plan = uow.session.query(Plan).filter_by(code="SL-ZY-2027").one()
        uow.session.add(Enrollment(member_id=gone.member_id, plan_id=plan.id, unit_id=None, shares=1, premium_fen=9500,
                                   status="pending_payment"))
        uow.commit()
    assert prepare_reminders(db, 2026, unit="611002-0001").member_count == 3
