"""参保 at year-end (issue 10): a new ID number clears the previous person's fields; after a payment
the focus is back in the ID field; a cover wholly in the waiting period is refused for a clerk
and asked of a supervisor (the cover dates named); a plan past its 停止参保日 is not offered."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from mutualaid_desktop.services.admin.plans import change_enrollment_closes
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.enrollment.enrollment import enroll_member
from mutualaid_desktop.store.models import Enrollment, Member
from mutualaid_desktop.ui.enrollment.enrollment_page import EnrollmentPage
from tests.accounts import add_accounts
from tests.gui.helpers import focused, press, type_text
from tests.rosters import PLAN, TODAY, UNIT, make_counter, person_id

LATE = date(2027, 10, 15)  # SL-ZY-2027: cover from 10-16, 90 days of waiting end after 2027-12-31
CLERK = UserInfo(id=11, username="clerk", display_name="张经办", role="clerk")
BOSS = UserInfo(id=12, username="boss", display_name="赵主管", role="supervisor")


@pytest.fixture
def admin(database):
    user = make_counter(database)
    add_accounts(database, CLERK, BOSS)
    return user


def make_page(qtbot, database, user, worker, today=TODAY) -> EnrollmentPage:
    page = EnrollmentPage(database, user, worker=worker, today=lambda: today)
    qtbot.addWidget(page)
    page.resize(1000, 720)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: page.plan_combo.count() >= 1)
    page.unit_combo.setCurrentIndex(page.unit_combo.findData(UNIT))
    page.plan_combo.setCurrentIndex(page.plan_combo.findData(PLAN))
    return page


def count(database, model) -> int:
    with database.session(read_only=True) as s:
        return s.scalar(select(func.count()).select_from(model))


def enter_id(qtbot, page, number: str) -> None:
    page.id_edit.setFocus()
    page.id_edit.selectAll()
    qtbot.keyClicks(page.id_edit, number)
    press(qtbot, page)


class Answers:
    def __init__(self) -> None:
        self.answer = QMessageBox.StandardButton.Yes
        self.asked: list[str] = []

    def __call__(self, box) -> int:
        self.asked.append(box.text())
        box.show()
        QApplication.processEvents()
        box.grab().save("/tmp/plans-enroll-confirm.png")
        box.hide()
        return self.answer


@pytest.fixture
def answers(monkeypatch):
    answering = Answers()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answering(box))
    return answering


def test_a_new_id_number_clears_the_previous_persons_fields(qtbot, database, admin, worker):
    enroll_member(
        database,
        admin,
        id_number=person_id(1),
        name="张伟",
        phone="13800000001",
        employee_no="A001",
        unit_code=UNIT,
        plan_code="ZB-ZJ-2027",
        today=TODAY,
    )
    page = make_page(qtbot, database, CLERK, worker)
    enter_id(qtbot, page, person_id(1))
    qtbot.waitUntil(lambda: page.name_edit.text() == "张伟", timeout=5000)
    assert page.phone_edit.text() == "13800000001" and page.employee_edit.text() == "A001"
    enter_id(qtbot, page, person_id(2))  # the next person's card, without 清空
    assert (page.name_edit.text(), page.phone_edit.text(), page.employee_edit.text()) == ("", "", "")
    assert "张伟" not in page.person_label.text() and "出生 1980-05-01" in page.person_label.text()
    qtbot.wait(200)  # the look-up of the new number finds nobody: nothing comes back
    assert page.name_edit.text() == "" and focused(page) is page.name_edit
    assert page.unit_code() == UNIT and page.plan_code() == PLAN  # unit and plan stay


def test_after_a_payment_the_focus_is_back_in_the_id_field(qtbot, database, admin, worker, opened):
    page = make_page(qtbot, database, CLERK, worker)
    enter_id(qtbot, page, person_id(1))
    type_text(qtbot, page.name_edit, "张伟")
    with qtbot.waitSignal(page.enrolled, timeout=5000):
        page.save()
    page.pay_button.setFocus()
    qtbot.keyClick(page.pay_button, Qt.Key.Key_Space)
    dialog = page.payment_dialog
    qtbot.waitUntil(lambda: dialog.due is not None and not dialog.loading, timeout=5000)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    qtbot.keyClicks(dialog.amount_edit, "95")
    with qtbot.waitSignal(dialog.paymentRecorded, timeout=10000):
        qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: focused(page) is page.id_edit, timeout=3000)
    assert "已收款" in page.message_label.text() and not page.pay_button.isEnabled()


def test_a_clerk_is_refused_a_cover_wholly_in_the_waiting_period(qtbot, database, admin, worker, answers):
    page = make_page(qtbot, database, CLERK, worker, today=LATE)
    assert page.waiting_label.isVisible() and "整个保障期都在观察期内" in page.waiting_label.text()
    assert "经办人不能" in page.waiting_label.text()
    enter_id(qtbot, page, person_id(1))
    type_text(qtbot, page.name_edit, "张伟")
    with qtbot.waitSignal(page.saveFailed, timeout=5000):
        page.save()
    text = page.message_label.text()
    assert "不能办理" in text and "2027-10-16 至 2027-12-31" in text and "2028-01-14" in text and "主管" in text
    assert page.message_label.property("state") == "error" and answers.asked == []
    assert count(database, Enrollment) == 0 and count(database, Member) == 0
    page.resize(1000, 900)
    qtbot.wait(50)
    page.grab().save("/tmp/plans-enroll-refused.png")


def test_a_supervisor_confirms_the_cover_dates_first(qtbot, database, admin, worker, answers):
    page = make_page(qtbot, database, BOSS, worker, today=LATE)
    enter_id(qtbot, page, person_id(1))
    type_text(qtbot, page.name_edit, "张伟")
    answers.answer = QMessageBox.StandardButton.No
    with qtbot.waitSignal(page.saveFailed, timeout=5000):
        page.save()
    assert "2027-10-16 至 2027-12-31" in answers.asked[0] and count(database, Enrollment) == 0
    assert "没有保存" in page.message_label.text()
    answers.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(page.enrolled, timeout=5000) as enrolled:
        page.save()
    assert len(answers.asked) == 2 and enrolled.args[0].waiting_warning
    assert count(database, Enrollment) == 1 and page.message_label.property("state") == "warning"


def test_a_plan_closed_while_the_page_is_out_of_sight_is_no_longer_offered_when_it_is_shown(
    qtbot, database, admin, worker
):
    from mutualaid_desktop.services.changes import subscribe

    page = make_page(qtbot, database, CLERK, worker, today=LATE)
    assert page.plan_combo.findData(PLAN) >= 0
    page.hide()
    stop = subscribe(page.apply_changes)  # as the window hands every change report to its screens
    try:
        change_enrollment_closes(database, BOSS, PLAN, date(2027, 9, 30))
    finally:
        stop()
    assert page.plan_combo.findData(PLAN) >= 0  # out of sight: nothing read yet
    with qtbot.waitSignal(page.choicesLoaded, timeout=5000):
        page.show()
    assert page.plan_combo.findData(PLAN) < 0 and page.plan_combo.findData("ZB-ZJ-2027") >= 0
