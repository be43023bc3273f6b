"""导入名册: a messy roster checked, previewed and imported through the dialog; the database checked."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import func, select

from mutualaid_desktop.store.models import Enrollment, Member, OrgUnit
from mutualaid_desktop.ui.enrollment.enrollment_page import EnrollmentPage
from mutualaid_desktop.ui.enrollment.roster_import_dialog import RosterImportDialog
from tests.rosters import PLAN, TODAY, UNIT, make_counter, many_people, messy_rows, person_id, write_big_xlsx, write_csv


@pytest.fixture
def counter(database):
    return make_counter(database)


@pytest.fixture
def dialog(qtbot, database, counter, worker):
    widget = RosterImportDialog(database, counter, worker=worker, unit_code=UNIT, plan_code=PLAN, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.plan_combo.count() == 2 and widget.unit_combo.count() == 2)
    return widget


def check(qtbot, dialog, path):
    dialog.file_edit.setText(str(path))
    assert dialog.check_button.isEnabled()
    with qtbot.waitSignal(dialog.previewReady, timeout=15000) as ready:
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    return ready.args[0]


def counts(database):
    with database.session(read_only=True) as s:
        return (
            s.scalar(select(func.count()).select_from(Member)),
            s.scalar(select(func.count()).select_from(Enrollment)),
        )


def test_messy_gb18030_csv_preview_import_and_the_database(qtbot, dialog, database, tmp_path):
    rows, kind = messy_rows()
    path = write_csv(tmp_path / "职工名册.csv", rows, encoding="gb18030")  # as Excel on a Chinese Windows saves it
    preview = check(qtbot, dialog, path)
    assert preview.encoding == "gb18030"
    assert "共 10 行：有效 3 行" in dialog.summary_label.text() and "有问题 7 行" in dialog.summary_label.text()
    assert dialog.tabs.tabText(0) == "问题行（7）" and dialog.tabs.currentIndex() == 0
    model = dialog.bad_model
    shown = {model.index(r, 0).data(): model.index(r, 3).data() for r in range(model.rowCount())}
    row = {k: i + 2 for k, i in kind.items()}  # CSV: the header is row 1
    assert "校验码" in shown[str(row["check"])]
    assert "Excel" in shown[str(row["excel"])] and model.index(1, 2).data() == "6.11002E+17"
    assert f"与第 {row['good']} 行是同一人" in shown[str(row["duplicate"])]
    assert dialog.good_model.rowCount() == 3
    assert counts(database) == (0, 0)  # the preview wrote nothing

    with qtbot.waitSignal(dialog.imported, timeout=15000) as done:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert done.args[0].imported == 3
    assert "已导入 3 人" in dialog.summary_label.text()
    assert not dialog.import_button.isEnabled() and dialog.close_button.text() == "关闭"
    with database.session(read_only=True) as s:
        members = {m.id_number: m for m in s.scalars(select(Member))}
        assert set(members) == {person_id(1), person_id(2), next(n for n in members if n.endswith("X"))}
        assert members[person_id(2)].name == "李娜"  # full-width digits and spaces normalised
        for e in s.scalars(select(Enrollment)):
            assert e.status == "pending_payment" and e.premium_fen == 9500
            assert s.get(OrgUnit, e.unit_id).code == UNIT


def test_xlsx_with_an_id_stored_as_a_number_and_export_of_the_bad_rows(qtbot, dialog, database, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["商州区第一中学职工名册"])
    sheet.append(["序号", "姓 名", "身份证号码", "性别"])
    sheet.append([1, "张伟", person_id(1), "男"])
    sheet.append([2, "钱进", 611002198005011000, "男"])  # typed without the ' : a number
    sheet.append([3, "张伟", person_id(1), "男"])
    workbook.save(tmp_path / "r.xlsx")
    preview = check(qtbot, dialog, tmp_path / "r.xlsx")
    assert [b.row for b in preview.bad] == [4, 5]
    assert "Excel" in preview.bad[0].reason and "611002********1000" in preview.bad[0].reason
    assert "611002198005011000" not in preview.bad[0].reason  # a message never shows a whole ID number
    out = tmp_path / "问题行"
    dialog.export_bad_rows(out)
    qtbot.waitUntil(lambda: "已保存" in dialog.notice_label.text())
    saved = load_workbook(tmp_path / "问题行.xlsx").active
    assert saved.cell(row=3, column=1).value == "4" and "Excel" in saved.cell(row=3, column=6).value


def test_unknown_headers_open_the_column_mapping(qtbot, dialog, database, tmp_path):
    path = write_csv(
        tmp_path / "r.csv",
        [["张伟", person_id(1), "A"], ["李娜", person_id(2, male=False), "B"]],
        encoding="utf-8-sig",
        header=["人员", "号码", "血型"],
    )
    dialog.file_edit.setText(str(path))
    dialog.check()
    qtbot.waitUntil(lambda: dialog.mapping_dialog is not None and dialog.mapping_dialog.isVisible(), timeout=10000)
    mapping = dialog.mapping_dialog
    assert not mapping.buttons.button(mapping.buttons.StandardButton.Ok).isEnabled()
    mapping.set_column("name", 0)
    mapping.set_column("id_number", 1)
    assert mapping.problem() is None
    with qtbot.waitSignal(dialog.previewReady, timeout=10000) as ready:
        mapping.accept()
    assert [g.name for g in ready.args[0].good] == ["张伟", "李娜"]
    assert "血型" in dialog.notice_label.text()


def test_cancel_rolls_the_import_back(qtbot, dialog, database, tmp_path):
    path = write_big_xlsx(tmp_path / "big.xlsx", many_people(12_000))
    check(qtbot, dialog, path)
    with qtbot.waitSignal(dialog.failed, timeout=20000) as failed:
        dialog.run_import()
        dialog.progress_dialog.findChild(QPushButton).click()  # the clerk presses 取消 in the progress dialog
    assert "已取消导入" in failed.args[0]
    assert counts(database) == (0, 0)
    assert dialog.import_button.isEnabled()


def test_opened_from_the_page_and_the_page_hears_of_the_import(qtbot, database, counter, worker, tmp_path):
    page = EnrollmentPage(database, counter, worker=worker, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.plan_combo.count() == 2)
    page.unit_combo.setCurrentIndex(page.unit_combo.findData(UNIT))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = page.import_dialog
    qtbot.waitUntil(lambda: dialog.plan_combo.count() == 2)
    assert dialog.unit_code() is None and dialog.plan_code() == PLAN  # issue 10: the unit is never guessed
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData(UNIT))
    check(qtbot, dialog, write_csv(tmp_path / "r.csv", [[1, "张伟", person_id(1)]], encoding="utf-8"))
    with qtbot.waitSignal(page.rosterImported, timeout=10000):
        dialog.run_import()
    assert dialog.pay_button.isVisible()
    dialog.close()


def test_models(qtmodeltester, qtbot, dialog, tmp_path):
    rows, _ = messy_rows()
    check(qtbot, dialog, write_csv(tmp_path / "r.csv", rows, encoding="gb18030"))
    qtmodeltester.check(dialog.bad_model)
    qtmodeltester.check(dialog.good_model)
