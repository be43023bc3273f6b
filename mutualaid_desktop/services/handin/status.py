"""交账情况: for each county that hands in, the last month handed in and the state of the month before today's.

A month is due by the DUE_DAY (10th) of the next month (local day). The month before today's is:
- 按时 (on_time): its first file was imported by the due day;
- 逾期 (late): its first file was imported after the due day;
- 未交 (missing): no file, and the due day has passed;
- 未到期 (not_due): no file yet, and the due day has not passed.
Gaps: the sequence numbers below the county's highest that no imported file has.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.periods import month
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.handin.imports import gaps_of
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.handin_queries import HandinQueries

DUE_DAY = 10
STATE_LABELS = {"on_time": "按时", "late": "逾期", "missing": "未交", "not_due": "未到期"}


@dataclass(frozen=True)
class HandedFile:
    year: int
    month: int
    sequence: int
    version: int
    created_at: datetime  # when the county wrote it, local time
    imported_at: datetime  # local time
    superseded: bool


@dataclass(frozen=True)
class CountyHandin:
    county_code: str
    county_name: str
    fingerprint: str | None  # the key in force
    last: HandedFile | None  # the latest month handed in (its file in force)
    due_year: int  # the month before today's, and its state
    due_month: int
    due_by: date
    state: str
    gaps: tuple[int, ...]
    files: tuple[HandedFile, ...]  # every file imported, superseded ones too

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    def to_json(self) -> dict:
        def one(f: HandedFile | None):
            if f is None:
                return None
            return {
                "year": f.year, "month": f.month, "sequence": f.sequence, "version": f.version,
                "created_at": f.created_at.isoformat(timespec="seconds"),
                "imported_at": f.imported_at.isoformat(timespec="seconds"), "superseded": f.superseded,
            }  # fmt: skip

        return {
            "county_code": self.county_code,
            "county_name": self.county_name,
            "fingerprint": self.fingerprint,
            "last": one(self.last),
            "due": {"year": self.due_year, "month": self.due_month, "by": self.due_by.isoformat()},
            "state": self.state,
            "state_label": self.state_label,
            "gaps": list(self.gaps),
            "files": [one(f) for f in self.files],
        }


def due_date(year: int, number: int) -> date:
    """The day by which month `year`-`number` is to be handed in: the DUE_DAY of the next month."""
    after = month(year, number).end
    return date(after.year + (after.month == 12), after.month % 12 + 1, DUE_DAY)


def _state(first_import: datetime | None, due: date, today: date) -> str:
    if first_import is None:
        return "missing" if today > due else "not_due"
    return "on_time" if first_import.date() <= due else "late"


def handin_status(db: Database, user: UserInfo) -> list[CountyHandin]:
    """The 交账情况 of every county that hands in (a key registered, or a file imported), by county code."""
    require(user, "see_statistics")
    with UnitOfWork(db, read_only=True) as uow:
        return status_in(HandinQueries(uow.session))


def status_in(hq: HandinQueries) -> list[CountyHandin]:
    today = clock.today()
    due_month = month(today.year, today.month).previous()
    due = due_date(due_month.year, due_month.number)
    names = {c.code: c.name for c in hq.counties()}
    out = []
    for code in sorted(hq.handing_counties()):
        rows = hq.files(code)
        files = tuple(
            HandedFile(
                f.year,
                f.month,
                f.sequence,
                f.version,
                clock.local_time(f.created_at),
                clock.local_time(f.imported_at),
                f.superseded_at is not None,
            )
            for f in rows
        )
        live = [f for f in files if not f.superseded]
        last = max(live, key=lambda f: (f.year, f.month), default=None)
        firsts = [f.imported_at for f in files if (f.year, f.month) == (due_month.year, due_month.number)]
        key = hq.key_in_force(code)
        name = names.get(code) or (rows[-1].county_name if rows else code)
        out.append(
            CountyHandin(
                code,
                name,
                key.fingerprint if key else None,
                last,
                due_month.year,
                due_month.number,
                due,
                _state(min(firsts, default=None), due, today),
                gaps_of({f.sequence for f in files}),
                files,
            )
        )
    return out
