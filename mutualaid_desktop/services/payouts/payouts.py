"""给付: approved claims gathered into payout batches, the bank transfer file, the bank's answer,
reversals of a paid claim, and the batch list (给付清单) for signature.

The life of a payout:
- `create_batch`: approved claims (with an amount above zero and a bank account) become the items
  of a new batch `PF<year>-<4 digits>`; each claim goes approved → in_batch. A claim already in an
  unpaid batch is refused by this service, and by the database too (partial unique index on
  pending items): `store.payout_queries.PayoutConflict` becomes a ServiceError here.
- `export_bank_file`: the .xlsx for the bank (io/bank_transfer_writer.py); batch open → exported.
  An exported batch is exported again only by a supervisor with a reason, and that file is a copy
  (副本, same batch number: services/payouts/payout_export.py); every export is audited and counted
  (export_count). A closed batch is not exported.
- `mark_paid`: the bank's confirmation (回单). Every pending item of the batch (or of `only`) becomes
  paid (claim → paid), except the `returned` ones: item → returned with the bank's reason, claim →
  returned. The database refuses a second paid item for a claim (partial unique index). The batch
  is closed when none of its items is pending any more.
- A returned claim is NOT put in a batch again as it is (the account was wrong): the counter takes
  the corrected bank card and `correct_account` records it; the claim goes returned → approved
  (history says why) and is then gathered into a later batch like any approved claim. The
  returned item stays in its old batch, with its reason.
- `reverse_payout`: a paid claim is never edited. A supervisor records a ClaimReversal (amount
  at most what was paid, reason required); the claim goes paid → reversed.

Who may do what (checked here, not only on the screen):
- clerks, supervisors and admins make batches, export the bank file, print the batch list and
  correct a bank account (the clerk has the claimant and the bank card copy in front of them);
- marking a batch paid or returned needs a supervisor or admin: it declares that money has left
  the fund, on the bank's receipt; and four eyes: whoever made the batch never confirms it,
  supervisors and administrators included (`settle_problem`, the one rule; as whoever entered a
  claim never decides it). Exporting the bank file is not confirming: the maker may export;
- a reversal needs a supervisor or admin;
- reviewers decide claims and do not handle the money (separation of duties).

Every change is one unit of work: a ClaimStatusChange row for each claim whose status changes and
an audit record (for a batch operation one record that names every claim), in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.safe_files import describe_write_error
from mutualaid_desktop.services.admin.counter_setup import counter_name
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import NotFound, PermissionDenied, ServiceError
from mutualaid_desktop.services.payouts.payout_accounts import correct_account
from mutualaid_desktop.services.payouts.payout_batch_lists import batch_list, print_batch_list
from mutualaid_desktop.services.payouts.payout_export import bank_file_title, export_kind, exports_done
from mutualaid_desktop.services.payouts.payout_helpers import _batch, _conflict, _has_account, _info
from mutualaid_desktop.services.payouts.payout_results import (
    ITEM_STATUS_LABELS,
    BatchDetail,
    BatchInfo,
    BatchItem,
    ExportResult,
    PayableClaim,
    SettleResult,
)
from mutualaid_desktop.services.payouts.payout_reversals import ReversalResult, reverse_payout
from mutualaid_desktop.services.permissions import refusal, require
from mutualaid_desktop.services.reasons import written_reason
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.models import PayoutBatch, PayoutItem, utcnow
from mutualaid_desktop.store.payout_queries import PayoutConflict, PayoutQueries, flush_payouts
from mutualaid_desktop.store.serials import format_serial, next_serial

SUMMARY = "互助保障金给付"
MAX_BATCH = 20_000


# --- reading -------------------------------------------------------------------------------


def approved_unbatched(db: Database, *, limit: int | None = 5000) -> list[PayableClaim]:
    """Approved claims not yet in a batch, oldest decision first. Those without a bank account or
    with a zero amount are listed too (`has_account`, `amount`), so the clerk sees why they wait."""
    with UnitOfWork(db, read_only=True) as uow:
        rows = PayoutQueries(uow.session).payable_claims(limit=limit)
        return [
            PayableClaim(
                c.claim_number,
                m.name,
                p.code,
                from_fen(c.approved_fen or 0),
                c.bank_name,
                c.account_holder,
                c.account_number,
                c.decided_at,
            )
            for c, m, p in rows
        ]


def list_batches(db: Database, *, status: str | None = None, limit: int = 200) -> list[BatchInfo]:
    """Payout batches, newest first, with their counts and totals."""
    with UnitOfWork(db, read_only=True) as uow:
        return [_info(s) for s in PayoutQueries(uow.session).batches(status=status, limit=limit)]


def batch_detail(db: Database, batch_number: str) -> BatchDetail:
    with UnitOfWork(db, read_only=True) as uow:
        q = PayoutQueries(uow.session)
        batch = _batch(q, batch_number)
        summary = q.batches(batch_id=batch.id, limit=1)[0]
        items = tuple(
            BatchItem(
                c.claim_number,
                m.name,
                i.bank_name or "",
                i.account_holder,
                i.account_number,
                from_fen(i.amount_fen),
                i.status,
                i.settled_on,
                i.return_reason,
            )
            for i, c, m in q.items(batch.id)
        )
        return BatchDetail(_info(summary), items)


# --- making a batch ------------------------------------------------------------------------


def create_batch(db: Database, user: UserInfo, claim_numbers: Iterable[str] | None = None) -> BatchInfo:
    """Gather approved claims into a new payout batch: `claim_numbers`, or (None) every approved
    claim that has a bank account and an amount. Nothing is changed when any claim is refused."""
    require(user, "make_payout_batch", "生成给付批次")
    wanted = None if claim_numbers is None else sorted({n.strip().upper() for n in claim_numbers if n and n.strip()})
    if wanted is not None and not wanted:
        raise ServiceError("没有选择要给付的理赔，请先在列表中选择。")
    with UnitOfWork(db, user=user) as uow:
        q = PayoutQueries(uow.session)
        chosen = _chosen_claims(q, wanted)
        _check_batchable(q, chosen)
        number = _new_batch_number(uow.session, q)
        batch = q.add_batch(PayoutBatch(batch_number=number, status="open", created_by=user.id))
        _add_items(q, batch, chosen)
        for claim, _ in chosen:
            q.add_history(claim.id, claim.status, "in_batch", user.id, f"给付批次 {number}")
            claim.status = "in_batch"
        total = sum(c.approved_fen or 0 for c, _ in chosen)
        uow.audit(
            "payout.batch_create",
            "payout_batch",
            batch.id,
            after={
                "batch_number": number,
                "claims": [c.claim_number for c, _ in chosen],
                "count": len(chosen),
                "total": str(from_fen(total)),
            },
        )
        info = BatchInfo(
            number,
            "open",
            clock.today(),
            user.display_name,
            len(chosen),
            from_fen(total),
            len(chosen),
            0,
            0,
            created_by_id=user.id,
        )
        uow.commit()
    return info


def _chosen_claims(q: PayoutQueries, wanted: list[str] | None) -> list[tuple]:
    """(claim, member) of the claim numbers `wanted`, or (None) of every approved claim with a bank account
    and an amount; ServiceError/NotFound when there are none, some are missing, or too many."""
    if wanted is None:
        chosen = [(c, m) for c, m, _ in q.payable_claims() if _has_account(c) and (c.approved_fen or 0) > 0]
        if not chosen:
            raise ServiceError("没有可给付的理赔（已核准、有银行账户、金额大于0）。")
    else:
        found = q.claims_by_number(wanted)
        missing = [n for n in wanted if n not in found]
        if missing:
            raise NotFound(f"找不到理赔 {'、'.join(missing[:5])}，请检查理赔编号。")
        chosen = [found[n] for n in wanted]
    if len(chosen) > MAX_BATCH:
        raise ServiceError(f"一个批次最多 {MAX_BATCH} 笔，请分批生成。")
    return chosen


def _check_batchable(q: PayoutQueries, chosen: list[tuple]) -> None:
    """ServiceError for the first claim that cannot go into a batch: already in an unpaid batch, not
    approved, without a bank account, or with nothing to pay."""
    in_batch = q.pending_item_batches([c.id for c, _ in chosen])
    for claim, member in chosen:
        if claim.id in in_batch:
            raise ServiceError(
                f"理赔 {claim.claim_number}（{member.name}）已在给付批次 {in_batch[claim.id]} 中，"
                "一件理赔只能在一个未给付的批次里；请刷新后重新选择。"
            )
        if claim.status != "approved":
            raise ServiceError(_not_approved(claim, member))
        if not _has_account(claim):
            raise ServiceError(f"理赔 {claim.claim_number}（{member.name}）没有银行账户，请先补录账户再给付。")
        if (claim.approved_fen or 0) <= 0:
            raise ServiceError(f"理赔 {claim.claim_number}（{member.name}）核定金额为0，无需给付。")


def _new_batch_number(session, q: PayoutQueries) -> str:
    """The next free batch number of this year, PF<year>-<4 digits>."""
    year = clock.today().year
    while True:
        key = f"payout_batch:{year}"
        number = format_serial(key, next_serial(session, key))
        if not q.batch_number_taken(number):
            return number


def _add_items(q: PayoutQueries, batch: PayoutBatch, chosen: list[tuple]) -> None:
    """One pending item per claim, with the claim's amount and bank account."""
    items = [
        PayoutItem(
            batch_id=batch.id,
            claim_id=c.id,
            amount_fen=c.approved_fen or 0,
            bank_name=c.bank_name,
            account_holder=(c.account_holder or "").strip(),
            account_number=(c.account_number or "").strip(),
            status="pending",
        )
        for c, _ in chosen
    ]
    try:
        q.add_items(items)
    except PayoutConflict as exc:
        raise _conflict(exc) from exc


