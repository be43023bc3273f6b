"""设置 → 单位, with the keyboard: the tree, add, edit, move, deactivate; permissions."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from mutualaid_desktop.services.admin.units import add_unit, find_unit
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import AuditRecord
from mutualaid_desktop.ui.settings.settings_page import SettingsPage
from mutualaid_desktop.ui.settings.units_page import COL_STATE, INACTIVE, UnitsPage, UnitTreeModel
from tests.accounts import add_accounts
from tests.gui.helpers import type_text

CLERK = UserInfo(3, "li", "李经办", "clerk")
SUPERVISOR = UserInfo(2, "zhu", "朱主管", "supervisor")


@pytest.fixture
def tree(database):
    add_accounts(database, CLERK, SUPERVISOR)
    add_unit(database, SUPERVISOR, code="6110", name="商洛市总工会", parent_code=None)
    add_unit(database, SUPERVISOR, code="611002", name="商州区总工会", parent_code="6110")
    add_unit(database, SUPERVISOR, code="611021", name="洛南县总工会", parent_code="6110")
    add_unit(database, SUPERVISOR, code="U001", name="商洛市第一中学工会", parent_code="611002", headcount=120)
    return database


@pytest.fixture
def make_page(qtbot, tree, worker):
    def make(user):
        page = UnitsPage(tree, user, worker=worker)
        qtbot.addWidget(page)
        page.resize(1100, 700)
        with qtbot.waitSignal(page.unitsLoaded, timeout=10_000):
            page.show()
        return page

    return make


def audits(db, action):
    with UnitOfWork(db, read_only=True) as uow:
        return list(uow.session.scalars(select(AuditRecord).where(AuditRecord.action == action)))


def test_the_tree_model_passes_qtmodeltester(qtmodeltester, make_page):
    page = make_page(SUPERVISOR)
    qtmodeltester.check(page.model, force_py=True)
    qtmodeltester.check(page.proxy, force_py=True)
    assert isinstance(page.model, UnitTreeModel)
    city = page.proxy.index(0, 0)
    assert city.data() == "商洛市总工会" and page.proxy.rowCount(city) == 2


def test_add_a_unit_with_the_keyboard(qtbot, make_page, tree):
    page = make_page(SUPERVISOR)
    assert page.select_code("611021")
    qtbot.keyClick(page.tree, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    assert dialog.parent_code() == "611021"  # the county selected in the tree
    qtbot.keyClicks(dialog.code_edit, "u002")
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Tab)
    type_text(qtbot, dialog.name_edit, "洛南县医院工会")
    dialog.headcount_edit.setFocus()
    qtbot.keyClicks(dialog.headcount_edit, "80")
    with qtbot.waitSignal(page.unitsLoaded, timeout=10_000):
        qtbot.keyClick(dialog.headcount_edit, Qt.Key.Key_Return)
    node = find_unit(tree, "U002")
    assert (node.name, node.kind, node.parent_code, node.headcount) == ("洛南县医院工会", "unit", "611021", 80)
    assert page.current_node().code == "U002"
    assert json.loads(audits(tree, "unit.add")[-1].after_json)["code"] == "U002"


def test_a_duplicate_code_is_refused_in_the_dialog(qtbot, make_page, tree):
    page = make_page(SUPERVISOR)
    page.select_code("611002")
    page.add_unit()
    dialog = page.dialog
    qtbot.keyClicks(dialog.code_edit, "U001")
    type_text(qtbot, dialog.name_edit, "重复工会")
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10_000)
    assert "已被「商洛市第一中学工会」使用" in dialog.error_label.text()
    assert dialog.isVisible()


def test_move_and_deactivate_a_unit(qtbot, make_page, tree):
    page = make_page(SUPERVISOR)
    page.select_code("U001")
    qtbot.keyClick(page.tree, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    assert page.dialog.target() == "611021"
    with qtbot.waitSignal(page.unitsLoaded, timeout=10_000):
        qtbot.keyClick(page.dialog.county_combo, Qt.Key.Key_Return)
    assert find_unit(tree, "U001").parent_code == "611021"

    assert page.select_code("U001")
    page.activateWindow()  # offscreen: the closed dialog does not hand the activation back
    qtbot.waitUntil(page.isActiveWindow)
    with qtbot.waitSignal(page.unitsLoaded, timeout=10_000):
        qtbot.keyClick(page.tree, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert not find_unit(tree, "U001").active
    index = page.tree.currentIndex()
    assert index.siblingAtColumn(COL_STATE).data() == "已停用"
    assert index.data(Qt.ItemDataRole.ForegroundRole).color() == INACTIVE
    assert page.active_button.text() == "恢复(&D)"
    assert [a.action for a in audits(tree, "unit.move")] == ["unit.move"]
    assert len(audits(tree, "unit.deactivate")) == 1


def test_a_clerk_edits_contacts_only(qtbot, make_page, tree):
    page = make_page(CLERK)
    page.select_code("U001")
    assert not page.add_button.isEnabled() and not page.move_button.isEnabled()
    assert not page.active_button.isEnabled() and page.edit_button.isEnabled()
    qtbot.keyClick(page.tree, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    assert not dialog.name_edit.isEnabled()
    dialog.headcount_edit.setFocus()
    dialog.headcount_edit.selectAll()
    qtbot.keyClicks(dialog.headcount_edit, "135")
    with qtbot.waitSignal(page.unitsLoaded, timeout=10_000):
        qtbot.keyClick(dialog.headcount_edit, Qt.Key.Key_Return)
    assert find_unit(tree, "U001").headcount == 135
    record = audits(tree, "unit.edit")[-1]
    assert record.username == "li" and json.loads(record.before_json)["headcount"] == 120


def test_filter_and_settings_tab(qtbot, tree, worker):
    settings = SettingsPage(tree, SUPERVISOR, worker=worker)
    qtbot.addWidget(settings)
    with qtbot.waitSignal(settings.units_page.unitsLoaded, timeout=10_000):
        settings.show()
    assert [settings.tabs.tabText(i) for i in range(settings.tabs.count())] == [
        "单位",
        "医院",
        "柜台信息",
        "计划",
        "目标",
        "纸面文字",
        "打印",
    ]  # no 用户: not an admin
    page = settings.units_page
    type_text(qtbot, page.filter_edit, "第一中学")
    city = page.proxy.index(0, 0)
    county = page.proxy.index(0, 0, city)
    assert page.proxy.rowCount(city) == 1 and page.proxy.index(0, 0, county).data() == "商洛市第一中学工会"
