"""The claim screens opened as a clerk finds them, for the tests of 理赔受理 and 理赔审核."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Claim
from mutualaid_desktop.ui.claims.claim_intake_page import ClaimIntakePage
from mutualaid_desktop.ui.claims.claim_review_page import ClaimReviewPage


def open_intake_page(qtbot, database, user, worker, today: date) -> ClaimIntakePage:
    """理赔受理, shown, active, with its hospitals loaded (the counter's one hospital and “其他”)."""
    page = ClaimIntakePage(database, user, worker=worker, today=lambda: today)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: page.hospital_combo.count() == 2)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=3000)
    return page


def open_review_page(qtbot, database, user, worker) -> ClaimReviewPage:
    """理赔审核, shown, with its first claim loaded."""
    page = ClaimReviewPage(database, user, worker=worker)
    qtbot.addWidget(page)
    page.resize(1400, 820)
    with qtbot.waitSignal(page.claimLoaded, timeout=5000):
        page.show()
    return page


def claim_by_number(db, number: str) -> Claim:
    with UnitOfWork(db, read_only=True) as uow:
        return uow.session.scalar(select(Claim).where(Claim.claim_number == number))