def _not_approved(claim, member) -> str:
    labels = {
        "waiting_papers": "待补材料",
        "waiting_review": "待审核",
        "refused": "不予给付",
        "in_batch": "已在给付批次中",
        "paid": "已给付",
        "returned": "银行退回（请先更正账户）",
        "reversed": "已冲正",
    }
    state = labels.get(claim.status, claim.status)
    return f"理赔 {claim.claim_number}（{member.name}）的状态是「{state}」，只有已核准的理赔可以给付。"


# --- the bank file -------------------------------------------------------------------------


def export_bank_file(
    db: Database, user: UserInfo, batch_number: str, path, *, again: bool = False, reason: str | None = None
) -> ExportResult:
    """Write the batch's bank transfer file (.xlsx) at `path`; the batch becomes exported. A batch
    exported before is exported again only `again`, by a supervisor, with a `reason`: that file
    is a copy (副本, the same batch number). Every export is audited and counted."""
    from mutualaid_desktop.io.bank_transfer_writer import TransferRow, write_bank_transfer

    require(user, "make_payout_batch", "导出银行文件")
    with UnitOfWork(db, user=user) as uow:
        q = PayoutQueries(uow.session)
        batch = _batch(q, batch_number)
        if batch.status == "closed":
            raise ServiceError(f"批次 {batch.batch_number} 已结清，不能再导出银行文件。")
        first_on = clock.local_day(batch.exported_at)
        kind = export_kind(
            user,
            batch.batch_number,
            done=exports_done(batch.export_count, batch.exported_at),
            first_on=first_on,
            again=again,
            reason=reason,
        )
        items = [(i, c, m) for i, c, m in q.items(batch.id) if i.status == "pending"]
        if not items:
            raise ServiceError(f"批次 {batch.batch_number} 没有待给付的项目。")
        rows = [
            TransferRow(
                i.account_holder, i.bank_name or "", i.account_number, from_fen(i.amount_fen), c.claim_number, SUMMARY
            )
            for i, c, _ in items
        ]
        title = bank_file_title(counter_name(uow.session), batch.batch_number, kind, first_on)
        try:
            written = write_bank_transfer(path, rows, title=title)
        except OSError as exc:
            raise ServiceError(describe_write_error(path, exc)) from exc
        before = {"status": batch.status, "export_count": batch.export_count}
        batch.status = "exported"
        if batch.exported_at is None:
            batch.exported_at = utcnow()
        batch.export_count = kind.copy_number + 1
        total = sum(i.amount_fen for i, _, _ in items)
        uow.audit(
            "payout.batch_export",
            "payout_batch",
            batch.id,
            before=before,
            after={
                "status": "exported",
                "file": str(written),
                "count": len(items),
                "total": str(from_fen(total)),
                "export_number": kind.copy_number + 1,
                "copy": kind.is_copy,
                "reason": kind.reason,
                "exported_by": user.username,
            },
        )
        uow.commit()
    return ExportResult(batch.batch_number, Path(written), len(items), from_fen(total), kind.copy_number, kind.reason)


