"""设置 → 用户: an administrator keeps the accounts with the keyboard; the services decide, the
database is checked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from mutualaid_desktop.services.admin.users import add_user, authenticate, list_users
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.ui.settings.users_page import UsersModel, UsersPage
from tests.gui.helpers import focused, press, type_into_focus


@pytest.fixture
def accounts(database, admin):
    add_user(database, admin, username="lina", display_name="李娜", role="clerk", password="clerk1234")
    add_user(database, admin, username="zhaolei", display_name="赵磊", role="supervisor", password="super1234")
    return admin


def make_page(qtbot, database, user, worker, count):
    page = UsersPage(database, user, worker=worker)
    qtbot.addWidget(page)
    page.resize(720, 360)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == count)
    return page


def by_name(database):
    return {u.username: u for u in list_users(database)}


def select(page, username):
    row = next(i for i, u in enumerate(page.model.rows()) if u.username == username)
    page.table.selectRow(row)


def test_model(qtmodeltester, qtbot, database, accounts, worker):
    page = make_page(qtbot, database, accounts, worker, 3)
    qtmodeltester.check(page.model)
    rows = {page.model.index(r, UsersModel.USERNAME).data(): r for r in range(3)}
    assert page.model.index(rows["lina"], UsersModel.ROLE).data() == "经办人"
    assert page.model.index(rows["admin"], UsersModel.STATE).data() == "在用"
    assert page.model.index(rows["admin"], UsersModel.NAME).data(Qt.ItemDataRole.ForegroundRole) is None


def test_an_admin_adds_a_reviewer_with_the_keyboard(qtbot, database, accounts, worker):
    page = make_page(qtbot, database, accounts, worker, 3)
    page.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # 新增(&N)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    assert focused(dialog) is dialog.username_edit
    type_into_focus(qtbot, dialog, "wangqiang")
    press(qtbot, dialog)
    assert focused(dialog) is dialog.display_name_edit
    type_into_focus(qtbot, dialog, "王强")
    press(qtbot, dialog)
    assert focused(dialog) is dialog.role_combo
    qtbot.keyClick(dialog.role_combo, Qt.Key.Key_Down)  # 经办人 → 审核人
    assert dialog.role_combo.currentData() == "reviewer"
    press(qtbot, dialog)
    assert focused(dialog) is dialog.password_edit
    type_into_focus(qtbot, dialog, "review123")
    press(qtbot, dialog)
    assert focused(dialog) is dialog.confirm_edit
    type_into_focus(qtbot, dialog, "review123")
    with qtbot.waitSignal(page.changed, timeout=5000):
        press(qtbot, dialog)  # Enter in the last field saves
    assert not dialog.isVisible()
    assert page.model.rowCount() == 4 and "王强（wangqiang）" in page.message_label.text()
    assert page.current().username == "wangqiang"
    saved = by_name(database)["wangqiang"]
    assert (saved.display_name, saved.role, saved.active) == ("王强", "reviewer", True)
    assert authenticate(database, "wangqiang", "review123").role == "reviewer"


def test_mismatched_passwords_keep_the_dialog_open_and_save_nothing(qtbot, database, accounts, worker):
    page = make_page(qtbot, database, accounts, worker, 3)
    page.add()
    dialog = page.dialog
    dialog.username_edit.setText("wangqiang")
    dialog.display_name_edit.setText("王强")
    dialog.password_edit.setText("review123")
    dialog.confirm_edit.setText("review124")
    dialog.accept()
    assert dialog.isVisible() and dialog.error_label.isVisible()
    assert "两次输入的密码不一致" in dialog.error_label.text()
    assert dialog.buttons.isEnabled() and dialog.confirm_edit.text() == ""
    qtbot.waitUntil(lambda: not worker.is_busy())
    assert "wangqiang" not in by_name(database)
    # corrected, the same dialog saves
    dialog.confirm_edit.setText("review123")
    with qtbot.waitSignal(page.changed, timeout=5000):
        dialog.accept()
    assert "wangqiang" in by_name(database)


def test_a_refused_new_account_keeps_the_dialog_open(qtbot, database, accounts, worker):
    page = make_page(qtbot, database, accounts, worker, 3)
    page.add()
    dialog = page.dialog
    dialog.username_edit.setText("lina")
    dialog.password_edit.setText("another123")
    dialog.confirm_edit.setText("another123")
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible())
    assert "lina 已被使用" in dialog.error_label.text() and dialog.isVisible() and dialog.buttons.isEnabled()


def test_deactivating_the_last_admin_is_refused(qtbot, database, accounts, worker):
    page = make_page(qtbot, database, accounts, worker, 3)
    select(page, "admin")
    assert page.toggle_button.text() == "停用(&T)…"
    page.toggle()
    dialog = page.dialog
    assert focused(dialog) is dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    press(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible())
    with pytest.raises(ServiceError) as refusal:
        from mutualaid_desktop.services.admin.users import set_user_active

        set_user_active(database, accounts, "admin", False)
    assert dialog.error_label.text() == refusal.value.message
    assert dialog.isVisible() and by_name(database)["admin"].active


def test_deactivate_and_reactivate_a_clerk(qtbot, database, accounts, worker):
    page = make_page(qtbot, database, accounts, worker, 3)
    select(page, "lina")
    page.toggle()
    with qtbot.waitSignal(page.changed, timeout=5000):
        press(qtbot, page.dialog)
    assert not by_name(database)["lina"].active
    row = next(i for i, u in enumerate(page.model.rows()) if u.username == "lina")
    assert page.model.index(row, UsersModel.STATE).data() == "已停用"
    assert page.model.index(row, UsersModel.NAME).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert page.current().username == "lina" and page.toggle_button.text() == "启用(&T)…"
    with pytest.raises(ServiceError):
        authenticate(database, "lina", "clerk1234")
    page.toggle()
    with qtbot.waitSignal(page.changed, timeout=5000):
        page.dialog.accept()
    assert authenticate(database, "lina", "clerk1234").username == "lina"


def test_a_role_change_is_saved(qtbot, database, accounts, worker):
    page = make_page(qtbot, database, accounts, worker, 3)
    select(page, "lina")
    page.change_role()
    dialog = page.dialog
    assert focused(dialog) is dialog.role_combo and dialog.role_combo.currentData() == "clerk"
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("supervisor"))
    with qtbot.waitSignal(page.changed, timeout=5000):
        press(qtbot, dialog)  # Enter saves: the role is the only field
    assert by_name(database)["lina"].role == "supervisor"
    assert "现为主管" in page.message_label.text()


def test_a_password_reset_is_saved(qtbot, database, accounts, worker):
    page = make_page(qtbot, database, accounts, worker, 3)
    select(page, "zhaolei")
    page.reset_password()
    dialog = page.dialog
    assert focused(dialog) is dialog.password_edit
    type_into_focus(qtbot, dialog, "fresh5678")
    press(qtbot, dialog)
    type_into_focus(qtbot, dialog, "fresh5678")
    with qtbot.waitSignal(page.changed, timeout=5000):
        press(qtbot, dialog)
    assert authenticate(database, "zhaolei", "fresh5678").username == "zhaolei"
    with pytest.raises(ServiceError):
        authenticate(database, "zhaolei", "super1234")


def test_a_non_admin_changes_nothing(qtbot, database, accounts, worker):
    clerk = authenticate(database, "lina", "clerk1234")
    page = make_page(qtbot, database, clerk, worker, 3)
    select(page, "zhaolei")
    assert not any(b.isEnabled() for b in (page.add_button, page.role_button, page.toggle_button, page.password_button))
    page.toggle()
    assert page.dialog is None
