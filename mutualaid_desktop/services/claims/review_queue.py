"""理赔审核's queue: the claims waiting for review, oldest first, filtered by county, plan, clerk and
quoted amount, and what the filters offer. Re-exported by services/claims/claims_review.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.money import format_amount, from_fen, parse_amount, to_fen
from mutualaid_desktop.services.claims.review_common import loads
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.permissions import roles_for
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.claim_queries import ClaimQueries, QueueFilter
from mutualaid_desktop.store.database import Database

QUEUE_PAGE = 200


@dataclass(frozen=True)
class QueueRow:
    claim_number: str
    received_on: date
    event_date: date
    quoted: Decimal
    member_name: str
    id_number: str
    unit_name: str | None
    plan_code: str
    plan_name: str
    entered_by: int | None
    clerk_name: str
    hospital_name: str | None
    diagnosis: str | None
    papers_complete: bool | None  # None: no checklist recorded

    def days_waiting(self, today: date) -> int:
        return (today - self.received_on).days


@dataclass(frozen=True)
class FilterChoice:
    key: str | int
    label: str


@dataclass(frozen=True)
class QueueChoices:
    """What the queue's filters offer: counties (code), plans (code), clerks (user id)."""

    counties: tuple[FilterChoice, ...]
    plans: tuple[FilterChoice, ...]
    clerks: tuple[FilterChoice, ...]


# --- the queue -------------------------------------------------------------------------------


def _queue_filter(q: ClaimQueries, county_code, plan_code, entered_by, min_amount, max_amount) -> QueueFilter | None:
    """The filter in database terms; None when it can match nothing (an unknown plan or clerk)."""
    plan_id = None
    if plan_code:
        plan = q.plan_by_code(plan_code.strip())
        if plan is None:
            return None
        plan_id = plan.id
    clerk_id = None
    if entered_by is not None and entered_by != "":
        if isinstance(entered_by, int):
            clerk_id = entered_by
        else:
            user = q.user_by_username(str(entered_by).strip())
            if user is None:
                return None
            clerk_id = user.id
    try:
        low = to_fen(parse_amount(min_amount, "最低金额")) if min_amount not in (None, "") else None
        high = to_fen(parse_amount(max_amount, "最高金额")) if max_amount not in (None, "") else None
    except InputError as exc:
        raise ServiceError(exc.message) from exc
    if low is not None and high is not None and low > high:
        raise ServiceError(
            f"金额范围有误：最低 {format_amount(from_fen(low))} 高于最高 {format_amount(from_fen(high))}，请改正。"
        )
    return QueueFilter((county_code or "").strip() or None, plan_id, clerk_id, low, high)


def _papers_complete(papers_json: str | None) -> bool | None:
    papers = loads(papers_json, None)
    if not isinstance(papers, list) or not papers:
        return None
    return all(bool(p.get("received")) for p in papers if isinstance(p, dict))


def review_queue(
    db: Database,
    *,
    county_code: str | None = None,
    plan_code: str | None = None,
    entered_by: int | str | None = None,
    min_amount: Decimal | str | None = None,
    max_amount: Decimal | str | None = None,
    limit: int = QUEUE_PAGE,
    offset: int = 0,
) -> list[QueueRow]:
    """Claims waiting for review, oldest first (received on, then claim number). Filters: county
    (code: the claim number's prefix), plan (code), clerk (user id or username), quoted amount
    range (inclusive)."""
    with UnitOfWork(db, read_only=True) as uow:
        q = ClaimQueries(uow.session)
        f = _queue_filter(q, county_code, plan_code, entered_by, min_amount, max_amount)
        if f is None:
            return []
        hits = q.queue(f, limit=limit, offset=offset)
    return [
        QueueRow(
            h.claim_number,
            h.received_on,
            h.event_date,
            from_fen(h.quoted_fen),
            h.member_name,
            h.id_number,
            h.unit_name,
            h.plan_code,
            h.plan_name,
            h.entered_by,
            h.clerk_name or "",
            h.hospital_name,
            h.diagnosis,
            _papers_complete(h.papers_json),
        )
        for h in hits
    ]


def review_queue_count(
    db: Database,
    *,
    county_code: str | None = None,
    plan_code: str | None = None,
    entered_by: int | str | None = None,
    min_amount: Decimal | str | None = None,
    max_amount: Decimal | str | None = None,
) -> int:
    with UnitOfWork(db, read_only=True) as uow:
        q = ClaimQueries(uow.session)
        f = _queue_filter(q, county_code, plan_code, entered_by, min_amount, max_amount)
        return 0 if f is None else q.queue_count(f)


def queue_choices(db: Database) -> QueueChoices:
    with UnitOfWork(db, read_only=True) as uow:
        q = ClaimQueries(uow.session)
        return QueueChoices(
            counties=tuple(FilterChoice(c.code, c.name) for c in q.counties()),
            plans=tuple(FilterChoice(p.code, f"{p.name}（{p.code}）") for p in q.plans()),
            clerks=tuple(FilterChoice(u.id, u.display_name) for u in q.clerks(roles_for("take_claim"))),
        )


__all__ = [
    "QUEUE_PAGE",
    "FilterChoice",
    "QueueChoices",
    "QueueRow",
    "queue_choices",
    "review_queue",
    "review_queue_count",
]
