"""单位续保's draft list (issue 10): the rows with a problem together (只看有问题的), sortable columns, no amount due
on a row that cannot renew, the search cleared for a new unit, spaces around the search text ignored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from mutualaid_desktop.ui.renewal.unit_renewal_draft_model import SORT_ROLE, DraftModel
from tests.gui.ui.unit_renewal_helpers import open_unit, source_row
from tests.integration.services.renewal_unit_data import OTHER_UNIT, make_renewal_city


@pytest.fixture
def city(database):
    return make_renewal_city(database)


@pytest.fixture
def page(qtbot, database, city, worker):
    return open_unit(qtbot, database, city, worker)


def shown_members(page) -> set[int]:
    out = set()
    for row in range(page.proxy.rowCount()):
        r = page.model.row(page.proxy.mapToSource(page.proxy.index(row, 0)).row())
        out.add(r.member.member_id if r.member is not None else r.joiner.id_number)
    return out


def test_only_the_rows_with_a_problem(qtbot, qtmodeltester, page, city):
    assert page.problems_check.text().replace("&", "").startswith("只看有问题的")
    qtbot.mouseClick(page.problems_check, Qt.MouseButton.LeftButton)
    qtmodeltester.check(page.proxy)
    # over age, moved to another unit: not the members who simply renew or have renewed
    assert shown_members(page) == {city.old, city.moved}
    assert not set(city.kept.values()) & shown_members(page)
    page.grab().save("/tmp/renewal-problems-filter.png")
    page.problems_check.setChecked(False)
    assert page.proxy.rowCount() == page.model.rowCount()


def test_a_leaver_without_a_reason_is_a_problem_row(qtbot, page, city):
    leaver = max(city.kept.values())
    page.model.set_keep(source_row(page, leaver), False)
    page.problems_check.setChecked(True)
    assert leaver in shown_members(page)
    page.model.set_reason([source_row(page, leaver)], "退休")
    assert leaver not in shown_members(page)


def test_the_columns_sort(qtbot, page, city):
    assert page.table.isSortingEnabled()
    page.table.sortByColumn(DraftModel.NAME, Qt.SortOrder.AscendingOrder)
    names = [page.proxy.index(r, DraftModel.NAME).data() for r in range(page.proxy.rowCount())]
    assert names == sorted(names)
    page.table.sortByColumn(DraftModel.PREMIUM, Qt.SortOrder.DescendingOrder)
    values = [page.proxy.index(r, DraftModel.PREMIUM).data(SORT_ROLE) for r in range(page.proxy.rowCount())]
    assert values == sorted(values, reverse=True)
    page.table.sortByColumn(DraftModel.STATE, Qt.SortOrder.AscendingOrder)  # the problems together
    states = [page.proxy.index(r, DraftModel.STATE).data(SORT_ROLE) for r in range(page.proxy.rowCount())]
    assert states == sorted(states)


def test_a_row_that_cannot_renew_shows_no_amount_due(page, city):
    for member in (city.old, city.renewed, city.pending):
        assert page.model.index(source_row(page, member), DraftModel.PREMIUM).data() == ""
    assert page.model.index(source_row(page, min(city.kept.values())), DraftModel.PREMIUM).data() == "¥95.00"


def test_a_leaver_shows_no_amount_due(page, city):
    """Seen in the keyboard walk: an unticked (leaving) member still showed ¥95.00 under 明年应缴."""
    row = source_row(page, min(city.kept.values()))
    page.model.set_keep(row, False)
    assert page.model.index(row, DraftModel.PREMIUM).data() == ""
    page.model.set_keep(row, True)
    assert page.model.index(row, DraftModel.PREMIUM).data() == "¥95.00"


def test_the_search_ignores_spaces_and_is_cleared_for_another_unit(qtbot, page, city):
    name = next(iter(city.kept))
    page.filter_edit.setText(f" {name} ")
    assert page.proxy.rowCount() == 1
    page.filter_edit.setText(f"{name}  ")
    assert page.proxy.rowCount() == 1
    page.problems_check.setChecked(True)
    with qtbot.waitSignal(page.draftLoaded, timeout=5000):
        page.choose(OTHER_UNIT)
    assert page.filter_edit.text() == "" and not page.problems_check.isChecked()
    assert page.proxy.rowCount() == page.model.rowCount() > 0
