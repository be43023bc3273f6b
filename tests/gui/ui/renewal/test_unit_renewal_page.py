"""单位续保 driven as at the counter: one unit's renewal from the draft list to the receipt, with a
leaver and a joiner; the database checked afterwards (continuity decided at payment)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from sqlalchemy import select

from mutualaid_desktop.services.enrollment.enrollment import enroll_member
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.store.models import Enrollment, Member, Plan, PremiumPayment, PrintedDocument, RenewalLeaver
from mutualaid_desktop.ui.enrollment.roster_preview_models import BadRowsModel
from mutualaid_desktop.ui.renewal.unit_renewal_page import DraftModel, UnitRenewalPage
from tests.gui.helpers import focused, press, type_text
from tests.gui.ui.unit_renewal_helpers import answer_confirmation, plain
from tests.integration.services.renewal_unit_data import PLAN, TODAY, UNIT, make_renewal_city, new_person
from tests.rosters import bad_check, write_xlsx

SHOTS = "/tmp/renewal_{}.png"


@pytest.fixture
def city(database):
    return make_renewal_city(database)


def make_page(qtbot, database, user, worker):
    page = UnitRenewalPage(database, user, worker=worker, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1180, 760)
    page.show()
    with qtbot.waitSignal(page.choicesLoaded, timeout=5000):
        pass
    return page


@pytest.fixture
def page(qtbot, database, city, worker):
    page = make_page(qtbot, database, city.admin, worker)
    assert page.plan_combo.count() == 1 and page.plan_code() == PLAN
    with qtbot.waitSignal(page.draftLoaded, timeout=5000):
        page.choose(UNIT)
    return page


def source_row(page, member_id):
    row = page.model.member_row(member_id)
    assert row >= 0
    return row


def view_index(page, row, column):
    return page.proxy.mapFromSource(page.model.index(row, column))


def test_renewal_from_draft_to_receipt_with_a_leaver_and_a_joiner(qtbot, qtmodeltester, page, database, city, opened):
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    kept = sorted(city.kept.values())
    leaver = kept.pop()
    assert page.model.kept_ids() == sorted(city.kept.values())  # the moved member is not ticked by default
    assert "续保 3 人 · 离开 1 人 · 新增 0 人 · 应缴 ¥285.00" in page.summary_label.text()
    old_row = source_row(page, city.old)
    assert not page.model.flags(page.model.index(old_row, DraftModel.KEEP)) & Qt.ItemFlag.ItemIsUserCheckable
    assert page.model.index(old_row, DraftModel.STATE).data() == "不能续保：届时 61 周岁，不符合年龄条件"
    assert "本计划参保年龄为 16至60 周岁" in page.model.index(old_row, DraftModel.STATE).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert page.model.index(source_row(page, city.renewed), DraftModel.STATE).data() == "已参保，已缴费"
    assert plain(page.pay_button.text()) == "收款（待缴费 1 人）"  # the member pending under 2027

    # the leaver: Space on the tick, then the reason chosen (离开原因…)
    tick = view_index(page, source_row(page, leaver), DraftModel.KEEP)
    page.table.setFocus()
    page.table.selectionModel().setCurrentIndex(tick, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert leaver not in page.model.kept_ids()
    assert "续保 2 人 · 离开 2 人 · 新增 0 人 · 应缴 ¥190.00" in page.summary_label.text()
    page.table.selectRow(view_index(page, source_row(page, leaver), DraftModel.NAME).row())
    page.activateWindow()
    qtbot.waitActive(page)
    qtbot.keyClick(page.table, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)  # 离开原因(&Y)…
    qtbot.waitUntil(lambda: page.reason_dialog is not None, timeout=2000)  # a mnemonic clicks after a moment
    reason_dialog = page.reason_dialog
    assert focused(reason_dialog) is reason_dialog.reason_combo
    reason_dialog.reason_combo.setCurrentIndex(reason_dialog.reason_combo.findText("离职/调出"))
    qtbot.keyClick(reason_dialog.reason_combo, Qt.Key.Key_Return)  # on to the words
    type_text(qtbot, reason_dialog.words_edit, "调离本单位")
    qtbot.keyClick(reason_dialog.words_edit, Qt.Key.Key_Return)
    assert page.model.leavers() == {leaver: "离职/调出：调离本单位", city.moved: None}

    # the joiner, typed in the small form with the keyboard (Chinese through the input method)
    qtbot.mouseClick(page.joiner_button, Qt.MouseButton.LeftButton)
    dialog = page.joiner_dialog
    assert dialog is not None and focused(dialog) is dialog.id_edit
    qtbot.keyClicks(dialog.id_edit, new_person(7).lower())
    press(qtbot, dialog)
    assert focused(dialog) is dialog.name_edit
    type_text(qtbot, dialog.name_edit, "林新来")
    press(qtbot, dialog)
    qtbot.keyClicks(dialog.phone_edit, "13900000007")
    with qtbot.waitSignal(page.joinerAdded, timeout=5000):
        press(qtbot, dialog)  # the last field: 添加
    assert not dialog.isVisible()
    assert "续保 2 人 · 离开 2 人 · 新增 1 人 · 应缴 ¥285.00" in page.summary_label.text()
    joiner_row = page.model.rowCount() - 1
    assert page.model.index(joiner_row, DraftModel.STATE).data() == "新增（录入）"
    qtmodeltester.check(page.model)
    page.grab().save(SHOTS.format("draft"))

    # 确认续保 -> the payment dialog (the unit pays) -> the receipt
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.confirmed, timeout=5000) as confirmed:
        answer_confirmation(page, "退休")  # the moved member's reason, then the summary
    result = confirmed.args[0]
    assert result.premium_due == 285 and len(result.enrollment_ids) == 3
    pay = page.payment_dialog
    assert pay is not None
    qtbot.waitUntil(lambda: pay.due is not None, timeout=5000)  # read off the GUI thread
    assert "商州区第一中学工会" in pay.payer_label.text()
    assert "¥285.00" in pay.due_label.text() and "3 人" in pay.due_label.text()
    pay.grab().save(SHOTS.format("payment"))
    qtbot.keyClicks(pay.amount_edit, "285")
    with qtbot.waitSignal(page.paid, timeout=5000) as paid:
        qtbot.keyClick(pay.amount_edit, Qt.Key.Key_Return)
    serial = paid.args[0].serial
    assert opened == [pay.pdf_path] and pay.pdf_path.exists()  # the receipt was shown
    with qtbot.waitSignal(page.draftLoaded, timeout=5000):
        pass  # the list is read again after the payment
    assert serial in page.message_label.text() and page.receipt_serial == serial
    # the finishing line says what was done: renewed, left, joined, and the amount
    assert "续保 2 人，离开 2 人，新增 1 人" in page.message_label.text()
    assert "已收款 ¥285.00" in page.message_label.text()
    assert page.model.index(source_row(page, kept[0]), DraftModel.STATE).data() == "已参保，已缴费"
    assert page.model.leavers() == {leaver: "离职/调出：调离本单位", city.moved: "退休"}  # still the clerk's decision
    page.grab().save(SHOTS.format("after"))

    with database.session(read_only=True) as s:
        plan_id = s.scalar(select(Plan.id).where(Plan.code == PLAN))
        new = {
            e.member_id: e
            for e in s.scalars(
                select(Enrollment).where(Enrollment.plan_id == plan_id, Enrollment.id.in_(result.enrollment_ids))
            )
        }
        joiner = s.scalar(select(Member).where(Member.id_number == new_person(7)))
        joiner_unit = joiner.unit.code
        payment = s.scalar(select(PremiumPayment).where(PremiumPayment.receipt_serial == serial))
        printed = s.scalar(select(PrintedDocument).where(PrintedDocument.serial == serial))
        leaver_2027 = s.scalar(select(Enrollment).where(Enrollment.member_id == leaver, Enrollment.plan_id == plan_id))
        left = s.scalar(
            select(RenewalLeaver).where(
                RenewalLeaver.member_id == leaver,
                RenewalLeaver.plan_id == plan_id,
                RenewalLeaver.withdrawn_at.is_(None),
            )
        )
        left_reason = left.reason if left is not None else None
    assert set(new) == {*kept, joiner.id}
    for member_id in kept:
        assert new[member_id].status == "paid" and new[member_id].continuous is True
        assert new[member_id].cover_start == date(2027, 1, 1) and new[member_id].payment_id == payment.id
    assert new[joiner.id].status == "paid" and new[joiner.id].continuous is False
    assert (joiner.name, joiner.phone, joiner_unit) == ("林新来", "13900000007", UNIT)
    assert leaver_2027 is None and left_reason == "离职/调出：调离本单位"  # recorded as a leaver, with the reason
    assert payment.amount_fen == 28500 and payment.paid_on == TODAY and printed is not None


def test_joiners_from_a_roster_file_bad_rows_listed(qtbot, qtmodeltester, page, database, city, tmp_path):
    with database.session(read_only=True) as s:
        on_list = s.scalar(select(Member).where(Member.id == city.moved))
    rows = [
        [1, "林一", new_person(1), "男", "13900000001", "", ""],
        [2, "林二", bad_check(new_person(2)), "男", "", "", ""],
        [3, on_list.name, on_list.id_number, "", "", "", ""],
    ]
    path = write_xlsx(tmp_path / "2027名册.xlsx", rows)
    with qtbot.waitSignal(page.rosterChecked, timeout=10000):
        page.add_roster(str(path))
    assert page.model.joiners()[0].name == "林一" and len(page.model.joiners()) == 1
    assert city.moved in page.model.kept_ids()  # on last year's list: ticked, not added twice
    text = page.message_label.text()
    assert "新增 1 人" in text and "1 人在去年的名单中" in text and "1 行有问题" in text
    dialog = page.bad_rows_dialog
    assert dialog is not None and dialog.isVisible()
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 1 and "校验码" in dialog.model.index(0, BadRowsModel.REASON).data()
    dialog.grab().save(SHOTS.format("bad_rows"))
    dialog.close()


def test_the_roster_bad_rows_are_saved_to_a_file_for_the_unit(qtbot, page, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    from mutualaid_desktop.ui.renewal import unit_renewal_joiners

    rows = [[1, "林一", new_person(1), "男", "", "", ""], [2, "林二", bad_check(new_person(2)), "男", "", "", ""]]
    path = write_xlsx(tmp_path / "2027名册.xlsx", rows)
    with qtbot.waitSignal(page.rosterChecked, timeout=10000):
        page.add_roster(str(path))
    dialog = page.bad_rows_dialog
    target = tmp_path / "out" / "问题行"
    asked = []
    monkeypatch.setattr(
        unit_renewal_joiners,
        "ask_save_file",
        lambda parent, caption, suggested, filters: asked.append(suggested) or str(target),
    )
    assert plain(dialog.save_button.text()) == "保存问题行…"
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked[0].name == "2027名册-问题行.xlsx"
    written = saved.args[0]
    assert str(written).endswith("问题行.xlsx") and str(written) in dialog.notice_label.text()
    sheet = load_workbook(written).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert "商州区第一中学工会" in values[0][0]
    assert any(bad_check(new_person(2)) in row and any("校验码" in str(v) for v in row) for row in values)
    assert not any(new_person(1) in row for row in values)  # the good row is not in it
    dialog.close()


def test_filter_finds_a_member_in_the_list(qtbot, page, city):
    name = next(iter(city.kept))
    page.filter_edit.setText(name)
    assert page.proxy.rowCount() == 1
    page.filter_edit.clear()
    assert page.proxy.rowCount() == page.model.rowCount()


def test_refused_renewal_is_shown_and_nothing_written(qtbot, page, database, city):
    member = min(city.kept.values())
    with database.session(read_only=True) as s:
        m = s.scalar(select(Member).where(Member.id == member))
        number, name = m.id_number, m.name
        before = len(s.scalars(select(Enrollment)).all())
    # another counter enrolls a kept member after the list was read
    enroll_member(database, city.admin, id_number=number, name=name, unit_code=UNIT, plan_code=PLAN, today=TODAY)
    page.confirm()
    with qtbot.waitSignal(page.failed, timeout=5000) as failed:
        answer_confirmation(page)
    assert "数据没有改动" in failed.args[0] and number[-4:] in failed.args[0]  # the masked ID number says who
    assert name not in failed.args[0] and number not in failed.args[0]
    assert page.payment_dialog is None and page.confirm_button.isEnabled()
    with database.session(read_only=True) as s:
        assert len(s.scalars(select(Enrollment)).all()) == before + 1


def test_a_typed_joiner_refused_stays_in_the_form(qtbot, page):
    page.open_joiner_dialog()
    dialog = page.joiner_dialog
    dialog.id_edit.setText(new_person(3, born=date(1950, 1, 1)))
    dialog.name_edit.setText("周老")
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=5000)
    assert "年龄不符合" in dialog.error_label.text() and dialog.isVisible()
    assert page.model.joiners() == []
    dialog.grab().save(SHOTS.format("joiner_refused"))
    dialog.reject()


def test_without_next_years_plan_the_clerk_is_told_what_to_do(qtbot, tmp_path, worker):
    db = open_counter_database(str(tmp_path / "c.sqlite3"))
    city = make_renewal_city(db, next_year=False)
    page = make_page(qtbot, db, city.admin, worker)
    assert page.plan_combo.count() == 0
    assert "请先在 设置 → 计划 中添加下一年度的计划" in page.message_label.text()
    assert not page.confirm_button.isEnabled() and not page.joiner_button.isEnabled()
    page.grab().save(SHOTS.format("no_plan"))
    page.close()
    worker.shutdown()
    db.dispose()


def test_unit_found_by_part_of_its_name_with_enter(qtbot, database, city, worker):
    page = make_page(qtbot, database, city.admin, worker)
    page.unit_combo.setFocus()
    page.unit_combo.lineEdit().setText("第一中学")
    with qtbot.waitSignal(page.draftLoaded, timeout=5000) as loaded:
        qtbot.keyClick(page.unit_combo.lineEdit(), Qt.Key.Key_Return)
    assert loaded.args[0].unit.code == UNIT and focused(page) is page.plan_combo


def test_reopening_the_unit_shows_the_recorded_leaver_unticked_with_the_reason(
    qtbot, qtmodeltester, page, database, city, worker, opened
):
    from mutualaid_desktop.store.models import RenewalLeaver

    kept = sorted(city.kept.values())
    leaver = kept.pop()
    page.model.set_keep(source_row(page, leaver), False)
    page.model.set_reason([source_row(page, leaver)], "退休")
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.confirmed, timeout=5000):
        answer_confirmation(page)  # the moved member: 离职/调出
    page.payment_dialog.reject()  # paid later

    # the unit's renewal opened again, in a new page (another day, another clerk): the leaver is still unticked
    again = make_page(qtbot, database, city.admin, worker)
    with qtbot.waitSignal(again.draftLoaded, timeout=5000):
        again.choose(UNIT)
    qtmodeltester.check(again.model)
    row = source_row(again, leaver)
    assert again.model.index(row, DraftModel.KEEP).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert again.model.index(row, DraftModel.STATE).data() == "离开（已登记）"
    assert again.model.index(row, DraftModel.REASON).data() == "退休"
    assert "原因：退休" in again.model.index(row, DraftModel.STATE).data(Qt.ItemDataRole.ToolTipRole)
    assert again.model.index(source_row(again, city.moved), DraftModel.STATE).data() == "离开（已登记）"
    assert "2 人已登记为离开" in again.message_label.text()
    assert again.model.leavers_to_record() == 0 and not again.confirm_button.isEnabled()  # nothing new to do
    again.table.setCurrentIndex(view_index(again, row, DraftModel.NAME))
    assert again.withdraw_button.isEnabled()
    again.grab().save("/tmp/leaver_unit_renewal.png")

    # ticked back and confirmed: renewed, the record withdrawn (kept)
    again.model.set_keep(row, True)
    assert again.model.index(row, DraftModel.STATE).data() == "续保（撤销离开登记）"
    qtbot.mouseClick(again.confirm_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(again.confirmed, timeout=5000) as confirmed:
        answer_confirmation(again)
    assert confirmed.args[0].kept == 1 and confirmed.args[0].leavers_withdrawn == 1
    again.payment_dialog.reject()
    with database.session(read_only=True) as s:
        records = {r.member_id: r for r in s.scalars(select(RenewalLeaver))}
        enrolled = s.scalar(
            select(Enrollment.status).where(
                Enrollment.member_id == leaver, Enrollment.plan_id == records[leaver].plan_id
            )
        )
    assert records[leaver].withdrawn_at is not None and enrolled == "pending_payment"
    assert records[city.moved].withdrawn_at is None


def test_leavers_alone_are_recorded_and_a_record_withdrawn(qtbot, page, database, city, opened):
    from mutualaid_desktop.store.models import RenewalLeaver

    page.model.set_all(False)
    assert plain(page.confirm_button.text()) == "登记离开" and page.confirm_button.isEnabled()
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.draftLoaded, timeout=5000):
        answer_confirmation(page)
    assert page.payment_dialog is None and page.message_label.text() == "已登记离开 4 人，没有需要缴费的人员。"
    member = min(city.kept.values())
    row = source_row(page, member)
    assert page.model.index(row, DraftModel.STATE).data() == "离开（已登记）"
    page.table.setCurrentIndex(view_index(page, row, DraftModel.NAME))
    with qtbot.waitSignal(page.draftLoaded, timeout=5000):
        qtbot.mouseClick(page.withdraw_button, Qt.MouseButton.LeftButton)
    assert "已撤销" in page.message_label.text()
    row = source_row(page, member)
    assert page.model.index(row, DraftModel.STATE).data() == "续保"  # open again: ticked by default
    with database.session(read_only=True) as s:
        live = set(s.scalars(select(RenewalLeaver.member_id).where(RenewalLeaver.withdrawn_at.is_(None))))
        assert s.scalar(select(Enrollment.id).where(Enrollment.member_id == member, Enrollment.plan_id == 2)) is None
    assert member not in live and len(live) == 3


def test_an_existing_members_id_number_fills_in_the_name_and_a_transfer_is_said_in_words(qtbot, page, database, city):
    from mutualaid_desktop.store.models import OrgUnit

    with database.session(read_only=True) as s:
        member = s.scalar(select(Member).where(Member.id == city.other_unit_member))
        number, name = member.id_number, member.name
        other_unit = s.scalar(select(OrgUnit.name).where(OrgUnit.id == member.unit_id))
    qtbot.mouseClick(page.joiner_button, Qt.MouseButton.LeftButton)
    dialog = page.joiner_dialog
    qtbot.keyClicks(dialog.id_edit, number)
    press(qtbot, dialog)  # Enter: the number is looked up, the focus moves on
    qtbot.waitUntil(lambda: dialog.name_edit.text() == name, timeout=5000)
    info = dialog.known_label.text()
    assert "已登记会员" in info and f"从 {other_unit} 转入" in info
    dialog.grab().save(SHOTS.format("joiner_known"))
    # another number: the name of the person before is not kept
    dialog.id_edit.setText(new_person(8))
    dialog.id_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: dialog.name_edit.text() == "", timeout=5000)
    assert "新会员" in dialog.known_label.text()
    dialog.id_edit.setText(number)
    dialog.id_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: dialog.name_edit.text() == name, timeout=5000)
    with qtbot.waitSignal(page.joinerAdded, timeout=5000):
        dialog.accept()
    row = page.model.rowCount() - 1
    assert page.model.index(row, DraftModel.STATE).data() == f"从 {other_unit} 转入（录入）"
    page.problems_check.setChecked(True)  # a transfer is a line to look at
    assert page.proxy.rowCount() >= 1 and any(
        page.proxy.index(r, DraftModel.STATE).data().startswith("从 ") for r in range(page.proxy.rowCount())
    )
