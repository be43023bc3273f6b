"""Reading a unit's staff roster (职工名册): .xlsx, .xls or .csv, as rows of strings.

Each row keeps its row number in the sheet (what the clerk sees in Excel), so that a bad row can
be named. Cells Excel stored as numbers are given back as the text Excel would show, and their
columns are listed in `RosterRow.numeric`: an ID number typed as a number has lost its last digits
(Excel keeps 15 significant digits, 611002198005011000 / 6.11002E+17) and must be flagged and
re-typed, never "fixed". Empty rows are left out.

CSV files are decoded as UTF-8 (with or without BOM) or, failing that, GB18030, which is what
Excel on a Chinese Windows writes when a sheet is saved as "CSV (逗号分隔)".

What a file may hold is limited (io/read_limits): its size and, for .xlsx, the inflated size of its
parts are checked before anything is read or inflated; rows, cells and CSV lines while reading. A
file over a limit is a RosterFileError saying what is wrong and what to do.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path

from mutualaid_desktop.io.read_limits import (
    DEFAULT_LIMITS,
    ReadLimits,
    cell_too_long,
    file_size_problem,
    line_too_long,
    too_many_rows,
    xlsx_archive_problem,
)

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".txt")
PROGRESS_EVERY = 2000

Progress = Callable[[int, int], None]  # (rows read, estimated total rows)
Cancelled = Callable[[], bool]


class RosterFileError(Exception):
    """A roster file that cannot be read; `message` (Chinese) says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RosterReadCancelled(Exception):
    """Reading stopped because the user cancelled."""


@dataclass(frozen=True, slots=True)
class RosterRow:
    number: int  # row number in the sheet (1-based), or the record number in a CSV file
    cells: tuple[str, ...]  # stripped text of every cell ('' for empty)
    numeric: tuple[int, ...] = ()  # indexes of the cells Excel stored as numbers

    def cell(self, index: int | None) -> str:
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index]


@dataclass(frozen=True)
class RosterTable:
    path: Path
    sheet: str | None  # the sheet read (workbooks), None for CSV
    encoding: str | None  # CSV: utf-8, utf-8-sig or gb18030
    rows: list[RosterRow]


