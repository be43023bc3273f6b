"""`mutualaid report month` (issue 12): the monthly report (月报表) as a PDF or an .xlsx, chosen by --out's suffix;
anything else, an unknown county or a file that cannot be written refused with status 2 and a Chinese message."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.session import open_counter_database
from tests.integration.demo_months import demo_months

from .cli_run import run

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("reports") / "demo.sqlite3"
    db = open_counter_database(path)
    generate_demo(db, members=1200, seed=1, today=TODAY)
    db.dispose()
    return path


@pytest.fixture
def demo(demo_file, tmp_path, clock):
    clock.set(TODAY)
    path = tmp_path / "city.sqlite3"
    shutil.copyfile(demo_file, path)
    return path


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return "".join(out.split())


def test_the_citys_report_of_an_open_month_as_a_pdf(demo, tmp_path, capsys):
    out_file = tmp_path / "out" / "月报表.pdf"
    code, out, err = run(capsys, "--db", demo, "report", "month", "--year", 2026, "--month", 11, "--out", out_file)
    assert code == 0, err
    assert out.strip() == str(out_file)
    text = pdf_text(out_file)
    assert "商洛市总工会2026年11月职工互助保障月报表" in text and "未月结，数字可能变动" in text
    assert "柞水县总工会" in text and "制表人：" in text


def test_a_closed_countys_report_as_excel_with_json(demo, tmp_path, capsys):
    for year, number in demo_months(demo):
        assert run(capsys, "--db", demo, "month", "close", "--year", year, "--month", number)[0] == 0
    out_file = tmp_path / "洛南.xlsx"
    code, out, err = run(
        capsys, "--db", demo, "report", "month", "--year", 2026, "--month", 10, "--county", "611021",
        "--out", out_file, "--json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out) == {"path": str(out_file), "closed": True}
    sheet = load_workbook(out_file).active
    assert str(sheet.cell(row=1, column=1).value) == "洛南县总工会2026年10月职工互助保障月报表"
    code, out, err = run(
        capsys, "--db", demo, "report", "month", "--year", 2026, "--month", 10, "--out", tmp_path / "x.pdf", "--json"
    )
    assert code == 0 and json.loads(out)["closed"] is True


@pytest.mark.parametrize(
    ("extra", "name", "message"),
    [
        ((), "月报表.docx", "应以 .pdf 或 .xlsx 结尾"),
        (("--county", "999999"), "月报表.pdf", "没有代码为「999999」的县区工会。已有的县区代码：611002"),
        ((), "folder.pdf", "是一个文件夹"),
        (("--month", "13"), "月报表.pdf", "月份 13 不在 1—12 之间"),
    ],
)
def test_bad_input_is_refused_with_status_2_and_nothing_written(demo, tmp_path, capsys, extra, name, message):
    (tmp_path / "folder.pdf").mkdir()
    argv = ["--db", demo, "report", "month", "--year", 2026, "--out", tmp_path / name, *extra]
    if "--month" not in extra:
        argv += ["--month", 11]
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and message in err
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".docx", ".xlsx")) == ["folder.pdf"]


def test_the_bulletin_of_a_closed_month(demo, tmp_path, capsys):
    for year, number in demo_months(demo, (2026, 10)):
        assert run(capsys, "--db", demo, "month", "close", "--year", year, "--month", number)[0] == 0
    out_file = tmp_path / "通报" / "2026年10月通报.pdf"
    code, out, err = run(
        capsys, "--db", demo, "report", "bulletin", "--year", 2026, "--month", 10, "--out", out_file, "--json"
    )
    assert code == 0, err
    assert json.loads(out) == {"path": str(out_file)}
    text = pdf_text(out_file)
    assert "关于2026年10月份全市职工互助保障工作进展情况的通报" in text and "已月结：命令行" in text


@pytest.mark.parametrize(
    ("month", "out_name", "said"),
    [
        (11, "通报.pdf", "2026年11月还没有月结"),  # the month is still running: not closed
        (10, "通报.docx", "应以 .pdf 结尾"),
    ],
)
def test_the_bulletin_of_a_month_not_closed_or_to_a_file_not_pdf_is_refused(
    demo, tmp_path, capsys, month, out_name, said
):
    out_file = tmp_path / out_name
    code, out, err = run(
        capsys, "--db", demo, "report", "bulletin", "--year", 2026, "--month", month, "--out", out_file
    )
    assert code == 2 and said in err and out == "" and not out_file.exists()
