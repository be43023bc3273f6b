"""The renewal overview (续保进度) as .xlsx, to send to the county unions.

Plain rows in, one sheet out: a title line, a line with the plans and the time, the header, then the
rows as given (county subtotal rows, unit rows, the closing total row), then notes.

- the first column, 层级, says what a row is (县区小计 / 单位 / 合计), and the table has an auto-filter: filtered
  to 单位, a column adds up to the total once (summing the whole column would count the units two or three
  times: in their county's subtotal and in the total);
- codes, contact names and phone numbers are TEXT cells (number format "@"): 0914-2311111 or a code
  with a leading zero stays as it is, Excel does not turn it into a number;
- counts are integers (format #,##0);
- money is a number with the format "¥"#,##0.00, made from the exact Decimal of the service (rounded
  to the fen; the Decimal becomes the cell's number only when the cell is written);
- the renewal rate is a number with a percent format (0.0%): 31.3 % is the cell value 0.313;
- county subtotal rows and the total row are bold on a tinted background; unit names are indented;
- the header (and the name column) stay frozen when scrolling; printing is landscape, one page wide,
  with the header repeated on every page.

Every text (the title and subtitle with the org's and plans' names, unit names, contacts, notes) is
a text cell, never a formula, also when it starts with = + - @ (io/xlsx_cells.put). The file is written
whole or not at all (xlsx_cells.save_workbook): a file that cannot be replaced (open in Excel), a kill
or a full disk leaves the previous file as it was and no half-written file.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from mutualaid_desktop.io.xlsx_cells import TEXT_FORMAT, new_workbook, put, save_workbook

HEADERS = (
    "层级",
    "县区 / 单位",
    "代码",
    "联系人",
    "电话",
    "上年参保",
    "已续保",
    "其中转入",
    "续保率",
    "待缴费",
    "离开",
    "转出",
    "不能续保",
    "未续保",
    "新参保",
    "已收金额",
    "状态",
)
(
    LEVEL,
    NAME,
    CODE,
    CONTACT,
    PHONE,
    COVERED,
    RENEWED,
    MOVED_IN,
    RATE,
    PENDING,
    LEFT,
    MOVED_OUT,
    CANNOT,
    OPEN,
    JOINERS,
    RECEIVED,
    STATE,
) = range(1, 18)
TEXT_COLUMNS = (LEVEL, NAME, CODE, CONTACT, PHONE, STATE)
COUNT_COLUMNS = (COVERED, RENEWED, MOVED_IN, PENDING, LEFT, MOVED_OUT, CANNOT, OPEN, JOINERS)
WIDTHS = {
    LEVEL: 9,
    NAME: 36,
    CODE: 14,
    CONTACT: 10,
    PHONE: 16,
    COVERED: 10,
    RENEWED: 9,
    MOVED_IN: 9,
    RATE: 9,
    PENDING: 9,
    LEFT: 8,
    MOVED_OUT: 8,
    CANNOT: 9,
    OPEN: 9,
    JOINERS: 9,
    RECEIVED: 16,
    STATE: 12,
}
LEVEL_LABELS = {"county": "县区小计", "unit": "单位", "total": "合计"}
SHEET_TITLE = "续保进度"
MONEY_FORMAT = '"¥"#,##0.00'
COUNT_FORMAT = "#,##0"
RATE_FORMAT = "0.0%"
FIRST_ROW = 4  # title, plans line, header, then the rows
HEADER_ROW = FIRST_ROW - 1
COUNTY_FILL = "EEF2F7"
TOTAL_FILL = "DDE5EF"
HEADER_FILL = "DDEBF7"
STATE_COLORS = {"尚未来办理": "B3261E", "部分续保": "B26A00", "待缴费": "B26A00", "已办完": "2E7D32"}
LEVELS = ("county", "unit", "total")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class OverviewSheetRow:
    """One line of the sheet. `rate` is the renewal rate in percent (Decimal("31.3")) or None when
    nobody was covered; `received` the exact amount; `left` the members recorded as having left (离开), then
    the members renewed in another unit (转出), moved in among `renewed` (转入) and outside next year's age limit
    (不能续保): the last fields, so that rows made before them still read the same."""

    level: str  # "county" (a subtotal), "unit", "total"
    name: str
    code: str = ""
    contact: str = ""
    phone: str = ""
    covered: int = 0
    renewed: int = 0
    rate: Decimal | None = None
    pending: int = 0
    open: int = 0
    joiners: int = 0
    received: Decimal = Decimal("0.00")
    state: str = ""
    left: int = 0
    moved_out: int = 0
    moved_in: int = 0
    cannot: int = 0


def money_value(amount: Decimal) -> float | int:
    """The number of a money cell: the Decimal rounded to the fen, converted once, here."""
    exact = Decimal(amount).quantize(CENT)
    return int(exact) if exact == exact.to_integral_value() else float(exact)


def rate_value(rate: Decimal | None) -> float | None:
    """The cell value of a percentage (31.3 -> 0.313), None when there is no rate."""
    if rate is None:
        return None
    return float(Decimal(rate) / 100)


def write_renewal_overview(
    path: str | os.PathLike[str],
    rows: Sequence[OverviewSheetRow],
    *,
    title: str,
    subtitle: str = "",
    notes: Sequence[str] = (),
) -> Path:
    """Write the rows (in their order) under the title, the subtitle line and the header; `notes`
    go under the table, one a line. Returns the path."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    path = Path(path)
    workbook, sheet = new_workbook(SHEET_TITLE)
    workbook.properties.title = title
    workbook.properties.creator = "mutualaid_desktop"

    put(sheet, 1, 1, title).font = Font(bold=True, size=14)
    if subtitle:
        put(sheet, 2, 1, subtitle).font = Font(size=10, color="555555")
    sheet.row_dimensions[1].height = 24

    thin = Side(style="thin", color="B7C3D0")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    for column, text in enumerate(HEADERS, start=1):
        cell = put(sheet, HEADER_ROW, column, text)
        cell.font = bold
        cell.fill = header_fill
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[HEADER_ROW].height = 20

    fills = {"county": PatternFill("solid", fgColor=COUNTY_FILL), "total": PatternFill("solid", fgColor=TOTAL_FILL)}
    indent = Alignment(indent=1)
    state_fonts = {state: Font(color=color) for state, color in STATE_COLORS.items()}
    r = HEADER_ROW
    for row in rows:
        if row.level not in LEVELS:
            raise ValueError(f"unknown row level {row.level!r}")
        r += 1
        values = _values(row)
        for column in range(1, len(HEADERS) + 1):
            value = values[column]
            if column in TEXT_COLUMNS:
                cell = put(sheet, r, column, "" if value is None else str(value))
            else:
                cell = put(
                    sheet,
                    r,
                    column,
                    value,
                    number_format=(
                        COUNT_FORMAT if column in COUNT_COLUMNS else RATE_FORMAT if column == RATE else MONEY_FORMAT
                    ),
                )
            cell.border = border
            if row.level != "unit":
                cell.font = bold
                cell.fill = fills[row.level]
        if row.level == "unit":
            sheet.cell(row=r, column=NAME).alignment = indent
            if row.state in state_fonts:
                sheet.cell(row=r, column=STATE).font = state_fonts[row.state]
    last = r
    for note in notes:
        r += 1
        if r == last + 1:
            r += 1  # an empty line between the table and the notes
        put(sheet, r, 1, note).font = Font(size=9, color="555555")

    _lay_out(sheet, table_end=last, sheet_end=r)
    return save_workbook(workbook, path)


