"""When the demo city's claims are paid (services/admin/demo.py): two payout batches a month, each paying
the claims decided since the one before; what a year pays is the seed's claim ratio (70-90 %) of the
premiums paid in that year, spread over its months (more in winter). Claims in every status: the last
days' claims wait for papers, review or the bank, a few are refused, returned by the bank or reversed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from mutualaid_desktop.services.admin.demo_calendar import (
    CLAIM_SEASON,
    at_local,
    counter_moment,
    working_day_between,
    working_day_from,
)
from mutualaid_desktop.services.admin.demo_claims import (
    RETURN_REASONS,
    ClaimBook,
    Stay,
    add_claim,
    draw_stay,
    payable,
    received_before,
)
from mutualaid_desktop.store.bulk import insert_many, next_id
from mutualaid_desktop.store.models import Claim, ClaimReversal, ClaimStatusChange, PayoutBatch, PayoutItem
from mutualaid_desktop.store.money_digest import touch_all
from mutualaid_desktop.store.serials import ensure_serial_after

RATIO = (0.72, 0.88)  # the claim ratio a year's payouts aim at, drawn by the seed (reversals take a little off)
SETTLE_DAYS = (10, 25)  # the bank pays a batch on the first working day from these days of the month
REFUSED = 0.03  # of the claims decided, refused for want of papers (besides those the quote refuses)
RETURNED, REVERSED = 0.015, 0.015
REVERSAL_DAYS = 5
TRIES = 40  # draws per claim before a batch gives up (a tiny demo)


@dataclass
class Batch:
    """A payout batch: made on `made` (claims decided before go in), paid by the bank on `settled`."""

    made: date
    settled: date | None  # None: exported, not yet confirmed
    budget: int  # fen the batch should pay
    number: str = ""
    id: int = 0


def _batches(gen, cash: dict[int, int], years: list[int]) -> list[Batch]:
    """The closed batches of the claim years up to yesterday, each with its share of the year's budget."""
    rnd = gen.rnd
    yesterday = gen.today - timedelta(days=1)
    out: list[Batch] = []
    for year in years:
        ratio = rnd.uniform(*RATIO)
        weights = [w * rnd.uniform(0.8, 1.2) for w in CLAIM_SEASON]
        days = [
            (month, working_day_from(date(year, month, d)))
            for month in range(1, 13)
            for d in SETTLE_DAYS
            if working_day_from(date(year, month, d)) <= yesterday
        ]
        share = sum(weights[month - 1] for month, _ in days)
        for month, settled in days:
            budget = int(cash.get(year, 0) * ratio * weights[month - 1] / share) if share else 0
            made = working_day_from(settled - timedelta(days=3), backward=True)
            out.append(Batch(made, settled, budget))
    return out


@dataclass
class _Out:
    """The batch, item and reversal rows waiting to be written."""

    batches: list[dict]
    items: list[dict]
    reversals: list[dict]


def make_claims(session, gen, members, book: ClaimBook, cash: dict[int, int], years: list[int], report) -> None:
    """Claims of the claim years, batch by batch, then those still under way today; written as they go."""
    out = _Out([], [], [])
    batch_id, item_id = next_id(session, PayoutBatch), next_id(session, PayoutItem)
    serials: dict[int, int] = {}
    previous: date | None = None
    paid_recently: list[int] = []
    carry = 0  # what the batches of the year paid short of their budgets (over it: less than 0)
    for batch in _batches(gen, cash, years):
        if previous is not None and previous.year != batch.made.year:
            carry = 0
        batch.budget += carry
        batch.id, batch_id = batch_id, batch_id + 1
        serials[batch.made.year] = serials.get(batch.made.year, 0) + 1
        batch.number = f"PF{batch.made.year}-{serials[batch.made.year]:04d}"
        first = previous + timedelta(days=1) if previous else batch.made - timedelta(days=14)
        claims = _fill_batch(gen, book, members, batch, first, report)
        carry = batch.budget - sum(c["approved_fen"] for c, end in claims if end != "returned")
        item_id = _batch_rows(gen, batch, claims, item_id, book.users, out)
        paid_recently = [*paid_recently, len(claims)][-4:]
        previous = batch.made
        _flush(session, book, out)
    rate = sum(paid_recently) / max(1, 15 * len(paid_recently))  # claims a day, lately
    last = previous or gen.today - timedelta(days=30)
    item_id = _under_way(gen, book, members, last, rate, batch_id, serials, item_id, out, report)
    _flush(session, book, out, last=True)
    for year, count in serials.items():
        ensure_serial_after(session, f"payout_batch:{year}", count)
    for (county, year), count in book.serials.items():
        ensure_serial_after(session, f"claim:{county}:{year}", count)


