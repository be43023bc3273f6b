"""What the city refuses, with nothing written: a file with any byte changed, a county unknown or without a
registered key, a file signed by another key, hostile files (too big, not JSON, a ZIP, nested too deep,
duplicate names); and the keys: owner-only, never in the database or the file, registered once, replaced only
with a reason."""

from __future__ import annotations

import base64
import os
import random
import sqlite3
import stat

import pytest

from mutualaid_desktop.services.admin.user_identity import cli_user
from mutualaid_desktop.services.errors import PermissionDenied, ServiceError
from mutualaid_desktop.services.handin import file_format, signing
from mutualaid_desktop.services.handin.export import export_month
from mutualaid_desktop.services.handin.file_format import BadFile
from mutualaid_desktop.services.handin.imports import import_bytes, import_file
from mutualaid_desktop.services.handin.keys import own_key, register_key, registered_keys
from mutualaid_desktop.services.handin.tallies import check_data
from mutualaid_desktop.services.session import open_counter_database

from .handin_demo import TODAY, copy, county_codes, make_city, make_county, users_of

TABLES = ("handin_files", "handin_keys", "audit_log")


@pytest.fixture(scope="module")
def handed(tmp_path_factory):
    """A county's October file, its key folder and public key file, and a city database (no key registered)."""
    folder = tmp_path_factory.mktemp("handed")
    county_path = make_county(folder / "county.sqlite3")
    code = county_codes(county_path)[2]
    db = open_counter_database(county_path)
    from mutualaid_desktop.domain import clock as program_clock

    with program_clock.fixed(TODAY):
        key = own_key(db, cli_user(), code, folder=folder / "keys")
        export_month(db, cli_user(), 2026, 10, folder / "oct.json", code, key_folder=folder / "keys")
    db.dispose()
    return {
        "code": code,
        "file": folder / "oct.json",
        "public": key.public.text().encode("utf-8"),
        "key_path": key.private_path,
        "county_path": county_path,
        "city": make_city(folder / "city.sqlite3"),
    }


@pytest.fixture
def city(handed, tmp_path, clock):
    clock.set(TODAY)
    path = copy(handed["city"], tmp_path / "city.sqlite3")
    db = open_counter_database(path)
    yield db, path
    db.dispose()


def counts(path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def read_whole(data: bytes, raw_key: bytes) -> None:
    """What the importer checks before writing, without a database."""
    parsed = file_format.parse(data)
    if not parsed.signed_by(raw_key):
        raise ServiceError("signature")
    files = file_format.checked_files(parsed)
    check_data(files["units.json"], files["tallies.json"])


def test_one_byte_changed_anywhere_is_refused(handed):
    data = handed["file"].read_bytes()
    raw = signing.parse_public_file(handed["public"], "key").raw
    read_whole(data, raw)  # the file as written is good
    rnd = random.Random(13)
    # every byte of the manifest and signature (the file's tail: its keys sorted) and a spread over the data
    positions = sorted(
        set(range(max(0, len(data) - 1500), len(data))) | set(range(0, len(data), len(data) // 1500 + 1))
    )
    for at in positions:
        for new in {data[at] ^ 0x01, rnd.randrange(256)} - {data[at]}:
            changed = data[:at] + bytes([new]) + data[at + 1 :]
            with pytest.raises(ServiceError):
                read_whole(changed, raw)


def test_a_tampered_file_is_refused_at_the_city_and_nothing_is_written(handed, city, tmp_path):
    db, path = city
    register_key(db, cli_user(), handed["code"], handed["public"], "key.txt")
    data = handed["file"].read_bytes()
    field = b'\\"premiums_fen\\":'  # inside tallies.json, itself a string in the file
    at = data.index(field) + len(field)
    changed = data[:at] + (b"9" if data[at : at + 1] != b"9" else b"8") + data[at + 1 :]
    before = counts(path)
    with pytest.raises(ServiceError, match="SHA-256 不符：文件被改动过"):
        import_bytes(db, cli_user(), changed)
    forged = changed.replace(b'"sequence":1', b'"sequence":7')
    with pytest.raises(ServiceError, match=r"签名与.*登记的公钥不符"):
        import_bytes(db, cli_user(), forged)
    assert counts(path) == before


def test_an_unregistered_or_unknown_county_or_another_key_is_refused(handed, city, tmp_path):
    db, path = city
    before = counts(path)
    with pytest.raises(ServiceError, match="交账公钥还没有登记"):
        import_file(db, cli_user(), handed["file"])
    empty = open_counter_database(tmp_path / "empty.sqlite3")
    try:
        with pytest.raises(ServiceError, match="本市的单位树中没有这个县区"):
            import_file(empty, cli_user(), handed["file"])
    finally:
        empty.dispose()
    other = signing.public_file_of(signing.load_or_make(tmp_path / "k", handed["code"])[0], handed["code"], "x")
    register_key(db, cli_user(), handed["code"], other.text().encode(), "other.txt")
    after_key = counts(path)
    assert after_key["handin_keys"] == before["handin_keys"] + 1
    with pytest.raises(ServiceError, match=r"而.*登记的公钥指纹是"):
        import_file(db, cli_user(), handed["file"])
    assert counts(path) == after_key


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "不是完整的 JSON"),
        (b"PK\x03\x04" + bytes(200), "不是 UTF-8|不是完整的 JSON"),
        (b"[" * 200_000 + b"]" * 200_000, "嵌套过深|不是完整的 JSON"),
        (b'{"format":"mutualaid-handin","format":"x"}', "重复的字段名"),
        (b'{"format": "mutualaid-handin"}', "格式不一致"),
        (b'{"files":{},"format":"mutualaid-handin","manifest":{},"signature":""}', "清单"),
        (b'{"a":1}', "不是交账文件"),
    ],
)
def test_hostile_files_are_refused_with_a_reason(city, tmp_path, content, reason):
    db, path = city
    target = tmp_path / "hostile.json"
    target.write_bytes(content)
    before = counts(path)
    with pytest.raises(BadFile, match=reason):
        import_file(db, cli_user(), target)
    assert counts(path) == before


