"""The one builder of a new member and of a pending enrollment (参保, waiting for payment).

A person is enrolled three ways: at the counter (services/enrollment.enroll_member), by a unit's roster
(services/roster_import.import_roster) and as a joiner of a unit's renewal (services/renewal.confirm_renewal).
What a new member row and a pending enrollment row hold is decided here only (`member_values`,
`enrollment_values`): the checked person's fields, the unit that enrolls them, the plan's premium per
share times the shares, no cover until paid (services/payments sets it), who and when.

`NewEnrollments` is the bulk form of the same builder, for the many rows of a roster or a renewal: it
gives the rows their ids (the first free ones, inside the caller's transaction, which holds the write
lock) and inserts them in batches; it decides no field. `add_member` / `add_enrollment` are the ORM
form, for one person at the counter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.bulk import insert_many, next_id
from mutualaid_desktop.store.models import Enrollment, Member, utcnow

PENDING = "pending_payment"


@dataclass(frozen=True, slots=True)
class NewPerson:
    """A person to become a member: fields already checked and cleaned (ID number normalised)."""

    id_number: str
    name: str
    sex: str  # male / female, as the ID number says
    birth_date: date
    phone: str | None = None
    employee_no: str | None = None
    note: str | None = None


def member_values(person: NewPerson, *, unit_id: int, created_at: datetime) -> dict[str, Any]:
    """The columns of a new member (without its id)."""
    return {
        "id_number": person.id_number, "id_number_rev": person.id_number[::-1], "name": person.name,
        "sex": person.sex, "birth_date": person.birth_date, "phone": person.phone, "unit_id": unit_id,
        "employee_no": person.employee_no, "note": person.note, "created_at": created_at,
    }  # fmt: skip


def enrollment_values(
    *,
    member_id: int,
    plan_id: int,
    unit_id: int,
    shares: int,
    premium_per_share_fen: int,
    continuous: bool,
    created_by: int | None,
    created_at: datetime,
) -> dict[str, Any]:
    """The columns of a pending enrollment (without its id): no cover and no payment until paid."""
    return {
        "member_id": member_id, "plan_id": plan_id, "unit_id": unit_id, "shares": shares,
        "premium_fen": premium_per_share_fen * shares, "cover_start": None, "cover_end": None,
        "continuous": continuous, "status": PENDING, "payment_id": None,
        "created_at": created_at, "created_by": created_by,
    }  # fmt: skip


# --- one person, through the ORM (the counter) -------------------------------------------------


def add_member(uow: UnitOfWork, person: NewPerson, *, unit_id: int, created_at: datetime | None = None) -> Member:
    member = Member(**member_values(person, unit_id=unit_id, created_at=created_at or utcnow()))
    uow.session.add(member)
    uow.session.flush()
    return member


def add_enrollment(
    uow: UnitOfWork,
    *,
    member_id: int,
    plan_id: int,
    unit_id: int,
    shares: int,
    premium_per_share_fen: int,
    continuous: bool,
    created_by: int | None,
    created_at: datetime | None = None,
) -> Enrollment:
    enrollment = Enrollment(
        **enrollment_values(
            member_id=member_id,
            plan_id=plan_id,
            unit_id=unit_id,
            shares=shares,
            premium_per_share_fen=premium_per_share_fen,
            continuous=continuous,
            created_by=created_by,
            created_at=created_at or utcnow(),
        )
    )
    uow.session.add(enrollment)
    uow.session.flush()
    return enrollment


# --- many people, in bulk (a roster, a renewal) --------------------------------------------------


class NewEnrollments:
    """New members and pending enrollments of one unit in one plan, gathered and inserted in bulk."""

    def __init__(
        self,
        uow: UnitOfWork,
        *,
        plan_id: int,
        unit_id: int,
        premium_per_share_fen: int,
        created_by: int | None,
        now: datetime | None = None,
    ) -> None:
        self._session = session = uow.session
        self._plan_id = plan_id
        self._unit_id = unit_id
        self._per_share = premium_per_share_fen
        self._created_by = created_by
        self._now = now or utcnow()
        self._next_member = next_id(session, Member)
        self._first_enrollment = self._next_enrollment = next_id(session, Enrollment)
        self.members: list[dict[str, Any]] = []
        self.enrollments: list[dict[str, Any]] = []

    def new_member(self, person: NewPerson) -> int:
        """A new member of the unit; returns the id it will have."""
        member_id = self._next_member
        self._next_member += 1
        self.members.append({"id": member_id, **member_values(person, unit_id=self._unit_id, created_at=self._now)})
        return member_id

    def enroll(self, member_id: int, shares: int, *, continuous: bool) -> int:
        """A pending enrollment of the member; returns the id it will have."""
        enrollment_id = self._next_enrollment
        self._next_enrollment += 1
        self.enrollments.append(
            {
                "id": enrollment_id,
                **enrollment_values(
                    member_id=member_id,
                    plan_id=self._plan_id,
                    unit_id=self._unit_id,
                    shares=shares,
                    premium_per_share_fen=self._per_share,
                    continuous=continuous,
                    created_by=self._created_by,
                    created_at=self._now,
                ),
            }
        )
        return enrollment_id

    @property
    def enrollment_ids(self) -> tuple[int, ...]:
        return tuple(range(self._first_enrollment, self._next_enrollment))

    @property
    def premium_fen(self) -> int:
        return sum(e["premium_fen"] for e in self.enrollments)

    def write(
        self,
        *,
        chunk: int = 20_000,
        before_chunk: Callable[[], None] | None = None,
        after_chunk: Callable[[int, int], None] | None = None,
    ) -> None:
        """Insert the members, then the enrollments, `chunk` rows at a time. `before_chunk` may raise (a
        cancel); `after_chunk(done, steps)` reports progress over both tables."""
        steps = len(self.members) + len(self.enrollments)
        done = 0
        for rows, model in ((self.members, Member), (self.enrollments, Enrollment)):
            for begin in range(0, len(rows), chunk):
                if before_chunk is not None:
                    before_chunk()
                insert_many(self._session, model, rows[begin : begin + chunk])
                done += min(chunk, len(rows) - begin)
                if after_chunk is not None:
                    after_chunk(done, steps)
