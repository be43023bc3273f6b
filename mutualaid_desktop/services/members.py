"""Finding members."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mutualaid_desktop.domain.idcard import parse_id_number
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.repositories import MemberRepository


@dataclass(frozen=True)
class MemberSummary:
    id: int
    id_number: str
    name: str
    sex: str
    birth_date: date
    phone: str | None
    unit_name: str | None


def find_member_by_id_number(db: Database, text: str) -> MemberSummary | None:
    """Look a member up by ID number as typed or scanned (normalised first; InputError if invalid)."""
    number = parse_id_number(text).normalized
    with UnitOfWork(db, read_only=True) as uow:
        members = MemberRepository(uow.session)
        m = members.by_id_number(number)
        if m is None:
            return None
        return MemberSummary(m.id, m.id_number, m.name, m.sex, m.birth_date, m.phone, members.unit_name(m))
