"""The 票据 page: list, find, reprint, void, roster, cash-up and collecting a payment, with the keyboard."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from mutualaid_desktop.services.enrollment.payments import due_for, record_payment
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Enrollment, PremiumPayment, PrintedDocument
from mutualaid_desktop.ui.enrollment.receipts_page import ReceiptsPage
from tests.gui.helpers import type_text
from tests.integration.services.payments_data import make_counter


def serial(n: int) -> str:
    return f"SJ{date.today().year}-{n:06d}"


@pytest.fixture
def counter(database):
    counter = make_counter(database, members=25)
    for ids, code in (
        (counter.enrollment_ids["SL-ZY-2027"], counter.unit_code),
        (counter.other_ids, counter.other_unit_code),
    ):
        record_payment(
            database,
            counter.clerk,
            enrollment_ids=ids,
            payer_unit_code=code,
            amount=due_for(database, enrollment_ids=ids).total,
            method="cash",
            paid_on=date.today(),
        )
    return counter


def make_page(qtbot, database, user, worker):
    page = ReceiptsPage(database, user, worker=worker)
    qtbot.addWidget(page)
    page.resize(1200, 640)
    with qtbot.waitSignal(page.receiptsLoaded, timeout=5000):
        page.show()
    return page


def test_lists_the_days_receipts_and_finds_by_serial(qtbot, qtmodeltester, database, counter, worker, opened):
    page = make_page(qtbot, database, counter.clerk, worker)
    qtmodeltester.check(page.model)
    assert [r.serial for r in page.model.rows()] == [serial(2), serial(1)]
    assert "共 2 张收据" in page.status_label.text() and "¥2,565.00" in page.status_label.text()
    page.grab().save("/tmp/shot-receipts.png")
    page.serial_edit.setFocus()
    qtbot.keyClicks(page.serial_edit, serial(1)[-6:])
    with qtbot.waitSignal(page.receiptsLoaded):
        qtbot.keyClick(page.serial_edit, Qt.Key.Key_Return)
    assert [r.serial for r in page.model.rows()] == [serial(1)]
    assert page.table.hasFocus()
    page.serial_edit.clear()
    page.payer_edit.setFocus()
    type_text(qtbot, page.payer_edit, "人民医院")
    with qtbot.waitSignal(page.receiptsLoaded):
        qtbot.keyClick(page.payer_edit, Qt.Key.Key_Return)
    assert [r.payer_name for r in page.model.rows()] == ["商州区人民医院工会"]


def test_reprint_and_roster_make_pdfs_and_record_them(qtbot, database, counter, worker, opened):
    page = make_page(qtbot, database, counter.clerk, worker)
    page.table.selectRow(1)  # SJ2026-000001, the school's 25 people
    with qtbot.waitSignal(page.paperMade, timeout=10000):
        qtbot.mouseClick(page.reprint_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.paperMade, timeout=10000):
        page.roster_button.click()
    assert len(opened) == 2 and all(p.exists() for p in opened)
    with UnitOfWork(database, read_only=True) as uow:
        docs = [
            (d.kind, d.serial, d.copy_number)
            for d in uow.session.scalars(select(PrintedDocument).order_by(PrintedDocument.id))
        ]
    assert ("premium_receipt", serial(1), 1) in docs
    assert ("unit_roster", serial(1), 0) in docs
    from pypdf import PdfReader

    roster = PdfReader(opened[1])
    assert len(roster.pages) == 2
    assert "第 2 页 共 2 页" in roster.pages[1].extract_text()


def test_void_with_the_keyboard(qtbot, database, counter, worker, opened):
    page = make_page(qtbot, database, counter.clerk, worker)
    page.table.setFocus()
    page.table.selectRow(0)  # SJ2026-000002
    page.void_button.click()
    dialog = page.void_dialog
    assert dialog is not None and not dialog.ok_button.isEnabled()  # a reason is required
    type_text(qtbot, dialog.reason_edit, "收款方式录错")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(page.actionDone, timeout=5000):
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.is_loading())
    with UnitOfWork(database, read_only=True) as uow:
        payment = uow.session.scalar(select(PremiumPayment).where(PremiumPayment.receipt_serial == serial(2)))
        assert payment.voided and payment.void_reason == "收款方式录错"
        statuses = {
            e.status for e in uow.session.scalars(select(Enrollment).where(Enrollment.id.in_(counter.other_ids)))
        }
        assert statuses == {"pending_payment"}
    qtbot.waitUntil(lambda: page.model.rows() and page.model.rows()[0].voided)
    assert page.model.data(page.model.index(0, page.model.STATUS)) == "作废"
    assert not page.void_button.isEnabled()


def test_other_clerk_may_not_void_and_the_service_refuses_too(qtbot, database, counter, worker, opened):
    """The button is disabled (test below); the service refuses whatever the screen does."""
    page = make_page(qtbot, database, counter.clerk2, worker)
    page.table.selectRow(0)
    with qtbot.waitSignal(page.actionFailed, timeout=5000) as failed:
        page._void(page.selected().serial, "不是我的")
    assert "主管" in failed.args[0]
    with UnitOfWork(database, read_only=True) as uow:
        assert not any(uow.session.scalars(select(PremiumPayment.voided)))


def test_cash_up_for_the_clerk_and_a_supervisor_choosing_a_clerk(qtbot, database, counter, worker, opened):
    page = make_page(qtbot, database, counter.clerk, worker)
    assert not page.clerk_combo.isEnabled()
    with qtbot.waitSignal(page.paperMade, timeout=10000):
        page.cash_up_button.click()
    from pypdf import PdfReader

    text = PdfReader(opened[-1]).pages[0].extract_text()
    assert "张经办" in text and serial(1) in text and "人民币贰仟伍佰陆拾伍元整" in text

    boss = make_page(qtbot, database, counter.supervisor, worker)
    qtbot.waitUntil(lambda: boss.clerk_combo.count() > 1)
    assert boss.clerk_combo.isEnabled()
    boss.clerk_combo.setCurrentIndex(boss.clerk_combo.findText("李经办"))
    with qtbot.waitSignal(boss.paperMade, timeout=10000):
        boss.cash_up_button.click()
    text = PdfReader(opened[-1]).pages[0].extract_text()
    assert "李经办" in text and "当日没有收据" in text


def test_collect_a_payment_from_the_pending_list(qtbot, qtmodeltester, database, counter, worker, opened):
    page = make_page(qtbot, database, counter.clerk, worker)
    page.pay_button.click()
    qtbot.waitUntil(lambda: page.pending_dialog is not None and page.pending_dialog.isVisible())
    pending = page.pending_dialog
    qtmodeltester.check(pending.model)
    assert pending.model.rowCount() == 1  # the member without a unit
    qtbot.keyClick(pending.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.payment_dialog is not None and page.payment_dialog.isVisible())
    dialog = page.payment_dialog
    qtbot.waitUntil(lambda: dialog.due is not None, timeout=5000)  # read off the GUI thread
    qtbot.keyClicks(dialog.amount_edit, "95")
    with qtbot.waitSignal(page.receiptsLoaded, timeout=5000):
        qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert next(r.serial for r in page.model.rows()) == serial(3)
    with UnitOfWork(database, read_only=True) as uow:
        assert uow.session.get(Enrollment, counter.loner_id).status == "paid"


def test_void_is_disabled_with_the_reason_before_a_reason_is_typed(qtbot, database, counter, worker, opened):
    page = make_page(qtbot, database, counter.clerk2, worker)
    page.table.selectRow(0)
    assert not page.void_button.isEnabled()
    assert "主管" in page.void_button.toolTip()
    page.void_selected()  # as a shortcut would: nothing opens
    assert page.void_dialog is None
    page.grab().save("/tmp/receipts/receipts-void-disabled.png")
    # the clerk's own receipt, today: 作废 enabled, no tooltip of refusal
    own = make_page(qtbot, database, counter.clerk, worker)
    own.table.selectRow(0)
    assert own.void_button.isEnabled() and "主管" not in own.void_button.toolTip()
    assert not own.clerk_combo.isEnabled() and "主管" in own.clerk_combo.toolTip()
    # a reviewer takes no money and prints no receipts
    reviewer = make_page(qtbot, database, counter.reviewer, worker)
    reviewer.table.selectRow(0)
    for button in (reviewer.pay_button, reviewer.reprint_button, reviewer.roster_button, reviewer.void_button):
        assert not button.isEnabled() and "审核人" in button.toolTip(), button.text()


def test_a_replacing_receipt_and_each_void_are_shown_in_the_list_and_the_detail(
    qtbot, database, counter, worker, opened, today
):
    from mutualaid_desktop.services.enrollment.payments import void_receipt

    ids = counter.other_ids
    void_receipt(database, counter.clerk, serial(2), "单位重复缴费", today=today)
    record_payment(
        database,
        counter.clerk,
        enrollment_ids=ids,
        payer_unit_code=counter.other_unit_code,
        amount=due_for(database, enrollment_ids=ids).total,
        method="transfer",
        paid_on=today,
        bank_reference="BOC2026112900017",
    )
    page = make_page(qtbot, database, counter.clerk, worker)
    rows = {r.serial: i for i, r in enumerate(page.model.rows())}
    note = page.model.NOTE
    new = page.model.data(page.model.index(rows[serial(3)], note))
    assert f"替代 {serial(2)}" in new and "BOC2026112900017" in new
    old = page.model.data(page.model.index(rows[serial(2)], note))
    assert "单位重复缴费" in old and "张经办" in old and f"已由 {serial(3)} 替代" in old
    page.table.selectRow(rows[serial(3)])
    assert f"本收据替代第 {serial(2)} 号收据（已作废）" in page.detail_label.text()
    assert "银行流水号：BOC2026112900017" in page.detail_label.text()
    page.table.selectRow(rows[serial(2)])
    assert "作废原因：单位重复缴费" in page.detail_label.text()
    page.grab().save("/tmp/receipts/receipts-replaced.png")