def read_roster(
    path: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> RosterTable:
    """Read the first sheet that has data, within `limits`. Raises RosterFileError or RosterReadCancelled."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise RosterFileError(
            f"不支持的文件类型「{path.suffix or '无扩展名'}」：请把名册保存为 Excel（.xlsx / .xls）或 CSV 文件后再导入。"
        )
    if not path.is_file():
        raise RosterFileError(f"找不到文件 {path}，请检查文件是否存在。")
    try:
        _check_size(path, suffix, limits)
        if suffix in (".xlsx", ".xlsm"):
            sheet, encoding, rows = _read_xlsx(path, progress, cancelled, limits)
        elif suffix == ".xls":
            sheet, encoding, rows = _read_xls(path, progress, cancelled, limits)
        else:
            sheet, encoding, rows = None, *_read_csv(path, progress, cancelled, limits)
    except (RosterFileError, RosterReadCancelled):
        raise
    except PermissionError:
        raise RosterFileError(f"无法打开 {path.name}：文件可能正在 Excel 中打开，请关闭 Excel 后重试。") from None
    except OSError as exc:
        raise RosterFileError(f"无法读取 {path.name}：{exc.strerror or exc}。") from None
    except Exception as exc:  # a damaged or mislabelled file: the readers raise many kinds
        raise RosterFileError(
            f"无法读取 {path.name}：文件已损坏或不是真正的 {suffix} 文件（{type(exc).__name__}）。"
            "请在 Excel 中打开它，另存为 .xlsx 后重试。"
        ) from exc
    return RosterTable(path, sheet, encoding, rows)


def _check_size(path: Path, suffix: str, limits: ReadLimits) -> None:
    """The limits known before reading: the file's size; an .xlsx's parts inflated (its zip directory)."""
    if suffix in (".xlsx", ".xlsm"):
        problem = file_size_problem(path, limits.xlsx_bytes) or xlsx_archive_problem(path, limits)
    elif suffix == ".xls":
        problem = file_size_problem(path, limits.xls_bytes)
    else:
        problem = file_size_problem(path, limits.csv_bytes)
    if problem:
        raise RosterFileError(problem)


def _starts_with(path: Path, magic: bytes) -> bool:
    with open(path, "rb") as file:
        return file.read(len(magic)) == magic


# --- cells --------------------------------------------------------------------------------------


def _number_text(value: int | float) -> str:
    """A number as Excel shows it in full: 6.11002198005011e+17 -> 611002198005011000."""
    if isinstance(value, int):
        return str(value)
    try:
        number = Decimal(repr(value))
    except InvalidOperation:  # inf / nan
        return repr(value)
    if number == number.to_integral_value():
        return f"{number.quantize(Decimal(1)):f}"
    return f"{number.normalize():f}"


def _cell_text(value) -> tuple[str, bool]:
    """(text, stored as a number)."""
    if value is None:
        return "", False
    if isinstance(value, str):
        return value.strip(), False
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), False
    if isinstance(value, (int, float)):
        return _number_text(value), True
    if isinstance(value, datetime):
        return (value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")), False
    if isinstance(value, (date, time)):
        return value.isoformat(), False
    return str(value).strip(), False


def _rows(
    values: Iterable[tuple],
    first_number: int,
    total: int,
    progress,
    cancelled,
    limits: ReadLimits = DEFAULT_LIMITS,
    name: str = "",
) -> Iterator[RosterRow]:
    count = 0
    for number, raw in enumerate(values, start=first_number):
        if number % PROGRESS_EVERY == 0:
            if cancelled is not None and cancelled():
                raise RosterReadCancelled()
            if progress is not None:
                progress(number, total)
        if not raw:
            continue
        cells: list[str] = []
        numeric: list[int] = []
        for index, value in enumerate(raw):
            if value is None:
                cells.append("")
                continue
            text, is_number = _cell_text(value)
            if len(text) > limits.cell_chars:
                raise RosterFileError(cell_too_long(name, number, index + 1, len(text), limits.cell_chars))
            cells.append(text)
            if is_number:
                numeric.append(index)
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            count += 1
            if count > limits.rows:
                raise RosterFileError(too_many_rows(name, limits.rows))
            yield RosterRow(number, tuple(cells), tuple(numeric))


# --- the formats ----------------------------------------------------------------------------------


def _read_xlsx(path: Path, progress, cancelled, limits: ReadLimits) -> tuple[str | None, str | None, list[RosterRow]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        if _starts_with(path, b"\xd0\xcf\x11\xe0"):
            raise RosterFileError(
                f"{path.name} 实际上是旧版 Excel（.xls）文件，请把扩展名改为 .xls，或在 Excel 中另存为 .xlsx 后重试。"
            ) from exc
        raise
    try:
        for sheet in workbook.worksheets:
            if sheet.max_column is not None and sheet.max_column <= 1:
                sheet.reset_dimensions()  # some programs write a wrong dimension (A1:A1)
            total = sheet.max_row or 0
            values = sheet.iter_rows(values_only=True)  # holds the sheet's part of the archive open
            try:
                rows = list(_rows(values, 1, total, progress, cancelled, limits, path.name))
            finally:
                values.close()  # also when a limit stops the reading: the part is closed now, not by the GC
            if rows:
                return sheet.title, None, rows
        return (workbook.worksheets[0].title if workbook.worksheets else None), None, []
    finally:
        workbook.close()


def _read_xls(path: Path, progress, cancelled, limits: ReadLimits) -> tuple[str | None, str | None, list[RosterRow]]:
    import xlrd
    from xlrd.biffh import XLRDError

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except XLRDError as exc:
        if _starts_with(path, b"PK"):
            raise RosterFileError(
                f"{path.name} 实际上是新版 Excel（.xlsx）文件，请把扩展名改为 .xlsx 后重试。"
            ) from exc
        raise
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.nrows > limits.rows:
                raise RosterFileError(too_many_rows(path.name, limits.rows))
            datemode = book.datemode

            def values(sheet=sheet, datemode=datemode):
                for rowx in range(sheet.nrows):
                    out = []
                    for cell in sheet.row(rowx):
                        kind = cell.ctype
                        if kind == xlrd.XL_CELL_NUMBER:
                            out.append(
                                int(cell.value) if cell.value.is_integer() and abs(cell.value) < 2**53 else cell.value
                            )
                        elif kind == xlrd.XL_CELL_DATE:
                            try:
                                out.append(xlrd.xldate_as_datetime(cell.value, datemode))
                            except (ValueError, OverflowError):
                                out.append(cell.value)
                        elif kind == xlrd.XL_CELL_BOOLEAN:
                            out.append(bool(cell.value))
                        elif kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                            out.append(None)
                        elif kind == xlrd.XL_CELL_ERROR:
                            out.append("#错误")
                        else:
                            out.append(cell.value)
                    yield tuple(out)

            rows = list(_rows(values(), 1, sheet.nrows, progress, cancelled, limits, path.name))
            if rows:
                return sheet.name, None, rows
        return (book.sheet_by_index(0).name if book.nsheets else None), None, []
    finally:
        book.release_resources()


def decode_csv(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with BOM, UTF-8, or GB18030 (Excel on a Chinese Windows)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise RosterFileError(
            "无法识别 CSV 文件的文字编码（不是 UTF-8 也不是 GB18030/GBK）。请在 Excel 中打开它，另存为 .xlsx 后重试。"
        ) from None


def _checked_lines(text: str, name: str, limit: int) -> Iterator[str]:
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if len(line) > limit and len(line.rstrip("\r\n")) > limit:
            raise RosterFileError(line_too_long(name, number, len(line.rstrip("\r\n")), limit))
        yield line


def _read_csv(path: Path, progress, cancelled, limits: ReadLimits) -> tuple[str, list[RosterRow]]:
    text, encoding = decode_csv(path.read_bytes())
    sample = text[:4096]
    first_line = sample.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=lambda d: first_line.count(d))
    if not first_line.count(delimiter):
        delimiter = ","
    reader = csv.reader(_checked_lines(text, path.name, limits.csv_line_chars), delimiter=delimiter)
    total = text.count("\n") + 1
    values = (tuple(cell if cell != "" else None for cell in record) for record in reader)
    return encoding, list(_rows(values, 1, total, progress, cancelled, limits, path.name))
