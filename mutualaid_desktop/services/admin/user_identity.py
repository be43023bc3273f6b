"""Who is working: the signed-in user (UserInfo) as every service receives it, and the command line's
own user. Apart from services/admin/users.py (which re-exports these) so that services/admin/sign_in.py can build
it without importing the accounts module that calls it."""

from __future__ import annotations

from dataclasses import dataclass

from mutualaid_desktop.services import permissions
from mutualaid_desktop.store.models import User


@dataclass(frozen=True)
class UserInfo:
    id: int | None  # None: the command line's user (cli_user), who has no row in users
    username: str
    display_name: str
    role: str

    @property
    def role_label(self) -> str:
        return permissions.role_label(self.role)


def cli_user() -> UserInfo:
    """The command line runs as a local administrator, named after the system account."""
    import getpass

    try:
        account = getpass.getuser()
    except Exception:  # no user name in the environment (a service account)
        account = "unknown"
    return UserInfo(id=None, username="cli:" + account, display_name="命令行", role="admin")


def user_info(user: User) -> UserInfo:
    return UserInfo(user.id, user.username, user.display_name, user.role)


__all__ = ["UserInfo", "cli_user", "user_info"]
