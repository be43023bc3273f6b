"""Accounts kept by an administrator: added, role changed, deactivated, password reset; audited."""

from __future__ import annotations

import pytest

from mutualaid_desktop.services.admin.users import (
    add_user,
    authenticate,
    create_first_admin,
    list_users,
    reset_password,
    set_user_active,
    set_user_role,
)
from mutualaid_desktop.services.errors import NotFound, PermissionDenied, ServiceError
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.audit import verify_audit_chain
from mutualaid_desktop.store.models import AuditRecord


@pytest.fixture
def db(tmp_path):
    database = open_counter_database(tmp_path / "c.sqlite3")
    yield database
    database.dispose()


@pytest.fixture
def admin(db):
    return create_first_admin(db, "root", "管理员", "root-pass")


def actions(db) -> list[str]:
    with UnitOfWork(db, read_only=True) as uow:
        return [r.action for r in uow.session.query(AuditRecord).order_by(AuditRecord.id)]


def test_admin_adds_a_clerk_who_can_log_in(db, admin):
    row = add_user(db, admin, username="zhang", display_name="张经办", role="clerk", password="clerk-pass")
    assert (row.username, row.role, row.active) == ("zhang", "clerk", True)
    assert authenticate(db, "zhang", "clerk-pass").role == "clerk"
    assert [u.username for u in list_users(db)] == ["root", "zhang"]
    assert actions(db)[-2:] == ["user.create", "user.login"]


def test_bad_input_changes_nothing(db, admin):
    with pytest.raises(ServiceError, match="已被使用"):
        add_user(db, admin, username="root", display_name="", role="clerk", password="xxxxxx")
    with pytest.raises(ServiceError, match="角色"):
        add_user(db, admin, username="li", display_name="", role="boss", password="xxxxxx")
    with pytest.raises(ServiceError, match="密码"):
        add_user(db, admin, username="li", display_name="", role="clerk", password="123")
    assert [u.username for u in list_users(db)] == ["root"]


def test_only_an_admin_keeps_accounts(db, admin):
    clerk = add_user(db, admin, username="zhang", display_name="", role="clerk", password="clerk-pass")
    as_clerk = authenticate(db, "zhang", "clerk-pass")
    assert clerk.username == as_clerk.username
    with pytest.raises(PermissionDenied):
        add_user(db, as_clerk, username="li", display_name="", role="admin", password="xxxxxx")
    with pytest.raises(PermissionDenied):
        set_user_role(db, as_clerk, "zhang", "admin")


def test_deactivated_accounts_stay_but_cannot_log_in(db, admin):
    add_user(db, admin, username="zhang", display_name="", role="clerk", password="clerk-pass")
    row = set_user_active(db, admin, "zhang", False)
    assert row.active is False
    with pytest.raises(ServiceError, match="停用"):
        authenticate(db, "zhang", "clerk-pass")
    assert [u.username for u in list_users(db)] == ["root", "zhang"]  # never deleted
    set_user_active(db, admin, "zhang", True)
    assert authenticate(db, "zhang", "clerk-pass").username == "zhang"


def test_the_last_admin_stays_an_admin(db, admin):
    with pytest.raises(ServiceError, match="最后一个管理员"):
        set_user_role(db, admin, "root", "clerk")
    with pytest.raises(ServiceError, match="最后一个管理员"):
        set_user_active(db, admin, "root", False)
    add_user(db, admin, username="wang", display_name="", role="admin", password="admin-pass")
    assert set_user_role(db, admin, "wang", "supervisor").role == "supervisor"


def test_password_reset_and_unknown_user(db, admin):
    add_user(db, admin, username="zhang", display_name="", role="clerk", password="clerk-pass")
    reset_password(db, admin, "zhang", "new-pass-1")
    assert authenticate(db, "zhang", "new-pass-1")
    with pytest.raises(ServiceError):
        authenticate(db, "zhang", "clerk-pass")
    with pytest.raises(NotFound):
        reset_password(db, admin, "nobody", "new-pass-1")
    with UnitOfWork(db, read_only=True) as uow:
        assert verify_audit_chain(uow.session) == []
        record = uow.session.query(AuditRecord).filter_by(action="user.password").one()
        assert "new-pass" not in (record.after_json or "") and "scrypt" not in (record.after_json or "")


def test_an_open_window_of_a_disabled_or_demoted_user_can_no_longer_write(db, admin):
    """Services check the account's state in the database on every write, not only at sign-in:
    the UserInfo a window holds is what the user signed in with."""
    from mutualaid_desktop.services.admin.hospitals import add_hospital

    add_user(db, admin, username="shen", display_name="沈审核", role="supervisor", password="shen-pass-1")
    signed_in = authenticate(db, "shen", "shen-pass-1")
    add_hospital(db, signed_in, name="商洛市中心医院", grade=3)  # allowed while nothing changed

    set_user_role(db, admin, "shen", "clerk")
    with pytest.raises(PermissionDenied, match="重新登录"):
        add_hospital(db, signed_in, name="商州区人民医院", grade=2)
    set_user_role(db, admin, "shen", "supervisor")
    set_user_active(db, admin, "shen", False)
    with pytest.raises(PermissionDenied, match="停用"):
        add_hospital(db, signed_in, name="商州区人民医院", grade=2)
    with UnitOfWork(db, read_only=True) as uow:
        from mutualaid_desktop.store.models import Hospital

        assert [h.name for h in uow.session.query(Hospital)] == ["商洛市中心医院"]
