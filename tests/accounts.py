"""Accounts for tests that act as fixed users (UserInfo constants): the rows a writing unit of
work checks (active, same role as at sign-in)."""

from __future__ import annotations

from mutualaid_desktop.domain.passwords import hash_password
from mutualaid_desktop.store.models import User

PASSWORD = "counter-2026"


def add_accounts(db, *users) -> None:
    """Insert a users row for each UserInfo with its username, name and role (and its id, when
    that id is still free)."""
    with db.session() as session:
        for user in users:
            free = session.get(User, user.id) is None
            session.add(
                User(
                    id=user.id if free else None,
                    username=user.username,
                    display_name=user.display_name,
                    role=user.role,
                    password_hash=hash_password(PASSWORD),
                    active=True,
                )
            )
        session.commit()
