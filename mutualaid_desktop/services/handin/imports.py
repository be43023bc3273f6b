"""Import a county's hand-in file at the city. Everything is checked before anything is written:

1. the file: its size (file_format.MAX_FILE_BYTES), that it is exactly a hand-in file's canonical JSON;
2. the county named in the manifest: a county of the city's tree with a public key registered (in force), the
   manifest's key fingerprint that key's, the signature good under it;
3. the data files: each one's SHA-256 and row count as the manifest says, their content as this program writes;
4. the numbers: the same file again changes nothing (ImportResult.state "unchanged"); a sequence number
   already used by another file, a version not newer than the month's file in force, or a newer version with
   a smaller sequence than that file's, is refused (out of order).
Then, in one transaction, the file (its bytes and data) is added and the month's older file, if any, is marked
superseded (kept, never deleted). A sequence number skipped is shown as a gap (ImportResult.gaps, and
status.py), not refused: the missing file may still come.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path

from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.handin import file_format
from mutualaid_desktop.services.handin.file_format import BadFile, HandinFileData
from mutualaid_desktop.services.handin.tallies import check_data
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.handin_models import HandinFile
from mutualaid_desktop.store.handin_queries import HandinQueries


@dataclass(frozen=True)
class ImportResult:
    """What an import did, to show: `state` imported / replaced / unchanged, the file's numbers, the version it
    replaced, and the gaps in the county's sequence after it."""

    state: str
    county_code: str
    county_name: str
    year: int
    month: int
    sequence: int
    version: int
    replaced_version: int | None
    gaps: tuple[int, ...]
    superseded_by: int | None = None  # unchanged: the file was imported before and a newer version replaced it

    @property
    def message(self) -> str:
        text = f"{self.county_name}（{self.county_code}）{self.year}年{self.month}月 第 {self.version} 版（序号 {self.sequence}）"
        if self.state == "unchanged":
            newer = f"（已被第 {self.superseded_by} 版替换）" if self.superseded_by else ""
            return f"{text}已导入过{newer}，没有改动。"
        said = (
            f"已导入{text}"
            + (f"，替换第 {self.replaced_version} 版（旧版本保留）" if self.replaced_version else "")
            + "。"
        )
        if self.gaps:
            said += f"注意：该县区的交账序号缺 {'、'.join(map(str, self.gaps))}，请向县区核对是否有文件没有交来。"
        return said


