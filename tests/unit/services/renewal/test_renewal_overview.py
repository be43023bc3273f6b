"""The renewal overview's arithmetic and order, without a database: Figures, unit_order, default_year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from mutualaid_desktop.services.renewal.renewal_overview import Figures, OverviewChoices, UnitOverview, unit_order


def unit(code: str, covered: int, renewed: int, joiners: int = 0) -> UnitOverview:
    return UnitOverview(None, code, code, "", "", Figures(covered=covered, renewed=renewed, joiners=joiners))


def test_figures_add_up_exactly():
    a = Figures(covered=3, renewed=1, pending=1, joiners=2, received=Decimal("0.10"))
    b = Figures(covered=2, renewed=2, received=Decimal("0.20"))
    total = a + b
    assert total == Figures(5, 3, 1, 2, Decimal("0.30")) and total.received == Decimal("0.30")
    assert (total.open, total.not_started) == (1, 1)  # 5 covered - 3 renewed - 1 pending
    assert total.rate == Decimal("60.0")
    assert Figures(covered=3, renewed=1).rate == Decimal("33.3") and Figures(covered=8, renewed=1).rate == Decimal(
        "12.5"
    )
    assert Figures(covered=16, renewed=5).rate == Decimal("31.3")  # 31.25 rounded half up
    assert Figures(joiners=4).rate is None
    assert Figures().to_json_dict() == {
        "covered": 0,
        "renewed": 0,
        "pending": 0,
        "left": 0,
        "open": 0,
        "joiners": 0,
        "received": "0.00",
        "moved_out": 0,
        "moved_in": 0,
        "cannot_renew": 0,
        "paid": 0,
    }
    with_left = Figures(covered=10, renewed=4, pending=2, left=3) + Figures(covered=1, left=1)
    assert (with_left.left, with_left.open) == (4, 1)


def test_unit_state_with_leavers_and_pending():
    from mutualaid_desktop.services.renewal.renewal_overview import unit_state

    assert unit_state(Figures(covered=3, renewed=0)) == "尚未来办理"
    assert unit_state(Figures(covered=3, renewed=1, left=1)) == "部分续保"
    assert unit_state(Figures(covered=3, renewed=2, left=1)) == "已办完"  # the leaver is not open
    assert unit_state(Figures(covered=3, left=3)) == "已办完"
    assert unit_state(Figures(covered=3, renewed=1, pending=1, left=1)) == "待缴费"
    assert unit_state(Figures(joiners=2)) == "新参保单位"


def test_who_has_not_come_first_then_most_open():
    units = [
        unit("A", 10, 9),
        unit("B", 5, 0),
        unit("C", 50, 10),
        unit("D", 0, 0, joiners=3),
        unit("E", 8, 0),
        unit("F", 4, 4),
    ]
    assert [u.code for u in sorted(units, key=unit_order)] == ["E", "B", "C", "A", "D", "F"]
    assert [u.not_come for u in units] == [False, True, False, False, True, False]


def test_default_season():
    choices = OverviewChoices({"reimbursement": [2025, 2026, 2027]}, [("reimbursement", "住院二次报销")], [])
    assert choices.default_year("reimbursement", date(2026, 11, 29)) == 2026
    assert choices.default_year("reimbursement", date(2030, 1, 2)) == 2027
    assert choices.default_year("reimbursement", date(2024, 1, 2)) == 2025
    assert choices.default_year("lump_sum", date(2026, 1, 2)) is None


def test_moved_and_cannot_renew_are_not_open():
    from mutualaid_desktop.services.renewal.renewal_overview import unit_state

    old = Figures(covered=5, renewed=2, moved_out=2, cannot=1)
    assert (old.open, unit_state(old)) == (0, "已办完")
    new = Figures(covered=2, renewed=3, moved_in=1, joiners=1)  # 2 of its own renewed, 1 moved in, 1 joiner
    assert (new.open, new.paid) == (0, 4)
    assert unit_state(Figures(covered=4, pending=4)) == "待缴费"  # confirmed, not paid yet: has come
    assert unit_state(Figures(covered=6, pending=4)) == "待缴费"
    assert unit_state(Figures(covered=6, cannot=6)) == "已办完"
