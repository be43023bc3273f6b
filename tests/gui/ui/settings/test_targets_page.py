"""设置 → 目标: the city's and the counties' yearly targets edited in a table and saved, the 百万县区
thresholds, the year chooser by the program's clock, and read-only for a clerk."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from mutualaid_desktop.services.admin.units import add_unit
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.statistics.targets import list_targets, million_thresholds, set_target
from mutualaid_desktop.ui.settings.targets_page import COL_COVERAGE, COL_ENROLLMENTS, COL_PREMIUMS, TargetsPage
from tests.accounts import add_accounts

CLERK = UserInfo(3, "li", "李经办", "clerk")
SUPERVISOR = UserInfo(2, "zhu", "朱主管", "supervisor")


@pytest.fixture
def tree(database):
    add_accounts(database, CLERK, SUPERVISOR)
    add_unit(database, SUPERVISOR, code="6110", name="商洛市总工会", parent_code=None)
    add_unit(database, SUPERVISOR, code="611002", name="商州区总工会", parent_code="6110")
    add_unit(database, SUPERVISOR, code="611021", name="洛南县总工会", parent_code="6110")
    add_unit(database, SUPERVISOR, code="U001", name="商洛市第一中学工会", parent_code="611002")
    return database


@pytest.fixture
def make_page(qtbot, tree, worker):
    def make(user):
        page = TargetsPage(tree, user, worker=worker)
        qtbot.addWidget(page)
        page.resize(1000, 640)
        with qtbot.waitSignal(page.loaded, timeout=10_000):
            page.show()
        return page

    return make


def test_the_year_is_this_year_and_next_year_is_offered_in_december(make_page, clock):
    clock.set(date(2027, 6, 10))
    page = make_page(SUPERVISOR)
    years = [page.year_combo.itemData(i) for i in range(page.year_combo.count())]
    assert page.year_combo.currentData() == 2027 and 2028 not in years
    clock.set(date(2027, 12, 1))
    page = make_page(SUPERVISOR)
    years = [page.year_combo.itemData(i) for i in range(page.year_combo.count())]
    assert page.year_combo.currentData() == 2027 and 2028 in years


def test_edit_figures_and_save_the_changed_rows(qtbot, make_page, tree, clock):
    clock.set(date(2027, 3, 2))
    set_target(tree, SUPERVISOR, year=2027, unit_code="611021", premiums="700000")
    page = make_page(SUPERVISOR)
    assert [page.table.item(r, 0).text() for r in range(page.table.rowCount())] == ["6110", "611002", "611021"]
    assert page.table.item(2, COL_PREMIUMS).text() == "700,000.00"
    page.table.item(1, COL_PREMIUMS).setText("1,500,000")
    page.table.item(1, COL_ENROLLMENTS).setText("15000")
    page.table.item(1, COL_COVERAGE).setText("85.5")
    page.table.item(2, COL_PREMIUMS).setText("")  # cleared
    with qtbot.waitSignal(page.saved, timeout=10_000):
        qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    rows = {r.unit_code: r for r in list_targets(tree, 2027)}
    assert (rows["611002"].premiums, rows["611002"].enrollments, rows["611002"].coverage) == (
        Decimal("1500000.00"), 15000, Decimal("85.50"))  # fmt: skip
    assert rows["611021"].premiums is None and rows["6110"].premiums is None
    assert "已保存" in page.message_label.text()


def test_a_bad_figure_is_told_and_nothing_saved(qtbot, make_page, tree, clock):
    clock.set(date(2027, 3, 2))
    page = make_page(SUPERVISOR)
    page.table.item(1, COL_PREMIUMS).setText("1000")
    page.table.item(2, COL_ENROLLMENTS).setText("很多")
    with qtbot.waitSignal(page.save_failed, timeout=10_000):
        page.save_button.click()
    assert "611021：参保人次目标应为整数" in page.message_label.text()
    assert all(r.premiums is None for r in list_targets(tree, 2027))


def test_thresholds_saved(qtbot, make_page, tree):
    page = make_page(SUPERVISOR)
    assert (page.million_edit.text(), page.two_million_edit.text()) == ("1,000,000.00", "2,000,000.00")
    page.million_edit.setText("800000")
    page.two_million_edit.setText("1600000")
    with qtbot.waitSignal(page.thresholds_saved, timeout=10_000):
        page.thresholds_button.click()
    assert million_thresholds(tree) == (Decimal("800000.00"), Decimal("1600000.00"))


def test_a_clerk_sees_the_targets_but_cannot_change_them(make_page, tree, clock):
    clock.set(date(2027, 3, 2))
    set_target(tree, SUPERVISOR, year=2027, unit_code="611002", premiums="900000")
    page = make_page(CLERK)
    assert page.table.item(1, COL_PREMIUMS).text() == "900,000.00"
    assert not page.table.item(1, COL_PREMIUMS).flags() & Qt.ItemFlag.ItemIsEditable
    for control in (page.save_button, page.import_button, page.thresholds_button, page.million_edit):
        assert not control.isEnabled()
    assert "主管或管理员" in page.permission_label.text()


def test_long_county_names_fit(qtbot, tree, worker, clock):
    clock.set(date(2027, 3, 2))
    for i, name in enumerate(
        ("商洛市商州区总工会机关事业单位联合工会委员会", "柞水县总工会（含营盘镇、下梁镇等十二个镇）")
    ):
        add_unit(tree, SUPERVISOR, code=f"61109{i}", name=name, parent_code="6110")
    set_target(tree, SUPERVISOR, year=2027, unit_code="611090", premiums="12345678.90", enrollments="123456",
               coverage="99.99")  # fmt: skip
    page = TargetsPage(tree, SUPERVISOR, worker=worker)
    qtbot.addWidget(page)
    page.resize(900, 600)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    page.grab().save("/tmp/settings-targets.png")
    assert page.table.rowCount() == 5