def read_file(path: str | Path) -> bytes:
    """The file's bytes, refused without reading more than the size limit."""
    try:
        with open(path, "rb") as f:
            data = f.read(file_format.MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ServiceError(f"找不到文件 {path}。") from None
    except IsADirectoryError:
        raise ServiceError(f"{path} 是文件夹，不是交账文件。") from None
    except OSError as exc:
        raise ServiceError(f"读不了文件 {path}：{exc.strerror or exc}。") from None
    if len(data) > file_format.MAX_FILE_BYTES:
        raise BadFile(f"{path} 超过交账文件的上限 {file_format.MAX_FILE_BYTES // 1048576} MB，不是交账文件。")
    return data


def gaps_of(sequences: set[int]) -> tuple[int, ...]:
    return tuple(n for n in range(1, max(sequences, default=0) + 1) if n not in sequences)


def _checked(hq: HandinQueries, parsed: HandinFileData):
    """The registered key of the county, the data read; ServiceError with the reason when anything is wrong."""
    m = parsed.manifest
    if hq.county(m.county_code) is None:
        raise ServiceError(
            f"文件来自县区「{m.county_name}（{m.county_code}）」，本市的单位树中没有这个县区：不能导入。"
        )
    key = hq.key_in_force(m.county_code)
    if key is None:
        raise ServiceError(
            f"{m.county_name}（{m.county_code}）的交账公钥还没有登记：请先用 handin key add --county "
            f"{m.county_code} 登记县区交来的公钥（电话核对指纹），再导入。"
        )
    if m.key_fingerprint != key.fingerprint:
        raise ServiceError(
            f"文件用指纹为 {m.key_fingerprint} 的密钥签名，而{m.county_name}登记的公钥指纹是 {key.fingerprint}："
            "不能导入。若县区换了密钥，请先登记新公钥。"
        )
    if not parsed.signed_by(base64.b64decode(key.public_key)):
        raise ServiceError(f"文件的签名与{m.county_name}登记的公钥不符：文件被改动过，或不是该县区签发的。不能导入。")
    data = file_format.checked_files(parsed)
    check_data(data["units.json"], data["tallies.json"])
    return key, data


def _order(hq: HandinQueries, parsed: HandinFileData) -> HandinFile | None:
    """The month's file in force that this one replaces (None: the month's first); refused when out of order."""
    m = parsed.manifest
    used = hq.file_by_sequence(m.county_code, m.sequence)
    if used is not None:
        raise ServiceError(
            f"{m.county_name}的交账序号 {m.sequence} 已用于 {used.year}年{used.month}月 第 {used.version} 版，"
            "这个文件与已导入的不同：不能导入，请向县区核对。"
        )
    live = hq.file_in_force(m.county_code, m.year, m.month)
    if live is not None and m.version <= live.version:
        raise ServiceError(
            f"已导入{m.county_name}{m.year}年{m.month}月 第 {live.version} 版，这个文件是第 {m.version} 版（旧版本）：不能导入。"
        )
    if live is not None and m.sequence < live.sequence:
        raise ServiceError(
            f"这个文件（序号 {m.sequence}）比已导入的{m.year}年{m.month}月 第 {live.version} 版（序号 {live.sequence}）"
            "早写出，却标着更新的版本：顺序不对，不能导入，请向县区核对。"
        )
    return live


def import_bytes(db: Database, user: UserInfo, data: bytes) -> ImportResult:
    """Import a hand-in file's bytes (a supervisor at the city). Refused with the reason, nothing written, when
    the file is not good; the same file twice changes nothing."""
    require(user, "import_handin")
    parsed = file_format.parse(data)
    m = parsed.manifest
    with UnitOfWork(db, user=user) as uow:
        hq = HandinQueries(uow.session)
        key, files = _checked(hq, parsed)
        same = hq.file_by_hash(parsed.sha256)
        if same is not None:
            gaps = gaps_of({f.sequence for f in hq.files(m.county_code)})
            live = hq.file_in_force(m.county_code, m.year, m.month)
            newer = live.version if live is not None and live.id != same.id else None
            return ImportResult(
                "unchanged", m.county_code, m.county_name, m.year, m.month, m.sequence, m.version, None, gaps, newer
            )
        live = _order(hq, parsed)
        now = clock.utcnow()
        if live is not None:
            live.superseded_at = now
            uow.session.flush()  # the month's one file in force is the new one from here on
        row = HandinFile(
            county_code=m.county_code,
            county_name=m.county_name,
            year=m.year,
            month=m.month,
            sequence=m.sequence,
            version=m.version,
            created_at=m.created,
            key_id=key.id,
            file_sha256=parsed.sha256,
            content=data,
            data_json=json.dumps({"units": files["units.json"], "tallies": files["tallies.json"]}, ensure_ascii=False),
            imported_at=now,
            imported_by=user.username,
        )
        hq.add(row)
        if live is not None:
            live.superseded_by_id = row.id
        gaps = gaps_of({f.sequence for f in hq.files(m.county_code)})
        uow.audit(
            "handin.import",
            "handin_file",
            row.id,
            before={"version": live.version, "sequence": live.sequence} if live is not None else None,
            after={"county": m.county_code, "month": f"{m.year}-{m.month:02d}", "version": m.version,
                   "sequence": m.sequence, "sha256": parsed.sha256, "gaps": list(gaps)},
        )  # fmt: skip
        uow.commit()
        state = "replaced" if live is not None else "imported"
        return ImportResult(
            state, m.county_code, m.county_name, m.year, m.month, m.sequence, m.version,
            live.version if live is not None else None, gaps,
        )  # fmt: skip


def import_file(db: Database, user: UserInfo, path: str | Path) -> ImportResult:
    """import_bytes of the file at `path` (read up to the size limit)."""
    require(user, "import_handin")
    return import_bytes(db, user, read_file(path))
