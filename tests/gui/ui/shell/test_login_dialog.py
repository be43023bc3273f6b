"""The login dialog, driven with the keyboard; what the database holds afterwards."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from mutualaid_desktop.services.admin.users import authenticate, has_users
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.ui.shell.login_dialog import MODE_FIRST_RUN, MODE_LOGIN, MODE_OPENING, LoginDialog
from tests.gui.helpers import focused, press, press_enter_via_event, type_into_focus


@pytest.fixture
def make_dialog(qtbot, worker):
    def make(db, **kwargs) -> LoginDialog:
        dialog = LoginDialog(db, worker=worker, **kwargs)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def submit_and_wait(qtbot, dialog: LoginDialog) -> None:
    """Enter on the focused (last) field, then wait for the background answer."""
    press(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)


# --- first run: creating the administrator ---------------------------------------------------


def test_first_run_asks_for_the_administrator(make_dialog, database):
    dialog = make_dialog(database)
    assert dialog.mode == MODE_FIRST_RUN
    assert dialog.fields() == [
        dialog.username_edit,
        dialog.display_name_edit,
        dialog.password_edit,
        dialog.confirm_edit,
    ]
    assert dialog.display_name_edit.isVisible() and dialog.confirm_edit.isVisible()
    assert dialog.submit_button.text() == "创建管理员并登录"
    assert "管理员" in dialog.subtitle_label.text()
    assert focused(dialog) is dialog.username_edit


def test_first_run_creates_the_administrator_who_can_then_log_in(qtbot, make_dialog, database):
    dialog = make_dialog(database)
    type_into_focus(qtbot, dialog, "zhangsan")
    press(qtbot, dialog)
    assert focused(dialog) is dialog.display_name_edit
    type_into_focus(qtbot, dialog, "张三")
    press(qtbot, dialog)
    assert focused(dialog) is dialog.password_edit
    type_into_focus(qtbot, dialog, "secret123")
    press(qtbot, dialog)
    assert focused(dialog) is dialog.confirm_edit
    type_into_focus(qtbot, dialog, "secret123")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        press(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.user is not None
    assert (dialog.user.username, dialog.user.display_name, dialog.user.role) == ("zhangsan", "张三", "admin")
    # what the database holds: the administrator, with that password
    assert has_users(database)
    user = authenticate(database, "zhangsan", "secret123")
    assert user.display_name == "张三" and user.role == "admin"


def test_passwords_that_differ_are_refused(qtbot, make_dialog, database):
    dialog = make_dialog(database)
    for text in ("zhangsan", "张三", "secret123"):
        type_into_focus(qtbot, dialog, text)
        press(qtbot, dialog)
    type_into_focus(qtbot, dialog, "secret124")
    submit_and_wait(qtbot, dialog)

    assert dialog.isVisible() and dialog.user is None
    assert "两次输入的密码不一致" in dialog.message()
    assert dialog.password_edit.text() == "" and dialog.confirm_edit.text() == ""
    assert focused(dialog) is dialog.password_edit
    assert dialog.username_edit.text() == "zhangsan"  # what was right stays
    assert not has_users(database)


def test_a_short_password_is_refused_with_the_rule(qtbot, make_dialog, database):
    dialog = make_dialog(database)
    for text in ("zhangsan", "张三", "123"):
        type_into_focus(qtbot, dialog, text)
        press(qtbot, dialog)
    type_into_focus(qtbot, dialog, "123")
    submit_and_wait(qtbot, dialog)

    assert "密码至少需要 6 个字符" in dialog.message()
    assert focused(dialog) is dialog.password_edit
    assert not has_users(database)


@pytest.mark.parametrize(
    ("username", "display_name", "message", "field"),
    [
        ("", "张三", "请填写管理员的用户名", "username_edit"),
        ("zhang san", "张三", "用户名中不能有空格", "username_edit"),
        ("zhangsan", "", "请填写管理员的姓名", "display_name_edit"),
    ],
)
def test_missing_or_wrong_fields_are_named(qtbot, make_dialog, database, username, display_name, message, field):
    dialog = make_dialog(database)
    dialog.username_edit.setText(username)
    dialog.display_name_edit.setText(display_name)
    dialog.password_edit.setText("secret123")
    dialog.confirm_edit.setText("secret123")
    dialog.confirm_edit.setFocus()
    submit_and_wait(qtbot, dialog)

    assert message in dialog.message()
    assert focused(dialog) is getattr(dialog, field)
    assert not has_users(database)


def test_a_refusal_of_the_service_is_shown(qtbot, make_dialog, database, monkeypatch):
    import mutualaid_desktop.services.admin.users as users

    def refuse(*_args):
        raise ServiceError("系统已有用户，不能再创建初始管理员；请用已有账号登录。")

    monkeypatch.setattr(users, "create_first_admin", refuse)
    dialog = make_dialog(database)
    for text in ("zhangsan", "张三", "secret123"):
        type_into_focus(qtbot, dialog, text)
        press(qtbot, dialog)
    type_into_focus(qtbot, dialog, "secret123")
    submit_and_wait(qtbot, dialog)

    assert dialog.isVisible() and dialog.user is None
    assert "系统已有用户" in dialog.message()
    assert dialog.isEnabled() and dialog.username_edit.isEnabled()


# --- logging in -------------------------------------------------------------------------------


def test_login_mode_asks_for_two_fields(make_dialog, database, admin):
    dialog = make_dialog(database)
    assert dialog.mode == MODE_LOGIN
    assert dialog.fields() == [dialog.username_edit, dialog.password_edit]
    assert not dialog.display_name_edit.isVisible() and not dialog.confirm_edit.isVisible()
    assert dialog.submit_button.text() == "登录"
    assert focused(dialog) is dialog.username_edit


def test_login_with_the_keyboard(qtbot, make_dialog, database, admin):
    dialog = make_dialog(database)
    type_into_focus(qtbot, dialog, "admin")
    press(qtbot, dialog)
    assert focused(dialog) is dialog.password_edit
    type_into_focus(qtbot, dialog, "secret123")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        press(qtbot, dialog)
    assert dialog.user == admin


def test_keypad_enter_works_like_return(qtbot, make_dialog, database, admin):
    dialog = make_dialog(database)
    type_into_focus(qtbot, dialog, "admin")
    press_enter_via_event(dialog.username_edit)
    assert focused(dialog) is dialog.password_edit
    type_into_focus(qtbot, dialog, "secret123")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        press_enter_via_event(dialog.password_edit)
    assert dialog.user is not None and dialog.user.username == "admin"


def test_a_wrong_password_is_refused_then_the_right_one_accepted(qtbot, make_dialog, database, admin):
    dialog = make_dialog(database)
    type_into_focus(qtbot, dialog, "admin")
    press(qtbot, dialog)
    type_into_focus(qtbot, dialog, "wrong-password")
    submit_and_wait(qtbot, dialog)

    assert dialog.isVisible() and dialog.user is None
    assert "用户名或密码不对" in dialog.message()
    assert dialog.password_edit.text() == ""
    assert focused(dialog) is dialog.password_edit
    assert dialog.username_edit.text() == "admin"

    type_into_focus(qtbot, dialog, "secret123")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        press(qtbot, dialog)
    assert dialog.user == admin


def test_an_unknown_user_is_refused(qtbot, make_dialog, database, admin):
    dialog = make_dialog(database)
    type_into_focus(qtbot, dialog, "nobody")
    press(qtbot, dialog)
    type_into_focus(qtbot, dialog, "secret123")
    submit_and_wait(qtbot, dialog)
    assert "用户名或密码不对" in dialog.message()
    assert dialog.user is None


def test_empty_fields_are_named_without_asking_the_database(qtbot, make_dialog, database, admin):
    dialog = make_dialog(database)
    press(qtbot, dialog)  # Enter on the empty user name: on to the password
    assert focused(dialog) is dialog.password_edit
    press(qtbot, dialog)  # Enter on the empty password: submit
    assert "请输入用户名" in dialog.message()
    assert focused(dialog) is dialog.username_edit
    type_into_focus(qtbot, dialog, "admin")
    press(qtbot, dialog)
    press(qtbot, dialog)
    assert "请输入密码" in dialog.message()
    assert focused(dialog) is dialog.password_edit
    assert not dialog.is_busy()


def test_escape_closes_the_dialog_without_a_user(qtbot, make_dialog, database, admin):
    dialog = make_dialog(database)
    with qtbot.waitSignal(dialog.rejected, timeout=2_000):
        press(qtbot, dialog, Qt.Key.Key_Escape)
    assert dialog.user is None


# --- shown before the database is open ------------------------------------------------------


def test_waits_for_the_database_then_logs_in_what_was_typed(qtbot, make_dialog, database, admin):
    dialog = make_dialog(None, location="/somewhere/mutualaid.sqlite3")
    assert dialog.mode == MODE_OPENING
    assert not dialog.submit_button.isEnabled()
    assert "正在打开数据库" in dialog.message()
    assert "/somewhere/mutualaid.sqlite3" in dialog.location_label.text()
    # the clerk types at once and presses Enter before the database is ready
    type_into_focus(qtbot, dialog, "admin")
    press(qtbot, dialog)
    type_into_focus(qtbot, dialog, "secret123")
    press(qtbot, dialog)
    assert dialog.isVisible() and dialog.user is None

    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.set_database(database, has_users=True)
    assert dialog.user == admin


def test_turns_into_first_run_when_the_database_has_no_users(qtbot, make_dialog, database):
    dialog = make_dialog(None)
    with qtbot.waitSignal(dialog.modeChanged, timeout=2_000) as blocker:
        dialog.set_database(database, has_users=False)
    assert blocker.args == [MODE_FIRST_RUN]
    assert dialog.submit_button.isEnabled()
    assert dialog.confirm_edit.isVisible()
    assert focused(dialog) is dialog.username_edit