# --- the bank's answer ---------------------------------------------------------------------


def _settle_problem(user: UserInfo, *, created_by: int | None, batch_number: str) -> str | None:
    role_problem = refusal(user, "settle_payout", "确认银行回单（标记已给付或退回）")
    if role_problem is not None:
        return role_problem
    if user.id is not None and created_by == user.id:
        return (
            f"给付批次 {batch_number} 是您本人生成的：生成批次和确认银行回单不能是同一个人"
            "（主管、管理员也不例外），请交由其他主管或管理员确认。"
        )
    return None


def settle_problem(user: UserInfo, batch: BatchInfo) -> str | None:
    """Why `user` may not confirm the bank's answer for `batch` (mark it paid or returned), or None:
    a supervisor or administrator, and never the one who made the batch. For the screen to say why
    its button is off; mark_paid checks the same again."""
    return _settle_problem(user, created_by=batch.created_by_id, batch_number=batch.batch_number)


def mark_paid(
    db: Database,
    user: UserInfo,
    batch_number: str,
    *,
    settled_on: date,
    returned: dict[str, str] | None = None,
    only: Iterable[str] | None = None,
    today: date | None = None,
) -> SettleResult:
    """Record the bank's confirmation of a batch: its pending items (or those of the claims in
    `only`) are paid, except those in `returned` {claim number: the bank's reason}. The batch
    is closed when no item is pending any more."""
    require(user, "settle_payout", "确认银行回单（标记已给付或退回）")  # before reading what was typed
    today = today or clock.today()
    if not isinstance(settled_on, date):
        raise ServiceError("请填写银行办理日期。")
    if settled_on > today:
        raise ServiceError(f"银行办理日期 {settled_on:%Y-%m-%d} 晚于今天，请按回单上的日期填写。")
    returned = {k.strip().upper(): written_reason(v, "退回原因") for k, v in (returned or {}).items()}
    for number, reason in returned.items():
        if not reason:
            raise ServiceError(f"请填写理赔 {number} 被银行退回的原因（如：户名与账号不符）。")
    with UnitOfWork(db, user=user) as uow:
        q = PayoutQueries(uow.session)
        batch = _batch(q, batch_number)
        _check_settleable(user, batch, settled_on)
        items = q.items(batch.id)
        chosen = _items_to_settle(batch, items, returned, only)
        paid_numbers, returned_numbers, paid_fen = _settle_items(q, user, batch, chosen, returned, settled_on)
        try:
            flush_payouts(uow.session)
        except PayoutConflict as exc:
            raise _conflict(exc) from exc
        before = batch.status
        if all(i.status != "pending" for i, _, _ in items):
            batch.status = "closed"
            batch.closed_at = utcnow()
        uow.audit(
            "payout.batch_settle",
            "payout_batch",
            batch.id,
            before={"status": before},
            after={
                "status": batch.status,
                "settled_on": settled_on,
                "paid": paid_numbers,
                "returned": {n: returned[n] for n in returned_numbers},
                "paid_total": str(from_fen(paid_fen)),
            },
        )
        result = SettleResult(
            batch.batch_number, len(paid_numbers), len(returned_numbers), from_fen(paid_fen), batch.status
        )
        uow.commit()
    return result


