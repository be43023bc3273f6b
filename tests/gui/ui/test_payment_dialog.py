"""The payment dialog: the clerk types the amount, Enter records the payment and opens the receipt."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Enrollment, PremiumPayment, PrintedDocument
from mutualaid_desktop.ui import payment_dialog
from mutualaid_desktop.ui.payment_dialog import PaymentDialog
from tests.integration.services.payments_data import make_counter

TODAY = date(2026, 11, 29)


@pytest.fixture
def opened(monkeypatch):
    paths = []
    monkeypatch.setattr(payment_dialog, "open_pdf", lambda path, **kw: paths.append(path) or True)
    return paths


@pytest.fixture
def counter(database):
    return make_counter(database, members=4)


def dialog_for(qtbot, database, counter, ids=None, user=None):
    ids = counter.enrollment_ids["SL-ZY-2027"] if ids is None else ids
    dialog = PaymentDialog(database, user or counter.clerk, enrollment_ids=ids, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_shows_payer_people_and_amount_due(qtbot, qtmodeltester, database, counter, opened):
    dialog = dialog_for(qtbot, database, counter)
    qtmodeltester.check(dialog.model)
    assert "商州区第一中学工会" in dialog.payer_label.text()
    assert dialog.model.rowCount() == 4
    assert "¥380.00" in dialog.due_label.text() and "4 人" in dialog.due_label.text()
    assert "人民币叁佰捌拾元整" in dialog.words_label.text()
    assert "2027-01-01" in dialog.lines_label.text()
    assert dialog.method_combo.currentText() == "现金"
    assert dialog.date_edit.date().toPython() == TODAY
    assert dialog.focusWidget() is dialog.amount_edit
    dialog.grab().save("/tmp/shot-payment.png")


def test_wrong_amount_is_refused_then_the_right_one_is_recorded(qtbot, database, counter, opened):
    dialog = dialog_for(qtbot, database, counter)
    qtbot.keyClicks(dialog.amount_edit, "300")
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "少于应缴金额 ¥380.00" in dialog.message_label.text()
    with UnitOfWork(database, read_only=True) as uow:
        assert uow.session.scalar(select(PremiumPayment)) is None
    # choose 转账 with the keyboard, type the amount, Enter
    dialog.method_combo.setFocus()
    qtbot.keyClick(dialog.method_combo, Qt.Key.Key_Down)
    assert dialog.method == "transfer"
    dialog.amount_edit.setFocus()
    dialog.amount_edit.selectAll()
    qtbot.keyClicks(dialog.amount_edit, "380")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert dialog.result.serial == "SJ2026-000001"
    assert opened == [dialog.pdf_path] and dialog.pdf_path.exists()
    with UnitOfWork(database, read_only=True) as uow:
        payment = uow.session.scalar(select(PremiumPayment))
        assert (payment.amount_fen, payment.method, payment.paid_on, payment.clerk_id) == (
            38000, "transfer", TODAY, counter.clerk.id)
        statuses = {e.status for e in uow.session.scalars(select(Enrollment).where(Enrollment.payment_id == payment.id))}
        assert statuses == {"paid"}
        assert uow.session.scalar(select(PrintedDocument.serial)) == "SJ2026-000001"


def test_member_alone_pays_for_himself(qtbot, database, counter, opened):
    dialog = dialog_for(qtbot, database, counter, ids=[counter.loner_id])
    assert dialog.payer_combo.count() == 1 and "个人" in dialog.payer_combo.currentText()
    qtbot.keyClicks(dialog.amount_edit, "95.00")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert dialog.result.amount == Decimal("95.00")
    with UnitOfWork(database, read_only=True) as uow:
        assert uow.session.scalar(select(PremiumPayment.payer_member_id)) == counter.loner_member_id


def test_already_paid_enrollments_can_not_be_paid_again(qtbot, database, counter, opened):
    first = dialog_for(qtbot, database, counter)
    qtbot.keyClicks(first.amount_edit, "380")
    with qtbot.waitSignal(first.accepted):
        qtbot.keyClick(first.amount_edit, Qt.Key.Key_Return)
    second = dialog_for(qtbot, database, counter)
    assert not second.confirm_button.isEnabled()
    assert "已缴费" in second.message_label.text()


def test_without_a_pdf_viewer_the_clerk_is_told_where_the_file_is(monkeypatch, tmp_path):
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    from mutualaid_desktop.ui import payment_dialog

    shown = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda parent, title, text: shown.append(text)))
    path = tmp_path / "SJ2026-000001.pdf"
    assert payment_dialog.open_pdf(path) is False
    assert len(shown) == 1 and str(path) in shown[0]
