"""补交材料 with the keyboard (issue 9): Enter in the number field looks the claim up and never
confirms anything; the clerk ticks what was brought, confirms, gets the receipt again listing it, and
a claim now complete goes on to review. The database is checked after each step."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from mutualaid_desktop.services.claims.claims_intake import BankAccount, Stay, save_claim
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import (
    AuditRecord,
    Claim,
    ClaimStatusChange,
    PrintedDocument,
)
from tests.gui.helpers import focused
from tests.gui.ui.claim_pages import open_intake_page
from tests.integration.services.intake_data import SL27, TODAY, make_claims_counter

LATER = TODAY.replace(day=TODAY.day + 5)  # the visit that brings the papers


@pytest.fixture
def cc(database):
    return make_claims_counter(database)


@pytest.fixture
def waiting(database, cc):
    """A claim of 张伟 received without 医保结算单 and 银行卡复印件: waiting for papers."""
    saved = save_claim(
        database,
        cc.clerk,
        member_id=cc.members["zhang"][0],
        enrollment_id=cc.covers[("zhang", SL27)],
        stay=Stay(
            admission_date=TODAY.replace(month=5, day=3),
            discharge_date=TODAY.replace(month=5, day=10),
            hospital_id=cc.hospital_id,
            diagnosis="肺炎",
            invoice_number="61000012345",
            total_cost="12000",
            fund_paid="9000",
            in_scope_self_pay="2500",
            out_of_scope_self_pay="500",
        ),
        papers=("身份证复印件", "出院小结", "住院发票原件"),
        bank=BankAccount("中国农业银行", "张伟", "6228480012345678901"),
        today=TODAY,
    )
    assert saved.status == "waiting_papers" and saved.papers_missing == ("医保结算单", "银行卡复印件")
    return saved.claim_number


@pytest.fixture
def dialog(qtbot, database, cc, worker, opened, waiting):
    page = open_intake_page(qtbot, database, cc.clerk2, worker, LATER)
    page.papers_button.setFocus()
    qtbot.keyClick(page.papers_button, Qt.Key.Key_Space)  # 补交材料… by the keyboard
    dialog = page.papers_dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and QApplication.activeWindow() is dialog, timeout=3000)
    assert dialog.focusWidget() is dialog.number_edit
    dialog.page = page
    return dialog


def counts(db) -> tuple[int, int, str]:
    with UnitOfWork(db, read_only=True) as uow:
        s = uow.session
        return (
            s.scalar(select(func.count()).select_from(PrintedDocument)),
            s.scalar(select(func.count()).select_from(AuditRecord).where(AuditRecord.action == "claim.papers")),
            s.scalar(select(Claim.status)),
        )


def key(qtbot, dialog, k):
    qtbot.keyClick(dialog.focusWidget(), k)


def test_enter_in_the_number_field_looks_the_claim_up_and_never_confirms(qtbot, database, dialog, waiting, opened):
    before = counts(database)
    qtbot.keyClicks(dialog.number_edit, waiting.lower())
    key(qtbot, dialog, Qt.Key.Key_Return)  # the lookup is read on the spot
    qtbot.wait(100)  # (the original dialog confirmed here, closed and was deleted)
    assert counts(database) == before == (1, 0, "waiting_papers")  # no receipt, no audit, no change
    assert dialog.isVisible() and dialog.claim is not None and dialog.claim.claim_number == waiting
    assert [b.property("item") for b in dialog.boxes] == ["医保结算单", "银行卡复印件", "费用明细清单"]
    assert not dialog.ok_button.isEnabled()  # nothing ticked yet
    # again: still nothing
    dialog.number_edit.setFocus()
    key(qtbot, dialog, Qt.Key.Key_Return)
    key(qtbot, dialog, Qt.Key.Key_Enter)
    assert dialog.isVisible() and counts(database) == before and opened == []


def test_the_papers_brought_are_ticked_confirmed_and_the_claim_goes_to_review(
    qtbot, database, dialog, waiting, opened, cc
):
    qtbot.keyClicks(dialog.number_edit, waiting)
    with qtbot.waitSignal(dialog.found, timeout=3000):
        key(qtbot, dialog, Qt.Key.Key_Return)
    assert focused(dialog) is dialog.boxes[0]
    key(qtbot, dialog, Qt.Key.Key_Space)  # 医保结算单
    key(qtbot, dialog, Qt.Key.Key_Return)  # Enter moves on, never confirms
    assert dialog.isVisible() and focused(dialog) is dialog.boxes[1]
    key(qtbot, dialog, Qt.Key.Key_Space)  # 银行卡复印件
    assert dialog.ticked() == ["医保结算单", "银行卡复印件"]
    assert counts(database)[1:] == (0, "waiting_papers")
    while focused(dialog) is not dialog.ok_button:
        key(qtbot, dialog, Qt.Key.Key_Tab)
    with qtbot.waitSignal(dialog.page.papersCompleted, timeout=5000) as done:
        key(qtbot, dialog, Qt.Key.Key_Return)
    assert done.args[0].status == "waiting_review" and not dialog.isVisible()
    assert "已转审核" in dialog.page.message_label.text()
    with UnitOfWork(database, read_only=True) as uow:
        s = uow.session
        claim = s.scalar(select(Claim))
        assert claim.status == "waiting_review"
        assert all(p["received"] for p in json.loads(claim.papers_json) if p["required"])
        change = s.scalars(select(ClaimStatusChange).order_by(ClaimStatusChange.id.desc())).first()
        assert (change.from_status, change.to_status, change.user_id) == (
            "waiting_papers",
            "waiting_review",
            cc.clerk2.id,
        )
        [audit] = s.scalars(select(AuditRecord).where(AuditRecord.action == "claim.papers"))
        assert json.loads(audit.after_json)["brought"] == ["医保结算单", "银行卡复印件"]
        copies = [p.copy_number for p in s.scalars(select(PrintedDocument).order_by(PrintedDocument.id))]
    assert copies == [0, 1]
    assert opened == [dialog.pdf_path]
    text = "".join(PdfReader(str(dialog.pdf_path)).pages[0].extract_text().split())
    assert "补交材料后换发" in text and f"医保结算单（{LATER:%Y-%m-%d}补交）" in text and "材料已齐全" in text


def test_the_papers_and_the_new_receipt_are_written_off_the_gui_thread(
    qtbot, database, dialog, waiting, opened, monkeypatch
):
    import threading

    from mutualaid_desktop.services.claims import claim_papers, claim_receipt

    threads = {}
    completing, drawing = claim_papers.complete_papers, claim_receipt.save_receipt_pdf

    def complete_papers(*args, **kwargs):
        threads["papers"] = threading.current_thread()
        return completing(*args, **kwargs)

    def save_receipt_pdf(receipt, path):
        threads["receipt"] = threading.current_thread()
        return drawing(receipt, path)

    monkeypatch.setattr(claim_papers, "complete_papers", complete_papers)
    monkeypatch.setattr(claim_receipt, "save_receipt_pdf", save_receipt_pdf)
    qtbot.keyClicks(dialog.number_edit, waiting)
    with qtbot.waitSignal(dialog.found, timeout=3000):
        key(qtbot, dialog, Qt.Key.Key_Return)
    dialog.boxes[0].setChecked(True)
    with qtbot.waitSignal(dialog.page.papersCompleted, timeout=5000):
        dialog.accept()
    assert set(threads) == {"papers", "receipt"} and threading.main_thread() not in threads.values()
    assert opened == [dialog.pdf_path] and counts(database)[1] == 1
