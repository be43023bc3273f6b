"""The bank transfer file of a payout batch (代发明细), as .xlsx for the bank's batch-payment upload.

One row per payee: 序号, 户名, 开户行, 账号, 金额, 理赔编号, 摘要; then a totals row (合计: the number
of payees and the sum). The account number is written as a TEXT cell (number format "@"): a
19-digit card number as a number would lose its last digits in Excel (15 significant digits).
The amount is a number with two decimals (format 0.00), made from the exact Decimal. Every text
(a holder, a bank, a claim number) is a text cell, never a formula, also when it starts with = + - @
(io/xlsx_cells); the file is written whole or not at all (xlsx_cells.save_workbook).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from mutualaid_desktop.io.xlsx_cells import new_workbook, put, put_row, save_workbook

HEADERS = ("序号", "户名", "开户行", "账号", "金额", "理赔编号", "摘要")
TOTAL_LABEL = "合计"


@dataclass(frozen=True)
class TransferRow:
    holder: str
    bank: str
    account_number: str
    amount: Decimal
    claim_number: str
    summary: str = "互助保障金给付"


def write_bank_transfer(path: str | os.PathLike[str], rows: Sequence[TransferRow], *, title: str | None = None) -> Path:
    """Write the rows under the headers (and an optional title line above). Returns the path."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    path = Path(path)
    workbook, sheet = new_workbook("代发明细")
    first = 1
    if title:
        put(sheet, 1, 1, title).font = Font(bold=True, size=13)
        first = 2
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in put_row(sheet, first, HEADERS):
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center")
    total = Decimal("0.00")
    r = first
    for number, row in enumerate(rows, start=1):
        amount = Decimal(row.amount).quantize(Decimal("0.01"))
        total += amount
        r += 1
        put_row(sheet, r, [number, str(row.holder), str(row.bank), str(row.account_number)])
        put(sheet, r, 5, amount, number_format="0.00")
        put_row(sheet, r, [str(row.claim_number), str(row.summary)], first_column=6)
    r += 1
    put_row(sheet, r, [TOTAL_LABEL, f"{len(rows)} 笔"])
    put(sheet, r, 5, total, number_format="0.00")
    for column in range(1, len(HEADERS) + 1):
        sheet.cell(row=r, column=column).font = bold
    for letter, width in zip("ABCDEFG", (6, 12, 26, 24, 12, 20, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(row=first + 1, column=1).coordinate
    assert get_column_letter(len(HEADERS)) == "G"
    return save_workbook(workbook, path)


__all__ = ["HEADERS", "TOTAL_LABEL", "TransferRow", "write_bank_transfer"]
