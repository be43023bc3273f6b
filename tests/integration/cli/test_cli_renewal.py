"""`mutualaid renewal overview`, in-process: text, JSON, --out FILE.xlsx, bad input and an unwritable file."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from mutualaid_desktop.services.session import open_counter_database
from tests.integration.cli.cli_run import run

from ..services.overview_data import CITY, COUNTIES, make_season


@pytest.fixture
def season(tmp_path):
    path = tmp_path / "c.sqlite3"
    db = open_counter_database(path)
    make_season(db)
    db.dispose()
    return str(path)


def test_text_and_json(capsys, season):
    code, out, err = run(capsys, "--db", season, "renewal", "overview", "--year", "2026")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "续保进度：2026 年（续保 2027 年） 住院二次报销 · 全市"
    assert lines[2].split("\t")[5:10] == ["待缴费", "离开", "转出", "不能续保", "未续保"]
    assert lines[3] == "商州区总工会（小计）\t611002\t10\t5\t50.0%\t1\t0\t1\t0\t4\t1\t¥598.45"
    assert lines[4] == "  商州区人民医院工会\t611002-0002\t3\t0\t0.0%\t0\t0\t0\t0\t3\t0\t¥0.00\t尚未来办理"
    assert "全市合计\t\t16\t5\t31.3%\t3\t0\t1\t0\t8\t3\t¥788.45" in lines
    assert lines[-1] == "6 个单位，其中 2 个尚未来办理，1 个已办完。"
    code, out, err = run(
        capsys, "--db", season, "renewal", "overview", "--year", "2026", "--county", "611021", "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["county"] == "611021" and data["scope"] == "洛南县总工会"
    t = data["total"]
    assert (t["covered"], t["renewed"], t["pending"], t["open"], t["joiners"], t["received"]) == COUNTIES["611021"]


def test_out_xlsx(capsys, season, tmp_path):
    out_file = tmp_path / "给县区" / "续保进度-2027-全市.xlsx"
    code, out, err = run(capsys, "--db", season, "renewal", "overview", "--year", "2026", "--out", str(out_file))
    assert code == 0, err
    assert out.strip() == (
        f"已导出续保进度：{out_file}（6 个单位；上年参保 16 人，已续保 5 人（31.3%），已收 ¥788.45）"
    )
    sheet = load_workbook(out_file).active
    from mutualaid_desktop.io import renewal_overview_writer as writer

    total_row = next(r for r in sheet.iter_rows(min_row=4) if r[writer.NAME - 1].value == "全市合计")
    assert total_row[writer.LEVEL - 1].value == "合计"
    assert [c.value for c in total_row[writer.COVERED - 1 : writer.RENEWED]] == [CITY[0], CITY[1]]
    assert Decimal(str(total_row[writer.RECEIVED - 1].value)) == Decimal(CITY[5])
    code, out, err = run(
        capsys, "--db", season, "renewal", "overview", "--year", "2026", "--out", str(out_file), "--json"
    )
    assert code == 0, err
    summary = json.loads(out)
    assert summary["path"] == str(out_file) and summary["units"] == 6 and summary["total"]["received"] == "788.45"


def test_bad_input_and_unwritable_file(capsys, season, tmp_path):
    base = ("--db", season, "renewal", "overview")
    code, _, err = run(capsys, *base, "--year", "2025")
    assert code == 2 and "没有在 2025 年到期" in err
    code, _, err = run(capsys, *base, "--year", "2026", "--county", "9999")
    assert code == 2 and "9999" in err
    code, _, err = run(capsys, *base, "--year", "2026", "--kind", "lump_sum")  # no 2027 lump-sum plan
    assert code == 2 and "请先" in err
    code, _, err = run(capsys, *base, "--year", "2026", "--out", str(tmp_path / "x.pdf"))
    assert code == 2 and ".xlsx" in err
    folder = tmp_path / "a-folder.xlsx"
    folder.mkdir()
    code, out, err = run(capsys, *base, "--year", "2026", "--out", str(folder))
    assert code == 1 and out == "" and "无法保存" in err
    with pytest.raises(SystemExit) as exited:
        run(capsys, *base)  # --year is required
    assert exited.value.code == 2
