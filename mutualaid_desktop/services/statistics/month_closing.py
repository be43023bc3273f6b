"""Month closing (月结 / 交账): a supervisor fixes a month's figures, signed by name and time; an administrator
may reopen the latest closed month with a reason; closing again records a new version. Nothing is deleted.

Rules (decided here, said in the messages):
- only a month that has ended is closed, and months are closed in order: the month before must be closed
  unless nothing was recorded before this month;
- a closed month is never closed twice; only the latest closed month can be reopened (a correction to an
  earlier month shows as the next report's adjustment instead: month_ledger.py);
- the figures are computed inside the write transaction, so what is signed is what the database held.
"""

from __future__ import annotations

from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.periods import month
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.reasons import written_reason
from mutualaid_desktop.services.statistics.month_report import (
    ClosingInfo,
    MonthReport,
    canonical,
    closing_info,
    digest_of,
    live_report,
    report_from_closing,
    report_to_json,
)
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.closing_queries import ClosingQueries
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.models import MonthClosing
from mutualaid_desktop.store.statistics_queries import StatisticsQueries


def _period(year: int, number: int):
    try:
        return month(year, number)
    except ValueError as exc:
        raise ServiceError(str(exc)) from exc


def close_month(db: Database, user: UserInfo, year: int, number: int) -> ClosingInfo:
    """Close the month: its report fixed (the month, its adjustment, the year to date) and signed."""
    require(user, "close_month")
    period = _period(year, number)
    if period.end >= clock.today():
        raise ServiceError(f"{period.label}还没有结束，要到 {period.end:%Y-%m-%d} 之后才能月结。")
    with UnitOfWork(db, user=user) as uow:
        cq = ClosingQueries(uow.session)
        done = cq.live(year, number)
        if done is not None:
            info = closing_info(done)
            raise ServiceError(
                f"{period.label}已于 {info.closed_at:%Y-%m-%d %H:%M} 由{info.closed_by}月结，不能再次月结。"
            )
        before = period.previous()
        first = cq.first_activity()
        if first is not None and first <= before.end and cq.live(before.year, before.number) is None:
            raise ServiceError(f"请先月结{before.label}：月份要按顺序月结。")
        report, reported = live_report(StatisticsQueries(uow.session), cq, year, number)
        text = canonical(report_to_json(report, reported))
        closing = cq.add(
            MonthClosing(
                year=year,
                month=number,
                version=cq.versions(year, number) + 1,
                figures_json=text,
                digest=digest_of(text),
                closed_by=user.id,
                closed_by_name=user.display_name,
            )
        )
        city = report.month.city
        uow.audit(
            "month.close",
            "month_closing",
            closing.id,
            after={
                "month": f"{year}-{number:02d}", "version": closing.version, "digest": closing.digest,
                "premiums": f"{city.premiums:.2f}", "enrollments": city.enrollments, "paid": f"{city.paid:.2f}",
                "adjustment": report.adjustment("city", city.code).to_list(),
            },
        )  # fmt: skip
        uow.commit()
        return closing_info(closing)


def reopen_month(db: Database, user: UserInfo, year: int, number: int, reason: str) -> ClosingInfo:
    """Reopen the latest closed month (an administrator, with a reason); its closing is kept, marked reopened."""
    require(user, "reopen_month")
    period = _period(year, number)
    why = written_reason(reason, "重新打开的原因", missing="请填写重新打开的原因。")
    with UnitOfWork(db, user=user) as uow:
        cq = ClosingQueries(uow.session)
        closing = cq.live(year, number)
        if closing is None:
            raise NotFound(f"{period.label}还没有月结，不用重新打开。")
        latest = cq.live_closings()[-1]
        if (latest.year, latest.month) != (year, number):
            raise ServiceError(
                f"只能重新打开最近一个已月结的月份（{latest.year}年{latest.month}月）；"
                f"{period.label}之后的更正会作为以前月份调整记入当月。"
            )
        closing.reopened_at = clock.utcnow()
        closing.reopened_by = user.id
        closing.reopen_reason = why
        uow.audit(
            "month.reopen",
            "month_closing",
            closing.id,
            before={"month": f"{year}-{number:02d}", "version": closing.version, "digest": closing.digest},
            after={"reopened": True, "reason": why},
        )
        uow.commit()
        return closing_info(closing, user.display_name)


def list_closings(db: Database) -> list[ClosingInfo]:
    """Every closing, reopened ones too: newest month first, newest version first."""
    with UnitOfWork(db, read_only=True) as uow:
        return [closing_info(c, name) for c, name in ClosingQueries(uow.session).all()]


def month_report(db: Database, user: UserInfo, year: int, number: int, *, units: bool = True) -> MonthReport:
    """The month's report: as closed when closed, else live (with the adjustment it would carry). `units` False:
    a closed month's report without the units' figures (the city and the counties only; a live one has them)."""
    require(user, "see_statistics")
    _period(year, number)
    with UnitOfWork(db, read_only=True) as uow:
        cq = ClosingQueries(uow.session)
        closing = cq.live(year, number)
        if closing is not None:
            return report_from_closing(closing, StatisticsQueries(uow.session), units=units)
        return live_report(StatisticsQueries(uow.session), cq, year, number)[0]
