"""The file dialogs, opened where a clerk can write.

A dialog asked to open in a folder that does not exist opens in the program's working folder; on
Windows, started from the Start menu, that is the install folder, where a clerk cannot write (the
bank file's dialog did so before papers/bank existed). A save dialog's folder is therefore made
first; an open dialog with nothing to start from starts in the user's Documents."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def documents_folder() -> Path:
    """The user's Documents folder (their home folder where there is none)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location and Path(location).is_dir() else Path.home()


def ask_save_file(parent: QWidget, caption: str, suggested: Path, file_filter: str, *, suffix: str = "") -> str:
    """The path the clerk chose to save to ("" when they cancelled), the dialog opened on
    `suggested` in its folder; with `suffix` (".xlsx"), a name typed without it gets it."""
    with contextlib.suppress(OSError):  # the dialog says so when the clerk saves there
        suggested.parent.mkdir(parents=True, exist_ok=True)
    chosen, _filter = QFileDialog.getSaveFileName(parent, caption, str(suggested), file_filter)
    if chosen and suffix and not chosen.lower().endswith(suffix.lower()):
        chosen += suffix
    return chosen


def ask_open_file(parent: QWidget, caption: str, current: str, file_filter: str) -> str:
    """The file the clerk chose to open ("" when they cancelled), starting at `current` (a file or a
    folder) or else in Documents."""
    chosen, _filter = QFileDialog.getOpenFileName(parent, caption, current or str(documents_folder()), file_filter)
    return chosen
