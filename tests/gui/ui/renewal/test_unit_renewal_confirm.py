"""单位续保: nothing is saved before the clerk has seen a summary and confirmed it; a leaver needs a reason
(asked in a dialog, refused by the service without one); registering many leavers at once asks again with
the number (issue 10)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select

from mutualaid_desktop.domain.idcard import make_id_number
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Enrollment, Member, OrgUnit, Plan, RenewalLeaver
from mutualaid_desktop.ui.renewal.unit_renewal_page import DraftModel
from tests.gui.helpers import focused, type_text
from tests.gui.ui.unit_renewal_helpers import make_page, open_unit, plain, source_row, view_row
from tests.integration.services.renewal_unit_data import LAST_PLAN, UNIT, make_renewal_city

SHOTS = "/tmp/renewal-{}.png"


@pytest.fixture
def city(database):
    return make_renewal_city(database)


@pytest.fixture
def page(qtbot, database, city, worker):
    return open_unit(qtbot, database, city, worker)


def written(database) -> tuple[int, int]:
    with database.session(read_only=True) as s:
        return (
            s.scalar(select(func.count()).select_from(Enrollment)),
            s.scalar(select(func.count()).select_from(RenewalLeaver)),
        )


def test_confirm_asks_the_reasons_then_shows_a_summary_and_saves_only_when_confirmed(qtbot, page, database, city):
    before = written(database)
    leaver = max(city.kept.values())
    page.model.set_keep(source_row(page, leaver), False)
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    dialog = page.reason_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.names.count() == 2  # the leaver unticked now and the member who moved to another unit
    assert written(database) == before
    # 其他 without words: the dialog says what to fix and stays
    dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findText("其他"))
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Space)
    assert dialog.isVisible() and "写明" in dialog.error_label.text()
    dialog.words_edit.setFocus()
    type_text(qtbot, dialog.words_edit, "回原籍")
    dialog.grab().save(SHOTS.format("leaver-reason"))
    qtbot.keyClick(dialog.words_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert page.model.index(source_row(page, leaver), DraftModel.REASON).data() == "其他：回原籍"

    summary = page.summary_dialog
    assert summary is not None and summary.isVisible() and written(database) == before
    text = summary.text_label.text()
    assert "续保 2 人" in text and "离开 2 人" in text and "新增 0 人" in text and "¥285.00" not in text
    assert "¥190.00" in text
    summary.grab().save(SHOTS.format("summary"))
    summary.back_button.click()  # 返回修改: nothing saved, the reasons stay in the list
    assert written(database) == before and not page._busy

    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    assert page.reason_dialog is None or not page.reason_dialog.isVisible()  # every leaver has a reason now
    summary = page.summary_dialog
    with qtbot.waitSignal(page.confirmed, timeout=5000) as confirmed:
        qtbot.keyClick(summary.ok_button, Qt.Key.Key_Return)
    assert confirmed.args[0].left == 2
    page.payment_dialog.reject()
    with database.session(read_only=True) as s:
        reasons = dict(s.execute(select(RenewalLeaver.member_id, RenewalLeaver.reason)).all())
    assert reasons == {leaver: "其他：回原籍", city.moved: "其他：回原籍"}


def test_a_reason_for_the_selected_leavers(qtbot, page, city):
    leaver = max(city.kept.values())
    page.model.set_keep(source_row(page, leaver), False)
    page.table.selectRow(view_row(page, leaver))
    qtbot.mouseClick(page.reason_button, Qt.MouseButton.LeftButton)
    dialog = page.reason_dialog
    assert dialog.names.count() == 1
    dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findText("退休"))
    dialog.accept()
    assert page.model.leavers()[leaver] == "退休" and page.model.leavers()[city.moved] is None
    assert page.summary_dialog is None  # only the reason was set: nothing to confirm yet


def add_members_of_last_year(database, count: int) -> list[int]:
    with UnitOfWork(database, username="setup") as uow:
        s = uow.session
        unit = s.scalar(select(OrgUnit).where(OrgUnit.code == UNIT))
        plan = s.scalar(select(Plan).where(Plan.code == LAST_PLAN))
        ids = []
        for n in range(count):
            m = Member(
                id_number=make_id_number("611002", date(1980, 1, 1 + n), 700 + n),
                name=f"职工{n}",
                sex="male",
                birth_date=date(1980, 1, 1 + n),
                unit_id=unit.id,
            )
            s.add(m)
            s.flush()
            s.add(
                Enrollment(
                    member_id=m.id,
                    plan_id=plan.id,
                    unit_id=unit.id,
                    shares=1,
                    premium_fen=9500,
                    cover_start=date(2026, 1, 1),
                    cover_end=date(2026, 12, 31),
                    status="paid",
                )
            )
            ids.append(m.id)
        uow.commit()
    return ids


@pytest.mark.parametrize("answer", ["back", "register"])
def test_registering_many_leavers_at_once_asks_again_with_the_number(qtbot, database, city, worker, answer):
    add_members_of_last_year(database, 4)
    page = make_page(qtbot, database, city.admin, worker)
    with qtbot.waitSignal(page.draftLoaded, timeout=5000):
        page.choose(UNIT)
    before = written(database)
    qtbot.mouseClick(page.none_button, Qt.MouseButton.LeftButton)  # 全部不续保: 7 ticked + the moved member
    assert plain(page.confirm_button.text()) == "登记离开"
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    reasons = page.reason_dialog
    assert reasons.names.count() == 8
    reasons.reason_combo.setCurrentIndex(reasons.reason_combo.findText("离职/调出"))
    reasons.accept()
    summary = page.summary_dialog
    assert "离开 8 人" in summary.text_label.text() and "没有需要缴费" in summary.text_label.text()
    summary.accept()
    again = page.many_leavers_box
    assert again is not None and again.isVisible() and "8 人" in again.text()
    assert written(database) == before
    assert focused(again) is not again.yes_button  # Enter does not register them by itself
    if answer == "back":
        again.done(QDialog.DialogCode.Rejected)
        assert written(database) == before and "没有办理" in page.message_label.text()
        return
    with qtbot.waitSignal(page.draftLoaded, timeout=5000):
        again.yes_button.click()
    assert written(database) == (before[0], before[1] + 8)
    assert "登记离开 8 人" in page.message_label.text()
