"""Signing in: failures audited (the name as typed, never the password), a growing wait after
five failures in a row that survives a restart and ends with a success, the same answers and the
same cost whether the name exists or not; signing out audited."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from mutualaid_desktop.domain import passwords
from mutualaid_desktop.services.admin.sign_in import SignInRefused, sign_out, wait_after, wait_text
from mutualaid_desktop.services.admin.users import add_user, authenticate, create_first_admin, set_user_active
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.integrity import check_database
from mutualaid_desktop.store.models import AuditRecord, User

PASSWORD = "secret-123"
T0 = datetime(2026, 12, 1, 2, 0, 0)


@pytest.fixture
def admin(db):
    return create_first_admin(db, "wangfang", "王芳", PASSWORD)


def attempt(db, name: str, password: str, at: datetime) -> SignInRefused | None:
    try:
        authenticate(db, name, password, now=at)
    except SignInRefused as exc:
        return exc
    return None


def login_records(db) -> list[tuple[str | None, str, str | None]]:
    with UnitOfWork(db, read_only=True) as uow:
        rows = uow.session.execute(
            select(AuditRecord.username, AuditRecord.action, AuditRecord.after_json)
            .where(AuditRecord.entity == "login")
            .order_by(AuditRecord.id)
        )
        return [tuple(r) for r in rows]


def account(db, name: str) -> User:
    with UnitOfWork(db, read_only=True) as uow:
        return uow.session.scalar(select(User).where(User.username == name))


def test_the_wait_grows_and_is_capped():
    assert [wait_after(n) for n in range(1, 13)] == [0, 0, 0, 0, 30, 60, 120, 240, 480, 960, 1800, 1800]
    assert [wait_text(s) for s in (1, 30, 59, 60, 61, 1800)] == [
        "1 秒",
        "30 秒",
        "59 秒",
        "1 分钟",
        "2 分钟",
        "30 分钟",
    ]


def test_success_is_audited_and_a_failure_names_what_was_typed_never_the_password(db, admin):
    assert authenticate(db, "wangfang", PASSWORD, now=T0).username == "wangfang"
    refused = attempt(db, " wangfang ", "guess-1", T0)
    assert refused.message == "用户名或密码不对，请重新输入。" and refused.wait_seconds == 0
    attempt(db, "nobody", "guess-2", T0)
    records = login_records(db)
    assert [(u, a) for u, a, _ in records] == [
        ("wangfang", "user.login"),
        ("wangfang", "user.login_failed"),
        ("nobody", "user.login_failed"),
    ]
    everything = "".join(str(r) for r in records)
    assert "guess" not in everything and PASSWORD not in everything
    assert check_database(db, full=False) == []


@pytest.mark.parametrize("name", ["wangfang", "nobody"])
def test_five_failures_make_the_name_wait_longer_each_time(db, admin, name):
    """The same answers for an account and for a name that is none."""
    answers = [attempt(db, name, "wrong", T0 + timedelta(seconds=k)) for k in range(4)]
    assert [a.message for a in answers] == ["用户名或密码不对，请重新输入。"] * 4
    fifth = attempt(db, name, "wrong", T0 + timedelta(seconds=4))
    assert fifth.message == "用户名或密码不对。已连续输错 5 次，请等 30 秒后再试。"
    assert fifth.wait_seconds == 30
    # while waiting even the right password is refused, and the password is not looked at
    during = attempt(db, name, PASSWORD, T0 + timedelta(seconds=14))
    assert during.message == "该用户名连续输错密码次数过多，请等 20 秒后再试。" and during.wait_seconds == 20
    sixth = attempt(db, name, "wrong", T0 + timedelta(seconds=35))
    assert sixth.wait_seconds == 60 and "已连续输错 6 次，请等 1 分钟后再试" in sixth.message
    seventh = attempt(db, name, "wrong", T0 + timedelta(seconds=100))
    assert seventh.wait_seconds == 120 and "请等 2 分钟后再试" in seventh.message
    actions = [a for _, a, _ in login_records(db)]
    assert actions.count("user.login_failed") == 7 and actions.count("user.login_waiting") == 1


def test_the_wait_survives_a_restart_and_a_success_resets_it(db, admin, tmp_path):
    for _k in range(5):
        attempt(db, "wangfang", "wrong", T0)
    user = account(db, "wangfang")
    assert (user.failed_logins, user.locked_until) == (5, T0 + timedelta(seconds=30))
    db.dispose()
    again = open_counter_database(db.path)  # the program started again
    try:
        assert attempt(again, "wangfang", PASSWORD, T0 + timedelta(seconds=10)).wait_seconds == 20
        assert authenticate(again, "wangfang", PASSWORD, now=T0 + timedelta(seconds=31)).username == "wangfang"
        user = account(again, "wangfang")
        assert (user.failed_logins, user.locked_until) == (0, None)
        assert attempt(again, "wangfang", "wrong", T0 + timedelta(seconds=40)).wait_seconds == 0  # counting anew
    finally:
        again.dispose()


def test_an_unknown_name_and_a_wrong_password_cost_one_same_hash(db, admin, monkeypatch):
    calls = []
    real = passwords._scrypt

    def counting(password, salt, n, r, p, length):
        calls.append((n, r, p, length))
        return real(password, salt, n, r, p, length)

    monkeypatch.setattr(passwords, "_scrypt", counting)
    attempt(db, "wangfang", "wrong", T0)
    known = list(calls)
    calls.clear()
    attempt(db, "nobody", "wrong", T0)
    assert calls == known == [(passwords.N, passwords.R, passwords.P, passwords.HASH_BYTES)]
    calls.clear()
    for _k in range(5):  # also while a name waits: one hash, never skipped
        attempt(db, "nobody", "wrong", T0)
    assert len(calls) == 5


def test_a_disabled_account_is_told_only_after_the_right_password(db, admin):
    add_user(db, admin, username="zhang", display_name="张三", role="clerk", password=PASSWORD)
    set_user_active(db, admin, "zhang", False)
    assert attempt(db, "zhang", "wrong", T0).message == "用户名或密码不对，请重新输入。"
    assert attempt(db, "zhang", PASSWORD, T0).message == "该账号已停用，请联系管理员。"
    assert [a for _, a, _ in login_records(db)][-2:] == ["user.login_failed", "user.login_disabled"]


def test_sign_out_is_audited(db, admin):
    user = authenticate(db, "wangfang", PASSWORD)
    sign_out(db, user)
    assert [(u, a) for u, a, _ in login_records(db)] == [("wangfang", "user.login"), ("wangfang", "user.logout")]


def test_a_sign_in_that_cannot_be_recorded_is_refused_with_a_clear_message(db, admin, monkeypatch):
    """Another process holds the write lock (a long import): the attempt cannot be audited, so it
    is refused, saying why; no traceback, nothing half-written."""
    from tests.lock_holder import LockHolder

    with LockHolder(db.path):  # closes its pipes at the end
        busy = open_counter_database(db.path)
        busy.busy.total_seconds = 1.0
        try:
            refused = attempt(busy, "wangfang", PASSWORD, T0)
        finally:
            busy.dispose()
    assert refused.message == "另一个柜台正在写入大量数据（例如导入名册），现在无法登录。请稍等一会儿再试。"
    assert [a for _, a, _ in login_records(db)] == []
    assert authenticate(db, "wangfang", PASSWORD, now=T0).username == "wangfang"  # once it is free
