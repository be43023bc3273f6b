"""理赔审核 (issue 9), with the keyboard: a supervisor never decides a claim they entered and the page
says why; a flagged claim lists its flags and is approved only with the box “已逐项核实上述疑点”
ticked, which reaches the audit record and the status change."""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select, update

from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import AuditRecord, Claim, ClaimStatusChange
from tests.gui.helpers import focused
from tests.gui.ui.claim_pages import claim_by_number as claim
from tests.gui.ui.claim_pages import open_review_page as make_page
from tests.integration.services.review_data import (
    YEAR,
    ClaimSpec,
    add_claims,
    review_counter,
)


@pytest.fixture
def counter(database):
    return review_counter(database)


def test_a_supervisor_never_decides_a_claim_they_entered_and_the_page_says_why(
    qtbot, database, counter, worker, opened
):
    [number] = add_claims(database, counter, [ClaimSpec(clerk="supervisor")])
    page = make_page(qtbot, database, counter.supervisor, worker)
    assert page.view.claim_number == number
    assert not page.approve_button.isEnabled() and not page.refuse_button.isEnabled()
    assert not page.amount_edit.isEnabled() and not page.reason_combo.isEnabled()
    assert "本人受理" in page.message_label.text() and "主管" in page.message_label.text()
    assert "本人受理" in page.detail.toPlainText()
    page.approve()  # even if called: nothing happens
    assert page.confirm_dialog is None and claim(database, number).status == "waiting_review"


def test_the_page_shows_what_the_service_says_of_who_may_decide(qtbot, database, counter, worker, opened, monkeypatch):
    """The page keeps no four-eyes rule of its own: it reads the view's why_not_decide."""
    from dataclasses import replace

    from mutualaid_desktop.services.claims import claims_review

    loaded = claims_review.claim_for_review
    said = "测试：服务说这位审核人不能审核这件理赔。"
    monkeypatch.setattr(
        claims_review, "claim_for_review", lambda *args, **kwargs: replace(loaded(*args, **kwargs), why_not_decide=said)
    )
    add_claims(database, counter, [ClaimSpec()])
    page = make_page(qtbot, database, counter.reviewer, worker)
    assert said in page.message_label.text()
    assert not page.approve_button.isEnabled() and not page.refuse_button.isEnabled()


def test_a_flagged_claim_is_approved_only_once_its_flags_are_acknowledged(qtbot, database, counter, worker, opened):
    first, second = add_claims(
        database,
        counter,
        [
            ClaimSpec(member=0, invoice="AB-1234", received=date(YEAR, 5, 1)),
            ClaimSpec(member=1, invoice="ab1234", received=date(YEAR, 6, 1)),
        ],
    )
    with UnitOfWork(database, username="setup") as uow:
        uow.session.execute(update(Claim).values(invoice_key="AB1234"))
        uow.commit()
    page = make_page(qtbot, database, counter.reviewer, worker)
    assert page.view.claim_number == first and [f.claim_number for f in page.view.flags] == [second]
    text = page.detail.toPlainText()
    assert "疑点" in text and second in text and "另一会员" in text
    assert page.flags_check.isVisibleTo(page) and not page.flags_check.isChecked()
    # Tab from the queue reaches the box first; Enter in the amount without it: refused with the reason
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert focused(page) is page.flags_check
    qtbot.keyClick(page.flags_check, Qt.Key.Key_Tab)
    assert focused(page) is page.amount_edit
    qtbot.keyClick(page.amount_edit, Qt.Key.Key_Return)
    assert page.confirm_dialog is None and "疑点" in page.message_label.text()
    assert focused(page) is page.flags_check and claim(database, first).status == "waiting_review"
    qtbot.keyClick(page.flags_check, Qt.Key.Key_Space)
    assert page.flags_check.isChecked()
    qtbot.keyClick(page.flags_check, Qt.Key.Key_Tab)
    qtbot.keyClick(page.amount_edit, Qt.Key.Key_Return)
    assert "已核实疑点 1 项" in page.confirm_dialog.findChild(type(page.status_label), "confirmText").text()
    with qtbot.waitSignal(page.decided, timeout=10000):
        qtbot.keyClick(page.confirm_dialog, Qt.Key.Key_Return)
    c = claim(database, first)
    assert c.status == "approved"
    with UnitOfWork(database, read_only=True) as uow:
        s = uow.session
        change = s.scalars(
            select(ClaimStatusChange).where(ClaimStatusChange.claim_id == c.id).order_by(ClaimStatusChange.id.desc())
        ).first()
        audit = s.scalar(select(AuditRecord).where(AuditRecord.action == "claim.approve"))
    assert "已核实疑点" in change.reason and second in change.reason
    assert json.loads(audit.after_json)["flags_acknowledged"] == [f"invoice_other_member:{second}"]
    # the next claim (the other half of the pair) shows its flag, unticked again
    qtbot.waitUntil(lambda: page.view is not None and page.view.claim_number == second, timeout=5000)
    assert page.flags_check.isVisibleTo(page) and not page.flags_check.isChecked()
