"""The jobs the payment dialog (payment_dialog.py) hands to the worker, and where a paper's PDF is saved
(`paper_path`, used by every screen that makes a paper). No Qt in here."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.enrollment.payments import PaymentResult
    from mutualaid_desktop.store.database import Database

log = logging.getLogger(__name__)


def paper_path(db: Database, folder: str, name: str) -> Path:
    from mutualaid_desktop.services.enrollment.payments import papers_folder

    return papers_folder(db) / folder / f"{name}.pdf"


def without_gc_pauses(fn: Callable[..., object], /, *args, **kwargs):
    """`fn(*args, **kwargs)` with Python's cyclic garbage collector off meanwhile.

    A full collection stops every thread, the GUI's too. For a unit of 20,000 people the services
    make a great many objects, which set off full collections again and again: on the 1M demo
    database they took 1.9 s of a 3.7 s payment and held the window up to 0.45 s at a time; without
    them the payment took about 1.8 s and the window never waited 0.1 s. Reference counting
    still frees nearly everything; the collector runs again as soon as the call returns (it is left
    off only if it was off before)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return fn(*args, **kwargs)
    finally:
        if was_enabled:
            gc.enable()


def due_and_waiting(db: Database, *, enrollment_ids, paid_on: date):
    """What is due for a payment on `paid_on`, and the warning of covers wholly inside the waiting
    period (services/enrollment.waiting_warnings), read together off the GUI thread."""
    from mutualaid_desktop.services.enrollment import payments
    from mutualaid_desktop.services.enrollment.enrollment import waiting_warnings

    due = payments.due_for(db, enrollment_ids=enrollment_ids, paid_on=paid_on)
    return due, waiting_warnings(db, enrollment_ids, paid_on=paid_on)


def record_and_save(db: Database, user: UserInfo, **payment) -> tuple[PaymentResult, Path | None, BaseException | None]:
    """Record the payment (services/payments.record_payment: all or nothing) and write its receipt
    PDF. Returns (result, pdf path, None), or (result, None, the error) when the payment was
    recorded but the PDF could not be written (the receipt is then printed again from 票据)."""
    from mutualaid_desktop.services.enrollment.payments import record_payment, save_paper

    result = without_gc_pauses(record_payment, db, user, **payment)
    try:
        path = save_paper(result.paper, paper_path(db, "receipts", result.serial))
    except Exception as exc:
        log.exception("receipt PDF failed")
        return result, None, exc
    return result, path, None
