"""The hand-in file (交账文件): one UTF-8 JSON object in canonical form (keys sorted, no spaces, no newline):

    {"files": {"closing.json": "...", "tallies.json": "...", "units.json": "..."},
     "format": "mutualaid-handin", "manifest": {...}, "signature": "<base64 Ed25519 over the manifest>"}

The manifest names the county, the month, the sequence and version, when and by which program it was written,
the signing key's fingerprint, and for each data file its SHA-256 (of its UTF-8 text) and row count; the
signature covers the manifest's canonical bytes, so it covers every data file through their hashes. A file is
read back only when its bytes are exactly the canonical form of what they hold: one byte changed anywhere is
refused, never read as something equivalent. Limits: MAX_FILE_BYTES, and what json can nest.

Why one JSON and not a ZIP: the data are small (a county's units and per-unit sums), and a single text leaves
no member paths, no compression ratios and no duplicate member names to defend against. Pure Python besides
the signature (signing.py).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime

from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.handin import signing

FILE_FORMAT = "mutualaid-handin"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 32 * 1024 * 1024
DATA_FILES = ("closing.json", "tallies.json", "units.json")
_CODE = re.compile(r"^[0-9A-Za-z_-]{1,32}$")
_SHA = re.compile(r"^[0-9a-f]{64}$")
MANIFEST_KEYS = {
    "format_version", "county_code", "county_name", "year", "month", "sequence", "version", "created_at",
    "program_version", "key_fingerprint", "files",
}  # fmt: skip


class BadFile(ServiceError):
    """The file is not a hand-in file this program can read (its message says what is wrong)."""


def canonical(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Manifest:
    county_code: str
    county_name: str
    year: int
    month: int
    sequence: int
    version: int
    created_at: str  # UTC, ISO 8601 with Z
    program_version: str
    key_fingerprint: str
    files: dict[str, tuple[str, int]]  # name -> (sha256, rows)

    def to_json(self) -> dict:
        return {
            "format_version": FORMAT_VERSION,
            "county_code": self.county_code,
            "county_name": self.county_name,
            "year": self.year,
            "month": self.month,
            "sequence": self.sequence,
            "version": self.version,
            "created_at": self.created_at,
            "program_version": self.program_version,
            "key_fingerprint": self.key_fingerprint,
            "files": [{"name": n, "sha256": h, "rows": r} for n, (h, r) in sorted(self.files.items())],
        }

    @property
    def created(self) -> datetime:
        return datetime.fromisoformat(self.created_at.removesuffix("Z"))

    @property
    def label(self) -> str:
        return f"{self.county_name}（{self.county_code}）{self.year}年{self.month}月 第 {self.version} 版（序号 {self.sequence}）"


@dataclass(frozen=True)
class HandinFileData:
    """A file read back: its manifest, the signed bytes, the signature and the data files' texts (not yet checked
    against the signature: the importer does that with the county's registered key)."""

    manifest: Manifest
    signed: bytes
    signature: str
    files: dict[str, str]
    sha256: str

    def signed_by(self, raw_public_key: bytes) -> bool:
        return signing.verifies(raw_public_key, self.signed, self.signature)


def rows_of(name: str, value) -> int:
    return len(value) if isinstance(value, list) else 1


def build(manifest: Manifest, files: dict[str, str], key) -> bytes:
    """The file's bytes: `files` (name -> JSON text) and the manifest signed with `key`."""
    signed = canonical(manifest.to_json())
    return canonical(
        {"format": FILE_FORMAT, "manifest": manifest.to_json(), "signature": signing.sign(key, signed), "files": files}
    )


def _no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise BadFile("文件中有重复的字段名，不是本程序写的交账文件。")
    return dict(pairs)


def parse_json(data: bytes, what: str):
    """JSON that is exactly in canonical form; BadFile otherwise."""
    try:
        obj = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicates)
    except UnicodeDecodeError:
        raise BadFile(f"{what}不是 UTF-8 文本，不是交账文件。") from None
    except RecursionError:
        raise BadFile(f"{what}嵌套过深，不是交账文件。") from None
    except ValueError as exc:
        if isinstance(exc, BadFile):
            raise
        raise BadFile(f"{what}不是完整的 JSON（{exc.args[0][:80]}），可能没有传完或被改动过。") from None
    if canonical(obj) != data:
        raise BadFile(f"{what}与本程序写出的格式不一致（多了空格、换行或字段顺序不同），可能被改动过。")
    return obj


