"""`mutualaid handin key show|add, export, import, list` and the 交账情况 in `stats --json` (issue 13)."""

from __future__ import annotations

import json
import os
import stat

import pytest

from tests.integration.services.handin.handin_demo import TODAY, copy, county_codes, make_city, make_county

from .cli_run import run


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-handin")
    return make_county(folder / "county.sqlite3"), make_city(folder / "city.sqlite3")


@pytest.fixture
def dbs(sources, tmp_path, clock, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    clock.set(TODAY)
    county, city = copy(sources[0], tmp_path / "county.sqlite3"), copy(sources[1], tmp_path / "city.sqlite3")
    return county, city, county_codes(county)[3]


def test_a_county_hands_in_and_the_city_imports_twice(dbs, tmp_path, capsys):
    county, city, code = dbs
    key_file = tmp_path / "公钥.txt"
    status, out, err = run(capsys, "--db", county, "handin", "key", "show", "--county", code, "--out", key_file)
    assert status == 0, err
    assert "已为" in out and "生成交账密钥" in out and "指纹：" in out
    fingerprint = out.split("指纹：")[1].split("（")[0]
    private = next((tmp_path / "data").rglob("*.pem"))
    if os.name == "posix":
        assert stat.S_IMODE(private.stat().st_mode) == 0o600
    # the same key the second time
    status, out, _ = run(capsys, "--db", county, "handin", "key", "show", "--county", code, "--json")
    assert json.loads(out)["fingerprint"] == fingerprint and json.loads(out)["made"] is False
    status, out, err = run(capsys, "--db", city, "handin", "key", "add", "--county", code, key_file)
    assert status == 0 and fingerprint in out and "核对" in out, err
    # a month not closed
    status, out, err = run(capsys, "--db", county, "handin", "export", "--year", 2026, "--month", 11,
                           "--out", tmp_path / "nov.json", "--county", code)  # fmt: skip
    assert status == 2 and "还没有月结" in err and "mutualaid month close --year 2026 --month 11" in err
    handin = tmp_path / "交账-2026-10.json"
    status, out, err = run(capsys, "--db", county, "handin", "export", "--year", 2026, "--month", 10,
                           "--out", handin, "--county", code)  # fmt: skip
    assert status == 0 and "第 1 版，序号 1" in out, err
    status, out, err = run(capsys, "--db", city, "handin", "import", handin, "--json")
    assert status == 0, err
    first = json.loads(out)
    assert (first["state"], first["version"], first["gaps"]) == ("imported", 1, [])
    status, out, err = run(capsys, "--db", city, "handin", "import", handin)
    assert status == 0 and "已导入过，没有改动" in out, err
    status, out, _ = run(capsys, "--db", city, "handin", "list", "--json")
    (row,) = json.loads(out)["counties"]
    assert row["county_code"] == code and row["fingerprint"] == fingerprint
    assert (row["last"]["year"], row["last"]["month"], row["last"]["sequence"]) == (2026, 10, 1)
    assert (row["due"], row["state"], row["state_label"]) == (
        {"year": 2026, "month": 10, "by": "2026-11-10"},
        "late",
        "逾期",
    )  # imported on 20 November, after the 10th
    status, out, _ = run(capsys, "--db", city, "handin", "list")
    assert "逾期" in out and "2026年10月 第 1 版 序号 1" in out
    status, out, _ = run(capsys, "--db", city, "stats", "--year", 2026, "--month", 10, "--json")
    counties = {c["code"]: c for c in json.loads(out)["counties"]}
    assert counties[code]["handin"]["state"] == "late"
    assert all(c["handin"] is None for k, c in counties.items() if k != code)
    _, theirs, _ = run(capsys, "--db", county, "stats", "--year", 2026, "--month", 10, "--json")
    mine = {c["code"]: c for c in json.loads(theirs)["counties"]}[code]
    for figure in ("premiums", "enrollments", "paid", "claims_paid", "claim_ratio", "covered", "units"):
        assert counties[code][figure] == mine[figure], figure


def test_refusals_say_why_and_exit_2(dbs, tmp_path, capsys):
    county, city, code = dbs
    handin = tmp_path / "oct.json"
    assert run(capsys, "--db", county, "handin", "export", "--year", 2026, "--month", 10, "--out", handin,
               "--county", code)[0] == 0  # fmt: skip
    status, out, err = run(capsys, "--db", city, "handin", "import", handin)
    assert status == 2 and out == "" and "交账公钥还没有登记" in err
    key_file = tmp_path / "key.txt"
    run(capsys, "--db", county, "handin", "key", "show", "--county", code, "--out", key_file)
    run(capsys, "--db", city, "handin", "key", "add", "--county", code, key_file)
    data = bytearray(handin.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered = tmp_path / "tampered.json"
    tampered.write_bytes(bytes(data))
    status, out, err = run(capsys, "--db", city, "handin", "import", tampered, "--json")
    assert status == 2 and out == "" and ("改动" in err or "不是完整的 JSON" in err), err
    status, _, err = run(capsys, "--db", city, "handin", "key", "add", "--county", code, tampered)
    assert status == 2 and "不是交账公钥文件" in err
    status, _, err = run(capsys, "--db", county, "handin", "export", "--year", 2026, "--month", 10, "--out", handin)
    assert status == 2 and "请指定本柜台交账的县区（--county 代码）" in err
    status, out, _ = run(capsys, "--db", city, "handin", "list", "--json")
    (row,) = json.loads(out)["counties"]
    assert row["last"] is None and row["state"] == "missing"
