"""How this counter prints its papers: through the standard print dialog (the default), or straight
to a printer without asking. Kept in the `settings` table, so it holds for every clerk of the
counter; changed by a supervisor or administrator (audited, what it was and is).

- `print_without_dialog`: "1" prints without the dialog, "0" (or nothing) asks every time;
- `print_printer`: the print queue to use without asking; empty means the system's default printer.

The printer's name is not checked against the printers installed here: the service has no
access to them (ui/settings/print_settings_page.py lists them), and the name may belong to another PC of
the counter sharing the database. The preview says so when the printer cannot be found.
"""

from __future__ import annotations

from dataclasses import dataclass

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.text import clean_text
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.repositories import SettingRepository

WITHOUT_DIALOG_KEY = "print_without_dialog"
PRINTER_KEY = "print_printer"
PRINTER_NAME_LIMIT = 127  # CUPS allows queue names up to 127 characters


@dataclass(frozen=True)
class PrintSettings:
    without_dialog: bool = False
    printer: str = ""  # empty: the system's default printer

    def to_json_dict(self) -> dict:
        return {"without_dialog": self.without_dialog, "printer": self.printer}


def read_print_settings(session) -> PrintSettings:
    """The print settings inside an open unit of work."""
    settings = SettingRepository(session)
    return PrintSettings(
        without_dialog=(settings.get(WITHOUT_DIALOG_KEY) or "").strip() == "1",
        printer=(settings.get(PRINTER_KEY) or "").strip(),
    )


def get_print_settings(db: Database) -> PrintSettings:
    with UnitOfWork(db, read_only=True) as uow:
        return read_print_settings(uow.session)


def clean_printer_name(name: str | None) -> str:
    """The printer's name as it is kept: trimmed, otherwise as the system spells it (not made
    half-width: it must match the queue's name). InputError when it cannot be a queue's name."""
    text = (name or "").strip()
    if any(ch in "\t\n\r\u2028\u2029" for ch in text):  # a line break is no part of a queue's name
        raise InputError("printer", "打印机名称里有控制字符（换行），请从列表里选择打印机。", "hidden_character")
    return clean_text(text, field="printer", label="打印机名称", limit=PRINTER_NAME_LIMIT, halfwidth=False) or ""


def set_print_settings(db: Database, user: UserInfo, new: PrintSettings) -> PrintSettings:
    """Save how this counter prints (supervisors and administrators); audited. Returns what is kept."""
    require(user, "edit_print_settings")
    if not isinstance(new.without_dialog, bool):
        raise ServiceError("「直接打印」只能是打开或关闭。")
    kept = PrintSettings(without_dialog=new.without_dialog, printer=clean_printer_name(new.printer))
    with UnitOfWork(db, user=user) as uow:
        before = read_print_settings(uow.session)
        settings = SettingRepository(uow.session)
        settings.put(WITHOUT_DIALOG_KEY, "1" if kept.without_dialog else "0")
        settings.put(PRINTER_KEY, kept.printer)
        uow.audit("settings.printing", "setting", "printing", before=before.to_json_dict(), after=kept.to_json_dict())
        uow.commit()
    return kept
