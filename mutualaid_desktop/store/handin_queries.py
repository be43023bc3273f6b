"""Queries for the county hand-in files (services/handin/): the keys and files at the city, the exports at a
county. Handed-in data are written only by services/handin/imports.py through `add_file` and `supersede`."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .handin_models import HandinExport, HandinFile, HandinKey
from .models import OrgUnit


class HandinQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- keys (city) -------------------------------------------------------------------------

    def key_in_force(self, county: str) -> HandinKey | None:
        stmt = select(HandinKey).where(HandinKey.county_code == county, HandinKey.replaced_at.is_(None))
        return self.session.scalars(stmt).one_or_none()

    def all_keys(self) -> list[HandinKey]:
        """Every key, replaced ones too, by county and registration."""
        return list(self.session.scalars(select(HandinKey).order_by(HandinKey.county_code, HandinKey.id)))

    def add(self, row) -> None:
        self.session.add(row)
        self.session.flush()

    def county(self, code: str) -> OrgUnit | None:
        stmt = select(OrgUnit).where(OrgUnit.code == code, OrgUnit.kind == "county")
        return self.session.scalars(stmt).one_or_none()

    def counties(self) -> list[OrgUnit]:
        return list(self.session.scalars(select(OrgUnit).where(OrgUnit.kind == "county").order_by(OrgUnit.code)))

    # --- files (city) ------------------------------------------------------------------------

    def file_by_hash(self, digest: str) -> HandinFile | None:
        return self.session.scalars(select(HandinFile).where(HandinFile.file_sha256 == digest)).one_or_none()

    def file_by_sequence(self, county: str, sequence: int) -> HandinFile | None:
        stmt = select(HandinFile).where(HandinFile.county_code == county, HandinFile.sequence == sequence)
        return self.session.scalars(stmt).one_or_none()

    def file_in_force(self, county: str, year: int, month: int) -> HandinFile | None:
        stmt = select(HandinFile).where(
            HandinFile.county_code == county,
            HandinFile.year == year,
            HandinFile.month == month,
            HandinFile.superseded_at.is_(None),
        )
        return self.session.scalars(stmt).one_or_none()

    def files(self, county: str | None = None) -> list[HandinFile]:
        """Every file imported (superseded ones too), by county, month and version."""
        stmt = select(HandinFile).order_by(
            HandinFile.county_code, HandinFile.year, HandinFile.month, HandinFile.version
        )
        if county is not None:
            stmt = stmt.where(HandinFile.county_code == county)
        return list(self.session.scalars(stmt))

    def files_in_force(self, year: int, months: list[int]) -> list[tuple[str, str, int, int, str]]:
        """(county code, county name, year, month, data JSON) of the files in force for `months` of `year`."""
        stmt = select(
            HandinFile.county_code, HandinFile.county_name, HandinFile.year, HandinFile.month, HandinFile.data_json
        ).where(HandinFile.year == year, HandinFile.month.in_(months), HandinFile.superseded_at.is_(None))
        return [tuple(r) for r in self.session.execute(stmt)]  # type: ignore[misc]

    def handing_counties(self) -> set[str]:
        """The counties that hand in: a key in force, or a file imported."""
        keys = self.session.scalars(select(HandinKey.county_code).where(HandinKey.replaced_at.is_(None)))
        files = self.session.scalars(select(HandinFile.county_code).distinct())
        return set(keys) | set(files)

    # --- exports (county) --------------------------------------------------------------------

    def export_of_closing(self, closing_id: int) -> HandinExport | None:
        return self.session.scalars(select(HandinExport).where(HandinExport.closing_id == closing_id)).one_or_none()

    def next_sequence(self) -> int:
        return int(self.session.scalar(select(func.max(HandinExport.sequence))) or 0) + 1

    def next_version(self, year: int, month: int) -> int:
        stmt = select(func.max(HandinExport.version)).where(HandinExport.year == year, HandinExport.month == month)
        return int(self.session.scalar(stmt) or 0) + 1

    def exports(self) -> list[HandinExport]:
        return list(self.session.scalars(select(HandinExport).order_by(HandinExport.sequence)))
