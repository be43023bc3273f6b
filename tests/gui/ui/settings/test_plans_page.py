"""设置 → 计划: the list, next year's plan copied and edited, a bad text kept in the editor, a
plan file added, the counter's settings of a plan, and what clerks may not do; issue 10: saving
asks to confirm the rules, 检查 reports a code that exists, the 停止参保日, 停用."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox
from sqlalchemy import select

from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import AuditRecord, Plan
from mutualaid_desktop.ui.settings.plan_editor_dialog import error_line
from mutualaid_desktop.ui.settings.plans_page import PlansModel, PlansPage
from tests.integration.services.intake_data import SL27, make_claims_counter
from tests.rosters import plan_text


@pytest.fixture
def cc(database):
    return make_claims_counter(database)


class Answers:
    """The questions asked (ui/confirm.ask: a QMessageBox exec'd), answered with `answer`."""

    def __init__(self) -> None:
        self.answer = QMessageBox.StandardButton.Yes
        self.asked: list[str] = []
        self.shot = None

    def __call__(self, box) -> int:
        self.asked.append(box.text() + "\n" + box.informativeText())
        if self.shot:  # as the user sees it: shown, laid out
            from PySide6.QtWidgets import QApplication

            box.show()
            QApplication.processEvents()
            box.grab().save(self.shot)
            box.hide()
        return self.answer


@pytest.fixture(autouse=True)
def answers(monkeypatch):
    answering = Answers()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answering(box))
    return answering


def plans(database) -> dict:
    with UnitOfWork(database, read_only=True) as uow:
        return {
            p.code: (p.premium_per_share_fen, p.min_participation_pct, p.materials_json, p.created_by)
            for p in uow.session.scalars(select(Plan))
        }


def make_page(qtbot, database, user, worker) -> PlansPage:
    page = PlansPage(database, user, worker=worker)
    qtbot.addWidget(page)
    page.resize(1000, 500)
    with qtbot.waitSignal(page.changed, timeout=5000):
        page.show()
    return page


def select_plan(page: PlansPage, code: str) -> None:
    row = next(i for i, p in enumerate(page.model.rows()) if p.code == code)
    page.table.selectRow(row)


def test_model(qtmodeltester, qtbot, database, cc, worker):
    page = make_page(qtbot, database, cc.admin, worker)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 3
    select_plan(page, SL27)
    row = page.table.selectionModel().selectedRows()[0].row()
    cells = [page.model.index(row, c).data() for c in range(page.model.columnCount())]
    assert cells == [
        "SL-ZY-2027",
        "商洛市职工住院医疗互助保障（2027年度）",
        "住院二次报销",
        "2027",
        "¥95.00",
        "1",
        "30 天",
        "90 天",
        "不提示",
        "未设置",
        "默认",
        "使用中",
    ]
    assert "不再修改" in page.note_label.text()


def test_copy_for_next_year_edit_and_save(qtbot, database, cc, worker, answers):
    page = make_page(qtbot, database, cc.supervisor, worker)
    select_plan(page, SL27)
    page.copy_next_year()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=5000)
    dialog = page.dialog
    text = dialog.text()
    assert 'code = "SL-ZY-2028"' in text and "period_start = 2028-01-01" in text and "2028年度" in text
    assert "SL-ZY-2027" in dialog.intro_label.text()
    dialog.editor.setPlainText(text.replace('premium_per_share = "95.00"', 'premium_per_share = "100.00"'))
    with qtbot.waitSignal(dialog.checked, timeout=5000):
        dialog.check()
    assert "100.00" in dialog.check_label.text() and answers.asked == []
    with qtbot.waitSignal(page.plan_added, timeout=5000) as added:
        dialog.accept()
    assert added.args == ["SL-ZY-2028"]
    assert len(answers.asked) == 1 and "每份互助金：¥100.00" in answers.asked[0]
    qtbot.waitUntil(lambda: page.model.rowCount() == 4, timeout=5000)
    assert not dialog.isVisible() and "SL-ZY-2028" in page.message_label.text()
    assert page.current().code == "SL-ZY-2028"
    got = plans(database)["SL-ZY-2028"]
    assert got[0] == 10000 and got[3] == cc.supervisor.id
    with UnitOfWork(database, read_only=True) as uow:
        audit = uow.session.scalars(select(AuditRecord).where(AuditRecord.action == "plan.add")).all()[-1]
        assert json.loads(audit.after_json)["copied_from"] == SL27 and audit.username == "boss"


