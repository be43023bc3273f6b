"""单位续保 with the keyboard alone (issue 10): Tab and Shift+Tab leave the draft table (it was a trap: Tab
wrapped inside it, 添加新增人员… and 确认续保 could not be reached), every button has a mnemonic, and real key
presses reach every button of the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication

from tests.gui.helpers import focused
from tests.gui.ui.unit_renewal_helpers import open_unit
from tests.integration.services.renewal_unit_data import make_renewal_city


@pytest.fixture
def page(qtbot, database, worker):
    city = make_renewal_city(database)
    page = open_unit(qtbot, database, city, worker)
    page.activateWindow()
    qtbot.waitActive(page)
    return page


def buttons(page) -> list[QAbstractButton]:
    return [b for b in page.findChildren(QAbstractButton) if b.isVisibleTo(page) and b.text()]


def test_tab_and_shift_tab_leave_the_draft_table(qtbot, page):
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, 1))
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert focused(page) is not page.table
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused(page) is not page.table


def test_tab_from_the_unit_field_reaches_every_button(qtbot, page):
    page.unit_combo.setFocus()
    seen = []
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    wanted = [b for b in buttons(page) if b.isEnabled()]
    names = {b.objectName() for b in wanted}
    assert {"joinerButton", "rosterButton", "confirmButton", "payButton", "allButton"} <= names
    missing = [b.text() for b in wanted if b not in seen]
    assert missing == []
    assert page.table in seen


def test_every_button_has_a_mnemonic_and_alt_keys_work(qtbot, page):
    texts = [b.text() for b in buttons(page)]
    assert texts and all("&" in t for t in texts), texts
    letters = [t[t.index("&") + 1].lower() for t in texts]
    assert len(letters) == len(set(letters)), texts  # no letter twice
    qtbot.keyClick(page, Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)  # 添加新增人员(&J)…
    qtbot.waitUntil(lambda: page.joiner_dialog is not None, timeout=2000)
    page.joiner_dialog.reject()
