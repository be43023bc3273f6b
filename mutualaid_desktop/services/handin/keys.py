"""The hand-in keys: a county counter's own key pair (made at first use) and the counties' public keys
registered at the city (once per county; replacing one is an explicit act with a reason; both audited).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mutualaid_desktop import paths
from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.handin import signing
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.reasons import written_reason
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.handin_models import HandinKey
from mutualaid_desktop.store.handin_queries import HandinQueries


@dataclass(frozen=True)
class OwnKey:
    """This counter's key for `county`: the public key file to hand to the city, where the private key is, and
    whether it was made just now."""

    public: signing.PublicKeyFile
    private_path: Path
    made: bool

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint


@dataclass(frozen=True)
class RegisteredKey:
    county_code: str
    county_name: str
    fingerprint: str
    registered_at: datetime  # local time
    registered_by: str
    replaced_at: datetime | None = None
    replace_reason: str | None = None
    changed: bool = True  # False: the same key was registered already


def counter_county(hq: HandinQueries, county: str | None) -> tuple[str, str]:
    """(code, name) of the county this counter hands in for: `county` when given (a county of the tree), else
    the tree's only county."""
    counties = hq.counties()
    if county is not None:
        found = next((c for c in counties if c.code == county), None)
        if found is None:
            raise NotFound(f"本数据库的单位树中没有代码为「{county}」的县区工会。")
        return found.code, found.name
    if len(counties) == 1:
        return counties[0].code, counties[0].name
    if not counties:
        raise ServiceError("本数据库的单位树中还没有县区工会：请先在 设置 → 单位 中建立本县区。")
    codes = "、".join(c.code for c in counties)
    raise ServiceError(f"本数据库有多个县区（{codes}），请指定本柜台交账的县区（--county 代码）。")


def own_key(db: Database, user: UserInfo, county: str | None = None, *, folder: Path | None = None) -> OwnKey:
    """This county counter's signing key, made (and its private half written owner-only to the data folder) at
    first use. The private key never goes into the database or a file handed in."""
    require(user, "export_handin")
    with UnitOfWork(db, read_only=True) as uow:
        code, name = counter_county(HandinQueries(uow.session), county)
    where = folder or paths.handin_key_folder()
    key, made = signing.load_or_make(where, code)
    return OwnKey(signing.public_file_of(key, code, name), signing.key_file(where, code), made)


def _info(k: HandinKey, name: str, changed: bool = True) -> RegisteredKey:
    return RegisteredKey(
        county_code=k.county_code,
        county_name=name,
        fingerprint=k.fingerprint,
        registered_at=clock.local_time(k.registered_at),
        registered_by=k.registered_by,
        replaced_at=clock.local_time(k.replaced_at) if k.replaced_at else None,
        replace_reason=k.replace_reason,
        changed=changed,
    )


def register_key(
    db: Database, user: UserInfo, county: str, data: bytes, where: str, *, replace_reason: str | None = None
) -> RegisteredKey:
    """Register `county`'s public key (the text of its key file, read from `where`) at the city. The same key
    again changes nothing; another key replaces the one in force only with `replace_reason` (kept, audited)."""
    require(user, "register_handin_key")
    found = signing.parse_public_file(data, where)
    if found.county_code != county:
        raise ServiceError(f"{where} 是县区「{found.county_code}」的公钥，不是「{county}」的：请核对文件和县区代码。")
    with UnitOfWork(db, user=user) as uow:
        hq = HandinQueries(uow.session)
        node = hq.county(county)
        if node is None:
            raise NotFound(f"单位树中没有代码为「{county}」的县区工会：请先在 设置 → 单位 中建立该县区。")
        old = hq.key_in_force(county)
        if old is not None and old.public_key == found.key_b64:
            return _info(old, node.name, changed=False)
        why = None
        if old is not None:
            why = written_reason(
                replace_reason,
                "更换公钥的原因",
                missing=f"{node.name}已登记公钥（指纹 {old.fingerprint}）。更换公钥须说明原因（--replace-reason）。",
            )
            old.replaced_at, old.replaced_by, old.replace_reason = clock.utcnow(), user.username, why
            uow.session.flush()
        key = HandinKey(
            county_code=county,
            public_key=found.key_b64,
            fingerprint=found.fingerprint,
            registered_at=clock.utcnow(),
            registered_by=user.username,
        )
        hq.add(key)
        uow.audit(
            "handin.key.replace" if old is not None else "handin.key.register",
            "handin_key",
            key.id,
            before={"fingerprint": old.fingerprint} if old is not None else None,
            after={"county": county, "fingerprint": key.fingerprint, "reason": why},
        )
        uow.commit()
        return _info(key, node.name)


def registered_keys(db: Database) -> list[RegisteredKey]:
    """Every key registered at the city, replaced ones too (by county, oldest first)."""
    with UnitOfWork(db, read_only=True) as uow:
        hq = HandinQueries(uow.session)
        names = {c.code: c.name for c in hq.counties()}
        return [_info(k, names.get(k.county_code, k.county_code)) for k in hq.all_keys()]
