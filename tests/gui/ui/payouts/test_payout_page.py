"""The 给付 page with the keyboard only: a batch from approved claims, the bank file, the batch list,
the bank's answer with one row returned, a reversal by the supervisor — and the database after each."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select

from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Claim, ClaimReversal, PayoutBatch, PayoutItem
from mutualaid_desktop.ui.payouts.payout_page import PayoutPage
from tests.gui.helpers import type_text
from tests.integration.services.payouts_data import approved_claims, make_counter

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def counter(database):
    counter = make_counter(database, members=5, years=(date.today().year,))
    counter.claims = approved_claims(database, counter)
    return counter


def make_page(qtbot, database, user, worker):
    page = PayoutPage(database, user, worker=worker)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=3000)
    return page


def statuses(db) -> dict[str, str]:
    with UnitOfWork(db, read_only=True) as uow:
        return {c.claim_number: c.status for c in uow.session.scalars(select(Claim))}


def batch_status(db) -> list[tuple[str, str]]:
    with UnitOfWork(db, read_only=True) as uow:
        return [(b.batch_number, b.status) for b in uow.session.scalars(select(PayoutBatch))]


def test_models_pass_the_model_tester(qtbot, qtmodeltester, database, counter, worker, opened):
    page = make_page(qtbot, database, counter.clerk, worker)
    qtmodeltester.check(page.payable_model)
    assert page.payable_model.rowCount() == 3
    assert "3 件待给付" in page.payable_label.text()


def test_batch_export_print_settle_reverse_with_the_keyboard(
    qtbot, qtmodeltester, database, counter, worker, opened, tmp_path
):
    claims = counter.claims
    page = make_page(qtbot, database, counter.clerk, worker)
    assert not page.settle_button.isEnabled() and not page.reverse_button.isEnabled()
    # select every waiting claim and make a batch
    page.payable_table.setFocus()
    qtbot.keyClick(page.payable_table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.keyClick(page, Qt.Key.Key_G, ALT)
    number = f"PF{date.today().year}-0001"
    assert "已生成给付批次 " + number in page.message.text()
    assert set(statuses(database).values()) == {"in_batch"}
    assert page.payable_model.rowCount() == 0
    qtmodeltester.check(page.batches_model)
    assert page.batches_model.row(0).batch_number == number
    with qtbot.waitSignal(page.detailLoaded, timeout=5000):
        pass
    qtmodeltester.check(page.items_model)
    assert page.items_model.rowCount() == 3

    # the bank file
    target = tmp_path / "bank.xlsx"
    page.ask_save_path = lambda suggested: str(target)
    with qtbot.waitSignal(page.paperMade, timeout=5000):
        qtbot.keyClick(page, Qt.Key.Key_E, ALT)
    rows = [[c.value for c in r] for r in load_workbook(target).active.iter_rows()]
    assert [r[5] for r in rows[2:5]] == claims and rows[-1][0] == "合计"
    qtbot.waitUntil(lambda: batch_status(database) == [(number, "exported")], timeout=5000)

    # the batch list
    with qtbot.waitSignal(page.paperMade, timeout=5000):
        qtbot.keyClick(page, Qt.Key.Key_P, ALT)
    assert len(opened) == 1
    text = PdfReader(str(opened[0])).pages[0].extract_text()
    assert number in text and "合计：3 笔" in text.replace("  ", " ")
    page.grab().save("/tmp/shot-payout.png")

    # the supervisor confirms the bank's answer: the second row returned
    page.close()
    boss = make_page(qtbot, database, counter.supervisor, worker)
    qtbot.waitUntil(lambda: boss.items_model.rowCount() == 3, timeout=5000)
    # (Alt mnemonics did not reach a second top-level page under the offscreen platform: the
    # button is reached with the focus and pressed with Space, as Tab would do)
    boss.settle_button.setFocus()
    qtbot.keyClick(boss.settle_button, Qt.Key.Key_Space)
    dialog = boss.dialog
    assert dialog is not None and dialog.isVisible()
    table = dialog.table
    table.setFocus()
    table.setCurrentCell(1, 0)
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert table.item(1, 0).checkState() == Qt.CheckState.Checked
    table.setCurrentCell(1, 3)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.viewport().findChild(QLineEdit)  # the cell's editor, opened by F2
    assert editor is not None
    editor.setFocus()
    type_text(qtbot, editor, "户名与账号不符")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: table.item(1, 3).text() != "", timeout=3000)
    assert dialog.returned == {claims[1]: "户名与账号不符"}
    with qtbot.waitSignal(boss.loaded, timeout=5000):
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert statuses(database) == {claims[0]: "paid", claims[1]: "returned", claims[2]: "paid"}
    assert batch_status(database) == [(number, "closed")]
    assert "已给付 2 笔" in boss.message.text() and "退回 1 笔" in boss.message.text()

    # a reversal of the first (paid) claim
    qtbot.waitUntil(lambda: boss.items_model.rowCount() == 3 and boss.items_model.row(0).status == "paid", timeout=5000)
    boss.items_table.setFocus()
    boss.items_table.setCurrentIndex(boss.items_model.index(0, 0))
    boss.reverse_button.setFocus()
    qtbot.keyClick(boss.reverse_button, Qt.Key.Key_Space)
    reverse = boss.dialog
    assert reverse.objectName() == "reverseDialog" and reverse.focusWidget() is reverse.reason_edit
    type_text(qtbot, reverse.reason_edit, "发票已在其他渠道报销")
    with qtbot.waitSignal(boss.loaded, timeout=5000):
        qtbot.keyClick(reverse.reason_edit, Qt.Key.Key_Return)
    assert statuses(database)[claims[0]] == "reversed"
    with UnitOfWork(database, read_only=True) as uow:
        reversal = uow.session.scalar(select(ClaimReversal))
        assert (reversal.amount_fen, reversal.reason) == (1500_00, "发票已在其他渠道报销")
        assert uow.session.scalar(select(PayoutItem.status).where(PayoutItem.claim_id == reversal.claim_id)) == "paid"


def test_refusals_are_shown_and_nothing_changes(qtbot, database, counter, worker, opened):
    page = make_page(qtbot, database, counter.clerk, worker)
    # nothing selected
    page.create_button.click()
    assert "请先在" in page.message.text()
    page.payable_table.setFocus()
    page.payable_table.selectRow(0)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.keyClick(page, Qt.Key.Key_G, ALT)
    qtbot.waitUntil(lambda: page.items_model.rowCount() == 1, timeout=5000)
    # mark paid as a clerk: the button is off and the service refuses too
    assert not page.settle_button.isEnabled()
    # the claims documents notice for the plan
    assert page.plan_combo.count() == 1
    with qtbot.waitSignal(page.paperMade, timeout=5000):
        qtbot.keyClick(page, Qt.Key.Key_N, ALT)
    assert "理赔材料告知单" in PdfReader(str(opened[-1])).pages[0].extract_text()
