"""Users of the counter: the first administrator, logging in, and the accounts an administrator keeps."""

from __future__ import annotations

from dataclasses import dataclass

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.passwords import hash_password, password_problem
from mutualaid_desktop.domain.text import clean_text
from mutualaid_desktop.services import permissions
from mutualaid_desktop.services.admin.sign_in import sign_in
from mutualaid_desktop.services.admin.user_identity import UserInfo, user_info
from mutualaid_desktop.services.admin.user_identity import cli_user as cli_user  # the command line imports it from here
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.permissions import ROLES, require
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.limits import text_limit
from mutualaid_desktop.store.models import User
from mutualaid_desktop.store.repositories import UserRepository

USERNAME_LIMIT, DISPLAY_NAME_LIMIT = text_limit(User.username), text_limit(User.display_name)


_info = user_info


def has_users(db: Database) -> bool:
    with UnitOfWork(db, read_only=True) as uow:
        return UserRepository(uow.session).count() > 0


def _check_username(username: str) -> str:
    """The account's name as kept: no hidden characters, no spaces, at most its column's length.
    Not made half-width or otherwise changed, so that signing in with what was typed finds it."""
    if not (username or "").strip():
        raise ServiceError("请填写用户名。")
    if any(ch.isspace() for ch in username.strip()):
        raise InputError("username", "用户名不能含空格，请修改。", "space")
    name = clean_text(username, field="username", label="用户名", limit=USERNAME_LIMIT, halfwidth=False)
    assert name is not None
    return name


def _display_name(display_name: str | None, username: str) -> str:
    """The name shown for the account (who signed a receipt); the user name when empty."""
    return clean_text(display_name, field="display_name", label="姓名", limit=DISPLAY_NAME_LIMIT) or username


def create_first_admin(
    db: Database, username: str, display_name: str, password: str, *, by: str | None = None
) -> UserInfo:
    """Create the administrator on a database that has no users yet. The audit record names `by`
    (the command line's user), else the new administrator (the first window)."""
    name = _check_username(username)
    shown = _display_name(display_name, name)
    problem = password_problem(password)
    if problem:
        raise ServiceError(problem)
    with UnitOfWork(db, username=by or name) as uow:
        users = UserRepository(uow.session)
        if users.count() > 0:
            raise ServiceError("系统已有用户，不能再创建初始管理员；请用已有账号登录。")
        user = users.add(
            User(
                username=name,
                display_name=shown,
                role="admin",
                password_hash=hash_password(password),
                active=True,
            )
        )
        uow.audit("user.create", "user", user.id, after={"username": name, "role": "admin"})
        info = _info(user)
        uow.commit()
    return info


def authenticate(db: Database, username: str, password: str, *, now=None) -> UserInfo:
    """Sign in (services/admin/sign_in.py: audited, a growing wait after repeated failures)."""
    return sign_in(db, username, password, now=now)


@dataclass(frozen=True)
class UserRow:
    username: str
    display_name: str
    role: str
    active: bool

    @property
    def role_label(self) -> str:
        return permissions.role_label(self.role)

    def to_json_dict(self) -> dict:
        return {"username": self.username, "display_name": self.display_name, "role": self.role, "active": self.active}


def _check_role(role: str) -> str:
    if role not in ROLES:
        names = "、".join(f"{k}（{permissions.role_label(k)}）" for k in ROLES)
        raise ServiceError(f"角色“{role}”不存在，请从 {names} 中选择。")
    return role


def list_users(db: Database) -> list[UserRow]:
    with UnitOfWork(db, read_only=True) as uow:
        return [UserRow(u.username, u.display_name, u.role, u.active) for u in UserRepository(uow.session).all()]


def add_user(db: Database, admin: UserInfo, *, username: str, display_name: str, role: str, password: str) -> UserRow:
    """An administrator adds a clerk, reviewer, supervisor or another administrator."""
    require(admin, "manage_users")
    name = _check_username(username)
    _display_name(display_name, name)  # refused before the password is looked at
    _check_role(role)
    problem = password_problem(password)
    if problem:
        raise ServiceError(problem)
    with UnitOfWork(db, user=admin) as uow:
        users = UserRepository(uow.session)
        if users.by_username(name) is not None:
            raise ServiceError(f"用户名 {name} 已被使用，请换一个。")
        user = users.add(
            User(
                username=name,
                display_name=_display_name(display_name, name),
                role=role,
                password_hash=hash_password(password),
                active=True,
            )
        )
        row = UserRow(user.username, user.display_name, user.role, True)
        uow.audit("user.create", "user", user.id, after=row.to_json_dict())
        uow.commit()
    return row


def _change(db: Database, admin: UserInfo, username: str, action: str, apply) -> UserRow:
    require(admin, "manage_users")
    with UnitOfWork(db, user=admin) as uow:
        users = UserRepository(uow.session)
        user = users.by_username((username or "").strip())
        if user is None:
            raise NotFound(f"没有用户名为 {username} 的账号，请核对。")
        before = UserRow(user.username, user.display_name, user.role, user.active).to_json_dict()
        apply(user, users)
        uow.session.flush()
        row = UserRow(user.username, user.display_name, user.role, user.active)
        uow.audit(action, "user", user.id, before=before, after=row.to_json_dict())
        uow.commit()
    return row


def set_user_role(db: Database, admin: UserInfo, username: str, role: str) -> UserRow:
    _check_role(role)

    def apply(user: User, users: UserRepository) -> None:
        if user.role == "admin" and role != "admin" and user.active and users.active_admins() <= 1:
            raise ServiceError("这是最后一个管理员账号，不能改为其他角色；请先设置另一名管理员。")
        user.role = role

    return _change(db, admin, username, "user.role", apply)


def set_user_active(db: Database, admin: UserInfo, username: str, active: bool) -> UserRow:
    """Accounts are never deleted (their names stand in the audit log): they are deactivated."""

    def apply(user: User, users: UserRepository) -> None:
        if not active and user.role == "admin" and user.active and users.active_admins() <= 1:
            raise ServiceError("这是最后一个管理员账号，不能停用；请先设置另一名管理员。")
        if not active and user.username == admin.username:
            raise ServiceError("不能停用自己正在使用的账号。")
        user.active = active

    return _change(db, admin, username, "user.activate" if active else "user.deactivate", apply)


def reset_password(db: Database, admin: UserInfo, username: str, password: str) -> UserRow:
    problem = password_problem(password)
    if problem:
        raise ServiceError(problem)

    def apply(user: User, users: UserRepository) -> None:
        user.password_hash = hash_password(password)

    return _change(db, admin, username, "user.password", apply)
