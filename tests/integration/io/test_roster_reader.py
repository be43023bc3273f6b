"""Reading roster files: .xlsx (openpyxl), .xls (the committed fixture, xlrd), .csv in three encodings."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from mutualaid_desktop.io.bad_rows_writer import REASON_HEADER, ROW_HEADER, write_bad_rows
from mutualaid_desktop.io.roster_reader import RosterFileError, RosterReadCancelled, decode_csv, read_roster
from tests.rosters import HEADER, person_id, write_csv, write_xlsx

DATA = Path(__file__).resolve().parents[2] / "data"


def test_xlsx_rows_keep_their_sheet_numbers_and_skip_empty_rows(tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [[1, "张三", person_id(1)], [], [2, "李四", person_id(2)]])
    table = read_roster(path)
    assert table.sheet == "名册"
    assert [r.number for r in table.rows] == [1, 3, 4, 6]  # title, header, two people (row 5 empty)
    assert table.rows[1].cells == tuple(HEADER)
    assert table.rows[2].cells == ("1", "张三", person_id(1))
    assert table.rows[2].numeric == (0,)


def test_xlsx_id_number_stored_as_a_number_is_flagged_not_fixed(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "身份证号", "手机"])
    sheet.append(["张三", 611002198005011000, 13800000001])
    sheet.append(["李四", 6.11002198005011e17, None])
    workbook.save(tmp_path / "n.xlsx")
    rows = read_roster(tmp_path / "n.xlsx").rows
    assert rows[1].cells == ("张三", "611002198005011000", "13800000001") and rows[1].numeric == (1, 2)
    assert rows[2].cells == ("李四", "611002198005011000") and rows[2].numeric == (1,)


def test_xls_fixture(tmp_path):
    table = read_roster(DATA / "roster_messy.xls")
    assert table.sheet == "职工名册"
    numbers = [r.number for r in table.rows]
    assert numbers == [1, 3, 4, 5, 6, 7]
    assert table.rows[2].cells[:5] == ("1", "刘洋", person_id(101), "男", "1980-05-01")
    assert table.rows[4].cells[2] == "611002198005011000" and 2 in table.rows[4].numeric


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings_are_detected(tmp_path, encoding):
    path = write_csv(tmp_path / "r.csv", [[1, "欧阳娜娜", person_id(3), "女"]], encoding=encoding)
    table = read_roster(path)
    assert table.encoding == encoding
    assert table.rows[0].cells == tuple(HEADER)
    assert table.rows[1].cells == ("1", "欧阳娜娜", person_id(3), "女")
    assert table.rows[1].numeric == ()


def test_decode_csv_prefers_utf8():
    assert decode_csv("姓名".encode()) == ("姓名", "utf-8")
    assert decode_csv("姓名".encode("gb18030")) == ("姓名", "gb18030")


def test_tab_separated(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("姓名\t身份证号\n张三\t" + person_id(1) + "\n", encoding="utf-8")
    assert read_roster(path).rows[1].cells == ("张三", person_id(1))


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("r.pdf", b"%PDF", "不支持"),
        ("r.xlsx", b"not a zip at all", "已损坏"),
        ("r.xls", b"PK\x03\x04rest", ".xlsx"),
    ],
)
def test_unreadable_files(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(RosterFileError) as caught:
        read_roster(path)
    assert words in caught.value.message


def test_missing_file(tmp_path):
    with pytest.raises(RosterFileError, match="找不到"):
        read_roster(tmp_path / "none.xlsx")


def test_cancel_while_reading(tmp_path):
    path = write_xlsx(tmp_path / "big.xlsx", [[i, "张三", person_id(i % 400)] for i in range(5000)])
    seen = []
    with pytest.raises(RosterReadCancelled):
        read_roster(path, progress=lambda done, total: seen.append((done, total)), cancelled=lambda: bool(seen))
    assert seen and seen[0][1] >= 5000


def test_bad_rows_writer_keeps_digits_as_text(tmp_path):
    from openpyxl import load_workbook

    path = write_bad_rows(
        tmp_path / "out" / "bad.xlsx",
        ["姓名", "身份证号码"],
        [(7, ("赵敏", "611002198005010040"), "校验码错误")],
        title="问题行",
    )
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[2]] == [ROW_HEADER, "姓名", "身份证号码", REASON_HEADER]
    assert [c.value for c in sheet[3]] == ["7", "赵敏", "611002198005010040", "校验码错误"]
