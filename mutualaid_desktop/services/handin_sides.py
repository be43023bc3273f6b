"""Which side of the hand-in (交账文件, services/handin/) this database is on, for the 统计 → 交账 screen.

- **a county counter** (exports its closed months): the union tree has exactly one county (the county
  keys.counter_county takes without being told), or the database has exported a hand-in before (the county of
  its latest export: a counter that handed in keeps handing in for that county);
- **the city** (registers the counties' keys, imports their files, shows 交账情况): the tree has more than one
  county, or a key is registered or a file imported here.
Both can hold (a city that also exports for one county); a database with no county at all is neither.
The screen shows only the parts of the side(s) that apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mutualaid_desktop import paths, safe_files
from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.handin import signing
from mutualaid_desktop.services.handin.keys import own_key
from mutualaid_desktop.services.handin.status import CountyHandin, status_in
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.closing_queries import ClosingQueries
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.handin_queries import HandinQueries


@dataclass(frozen=True)
class ExportDone:
    """A hand-in file this counter wrote."""

    year: int
    month: int
    sequence: int
    version: int
    created_at: datetime  # local time
    created_by: str


@dataclass(frozen=True)
class HandinSides:
    county: tuple[str, str] | None  # (code, name) this counter hands in for; None: not a county counter
    city: bool  # registers keys and imports files
    counties: tuple[tuple[str, str], ...]  # the tree's counties (code, name), by code
    closed_months: tuple[tuple[int, int], ...]  # the months closed and in force, newest first
    exports: tuple[ExportDone, ...]  # this counter's hand-ins, newest first
    status: tuple[CountyHandin, ...]  # the city's 交账情况 (empty when not the city)

    def exported(self, year: int, month: int) -> ExportDone | None:
        """The latest file written for the month, if any."""
        return next((e for e in self.exports if (e.year, e.month) == (year, month)), None)


def handin_sides(db: Database, user: UserInfo) -> HandinSides:
    """What the 交账 screen shows for this database (anyone who may see the statistics)."""
    require(user, "see_statistics")
    with UnitOfWork(db, read_only=True) as uow:
        hq = HandinQueries(uow.session)
        counties = tuple((c.code, c.name) for c in hq.counties())
        names = dict(counties)
        rows = hq.exports()
        exports = tuple(
            ExportDone(e.year, e.month, e.sequence, e.version, clock.local_time(e.created_at), e.created_by)
            for e in reversed(rows)
        )
        county: tuple[str, str] | None = None
        if rows:
            code = rows[-1].county_code
            county = (code, names.get(code, code))
        elif len(counties) == 1:
            county = counties[0]
        city = len(counties) > 1 or bool(hq.handing_counties())
        closed = tuple((c.year, c.month) for c in reversed(ClosingQueries(uow.session).live_closings()))
        return HandinSides(
            county=county,
            city=city,
            counties=counties,
            closed_months=closed if county is not None else (),
            exports=exports,
            status=tuple(status_in(hq)) if city else (),
        )


def key_fingerprint(db: Database, user: UserInfo, county: str, *, folder: Path | None = None) -> str | None:
    """The fingerprint of this counter's key for `county`, or None while it has none (looking never makes one:
    the key is made when its public key or the first hand-in file is exported)."""
    if not signing.key_file(folder or paths.handin_key_folder(), county).exists():
        return None
    return own_key(db, user, county, folder=folder).fingerprint


def save_public_key(db: Database, user: UserInfo, county: str, target: str | Path) -> signing.PublicKeyFile:
    """Write this counter's public key file for `county` to `target` (the key made at first use), to hand to the
    city; the private key stays where it is."""
    key = own_key(db, user, county)
    safe_files.write_bytes(target, key.public.text().encode("utf-8"))
    return key.public


def read_key_file(path: str | Path) -> signing.PublicKeyFile:
    """A county's public key file read for registering (signing.parse_public_file says what is wrong with it)."""
    where = Path(path).name
    try:
        with open(path, "rb") as f:
            data = f.read(signing.PUBLIC_FILE_LIMIT + 1)
    except OSError as exc:
        raise ServiceError(f"读不到公钥文件 {where}：{exc.strerror or exc}。请检查文件。") from None
    return signing.parse_public_file(data, where)
