"""The 理赔审核 page: a second user decides claims with the keyboard; the database holds the decision."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from sqlalchemy import select

from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import (
    AuditRecord,
    ClaimStatusChange,
    PrintedDocument,
)
from tests.gui.helpers import focused, type_text
from tests.gui.ui.claim_pages import claim_by_number as claim
from tests.gui.ui.claim_pages import open_review_page as make_page
from tests.gui.ui.freed import freed_when_dropped
from tests.integration.services.review_data import ClaimSpec, add_claims, review_counter


@pytest.fixture
def counter(database):
    return review_counter(database)


def press(qtbot, key=Qt.Key.Key_Return, widget=None):
    from PySide6.QtWidgets import QApplication

    qtbot.keyClick(widget or QApplication.focusWidget(), key)


def test_a_second_user_approves_with_the_keyboard(qtbot, qtmodeltester, database, counter, worker, opened):
    first, second = add_claims(
        database,
        counter,
        [ClaimSpec(member=0, received=date(2026, 5, 1)), ClaimSpec(member=1, received=date(2026, 6, 1))],
    )
    page = make_page(qtbot, database, counter.reviewer, worker)
    qtmodeltester.check(page.model)
    assert [r.claim_number for r in page.model.rows()] == [first, second]
    assert "待审核 2 件" in page.status_label.text()
    assert page.table.hasFocus() and page.view.claim_number == first
    assert "政策范围内个人自付" in page.detail.toPlainText()
    assert page.amount_edit.text() == "1750.00" and not page.lower_edit.isEnabled()

    # Tab to the amount, Enter: the confirmation; Enter again: approved at the quote
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert focused(page) is page.amount_edit
    qtbot.keyClick(page.amount_edit, Qt.Key.Key_Return)
    dialog = page.confirm_dialog
    assert dialog is not None and dialog.isVisible()
    with qtbot.waitSignal(page.decided, timeout=10000), qtbot.waitSignal(page.queueLoaded, timeout=10000):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
    c = claim(database, first)
    assert (c.status, c.approved_fen, c.decided_by) == ("approved", 1750_00, counter.reviewer.id)
    with UnitOfWork(database, read_only=True) as uow:
        assert (
            uow.session.scalar(
                select(ClaimStatusChange.to_status)
                .where(ClaimStatusChange.claim_id == c.id)
                .order_by(ClaimStatusChange.id.desc())
                .limit(1)
            )
            == "approved"
        )
        assert uow.session.scalar(select(AuditRecord.username).where(AuditRecord.action == "claim.approve")) == "rev"
        assert (
            uow.session.scalar(select(PrintedDocument.serial).where(PrintedDocument.kind == "decision_notice")) == first
        )
    assert len(opened) == 1 and opened[0].exists()
    text = "".join(PdfReader(opened[0]).pages[0].extract_text().split())
    assert "理赔给付通知书" in text and "人民币壹仟柒佰伍拾元整" in text
    assert [r.claim_number for r in page.model.rows()] == [second]

    # the next one: a lower amount needs its reason
    qtbot.waitUntil(lambda: page.view is not None and page.view.claim_number == second, timeout=5000)
    page.amount_edit.setFocus()
    page.amount_edit.selectAll()
    qtbot.keyClicks(page.amount_edit, "1200")
    assert page.lower_edit.isEnabled()
    qtbot.keyClick(page.amount_edit, Qt.Key.Key_Return)
    assert focused(page) is page.lower_edit and page.confirm_dialog.isHidden()
    type_text(qtbot, page.lower_edit, "部分费用为院外购药")
    qtbot.keyClick(page.lower_edit, Qt.Key.Key_Return)
    with qtbot.waitSignal(page.decided, timeout=10000):
        qtbot.keyClick(page.confirm_dialog, Qt.Key.Key_Return)
    c = claim(database, second)
    assert (c.status, c.approved_fen, c.decision_reason) == ("approved", 1200_00, "部分费用为院外购药")
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=5000)
    assert page.model.rowCount() == 0


def test_refuse_with_the_keyboard(qtbot, database, counter, worker, opened):
    [number] = add_claims(database, counter, [ClaimSpec()])
    page = make_page(qtbot, database, counter.supervisor, worker)
    page.reason_combo.setFocus()
    index = page.reason_combo.findData("not_inpatient")
    page.reason_combo.setCurrentIndex(index)
    qtbot.keyClick(page.reason_combo, Qt.Key.Key_Tab)
    assert focused(page) is page.refuse_text_edit
    type_text(qtbot, page.refuse_text_edit, "所附发票为门诊发票")
    qtbot.keyClick(page.refuse_text_edit, Qt.Key.Key_Return)
    with qtbot.waitSignal(page.decided, timeout=10000):
        qtbot.keyClick(page.confirm_dialog, Qt.Key.Key_Return)
    c = claim(database, number)
    assert c.status == "refused" and "所附发票为门诊发票" in c.decision_reason
    text = "".join(PdfReader(opened[0]).pages[0].extract_text().split())
    assert "不予给付通知书" in text and "15日内" in text


def test_escape_cancels_and_nothing_changes(qtbot, database, counter, worker, opened):
    [number] = add_claims(database, counter, [ClaimSpec()])
    page = make_page(qtbot, database, counter.reviewer, worker)
    page.approve_button.setFocus()
    qtbot.keyClick(page.approve_button, Qt.Key.Key_Space)
    qtbot.keyClick(page.confirm_dialog, Qt.Key.Key_Escape)
    assert page.confirm_dialog.isHidden()
    assert claim(database, number).status == "waiting_review" and opened == []


def test_the_clerk_who_entered_it_can_only_look(qtbot, database, counter, worker, opened):
    add_claims(database, counter, [ClaimSpec(clerk="reviewer")])
    page = make_page(qtbot, database, counter.reviewer, worker)
    assert not page.approve_button.isEnabled() and not page.refuse_button.isEnabled()
    assert "本人受理" in page.message_label.text()


def test_filters_narrow_the_queue(qtbot, database, counter, worker, opened):
    add_claims(database, counter, [ClaimSpec(member=0, in_scope="300.00"), ClaimSpec(member=1, county="611021")])
    page = make_page(qtbot, database, counter.reviewer, worker)
    qtbot.waitUntil(lambda: page.county_combo.count() > 1, timeout=5000)
    page.min_edit.setFocus()
    qtbot.keyClicks(page.min_edit, "1000")
    with qtbot.waitSignal(page.queueLoaded, timeout=5000):
        qtbot.keyClick(page.min_edit, Qt.Key.Key_Return)
    assert [r.quoted for r in page.model.rows()] == [pytest.approx(1750)]
    page.min_edit.clear()
    page.county_combo.setCurrentIndex(page.county_combo.findData("611021"))
    with qtbot.waitSignal(page.queueLoaded, timeout=5000):
        page.refresh()
    assert [r.claim_number[:6] for r in page.model.rows()] == ["611021"]
    page.max_edit.setText("abc")
    with qtbot.waitSignal(page.failed, timeout=5000):
        page.refresh()
    assert "最高金额" in page.status_label.text()


def test_the_page_is_freed_when_dropped(qtbot, database, counter, worker):
    """Its detail (ui/claims/claim_review_detail.py) keeps no reference back to it."""
    from mutualaid_desktop.ui.claims.claim_review_page import ClaimReviewPage

    add_claims(database, counter, [ClaimSpec(member=0, received=date(2026, 5, 1))])

    def make():
        return ClaimReviewPage(database, counter.reviewer, worker=worker)

    assert freed_when_dropped(qtbot, worker, make, lambda page: "政策范围内个人自付" in page.detail.toPlainText())
