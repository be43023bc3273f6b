"""Password hashing for the counter's users: scrypt, salted, in one self-describing string."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets

N, R, P = 2**14, 8, 1
SALT_BYTES = 16
HASH_BYTES = 32
MIN_LENGTH = 6
_MAX_MEMORY = 2**26  # refuse stored parameters that would need more than 64 MiB (or minutes)


def hash_password(password: str) -> str:
    """'scrypt$n$r$p$salt_b64$hash_b64' with a fresh 16-byte random salt."""
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(password, salt, N, R, P, HASH_BYTES)
    return "$".join(("scrypt", str(N), str(R), str(P), _b64(salt), _b64(digest)))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# What a name that is not an account is checked against: the same cost as a real hash (N, R, P),
# matching no password, so that an unknown user and a wrong password take the same time.
DUMMY_HASH = "$".join(("scrypt", str(N), str(R), str(P), _b64(bytes(SALT_BYTES)), _b64(bytes(HASH_BYTES))))


def verify_password(password: str, encoded: str) -> bool:
    """True when `password` matches `encoded`; False also for a malformed `encoded`."""
    try:
        scheme, *costs, salt_b64, hash_b64 = encoded.split("$")
        n, r, p = (int(cost) for cost in costs)
        salt = base64.b64decode(salt_b64, validate=True)
        expected = base64.b64decode(hash_b64, validate=True)
    except (AttributeError, ValueError, binascii.Error):
        return False
    if scheme != "scrypt" or not expected or n < 2 or r < 1 or not 0 < p <= 16 or 128 * n * r > _MAX_MEMORY:
        return False
    try:
        actual = _scrypt(password, salt, n, r, p, len(expected))
    except ValueError:  # parameters OpenSSL refuses (n not a power of two...)
        return False
    return hmac.compare_digest(actual, expected)


def password_problem(password: str) -> str | None:
    """What is wrong with a new password, in Chinese, or None when it may be used."""
    if len(password) < MIN_LENGTH:
        return f"密码至少需要{MIN_LENGTH}个字符，请重新输入"
    return None


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=2 * _MAX_MEMORY, dklen=length)
