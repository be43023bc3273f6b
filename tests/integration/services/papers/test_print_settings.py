"""services/print_settings: how the counter prints (dialog, or straight to a printer) — defaults,
saved and read back, audited, kept to supervisors and administrators, bad names refused."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import PermissionDenied
from mutualaid_desktop.services.papers.print_settings import (
    PRINTER_KEY,
    WITHOUT_DIALOG_KEY,
    PrintSettings,
    get_print_settings,
    set_print_settings,
)
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import AuditRecord
from mutualaid_desktop.store.repositories import SettingRepository


def user(role: str) -> UserInfo:
    return UserInfo(id=None, username=f"{role}1", display_name="张三", role=role)


def stored(db) -> dict:
    with UnitOfWork(db, read_only=True) as uow:
        settings = SettingRepository(uow.session)
        return {key: settings.get(key) for key in (WITHOUT_DIALOG_KEY, PRINTER_KEY)}


def audits(db):
    with UnitOfWork(db, read_only=True) as uow:
        return list(uow.session.scalars(select(AuditRecord).where(AuditRecord.action == "settings.printing")))


def test_the_default_is_the_print_dialog(db):
    assert get_print_settings(db) == PrintSettings(without_dialog=False, printer="")
    assert stored(db) == {WITHOUT_DIALOG_KEY: None, PRINTER_KEY: None}


@pytest.mark.parametrize("role", ["supervisor", "admin"])
def test_saved_read_back_and_audited(db, role):
    kept = set_print_settings(db, user(role), PrintSettings(without_dialog=True, printer="  Counter-Laser  "))
    assert kept == PrintSettings(True, "Counter-Laser")
    assert get_print_settings(db) == kept
    assert stored(db) == {WITHOUT_DIALOG_KEY: "1", PRINTER_KEY: "Counter-Laser"}
    record = audits(db)[-1]
    assert record.username == f"{role}1"
    assert json.loads(record.before_json) == {"without_dialog": False, "printer": ""}
    assert json.loads(record.after_json) == {"without_dialog": True, "printer": "Counter-Laser"}
    # back to the dialog and the default printer
    assert set_print_settings(db, user(role), PrintSettings()) == PrintSettings()
    assert stored(db) == {WITHOUT_DIALOG_KEY: "0", PRINTER_KEY: ""}
    assert len(audits(db)) == 2


@pytest.mark.parametrize("role", ["clerk", "reviewer"])
def test_clerks_and_reviewers_may_not_change_it(db, role):
    with pytest.raises(PermissionDenied, match="主管或管理员"):
        set_print_settings(db, user(role), PrintSettings(without_dialog=True))
    assert get_print_settings(db) == PrintSettings()
    assert audits(db) == []


@pytest.mark.parametrize(
    "name, message", [("P" * 128, "最多 127 个字"), ("bad\nname", "控制字符"), ("bad\u202ename", r"U\+202E")]
)
def test_a_bad_printer_name_is_refused(db, name, message):
    set_print_settings(db, user("admin"), PrintSettings(True, "Before"))
    with pytest.raises(InputError, match=message):
        set_print_settings(db, user("admin"), PrintSettings(True, name))
    assert get_print_settings(db) == PrintSettings(True, "Before")
    assert len(audits(db)) == 1


def test_odd_stored_values_read_as_the_dialog(db):
    with UnitOfWork(db) as uow:
        SettingRepository(uow.session).put(WITHOUT_DIALOG_KEY, "yes")
        uow.commit()
    assert get_print_settings(db).without_dialog is False
