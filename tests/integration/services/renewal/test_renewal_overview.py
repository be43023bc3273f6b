"""The renewal overview on a small season: covered, renewed, pending, open, joiners, amounts, subtotals, order."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.renewal.renewal_overview import overview_choices, renewal_overview, season_plans
from mutualaid_desktop.services.session import open_counter_database

from ..overview_data import CITY, COUNTIES, EXPECTED, MOVED, make_season


@pytest.fixture
def db(tmp_path):
    database = open_counter_database(tmp_path / "c.sqlite3")
    make_season(database)
    yield database
    database.dispose()


def figures(f) -> tuple:
    return (f.covered, f.renewed, f.pending, f.open, f.joiners, str(f.received))


def test_figures_per_unit_county_and_city(db):
    o = renewal_overview(db, 2026)
    assert o.next_plan.code == "SL-ZY-2027" and [p.code for p in o.current] == ["SL-ZY-2026"]
    assert {u.code: figures(u.figures) for u in o.units} == EXPECTED
    assert {c.code: figures(c.figures) for c in o.counties} == COUNTIES
    assert figures(o.total) == CITY
    assert {
        u.code: (u.figures.moved_out, u.figures.moved_in) for u in o.units if u.figures.moved_out or u.figures.moved_in
    } == MOVED
    assert (o.total.moved_out, o.total.moved_in) == (1, 1)
    assert isinstance(o.total.received, Decimal) and o.total.received == Decimal("788.45")
    a = next(u for u in o.units if u.code == "611002-0001")
    assert a.figures.not_started == 1  # the cancelled 2027 enrollment is not pending
    assert a.figures.rate == Decimal("75.0") and o.total.rate == Decimal("31.3")  # A: 2 + the mover of 4
    assert next(u for u in o.units if u.code == "611021-0002").figures.rate is None
    assert a.contact_person == "刘老师" and a.phone == "0914-2311111"


def test_sorted_who_has_not_come_first(db):
    o = renewal_overview(db, 2026)
    assert [c.code for c in o.counties] == ["611002", "611021", ""]  # no unit last
    assert [u.code for u in o.counties[0].units] == ["611002-0002", "611002-0001", "611002-0003"]
    assert [u.code for u in o.counties[1].units] == ["611021-0001", "611021-0002"]
    assert o.counties[2].name == "无单位" and o.counties[2].units[0].name == "个人参保（无单位）"
    assert o.units_not_come == 2 and o.counties[0].units_not_come == 1  # B and the member without a unit
    assert o.units_done == 1 and o.unit_count == 6  # F (lump sum only) is not shown


def test_one_county(db):
    o = renewal_overview(db, 2026, county="611021")
    assert [c.code for c in o.counties] == ["611021"] and o.county_code == "611021"
    assert figures(o.total) == COUNTIES["611021"]


def test_refusals_in_chinese(db):
    with pytest.raises(NotFound, match="没有在 2025 年到期的住院二次报销计划"):
        renewal_overview(db, 2025)
    with pytest.raises(ServiceError, match=r"还没有 2027 年度的计划.*添加下一年度的计划"):
        renewal_overview(db, 2026, kind="lump_sum")
    with pytest.raises(NotFound, match="没有代码为「611099」的县区工会"):
        renewal_overview(db, 2026, county="611099")


def test_choices_and_season_plans(db):
    choices = overview_choices(db, with_units=True)
    assert choices.years == {"lump_sum": [2026], "reimbursement": [2026, 2027]}
    assert choices.kinds == [("reimbursement", "住院二次报销"), ("lump_sum", "定额给付")]
    assert choices.counties == [("611002", "商州区总工会"), ("611021", "洛南县总工会")]
    assert ("611021-0002", "洛南县新建小学工会", "611021") in choices.units and len(choices.units) == 6
    assert choices.default_year("reimbursement", date(2026, 11, 29)) == 2026
    assert choices.default_year("reimbursement", date(2029, 1, 5)) == 2027
    assert choices.default_year("reimbursement", date(2020, 1, 5)) == 2026
    assert choices.default_year("other", date(2026, 1, 1)) is None
    current, nxt = season_plans(db, 2026)
    assert current[0].code == "SL-ZY-2026" and nxt.code == "SL-ZY-2027"
    assert season_plans(db, 2026, "lump_sum")[1] is None
    assert overview_choices(db).units == []


def test_a_member_moving_to_another_county(db):
    """Renewed counts where the member renewed, with the money; the old unit (and county) shows 转出."""
    from mutualaid_desktop.services.unit_of_work import UnitOfWork
    from mutualaid_desktop.store.models import Enrollment, OrgUnit, Plan

    with UnitOfWork(db, username="t") as uow:
        s = uow.session
        a = s.query(OrgUnit).filter_by(code="611002-0001").one()
        d = s.query(OrgUnit).filter_by(code="611021-0001").one()
        p26 = s.query(Plan).filter_by(code="SL-ZY-2026").one()
        p27 = s.query(Plan).filter_by(code="SL-ZY-2027").one()
        moved = (
            s.query(Enrollment)
            .filter_by(unit_id=d.id, plan_id=p26.id)
            .filter(~Enrollment.member_id.in_(s.query(Enrollment.member_id).filter_by(plan_id=p27.id)))
            .first()
        )
        s.add(
            Enrollment(
                member_id=moved.member_id,
                plan_id=p27.id,
                unit_id=a.id,
                shares=1,
                premium_fen=9500,
                status="paid",
                cover_start=date(2027, 1, 1),
                cover_end=date(2027, 12, 31),
            )
        )
        uow.commit()
    county = renewal_overview(db, 2026, county="611002")
    a_figures = next(u for u in county.units if u.code == "611002-0001").figures
    assert (a_figures.renewed, a_figures.moved_in, a_figures.joiners, a_figures.received) == (
        4,
        2,
        1,
        Decimal("503.45"),
    )
    assert county.total.covered == 10 and county.total.renewed == 6
    other = renewal_overview(db, 2026, county="611021")
    d_figures = next(u for u in other.units if u.code == "611021-0001").figures
    # open = 5 covered - 1 moved out - 2 pending
    assert (d_figures.covered, d_figures.renewed, d_figures.moved_out, d_figures.open, d_figures.received) == (
        5,
        0,
        1,
        2,
        Decimal("0.00"),
    )
    city = renewal_overview(db, 2026).total
    assert (city.covered, city.renewed, city.joiners, city.received) == (16, 6, 3, Decimal("883.45"))


def test_leavers_are_counted_apart_and_not_open(db):
    """B: one leaver (open 3 -> 2); D: the 3 not pending leave (nothing open, 2 waiting: 待缴费); A: the member whose
    2027 enrollment was cancelled leaves; a withdrawn record, and a live one of a member renewed after all, do not
    count. The reminders leave the leavers out."""
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.renewal.leavers import set_leaver, withdraw_leaver
    from mutualaid_desktop.services.renewal.renewal import renewal_draft
    from mutualaid_desktop.services.renewal.renewal_reminders import prepare_reminders
    from mutualaid_desktop.services.unit_of_work import UnitOfWork
    from mutualaid_desktop.store.models import Enrollment, Plan, RenewalLeaver

    clerk = UserInfo(None, "t", "经办", "clerk")
    today = date(2026, 11, 29)

    def renewable(code):
        return [m.member_id for m in renewal_draft(db, code, "SL-ZY-2027", today=today).members if m.renewable]

    def leave(code, member_id, reason="离职"):
        set_leaver(db, clerk, unit_code=code, plan_code="SL-ZY-2027", member_id=member_id, reason=reason, today=today)

    b = renewable("611002-0002")
    leave("611002-0002", b[0], "退休")
    leave("611002-0002", b[1])
    withdraw_leaver(db, clerk, unit_code="611002-0002", plan_code="SL-ZY-2027", member_id=b[1], today=today)
    for member_id in renewable("611021-0001"):
        leave("611021-0001", member_id)
    (cancelled,) = renewable("611002-0001")
    leave("611002-0001", cancelled, "死亡")
    with UnitOfWork(db, username="t") as uow:  # C: a live record of a member renewed after all (enrolled elsewhere)
        s = uow.session
        p27 = s.query(Plan).filter_by(code="SL-ZY-2027").one()
        renewed = s.query(Enrollment).filter_by(plan_id=p27.id, status="paid").first()
        s.add(RenewalLeaver(member_id=renewed.member_id, plan_id=p27.id, unit_id=renewed.unit_id, reason="x"))
        uow.commit()

    o = renewal_overview(db, 2026)
    by_code = {u.code: u.figures for u in o.units}
    assert (by_code["611002-0002"].left, by_code["611002-0002"].open) == (1, 2)
    d = by_code["611021-0001"]
    assert (d.covered, d.renewed, d.pending, d.left, d.open) == (5, 0, 2, 3, 0)
    a = by_code["611002-0001"]
    assert (a.covered, a.renewed, a.pending, a.left, a.open) == (4, 3, 1, 1, 0)  # 3: the mover from C
    assert by_code["611002-0003"].left == 0
    assert {c.code: c.figures.left for c in o.counties} == {"611002": 2, "611021": 3, "": 0}
    assert (o.total.left, o.total.open) == (5, 3)  # 16 - 5 renewed - 3 pending - 5 left
    from mutualaid_desktop.services.renewal.renewal_overview import unit_state

    states = {u.code: unit_state(u.figures) for u in o.units}
    assert states["611021-0001"] == "待缴费" and states["611002-0001"] == "待缴费"
    assert states["611002-0002"] == "尚未来办理" and states["611002-0003"] == "已办完"
    assert o.units_not_come == 2 and o.units_done == 1  # B and the member without a unit; C
    request = prepare_reminders(db, 2026)
    # before: A 1, B 3, D 3 (REMINDED); the pending (confirmed, not paid) are renewed: not reminded; A and D have
    # nobody left to remind and get no reminder
    assert {u.code: request.counts[u.id] for u in request.units} == {"611002-0002": 2}
    assert request.units_done == 3 and request.not_reminded["left"] == 5


def test_a_unit_confirmed_and_waiting_for_payment_has_come(db):
    """The issue: a unit whose renewal is confirmed and waiting for payment showed 尚未来办理 and the county line
    counted it as not come. D: 2 confirmed (pending payment), nobody paid yet."""
    from mutualaid_desktop.services.renewal.renewal_overview import unit_state

    o = renewal_overview(db, 2026)
    d = next(u for u in o.units if u.code == "611021-0001")
    assert unit_state(d.figures) == "待缴费" and not d.not_come
    county = next(c for c in o.counties if c.code == "611021")
    assert county.units_not_come == 0


def test_a_mover_counts_at_the_new_unit_and_people_agree_with_money(db):
    """The issue: the old unit showed 部分续保 with ¥0 for a member renewed in another unit. C's mover renewed in A:
    C is done with 转出 1; A counts the mover (转入) and the mover's premium."""
    from mutualaid_desktop.services.renewal.renewal_overview import unit_state

    o = renewal_overview(db, 2026)
    by_code = {u.code: u.figures for u in o.units}
    c, a = by_code["611002-0003"], by_code["611002-0001"]
    assert (c.renewed, c.moved_out, c.open, unit_state(c)) == (2, 1, 0, "已办完")
    assert (a.renewed, a.moved_in, a.joiners) == (3, 1, 1)
    for f in by_code.values():  # who paid here (renewed, moved in among them, and joiners): what the amount is for
        assert f.paid == f.renewed + f.joiners
    assert c.paid == 2 and c.received == Decimal("190.00") and a.paid == 4 and a.received == Decimal("408.45")


def test_members_who_cannot_renew_do_not_keep_a_unit_open(db):
    """Over next year's age limit (born 1962: 64 on 2027-01-01, the plan's maximum is 60), with everyone else renewed:
    the unit is done, the over-age counted apart (不能续保), not open."""
    from mutualaid_desktop.services.renewal.renewal_overview import unit_state

    from .test_renewal_reminders import _add_people, _new_unit

    _new_unit(db, "611021-0009")
    _add_people(db, "611021-0009", over_age=7, renewed=3)
    o = renewal_overview(db, 2026, today=date(2026, 12, 1))
    f = next(u for u in o.units if u.code == "611021-0009").figures
    assert (f.covered, f.renewed, f.cannot, f.open, unit_state(f)) == (10, 3, 7, 0, "已办完")
    assert o.total.cannot == 7
