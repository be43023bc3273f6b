"""Receipt papers of a payment: the receipt's data (printed at once by payments.record_payment,
or again: 补打), and the unit's roster of covered members (参保名单). Every print is recorded in
printed_documents; a reprint is a numbered copy, marked 补打."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mutualaid_desktop.documents.premium_receipt import ReceiptLine, ReceiptPaper
from mutualaid_desktop.documents.unit_roster import RosterPaper, RosterRow, RosterSection
from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.idcard import mask_id_number
from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.services.admin.counter_setup import counter_name
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.enrollment.payment_parts import (
    RECEIPT_KIND,
    ROSTER_KIND,
    SEX_LABELS,
    VOIDED_ROSTER,
    _lines,
    _payment,
    _rules,
    reprint_refusal,
    roster_refusal,
)
from mutualaid_desktop.services.errors import PermissionDenied, ServiceError
from mutualaid_desktop.services.papers.paper_records import issue_copy
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.models import PremiumPayment
from mutualaid_desktop.store.payment_queries import PaymentQueries


@dataclass(frozen=True)
class PrintedPaper:
    serial: str
    copy_number: int  # 0 = original; n = n-th reprint (补打)
    paper: ReceiptPaper | RosterPaper


def _payer(q: PaymentQueries, payment: PremiumPayment) -> tuple[str, str, str]:
    """(kind, name, code) of who paid: the unit, or the member paying for themself (ID number masked)."""
    if payment.payer_unit_id is not None:
        unit = q.unit(payment.payer_unit_id)
        if unit is not None:
            return "unit", unit.name, unit.code
    elif payment.payer_member_id is not None:
        member = q.member(payment.payer_member_id)
        if member is not None:
            return "member", member.name, mask_id_number(member.id_number)
    raise ServiceError(f"收据 {payment.receipt_serial} 的缴费人在数据库中找不到，请联系管理员检查数据。")


def _paper(
    session,
    q: PaymentQueries,
    payment: PremiumPayment,
    clerk_name: str | None = None,
    *,
    copy_number: int,
    printed_at: datetime | None,
) -> ReceiptPaper:
    """The receipt's data, from the payment and what it paid for."""
    items = q.items(payment.id)
    lines, _ = _lines([(e, m, p) for _, e, m, p in items], payment.paid_on)
    # The item's premium is what was paid (the enrollment could be re-priced after a void).
    by_plan: dict[str, int] = {}
    for item, _, _, plan in items:
        by_plan[plan.code] = by_plan.get(plan.code, 0) + item.premium_fen
    receipt_lines = tuple(
        ReceiptLine(
            line.plan_name,
            line.people,
            line.shares,
            line.cover_start,
            line.cover_end,
            from_fen(by_plan[line.plan_code]),
        )
        for line in lines
    )
    kind, name, code = _payer(q, payment)
    if clerk_name is None:
        clerk = q.user(payment.clerk_id)
        clerk_name = clerk.display_name if clerk else ""
    return ReceiptPaper(
        serial=payment.receipt_serial,
        org_name=counter_name(session),
        payer_kind=kind,
        payer_name=name,
        payer_code=code,
        lines=receipt_lines,
        amount=from_fen(payment.amount_fen),
        method=payment.method,
        clerk_name=clerk_name,
        paid_on=payment.paid_on,
        voided=bool(payment.voided),
        void_reason=payment.void_reason,
        voided_on=clock.local_day(payment.voided_at),
        copy_number=copy_number,
        printed_at=clock.local_time(printed_at),
        bank_reference=payment.bank_reference,
        replaces_serial=q.serial_of(payment.replaces_payment_id),
    )


def _next_copy(q: PaymentQueries, user: UserInfo, kind: str, serial: str, payment_id: int) -> tuple[int, datetime]:
    """Record a print of the paper `kind` `serial`: the original when none was recorded, else the
    next copy (补打) pointing at the original. Returns (copy number, printed at)."""
    doc = issue_copy(q.session, user, kind=kind, serial=serial, subject_table="premium_payments", subject_id=payment_id)
    return doc.copy_number, doc.printed_at


