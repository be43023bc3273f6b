"""The 参保 page driven with the keyboard, as at the counter; the database checked afterwards."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from mutualaid_desktop.services.admin.plans import set_min_participation
from mutualaid_desktop.services.enrollment.enrollment import enroll_member
from mutualaid_desktop.store.models import Enrollment, Member
from mutualaid_desktop.ui.enrollment.enrollment_page import EnrollmentPage
from tests.gui.helpers import focused, press, type_text
from tests.gui.ui.freed import freed_when_dropped
from tests.lock_holder import LockHolder
from tests.rosters import CRITICAL, OTHER_UNIT, PLAN, TODAY, UNIT, make_counter, person_id


@pytest.fixture
def counter(database):
    return make_counter(database)


@pytest.fixture
def page(qtbot, database, counter, worker):
    widget = EnrollmentPage(database, counter, worker=worker, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1000, 720)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: widget.plan_combo.count() == 2)
    assert focused(widget) is widget.id_edit  # ready for the card reader
    return widget


def choose(page, unit=UNIT, plan=PLAN):
    page.unit_combo.setCurrentIndex(page.unit_combo.findData(unit))
    page.plan_combo.setCurrentIndex(page.plan_combo.findData(plan))


def test_scan_enter_fill_in_and_save_with_the_keyboard(qtbot, page, database):
    choose(page)
    page.id_edit.setFocus()
    qtbot.keyClicks(page.id_edit, person_id(1).lower())
    press(qtbot, page)  # the card reader's Enter
    assert "出生 1980-05-01" in page.person_label.text() and "男" in page.person_label.text()
    assert "46 周岁" in page.person_label.text()
    assert focused(page) is page.name_edit
    type_text(qtbot, page.name_edit, "张伟")
    press(qtbot, page)
    assert focused(page) is page.phone_edit
    qtbot.keyClicks(page.phone_edit, "13800000001")
    # 份数 is skipped: a reimbursement plan has one share
    for expected in (page.employee_edit, page.unit_combo, page.plan_combo, page.save_button):
        press(qtbot, page)
        assert focused(page) in (expected, getattr(expected, "lineEdit", lambda: None)())
    with qtbot.waitSignal(page.enrolled, timeout=5000) as saved:
        press(qtbot, page)
    assert saved.args[0].premium == 95
    assert "已保存" in page.message_label.text()
    assert page.id_edit.text() == "" and focused(page) is page.id_edit
    assert page.saved_model.rowCount() == 1 and page.pay_button.isEnabled()
    with database.session(read_only=True) as s:
        member = s.scalar(select(Member))
        enrollment = s.scalar(select(Enrollment))
        assert (member.name, member.phone, member.unit.code) == ("张伟", "13800000001", UNIT)
        assert (enrollment.status, enrollment.premium_fen) == ("pending_payment", 9500)


def test_age_limit_is_checked_live_and_refused_on_save(qtbot, page, database):
    choose(page)
    page.id_edit.setText(person_id(1, born=date(1962, 3, 4)))
    page.id_entered()
    assert "不符合参保条件：本计划参保年龄为 16至60 周岁" in page.person_label.text()
    assert page.person_problem() is not None
    page.name_edit.setText("周建国")
    with qtbot.waitSignal(page.saveFailed, timeout=5000) as failed:
        page.save()
    assert "年龄" in failed.args[0] and focused(page) is page.id_edit
    with database.session(read_only=True) as s:
        assert s.scalar(select(Member)) is None


def test_invalid_number_is_shown_at_once(qtbot, page):
    page.id_edit.setText("611002198005010035")
    page.id_entered()
    assert "校验码" in page.person_label.text()
    assert focused(page) is page.id_edit


def test_shares_follow_the_plan(qtbot, page):
    choose(page, plan=CRITICAL)
    assert page.shares_spin.maximum() == 3 and page.shares_spin.isEnabled()
    page.shares_spin.setValue(3)
    assert "90.00" in page.premium_label.text()
    choose(page, plan=PLAN)
    assert page.shares_spin.maximum() == 1 and not page.shares_spin.isEnabled()


def test_existing_member_fills_in_and_already_covered_is_refused(qtbot, page, database, counter):
    enroll_member(
        database,
        counter,
        id_number=person_id(1),
        name="张伟",
        phone="13800000001",
        unit_code=OTHER_UNIT,
        plan_code=PLAN,
        today=TODAY,
    )
    choose(page)
    page.id_edit.setText(person_id(1))
    page.id_entered()
    qtbot.waitUntil(lambda: page.name_edit.text() == "张伟")
    assert page.phone_edit.text() == "13800000001"
    assert "已参加本计划" in page.person_label.text()
    with qtbot.waitSignal(page.saveFailed, timeout=5000) as failed:
        page.save()
    assert "已参加本计划" in failed.args[0]


def test_unit_searchable_by_part_of_its_name(qtbot, page):
    page.unit_combo.setFocus()
    page.unit_combo.lineEdit().setText("人民医院")
    page.eventFilter(page.unit_combo.lineEdit(), _enter())
    assert page.unit_code() == OTHER_UNIT


def _enter():
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    return QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)


def test_participation_warning_is_shown_not_refused(qtbot, database, counter, worker):
    set_min_participation(database, PLAN, 60)
    page = EnrollmentPage(database, counter, worker=worker, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.plan_combo.count() == 2)
    choose(page)
    qtbot.waitUntil(lambda: page.participation_label.isVisible())
    assert "低于本计划要求的 60%" in page.participation_label.text()
    page.id_edit.setText(person_id(1))
    page.parse_id()
    page.name_edit.setText("张伟")
    with qtbot.waitSignal(page.enrolled, timeout=5000):
        page.save()


def test_pay_button_opens_the_payment_dialog(qtbot, page, database):
    choose(page)
    page.id_edit.setText(person_id(1))
    page.parse_id()
    page.name_edit.setText("张伟")
    with qtbot.waitSignal(page.enrolled, timeout=5000):
        page.save()
    assert page.pay_button.isVisible() and page.pay_button.isEnabled()
    qtbot.mouseClick(page.pay_button, Qt.MouseButton.LeftButton)
    dialog = page.payment_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_saved_model(qtmodeltester, page):
    qtmodeltester.check(page.saved_model)


@pytest.mark.parametrize(
    ("field", "typed", "said"),
    [
        ("name_edit", "张\u202e伟", "姓名第 2 个字符是看不见的格式字符"),  # a bidi override pasted from a web page
        ("name_edit", "张伟3", "姓名第 3 个字符是数字"),
        ("phone_edit", "139\u200b12345678", "手机第 4 个字符"),
        ("employee_edit", "A\x1b01", "工号第 2 个字符是控制字符"),
    ],
)
def test_hostile_text_is_refused_at_its_field_and_nothing_is_saved(qtbot, page, database, field, typed, said):
    choose(page)
    page.id_edit.setText(person_id(1))
    page.id_entered()
    page.name_edit.setText("张伟")
    edit = getattr(page, field)
    edit.setText(typed)  # pasted
    edit.textEdited.emit(typed)
    with qtbot.waitSignal(page.saveFailed, timeout=5000) as failed:
        page.save()
    assert said in failed.args[0] and said in page.message_label.text()
    assert typed not in page.message_label.text()
    # at the field: it has the focus, framed in red, with the message as its tooltip, its text kept
    assert focused(page) is edit and edit.property("invalid") is True and said in edit.toolTip()
    assert edit.text() == typed and edit.selectedText() == typed
    with database.session(read_only=True) as s:
        assert s.scalar(select(Member)) is None and s.scalar(select(Enrollment)) is None
    type_text(qtbot, edit, "x")  # typing over it takes the mark away
    assert not edit.property("invalid") and edit.toolTip() == ""


def test_a_save_refused_because_another_counter_holds_the_database_keeps_the_focus_on_save(qtbot, page, database):
    """Seen under Xvfb on 理赔受理: while the save waited, Qt moved the focus from the disabled 保存 to
    清空; after the refusal a second Enter (to try again) would have emptied the form."""
    choose(page)
    page.id_edit.setFocus()
    qtbot.keyClicks(page.id_edit, person_id(1))
    press(qtbot, page)
    type_text(qtbot, page.name_edit, "张伟")
    page.save_button.setFocus()
    database.busy.total_seconds = 1
    with LockHolder(database.path), qtbot.waitSignal(page.saveFailed, timeout=20000) as failed:
        press(qtbot, page)
    assert "另一个柜台" in failed.args[0]
    assert focused(page) is page.save_button and page.name_edit.text() == "张伟"
    with qtbot.waitSignal(page.enrolled, timeout=5000):
        press(qtbot, page)  # Enter again: saved now


def test_the_page_is_freed_when_dropped(qtbot, database, counter, worker):
    """Its person (ui/enrollment/person_entry.py) keeps no reference back to it."""
    enroll_member(database, counter, id_number=person_id(1), name="张伟", unit_code=UNIT, plan_code=PLAN, today=TODAY)

    def ready(page) -> bool:  # the choices read, then the person on file looked up: nothing pending
        if page.plan_combo.count() == 2 and not page.id_edit.text():
            page.id_edit.setText(person_id(1))
            page.id_entered()
        return page.name_edit.text() == "张伟"

    assert freed_when_dropped(
        qtbot, worker, lambda: EnrollmentPage(database, counter, worker=worker, today=lambda: TODAY), ready
    )
