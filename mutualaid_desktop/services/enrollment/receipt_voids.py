"""Voiding a receipt (作废): kept with voided=True, who, when and why; its enrollments go back to
pending_payment without cover; what it paid for stays in premium_payment_items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.enrollment.payment_parts import _payment
from mutualaid_desktop.services.errors import PermissionDenied, ServiceError
from mutualaid_desktop.services.permissions import may, refusal
from mutualaid_desktop.services.reasons import written_reason
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.models import utcnow
from mutualaid_desktop.store.payment_queries import PaymentQueries


@dataclass(frozen=True)
class VoidResult:
    serial: str
    enrollments_reopened: int


@dataclass(frozen=True)
class VoidSubject:
    """What the rule of who may void a receipt looks at (a ReceiptRow of the list has the same)."""

    serial: str
    voided: bool
    clerk_id: int | None
    issued_on: date | None  # the local day the receipt was made


def void_refusal(user: UserInfo, receipt, *, today: date) -> str | None:
    """Why `user` may not void `receipt` (a ReceiptRow or VoidSubject) on `today`, or None: the one
    rule, checked by void_receipt and asked by the screen before a reason is typed. A supervisor
    may void any receipt; the clerk who issued it, on the day it was issued."""
    if receipt.voided:
        return f"收据 {receipt.serial} 已作废，不能再次作废。"
    if may(user, "void_any_receipt"):
        return None
    role_problem = refusal(user, "void_receipt")
    if role_problem:
        return role_problem
    if user.id is None or receipt.clerk_id != user.id:
        return "只有开票的经办人（当天）或主管可以作废这张收据，请联系主管。"
    if receipt.issued_on != today:
        return f"收据 {receipt.serial} 开于 {receipt.issued_on}，经办人只能作废当天开出的收据；请联系主管作废。"
    return None


def void_receipt(db: Database, user: UserInfo, serial: str, reason: str, *, today: date | None = None) -> VoidResult:
    """Void a receipt: kept with voided=True, who, when and why; its enrollments go back to
    pending_payment without cover. A supervisor may void any receipt; the clerk who issued it,
    on the day it was issued."""
    reason = written_reason(reason, "作废原因", missing="请填写作废原因。", multiline=True)
    today = today or clock.today()
    with UnitOfWork(db, user=user) as uow:
        q = PaymentQueries(uow.session)
        payment = _payment(q, serial)
        if payment.voided:
            raise ServiceError(
                f"收据 {payment.receipt_serial} 已于 {clock.local_day(payment.voided_at)} 作废，不能再次作废。"
            )
        refusal = void_refusal(
            user,
            VoidSubject(payment.receipt_serial, False, payment.clerk_id, clock.local_day(payment.created_at)),
            today=today,
        )
        if refusal:
            raise PermissionDenied(refusal)
        enrollment_ids = [e.id for _, e, _, _ in q.items(payment.id) if e.payment_id == payment.id]
        claims = q.claims_on(enrollment_ids)
        if claims:
            raise ServiceError(
                f"收据 {payment.receipt_serial} 所缴的保障已有 {claims} 件理赔，不能作废；请联系主管处理。"
            )
        q.set_unpaid(enrollment_ids)
        at = utcnow()
        q.mark_voided(payment, user.id, at, reason)
        uow.audit(
            "payment.void",
            "premium_payment",
            payment.id,
            before={"serial": payment.receipt_serial, "voided": False, "enrollment_ids": enrollment_ids},
            after={"serial": payment.receipt_serial, "voided": True, "reason": reason},
        )
        uow.commit()
    return VoidResult(payment.receipt_serial, len(enrollment_ids))
