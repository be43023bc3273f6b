"""文件 → 注销/切换用户: the clerk's window closes, the login dialog comes back on the same database,
and the reviewer who signs in gets a window of their own; both audited. The login dialog says how
long a name must wait after repeated wrong passwords, the same for a name that does not exist."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from mutualaid_desktop.services.admin.users import add_user, authenticate
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import AuditRecord
from mutualaid_desktop.ui.shell.login_dialog import LoginDialog
from mutualaid_desktop.ui.shell.session_switch import CounterSession
from tests.gui.helpers import press

CLERK_PASSWORD, REVIEWER_PASSWORD = "clerk-pass-1", "review-pass-1"


@pytest.fixture
def people(database, admin):
    add_user(database, admin, username="zhang", display_name="张经办", role="clerk", password=CLERK_PASSWORD)
    add_user(database, admin, username="qian", display_name="钱审核", role="reviewer", password=REVIEWER_PASSWORD)


@pytest.fixture
def session(qtbot, database, db_location, worker, people):
    quits = []
    counter = CounterSession(database, worker, str(db_location), on_quit=lambda: quits.append(True))
    counter.quits = quits
    yield counter
    if counter.dialog is not None:
        counter.dialog.reject()
    counter.shutdown()
    if counter.window is not None:
        counter.window.close()


def login_actions(database) -> list[tuple[str, str]]:
    with UnitOfWork(database, read_only=True) as uow:
        rows = uow.session.execute(
            select(AuditRecord.username, AuditRecord.action)
            .where(AuditRecord.entity == "login")
            .order_by(AuditRecord.id)
        )
        return [tuple(r) for r in rows]


def sign_in_with(qtbot, dialog: LoginDialog, username: str, password: str) -> None:
    dialog.username_edit.setFocus()
    dialog.username_edit.setText(username)
    press(qtbot, dialog)  # Enter: to the password field
    dialog.password_edit.setText(password)
    press(qtbot, dialog)  # Enter on the last field: sign in
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)


def test_log_out_as_clerk_and_sign_in_as_reviewer(qtbot, database, session):
    clerk = authenticate(database, "zhang", CLERK_PASSWORD)
    first = session.start(clerk, run_check=False)
    qtbot.waitExposed(first)
    assert first.user_label.text() == "当前用户：张经办（经办人）"
    assert [a.text() for a in first.menuBar().actions()[0].menu().actions() if a.text()] == [
        "立即备份(&B)",
        "注销/切换用户(&L)",
        "退出(&X)",
    ]

    with qtbot.waitSignal(session.loginShown, timeout=5000):
        first.logout_action.trigger()  # nothing in progress: no question
    dialog = session.dialog
    assert dialog.isVisible() and dialog.mode == "login" and not first.isVisible()
    assert session.window is None

    with qtbot.waitSignal(session.windowChanged, timeout=10_000) as changed:
        sign_in_with(qtbot, dialog, "qian", REVIEWER_PASSWORD)
    second = changed.args[0]
    qtbot.waitExposed(second)
    assert second is session.window and second is not first
    assert second.user.username == "qian" and second.user_label.text() == "当前用户：钱审核（审核人）"
    assert second.database_location() == first.database_location()
    qtbot.waitUntil(lambda: ("zhang", "user.logout") in login_actions(database), timeout=5000)
    assert login_actions(database) == [("zhang", "user.login"), ("zhang", "user.logout"), ("qian", "user.login")]
    assert session.quits == []


def test_a_wrong_password_after_logging_out_keeps_the_dialog(qtbot, database, session):
    session.start(authenticate(database, "zhang", CLERK_PASSWORD), run_check=False)
    session.window.logout_action.trigger()
    dialog = session.dialog
    sign_in_with(qtbot, dialog, "qian", "not-it")
    assert dialog.isVisible() and session.window is None
    assert dialog.message() == "用户名或密码不对，请重新输入。"


def test_closing_the_dialog_after_logging_out_ends_the_program(qtbot, database, session):
    session.start(authenticate(database, "zhang", CLERK_PASSWORD), run_check=False)
    session.window.logout_action.trigger()
    session.dialog.cancel_button.click()
    assert session.quits == [True] and session.window is None


@pytest.mark.parametrize(
    "answer, logged_out", [(QMessageBox.StandardButton.No, False), (QMessageBox.StandardButton.Yes, True)]
)
def test_work_in_progress_is_asked_about_first(qtbot, database, session, monkeypatch, answer, logged_out):
    window = session.start(authenticate(database, "zhang", CLERK_PASSWORD), run_check=False)
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append((title, text))
        return answer

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(window.worker, "writing", lambda: True)  # an operation still running
    window.logout_action.trigger()
    assert asked and asked[0][0] == "注销/切换用户" and "没有完成" in asked[0][1]
    assert (session.dialog is not None) == logged_out
    assert (session.window is window) == (not logged_out)


def test_a_screen_with_unsaved_input_is_asked_about(qtbot, database, session, monkeypatch):
    window = session.start(authenticate(database, "zhang", CLERK_PASSWORD), run_check=False)
    page = window.page("members")
    page.has_unsaved_work = lambda: True
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No)
    )
    window.logout_action.trigger()
    assert len(asked) == 1 and session.window is window


# --- the wait after repeated wrong passwords ------------------------------------------------------


@pytest.mark.parametrize("name", ["zhang", "nobody"])
def test_the_dialog_says_how_long_to_wait(qtbot, database, people, worker, name):
    dialog = LoginDialog(database, worker=worker)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    messages = []
    for _ in range(6):
        sign_in_with(qtbot, dialog, name, "wrong-pass")
        messages.append(dialog.message())
    assert messages[:4] == ["用户名或密码不对，请重新输入。"] * 4
    assert messages[4] == "用户名或密码不对。已连续输错 5 次，请等 30 秒后再试。"
    assert messages[5].startswith("该用户名连续输错密码次数过多，请等 ") and messages[5].endswith("秒后再试。")
    assert dialog.password_edit.text() == "" and dialog.isVisible()


def test_a_read_in_flight_is_not_work_in_progress(qtbot, database, session):
    import threading

    from PySide6.QtCore import QObject

    from mutualaid_desktop.ui.shell.session_switch import work_in_progress

    window = session.start(authenticate(database, "zhang", CLERK_PASSWORD), run_check=False)
    qtbot.waitUntil(lambda: not window.worker.is_busy(), timeout=5000)  # the home figures read
    release, parent = threading.Event(), QObject()
    window.worker.query(lambda: release.wait(5), parent=parent, success=lambda _r: None)
    assert not work_in_progress(window)
    window.worker.operation(lambda: None, parent=parent)
    assert work_in_progress(window)
    release.set()
    qtbot.waitUntil(lambda: not window.worker.is_busy(), timeout=5000)
