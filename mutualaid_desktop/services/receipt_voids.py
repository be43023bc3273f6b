"""Voiding a receipt (作废): kept with voided=True, who, when and why; its enrollments go back to
pending_payment without cover; what it paid for stays in premium_payment_items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mutualaid_desktop.domain.text import clean_text
from mutualaid_desktop.services.errors import PermissionDenied, ServiceError
from mutualaid_desktop.services.payment_parts import PAY_ROLES, SUPERVISOR_ROLES, _local_day, _payment
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.services.users import UserInfo
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.models import utcnow
from mutualaid_desktop.store.payment_queries import PaymentQueries


@dataclass(frozen=True)
class VoidResult:
    serial: str
    enrollments_reopened: int



def void_receipt(db: Database, user: UserInfo, serial: str, reason: str, *, today: date | None = None) -> VoidResult:
    """Void a receipt: kept with voided=True, who, when and why; its enrollments go back to
    pending_payment without cover. A supervisor may void any receipt; the clerk who issued it,
    on the day it was issued."""
    reason = clean_text(reason, field="reason", label="作废原因", limit=500, multiline=True, halfwidth=False)
    if not reason:
        raise ServiceError("请填写作废原因。")
    today = today or date.today()
    with UnitOfWork(db, user=user) as uow:
        q = PaymentQueries(uow.session)
        payment = _payment(q, serial)
        if payment.voided:
            raise ServiceError(f"收据 {payment.receipt_serial} 已于 {_local_day(payment.voided_at)} 作废，不能再次作废。")
        if user.role not in SUPERVISOR_ROLES:
            issued = _local_day(payment.created_at)
            if user.role not in PAY_ROLES or user.id is None or payment.clerk_id != user.id:
                raise PermissionDenied("只有开票的经办人（当天）或主管可以作废这张收据，请联系主管。")
            if issued != today:
                raise PermissionDenied(
                    f"收据 {payment.receipt_serial} 开于 {issued}，经办人只能作废当天开出的收据；请联系主管作废。"
                )
        enrollment_ids = [e.id for _, e, _, _ in q.items(payment.id) if e.payment_id == payment.id]
        claims = q.claims_on(enrollment_ids)
        if claims:
            raise ServiceError(
                f"收据 {payment.receipt_serial} 所缴的保障已有 {claims} 件理赔，不能作废；请联系主管处理。"
            )
        q.set_unpaid(enrollment_ids)
        at = utcnow()
        q.mark_voided(payment, user.id, at, reason)
        uow.audit("payment.void", "premium_payment", payment.id,
                  before={"serial": payment.receipt_serial, "voided": False, "enrollment_ids": enrollment_ids},
                  after={"serial": payment.receipt_serial, "voided": True, "reason": reason})
        uow.commit()
    return VoidResult(payment.receipt_serial, len(enrollment_ids))


