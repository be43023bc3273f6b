"""Limits of what a roster file may hold, checked before the content is inflated or read whole: a zip bomb
.xlsx refused from its zip directory (openpyxl never opens it), too many rows, a cell or CSV line too long,
files too large (.xlsx, .xls, .csv). Each refusal is a Chinese message saying what to do."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from mutualaid_desktop.io.read_limits import DEFAULT_LIMITS, MIB, ReadLimits
from mutualaid_desktop.io.roster_reader import RosterFileError, read_roster
from tests.rosters import person_id, write_csv, write_xlsx

DATA = Path(__file__).resolve().parents[2] / "data"
SHEET = "xl/worksheets/sheet1.xml"


@pytest.fixture
def no_openpyxl(monkeypatch):
    """openpyxl must not be asked to open the file (the refusal comes from the zip directory)."""
    import openpyxl

    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl.load_workbook was called: the file was inflated")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def bomb(path: Path, inflated: int, *, level: int = 1) -> Path:
    """A real .xlsx roster whose sheet is replaced by `inflated` bytes of rows, deflated as it is written
    (stream-built: the whole sheet is never in memory). openpyxl would parse every row of it."""
    source = io.BytesIO()
    write_xlsx(source, [[1, "张三", person_id(1)]])
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData>'
    )
    row = b'<row><c t="inlineStr"><is><t>' + "张三".encode() * 40 + b"</t></is></c></row>"
    chunk = row * 1_000  # ~ 250 KB
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as out,
    ):
        for item in original.infolist():
            if item.filename != SHEET:
                out.writestr(item, original.read(item.filename))
        with out.open(SHEET, "w", force_zip64=True) as sheet:
            sheet.write(head)
            written = len(head)
            while written < inflated:
                sheet.write(chunk)
                written += len(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return path


def refused(path, limits=DEFAULT_LIMITS) -> str:
    with pytest.raises(RosterFileError) as caught:
        read_roster(path, limits=limits)
    message = caught.value.message
    assert "Traceback" not in message and path.name in message
    return message


def test_a_zip_bomb_is_refused_from_its_directory(tmp_path, no_openpyxl):
    path = bomb(tmp_path / "名册.xlsx", DEFAULT_LIMITS.xlsx_part_bytes + MIB)  # a ~1.5 MB file, 257 MB inflated
    assert path.stat().st_size < 5 * MIB
    message = refused(path)
    assert "解压后有 257 MB" in message and "超过可以读取的 256 MB" in message and "另存为 .xlsx" in message


def test_a_part_that_inflates_far_more_than_any_spreadsheet(tmp_path, no_openpyxl):
    path = bomb(tmp_path / "r.xlsx", 3 * MIB, level=9)
    message = refused(path, ReadLimits(xlsx_ratio=50, ratio_floor=MIB))
    assert "倍" in message and "伪造" in message


def test_all_parts_together(tmp_path, no_openpyxl):
    path = bomb(tmp_path / "r.xlsx", 3 * MIB)
    message = refused(path, ReadLimits(xlsx_part_bytes=8 * MIB, xlsx_total_bytes=2 * MIB))
    assert "共有 3 MB" in message


def test_a_bomb_under_the_limits_is_read(tmp_path):
    """The same kind of file, small enough: read (the check does not refuse honest big sheets)."""
    table = read_roster(bomb(tmp_path / "r.xlsx", MIB // 4))
    assert len(table.rows) > 500 and table.rows[0].cells == ("张三" * 40,)


def test_a_csv_of_200001_rows(tmp_path):
    path = tmp_path / "名册.csv"
    number = person_id(1)
    path.write_text(
        "序号,姓名,身份证号码\n" + "".join(f"{n},张三,{number}\n" for n in range(1, 200_002)), encoding="utf-8"
    )
    message = refused(path)
    assert "超过 200,000 行" in message and "分成几个文件" in message


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_rows_at_and_over_the_limit(tmp_path, suffix):
    limits = ReadLimits(rows=5)
    write = write_csv if suffix == ".csv" else lambda p, rows: write_xlsx(p, rows, title=None)
    ok = write(tmp_path / f"ok{suffix}", [[n, "张三", person_id(n)] for n in range(1, 5)])
    assert len(read_roster(ok, limits=limits).rows) == 5  # the header and four people
    over = write(tmp_path / f"over{suffix}", [[n, "张三", person_id(n)] for n in range(1, 6)])
    assert "超过 5 行" in refused(over, limits)


def test_xls_rows_and_size(tmp_path, monkeypatch):
    assert "超过 3 行" in refused(DATA / "roster_messy.xls", ReadLimits(rows=3))
    import xlrd

    monkeypatch.setattr(xlrd, "open_workbook", lambda *a, **k: pytest.fail("xlrd opened a file over the size"))
    message = refused(DATA / "roster_messy.xls", ReadLimits(xls_bytes=4096))
    assert "6 KB" in message and "超过一次可以导入的 4 KB" in message


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_cell_too_long(tmp_path, suffix):
    write = write_csv if suffix == ".csv" else lambda p, rows: write_xlsx(p, rows, title=None)
    most = ReadLimits().cell_chars
    fits = write(tmp_path / f"fits{suffix}", [[1, "张" * most, person_id(1)]])
    assert read_roster(fits).rows[1].cells[1] == "张" * most
    path = write(tmp_path / f"long{suffix}", [[1, "张三", person_id(1)], [2, "张" * (most + 1), person_id(2)]])
    message = refused(path)
    assert f"第 3 行第 2 列有 {most + 1:,} 个字符" in message and f"超过每格最多 {most:,} 个字符" in message


def test_a_csv_line_too_long(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("姓名,身份证号码\n张三," + "x" * 999 + ",y" * 9_500 + "\n", encoding="utf-8")
    message = refused(path)
    assert "第 2 行有 20,002 个字符" in message and "超过每行最多 20,000 个字符" in message


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_files_too_large_are_not_read(tmp_path, suffix, monkeypatch, no_openpyxl):
    write = write_csv if suffix == ".csv" else lambda p, rows: write_xlsx(p, rows, title=None)
    path = write(tmp_path / f"r{suffix}", [[n, "张三", person_id(n)] for n in range(1, 200)])
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    message = refused(path, ReadLimits(csv_bytes=1024, xlsx_bytes=1024))
    assert "超过一次可以导入的 1 KB" in message and "分成几个文件" in message
