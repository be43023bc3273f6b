"""The roles' names on the screens come from their one owner, services/permissions.ROLE_LABELS:
the window's status bar and 设置 → 用户 (its table and its role chooser) show what it says."""

from __future__ import annotations

import pytest

from mutualaid_desktop.services import permissions
from mutualaid_desktop.services.admin.users import add_user
from mutualaid_desktop.ui.settings.users_page import AddUserDialog, UsersModel, UsersPage
from mutualaid_desktop.ui.shell.main_window import MainWindow


@pytest.fixture
def renamed(monkeypatch):
    """The owner names the roles differently: the screens must follow."""
    monkeypatch.setitem(permissions.ROLE_LABELS, "admin", "系统管理员")
    monkeypatch.setitem(permissions.ROLE_LABELS, "clerk", "柜台经办")


def test_every_role_has_a_name_marked_for_translation():
    from mutualaid_desktop.ui.common import role_names

    assert set(role_names.MARKED) == set(permissions.ROLE_LABELS.values())
    assert [role_names.role_name(role) for role in permissions.ROLES] == [
        permissions.ROLE_LABELS[role] for role in permissions.ROLES
    ]  # Chinese: the owner's words
    assert role_names.role_name("auditor") == "auditor"  # unknown: the role itself


def test_the_status_bar_names_the_role_as_the_owner_does(qtbot, database, admin, renamed):
    window = MainWindow(database, admin, run_check=False)
    qtbot.addWidget(window)
    assert window.user_label.text() == "当前用户：王芳（系统管理员）"
    window.shutdown()


def test_the_users_screen_names_the_roles_as_the_owner_does(qtbot, database, admin, worker, renamed):
    add_user(database, admin, username="lina", display_name="李娜", role="clerk", password="clerk1234")
    page = UsersPage(database, admin, worker=worker)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    roles = {
        page.model.index(r, UsersModel.USERNAME).data(): page.model.index(r, UsersModel.ROLE).data() for r in range(2)
    }
    assert roles == {"admin": "系统管理员", "lina": "柜台经办"}
    combo = AddUserDialog(page).role_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [permissions.ROLE_LABELS[r] for r in permissions.ROLES]
    assert combo.currentData() == "clerk"
