"""StatisticsQueries keeps, within its unit of work, the rows of the figures taken "as of a day" (members covered
under a plan year, renewal): a month report computes the month and the year to date, which end on the same
day, and reads them once."""

from __future__ import annotations

from datetime import date

from sqlalchemy import event

from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.statistics_queries import StatisticsQueries


def statements(db) -> list[str]:
    seen: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: seen.append(args[2]))
    return seen


def test_the_same_day_is_read_once_another_day_again(db):
    seen = statements(db)
    with UnitOfWork(db, read_only=True) as uow:
        q = StatisticsQueries(uow.session)
        first = q.premiums_and_members([1, 2], date(2026, 11, 30))
        before = len(seen)
        assert q.premiums_and_members([2, 1], date(2026, 11, 30)) == first
        assert q.renewed([1], [2], date(2026, 11, 30)) == q.renewed([1], [2], date(2026, 11, 30))
        assert len(seen) == before + 1  # the second of each read from memory, the renewal once
        q.premiums_and_members([1, 2], date(2026, 10, 31))
        q.renewed([1], [3], date(2026, 11, 30))
        assert len(seen) == before + 3


def test_a_new_unit_of_work_reads_again(db):
    seen = statements(db)
    for _ in range(2):
        with UnitOfWork(db, read_only=True) as uow:
            StatisticsQueries(uow.session).premiums_and_members([1], date(2026, 11, 30))
    assert sum("premium_payment_items" in s for s in seen) == 2
