"""The statistics of the monthly cycle as .xlsx: the 统计 table as shown, and the monthly report (月报表).

One sheet: a title line, a subtitle line, the header, the rows, then notes and the signature line
(制表人 / 审核人 / 负责人). Cells by column kind:
- text: TEXT cells (codes with leading zeros stay as they are; a name starting with = + - @ is never a
  formula: io/xlsx_cells.put);
- count: integers (#,##0);
- money: the exact Decimal of the service, rounded to the fen, format "¥"#,##0.00;
- percent: a number with a percent format (0.00%): 88.00 % is the cell value 0.88 (from the Decimal);
- days: a number with one decimal (a median may be a half day);
- None is an empty cell.
Rows have a level: "total" (bold, tinted), "group" (bold: a county among units), "item". The header and
the first column stay frozen; printed A4 landscape, one page wide, the header repeated.
The file is written whole or not at all (xlsx_cells.save_workbook).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from mutualaid_desktop.io.xlsx_cells import new_workbook, put, save_workbook

FORMATS = {"count": "#,##0", "money": '"¥"#,##0.00', "percent": "0.00%", "days": "0.0"}
KINDS = ("text", *FORMATS)
LEVELS = ("total", "group", "item")
HEADER_ROW = 3
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Column:
    label: str
    kind: str  # text / count / money / percent / days
    width: int = 12


@dataclass(frozen=True)
class SheetRow:
    level: str  # total / group / item
    values: tuple  # one a column: str, int, Decimal or None


def cell_value(kind: str, value):
    """The value a cell gets for a column kind."""
    if value is None:
        return None
    if kind == "text":
        return str(value)
    if kind == "count":
        return int(value)
    if kind == "money":
        return Decimal(value).quantize(CENT)
    if kind == "percent":
        return Decimal(value) / 100
    if kind == "days":
        return Decimal(value)
    raise ValueError(f"unknown column kind {kind!r}")


def write_statistics_sheet(
    path: str | os.PathLike[str],
    columns: Sequence[Column],
    rows: Sequence[SheetRow],
    *,
    title: str,
    subtitle: str = "",
    sheet_title: str = "统计",
    notes: Sequence[str] = (),
    signatures: Sequence[str] = (),
) -> Path:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    if any(c.kind not in KINDS for c in columns):
        raise ValueError("unknown column kind")
    workbook, sheet = new_workbook(sheet_title)
    workbook.properties.title = title
    workbook.properties.creator = "mutualaid_desktop"
    put(sheet, 1, 1, title).font = Font(bold=True, size=14)
    if subtitle:
        put(sheet, 2, 1, subtitle).font = Font(size=10, color="555555")
    thin = Side(style="thin", color="B7C3D0")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    for number, column in enumerate(columns, start=1):
        cell = put(sheet, HEADER_ROW, number, column.label)
        cell.font, cell.border = bold, border
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    fills = {"total": PatternFill("solid", fgColor="DDE5EF"), "group": PatternFill("solid", fgColor="EEF2F7")}
    r = HEADER_ROW
    for row in rows:
        if row.level not in LEVELS or len(row.values) != len(columns):
            raise ValueError(f"a row of level {row.level!r} with {len(row.values)} values for {len(columns)} columns")
        r += 1
        for number, (column, value) in enumerate(zip(columns, row.values, strict=True), start=1):
            cell = put(sheet, r, number, cell_value(column.kind, value), number_format=FORMATS.get(column.kind))
            cell.border = border
            if row.level != "item":
                cell.font, cell.fill = bold, fills[row.level]
    last = r
    r += 1
    for line in (*notes, *(["   ".join(f"{s}：__________" for s in signatures)] if signatures else [])):
        r += 1
        put(sheet, r, 1, line).font = Font(size=10, color="333333")
    _lay_out(sheet, columns, table_end=last, sheet_end=r)
    return save_workbook(workbook, path)


def _lay_out(sheet, columns: Sequence[Column], *, table_end: int, sheet_end: int) -> None:
    from openpyxl.utils import get_column_letter

    for number, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=2).coordinate
    last_column = get_column_letter(len(columns))
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = f"A1:{last_column}{max(sheet_end, table_end)}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    fit, footer = sheet.sheet_properties.pageSetUpPr, sheet.oddFooter
    assert fit is not None and footer is not None  # a new sheet has both
    fit.fitToPage = True
    footer.center.text = "第 &P 页，共 &N 页"
