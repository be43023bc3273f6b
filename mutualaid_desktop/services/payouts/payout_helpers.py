"""What the payout services (services/payouts/payouts.py, payout_batch_lists.py) share: a batch found
by its number, the local day of a stored moment, whether a claim has a bank account, the message of a
payout conflict, and a batch's summary as BatchInfo."""

from __future__ import annotations

from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.payouts.payout_export import exports_done
from mutualaid_desktop.services.payouts.payout_results import BatchInfo
from mutualaid_desktop.store.models import PayoutBatch
from mutualaid_desktop.store.payout_queries import PayoutConflict, PayoutQueries


def _batch(q: PayoutQueries, number: str) -> PayoutBatch:
    text = (number or "").strip().upper()
    batch = q.batch(text) if text else None
    if batch is None:
        raise NotFound(f"没有批次号为「{number}」的给付批次，请检查批次号（如 PF2026-0001）。")
    return batch


def _has_account(claim) -> bool:
    return bool((claim.account_number or "").strip() and (claim.account_holder or "").strip())


def _conflict(exc: PayoutConflict) -> ServiceError:
    return ServiceError(f"{exc.message}{exc.hint}")


def _info(summary) -> BatchInfo:
    b = summary.batch
    return BatchInfo(
        b.batch_number,
        b.status,
        clock.local_day(b.created_at) or clock.today(),
        summary.creator_name,
        summary.items,
        from_fen(summary.total_fen),
        summary.pending,
        summary.paid,
        summary.returned,
        exports_done(b.export_count, b.exported_at),
        b.created_by,
    )
