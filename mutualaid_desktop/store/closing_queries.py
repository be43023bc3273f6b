"""Queries for the month closings (月结; services/statistics/month_closing.py)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import Claim, MonthClosing, PayoutItem, PremiumPayment, User


class ClosingQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def live(self, year: int, month: int) -> MonthClosing | None:
        """The month's closing in force (not reopened), if it is closed."""
        stmt = select(MonthClosing).where(
            MonthClosing.year == year, MonthClosing.month == month, MonthClosing.reopened_at.is_(None)
        )
        return self.session.scalars(stmt).one_or_none()

    def live_closings(self) -> list[MonthClosing]:
        """Every closing in force, by month."""
        stmt = select(MonthClosing).where(MonthClosing.reopened_at.is_(None))
        return list(self.session.scalars(stmt.order_by(MonthClosing.year, MonthClosing.month)))

    def all(self) -> list[tuple[MonthClosing, str | None]]:
        """Every closing, reopened ones too, with the name of who reopened it: newest month first, then version."""
        stmt = (
            select(MonthClosing, User.display_name)
            .outerjoin(User, User.id == MonthClosing.reopened_by)
            .order_by(MonthClosing.year.desc(), MonthClosing.month.desc(), MonthClosing.version.desc())
        )
        return [(c, name) for c, name in self.session.execute(stmt)]

    def versions(self, year: int, month: int) -> int:
        stmt = select(func.count()).where(MonthClosing.year == year, MonthClosing.month == month)
        return int(self.session.scalar(stmt) or 0)

    def first_activity(self) -> date | None:
        """The first day anything was recorded that the figures count: a receipt, a claim, a payout."""
        days = [
            self.session.scalar(select(func.min(PremiumPayment.paid_on))),
            self.session.scalar(select(func.min(Claim.received_on))),
            self.session.scalar(select(func.min(PayoutItem.settled_on))),
        ]
        found = [d for d in days if d is not None]
        return min(found) if found else None

    def add(self, closing: MonthClosing) -> MonthClosing:
        self.session.add(closing)
        self.session.flush()
        return closing
