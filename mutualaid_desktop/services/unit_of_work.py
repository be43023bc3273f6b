"""The unit of work: one transaction for one use case (Cosmic Python style).

    with UnitOfWork(database, user=user) as uow:
        uow.session.add(member)
        uow.audit("member.create", "member", member.id, after={...})
        uow.commit()

Leaving the block without `commit()` (or through an exception) rolls everything back, the audit
record included. A read-only use is a UnitOfWork that never commits; `read_only=True` also keeps
it from waiting for another window's write (on SQLite a normal unit of work takes the write lock
when its transaction begins) and makes `commit()` an error.

Money rows changed in the transaction get their digests appended to the audit log just before
the commit (store/money_digest.py): ORM changes are found by themselves; a Core insert or update
of a money table is marked with `uow.touched(kind, id)`.

Who writes is checked against the database when a writing unit of work begins, not only when the
window was opened: an account an administrator has disabled since cannot write, and a user whose
role was changed since (`user.role` is what they signed in with) is asked to sign in again, so an
open window of a demoted reviewer can no longer approve or pay. The command line's user (no id,
a local administrator by design) is not an account and is not checked.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from mutualaid_desktop.services.errors import PermissionDenied
from mutualaid_desktop.store.audit import append_audit
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.models import AuditRecord, User
from mutualaid_desktop.store.money_digest import USERNAME, touch


class Actor(Protocol):
    """Who does the work: services.users.UserInfo, or anything with the same fields (read only)."""

    @property
    def id(self) -> int | None: ...

    @property
    def username(self) -> str: ...

    @property
    def role(self) -> str: ...


class UnitOfWork:
    session: Session

    def __init__(
        self,
        database: Database,
        username: str | None = None,
        *,
        user: Actor | None = None,
        read_only: bool = False,
    ):
        self.database = database
        self.user = user
        self.username = user.username if user is not None else username
        self.read_only = read_only

    def __enter__(self) -> UnitOfWork:
        self.session = self.database.session(read_only=self.read_only)
        self.session.info[USERNAME] = self.username  # who the money digests' records name
        if not self.read_only:
            try:
                self._check_writer()
            except BaseException:
                self.session.close()
                raise
        return self

    def __exit__(self, *exc_info) -> None:
        # close() rolls back what was not committed; unlike rollback() it leaves the objects
        # already loaded readable (detached) for the caller.
        self.session.close()

    def _check_writer(self) -> None:
        """Refuse a write by an account that is disabled, or whose role changed since sign-in."""
        if self.username is None or (self.user is not None and self.user.id is None):
            return
        row = self.session.execute(
            select(User.active, User.role).where(User.username == self.username)
        ).one_or_none()
        if row is None:
            if self.user is not None and self.user.id:
                raise PermissionDenied("您的账号已不存在，不能再办理业务。请注销后用有效账号重新登录。")
            return  # a name that is not an account (demo data, the first administrator being made)
        if not row.active:
            raise PermissionDenied("您的账号已被管理员停用，不能再办理业务。请注销；如有疑问请联系管理员。")
        if self.user is not None and row.role != self.user.role:
            raise PermissionDenied("管理员已更改了您的角色。请注销后重新登录，再按新的角色办理。")

    def commit(self) -> None:
        if self.read_only:
            raise RuntimeError("a read-only UnitOfWork cannot commit")
        self.session.commit()

    def touched(self, kind: str, subject_id: int | None) -> None:
        """A money row was written with a Core statement (the ORM's own changes are found by
        themselves): its digest goes into the audit log at the commit (store/money_digest.py)."""
        touch(self.session, kind, subject_id)

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