def _values(row: OverviewSheetRow) -> dict[int, object]:
    """The row's value in each column."""
    return {
        LEVEL: LEVEL_LABELS[row.level],
        NAME: row.name,
        CODE: row.code,
        CONTACT: row.contact,
        PHONE: row.phone,
        STATE: row.state,
        COVERED: int(row.covered),
        RENEWED: int(row.renewed),
        MOVED_IN: int(row.moved_in),
        PENDING: int(row.pending),
        LEFT: int(row.left),
        MOVED_OUT: int(row.moved_out),
        CANNOT: int(row.cannot),
        OPEN: int(row.open),
        JOINERS: int(row.joiners),
        RATE: rate_value(row.rate),
        RECEIVED: money_value(row.received),
    }


def _lay_out(sheet, *, table_end: int, sheet_end: int) -> None:
    """Column widths, frozen header, the filter over the table, and the printed page (A4 landscape, one page
    wide, the header repeated, numbered pages)."""
    from openpyxl.utils import get_column_letter

    for column, width in WIDTHS.items():
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=NAME + 1).coordinate
    if table_end > HEADER_ROW:  # filter by 层级 (单位: each unit once) or by 状态
        sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(HEADERS))}{table_end}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = f"A1:{get_column_letter(len(HEADERS))}{max(sheet_end, HEADER_ROW)}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    fit, footer = sheet.sheet_properties.pageSetUpPr, sheet.oddFooter
    assert fit is not None and footer is not None  # a new sheet has both
    fit.fitToPage = True
    sheet.print_options.horizontalCentered = True
    footer.center.text = "第 &P 页，共 &N 页"


__all__ = [
    "HEADERS",
    "LEVEL_LABELS",
    "TEXT_FORMAT",
    "OverviewSheetRow",
    "money_value",
    "rate_value",
    "write_renewal_overview",
]
