"""Ed25519 keys for the hand-in files: the private key file of a county counter, the public key text file, the
fingerprint read over the phone. Pure functions over bytes and files; the database side is in keys.py.

The private key is kept in the user's data folder (paths.handin_key_folder), PKCS#8 PEM, owner-only (0600,
written through safe_files), one file per county code. It never goes into the database or a hand-in file.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from mutualaid_desktop import safe_files
from mutualaid_desktop.services.errors import ServiceError

PUBLIC_HEADER = "mutualaid-handin-public-key 1"
PUBLIC_FILE_LIMIT = 4096  # a public key file is a few lines
_CODE = re.compile(r"^[0-9A-Za-z_-]{1,32}$")


def fingerprint(raw: bytes) -> str:
    """The SHA-256 of the raw 32-byte public key, its first 16 bytes as 8 groups of 4 hex digits (read by phone)."""
    digest = hashlib.sha256(raw).hexdigest().upper()[:32]
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_file(folder: Path, county: str) -> Path:
    if not _CODE.match(county):
        raise ServiceError(f"县区代码「{county}」不能用作密钥文件名。")
    return folder / f"county-{county}.ed25519.pem"


def load_or_make(folder: Path, county: str) -> tuple[Ed25519PrivateKey, bool]:
    """The county's private key from `folder`, made (and written owner-only) when there is none; (key, made)."""
    path = key_file(folder, county)
    if path.exists():
        return load_private(path), False
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    safe_files.make_private_folder(folder)
    # written whole under a name of its own, then linked to the key's name only if there is none yet: two
    # counters making the key at once end up with one key, the first one linked
    draft = safe_files.write_bytes(safe_files.temporary_name(path).with_suffix(".new"), pem)
    try:
        if os.name == "posix":
            os.chmod(draft, safe_files.FILE_MODE)
        os.link(draft, path)
    except FileExistsError:
        return load_private(path), False
    finally:
        draft.unlink(missing_ok=True)
    return key, True


def load_private(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise ServiceError(
            f"交账密钥文件 {path} 读不出来（{type(exc).__name__}）：请联系管理员，不要自行删除。"
        ) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ServiceError(f"交账密钥文件 {path} 不是 Ed25519 密钥：请联系管理员。")
    return key


def sign(key: Ed25519PrivateKey, message: bytes) -> str:
    return base64.b64encode(key.sign(message)).decode("ascii")


def verifies(raw: bytes, message: bytes, signature_b64: str) -> bool:
    """Does `signature_b64` (base64) sign `message` under the raw public key `raw`?"""
    try:
        signature = base64.b64decode(signature_b64, validate=True)
        Ed25519PublicKey.from_public_bytes(raw).verify(signature, message)
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return True


@dataclass(frozen=True)
class PublicKeyFile:
    """A county's public key as handed to the city: the county, the raw key (base64) and its fingerprint."""

    county_code: str
    county_name: str
    key_b64: str

    @property
    def raw(self) -> bytes:
        return base64.b64decode(self.key_b64)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.raw)

    def text(self) -> str:
        return (
            f"{PUBLIC_HEADER}\ncounty: {self.county_code}\ncounty_name: {self.county_name}\n"
            f"key: {self.key_b64}\nfingerprint: {self.fingerprint}\n"
        )


def public_file_of(key: Ed25519PrivateKey, county: str, county_name: str) -> PublicKeyFile:
    return PublicKeyFile(county, county_name, base64.b64encode(raw_public(key.public_key())).decode("ascii"))


def parse_public_file(data: bytes, where: str) -> PublicKeyFile:
    """A public key file read back; ServiceError saying what is wrong with it."""
    if len(data) > PUBLIC_FILE_LIMIT:
        raise ServiceError(f"{where} 太大，不是交账公钥文件（公钥文件只有几行）。")
    try:
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise ServiceError(f"{where} 不是交账公钥文件（不是 UTF-8 文本）。") from None
    if not lines or lines[0].strip() != PUBLIC_HEADER:
        raise ServiceError(
            f"{where} 不是交账公钥文件：第一行应是「{PUBLIC_HEADER}」。请用县区柜台的 handin key show --out 导出。"
        )
    fields = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    code, key_b64 = fields.get("county", ""), fields.get("key", "")
    if not _CODE.match(code):
        raise ServiceError(f"{where} 中的县区代码缺失或不对。")
    try:
        raw = base64.b64decode(key_b64, validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise ServiceError(f"{where} 中的公钥不对（应是 32 字节的 Ed25519 公钥，base64 编码）。")
    found = PublicKeyFile(code, fields.get("county_name", ""), key_b64)
    if "fingerprint" in fields and fields["fingerprint"] != found.fingerprint:
        raise ServiceError(f"{where} 中写的指纹与公钥不符，文件可能被改动过：请向县区重新要一份。")
    return found
