"""Queries for the statistics of the monthly cycle (services/statistics/figures.py owns the definitions).

Plain GROUP BY rows per (unit of the enrollment, plan kind), never ORM objects: the service maps a
unit to its county in Python (the tree is small), so that one query serves the city, the counties and
the units. Dates are calendar days; stored moments (decided_at, reversed_at, created_at) are compared
with the period's bounds in UTC ([from, to)).

Every query takes `plan_ids`: None on the cash basis (every plan; the money's date decides), or the plans
of one plan year on the plan-year basis (then the money's date only has to lie before the period's end).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date, datetime

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from .models import (
    Claim,
    ClaimReversal,
    Enrollment,
    Member,
    OrgUnit,
    PayoutItem,
    Plan,
    PremiumPayment,
    PremiumPaymentItem,
)

# (unit id, plan kind, value...) rows
Row = tuple


def _rows(session: Session, stmt: Select) -> list[Row]:
    """The rows as plain tuples, through the session's connection (no ORM loading step: these are not entities)."""
    return [tuple(r) for r in session.connection().execute(stmt).fetchall()]


def _restrict(stmt: Select, column, plan_ids: Collection[int] | None) -> Select:
    return stmt if plan_ids is None else stmt.where(column.in_(list(plan_ids)))


class StatisticsQueries:
    """One per unit of work. The plans and the figures taken as of a day (members covered, renewal) are kept for
    the unit of work: a month report's month and year to date end on the same day and read them once."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._kept: dict[tuple, list[Row]] = {}

    def _once(self, key: tuple, read: Callable[[], list[Row]]) -> list[Row]:
        if key not in self._kept:
            self._kept[key] = read()
        return list(self._kept[key])

    # --- the tree and the plans --------------------------------------------------------------

    def units(self) -> list[tuple[int, str, str, str, int | None, int | None, bool]]:
        """(id, code, name, kind, parent id, headcount, active) of every node of the union tree."""
        stmt = select(
            OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.kind, OrgUnit.parent_id, OrgUnit.headcount, OrgUnit.active
        ).order_by(OrgUnit.code)
        return _rows(self.session, stmt)

    def plans(self) -> list[tuple[int, str, date]]:
        """(id, kind, last day) of every plan (read once per unit of work)."""
        return self._once(("plans",), lambda: _rows(self.session, select(Plan.id, Plan.kind, Plan.period_end)))

    # --- premiums ----------------------------------------------------------------------------

    def premiums(self, first: date | None, last: date, plan_ids: Collection[int] | None) -> list[Row]:
        """(unit id, plan kind, premiums fen, enrollments) of the enrollments paid by receipts dated
        first..last (from the beginning when `first` is None) and not voided."""
        stmt = (
            select(Enrollment.unit_id, Plan.kind, func.sum(PremiumPaymentItem.premium_fen), func.count())
            .select_from(PremiumPaymentItem)
            .join(PremiumPayment, PremiumPayment.id == PremiumPaymentItem.payment_id)
            .join(Enrollment, Enrollment.id == PremiumPaymentItem.enrollment_id)
            .join(Plan, Plan.id == Enrollment.plan_id)
            .where(PremiumPayment.voided.is_(False), PremiumPayment.paid_on <= last)
            .group_by(Enrollment.unit_id, Plan.kind)
        )
        if first is not None:
            stmt = stmt.where(PremiumPayment.paid_on >= first)
        return _rows(self.session, _restrict(stmt, Enrollment.plan_id, plan_ids))

    def premiums_by_month(self, first: date, last: date) -> list[Row]:
        """(unit id, plan kind, year, month, premiums fen) of the receipts dated first..last, not voided."""
        y, m = func.extract("year", PremiumPayment.paid_on), func.extract("month", PremiumPayment.paid_on)
        stmt = (
            select(Enrollment.unit_id, Plan.kind, y, m, func.sum(PremiumPaymentItem.premium_fen))
            .select_from(PremiumPaymentItem)
            .join(PremiumPayment, PremiumPayment.id == PremiumPaymentItem.payment_id)
            .join(Enrollment, Enrollment.id == PremiumPaymentItem.enrollment_id)
            .join(Plan, Plan.id == Enrollment.plan_id)
            .where(PremiumPayment.voided.is_(False), PremiumPayment.paid_on.between(first, last))
            .group_by(Enrollment.unit_id, Plan.kind, y, m)
        )
        return [(u, k, int(yy), int(mm), fen) for u, k, yy, mm, fen in self.session.execute(stmt)]

    # --- payouts ----------------------------------------------------------------------------

    def paid(self, first: date | None, last: date, plan_ids: Collection[int] | None) -> list[Row]:
        """(unit id, plan kind, amount fen, claims) of the payout items marked paid with a settlement
        date first..last; claims counted once each."""
        stmt = (
            select(Enrollment.unit_id, Plan.kind, func.sum(PayoutItem.amount_fen), func.count(func.distinct(Claim.id)))
            .select_from(PayoutItem)
            .join(Claim, Claim.id == PayoutItem.claim_id)
            .join(Enrollment, Enrollment.id == Claim.enrollment_id)
            .join(Plan, Plan.id == Claim.plan_id)
            .where(PayoutItem.status == "paid", PayoutItem.settled_on <= last)
            .group_by(Enrollment.unit_id, Plan.kind)
        )
        if first is not None:
            stmt = stmt.where(PayoutItem.settled_on >= first)
        return _rows(self.session, _restrict(stmt, Claim.plan_id, plan_ids))

    def reversed(self, since: datetime | None, until: datetime, plan_ids: Collection[int] | None) -> list[Row]:
        """(unit id, plan kind, amount fen) of the reversals of paid claims made in [since, until)."""
        stmt = (
            select(Enrollment.unit_id, Plan.kind, func.sum(ClaimReversal.amount_fen))
            .select_from(ClaimReversal)
            .join(Claim, Claim.id == ClaimReversal.claim_id)
            .join(Enrollment, Enrollment.id == Claim.enrollment_id)
            .join(Plan, Plan.id == Claim.plan_id)
            .where(ClaimReversal.reversed_at < until)
            .group_by(Enrollment.unit_id, Plan.kind)
        )
        if since is not None:
            stmt = stmt.where(ClaimReversal.reversed_at >= since)
        return _rows(self.session, _restrict(stmt, Claim.plan_id, plan_ids))

    def paid_items(self, first: date | None, last: date, plan_ids: Collection[int] | None) -> list[Row]:
        """(unit id, plan kind, claim id, amount fen, decided at, settled on) of each payout item marked paid with
        a settlement date first..last (from the beginning when `first` is None): the amounts, the claims and the
        days from decision to payment in one pass."""
        stmt = (
            select(
                Enrollment.unit_id,
                Plan.kind,
                PayoutItem.claim_id,
                PayoutItem.amount_fen,
                Claim.decided_at,
                PayoutItem.settled_on,
            )
            .select_from(PayoutItem)
            .join(Claim, Claim.id == PayoutItem.claim_id)
            .join(Enrollment, Enrollment.id == Claim.enrollment_id)
            .join(Plan, Plan.id == Claim.plan_id)
            .where(PayoutItem.status == "paid", PayoutItem.settled_on <= last)
        )
        if first is not None:
            stmt = stmt.where(PayoutItem.settled_on >= first)
        return _rows(self.session, _restrict(stmt, Claim.plan_id, plan_ids))

    # --- claims -----------------------------------------------------------------------------

    def _claims(self, *columns) -> Select:
        return (
            select(Enrollment.unit_id, Plan.kind, *columns)
            .select_from(Claim)
            .join(Enrollment, Enrollment.id == Claim.enrollment_id)
            .join(Plan, Plan.id == Claim.plan_id)
        )

    def claim_counts(
        self, first: date, last: date, since: datetime, until: datetime, plan_ids: Collection[int] | None
    ) -> list[Row]:
        """(unit id, plan kind, claims received first..last, refused in [since, until), pending at the end —
        received by `last` and not decided before `until` — and the pending ones' quoted fen), in one pass over
        the claims; only (unit, kind) with one of them."""
        received = Claim.received_on.between(first, last)
        refused = and_(Claim.status == "refused", Claim.decided_at >= since, Claim.decided_at < until)
        pending = and_(Claim.received_on <= last, or_(Claim.decided_at.is_(None), Claim.decided_at >= until))
        stmt = self._claims(
            func.sum(case((received, 1), else_=0)),
            func.sum(case((refused, 1), else_=0)),
            func.sum(case((pending, 1), else_=0)),
            func.sum(case((pending, Claim.quoted_fen), else_=0)),
        ).where(or_(received, refused, pending))
        stmt = stmt.group_by(Enrollment.unit_id, Plan.kind)
        return _rows(self.session, _restrict(stmt, Claim.plan_id, plan_ids))

    def decided_moments(self, since: datetime, until: datetime, plan_ids: Collection[int] | None) -> list[Row]:
        """(unit id, plan kind, received on, decided at) of the claims decided in [since, until)."""
        stmt = self._claims(Claim.received_on, Claim.decided_at).where(
            Claim.decided_at >= since, Claim.decided_at < until
        )
        return _rows(self.session, _restrict(stmt, Claim.plan_id, plan_ids))

    # --- members ----------------------------------------------------------------------------

    def premiums_and_members(self, plan_ids: Collection[int], last: date) -> list[Row]:
        """(unit id, plan kind, premiums fen, enrollments, members) paid under `plan_ids` by receipts dated up to
        `last`, not voided; a member counted once per unit and kind. The plan-year basis's 参保 figures and the
        members covered under the year's plans, in one pass."""
        return self._once(("members", frozenset(plan_ids), last), lambda: self._premiums_and_members(plan_ids, last))

    def _premiums_and_members(self, plan_ids: Collection[int], last: date) -> list[Row]:
        kind_of = {pid: kind for pid, kind, _last_day in self.plans() if pid in set(plan_ids)}
        one_plan_a_kind = len(set(kind_of.values())) == len(kind_of)
        # With one plan per kind, per plan is per kind: grouped by (plan, unit), the rows come in the order of
        # ix_enrollments_plan_unit_member (0012) and are counted without sorting them. Otherwise a member paid
        # under two plans of a kind must still count once: grouped by (unit, kind).
        group = (Enrollment.plan_id, Enrollment.unit_id) if one_plan_a_kind else (Plan.kind, Enrollment.unit_id)
        stmt = (
            select(
                *group,
                func.sum(PremiumPaymentItem.premium_fen),
                func.count(),
                func.count(func.distinct(Enrollment.member_id)),
            )
            .select_from(PremiumPaymentItem)
            .join(PremiumPayment, PremiumPayment.id == PremiumPaymentItem.payment_id)
            .join(Enrollment, Enrollment.id == PremiumPaymentItem.enrollment_id)
            .where(
                PremiumPayment.voided.is_(False),
                PremiumPayment.paid_on <= last,
                Enrollment.plan_id.in_(list(plan_ids)),
            )
            .group_by(*group)
        )
        if one_plan_a_kind:
            return [(unit, kind_of[plan], *values) for plan, unit, *values in _rows(self.session, stmt)]
        stmt = stmt.join(Plan, Plan.id == Enrollment.plan_id)
        return [(unit, kind, *values) for kind, unit, *values in _rows(self.session, stmt)]

    def renewed(self, last_year: Collection[int], this_year: Collection[int], last: date) -> list[Row]:
        """(unit id of last year's cover, plan kind, members covered last year, of them paid again under
        this year's plans of the same kind by `last`)."""
        key = ("renewed", frozenset(last_year), frozenset(this_year), last)
        return self._once(key, lambda: self._renewed(last_year, this_year, last))

    def _renewed(self, last_year: Collection[int], this_year: Collection[int], last: date) -> list[Row]:
        before = (
            select(Enrollment.member_id, Enrollment.unit_id, Plan.kind)
            .join(Plan, Plan.id == Enrollment.plan_id)
            .where(Enrollment.status == "paid", Enrollment.plan_id.in_(list(last_year)))
            .distinct()
            .subquery()
        )
        again = (
            select(Enrollment.member_id, Plan.kind)
            .select_from(PremiumPaymentItem)
            .join(PremiumPayment, PremiumPayment.id == PremiumPaymentItem.payment_id)
            .join(Enrollment, Enrollment.id == PremiumPaymentItem.enrollment_id)
            .join(Plan, Plan.id == Enrollment.plan_id)
            .where(
                PremiumPayment.voided.is_(False),
                PremiumPayment.paid_on <= last,
                Enrollment.plan_id.in_(list(this_year)),
            )
            .distinct()
            .subquery()
        )
        stmt = (
            select(before.c.unit_id, before.c.kind, func.count(), func.count(again.c.member_id))
            .select_from(before)
            .outerjoin(again, and_(again.c.member_id == before.c.member_id, again.c.kind == before.c.kind))
            .group_by(before.c.unit_id, before.c.kind)
        )
        return _rows(self.session, stmt)

    def new_members(self, since: datetime, until: datetime) -> list[tuple[int | None, int]]:
        """(unit id, members) of the members first recorded in [since, until)."""
        stmt = (
            select(Member.unit_id, func.count())
            .where(Member.created_at >= since, Member.created_at < until)
            .group_by(Member.unit_id)
        )
        return _rows(self.session, stmt)
