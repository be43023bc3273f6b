"""The jobs 理赔审核 (claim_review_page.py) hands to the worker: read the queue; decide a claim and make
its notice. No Qt in here."""

from __future__ import annotations

QUEUE_LIMIT = 500


def _load_queue(db, filters: dict):
    from mutualaid_desktop.services.claims.claims_review import review_queue, review_queue_count

    return review_queue(db, limit=QUEUE_LIMIT, **filters), review_queue_count(db, **filters)


def _print(db, user, number: str, path):
    from mutualaid_desktop.services.claims.claims_review import print_decision_notice, save_notice

    try:
        printed = print_decision_notice(db, user, number)
        return save_notice(printed.notice, path), None
    except Exception as exc:  # the decision stands; the notice can be printed again
        return None, getattr(exc, "message", None) or str(exc)


def _approve_and_print(db, user, number: str, amount, reason, path, acknowledged=(), today=None):
    from mutualaid_desktop.services.claims.claims_review import approve

    decision = approve(db, user, number, amount=amount, reason=reason, acknowledge_flags=acknowledged, today=today)
    return (decision, *_print(db, user, number, path))


def _refuse_and_print(db, user, number: str, code: str, text, path):
    from mutualaid_desktop.services.claims.claims_review import refuse

    decision = refuse(db, user, number, reason_code=code, text=text)
    return (decision, *_print(db, user, number, path))