def reprint_receipt(db: Database, user: UserInfo, serial: str) -> PrintedPaper:
    """Print a receipt again: a numbered copy (补打) is recorded; a voided receipt prints with 作废."""
    refusal = reprint_refusal(user)
    if refusal:
        raise PermissionDenied(refusal)
    with UnitOfWork(db, user=user) as uow:
        q = PaymentQueries(uow.session)
        payment = _payment(q, serial)
        number, at = _next_copy(q, user, RECEIPT_KIND, payment.receipt_serial, payment.id)
        uow.audit(
            "receipt.print",
            "premium_payment",
            payment.id,
            after={"serial": payment.receipt_serial, "copy_number": number},
        )
        paper = _paper(uow.session, q, payment, copy_number=number, printed_at=at)
        uow.commit()
    return PrintedPaper(payment.receipt_serial, number, paper)


def unit_roster(db: Database, user: UserInfo, serial: str) -> PrintedPaper:
    """The roster of covered members (参保名单) of a paid receipt, recorded as printed."""
    refusal = roster_refusal(user)
    if refusal:
        raise PermissionDenied(refusal)
    with UnitOfWork(db, user=user) as uow:
        q = PaymentQueries(uow.session)
        payment = _payment(q, serial)
        sections, unit_name, unit_code = _roster_parts(q, payment)
        number, at = _next_copy(q, user, ROSTER_KIND, payment.receipt_serial, payment.id)
        uow.audit(
            "roster.print",
            "premium_payment",
            payment.id,
            after={"serial": payment.receipt_serial, "copy_number": number},
        )
        paper = RosterPaper(
            counter_name(uow.session),
            unit_name,
            unit_code,
            payment.receipt_serial,
            payment.paid_on,
            sections,
            user.display_name,
            number,
            clock.local_time(at),
        )
        uow.commit()
    return PrintedPaper(payment.receipt_serial, number, paper)


def roster_paper(db: Database, serial: str) -> RosterPaper:
    """The roster's data as it stands (not recorded as printed; services/printed_papers records 补打)."""
    with UnitOfWork(db, read_only=True) as uow:
        q = PaymentQueries(uow.session)
        payment = _payment(q, serial)
        sections, unit_name, unit_code = _roster_parts(q, payment)
        return RosterPaper(
            counter_name(uow.session), unit_name, unit_code, payment.receipt_serial, payment.paid_on, sections
        )


def _roster_parts(q: PaymentQueries, payment: PremiumPayment) -> tuple[tuple[RosterSection, ...], str, str]:
    """The roster's sections (one per plan) and its unit name and code; a voided receipt has none."""
    if payment.voided:
        raise ServiceError(f"收据 {payment.receipt_serial}：{VOIDED_ROSTER}")
    items = q.items(payment.id)
    sections: dict[int, list] = {}
    for item, enrollment, member, plan in items:
        sections.setdefault(plan.id, []).append((item, enrollment, member, plan))
    out = []
    for group in sections.values():
        plan = group[0][3]
        rows = tuple(
            RosterRow(
                m.name,
                SEX_LABELS.get(m.sex, m.sex),
                mask_id_number(m.id_number),
                e.shares,
                e.cover_start or _rules(plan).cover_start(payment.paid_on),
                e.cover_end or plan.period_end,
            )
            for _, e, m, _ in group
        )
        out.append(RosterSection(plan.name, plan.code, rows, from_fen(sum(i.premium_fen for i, _, _, _ in group))))
    kind, unit_name, unit_code = _payer(q, payment)
    if kind == "member":
        unit_name = f"{unit_name}（个人缴费）"
    return tuple(out), unit_name, unit_code


def receipt_paper(db: Database, serial: str) -> ReceiptPaper:
    """The receipt's data as it stands (not recorded as a print: for showing on screen)."""
    with UnitOfWork(db, read_only=True) as uow:
        q = PaymentQueries(uow.session)
        payment = _payment(q, serial)
        return _paper(uow.session, q, payment, copy_number=0, printed_at=None)
