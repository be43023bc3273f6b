"""The renewal overview sheet, read back with openpyxl: text stays text, counts integers, money exact, formats."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from mutualaid_desktop.io import renewal_overview_writer as writer
from mutualaid_desktop.io.renewal_overview_writer import (
    HEADERS,
    OverviewSheetRow,
    money_value,
    rate_value,
    write_renewal_overview,
)

ROWS = [
    OverviewSheetRow(
        "county", "商州区总工会（小计）", "061002", "", "", 7, 3, Decimal("42.9"), 1, 4, 1, Decimal("1234567.89")
    ),
    OverviewSheetRow(
        "unit",
        "商州区第一中学工会",
        "061002-0001",
        "刘老师",
        "09142311111",
        4,
        3,
        Decimal("75.0"),
        0,
        1,
        1,
        Decimal("1234000.10"),
        "部分续保",
    ),
    OverviewSheetRow(
        "unit",
        "=1+1 不是公式",
        "061002-0002",
        "张主任",
        "0914-2322222",
        3,
        0,
        Decimal("0.0"),
        1,
        1,
        0,
        Decimal("567.79"),
        "尚未来办理",
        left=1,
    ),
    OverviewSheetRow("unit", "新单位工会", "061002-0003", "", "", 0, 0, None, 0, 0, 0, Decimal("0.00"), "新参保单位"),
    OverviewSheetRow("total", "全市合计", "", "", "", 7, 3, Decimal("42.9"), 1, 4, 1, Decimal("1234567.89")),
]


@pytest.fixture
def sheet(tmp_path):
    path = write_renewal_overview(
        tmp_path / "out" / "续保进度.xlsx",
        ROWS,
        title="续保进度：2026 年",
        subtitle="上年计划：SL-ZY-2026",
        notes=("说明一", "说明二"),
    )
    assert path.is_file() and [p.name for p in path.parent.iterdir()] == ["续保进度.xlsx"]  # no partial file left
    return load_workbook(path).active


def test_title_header_rows_and_notes(sheet):
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "续保进度：2026 年" and values[1][0] == "上年计划：SL-ZY-2026"
    assert tuple(values[2]) == HEADERS
    assert HEADERS[writer.PENDING - 1 : writer.OPEN] == ("待缴费", "离开", "转出", "不能续保", "未续保")
    assert HEADERS[0] == "层级" and [r[0] for r in values[3:8]] == ["县区小计", "单位", "单位", "单位", "合计"]
    assert values[5][writer.LEFT - 1] == 1 and values[5][writer.OPEN - 1] == 1  # the row with a leaver
    assert [r[writer.NAME - 1] for r in values[3:8]] == [r.name for r in ROWS]
    assert values[8] == [None] * len(HEADERS) and values[9][0] == "说明一" and values[10][0] == "说明二"
    assert sheet.title == "续保进度" and sheet.freeze_panes == "C4" and sheet.print_title_rows == "$3:$3"
    assert sheet.column_dimensions["B"].width == 36 and sheet.column_dimensions["P"].width == 16
    assert sheet.auto_filter.ref == "A3:Q8"  # filter 层级 = 单位 to add a column up once


def test_codes_and_phones_stay_text(sheet):
    for r in range(4, 9):
        for column in (writer.LEVEL, writer.NAME, writer.CODE, writer.CONTACT, writer.PHONE, writer.STATE):
            cell = sheet.cell(row=r, column=column)
            assert cell.number_format == "@"
            assert cell.value is None or (cell.data_type == "s" and isinstance(cell.value, str))
    assert sheet.cell(row=4, column=writer.CODE).value == "061002"  # the leading zero is kept
    assert sheet.cell(row=5, column=writer.PHONE).value == "09142311111"
    assert sheet.cell(row=6, column=writer.NAME).value == "=1+1 不是公式"  # never a formula
    assert sheet.cell(row=6, column=writer.NAME).data_type == "s"


def test_counts_money_and_rates_are_numbers(sheet):
    for r, row in zip(range(4, 9), ROWS, strict=True):
        counts = [sheet.cell(row=r, column=c).value for c in writer.COUNT_COLUMNS]
        assert counts == [
            row.covered,
            row.renewed,
            row.moved_in,
            row.pending,
            row.left,
            row.moved_out,
            row.cannot,
            row.open,
            row.joiners,
        ]
        assert all(type(v) is int for v in counts)
        assert all(sheet.cell(row=r, column=c).number_format == "#,##0" for c in writer.COUNT_COLUMNS)
        money = sheet.cell(row=r, column=writer.RECEIVED)
        assert money.data_type == "n" and money.number_format == '"¥"#,##0.00'
        assert Decimal(str(money.value)) == row.received  # exact to the fen
        rate = sheet.cell(row=r, column=writer.RATE)
        assert rate.number_format == "0.0%"
        assert (rate.value is None) if row.rate is None else Decimal(str(rate.value)) * 100 == row.rate
    units = sum(Decimal(str(sheet.cell(row=r, column=writer.RECEIVED).value)) for r in (5, 6, 7))
    assert units == Decimal("1234567.89") == Decimal(str(sheet.cell(row=8, column=writer.RECEIVED).value))


def test_county_and_total_rows_bold_units_indented(sheet):
    assert all(sheet.cell(row=4, column=c).font.b for c in range(1, len(HEADERS) + 1))
    assert all(sheet.cell(row=8, column=c).font.b for c in range(1, len(HEADERS) + 1))
    assert sheet.cell(row=4, column=1).fill.fgColor.rgb.endswith(writer.COUNTY_FILL)
    assert sheet.cell(row=8, column=1).fill.fgColor.rgb.endswith(writer.TOTAL_FILL)
    name = sheet.cell(row=5, column=writer.NAME)
    assert not name.font.b and name.alignment.indent == 1
    assert sheet.cell(row=6, column=writer.STATE).font.color.rgb.endswith("B3261E")
    assert sheet.cell(row=3, column=1).font.b


def test_cell_values_from_decimal():
    assert money_value(Decimal("45244700.00")) == 45244700 and type(money_value(Decimal("5"))) is int
    assert money_value(Decimal("0.1") + Decimal("0.2")) == 0.3
    assert money_value(Decimal("999999999999.99")) == 999999999999.99
    assert rate_value(Decimal("31.3")) == 0.313 and rate_value(None) is None


def test_an_unknown_level_is_refused(tmp_path):
    with pytest.raises(ValueError):
        write_renewal_overview(tmp_path / "x.xlsx", [OverviewSheetRow("street", "?")], title="t")
    assert not list(tmp_path.iterdir())


def test_a_file_that_cannot_be_replaced_is_left_as_it_was(tmp_path, monkeypatch):
    target = tmp_path / "续保进度.xlsx"
    target.write_bytes(b"the old file")

    def locked(src, dst):  # what Windows says when Excel has the file open
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(writer.os, "replace", locked)
    with pytest.raises(PermissionError):
        write_renewal_overview(target, ROWS, title="t")
    assert target.read_bytes() == b"the old file" and [p.name for p in tmp_path.iterdir()] == ["续保进度.xlsx"]


def test_empty_table_has_its_header(tmp_path):
    sheet = load_workbook(write_renewal_overview(tmp_path / "e.xlsx", [], title="t")).active
    assert tuple(c.value for c in sheet[3]) == HEADERS and sheet.max_row == 3
