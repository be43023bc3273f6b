"""Signing in and out: every attempt audited, a growing wait after repeated failures.

- Every attempt is written to the audit log (entity "login", entity_id the user name as typed,
  never the password): `user.login`, `user.login_failed` (a wrong password or an unknown name),
  `user.login_waiting` (an attempt while the name must wait; the password is not looked at),
  `user.login_disabled` (the right password of a disabled account), `user.logout`.
- After FREE_TRIES failures in a row a name waits before its next try: 30 s, then 1, 2, 4, 8, 16
  minutes, at most 30. For an account the count and the end of the wait are kept in
  users.failed_logins / users.locked_until, so a restart does not reset them; a success resets
  them. A name that is not an account gets the same treatment, counted from its audit records,
  so that the answers never tell whether a name exists.
- An unknown name and a wrong password cost the same: the password is always checked once with
  the same slow hash, against a dummy hash of the same cost when there is no such account.
  The password is checked before the database is locked for writing (the check is slow; a
  counter signing in does not hold up the others).
"""

from __future__ import annotations

import json
import math
from datetime import datetime, timedelta

from mutualaid_desktop.domain.passwords import DUMMY_HASH, verify_password
from mutualaid_desktop.services.admin.user_identity import user_info
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.audit import latest_after
from mutualaid_desktop.store.database import Database, DatabaseBusy
from mutualaid_desktop.store.models import User, utcnow
from mutualaid_desktop.store.repositories import UserRepository

FREE_TRIES = 5  # failures in a row before the first wait
FIRST_WAIT = 30  # seconds, doubled with every further failure
MAX_WAIT = 30 * 60
ENTITY = "login"
NAME_LENGTH = 64  # the user name as typed, as far as the audit log keeps it
FAILED, WAITING = "user.login_failed", "user.login_waiting"
WRONG = "用户名或密码不对，请重新输入。"
BUSY = "另一个柜台正在写入大量数据（例如导入名册），现在无法登录。请稍等一会儿再试。"


class SignInRefused(ServiceError):
    """A refused sign-in; `wait_seconds` > 0 when the name must wait before its next try."""

    def __init__(self, message: str, wait_seconds: int = 0) -> None:
        super().__init__(message)
        self.wait_seconds = wait_seconds


def wait_after(failures: int) -> int:
    """Seconds to wait after `failures` failed sign-ins in a row."""
    if failures < FREE_TRIES:
        return 0
    return min(FIRST_WAIT * 2 ** min(failures - FREE_TRIES, 16), MAX_WAIT)


def wait_text(seconds: int) -> str:
    """「25 秒」, 「2 分钟」: how long, rounded up, in Chinese."""
    if seconds < 60:
        return f"{max(seconds, 1)} 秒"
    return f"{math.ceil(seconds / 60)} 分钟"


def sign_in(db: Database, username: str, password: str, *, now: datetime | None = None):
    """The UserInfo of the account, or SignInRefused (said the same way whether the name exists).
    A sign-in that cannot be recorded (the database is busy with another counter's long write)
    is refused too: every attempt is in the audit log."""
    name = (username or "").strip()
    typed = name[:NAME_LENGTH]
    now = now or utcnow()
    with UnitOfWork(db, read_only=True) as uow:
        user = UserRepository(uow.session).by_username(name) if name else None
        stored = user.password_hash if user is not None else DUMMY_HASH
    right = verify_password(password or "", stored)  # the same cost for every name

    try:
        return _record(db, name, typed, stored, right, now)
    except DatabaseBusy as exc:  # another counter holds a long write (a big roster import)
        raise SignInRefused(BUSY) from exc


def _record(db: Database, name: str, typed: str, stored: str, right: bool, now: datetime):
    """The sign-in's outcome, written before it is told (a refusal is raised after the commit)."""
    refusal: SignInRefused | None = None
    with UnitOfWork(db) as uow:  # no account check: the answer must not depend on the account
        uow.username = typed
        user = UserRepository(uow.session).by_username(name) if name else None
        failures, until = _state(uow, user, typed)
        if until is not None and until > now:
            wait = math.ceil((until - now).total_seconds())
            uow.audit(WAITING, ENTITY, typed, after={"username": typed, "wait_seconds": wait})
            refusal = SignInRefused(f"该用户名连续输错密码次数过多，请等 {wait_text(wait)}后再试。", wait)
        elif user is None or not right or user.password_hash != stored:
            failures += 1
            wait = wait_after(failures)
            until = now + timedelta(seconds=wait) if wait else None
            if user is not None:
                user.failed_logins = failures
                user.locked_until = until
            uow.audit(
                FAILED,
                ENTITY,
                typed,
                after={"username": typed, "failures": failures, "wait_seconds": wait, "until": until},
            )
            text = WRONG if not wait else f"用户名或密码不对。已连续输错 {failures} 次，请等 {wait_text(wait)}后再试。"
            refusal = SignInRefused(text, wait)
        elif not user.active:
            uow.audit("user.login_disabled", ENTITY, typed, after={"username": typed})
            refusal = SignInRefused("该账号已停用，请联系管理员。")
        else:
            user.failed_logins = 0
            user.locked_until = None
            uow.username = user.username
            uow.audit("user.login", ENTITY, typed, after={"username": user.username, "role": user.role})
            info = user_info(user)
        uow.commit()
    if refusal is not None:
        raise refusal
    return info


def _state(uow: UnitOfWork, user: User | None, typed: str) -> tuple[int, datetime | None]:
    """(failures in a row, waiting until) of an account, or of a name that is none: from its
    latest failure or sign-in in the audit log."""
    if user is not None:
        return user.failed_logins or 0, user.locked_until
    text = latest_after(uow.session, ENTITY, typed, (FAILED, "user.login"))
    try:
        last = json.loads(text or "{}")
        until = last.get("until")
        return int(last.get("failures", 0)), datetime.fromisoformat(until) if until else None
    except (ValueError, TypeError, AttributeError):
        return 0, None


def sign_out(db: Database, user) -> None:
    """Record that `user` signed out (the window closes and the login dialog comes back)."""
    with UnitOfWork(db) as uow:
        uow.username = user.username
        uow.audit("user.logout", ENTITY, user.username[:NAME_LENGTH], after={"username": user.username})
        uow.commit()
