"""How much a roster file may hold, checked before its content is inflated or read whole.

A roster is a unit's staff list: at most some tens of thousands of rows, short cells. A file far
beyond that is a mistake (the wrong file, a sheet with a million formatted empty rows, a cell
holding a pasted document) or an attack (a "zip bomb": a small .xlsx whose sheet inflates to
gigabytes, which would keep openpyxl busy for minutes and end in a MemoryError). Each limit is
refused with a Chinese message saying what is wrong and what to do:

- the file's own size (.xlsx, .xls, .csv), from the file system, before anything is read;
- for .xlsx (a zip archive): the inflated size of each part and of all parts together, and how much
  more that is than the compressed size, read from the zip directory before openpyxl opens the file
  (Python's zipfile never inflates a part beyond the size its directory declares, so what is
  declared bounds what is read);
- the number of rows and the length of a cell (and of a CSV line), while reading, stopping at the
  first one over the limit.

`ReadLimits` holds the figures (tests lower them to keep files small); `DEFAULT_LIMITS` is what the
program uses.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

MIB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    rows: int = 200_000  # non-empty rows of the sheet read (title and header rows included)
    # characters in one cell: well above the longest field (备注, 1,000), so that a cell a little too
    # long is a bad row with its reason, and only a pasted essay refuses the file
    cell_chars: int = 10_000
    csv_line_chars: int = 20_000  # characters in one line of a CSV file
    csv_bytes: int = 100 * MIB  # a .csv / .txt file
    xls_bytes: int = 64 * MIB  # an .xls file (xlrd reads it whole into memory)
    xlsx_bytes: int = 100 * MIB  # an .xlsx file as stored (compressed)
    xlsx_part_bytes: int = 256 * MIB  # one part of an .xlsx (a sheet, the shared strings) inflated
    xlsx_total_bytes: int = 512 * MIB  # all parts of an .xlsx inflated
    xlsx_ratio: int = 1_000  # inflated / compressed of a part of more than ratio_floor bytes
    ratio_floor: int = 16 * MIB


DEFAULT_LIMITS = ReadLimits()


def megabytes(size: int) -> str:
    return f"{size / MIB:,.0f} MB" if size >= MIB else f"{size / 1024:,.0f} KB"


def file_size_problem(path: Path, limit: int) -> str | None:
    """A message when the file at `path` is larger than `limit` bytes."""
    size = path.stat().st_size
    if size <= limit:
        return None
    return (
        f"{path.name} 有 {megabytes(size)}，超过一次可以导入的 {megabytes(limit)}，不像一个单位的名册。"
        "请检查是不是选错了文件；名册确实很大时，请把它分成几个文件（每个不超过 "
        f"{megabytes(limit)}），或只保留需要的列另存后再导入。"
    )


def xlsx_archive_problem(path: Path, limits: ReadLimits) -> str | None:
    """A message when the .xlsx at `path` would inflate beyond the limits, read from its zip directory
    (nothing is inflated). None for an archive within the limits, and for a file that is not a zip
    archive (the reader says what that is)."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    redo = (
        "请在 Excel 中打开它，把名册数据复制到一个新的工作簿，另存为 .xlsx 后再导入；"
        "名册确实很大时，请把它分成几个文件分别导入。"
    )
    total = 0
    for part in parts:
        total += part.file_size
        if part.file_size > limits.xlsx_part_bytes:
            return (
                f"{path.name} 中的表格内容解压后有 {megabytes(part.file_size)}，超过可以读取的 "
                f"{megabytes(limits.xlsx_part_bytes)}（文件可能是伪造或损坏的压缩文件，或表格中有大量空白格式）。"
                + redo
            )
        if part.file_size > limits.ratio_floor and part.file_size > limits.xlsx_ratio * max(part.compress_size, 1):
            return (
                f"{path.name} 中的表格内容解压后是压缩时的 {part.file_size // max(part.compress_size, 1):,} 倍，"
                "正常的 Excel 文件不会这样（可能是伪造的压缩文件）。" + redo
            )
    if total > limits.xlsx_total_bytes:
        return (
            f"{path.name} 的内容解压后共有 {megabytes(total)}，超过可以读取的 "
            f"{megabytes(limits.xlsx_total_bytes)}。" + redo
        )
    return None


def too_many_rows(name: str, limit: int) -> str:
    return (
        f"{name} 的名册超过 {limit:,} 行，一次最多导入 {limit:,} 行。"
        f"请把名册分成几个文件（每个不超过 {limit:,} 行）分别导入。"
    )


def cell_too_long(name: str, row: int, column: int, length: int, limit: int) -> str:
    return (
        f"{name} 第 {row} 行第 {column} 列有 {length:,} 个字符，超过每格最多 {limit:,} 个字符，不像名册的内容。"
        "请检查这一格（可能误粘贴了一大段文字），改正后再导入。"
    )


def line_too_long(name: str, line: int, length: int, limit: int) -> str:
    return (
        f"{name} 第 {line} 行有 {length:,} 个字符，超过每行最多 {limit:,} 个字符，不像名册的一行。"
        "请检查是不是选错了文件，或在 Excel 中打开它、另存为 .xlsx 后再导入。"
    )


__all__ = [
    "DEFAULT_LIMITS",
    "ReadLimits",
    "cell_too_long",
    "file_size_problem",
    "line_too_long",
    "too_many_rows",
    "xlsx_archive_problem",
]
