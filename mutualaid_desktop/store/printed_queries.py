"""Queries for the record of printed papers (`printed_documents`), used by services/papers/printed_papers.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from .bulk import rows_matched
from .models import PrintedDocument, User


@dataclass(frozen=True)
class PrintedRow:
    document: PrintedDocument
    printed_by_name: str | None


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class PrintedQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, record_id: int) -> PrintedDocument | None:
        return self.session.get(PrintedDocument, record_id)

    def row(self, record_id: int) -> PrintedRow | None:
        found = self.session.execute(
            select(PrintedDocument, User.display_name)
            .outerjoin(User, User.id == PrintedDocument.printed_by)
            .where(PrintedDocument.id == record_id)
        ).first()
        return PrintedRow(found[0], found[1]) if found else None

    def copies(self, kind: str, serial: str) -> list[tuple[int, int]]:
        """(id, copy number) of every recorded copy of the paper kind+serial, by copy number."""
        rows = self.session.execute(
            select(PrintedDocument.id, PrintedDocument.copy_number)
            .where(PrintedDocument.kind == kind, PrintedDocument.serial == serial)
            .order_by(PrintedDocument.copy_number)
        )
        return [(int(i), int(n)) for i, n in rows]

    def latest_copies(self, kind: str, serial_from: str, serial_to: str) -> dict[str, tuple[int, int | None]]:
        """serial -> (highest copy number, id of the original copy 0 or None) of every paper `kind` whose serial
        is in [serial_from, serial_to) (a range, so the (kind, serial, copy) index serves a batch's prefix)."""
        original = func.min(case((PrintedDocument.copy_number == 0, PrintedDocument.id)))
        rows = self.session.execute(
            select(PrintedDocument.serial, func.max(PrintedDocument.copy_number), original)
            .where(
                PrintedDocument.kind == kind, PrintedDocument.serial >= serial_from, PrintedDocument.serial < serial_to
            )
            .group_by(PrintedDocument.serial)
        )
        return {s: (int(n), None if o is None else int(o)) for s, n, o in rows}

    def handed_out_copies(self, kind: str, serial_from: str, serial_to: str) -> dict[str, int]:
        """serial -> highest copy number with a printer (handed out: printed, or a file marked sent) of the papers
        `kind` whose serial is in [serial_from, serial_to); serials with none handed out are left out."""
        rows = self.session.execute(
            select(PrintedDocument.serial, func.max(PrintedDocument.copy_number))
            .where(
                PrintedDocument.kind == kind,
                PrintedDocument.serial >= serial_from,
                PrintedDocument.serial < serial_to,
                PrintedDocument.printer.is_not(None),
            )
            .group_by(PrintedDocument.serial)
        )
        return {s: int(n) for s, n in rows}

    def unprinted_copies(self, kind: str, serial_from: str, serial_to: str) -> dict[tuple[str, int], int]:
        """(serial, copy number) -> id of the rows without a printer (made, not handed out) of the papers `kind`
        whose serial is in [serial_from, serial_to)."""
        rows = self.session.execute(
            select(PrintedDocument.serial, PrintedDocument.copy_number, PrintedDocument.id).where(
                PrintedDocument.kind == kind,
                PrintedDocument.serial >= serial_from,
                PrintedDocument.serial < serial_to,
                PrintedDocument.printer.is_(None),
            )
        )
        return {(s, int(n)): int(i) for s, n, i in rows}

    def remake(self, ids: list[int], *, printed_by: int | None, at: datetime) -> None:
        """Rows without a printer made again (a notice drawn anew, not handed out before): who and when."""
        for i in range(0, len(ids), 500):
            self.session.execute(
                update(PrintedDocument)
                .where(PrintedDocument.id.in_(ids[i : i + 500]), PrintedDocument.printer.is_(None))
                .values(printed_by=printed_by, printed_at=at)
                .execution_options(synchronize_session=False)
            )

    def next_id(self) -> int:
        return (self.session.scalar(select(func.max(PrintedDocument.id))) or 0) + 1

    def insert_rows(self, rows: list[dict]) -> int:
        """Many printed_documents rows (plain dicts, ids given) in one executemany."""
        from .bulk import insert_many

        return insert_many(self.session, PrintedDocument, rows)

    def printer_states(self, ids: list[int]) -> list[tuple[int, str, str, int, str | None]]:
        """(id, kind, serial, copy number, printer) of the rows `ids`, by id."""
        out: list[tuple[int, str, str, int, str | None]] = []
        for i in range(0, len(ids), 500):
            out.extend(
                self.session.execute(
                    select(
                        PrintedDocument.id,
                        PrintedDocument.kind,
                        PrintedDocument.serial,
                        PrintedDocument.copy_number,
                        PrintedDocument.printer,
                    ).where(PrintedDocument.id.in_(ids[i : i + 500]))
                )
            )
        return sorted((int(a), b, c, int(d), e) for a, b, c, d, e in out)

    def set_printer(self, ids: list[int], printer: str, at: datetime) -> int:
        """Fill printer and printed_at of the rows `ids` that have no printer yet; returns how many."""
        count = 0
        for i in range(0, len(ids), 500):
            result = self.session.execute(
                update(PrintedDocument)
                .where(PrintedDocument.id.in_(ids[i : i + 500]), PrintedDocument.printer.is_(None))
                .values(printer=printer, printed_at=at)
                .execution_options(synchronize_session=False)
            )
            count += rows_matched(result)
        return count

    def add(self, document: PrintedDocument) -> PrintedDocument:
        self.session.add(document)
        self.session.flush()
        return document

    def username(self, user_id: int | None) -> str | None:
        return self.session.scalar(select(User.username).where(User.id == user_id)) if user_id is not None else None

    def find(self, kind: str, serial: str, copy_number: int) -> PrintedDocument | None:
        return self.session.scalar(
            select(PrintedDocument).where(
                PrintedDocument.kind == kind,
                PrintedDocument.serial == serial,
                PrintedDocument.copy_number == copy_number,
            )
        )

    def page(
        self,
        *,
        serial_contains: str | None = None,
        kinds: tuple[str, ...] | None = None,
        since: datetime | None = None,
        before: datetime | None = None,
        limit: int = 200,
        offset: int = 0,
    ) -> list[PrintedRow]:
        """Printed papers, newest first (by id: the order they were recorded). `serial_contains`
        is matched case-insensitively anywhere in the serial; `since`/`before` bound printed_at (UTC)."""
        stmt = select(PrintedDocument, User.display_name).outerjoin(User, User.id == PrintedDocument.printed_by)
        if serial_contains:
            stmt = stmt.where(func.upper(PrintedDocument.serial).like(_like(serial_contains.upper()), escape="\\"))
        if kinds:
            stmt = stmt.where(PrintedDocument.kind.in_(kinds))
        if since is not None:
            stmt = stmt.where(PrintedDocument.printed_at >= since)
        if before is not None:
            stmt = stmt.where(PrintedDocument.printed_at < before)
        stmt = stmt.order_by(PrintedDocument.id.desc()).limit(limit).offset(offset)
        return [PrintedRow(d, name) for d, name in self.session.execute(stmt)]