def _flush(session, book: ClaimBook, out: _Out, *, last: bool = False) -> None:
    """Write what is waiting, claims first (their history, batches, items and reversals refer to them);
    the last time, mark every money row written for the audit log's digests."""
    insert_many(session, Claim, book.claims)
    insert_many(session, ClaimStatusChange, book.history)
    insert_many(session, PayoutBatch, out.batches)
    insert_many(session, PayoutItem, out.items)
    insert_many(session, ClaimReversal, out.reversals)
    for rows in (book.claims, book.history, out.batches, out.items, out.reversals):
        rows.clear()
    if last:
        for kind in ("claim", "claim_reversal", "payout_batch", "payout_item"):
            touch_all(session, kind)  # bulk inserts: their digests go into the audit log


def _decision(gen, first: date, last: date) -> tuple[date, datetime] | None:
    day = working_day_between(gen.rnd, first, last)
    return None if day is None else (day, counter_moment(gen.rnd, day))


def _fill_batch(gen, book: ClaimBook, members, batch: Batch, first: date, report) -> list[tuple[dict, str]]:
    """Claims decided from `first` to the day before the batch is made, until the batch pays its budget;
    the refused ones among them. Returns the batch's claims with how each ends at the bank."""
    rnd = gen.rnd
    spent, tries = 0, 0
    claims: list[tuple[dict, str]] = []
    assert batch.settled is not None
    reversal_deadline = at_local(gen.today, 0)
    while spent < batch.budget and tries < TRIES * (len(claims) + 10):
        tries += 1
        decided = _decision(gen, first, batch.made - timedelta(days=1))
        if decided is None:
            break
        stay = draw_stay(gen, book, members, received_before(rnd, decided[0]))
        if stay is None:
            continue
        if not payable(stay) or rnd.random() < REFUSED:
            _add(gen, book, members, stay, "refused", [("refused", decided[1], None)], report)
            continue
        draw = rnd.random()
        end = "returned" if draw < RETURNED else "reversed" if draw < RETURNED + REVERSED else "paid"
        if end == "reversed" and _reversal_moment(batch.settled) >= reversal_deadline:
            end = "paid"
        steps = _bank_steps(batch, decided[1], end)
        claim = _add(gen, book, members, stay, end, steps, report)
        claims.append((claim, end))
        spent += 0 if end == "returned" else claim["approved_fen"]
    return claims


def _reversal_moment(settled: date) -> datetime:
    return at_local(settled + timedelta(days=REVERSAL_DAYS), 10)


def _bank_steps(batch: Batch, decided: datetime, end: str) -> list[tuple[str, datetime, str | None]]:
    steps: list[tuple[str, datetime, str | None]] = [
        ("approved", decided, None),
        ("in_batch", at_local(batch.made, 9), f"给付批次 {batch.number}"),
    ]
    if batch.settled is None:
        return steps
    settled = at_local(batch.settled, 15)
    if end == "returned":
        return [*steps, ("returned", settled, "银行退回")]
    steps.append(("paid", settled, f"给付批次 {batch.number}，银行办理日期 {batch.settled:%Y-%m-%d}"))
    if end == "reversed":
        steps.append(("reversed", _reversal_moment(batch.settled), "冲正：演示数据（发票已在其他渠道报销）"))
    return steps


