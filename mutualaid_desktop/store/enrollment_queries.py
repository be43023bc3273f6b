"""Queries of enrollment (参保): single enrollment and roster import.

The bulk look-ups take many ID numbers / member ids at once and query them in chunks, so that
checking a roster of 100,000 people costs a few hundred indexed queries, not 100,000.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from mutualaid_desktop.store.bulk import table_of
from mutualaid_desktop.store.models import Enrollment, Member, OrgUnit, Plan

CHUNK = 900  # below SQLite's default limit of bound parameters per statement


def _chunks(values: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


class EnrollmentQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- one at a time ------------------------------------------------------------------------

    def unit_by_code(self, code: str) -> OrgUnit | None:
        return self.session.scalar(select(OrgUnit).where(OrgUnit.code == code))

    def plan_by_code(self, code: str) -> Plan | None:
        return self.session.scalar(select(Plan).where(Plan.code == code))

    def member_by_id_number(self, id_number: str) -> Member | None:
        return self.session.scalar(select(Member).where(Member.id_number == id_number))

    def live_enrollment(self, member_id: int, plan_id: int) -> Enrollment | None:
        return self.session.scalar(
            select(Enrollment).where(
                Enrollment.member_id == member_id,
                Enrollment.plan_id == plan_id,
                Enrollment.status != "cancelled",
            )
        )

    def previous_cover_end(self, member_id: int, kind: str, before: date) -> date | None:
        """The end of the member's latest paid cover of a plan of `kind` that ended before `before`."""
        return self.previous_cover_ends([member_id], kind, before).get(member_id)

    def enrolled_count(self, unit_id: int, plan_id: int) -> int:
        """Live (not cancelled) enrollments of a unit in a plan."""
        stmt = (
            select(func.count())
            .select_from(Enrollment)
            .where(Enrollment.unit_id == unit_id, Enrollment.plan_id == plan_id, Enrollment.status != "cancelled")
        )
        return self.session.scalar(stmt) or 0

    def enrollment_counts(self) -> dict[int, int]:
        """plan id -> enrollments made under it, any status (cancelled ones too)."""
        rows = self.session.execute(select(Enrollment.plan_id, func.count()).group_by(Enrollment.plan_id))
        return {plan_id: count for plan_id, count in rows}

    def units(self, *, active_only: bool = True) -> list[OrgUnit]:
        stmt = select(OrgUnit).where(OrgUnit.kind == "unit").order_by(OrgUnit.code)
        if active_only:
            stmt = stmt.where(OrgUnit.active.is_(True))
        return list(self.session.scalars(stmt))

    def plans(self) -> list[Plan]:
        return list(self.session.scalars(select(Plan).order_by(Plan.period_start.desc(), Plan.code)))

    def unit_names(self, unit_ids: Iterable[int]) -> dict[int, str]:
        ids = sorted({i for i in unit_ids if i is not None})
        out: dict[int, str] = {}
        for part in _chunks(ids):
            out.update(self.session.execute(select(OrgUnit.id, OrgUnit.name).where(OrgUnit.id.in_(part))).all())
        return out

    # --- many at once -------------------------------------------------------------------------

    def members_by_id_numbers(self, id_numbers: Sequence[str]) -> dict[str, tuple[int, str, int | None]]:
        """id_number -> (member id, name, unit id) of the members that exist."""
        out: dict[str, tuple[int, str, int | None]] = {}
        for part in _chunks(list(id_numbers)):
            rows = self.session.execute(
                select(Member.id_number, Member.id, Member.name, Member.unit_id).where(Member.id_number.in_(part))
            )
            for number, member_id, name, unit_id in rows:
                out[number] = (member_id, name, unit_id)
        return out

    def members_with_live_enrollment(self, member_ids: Sequence[int], plan_id: int) -> set[int]:
        out: set[int] = set()
        for part in _chunks(list(member_ids)):
            out.update(
                self.session.scalars(
                    select(Enrollment.member_id).where(
                        Enrollment.plan_id == plan_id,
                        Enrollment.status != "cancelled",
                        Enrollment.member_id.in_(part),
                    )
                )
            )
        return out

    def previous_cover_ends(self, member_ids: Sequence[int], kind: str, before: date) -> dict[int, date]:
        """member id -> end of the latest paid cover of a plan of `kind` ending before `before`."""
        out: dict[int, date] = {}
        for part in _chunks(list(member_ids)):
            rows = self.session.execute(
                select(Enrollment.member_id, func.max(Enrollment.cover_end))
                .join(Plan, Plan.id == Enrollment.plan_id)
                .where(
                    Enrollment.member_id.in_(part),
                    Enrollment.status == "paid",
                    Plan.kind == kind,
                    Enrollment.cover_end < before,
                )
                .group_by(Enrollment.member_id)
            )
            for member_id, end in rows:
                if end is not None:
                    out[member_id] = end
        return out

    # --- changes ----------------------------------------------------------------------------

    def update_members(self, values_by_id: dict[int, dict]) -> None:
        """Set columns of members (not the ID number), with executemany per set of columns."""
        table = table_of(Member)
        groups: dict[tuple[str, ...], list[dict]] = {}
        for member_id, values in values_by_id.items():
            if values:
                groups.setdefault(tuple(sorted(values)), []).append(
                    {"row_id": member_id, **{f"new_{k}": v for k, v in values.items()}}
                )
        for columns, rows in groups.items():
            stmt = (
                table.update()
                .where(table.c.id == bindparam("row_id"))
                .values({c: bindparam(f"new_{c}") for c in columns})
            )
            self.session.connection().execute(stmt, rows)