def _int(value, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BadFile(f"清单中的{what}不对：应是 {low}—{high} 之间的整数。")
    return value


def _text(value, limit: int, what: str) -> str:
    if not isinstance(value, str) or not value or len(value) > limit:
        raise BadFile(f"清单中的{what}缺失或过长。")
    return value


def _manifest(m) -> Manifest:
    if not isinstance(m, dict) or set(m) != MANIFEST_KEYS:
        raise BadFile("文件的清单（manifest）字段不全或有多余字段。")
    if m["format_version"] != FORMAT_VERSION:
        raise BadFile(f"交账文件格式第 {m['format_version']} 版，本程序只读第 {FORMAT_VERSION} 版：请升级程序。")
    code = _text(m["county_code"], 32, "县区代码")
    if not _CODE.match(code):
        raise BadFile("清单中的县区代码不对。")
    created = _text(m["created_at"], 40, "生成时间")
    try:
        datetime.fromisoformat(created.removesuffix("Z"))
    except ValueError:
        raise BadFile("清单中的生成时间不对。") from None
    files = m["files"]
    if not isinstance(files, list) or len(files) != len(DATA_FILES):
        raise BadFile("清单中的数据文件列表不对。")
    listed: dict[str, tuple[str, int]] = {}
    for f in files:
        if not isinstance(f, dict) or set(f) != {"name", "sha256", "rows"} or f["name"] not in DATA_FILES:
            raise BadFile("清单中的数据文件列表不对。")
        if not isinstance(f["sha256"], str) or not _SHA.match(f["sha256"]):
            raise BadFile(f"清单中 {f['name']} 的 SHA-256 不对。")
        listed[f["name"]] = (f["sha256"], _int(f["rows"], 0, 10_000_000, f"{f['name']} 的行数"))
    if set(listed) != set(DATA_FILES):
        raise BadFile("清单中的数据文件列表不对。")
    return Manifest(
        county_code=code,
        county_name=_text(m["county_name"], 128, "县区名称"),
        year=_int(m["year"], 2000, 2100, "年份"),
        month=_int(m["month"], 1, 12, "月份"),
        sequence=_int(m["sequence"], 1, 999_999_999, "序号"),
        version=_int(m["version"], 1, 999_999, "版本"),
        created_at=created,
        program_version=_text(m["program_version"], 32, "程序版本"),
        key_fingerprint=_text(m["key_fingerprint"], 64, "密钥指纹"),
        files=listed,
    )


def parse(data: bytes) -> HandinFileData:
    """The file's structure read back (nothing trusted yet): BadFile with the reason when it is not one."""
    if len(data) > MAX_FILE_BYTES:
        raise BadFile(
            f"文件有 {len(data) / 1048576:.1f} MB，超过交账文件的上限 {MAX_FILE_BYTES // 1048576} MB，不是交账文件。"
        )
    obj = parse_json(data, "文件")
    if not isinstance(obj, dict) or obj.get("format") != FILE_FORMAT:
        raise BadFile("这不是交账文件（没有 mutualaid-handin 标记）。")
    if set(obj) != {"format", "manifest", "signature", "files"}:
        raise BadFile("交账文件的字段不全或有多余字段。")
    manifest = _manifest(obj["manifest"])
    files = obj["files"]
    if (
        not isinstance(files, dict)
        or set(files) != set(DATA_FILES)
        or not all(isinstance(v, str) for v in files.values())
    ):
        raise BadFile("交账文件中的数据文件不全。")
    if not isinstance(obj["signature"], str) or len(obj["signature"]) > 200:
        raise BadFile("交账文件没有签名。")
    return HandinFileData(manifest, canonical(obj["manifest"]), obj["signature"], files, sha256(data))


def checked_files(parsed: HandinFileData) -> dict[str, object]:
    """The data files' contents, each checked against the manifest's SHA-256 and row count (call after the
    signature is checked: then the manifest is the county's)."""
    out: dict[str, object] = {}
    for name in DATA_FILES:
        text = parsed.files[name].encode("utf-8")
        digest, rows = parsed.manifest.files[name]
        if sha256(text) != digest:
            raise BadFile(f"{name} 与清单中的 SHA-256 不符：文件被改动过。")
        value = parse_json(text, name)
        if rows_of(name, value) != rows:
            raise BadFile(f"{name} 的行数与清单不符：文件被改动过。")
        out[name] = value
    return out