def test_a_bad_text_stays_in_the_editor_with_the_field(qtbot, database, cc, worker):
    page = make_page(qtbot, database, cc.admin, worker)
    select_plan(page, SL27)
    page.copy_next_year()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=5000)
    dialog = page.dialog
    bad = dialog.text().replace('tiers = [{ rate = "0.70" }]', 'tiers = [{ rate = "70%" }]')
    dialog.editor.setPlainText(bad)
    before = plans(database)
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=5000)
    assert "reimbursement.tiers[0].rate" in dialog.error_label.text() and "未保存" in dialog.error_label.text()
    assert dialog.isVisible() and dialog.text() == bad and dialog.buttons.isEnabled()
    line = dialog.editor.textCursor().block().text()
    assert line.startswith("tiers") and len(dialog.editor.extraSelections()) == 1
    assert plans(database) == before
    # the same code as a plan there already: refused, said, the editor open
    dialog.editor.setPlainText(plan_text())
    dialog.accept()
    qtbot.waitUntil(lambda: "已存在" in dialog.error_label.text(), timeout=5000)
    assert dialog.isVisible() and plans(database) == before


def test_error_line():
    text = plan_text()
    lines = text.splitlines()
    assert lines[error_line(text, "premium_per_share", "")].startswith("premium_per_share")
    assert lines[error_line(text, "reimbursement.min_payout", "")].startswith("min_payout")
    assert lines[error_line(text, "reimbursement.tiers[1].up_to", "")].startswith("tiers")
    assert lines[error_line(text, "reimbursement.bogus", "")] == "[reimbursement]"
    assert error_line(text, "lump_sum.amounts", "") is None
    assert error_line(text, "max_claims", "") is None  # only in [reimbursement], not at the top
    assert error_line(text, None, "计划文件第6行第27列格式有误") == 5


def test_add_from_file(qtbot, database, cc, worker, tmp_path, monkeypatch):
    path = tmp_path / "ningbo.toml"
    path.write_text(plan_text("ningbo-2027.toml"), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kw: (str(path), "")))
    page = make_page(qtbot, database, cc.admin, worker)
    page.add_from_file()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=5000)
    assert str(path) in page.dialog.intro_label.text() and page.dialog.source is None
    with qtbot.waitSignal(page.plan_added, timeout=5000):
        page.dialog.accept()
    assert "NB-ZY-2027" in plans(database)


def test_add_from_file_cancelled_does_nothing(qtbot, database, cc, worker, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kw: ("", "")))
    page = make_page(qtbot, database, cc.admin, worker)
    page.add_from_file()
    assert page.dialog is None


def test_min_participation(qtbot, database, cc, worker, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getInt", staticmethod(lambda *args, **kw: (60, True)))
    page = make_page(qtbot, database, cc.supervisor, worker)
    select_plan(page, SL27)
    with qtbot.waitSignal(page.changed, timeout=5000):
        page.change_participation()
    assert plans(database)[SL27][1] == 60 and "60%" in page.message_label.text()
    assert page.current().code == SL27
    assert page.model.index(page.table.currentIndex().row(), PlansModel.PARTICIPATION).data() == "60%"


def test_materials(qtmodeltester, qtbot, database, cc, worker):
    page = make_page(qtbot, database, cc.admin, worker)
    select_plan(page, SL27)
    page.edit_materials()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=5000)
    dialog = page.dialog
    qtmodeltester.check(dialog.table.model())
    assert dialog.table.rowCount() == 6 and "默认" in dialog.state_label.text()
    dialog.table.setCurrentCell(5, 0)
    dialog.remove_row()
    dialog.add_row()
    dialog.table.item(5, dialog.NAME).setText("单位证明")
    dialog.table.item(5, dialog.ONLY_FOR).setText("")
    assert "专用" in dialog.state_label.text()
    with qtbot.waitSignal(page.changed, timeout=5000):
        dialog.accept()
    saved = json.loads(plans(database)[SL27][2])
    assert [m["name"] for m in saved][-1] == "单位证明" and "费用明细清单" not in [m["name"] for m in saved]
    assert "专用" in page.message_label.text()
    # back to the default
    page.edit_materials()
    qtbot.waitUntil(lambda: page.dialog is not dialog and page.dialog.isVisible(), timeout=5000)
    page.dialog.restore_default()
    assert page.dialog.items() is None
    with qtbot.waitSignal(page.changed, timeout=5000):
        page.dialog.accept()
    assert plans(database)[SL27][2] is None and "默认" in page.message_label.text()


