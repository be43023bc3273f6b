"""The bad rows of a roster, saved as .xlsx with a 原因 (reason) column, to hand back to the unit.

The unit corrects the rows and brings the file again. Every cell is written as text (an ID number
is never turned into a number again, a cell starting with = + - @ is never a formula: io/xlsx_cells),
with the sheet's row number in front. The file is written whole or not at all (xlsx_cells.save_workbook).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from mutualaid_desktop.io.xlsx_cells import new_workbook, put, put_row, save_workbook

ROW_HEADER = "原表行号"
REASON_HEADER = "原因"


def write_bad_rows(
    path: str | os.PathLike[str],
    headers: Sequence[str],
    rows: Sequence[tuple[int, Sequence[str], str]],
    *,
    title: str | None = None,
) -> Path:
    """Write `rows` as (sheet row number, cells, reason) under `headers`. Returns the path."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    path = Path(path)
    width = max([len(headers)] + [len(cells) for _, cells, _ in rows])
    header_cells = [ROW_HEADER] + [
        headers[i] if i < len(headers) and headers[i] else f"第{i + 1}列" for i in range(width)
    ]
    header_cells.append(REASON_HEADER)
    workbook, sheet = new_workbook("问题行")
    first = 1
    if title:
        put(sheet, 1, 1, title).font = Font(bold=True, size=13)
        first = 2
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for cell in put_row(sheet, first, header_cells):
        cell.font = bold
        cell.fill = fill
    reason_font = Font(color="B3261E")
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, (number, cells, reason) in enumerate(rows, start=first + 1):
        values = [str(number)] + ["" if c is None else str(c) for c in cells] + [""] * (width - len(cells)) + [reason]
        written = put_row(sheet, r, values)  # text cells: Excel keeps long digit strings as they are
        written[-1].alignment = wrap
        written[-1].font = reason_font
    for column in range(1, len(header_cells) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 12
    sheet.column_dimensions[get_column_letter(len(header_cells))].width = 60
    for index, header in enumerate(header_cells, start=1):
        if "身份证" in header or "证件" in header:
            sheet.column_dimensions[get_column_letter(index)].width = 22
    sheet.freeze_panes = sheet.cell(row=first + 1, column=1).coordinate
    return save_workbook(workbook, path)
