"""Users of the counter: the first administrator, logging in."""

from __future__ import annotations

from dataclasses import dataclass

from mutualaid_desktop.domain.passwords import hash_password, password_problem, verify_password
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.models import User
from mutualaid_desktop.store.repositories import UserRepository

ROLE_LABELS = {"clerk": "经办人", "reviewer": "审核人", "supervisor": "主管", "admin": "管理员"}


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: str

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)


def cli_user() -> UserInfo:
    """The command line runs as a local administrator, named after the system account."""
    import getpass

    try:
        account = getpass.getuser()
    except Exception:  # no user name in the environment (a service account)
        account = "unknown"
    return UserInfo(id=None, username="cli:" + account, display_name="命令行", role="admin")


def _info(user: User) -> UserInfo:
    return UserInfo(user.id, user.username, user.display_name, user.role)


def has_users(db: Database) -> bool:
    with UnitOfWork(db, read_only=True) as uow:
        return UserRepository(uow.session).count() > 0


def _check_username(username: str) -> str:
    name = (username or "").strip()
    if not name:
        raise ServiceError("请填写用户名。")
    if len(name) > 64 or any(ch.isspace() for ch in name):
        raise ServiceError("用户名不能含空格，且不超过64个字符，请修改。")
    return name


def create_first_admin(db: Database, username: str, display_name: str, password: str) -> UserInfo:
    """Create the administrator on a database that has no users yet."""
    name = _check_username(username)
    problem = password_problem(password)
    if problem:
        raise ServiceError(problem)
    with UnitOfWork(db, username=name) as uow:
        users = UserRepository(uow.session)
        if users.count() > 0:
            raise ServiceError("系统已有用户，不能再创建初始管理员；请用已有账号登录。")
        user = users.add(
            User(
                username=name,
                display_name=(display_name or "").strip() or name,
                role="admin",
                password_hash=hash_password(password),
                active=True,
            )
        )
        uow.audit("user.create", "user", user.id, after={"username": name, "role": "admin"})
        info = _info(user)
        uow.commit()
    return info


def authenticate(db: Database, username: str, password: str) -> UserInfo:
    name = (username or "").strip()
    with UnitOfWork(db, read_only=True) as uow:
        user = UserRepository(uow.session).by_username(name)
        if user is None or not verify_password(password or "", user.password_hash):
            raise ServiceError("用户名或密码不对，请重新输入。")
        if not user.active:
            raise ServiceError("该账号已停用，请联系管理员。")
        return _info(user)
