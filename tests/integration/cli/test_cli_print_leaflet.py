"""`mutualaid print member-leaflet`, in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from mutualaid_desktop.services.admin.plans import add_plan
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.repositories import SettingRepository
from tests.integration.cli.cli_run import run

PLANS = Path(__file__).resolve().parents[3] / "resources" / "plans"


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "c.sqlite3"
    db = open_counter_database(path)
    add_plan(db, (PLANS / "shangluo-2027.toml").read_text(encoding="utf-8"))
    with UnitOfWork(db, "setup") as uow:
        settings = SettingRepository(uow.session)
        settings.put("counter_address", "商洛市商州区北新街36号")
        settings.put("counter_phone", "0914-2313456")
        uow.commit()
    db.dispose()
    return path


def test_member_leaflet(capsys, db_path, tmp_path):
    out_pdf = tmp_path / "out" / "leaflet.pdf"
    code, out, err = run(
        capsys, "--db", str(db_path), "print", "member-leaflet", "--plan", "SL-ZY-2027", "--out", str(out_pdf), "--json"
    )
    assert code == 0, err
    assert json.loads(out) == {"paper": "member_leaflet", "plan": "SL-ZY-2027", "path": str(out_pdf)}
    pages = PdfReader(str(out_pdf)).pages
    assert len(pages) == 1
    text = pages[0].extract_text().replace(" ", "")
    assert "温馨提示" in text and "每人每年95元" in text and "0914-2313456" in text
    code, out, _ = run(
        capsys, "--db", str(db_path), "print", "member-leaflet", "--plan", "SL-ZY-2027", "--out", str(out_pdf)
    )
    assert code == 0 and "已生成温馨提示" in out


def test_unknown_plan_and_bad_out(capsys, db_path, tmp_path):
    code, _, err = run(
        capsys, "--db", str(db_path), "print", "member-leaflet", "--plan", "NOPE", "--out", str(tmp_path / "l.pdf")
    )
    assert code == 2 and "没有代码为「NOPE」的计划" in err and "SL-ZY-2027" in err
    assert not (tmp_path / "l.pdf").exists()
    code, _, err = run(
        capsys,
        "--db",
        str(db_path),
        "print",
        "member-leaflet",
        "--plan",
        "SL-ZY-2027",
        "--out",
        str(tmp_path / "l.txt"),
    )
    assert code == 2 and ".pdf" in err
