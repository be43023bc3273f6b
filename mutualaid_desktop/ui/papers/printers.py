"""The printers of this computer and the print settings in use, for the preview (ui/papers/paper_preview.py)
and the settings tab (设置 → 打印): which queues there are and which is the default, where a QPrinter printed
(a queue, or a PDF file), the settings the counter prints with (set for the whole program by
`use_print_settings`, else asked of the paper's printer recorder), and the recorder's warning that the
counter's address, phone or hours are not filled in."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from mutualaid_desktop.services.papers.print_settings import PrintSettings

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

log = logging.getLogger(__name__)

# What on_printed is told when the paper went to a PDF file rather than a printer (kept in the
# database with the print record, so not translated).
PDF_FILE_PREFIX = "PDF 文件："

# Set by use_print_settings(): the settings for every preview, instead of the database's.
_settings_in_use: PrintSettings | None = None


def use_print_settings(settings: PrintSettings | None) -> None:
    """Print with `settings` from now on (None: read them from the counter's database again)."""
    global _settings_in_use
    _settings_in_use = settings


def available_printers() -> list[str]:
    """The print queues of this computer (CUPS on Linux, the Windows printers), sorted."""
    from PySide6.QtPrintSupport import QPrinterInfo

    return sorted(QPrinterInfo.availablePrinterNames(), key=str.casefold)


def default_printer() -> str:
    """The system's default printer, or "" when there is none."""
    from PySide6.QtPrintSupport import QPrinterInfo

    return QPrinterInfo.defaultPrinterName() or ""


def printed_to(printer: QPrinter) -> str:
    """Where a QPrinter printed: its queue, or PDF_FILE_PREFIX + the file when it printed to a file."""
    from PySide6.QtPrintSupport import QPrinter

    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat or (
        printer.outputFileName() and not printer.printerName()
    ):
        return PDF_FILE_PREFIX + printer.outputFileName()
    return printer.printerName()


def current_print_settings(on_printed: object = None) -> PrintSettings:
    """The print settings in use: those set by use_print_settings(), else the counter's, asked of the
    paper's printer recorder (services/printed_papers.PrinterRecorder.print_settings: it knows the
    counter's database), else the defaults (always the print dialog)."""
    if _settings_in_use is not None:
        return _settings_in_use
    read = getattr(on_printed, "print_settings", None)
    if callable(read):
        try:
            return read()
        except Exception:  # the dialog is still there to print with
            log.warning("cannot read the print settings", exc_info=True)
    return PrintSettings()


def counter_info_warning(on_printed: object) -> str | None:
    """What the paper's printer recorder warns of before it is printed (the counter's address, phone
    or hours not filled in), or None; a failure to ask is logged, not shown (the paper prints all the same)."""
    ask = getattr(on_printed, "counter_info_warning", None)
    if not callable(ask):
        return None
    try:
        return ask()
    except Exception:
        log.warning("cannot check the counter information", exc_info=True)
        return None