def _check_settleable(user: UserInfo, batch: PayoutBatch, settled_on: date) -> None:
    """PermissionDenied for whoever may not confirm the batch; ServiceError for a batch closed, not
    exported, or a bank date before the batch was made."""
    problem = _settle_problem(user, created_by=batch.created_by, batch_number=batch.batch_number)
    if problem is not None:
        raise PermissionDenied(problem)
    if batch.status == "closed":
        raise ServiceError(f"批次 {batch.batch_number} 已结清，不能再次确认。")
    if batch.status != "exported":
        raise ServiceError(f"批次 {batch.batch_number} 还没有导出银行文件；请先导出并交银行办理，再按回单确认。")
    if settled_on < (clock.local_day(batch.created_at) or settled_on):
        raise ServiceError(f"银行办理日期 {settled_on:%Y-%m-%d} 早于批次生成的日期，请核对回单。")


def _items_to_settle(
    batch: PayoutBatch, items: list[tuple], returned: dict[str, str], only: Iterable[str] | None
) -> list[tuple]:
    """The pending (item, claim, member) of the batch to confirm: all, or those of `only` and `returned`;
    ServiceError for a claim not in the batch, a return already settled, or nothing pending."""
    in_batch = {c.claim_number: (i, c, m) for i, c, m in items}
    wanted = None if only is None else {n.strip().upper() for n in only if n and n.strip()}
    for number in list(returned) + sorted(wanted or ()):
        if number not in in_batch:
            raise ServiceError(f"理赔 {number} 不在批次 {batch.batch_number} 中，请核对回单。")
    chosen = [
        (i, c, m)
        for i, c, m in items
        if i.status == "pending" and (wanted is None or c.claim_number in wanted or c.claim_number in returned)
    ]
    for number in returned:
        item = in_batch[number][0]
        if item.status != "pending":
            raise ServiceError(f"理赔 {number} 在本批次中已处理（{ITEM_STATUS_LABELS[item.status]}），不能再标记退回。")
    if not chosen:
        raise ServiceError(f"批次 {batch.batch_number} 没有待确认的项目。")
    return chosen


