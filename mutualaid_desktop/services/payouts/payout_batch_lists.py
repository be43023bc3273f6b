"""The batch list (给付清单) of a payout batch, for signature (services/payouts/payouts.py): its data for the
screen, and a recorded print (the first the original, later ones 补打 copies) written as a PDF."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from mutualaid_desktop.documents.payout_batch_list import BatchList, BatchListRow
from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.services.admin.counter_setup import counter_name
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.papers.paper_records import issue_copy
from mutualaid_desktop.services.payouts.payout_helpers import _batch
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.models import PayoutBatch
from mutualaid_desktop.store.payout_queries import PayoutQueries

BATCH_LIST_KIND = "payout_batch_list"


def _batch_list(
    session,
    q: PayoutQueries,
    batch: PayoutBatch,
    *,
    copy_number: int = 0,
    printed_at: datetime | None = None,
    printed_by: str = "",
) -> BatchList:
    rows = tuple(
        BatchListRow(
            k,
            c.claim_number,
            i.account_holder,
            i.bank_name or "",
            i.account_number,
            from_fen(i.amount_fen),
            i.status,
            i.return_reason,
        )
        for k, (i, c, _) in enumerate(q.items(batch.id), start=1)
    )
    return BatchList(
        org_name=counter_name(session),
        batch_number=batch.batch_number,
        created_on=clock.local_day(batch.created_at) or clock.today(),
        status=batch.status,
        creator_name=q.user_name(batch.created_by) or "",
        rows=rows,
        copy_number=copy_number,
        printed_at=printed_at,
        printed_by=printed_by,
    )


def batch_list(db: Database, batch_number: str) -> BatchList:
    """The batch list's data as it stands (not recorded as printed: for the screen)."""
    with UnitOfWork(db, read_only=True) as uow:
        q = PayoutQueries(uow.session)
        return _batch_list(uow.session, q, _batch(q, batch_number))


def print_batch_list(db: Database, user: UserInfo, batch_number: str, path) -> tuple[BatchList, Path]:
    """Record a print of the batch list (the first is the original, later ones 补打 copies) and
    write it as a PDF at `path`."""
    from mutualaid_desktop.documents.payout_batch_list import render_batch_list

    require(user, "make_payout_batch", "打印给付清单")
    with UnitOfWork(db, user=user) as uow:
        q = PayoutQueries(uow.session)
        batch = _batch(q, batch_number)
        doc = issue_copy(
            uow.session,
            user,
            kind=BATCH_LIST_KIND,
            serial=batch.batch_number,
            subject_table="payout_batches",
            subject_id=batch.id,
        )
        number, at = doc.copy_number, doc.printed_at
        uow.audit(
            "payout.batch_list_print",
            "payout_batch",
            batch.id,
            after={"batch_number": batch.batch_number, "copy_number": number},
        )
        local = clock.local_time(at)
        paper = _batch_list(uow.session, q, batch, copy_number=number, printed_at=local, printed_by=user.display_name)
        written = render_batch_list(paper, Path(path))
        uow.commit()
    return paper, written