def test_an_empty_name_is_left_out_and_a_duplicate_refused(qtbot, database, cc, worker):
    page = make_page(qtbot, database, cc.admin, worker)
    select_plan(page, SL27)
    page.edit_materials()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=5000)
    dialog = page.dialog
    dialog.add_row()  # left empty: not saved
    dialog.add_row()
    dialog.table.item(7, dialog.NAME).setText("出院小结")
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=5000)
    assert "重复" in dialog.error_label.text() and dialog.isVisible()
    assert plans(database)[SL27][2] is None


@pytest.mark.parametrize("who", ["clerk", "reviewer"])
def test_clerks_see_but_do_not_change(qtbot, database, cc, worker, who):
    page = make_page(qtbot, database, getattr(cc, who), worker)
    select_plan(page, SL27)
    assert page.model.rowCount() == 3
    for button in (
        page.add_file_button,
        page.copy_button,
        page.participation_button,
        page.materials_button,
        page.closes_button,
        page.withdraw_button,
    ):
        assert not button.isEnabled()
    assert "主管或管理员" in page.note_label.text()
    page.copy_next_year()
    assert page.dialog is None


def test_screenshot(qtbot, database, cc, worker, tmp_path):
    page = make_page(qtbot, database, cc.admin, worker)
    select_plan(page, SL27)
    assert not page.grab().isNull()
    page.copy_next_year()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=5000)
    assert not page.dialog.grab().isNull()


def test_cancel_asks_before_giving_up_an_edited_text(qtbot, database, cc, worker, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    page = make_page(qtbot, database, cc.admin, worker)
    select_plan(page, SL27)
    page.copy_next_year()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=5000)
    dialog = page.dialog
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No)
    )
    dialog.reject()  # not edited: closes without asking
    assert not dialog.isVisible() and asked == []
    page.copy_next_year()
    qtbot.waitUntil(lambda: page.dialog is not dialog and page.dialog.isVisible(), timeout=5000)
    dialog = page.dialog
    cursor = dialog.editor.textCursor()
    cursor.insertText("# 改过\n")
    dialog.reject()
    assert dialog.isVisible() and len(asked) == 1
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    dialog.reject()
    assert not dialog.isVisible() and "SL-ZY-2028" not in plans(database)


def test_a_file_that_cannot_be_moved_on_opens_as_it_is(qtbot, database, cc, worker):
    from mutualaid_desktop.services.admin.plans import add_plan_text

    odd = plan_text().replace("2027", "2029").replace("period_end = 2029-12-31", '"period_end" = 2029-12-31')
    add_plan_text(database, cc.admin, odd)
    page = make_page(qtbot, database, cc.admin, worker)
    select_plan(page, "SL-ZY-2029")
    page.copy_next_year()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=5000)
    assert page.dialog.text() == odd and "手工" in page.dialog.intro_label.text()
    assert page.dialog.source == "SL-ZY-2029"


def test_no_plans_yet(qtbot, database, admin, worker):
    page = make_page(qtbot, database, admin, worker)
    assert page.model.rowCount() == 0 and page.current() is None
    assert page.add_file_button.isEnabled() and not page.copy_button.isEnabled()


def open_next_year(qtbot, page):
    select_plan(page, SL27)
    page.copy_next_year()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=5000)
    return page.dialog


