"""The bank transfer file, read back with openpyxl: every digit of the account numbers, as text."""

from __future__ import annotations

from decimal import Decimal

from openpyxl import load_workbook

from mutualaid_desktop.io.bank_transfer_writer import HEADERS, TransferRow, write_bank_transfer

ROWS = [
    TransferRow("王秀英", "中国农业银行商洛分行", "6228480123456789012", Decimal("1500.00"), "611002-2026-000001"),
    TransferRow("李建国", "中国邮政储蓄银行商洛市分行", "6217994100001234561", Decimal("300.5"), "611021-2026-000007"),
    TransferRow("张志强", "商洛农村商业银行", "0006210987654321098", Decimal("2450.55"), "611022-2026-000012"),
]


def test_rows_headers_text_accounts_and_totals(tmp_path):
    path = write_bank_transfer(tmp_path / "out" / "bank.xlsx", ROWS, title="商洛市总工会 给付批次 PF2026-0001")
    sheet = load_workbook(path).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "商洛市总工会 给付批次 PF2026-0001"
    assert tuple(values[1]) == HEADERS
    body = values[2:5]
    assert [r[1] for r in body] == ["王秀英", "李建国", "张志强"]
    # account numbers: strings with every digit (a leading zero too), formatted as text
    assert [r[3] for r in body] == ["6228480123456789012", "6217994100001234561", "0006210987654321098"]
    for row in range(3, 6):
        cell = sheet.cell(row=row, column=4)
        assert cell.data_type == "s" and cell.number_format == "@"
        assert sheet.cell(row=row, column=5).number_format == "0.00"
    assert [Decimal(str(r[4])) for r in body] == [Decimal("1500"), Decimal("300.5"), Decimal("2450.55")]
    assert [r[5] for r in body] == ["611002-2026-000001", "611021-2026-000007", "611022-2026-000012"]
    assert {r[6] for r in body} == {"互助保障金给付"}
    total = values[5]
    assert total[0] == "合计" and total[1] == "3 笔" and Decimal(str(total[4])) == Decimal("4251.05")
    assert len(values) == 6


def test_empty_file_has_a_zero_total(tmp_path):
    sheet = load_workbook(write_bank_transfer(tmp_path / "empty.xlsx", [])).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert tuple(values[0]) == HEADERS and values[1][0] == "合计" and Decimal(str(values[1][4])) == 0
