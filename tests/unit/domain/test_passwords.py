import base64

import pytest

from mutualaid_desktop.domain.passwords import hash_password, password_problem, verify_password


@pytest.fixture(scope="module")
def encoded() -> str:
    return hash_password("柜台密码123")


def test_format(encoded):
    scheme, n, r, p, salt, digest = encoded.split("$")
    assert (scheme, n, r, p) == ("scrypt", "16384", "8", "1")
    assert len(base64.b64decode(salt)) == 16
    assert len(base64.b64decode(digest)) >= 16


def test_verify(encoded):
    assert verify_password("柜台密码123", encoded)
    assert not verify_password("柜台密码124", encoded)
    assert not verify_password("", encoded)


def test_salt_is_random():
    first, second = hash_password("same-password"), hash_password("same-password")
    assert first != second
    assert first.split("$")[4] != second.split("$")[4]
    assert verify_password("same-password", first) and verify_password("same-password", second)


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "garbage",
        "bcrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA",
        "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==",
        "scrypt$x$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA",
        "scrypt$16384$8$1$not base64$AAAA",
        "scrypt$3$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA",  # n not a power of two
        "scrypt$1073741824$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA",  # would need gigabytes
        "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$",
    ],
)
def test_malformed_hash_does_not_verify(bad):
    assert verify_password("anything", bad) is False


def test_tampered_hash_does_not_verify(encoded):
    head, digest = encoded.rsplit("$", 1)
    raw = bytearray(base64.b64decode(digest))
    raw[0] ^= 1
    assert not verify_password("柜台密码123", head + "$" + base64.b64encode(bytes(raw)).decode())


@pytest.mark.parametrize(("password", "ok"), [("", False), ("12345", False), ("123456", True), ("六个汉字密码", True)])
def test_password_problem(password, ok):
    problem = password_problem(password)
    if ok:
        assert problem is None
    else:
        assert problem is not None and "6" in problem
