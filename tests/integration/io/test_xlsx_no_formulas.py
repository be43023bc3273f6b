"""No spreadsheet the program writes contains a formula made from data: every writer of io/, with hostile
texts (= + - @, tab, CR...) in every text column, opened with openpyxl and searched in the sheet XML."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from mutualaid_desktop.io.bad_rows_writer import write_bad_rows
from mutualaid_desktop.io.bank_transfer_writer import TransferRow, write_bank_transfer
from mutualaid_desktop.io.renewal_overview_writer import OverviewSheetRow, write_renewal_overview
from tests.xlsx_checks import HOSTILE, formula_cells, stored, texts


def test_bank_transfer_file(tmp_path):
    rows = [TransferRow(h, h, h, Decimal("12.34"), h, h) for h in HOSTILE]
    path = write_bank_transfer(tmp_path / "bank.xlsx", rows, title=HOSTILE[0])
    assert formula_cells(path) == []
    sheet = load_workbook(path).active
    for r, hostile in enumerate(HOSTILE, start=3):
        cells = [sheet.cell(row=r, column=c) for c in (2, 3, 4, 6, 7)]
        assert [c.value for c in cells] == [stored(hostile)] * 5
        assert {c.data_type for c in cells} == {"s"} and {c.number_format for c in cells} == {"@"}
        assert sheet.cell(row=r, column=5).value == 12.34 and sheet.cell(row=r, column=5).data_type == "n"
    assert sheet.cell(row=1, column=1).value == stored(HOSTILE[0])
    assert sheet.cell(row=3, column=2).quotePrefix  # Excel shows it as text when the cell is edited too


def test_bad_rows_file(tmp_path):
    headers = list(HOSTILE[:3])
    rows = [(n, [h, h, h, h], h) for n, h in enumerate(HOSTILE, start=2)]
    path = write_bad_rows(tmp_path / "bad.xlsx", headers, rows, title=HOSTILE[4])
    assert formula_cells(path) == []
    values = texts(path)
    for hostile in HOSTILE:
        assert values.count(stored(hostile)) >= 5  # the four cells and the reason
    assert values[0] == stored(HOSTILE[4])


def test_bad_rows_with_characters_a_spreadsheet_cannot_hold(tmp_path):
    """A row refused for a control character is still handed back: the character shown as U+FFFD."""
    path = write_bad_rows(tmp_path / "bad.xlsx", ["姓名"], [(2, ["张\x00三\x1b", "a\u202eb"], "姓名中有控制字符")])
    assert formula_cells(path) == []
    assert texts(path)[-3:] == ["张\ufffd三\ufffd", "a\u202eb", "姓名中有控制字符"]


def test_renewal_overview(tmp_path):
    rows = [
        OverviewSheetRow(
            level,
            h,
            code=h,
            contact=h,
            phone=h,
            state=h,
            covered=3,
            renewed=1,
            rate=Decimal("33.3"),
            received=Decimal("95.00"),
        )
        for h in HOSTILE
        for level in ("county", "unit")
    ]
    rows.append(OverviewSheetRow("total", HOSTILE[1], covered=3))
    path = write_renewal_overview(tmp_path / "o.xlsx", rows, title=HOSTILE[0], subtitle=HOSTILE[3], notes=HOSTILE)
    assert formula_cells(path) == []
    values = texts(path)
    assert values[:2] == [stored(HOSTILE[0]), stored(HOSTILE[3])]
    for hostile in HOSTILE:
        assert values.count(stored(hostile)) >= 10  # 5 text columns x 2 rows (+ the notes)


@pytest.mark.parametrize("hostile", [h for h in HOSTILE if h.startswith("=") and len(h) > 1])
def test_formula_finder_finds_a_formula(tmp_path, hostile):
    """The finder is not blind: a workbook saved the plain openpyxl way (which makes a formula of text
    starting with =) has the formula it looks for."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append([hostile])
    workbook.save(tmp_path / "plain.xlsx")
    assert formula_cells(tmp_path / "plain.xlsx")
