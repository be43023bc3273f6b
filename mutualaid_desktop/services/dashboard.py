"""The live figures of the home page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.services.admin.counter_setup import stored_counter_name
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.repositories import DashboardQueries


@dataclass(frozen=True)
class HomeFigures:
    members: int
    active_covers: int
    claims_waiting_review: int
    receipts_today: int
    receipts_today_amount: Decimal
    org_name: str | None


def home_figures(db: Database, today: date) -> HomeFigures:
    with UnitOfWork(db, read_only=True) as uow:
        q = DashboardQueries(uow.session)
        count, fen = q.receipts_on(today)
        return HomeFigures(
            members=q.member_count(),
            active_covers=q.active_cover_count(today),
            claims_waiting_review=q.claims_in_status("waiting_review"),
            receipts_today=count,
            receipts_today_amount=from_fen(fen),
            org_name=stored_counter_name(uow.session),
        )