def _settle_items(
    q: PayoutQueries,
    user: UserInfo,
    batch: PayoutBatch,
    chosen: list[tuple],
    returned: dict[str, str],
    settled_on: date,
) -> tuple[list[str], list[str], int]:
    """Each chosen item paid or returned, its claim moved with a history row;
    returns (claim numbers paid, claim numbers returned, the total paid in fen)."""
    paid_numbers: list[str] = []
    returned_numbers: list[str] = []
    paid_fen = 0
    for item, claim, _ in chosen:
        item.settled_on = settled_on
        item.settled_by = user.id
        if claim.claim_number in returned:
            reason = returned[claim.claim_number]
            item.status = "returned"
            item.return_reason = reason
            q.add_history(claim.id, claim.status, "returned", user.id, f"银行退回：{reason}")
            claim.status = "returned"
            returned_numbers.append(claim.claim_number)
        else:
            item.status = "paid"
            q.add_history(
                claim.id,
                claim.status,
                "paid",
                user.id,
                f"给付批次 {batch.batch_number}，银行办理日期 {settled_on:%Y-%m-%d}",
            )
            claim.status = "paid"
            paid_numbers.append(claim.claim_number)
            paid_fen += item.amount_fen
    return paid_numbers, returned_numbers, paid_fen


__all__ = [
    "BatchDetail",
    "BatchInfo",
    "BatchItem",
    "ExportResult",
    "PayableClaim",
    "ReversalResult",
    "SettleResult",
    "approved_unbatched",
    "batch_detail",
    "batch_list",
    "correct_account",
    "create_batch",
    "export_bank_file",
    "list_batches",
    "mark_paid",
    "print_batch_list",
    "reverse_payout",
    "settle_problem",
]
