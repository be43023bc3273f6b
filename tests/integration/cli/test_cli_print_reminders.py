"""`mutualaid print renewal-reminders`, in-process: combined file, a folder per unit, filters, bad input."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from mutualaid_desktop.services.session import open_counter_database
from tests.integration.cli.cli_run import run

from ..services.renewal_data import make_city


@pytest.fixture
def city(tmp_path):
    path = tmp_path / "c.sqlite3"
    db = open_counter_database(path)
    expected = make_city(db, big_unit=5)
    db.dispose()
    return path, expected


def test_combined_and_folder(capsys, city, tmp_path):
    path, expected = city
    out_pdf = tmp_path / "r" / "all.pdf"
    code, out, err = run(
        capsys, "--db", str(path), "print", "renewal-reminders", "--year", "2026", "--out", str(out_pdf), "--json"
    )
    assert code == 0, err
    summary = json.loads(out)
    assert summary == {"units": 3, "members": 10, "total_due": "950.00", "files": [str(out_pdf)]}
    assert "3/3" in err
    text = "".join(p.extract_text() for p in PdfReader(str(out_pdf)).pages)
    assert all(name in text for name in expected)
    code, out, err = run(
        capsys,
        "--db",
        str(path),
        "print",
        "renewal-reminders",
        "--year",
        "2026",
        "--county",
        "611002",
        "--out",
        str(tmp_path / "dir"),
        "--json",
    )
    assert code == 0, err
    files = json.loads(out)["files"]
    assert [f.rsplit("/", 1)[1] for f in files] == [
        "611002-0001商州区第一中学工会.pdf",
        "611002-0002商州区人民医院工会.pdf",
    ]
    code, out, _ = run(
        capsys,
        "--db",
        str(path),
        "print",
        "renewal-reminders",
        "--year",
        "2026",
        "--unit",
        "611021-0001",
        "--out",
        str(tmp_path / "u.pdf"),
    )
    assert code == 0 and "1 个单位，2 人" in out


def test_bad_input(capsys, city, tmp_path):
    path, _ = city
    base = ("--db", str(path), "print", "renewal-reminders", "--out", str(tmp_path / "x.pdf"))
    code, _, err = run(capsys, *base, "--year", "2026", "--county", "9999")
    assert code == 2 and "9999" in err
    code, _, err = run(capsys, *base, "--year", "2026", "--unit", "nope")
    assert code == 2 and "nope" in err
    code, _, err = run(capsys, *base, "--year", "2027")  # no 2028 plan
    assert code == 2 and "请先" in err
    code, _, err = run(capsys, *base, "--year", "2030")
    assert code == 2 and "2030" in err


def test_an_existing_file_is_not_written_over_without_force(capsys, city, tmp_path):
    path, _ = city
    out_pdf = tmp_path / "all.pdf"
    out_pdf.write_bytes(b"earlier")
    base = ("--db", str(path), "print", "renewal-reminders", "--year", "2026")
    code, _, err = run(capsys, *base, "--out", str(out_pdf))
    assert code == 2 and "已有同名文件：all.pdf" in err and "--force" in err
    assert out_pdf.read_bytes() == b"earlier"
    folder = tmp_path / "units"
    assert run(capsys, *base, "--county", "611002", "--out", str(folder))[0] == 0
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    code, _, err = run(capsys, *base, "--out", str(folder))  # the city: two of its three files are there
    assert code == 2 and "611002-0001商州区第一中学工会.pdf" in err
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before
    code, _, err = run(capsys, *base, "--out", str(out_pdf), "--force")
    assert code == 0, err
    assert out_pdf.read_bytes().startswith(b"%PDF")
    assert "0 个单位已无需提示" in err and "已续保或待缴费 1 人" in err