def _add(gen, book: ClaimBook, members, stay: Stay, status: str, steps, report) -> dict:
    claim = add_claim(gen, book, members, stay, status, steps)
    report.claims_by_status[status] = report.claims_by_status.get(status, 0) + 1
    if status == "paid":
        report.payout_total += Decimal(claim["approved_fen"]) / 100
    return claim


def _batch_rows(gen, batch: Batch, claims: list[tuple[dict, str]], item_id: int, users, out: _Out) -> int:
    """The batch row, its items and the reversals of its reversed claims. Returns the next item id."""
    rnd = gen.rnd
    clerk, _reviewer, supervisor = users
    made = at_local(batch.made, 9)
    out.batches.append(
        {
            "id": batch.id,
            "batch_number": batch.number,
            "status": "closed" if batch.settled else "exported",
            "created_at": made,
            "created_by": clerk,
            "exported_at": made + timedelta(hours=1),
            "closed_at": at_local(batch.settled, 15) if batch.settled else None,
        }
    )
    for claim, end in claims:
        status = {"paid": "paid", "reversed": "paid", "returned": "returned"}.get(end, "pending")
        reason = rnd.choice(RETURN_REASONS) if end == "returned" else None
        out.items.append(
            {
                "id": item_id,
                "batch_id": batch.id,
                "claim_id": claim["id"],
                "amount_fen": claim["approved_fen"],
                "bank_name": claim["bank_name"],
                "account_holder": claim["account_holder"],
                "account_number": claim["account_number"],
                "status": status,
                "settled_on": batch.settled if status != "pending" else None,
                "return_reason": reason,
                "settled_by": supervisor if status != "pending" else None,
            }
        )
        if end == "reversed":
            assert batch.settled is not None
            out.reversals.append(
                {
                    "claim_id": claim["id"],
                    "amount_fen": claim["approved_fen"],
                    "reason": "演示数据：发票已在其他渠道报销",
                    "reversed_at": _reversal_moment(batch.settled),
                    "reversed_by": supervisor,
                }
            )
        item_id += 1
    return item_id


def _under_way(gen, book, members, last: date, rate: float, batch_id: int, serials, item_id: int, out, report) -> int:
    """The claims not settled today: decided after the last closed batch (in an exported batch, or approved
    and waiting for one), and those received lately still waiting for review or papers."""
    rnd = gen.rnd
    yesterday = gen.today - timedelta(days=1)
    exported = working_day_from(yesterday, backward=True)
    if exported > last + timedelta(days=1):
        batch = Batch(exported, None, 0, id=batch_id)
        serials[exported.year] = serials.get(exported.year, 0) + 1
        batch.number = f"PF{exported.year}-{serials[exported.year]:04d}"
        claims: list[tuple[dict, str]] = []
        for _ in range(max(2, round(rate * (exported - last).days))):
            decided = _decision(gen, last + timedelta(days=1), exported - timedelta(days=1))
            stay = draw_stay(gen, book, members, received_before(rnd, decided[0])) if decided else None
            if decided and stay and payable(stay):
                claims.append(
                    (_add(gen, book, members, stay, "in_batch", _bank_steps(batch, decided[1], ""), report), "")
                )
        item_id = _batch_rows(gen, batch, claims, item_id, book.users, out)
        last = exported
    for _ in range(max(2, round(rate * 3))):
        decided = _decision(gen, last, yesterday)
        stay = draw_stay(gen, book, members, received_before(rnd, decided[0])) if decided else None
        if decided and stay and payable(stay):
            _add(gen, book, members, stay, "approved", [("approved", decided[1], None)], report)
    for status, days, count in (("waiting_review", 10, rate * 8), ("waiting_papers", 30, rate * 4)):
        for _ in range(max(2, round(count))):
            received = working_day_between(rnd, gen.today - timedelta(days=days), yesterday)
            stay = draw_stay(gen, book, members, received) if received else None
            if stay is not None:
                _add(gen, book, members, stay, status, [], report)
    return item_id
