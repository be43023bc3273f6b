"""Writing spreadsheets (.xlsx): the one place where a value becomes a cell, and where a workbook is saved.

No spreadsheet the program writes contains a formula made from data (OWASP "CSV injection"). openpyxl
turns any str that starts with "=" into a formula; here every str is written as a TEXT cell
(data_type "s", an inline string), whatever it starts with (= + - @, a tab, a line break), with the
text number format "@" (Excel keeps it text when the cell is edited) and, for text that starts with one
of those characters, Excel's quote prefix (the cell shows and exports as text). Numbers (int, Decimal,
float) are number cells, dates date cells, None an empty cell. Every writer in io/ goes through `put`.

Text is made storable in the file: a line break is "\n" (a "\r\n" or lone "\r" would come back as "\n"
anyway: XML normalises it), and the control characters that an .xlsx cannot hold (U+0000-U+001F but
tab and line feed) become U+FFFD, so that a row refused for such a character can still be written in
the bad-rows file, with the reason saying where the character was.

`save_workbook` writes through safe_files.atomic_path: a temporary name beside the target, renamed
over it only when complete (a kill or a full disk never leaves a half file nor destroys the previous
one); stale leftovers of killed writers in that folder are removed first.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mutualaid_desktop.domain import clock
from mutualaid_desktop.safe_files import atomic_path, remove_leftovers

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

TEXT_FORMAT = "@"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")  # what a spreadsheet may read as the start of a formula
_UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what openpyxl refuses (IllegalCharacterError)
_LINE_BREAK = re.compile(r"\r\n?")
REPLACEMENT = "\ufffd"


def new_workbook(title: str) -> tuple[Workbook, Worksheet]:
    """A new workbook and its one sheet, named `title`."""
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet), sheet  # a new workbook holds one worksheet
    sheet.title = title
    return workbook, sheet


def text_value(text: str) -> str:
    """`text` as a cell can hold it: line breaks as "\n", unstorable control characters as U+FFFD."""
    return _UNSTORABLE.sub(REPLACEMENT, _LINE_BREAK.sub("\n", text))


def put(sheet, row: int, column: int, value: Any, *, number_format: str | None = None):
    """Write `value` in the cell (row, column) of `sheet` and return the cell: a str as text (never a
    formula), a number as a number (with `number_format` if given), a date as a date, None as empty."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        text = text_value(value)
        cell.value = text
        cell.data_type = "s"  # openpyxl made "=..." a formula when the value was set: text it is
        cell.number_format = TEXT_FORMAT
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
        return cell
    if value is None or isinstance(value, (bool, int, Decimal, float, datetime, date, time)):
        if isinstance(value, Decimal) and not value.is_finite():
            raise ValueError(f"not a finite number: {value!r}")
        cell.value = value
        if number_format is not None:
            cell.number_format = number_format
        return cell
    raise TypeError(f"no cell for a {type(value).__name__}: convert it to text or a number first")


def put_row(sheet, row: int, values: Iterable[Any], *, first_column: int = 1) -> list:
    """`put` each of `values` in `row`, from `first_column`; returns the cells."""
    return [put(sheet, row, column, value) for column, value in enumerate(values, start=first_column)]


def save_workbook(workbook, path: str | os.PathLike[str]) -> Path:
    """Save `workbook` at `path` through safe_files (whole or not at all). Raises OSError (DiskFull...).

    As openpyxl's Workbook.save, but the zip archive is closed also when writing fails (openpyxl leaves it
    open on a full disk, and its clean-up at exit prints a traceback to the console)."""
    from openpyxl.writer.excel import ExcelWriter

    target = Path(path)
    remove_leftovers(target.parent)
    with atomic_path(target) as part, zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        workbook.properties.modified = clock.utcnow()
        ExcelWriter(workbook, archive).write_data()
    return target


__all__ = ["FORMULA_STARTS", "TEXT_FORMAT", "put", "put_row", "save_workbook", "text_value"]
