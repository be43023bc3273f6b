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

What the transaction wrote is reported once it is committed (services/changes.py): the session's
flushed objects give their tables and ids, and every INSERT, UPDATE or DELETE run on the session's
connection (the ORM's and the Core statements of store/, bulk inserts included) gives its table; at
`commit()` a `Changes` of those goes to the process's change listeners, on the committing thread.
A unit of work that does not commit reports nothing.

Who writes is checked against the database when a writing unit of work begins, not only when the
window was opened: an account an administrator has disabled since cannot write, and a user whose
role was changed since (`user.role` is what they signed in with) is asked to sign in again, so an
open window of a demoted reviewer can no longer approve or pay. The command line's user (no id,
a local administrator by design) is not an account and is not checked.
"""

from __future__ import annotations

import threading
import weakref
from typing import Protocol

from sqlalchemy import Engine, event, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from mutualaid_desktop.services import changes as change_report
from mutualaid_desktop.services.errors import PermissionDenied
from mutualaid_desktop.store.audit import TIP_KEY, append_audit
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.models import AuditRecord, User
from mutualaid_desktop.store.money_digest import SUBJECTS, TOUCHED, USERNAME, touch


class Actor(Protocol):
    """Who does the work: services.users.UserInfo, or anything with the same fields (read only)."""

    @property
    def id(self) -> int | None: ...

    @property
    def username(self) -> str: ...

    @property
    def role(self) -> str: ...


class _Written:
    """What a writing unit of work's transaction has written so far: tables, and (table, id) rows."""

    def __init__(self) -> None:
        self.tables: set[str] = set()
        self.rows: set[tuple[str, object]] = set()
        self.connections: list[Connection] = []

    def report(self, origin: str) -> change_report.Changes:
        return change_report.Changes.from_tables(self.tables, self.rows, origin=origin)

    def clear(self) -> None:
        self.tables.clear()
        self.rows.clear()


# The settings table holds the audit chain's tip, written with every audit record: it is written by
# the ORM alone, and its rows (their keys) tell a setting changed from that bookkeeping.
ORM_ONLY = "settings"
BOOKKEEPING = {(ORM_ONLY, TIP_KEY)}

# The connection a writing unit of work's session runs on -> what it has written. The statements are
# seen by one listener per engine (`_watch_engine`), which finds here whose they are.
_writers: weakref.WeakKeyDictionary[Connection, _Written] = weakref.WeakKeyDictionary()
_writers_lock = threading.Lock()


def _statement_run(connection: Connection, statement, *_args) -> None:
    """Engine `after_execute`: an INSERT, UPDATE or DELETE on a unit of work's connection."""
    if not getattr(statement, "is_dml", False):
        return
    with _writers_lock:
        written = _writers.get(connection)
    table = getattr(getattr(statement, "table", None), "name", None)
    if written is not None and table and table != ORM_ONLY:
        written.tables.add(table)


def _watch_engine(engine: Engine) -> None:
    with _writers_lock:
        if not event.contains(engine, "after_execute", _statement_run):
            event.listen(engine, "after_execute", _statement_run)


def _flushed(written: _Written, session: Session) -> None:
    """Session `after_flush`: the rows the ORM wrote, with their ids."""
    dirty = [obj for obj in session.dirty if session.is_modified(obj, include_collections=False)]
    for obj in (*session.new, *dirty, *session.deleted):
        state = inspect(obj)
        table = state.mapper.local_table.name
        key = state.mapper.primary_key_from_instance(obj)
        row = (table, key[0] if len(key) == 1 else None)
        if row not in BOOKKEEPING:
            written.tables.add(table)
            written.rows.add(row)


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
        self._written: _Written | None = None

    def __enter__(self) -> UnitOfWork:
        self.session = self.database.session(read_only=self.read_only)
        self.session.info[USERNAME] = self.username  # who the money digests' records name
        if not self.read_only:
            self._collect_writes()
            try:
                self._check_writer()
            except BaseException:
                self.session.close()
                self._stop_collecting()
                raise
        return self

    def __exit__(self, *exc_info) -> None:
        # close() rolls back what was not committed; unlike rollback() it leaves the objects
        # already loaded readable (detached) for the caller.
        try:
            self.session.close()
        finally:
            self._stop_collecting()

    def _collect_writes(self) -> None:
        written = self._written = _Written()
        _watch_engine(self.database.engine)

        def began(_session, _transaction, connection: Connection) -> None:
            with _writers_lock:
                _writers[connection] = written
            written.connections.append(connection)

        event.listen(self.session, "after_begin", began)
        event.listen(self.session, "after_flush", lambda session, _context: _flushed(written, session))
        event.listen(self.session, "after_rollback", lambda _session: written.clear())

    def _stop_collecting(self) -> None:
        if self._written is not None:
            with _writers_lock:
                for connection in self._written.connections:
                    _writers.pop(connection, None)
            self._written.connections.clear()

    def _check_writer(self) -> None:
        """Refuse a write by an account that is disabled, or whose role changed since sign-in."""
        if self.username is None or (self.user is not None and self.user.id is None):
            return
        row = self.session.execute(select(User.active, User.role).where(User.username == self.username)).one_or_none()
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
        if self._written is not None:  # the money rows' ids that Core writes marked (store/money_digest.py)
            for kind, subject_id in self.session.info.get(TOUCHED, ()):
                self._written.rows.add((SUBJECTS[kind].table, subject_id))
        self.session.commit()
        if self._written is not None:  # committed: tell whoever listens what was written
            report = self._written.report(self.database.url)
            self._written.clear()
            change_report.publish(report)

    def touched(self, kind: str, subject_id: int | None) -> None:
        """A money row was written with a Core statement (the ORM's own changes are found by
        themselves): its digest goes into the audit log at the commit (store/money_digest.py)."""
        touch(self.session, kind, subject_id)

    def audit(self, action: str, entity: str | None = None, entity_id=None, before=None, after=None) -> AuditRecord:
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
