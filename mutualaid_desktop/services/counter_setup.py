"""Setting a new counter database up: the organisation's name and the first administrator."""

from __future__ import annotations

from mutualaid_desktop.services.dashboard import ORG_NAME_KEY
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.repositories import SettingRepository


def set_org_name(db: Database, name: str, *, username: str | None = None) -> None:
    name = name.strip()
    with UnitOfWork(db, username=username) as uow:
        settings = SettingRepository(uow.session)
        before = settings.get(ORG_NAME_KEY)
        settings.put(ORG_NAME_KEY, name)
        uow.audit("settings.org_name", "setting", ORG_NAME_KEY, before={"value": before}, after={"value": name})
        uow.commit()