def test_saving_asks_to_confirm_a_summary_of_the_rules(qtbot, database, cc, worker, answers):
    page = make_page(qtbot, database, cc.supervisor, worker)
    dialog = open_next_year(qtbot, page)
    answers.answer = QMessageBox.StandardButton.No
    answers.shot = "/tmp/plans-save-confirmation.png"
    before = plans(database)
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=5000)
    (asked,) = answers.asked
    for part in (
        "SL-ZY-2028",
        "商洛市职工住院医疗互助保障（2028年度）",
        "2028-01-01 至 2028-12-31",
        "¥95.00",
        "参保年龄：16 至 60 周岁",
        "观察期：90 天",
        "70%",
        "停止参保日：未设置",
    ):
        assert part in asked, part
    assert dialog.isVisible() and plans(database) == before  # 返回修改: nothing saved, the text kept
    answers.answer = QMessageBox.StandardButton.Yes
    answers.shot = None
    with qtbot.waitSignal(page.plan_added, timeout=5000):
        dialog.accept()
    assert "SL-ZY-2028" in plans(database)


def test_check_reports_a_code_that_exists(qtbot, database, cc, worker, answers):
    page = make_page(qtbot, database, cc.supervisor, worker)
    dialog = open_next_year(qtbot, page)
    dialog.editor.setPlainText(plan_text())  # SL-ZY-2027, there already
    with qtbot.waitSignal(dialog.refused, timeout=5000):
        dialog.check()
    assert "SL-ZY-2027 已存在" in dialog.error_label.text() and dialog.error_label.isVisible()
    assert "检查通过" not in dialog.check_label.text() and answers.asked == []


def test_the_closing_day(qtbot, database, cc, worker):
    page = make_page(qtbot, database, cc.supervisor, worker)
    select_plan(page, SL27)
    assert page.closes_button.isEnabled()
    page.change_closes()
    dialog = page.dialog
    assert dialog.isVisible() and not dialog.set_check.isChecked() and not dialog.date_edit.isEnabled()
    assert dialog.date_edit.date() == QDate(2027, 10, 1)  # suggested: a day of cover after 90 days of waiting
    dialog.set_check.setChecked(True)
    dialog.date_edit.setDate(QDate(2027, 9, 30))
    with qtbot.waitSignal(page.changed, timeout=5000):
        dialog.accept()
    row = page.table.currentIndex().row()
    assert page.model.index(row, PlansModel.CLOSES).data() == "2027-09-30"
    assert "2027-09-30" in page.message_label.text()
    with UnitOfWork(database, read_only=True) as uow:
        assert uow.session.scalar(select(Plan.enrollment_closes).where(Plan.code == SL27)).isoformat() == "2027-09-30"
        assert uow.session.scalars(select(AuditRecord).where(AuditRecord.action == "plan.enrollment_closes")).one()


def test_a_plan_nobody_is_enrolled_in_is_withdrawn_and_shown_as_such(qtbot, database, cc, worker, answers):
    from mutualaid_desktop.services.admin.plans import add_plan_text, next_year_plan_text

    add_plan_text(database, cc.supervisor, next_year_plan_text(database, SL27))
    page = make_page(qtbot, database, cc.supervisor, worker)
    select_plan(page, SL27)  # enrolled in: the button says why it cannot
    assert not page.withdraw_button.isEnabled() and "人次参保，不能停用" in page.withdraw_button.toolTip()
    select_plan(page, "SL-ZY-2028")
    assert page.withdraw_button.isEnabled()
    answers.answer = QMessageBox.StandardButton.No
    page.withdraw()
    assert "停用计划 SL-ZY-2028" in answers.asked[0] and not page.current().withdrawn
    answers.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(page.changed, timeout=5000):
        page.withdraw()
    row = page.table.currentIndex().row()
    assert page.model.index(row, PlansModel.STATE).data() == "已停用" and page.current().withdrawn
    assert not page.withdraw_button.isEnabled() and not page.closes_button.isEnabled()
    assert "已停用计划：SL-ZY-2028" in page.message_label.text()
    page.resize(1400, 420)
    page.grab().save("/tmp/plans-withdrawn.png")
    with UnitOfWork(database, read_only=True) as uow:
        assert uow.session.scalars(select(AuditRecord).where(AuditRecord.action == "plan.withdraw")).one()
