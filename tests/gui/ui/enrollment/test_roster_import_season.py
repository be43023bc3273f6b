"""导入名册 at year-end (issue 10): no unit is guessed (a roster cannot land in the first unit of the
list), 收款 is offered once, a cover wholly in the waiting period is refused for a clerk and
confirmed by a supervisor."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.store.models import Enrollment, PremiumPayment
from mutualaid_desktop.ui.enrollment.enrollment_page import EnrollmentPage
from mutualaid_desktop.ui.enrollment.roster_import_dialog import RosterImportDialog
from tests.accounts import add_accounts
from tests.rosters import PLAN, TODAY, UNIT, make_counter, person_id, write_csv

LATE = date(2027, 10, 15)  # SL-ZY-2027: cover from 10-16 wholly inside 90 days of waiting
CLERK = UserInfo(id=11, username="clerk", display_name="张经办", role="clerk")
BOSS = UserInfo(id=12, username="boss", display_name="赵主管", role="supervisor")


@pytest.fixture
def admin(database):
    user = make_counter(database)
    add_accounts(database, CLERK, BOSS)
    return user


def open_dialog(qtbot, database, user, worker, today=TODAY) -> RosterImportDialog:
    dialog = RosterImportDialog(database, user, worker=worker, plan_code=PLAN, today=lambda: today)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.plan_combo.count() == 2 and dialog.unit_combo.count() == 2)
    return dialog


def roster(tmp_path):
    return write_csv(
        tmp_path / "r.csv", [[1, "张伟", person_id(1)], [2, "李娜", person_id(2, male=False), "女"]], encoding="utf-8"
    )


def check_and_import(qtbot, dialog, path) -> None:
    dialog.file_edit.setText(str(path))
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData(UNIT))
    with qtbot.waitSignal(dialog.previewReady, timeout=15000):
        dialog.check()


def count(database, model) -> int:
    with database.session(read_only=True) as s:
        return s.scalar(select(func.count()).select_from(model))


def test_no_unit_is_chosen_until_the_clerk_chooses_one(qtbot, database, admin, worker, tmp_path):
    page = EnrollmentPage(database, CLERK, worker=worker, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.plan_combo.count() == 2)
    page.unit_combo.setCurrentIndex(page.unit_combo.findData(UNIT))  # a walk-in's unit left on the page
    page.open_import()
    dialog = page.import_dialog
    qtbot.waitUntil(lambda: dialog.unit_combo.count() == 2)
    assert dialog.unit_code() is None and dialog.plan_code() == PLAN
    dialog.file_edit.setText(str(roster(tmp_path)))
    assert not dialog.check_button.isEnabled() and "请选择单位" in dialog.summary_label.text()
    dialog.check()  # Enter on the default button: nothing happens
    assert dialog.preview is None
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData(UNIT))
    assert dialog.check_button.isEnabled() and dialog.check_button.toolTip() == ""
    dialog.close()


def test_after_payment_collect_is_not_offered_again(qtbot, database, admin, worker, tmp_path, opened):
    dialog = open_dialog(qtbot, database, CLERK, worker)
    check_and_import(qtbot, dialog, roster(tmp_path))
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        dialog.run_import()
    assert dialog.pay_button.isVisible()
    dialog.open_payment()
    payment = dialog.payment_dialog
    qtbot.waitUntil(lambda: payment.due is not None and not payment.loading, timeout=5000)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is payment, timeout=3000)
    qtbot.keyClicks(payment.amount_edit, "190")
    with qtbot.waitSignal(payment.paymentRecorded, timeout=10000):
        qtbot.keyClick(payment.amount_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not payment.isVisible(), timeout=5000)
    assert not dialog.pay_button.isVisible() and "已收款" in dialog.summary_label.text()
    dialog.open_payment()  # not offered: nothing opens
    assert dialog.payment_dialog is payment and count(database, PremiumPayment) == 1


def test_a_clerk_cannot_import_covers_wholly_in_the_waiting_period(
    qtbot, database, admin, worker, tmp_path, monkeypatch
):
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.Yes)
    dialog = open_dialog(qtbot, database, CLERK, worker, today=LATE)
    check_and_import(qtbot, dialog, roster(tmp_path))
    with qtbot.waitSignal(dialog.failed, timeout=10000):
        dialog.run_import()
    assert "不能办理" in dialog.error_label.text() and "其中 2 人" in dialog.error_label.text()
    assert asked == [] and count(database, Enrollment) == 0 and dialog.result is None


def test_a_supervisor_confirms_the_cover_dates_and_imports(qtbot, database, admin, worker, tmp_path, monkeypatch):
    asked = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or answer[0])
    dialog = open_dialog(qtbot, database, BOSS, worker, today=LATE)
    check_and_import(qtbot, dialog, roster(tmp_path))
    dialog.run_import()
    qtbot.waitUntil(lambda: len(asked) == 1 and not dialog.is_busy(), timeout=10000)
    assert "2027-10-16 至 2027-12-31" in asked[0] and "没有导入" in dialog.error_label.text()
    assert count(database, Enrollment) == 0 and dialog.import_button.isEnabled()
    answer[0] = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        dialog.run_import()
    assert count(database, Enrollment) == 2
