"""设置 → 医院 and 柜台信息: the lists and forms, saved through the services."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from mutualaid_desktop.services.admin.counter_setup import get_counter_info
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Hospital
from mutualaid_desktop.ui.settings.counter_info_page import CounterInfoPage
from mutualaid_desktop.ui.settings.hospitals_page import HospitalsModel, HospitalsPage
from mutualaid_desktop.ui.settings.settings_page import SettingsPage
from tests.integration.services.intake_data import make_claims_counter


@pytest.fixture
def cc(database):
    return make_claims_counter(database)


def make_page(qtbot, database, user, worker):
    page = HospitalsPage(database, user, worker=worker)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    return page


def test_model(qtmodeltester, qtbot, database, cc, worker):
    page = make_page(qtbot, database, cc.admin, worker)
    qtmodeltester.check(page.model)
    assert page.model.index(0, HospitalsModel.NAME).data() in ("商洛市中心医院", "商州区大赵峪卫生院")


def test_add_edit_and_deactivate(qtbot, database, cc, worker):
    page = make_page(qtbot, database, cc.supervisor, worker)
    page.add()
    dialog = page.dialog
    dialog.name_edit.setText("洛南县人民医院")
    dialog.grade_combo.setCurrentIndex(dialog.grade_combo.findData(2))
    dialog.county_edit.setText("C02")
    with qtbot.waitSignal(page.changed, timeout=5000):
        dialog.accept()
    assert page.model.rowCount() == 3 and "洛南县人民医院" in page.message_label.text()
    row = next(i for i, h in enumerate(page.model.rows()) if h.name == "洛南县人民医院")
    page.table.selectRow(row)
    assert page.edit_button.isEnabled() and page.toggle_button.text() == "停用"
    page.edit()
    page.dialog.grade_combo.setCurrentIndex(page.dialog.grade_combo.findData(3))
    with qtbot.waitSignal(page.changed, timeout=5000):
        page.dialog.accept()
    with qtbot.waitSignal(page.changed, timeout=5000):
        page.toggle()
    with UnitOfWork(database, read_only=True) as uow:
        h = uow.session.scalar(select(Hospital).where(Hospital.name == "洛南县人民医院"))
        assert (h.grade, h.county_code, h.active) == (3, "C02", False)


def test_a_duplicate_name_keeps_the_dialog_open(qtbot, database, cc, worker):
    page = make_page(qtbot, database, cc.clerk, worker)
    assert page.add_button.isEnabled() and not page.edit_button.isEnabled()
    page.add()
    page.dialog.name_edit.setText("商洛市中心医院")
    page.dialog.accept()
    qtbot.waitUntil(lambda: page.dialog.error_label.isVisible())
    assert "已在列表中" in page.dialog.error_label.text() and page.dialog.isVisible()


def test_counter_info_page(qtbot, database, cc, worker):
    page = CounterInfoPage(database, cc.admin, worker=worker)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.show()
    page.address_edit.setText("商州区北新街1号")
    page.phone_edit.setText("0914-2312345")
    page.hours_edit.setText("周一至周五 8:30-17:30")
    page.due_spin.setValue(20)
    with qtbot.waitSignal(page.saved, timeout=5000):
        page.save()
    info = get_counter_info(database)
    assert (info.address, info.phone, info.papers_due_days) == ("商州区北新街1号", "0914-2312345", 20)
    clerk_view = CounterInfoPage(database, cc.clerk, worker=worker)
    qtbot.addWidget(clerk_view)
    assert not clerk_view.save_button.isEnabled() and clerk_view.address_edit.isReadOnly()


def test_settings_page_has_the_tabs(qtbot, database, cc, worker):
    page = SettingsPage(database, cc.admin, worker=worker)
    qtbot.addWidget(page)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "单位",
        "医院",
        "柜台信息",
        "计划",
        "目标",
        "纸面文字",
        "打印",
        "用户",
    ]  # an admin
    qtbot.waitUntil(lambda: not worker.is_busy())
