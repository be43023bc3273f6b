"""The unit of work: one transaction for one use case (Cosmic Python style).

    with UnitOfWork(database, username="zhang") as uow:
        uow.session.add(member)
        uow.audit("member.create", "member", member.id, after={...})
        uow.commit()

Leaving the block without `commit()` (or through an exception) rolls everything back, the audit
record included. A read-only use is a UnitOfWork that never commits; `read_only=True` also keeps
it from waiting for another window's write (on SQLite a normal unit of work takes the write lock
when its transaction begins) and makes `commit()` an error.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from mutualaid_desktop.store.audit import append_audit
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.models import AuditRecord


class UnitOfWork:
    session: Session

    def __init__(self, database: Database, username: str | None = None, *, read_only: bool = False):
        self.database = database
        self.username = username
        self.read_only = read_only

    def __enter__(self) -> UnitOfWork:
        self.session = self.database.session(read_only=self.read_only)
        return self

    def __exit__(self, *exc_info) -> None:
        # close() rolls back what was not committed; unlike rollback() it leaves the objects
        # already loaded readable (detached) for the caller.
        self.session.close()

    def commit(self) -> None:
        if self.read_only:
            raise RuntimeError("a read-only UnitOfWork cannot commit")
        self.session.commit()

    def audit(
        self, action: str, entity: str | None = None, entity_id=None, before=None, after=None
    ) -> AuditRecord:
        """Record `action` in the audit log, in this unit of work's transaction."""
        return append_audit(
            self.session,
            username=self.username,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=before,
            after=after,
        )