def test_a_file_over_the_limit_is_refused_without_reading_it_all(city, tmp_path):
    db, _ = city
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as f:
        f.truncate(file_format.MAX_FILE_BYTES * 4)  # sparse: nothing on the disk
    with pytest.raises(BadFile, match="超过交账文件的上限"):
        import_file(db, cli_user(), huge)
    with pytest.raises(ServiceError, match="是文件夹"):
        import_file(db, cli_user(), tmp_path)


def test_the_private_key_is_owner_only_and_never_leaves_the_counter(handed):
    path = handed["key_path"]
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    key = signing.load_private(path)
    from cryptography.hazmat.primitives import serialization

    secret = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    for where in (handed["file"], handed["county_path"]):
        content = where.read_bytes()
        assert secret not in content and base64.b64encode(secret) not in content
    assert b"PRIVATE" not in handed["file"].read_bytes() and b"PRIVATE" not in handed["public"]


def test_a_key_is_registered_once_and_replaced_only_with_a_reason(handed, city, tmp_path):
    db, path = city
    code = handed["code"]
    first = register_key(db, cli_user(), code, handed["public"], "key.txt")
    assert first.changed and len(first.fingerprint) == 39 and first.fingerprint.count(" ") == 7
    assert not register_key(db, cli_user(), code, handed["public"], "key.txt").changed
    other = signing.public_file_of(signing.load_or_make(tmp_path / "k", code)[0], code, "x").text().encode()
    before = counts(path)
    with pytest.raises(ServiceError, match="更换公钥须说明原因"):
        register_key(db, cli_user(), code, other, "new.txt")
    assert counts(path) == before
    replaced = register_key(db, cli_user(), code, other, "new.txt", replace_reason="电脑更换")
    keys = registered_keys(db)
    assert [(k.fingerprint, k.replace_reason) for k in keys] == [
        (first.fingerprint, "电脑更换"),
        (replaced.fingerprint, None),
    ]
    con = sqlite3.connect(path)
    actions = [r[0] for r in con.execute("SELECT action FROM audit_log WHERE action LIKE 'handin.key.%' ORDER BY id")]
    con.close()
    assert actions == ["handin.key.register", "handin.key.replace"]
    with pytest.raises(ServiceError, match="不是「999999」的"):
        register_key(db, cli_user(), "999999", handed["public"], "key.txt")
    bad = handed["public"].replace(b"fingerprint: ", b"fingerprint: 0")
    with pytest.raises(ServiceError, match="指纹与公钥不符"):
        register_key(db, cli_user(), code, bad, "key.txt")


def test_only_supervisors_export_and_import_and_only_administrators_register_keys(handed, city):
    db, path = city
    clerk = users_of(path)["clerk"]
    boss = users_of(path)["supervisor"]
    with pytest.raises(PermissionDenied):
        import_file(db, clerk, handed["file"])
    with pytest.raises(PermissionDenied):
        register_key(db, boss, handed["code"], handed["public"], "key.txt")
    with pytest.raises(PermissionDenied):
        export_month(db, clerk, 2026, 10, path.parent / "x.json")


def test_counters_making_the_key_at_once_end_up_with_one_key(tmp_path):
    import subprocess
    import sys

    script = (
        "import sys; from pathlib import Path; from mutualaid_desktop.services.handin import signing; "
        "key, made = signing.load_or_make(Path(sys.argv[1]), '611002'); "
        "print(signing.fingerprint(signing.raw_public(key.public_key())), made)"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    runs = [
        subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, text=True, env=env)
        for _ in range(6)
    ]
    outputs = [r.communicate(timeout=60)[0].split() for r in runs]
    fingerprints = {" ".join(o[:-1]) for o in outputs}
    on_disk = signing.fingerprint(
        signing.raw_public(signing.load_private(tmp_path / "county-611002.ed25519.pem").public_key())
    )
    assert fingerprints == {on_disk}
    assert [o[-1] for o in outputs].count("True") == 1  # only the one whose key was linked says it made it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["county-611002.ed25519.pem"]
