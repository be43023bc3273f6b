"""参保 near the plan's end (issue 9): when the rest of the cover lies wholly inside the waiting period
the page says so on saving, and 收款 takes no money until the clerk confirms the payer was told."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Enrollment, PremiumPayment
from mutualaid_desktop.ui.enrollment.enrollment_page import EnrollmentPage
from tests.gui.helpers import focused, type_text
from tests.rosters import PLAN, UNIT, make_counter, person_id

LATE = date(2027, 10, 15)  # cover from 10-16; 90 days of waiting end after 2027-12-31


@pytest.fixture
def page(qtbot, database, worker, opened):
    admin = make_counter(database)
    widget = EnrollmentPage(database, admin, worker=worker, today=lambda: LATE)
    qtbot.addWidget(widget)
    widget.resize(1000, 720)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: widget.plan_combo.count() == 2)
    return widget


def payments(db) -> tuple[int, set[str]]:
    with UnitOfWork(db, read_only=True) as uow:
        return (
            uow.session.scalar(select(func.count()).select_from(PremiumPayment)),
            set(uow.session.scalars(select(Enrollment.status))),
        )


def test_the_whole_cover_in_the_waiting_period_is_said_and_confirmed_before_money_is_taken(
    qtbot, page, database, opened, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    asked = []  # issue 10: an administrator confirms the cover dates before the enrollment is saved
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.Yes)
    page.unit_combo.setCurrentIndex(page.unit_combo.findData(UNIT))
    page.plan_combo.setCurrentIndex(page.plan_combo.findData(PLAN))
    qtbot.keyClicks(page.id_edit, person_id(1))
    qtbot.keyClick(page.id_edit, Qt.Key.Key_Return)
    page.name_edit.setFocus()
    type_text(qtbot, page.name_edit, "张伟")
    with qtbot.waitSignal(page.enrolled, timeout=5000) as enrolled:
        page.save()
    assert enrolled.args[0].waiting_warning is not None and "2027-10-16 至 2027-12-31" in asked[0]
    assert "整个保障期都在观察期内" in page.message_label.text()
    assert page.message_label.property("state") == "warning"

    page.pay_button.setFocus()
    qtbot.keyClick(page.pay_button, Qt.Key.Key_Space)
    dialog = page.payment_dialog
    qtbot.waitUntil(lambda: dialog.due is not None and not dialog.loading, timeout=5000)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    assert dialog.waiting_label.isVisible() and "整个保障期都在观察期内" in dialog.waiting_label.text()
    assert "1 人" in dialog.waiting_label.text()
    assert not dialog.confirm_button.isEnabled() and not dialog.waiting_check.isChecked()
    assert focused(dialog) is dialog.amount_edit
    qtbot.keyClicks(dialog.amount_edit, "95")
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)  # not yet: the payer has not been told
    assert "请先向缴款人说明" in dialog.message_label.text() and focused(dialog) is dialog.waiting_check
    assert payments(database) == (0, {"pending_payment"})
    qtbot.keyClick(dialog.waiting_check, Qt.Key.Key_Space)
    assert dialog.waiting_check.isChecked() and dialog.confirm_button.isEnabled()
    dialog.amount_edit.setFocus()
    with qtbot.waitSignal(dialog.paymentRecorded, timeout=10000):
        qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert payments(database) == (1, {"paid"})
    assert len(opened) == 1


def test_the_roster_import_says_it_before_importing(qtbot, database, worker, tmp_path):
    from mutualaid_desktop.ui.enrollment.roster_import_dialog import RosterImportDialog
    from tests.rosters import write_xlsx

    admin = make_counter(database)
    dialog = RosterImportDialog(database, admin, worker=worker, unit_code=UNIT, plan_code=PLAN, today=lambda: LATE)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.plan_combo.count() == 2 and dialog.unit_combo.count() == 2)
    dialog.file_edit.setText(str(write_xlsx(tmp_path / "r.xlsx", [[1, "张伟", person_id(1)]])))
    with qtbot.waitSignal(dialog.previewReady, timeout=15000):
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.notice_label.isVisible() and "整个保障期都在观察期内" in dialog.notice_label.text()
    assert payments(database) == (0, set())  # nothing imported yet
