"""The tables of the county hand-in files (交账文件; services/handin/, docs/handin.md).

At a county counter: `handin_exports`, the history of the files it wrote (the bytes kept, so that a file
written again for the same closing is the very same file). At the city: `handin_keys`, the counties' public
keys (one in force per county; a replaced key is kept, marked replaced), and `handin_files`, every file
imported, its bytes kept; a newer version of a month marks the older one superseded. Nothing is deleted.
Imported in store/models.py so that the metadata holds them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, utcnow

KEY_IN_FORCE = "replaced_at IS NULL"
FILE_IN_FORCE = "superseded_at IS NULL"


class HandinKey(Base):
    """A county's public key registered at the city (Ed25519, the raw 32 bytes in base64)."""

    __tablename__ = "handin_keys"
    __table_args__ = (
        Index(
            "uq_handin_keys_county_in_force",
            "county_code",
            unique=True,
            sqlite_where=text(KEY_IN_FORCE),
            postgresql_where=text(KEY_IN_FORCE),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    county_code: Mapped[str] = mapped_column(String(32), index=True)
    public_key: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(64))
    registered_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    registered_by: Mapped[str] = mapped_column(String(64))
    replaced_at: Mapped[datetime | None] = mapped_column(DateTime)
    replaced_by: Mapped[str | None] = mapped_column(String(64))
    replace_reason: Mapped[str | None] = mapped_column(Text)


class HandinExport(Base):
    """A hand-in file written by this (county) counter: numbered per county (sequence) and per month (version)."""

    __tablename__ = "handin_exports"
    __table_args__ = (
        CheckConstraint("month BETWEEN 1 AND 12", name="month"),
        CheckConstraint("sequence >= 1", name="sequence"),
        CheckConstraint("version >= 1", name="version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    county_code: Mapped[str] = mapped_column(String(32))
    sequence: Mapped[int] = mapped_column(Integer, unique=True)
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    closing_id: Mapped[int] = mapped_column(ForeignKey("month_closings.id"), unique=True)
    file_sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64))


class HandinFile(Base):
    """A hand-in file imported at the city: its manifest's numbers, its bytes and the data read from it."""

    __tablename__ = "handin_files"
    __table_args__ = (
        CheckConstraint("month BETWEEN 1 AND 12", name="month"),
        Index("uq_handin_files_county_sequence", "county_code", "sequence", unique=True),
        Index(
            "uq_handin_files_month_in_force",
            "county_code",
            "year",
            "month",
            unique=True,
            sqlite_where=text(FILE_IN_FORCE),
            postgresql_where=text(FILE_IN_FORCE),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    county_code: Mapped[str] = mapped_column(String(32))
    county_name: Mapped[str] = mapped_column(String(128))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)  # when the county wrote it (UTC)
    key_id: Mapped[int] = mapped_column(ForeignKey("handin_keys.id"))
    file_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    data_json: Mapped[str] = mapped_column(Text)  # the file's data.json, as signed
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(64))
    superseded_at: Mapped[datetime | None] = mapped_column(DateTime)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("handin_files.id"))
