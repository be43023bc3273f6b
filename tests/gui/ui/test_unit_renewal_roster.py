"""单位续保's joiners from a roster file read through the roster preview of 导入名册: columns whose headers
were not recognised are assigned in the same 列对应 window, and the rows not added are listed as the
import's preview lists them (行号 姓名 身份证号码 原因)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from mutualaid_desktop.ui.enrollment.roster_preview_models import BadRowsModel
from tests.gui.ui.unit_renewal_helpers import open_unit
from tests.integration.services.renewal_unit_data import make_renewal_city, new_person
from tests.rosters import bad_check, write_xlsx

SHOTS = "/tmp/renewal_roster_{}.png"
UNKNOWN = ["人员", "号码", "血型"]


@pytest.fixture
def page(qtbot, database, worker):
    return open_unit(qtbot, database, make_renewal_city(database), worker)


def test_unknown_headers_ask_which_column_is_which_then_the_joiners_are_added(qtbot, page, tmp_path):
    rows = [["林一", new_person(1), "A"], ["林二", new_person(2), "B"]]
    path = write_xlsx(tmp_path / "新名册.xlsx", rows, title=None, header=UNKNOWN)
    page.add_roster(str(path))
    qtbot.waitUntil(lambda: page.mapping_dialog is not None and page.mapping_dialog.isVisible(), timeout=10000)
    mapping = page.mapping_dialog
    assert not mapping.buttons.button(mapping.buttons.StandardButton.Ok).isEnabled()  # 姓名 and 身份证号码 first
    assert not page.roster_button.isEnabled()  # the roster is still being read
    mapping.set_column("name", 0)
    mapping.set_column("id_number", 1)
    mapping.grab().save(SHOTS.format("mapping"))
    with qtbot.waitSignal(page.rosterChecked, timeout=10000) as checked:
        mapping.accept()
    assert [j.name for j in checked.args[0].good] == ["林一", "林二"]
    assert [j.name for j in page.model.joiners()] == ["林一", "林二"]
    assert "新增 2 人" in page.message_label.text() and page.roster_button.isEnabled()


def test_no_columns_chosen_nothing_is_added_and_the_clerk_is_told(qtbot, page, tmp_path):
    path = write_xlsx(tmp_path / "新名册.xlsx", [["林一", new_person(1), "A"]], title=None, header=UNKNOWN)
    page.add_roster(str(path))
    qtbot.waitUntil(lambda: page.mapping_dialog is not None and page.mapping_dialog.isVisible(), timeout=10000)
    page.mapping_dialog.done(QDialog.DialogCode.Rejected)
    qtbot.waitUntil(lambda: page.roster_button.isEnabled(), timeout=5000)
    assert page.model.joiners() == []
    assert "没有指定姓名和身份证号码所在的列" in page.message_label.text()


def test_the_rows_not_added_are_listed_as_the_import_preview_lists_them(qtbot, qtmodeltester, page, tmp_path):
    rows = [[1, "林一", new_person(1), "男", "", "", ""], [2, "林二", bad_check(new_person(2)), "男", "", "", ""]]
    with qtbot.waitSignal(page.rosterChecked, timeout=10000):
        page.add_roster(str(write_xlsx(tmp_path / "2027名册.xlsx", rows)))
    dialog = page.bad_rows_dialog
    assert dialog is not None and dialog.isVisible()
    model = dialog.model
    qtmodeltester.check(model)
    assert isinstance(model, BadRowsModel) and model.rowCount() == 1
    shown = [model.index(0, column).data() for column in range(model.columnCount())]
    assert shown[BadRowsModel.ROW] == "5" and shown[BadRowsModel.NAME] == "林二"
    assert shown[BadRowsModel.ID_NUMBER] == bad_check(new_person(2)) and "校验码" in shown[BadRowsModel.REASON]
    dialog.grab().save(SHOTS.format("bad_rows"))
    dialog.close()
