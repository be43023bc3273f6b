"""The receipts list (票据) and a clerk's day (日结)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from mutualaid_desktop.documents.cash_up import CashUp, CashUpReceipt
from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.services.admin.counter_setup import counter_name
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.enrollment.payment_parts import (
    METHOD_LABELS,
    others_cash_up_refusal,
)
from mutualaid_desktop.services.errors import PermissionDenied
from mutualaid_desktop.services.permissions import roles_for
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.payment_queries import PaymentQueries, ReceiptListRow


@dataclass(frozen=True)
class ReceiptRow:
    """A receipt in the 票据 list."""

    payment_id: int
    serial: str
    paid_on: date
    payer_kind: str
    payer_name: str
    payer_code: str
    plans: str
    people: int
    amount: Decimal
    method: str
    clerk_id: int | None
    clerk_name: str
    voided: bool
    void_reason: str | None
    issued_on: date | None = None  # the local day the receipt was made (a clerk voids on that day only)
    bank_reference: str | None = None
    replaces_serial: str | None = None  # the voided receipt of the same people this one replaces
    replaced_by_serial: str | None = None  # a voided receipt's replacement
    voided_by_name: str | None = None
    voided_at: datetime | None = None  # local time

    @property
    def method_label(self) -> str:
        return METHOD_LABELS.get(self.method, self.method)


@dataclass(frozen=True)
class Cashier:
    id: int
    display_name: str
    username: str


def _row(r: ReceiptListRow, plans: dict[int, list[str]]) -> ReceiptRow:
    p = r.payment
    if p.payer_unit_id is not None:
        kind, name, code = "unit", r.unit_name or "", r.unit_code or ""
    else:
        kind, name, code = "member", r.member_name or "", r.member_id_number or ""
    return ReceiptRow(
        p.id,
        p.receipt_serial,
        p.paid_on,
        kind,
        name,
        code,
        "、".join(plans.get(p.id, [])),
        r.people,
        from_fen(p.amount_fen),
        p.method,
        p.clerk_id,
        r.clerk_name or "",
        bool(p.voided),
        p.void_reason,
        clock.local_day(p.created_at),
        p.bank_reference,
        r.replaces_serial,
        r.replaced_by_serial,
        r.voided_by_name,
        clock.local_time(p.voided_at),
    )


def list_receipts(
    db: Database,
    *,
    day: date | None = None,
    serial: str | None = None,
    payer: str | None = None,
    clerk_id: int | None = None,
    limit: int = 500,
    offset: int = 0,
) -> list[ReceiptRow]:
    """Receipts, newest first: of a day, by (part of) the serial number, by payer (unit name or
    code, member name)."""
    with UnitOfWork(db, read_only=True) as uow:
        q = PaymentQueries(uow.session)
        rows = q.receipts(
            day=day,
            serial=(serial or "").strip() or None,
            payer=(payer or "").strip() or None,
            clerk_id=clerk_id,
            limit=limit,
            offset=offset,
        )
        plans = q.plan_names([r.payment.id for r in rows])
        return [_row(r, plans) for r in rows]


def cashiers(db: Database) -> list[Cashier]:
    """The users who take money (for choosing whose cash-up to see)."""
    with UnitOfWork(db, read_only=True) as uow:
        return [
            Cashier(u.id, u.display_name, u.username) for u in PaymentQueries(uow.session).cashiers(roles_for("pay"))
        ]


def cash_up(db: Database, user: UserInfo, day: date, *, clerk_id: int | None = None) -> CashUp:
    """A clerk's day (日结): the receipts issued (paid on `day`), voided ones marked and left out of
    the totals. A clerk sees their own; a supervisor any clerk's (`clerk_id`)."""
    clerk_id = user.id if clerk_id is None else clerk_id
    refusal = others_cash_up_refusal(user) if clerk_id != user.id else None
    if refusal:
        raise PermissionDenied(refusal)
    with UnitOfWork(db, read_only=True) as uow:
        q = PaymentQueries(uow.session)
        clerk = q.user(clerk_id)
        name = clerk.display_name if clerk else (user.display_name if clerk_id == user.id else "")
        rows = q.payments_of_clerk(clerk_id, day)
        receipts = tuple(
            CashUpReceipt(
                r.payment.receipt_serial,
                r.unit_name or r.member_name or "",
                r.people,
                r.payment.method,
                from_fen(r.payment.amount_fen),
                bool(r.payment.voided),
                r.payment.void_reason,
                r.voided_by_name,
                clock.local_time(r.payment.voided_at),
                r.payment.bank_reference,
                r.replaces_serial,
            )
            for r in rows
        )
        return CashUp(counter_name(uow.session), clerk_id, name, day, receipts, clock.now().replace(microsecond=0))
