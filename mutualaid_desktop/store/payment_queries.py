"""Queries for premium payments and receipts (used by services/enrollment/payments.py); their printed papers: printed_queries.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session, aliased

from .bulk import table_of
from .models import (
    Claim,
    Enrollment,
    Member,
    OrgUnit,
    Plan,
    PremiumPayment,
    PremiumPaymentItem,
    PrintedDocument,
    User,
)
from .money_digest import touch


@dataclass(frozen=True)
class ReceiptListRow:
    payment: PremiumPayment
    unit_code: str | None
    unit_name: str | None
    member_name: str | None
    member_id_number: str | None
    clerk_name: str | None
    people: int
    replaces_serial: str | None = None  # the voided receipt this one replaces
    replaced_by_serial: str | None = None  # a voided receipt's replacement
    voided_by_name: str | None = None


CHUNK = 5000  # ids per IN (...): well below SQLite's limit on bound parameters


def _chunks(ids: list[int]):
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class PaymentQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- enrollments -----------------------------------------------------------------------

    def enrollments(self, ids: list[int]) -> list[tuple[Enrollment, Member, Plan]]:
        out: list[tuple[Enrollment, Member, Plan]] = []
        for chunk in _chunks(sorted(ids)):
            rows = self.session.execute(
                select(Enrollment, Member, Plan)
                .join(Member, Member.id == Enrollment.member_id)
                .join(Plan, Plan.id == Enrollment.plan_id)
                .where(Enrollment.id.in_(chunk))
                .order_by(Enrollment.id)
            )
            out.extend((e, m, p) for e, m, p in rows)
        return out

    def pending(
        self,
        *,
        unit_id: int | None = None,
        member_id: int | None = None,
        plan_id: int | None = None,
        limit: int = 5000,
    ) -> list[tuple[Enrollment, Member, Plan, OrgUnit | None]]:
        stmt = (
            select(Enrollment, Member, Plan, OrgUnit)
            .join(Member, Member.id == Enrollment.member_id)
            .join(Plan, Plan.id == Enrollment.plan_id)
            .outerjoin(OrgUnit, OrgUnit.id == Enrollment.unit_id)
            .where(Enrollment.status == "pending_payment")
        )
        if unit_id is not None:
            stmt = stmt.where(Enrollment.unit_id == unit_id)
        if member_id is not None:
            stmt = stmt.where(Enrollment.member_id == member_id)
        if plan_id is not None:
            stmt = stmt.where(Enrollment.plan_id == plan_id)
        rows = self.session.execute(stmt.order_by(Enrollment.id).limit(limit))
        return [(e, m, p, u) for e, m, p, u in rows]

    def pending_groups(self, limit: int = 1000) -> list[tuple[OrgUnit | None, Plan, int, int]]:
        """Pending enrollments by unit and plan: (unit, plan, count, premium fen)."""
        stmt = (
            select(Enrollment.unit_id, Enrollment.plan_id, func.count(), func.sum(Enrollment.premium_fen))
            .where(Enrollment.status == "pending_payment")
            .group_by(Enrollment.unit_id, Enrollment.plan_id)
            .order_by(Enrollment.unit_id, Enrollment.plan_id)
            .limit(limit)
        )
        out = []
        for unit_id, plan_id, count, total in self.session.execute(stmt):
            unit = self.session.get(OrgUnit, unit_id) if unit_id is not None else None
            out.append((unit, self.session.get_one(Plan, plan_id), int(count), int(total or 0)))
        return out

    def pending_ids(self, *, unit_id: int | None, plan_id: int) -> list[int]:
        stmt = select(Enrollment.id).where(Enrollment.status == "pending_payment", Enrollment.plan_id == plan_id)
        stmt = stmt.where(Enrollment.unit_id.is_(None) if unit_id is None else Enrollment.unit_id == unit_id)
        return list(self.session.scalars(stmt.order_by(Enrollment.id)))

    def set_paid(self, ids: list[int], payment_id: int, cover_start: date, cover_end: date) -> None:
        touch(self.session, "premium_payment", payment_id)
        for chunk in _chunks(ids):
            self.session.execute(
                update(Enrollment)
                .where(Enrollment.id.in_(chunk))
                .values(status="paid", payment_id=payment_id, cover_start=cover_start, cover_end=cover_end)
                .execution_options(synchronize_session="fetch")
            )

    def set_continuous(self, ids: list[int], continuous_ids: list[int]) -> None:
        """Of the enrollments `ids`, those in `continuous_ids` have continuous cover, the others not."""
        self._touch_payments_of(ids)
        chosen = set(continuous_ids)
        for flag, group in ((True, [i for i in ids if i in chosen]), (False, [i for i in ids if i not in chosen])):
            for chunk in _chunks(group):
                self.session.execute(
                    update(Enrollment)
                    .where(Enrollment.id.in_(chunk))
                    .values(continuous=flag)
                    .execution_options(synchronize_session="fetch")
                )

    def set_unpaid(self, ids: list[int]) -> None:
        self._touch_payments_of(ids)
        for chunk in _chunks(ids):
            self.session.execute(
                update(Enrollment)
                .where(Enrollment.id.in_(chunk))
                .values(status="pending_payment", payment_id=None, cover_start=None, cover_end=None)
                .execution_options(synchronize_session="fetch")
            )

    def _touch_payments_of(self, enrollment_ids: list[int]) -> None:
        """The payments of these enrollments are changed too (Core updates: digests at the commit)."""
        for chunk in _chunks(enrollment_ids):
            stmt = select(Enrollment.payment_id).where(Enrollment.id.in_(chunk), Enrollment.payment_id.is_not(None))
            for payment_id in set(self.session.scalars(stmt)):
                touch(self.session, "premium_payment", payment_id)

    def claims_on(self, enrollment_ids: list[int]) -> int:
        total = 0
        for chunk in _chunks(enrollment_ids):
            stmt = select(func.count()).select_from(Claim).where(Claim.enrollment_id.in_(chunk))
            total += self.session.scalar(stmt) or 0
        return total

    # --- payers ----------------------------------------------------------------------------

    def unit_by_code(self, code: str) -> OrgUnit | None:
        return self.session.scalar(select(OrgUnit).where(OrgUnit.code == code))

    def unit(self, unit_id: int | None) -> OrgUnit | None:
        return self.session.get(OrgUnit, unit_id) if unit_id is not None else None

    def member(self, member_id: int | None) -> Member | None:
        return self.session.get(Member, member_id) if member_id is not None else None

    def user(self, user_id: int | None) -> User | None:
        return self.session.get(User, user_id) if user_id is not None else None

    def cashiers(self, roles: tuple[str, ...]) -> list[User]:
        """The users with one of `roles` (those who take money: the service says which), for the cash-up chooser."""
        stmt = select(User).where(User.role.in_(roles)).order_by(User.id)
        return list(self.session.scalars(stmt))

    # --- payments --------------------------------------------------------------------------

    def add_payment(self, payment: PremiumPayment, items: list[dict]) -> PremiumPayment:
        self.session.add(payment)
        self.session.flush()
        for item in items:
            item["payment_id"] = payment.id
        self.session.execute(table_of(PremiumPaymentItem).insert(), items)
        touch(self.session, "premium_payment", payment.id)  # Core inserts: digest at the commit
        return payment

    def serial_of(self, payment_id: int | None) -> str | None:
        if payment_id is None:
            return None
        return self.session.scalar(select(PremiumPayment.receipt_serial).where(PremiumPayment.id == payment_id))

    def payment_by_serial(self, serial: str) -> PremiumPayment | None:
        return self.session.scalar(select(PremiumPayment).where(PremiumPayment.receipt_serial == serial))

    def items(self, payment_id: int) -> list[tuple[PremiumPaymentItem, Enrollment, Member, Plan]]:
        rows = self.session.execute(
            select(PremiumPaymentItem, Enrollment, Member, Plan)
            .join(Enrollment, Enrollment.id == PremiumPaymentItem.enrollment_id)
            .join(Member, Member.id == Enrollment.member_id)
            .join(Plan, Plan.id == Enrollment.plan_id)
            .where(PremiumPaymentItem.payment_id == payment_id)
            .order_by(PremiumPaymentItem.enrollment_id)
        )
        return [(i, e, m, p) for i, e, m, p in rows]

    def receipts(
        self,
        *,
        day: date | None = None,
        serial: str | None = None,
        payer: str | None = None,
        clerk_id: int | None = None,
        limit: int = 500,
        offset: int = 0,
    ) -> list[ReceiptListRow]:
        people = (
            select(func.count())
            .where(PremiumPaymentItem.payment_id == PremiumPayment.id)
            .correlate(PremiumPayment)
            .scalar_subquery()
        )
        replaced = aliased(PremiumPayment)
        replacement = aliased(PremiumPayment)
        voider = aliased(User)
        replaced_by = (
            select(replacement.receipt_serial)
            .where(replacement.replaces_payment_id == PremiumPayment.id)
            .order_by(replacement.id.desc())
            .limit(1)
            .correlate(PremiumPayment)
            .scalar_subquery()
        )
        stmt = (
            select(
                PremiumPayment,
                OrgUnit.code,
                OrgUnit.name,
                Member.name,
                Member.id_number,
                User.display_name,
                people,
                replaced.receipt_serial,
                replaced_by,
                voider.display_name,
            )
            .outerjoin(OrgUnit, OrgUnit.id == PremiumPayment.payer_unit_id)
            .outerjoin(Member, Member.id == PremiumPayment.payer_member_id)
            .outerjoin(User, User.id == PremiumPayment.clerk_id)
            .outerjoin(replaced, replaced.id == PremiumPayment.replaces_payment_id)
            .outerjoin(voider, voider.id == PremiumPayment.voided_by)
        )
        if day is not None:
            stmt = stmt.where(PremiumPayment.paid_on == day)
        if serial:
            stmt = stmt.where(PremiumPayment.receipt_serial.like(_like(serial.upper()), escape="\\"))
        if payer:
            pattern = _like(payer)
            stmt = stmt.where(
                or_(
                    OrgUnit.name.like(pattern, escape="\\"),
                    OrgUnit.code.like(pattern, escape="\\"),
                    Member.name.like(pattern, escape="\\"),
                )
            )
        if clerk_id is not None:
            stmt = stmt.where(PremiumPayment.clerk_id == clerk_id)
        stmt = stmt.order_by(PremiumPayment.paid_on.desc(), PremiumPayment.id.desc()).limit(limit).offset(offset)
        return [
            ReceiptListRow(p, uc, un, mn, mi, cn, int(n or 0), rs, rb, vn)
            for p, uc, un, mn, mi, cn, n, rs, rb, vn in self.session.execute(stmt)
        ]

    def plan_names(self, payment_ids: list[int]) -> dict[int, list[str]]:
        if not payment_ids:
            return {}
        stmt = (
            select(PremiumPaymentItem.payment_id, Plan.name)
            .join(Enrollment, Enrollment.id == PremiumPaymentItem.enrollment_id)
            .join(Plan, Plan.id == Enrollment.plan_id)
            .where(PremiumPaymentItem.payment_id.in_(payment_ids))
            .group_by(PremiumPaymentItem.payment_id, Plan.id, Plan.name)
            .order_by(PremiumPaymentItem.payment_id, Plan.id)
        )
        out: dict[int, list[str]] = {}
        for payment_id, name in self.session.execute(stmt):
            out.setdefault(payment_id, []).append(name)
        return out

    def payments_of_clerk(self, clerk_id: int | None, day: date) -> list[ReceiptListRow]:
        stmt_rows = self.receipts(day=day, clerk_id=clerk_id, limit=100_000)
        if clerk_id is None:  # receipts recorded without a user (command line)
            stmt_rows = [r for r in stmt_rows if r.payment.clerk_id is None]
        return sorted(stmt_rows, key=lambda r: r.payment.receipt_serial)

    def replaced_payment(
        self, enrollment_ids: list[int], member_ids: set[int], unit_id: int | None, member_id: int | None
    ) -> PremiumPayment | None:
        """The voided receipt of the same people that a new payment replaces: the newest voided
        receipt not yet replaced whose items are these enrollments, or (the people enrolled
        again) the same payer's receipt for these members. None when there is none."""
        wanted = set(enrollment_ids)
        candidates: set[int] = set()
        for chunk in _chunks(sorted(wanted)):
            candidates.update(
                self.session.scalars(
                    select(PremiumPaymentItem.payment_id).where(PremiumPaymentItem.enrollment_id.in_(chunk))
                )
            )
        payer = (
            PremiumPayment.payer_unit_id == unit_id
            if unit_id is not None
            else PremiumPayment.payer_member_id == member_id
        )
        candidates.update(
            self.session.scalars(
                select(PremiumPayment.id)
                .where(PremiumPayment.voided.is_(True), payer)
                .order_by(PremiumPayment.voided_at.desc())
                .limit(20)
            )
        )
        if not candidates:
            return None
        taken = aliased(PremiumPayment)
        stmt = (
            select(PremiumPayment)
            .where(PremiumPayment.id.in_(sorted(candidates)), PremiumPayment.voided.is_(True))
            .where(~select(taken.id).where(taken.replaces_payment_id == PremiumPayment.id).exists())
            .order_by(PremiumPayment.voided_at.desc(), PremiumPayment.id.desc())
        )
        for payment in self.session.scalars(stmt):
            rows = self.session.execute(
                select(PremiumPaymentItem.enrollment_id, Enrollment.member_id)
                .join(Enrollment, Enrollment.id == PremiumPaymentItem.enrollment_id)
                .where(PremiumPaymentItem.payment_id == payment.id)
            ).all()
            if {e for e, _ in rows} == wanted:
                return payment
            same_payer = (
                payment.payer_unit_id == unit_id if unit_id is not None else payment.payer_member_id == member_id
            )
            if same_payer and len(rows) == len(wanted) and {m for _, m in rows} == member_ids:
                return payment
        return None

    def mark_voided(self, payment: PremiumPayment, user_id: int | None, at: datetime, reason: str) -> None:
        payment.voided = True
        payment.voided_at = at
        payment.voided_by = user_id
        payment.void_reason = reason
        self.session.execute(
            update(PrintedDocument)
            .where(PrintedDocument.serial == payment.receipt_serial, PrintedDocument.voided_at.is_(None))
            .values(voided_at=at, voided_by=user_id, void_reason=reason)
            .execution_options(synchronize_session=False)
        )
        self.session.flush()
