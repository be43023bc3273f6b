"""预览: a paper (a PDF the program made) shown inside the program before it is printed.

The pages scroll one under the other at the window's width. 打印… asks for a printer in the
standard print dialog and prints every page; where the counter prints without asking (设置 → 打印, services/papers/print_settings.py), 打印
sends the paper straight to the chosen printer, or the system's default one, and says where it went.
How a page reaches the printer keeps the paper's vector text where it can (`send`): a CUPS queue
(Linux, macOS) is sent the PDF itself (ui/papers/print_queue.py, `lp`: with the copies, pages, page size
and sides chosen), a PDF file chosen in the dialog gets a copy of the paper; only other printers
(Windows) and a part of the pages to a PDF file get each page drawn as an image at the printer's
resolution (`print_to`).
另存为… copies the PDF; 用系统程序打开 hands it to the system's PDF viewer.
Keyboard: Ctrl+P prints, Esc closes.

After a successful print, `on_printed(printer_name)` is called: the printer's queue name, or
"PDF 文件：<path>" when the paper was printed to a PDF file. Given the window's task runner (`runner`,
as payment_dialog.open_pdf passes it), it runs there as an operation, off the GUI thread (a printer
recorder writes the print record); without one it is called in place (a callback that writes nothing).
A ServiceError it raises is shown to the clerk (the paper is printed all the same); nothing it raises
ends the program. A voucher is not printed again while its record is being written.

`not_printable`: a draft (a paper made from texts not saved yet) is shown to be looked at: 打印 is
disabled, its tooltip and the status line say why (the text given).

`print_once`: a voucher (a receipt, a notice: not a handout) is printed once from its preview — after
the first successful print (and on_printed accepting it), 打印 is disabled and says where it went and
that another paper is made by 补打 in 票据 → 打印记录. None (the default): as `on_printed.print_once`
says (services/printed_papers.printer_recorder knows the paper's kind), so every caller of open_pdf
that passes a recorder gets it.

A paper that prints the counter's address, phone and hours (温馨提示, 续保提示单) while they are not
filled in says so above its buttons, and the first such preview of the program's run also opens a
message saying what is missing and pointing to 设置 → 柜台信息 (the paper's printer recorder asks
services/counter_setup.counter_info_warning); once they are filled in, the next empty one warns again.

The print settings come from the counter's database through the paper's printer recorder (every
paper of the program is shown with one: it knows the database), read when the preview opens (one
read of the settings table); `use_print_settings()` sets them for the whole program instead (tests
do); the settings tab passes its own (打印测试页).

QtPdf is loaded only when this module is imported (payment_dialog.open_pdf imports it on first
use), never at start-up.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.safe_files import atomic_path, describe_write_error, remove_leftovers
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.papers.print_settings import PrintSettings
from mutualaid_desktop.ui.common.file_dialogs import ask_save_file, documents_folder
from mutualaid_desktop.ui.common.widgets import ERROR_COLOR
from mutualaid_desktop.ui.papers import print_queue
from mutualaid_desktop.ui.papers.printers import (  # use_print_settings: also asked for here (tests)
    available_printers,
    counter_info_warning,
    current_print_settings,
    default_printer,
    printed_to,
)
from mutualaid_desktop.ui.papers.printers import use_print_settings as use_print_settings

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from mutualaid_desktop.ui.shell.task_runner import TaskRunner

log = logging.getLogger(__name__)


# A page is drawn as an image at the printer's resolution, but never finer than this: an A4 page
# at 600 dpi is already about 140 MB of pixels.
MAX_PRINT_DPI = 600

# A paper with more pages than this shows a progress dialog with 取消 while it prints.
PROGRESS_FROM_PAGES = 3

# The missing counter information was warned of in a message in this run (once; again after it was filled in).
_counter_warning_given = False


class PaperPreviewDialog(QDialog):
    def __init__(
        self,
        path: Path | str,
        parent: QWidget | None = None,
        *,
        on_printed: Callable[[str], object] | None = None,
        print_settings: PrintSettings | None = None,
        print_once: bool | None = None,
        not_printable: str = "",
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.on_printed = on_printed
        self.runner = runner
        self.recording = False  # the print record is being written on the runner
        self.print_once = print_once
        self.printed_once = False  # a print_once paper was printed: 打印 is disabled
        self.print_settings = print_settings if print_settings is not None else current_print_settings(on_printed)
        self.last_printer: str | None = None  # where the paper was last printed
        self.setWindowTitle(self.tr("预览：{name}").format(name=self.path.name))
        self.setModal(True)

        self._build_view()
        self._build_buttons(not_printable)
        self._build_counter_warning(on_printed)
        self._build_print_action(not_printable)
        self._lay_out()
        self._size_to_screen(parent)
        self.view.setFocus()

    def _build_view(self) -> None:
        """The PDF, its pages one under the other at the window's width."""
        self.document = QPdfDocument(self)
        self.document.load(str(self.path))

        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)

    def _build_buttons(self, not_printable: str) -> None:
        """The page count, the status line and 打印, 另存为, 用系统程序打开, 关闭."""
        self.pages_label = QLabel(self.tr("共 {count} 页").format(count=self.page_count()), self)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("printStatusLabel")
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setWordWrap(True)  # a long "printed to <file>" must not widen the window
        direct = self.print_settings.without_dialog
        self.print_button = QPushButton(self.tr("打印(&P)") if direct else self.tr("打印(&P)…"), self)
        self.save_button = QPushButton(self.tr("另存为(&S)…"), self)
        self.system_button = QPushButton(self.tr("用系统程序打开(&O)"), self)
        self.close_button = QPushButton(self.tr("关闭"), self)
        if not direct:
            self.print_button.setToolTip(self.tr("选择打印机并打印全部页面（Ctrl+P）"))
        elif self.print_settings.printer:
            self.print_button.setToolTip(
                self.tr("不再询问，直接打印到「{printer}」（Ctrl+P）").format(printer=self.print_settings.printer)
            )
        else:
            self.print_button.setToolTip(self.tr("不再询问，直接打印到系统默认打印机（Ctrl+P）"))
        if direct:
            target = self.print_settings.printer or default_printer() or self.tr("系统默认打印机")
            self.status_label.setText(self.tr("打印时不询问，直接送到：{printer}").format(printer=target))
        self.print_button.setDefault(True)
        for button in (self.save_button, self.system_button, self.close_button):
            button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_paper)
        self.save_button.clicked.connect(self.save_as)
        self.system_button.clicked.connect(self.open_with_system)
        self.close_button.clicked.connect(self.reject)
        enabled = self.loaded()
        for button in (self.print_button, self.save_button):
            button.setEnabled(enabled)
        self.not_printable = not_printable

    def _build_counter_warning(self, on_printed: Callable[[str], object] | None) -> None:
        """The line above the buttons saying the counter's address, phone or hours are not filled in."""
        global _counter_warning_given
        self.counter_warning = counter_info_warning(on_printed)
        self.counter_label = QLabel(self)
        self.counter_label.setObjectName("counterInfoWarning")
        self.counter_label.setWordWrap(True)
        self.counter_label.setStyleSheet(f"color: {ERROR_COLOR}")
        self.counter_label.setText(self.counter_warning or "")
        self.counter_label.setVisible(bool(self.counter_warning))
        self.counter_box: QMessageBox | None = None
        self._warn_when_shown = bool(self.counter_warning) and not _counter_warning_given
        _counter_warning_given = bool(self.counter_warning)  # filled in: the next time it is empty is warned of again

    def _build_print_action(self, not_printable: str) -> None:
        """Ctrl+P; a draft (`not_printable`) is not printed and says why."""
        self.print_action = QAction(self.print_button.text(), self)
        self.print_action.setShortcut(QKeySequence("Ctrl+P"))
        self.print_action.triggered.connect(self.print_paper)
        self.addAction(self.print_action)
        if not_printable:  # a draft, to look at: 打印 is off and says why
            self.print_button.setEnabled(False)
            self.print_action.setEnabled(False)
            self.print_button.setToolTip(not_printable)
            self.status_label.setText(not_printable)

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.pages_label)
        buttons.addSpacing(16)
        buttons.addWidget(self.status_label, 1)
        for button in (self.print_button, self.save_button, self.system_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.counter_label)
        layout.addLayout(buttons)

    def _size_to_screen(self, parent: QWidget | None) -> None:
        """As tall as the screen allows, at most 900 wide."""
        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        if available is not None and available.isValid():
            self.resize(min(900, available.width() - 40), max(400, available.height() - 80))
        else:
            self.resize(900, 1000)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._warn_when_shown:
            self._warn_when_shown = False
            self.counter_box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("柜台信息未填写"),
                self.counter_warning or "",
                QMessageBox.StandardButton.Ok,
                self,
            )
            self.counter_box.setObjectName("counterInfoBox")
            self.counter_box.open()  # the clerk reads it and goes on: the paper can still be printed

    # -- the document --------------------------------------------------------------------------------

    def loaded(self) -> bool:
        return self.document.status() == QPdfDocument.Status.Ready

    def page_count(self) -> int:
        return self.document.pageCount() if self.loaded() else 0

    # -- printing ------------------------------------------------------------------------------------

    def make_printer(self, printer_name: str | None = None) -> QPrinter:
        """A printer set up for this paper: the first page's size and orientation, the whole sheet
        (the PDF already has its margins). `printer_name`: that queue rather than the default."""
        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

        if printer_name:
            printer = QPrinter(QPrinterInfo.printerInfo(printer_name), QPrinter.PrinterMode.HighResolution)
        else:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.path.stem)
        printer.setFullPage(True)
        if self.page_count():
            points = self.document.pagePointSize(0)
            if points.isValid() and points.width() > 0 and points.height() > 0:
                portrait = QSizeF(min(points.width(), points.height()), max(points.width(), points.height()))
                printer.setPageSize(QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch))
                printer.setPageOrientation(
                    QPageLayout.Orientation.Landscape
                    if points.width() > points.height()
                    else QPageLayout.Orientation.Portrait
                )
        printer.setFromTo(1, max(1, self.page_count()))
        return printer

    def print_paper(self) -> bool:
        """Print the paper: straight to the chosen (or default) printer where the counter prints
        without asking, else on the printer chosen in the standard print dialog."""
        if not self.loaded() or self.printed_once or self.recording or self.not_printable:
            return False
        printer: QPrinter | None = None
        if self.print_settings.without_dialog:
            direct = self._direct_printer()
            if isinstance(direct, bool):  # False: no printer at all (the clerk has been told)
                return False
            printer = direct
        if printer is None:
            printer = self._ask_for_printer()
            if printer is None:
                return False
        if not self.send(printer):
            return False
        self._printed(printed_to(printer))
        return True

    def send(self, printer) -> bool:
        """The paper onto `printer`, its text kept as text where the printer takes a PDF: a CUPS queue
        is sent the PDF itself (send_to_queue), a PDF file gets a copy of the whole paper; else
        (another printer, or a part of the pages to a file) each page is drawn as an image (print_to)."""
        from PySide6.QtPrintSupport import QPrinter

        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat or (
            printer.outputFileName() and not printer.printerName()
        ):
            if printer.outputFileName() and len(self._pages_to_print(printer)) == self.page_count():
                return self.copy_to_file(Path(printer.outputFileName()))
            return self.print_to(printer)
        if printer.printerName() and print_queue.lp_command() is not None:
            return self.send_to_queue(printer)
        return self.print_to(printer)

    def queue_job(self, printer) -> print_queue.QueueJob:
        """What the print dialog (or make_printer) chose, as a job for the CUPS queue."""
        from PySide6.QtPrintSupport import QPrinter

        pages = self._pages_to_print(printer)
        chosen = None if len(pages) == self.page_count() else (pages.start + 1, pages.stop)
        media = ""
        points = self.document.pagePointSize(0) if self.page_count() else QSizeF()
        if points.isValid() and points.width() > 0:
            portrait = QSizeF(min(points.width(), points.height()), max(points.width(), points.height()))
            media = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch).key()
        sides = {QPrinter.DuplexMode.DuplexLongSide: "long", QPrinter.DuplexMode.DuplexShortSide: "short"}.get(
            printer.duplex(), ""
        )
        return print_queue.QueueJob(
            queue=printer.printerName(),
            copies=printer.copyCount(),
            pages=chosen,
            media=media,
            sides=sides,
            title=self.path.stem,
        )

    def send_to_queue(self, printer) -> bool:
        """The PDF itself to the CUPS queue of `printer` (print_queue.send_pdf); the clerk is told when
        the queue does not take it."""
        job = self.queue_job(printer)
        try:
            job_id = print_queue.send_pdf(self.path, job)
        except print_queue.QueueError as exc:
            where = self.tr("文件已保存在：\n{path}").format(path=self.path)
            QMessageBox.warning(self, self.tr("打印没有成功"), f"{exc.message}\n{where}")
            self.status_label.setText(self.tr("未打印：打印队列没有接受任务。"))
            return False
        log.info("sent %s to the queue %s as the job %s", self.path, job.queue, job_id or "?")
        return True

    def copy_to_file(self, target: Path) -> bool:
        """Printed to a PDF file: the file is a copy of the paper (its text kept as text)."""
        return self._copy_paper(target, self.tr("无法写入：\n{path}\n请换一个文件夹再试。"), self.tr("打印没有成功"))

    def _copy_paper(self, target: Path, where: str, title: str) -> bool:
        """A copy of the paper's PDF at `target` (nothing to do when it is the paper itself); a failure is
        said in a message box (`where` names the file through {path}) and answers False."""
        try:
            if target.resolve() != self.path.resolve():
                save_copy(self.path, target)
        except OSError as exc:
            log.warning("copying %s to %s failed: %s", self.path, target, exc)
            message = where.format(path=target)
            QMessageBox.warning(self, title, f"{message}\n\n{describe_write_error(target, exc)}")
            return False
        return True

    def _direct_printer(self) -> QPrinter | bool | None:
        """The printer to print to without asking; None to ask after all (the chosen printer is not
        here, or there is no default), False when there is no printer at all (the clerk is told)."""
        names = available_printers()
        if not names:
            QMessageBox.warning(
                self,
                self.tr("没有打印机"),
                self.tr(
                    "这台电脑还没有安装打印机，无法打印。\n请先在系统里添加打印机；也可以用「另存为…」"
                    "保存 PDF，到有打印机的电脑上打印。\n文件已保存在：\n{path}"
                ).format(path=self.path),
            )
            self.status_label.setText(self.tr("没有打印机，未打印。"))
            return False
        wanted = self.print_settings.printer
        if wanted and wanted not in names:
            self.status_label.setText(
                self.tr("找不到设置的打印机「{printer}」，请在对话框里选择打印机。").format(printer=wanted)
            )
            return None
        name = wanted or default_printer()
        if not name or name not in names:
            self.status_label.setText(self.tr("这台电脑没有默认打印机，请在对话框里选择打印机。"))
            return None
        return self.make_printer(name)

    def _ask_for_printer(self) -> QPrinter | None:
        from PySide6.QtPrintSupport import QPrintDialog

        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印"))
        dialog.setMinMax(1, self.page_count())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer

    def _printed(self, name: str) -> None:
        """The paper is printed: say where, and tell on_printed (whose ServiceError is shown)."""
        self.last_printer = name
        self.status_label.setText(self.tr("已打印到：{printer}").format(printer=name))
        log.info("printed %s to %s", self.path, name)
        on_printed = self.on_printed
        if on_printed is None:
            self._recorded(name)
        elif self.runner is not None:
            self._set_recording(True)
            self.runner.operation(
                lambda: on_printed(name),
                parent=self,
                success=lambda _r: self._recorded(name),
                failure=self._record_failed,
            )
        else:
            try:
                on_printed(name)
            except Exception as exc:
                self._record_failed(exc)
                return
            self._recorded(name)

    def _set_recording(self, recording: bool) -> None:
        self.recording = recording
        if self.prints_once():
            self.print_button.setEnabled(not recording)
            self.print_action.setEnabled(not recording)

    def _recorded(self, name: str) -> None:
        self._set_recording(False)
        if self.prints_once():
            self._printed_once(name)

    def _record_failed(self, error: BaseException) -> None:
        self._set_recording(False)
        if isinstance(error, ServiceError):
            QMessageBox.warning(self, self.tr("打印记录没有保存"), error.message)
            return
        log.error("recording the print of %s failed", self.path, exc_info=(type(error), error, error.__traceback__))
        QMessageBox.warning(
            self,
            self.tr("打印记录没有保存"),
            self.tr("纸张已打印，但打印记录没有保存（意外错误）。请到「票据」里查看，必要时告诉管理员。"),
        )

    def prints_once(self) -> bool:
        """Whether this paper is printed once from this preview (`print_once`, else on_printed's)."""
        if self.print_once is not None:
            return self.print_once
        return bool(getattr(self.on_printed, "print_once", False))

    def _printed_once(self, name: str) -> None:
        """A voucher was printed (and recorded): 打印 is disabled, saying where to get another paper."""
        self.printed_once = True
        text = self.tr("已打印到 {printer}；如需再打一份，请在 票据 → 打印记录 中补打").format(printer=name)
        self.print_button.setEnabled(False)
        self.print_action.setEnabled(False)
        self.print_button.setToolTip(text)
        self.status_label.setText(text)
        self.status_label.setToolTip(text)

    def _pages_to_print(self, printer) -> range:
        from PySide6.QtPrintSupport import QPrinter

        count = self.page_count()
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first = max(1, printer.fromPage())
            last = min(count, printer.toPage() or count)
            return range(first - 1, last)
        return range(count)

    def print_to(self, printer) -> bool:
        """Every page of the PDF onto the printer: each rendered to an image at the printer's
        resolution and drawn to fill the sheet (keeping its proportions), a new sheet between pages.
        More than PROGRESS_FROM_PAGES pages: a progress dialog whose 取消 stops the job."""
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(
                self,
                self.tr("打印没有成功"),
                self.tr("打印机无法开始打印。文件已保存在：\n{path}").format(path=self.path),
            )
            return False
        pages = self._pages_to_print(printer)
        progress = None
        if len(pages) > PROGRESS_FROM_PAGES:
            progress = QProgressDialog(self.tr("正在打印…"), self.tr("取消"), 0, len(pages), self)
            progress.setWindowTitle(self.tr("打印"))
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setMinimumDuration(500)
        try:
            dpi = min(printer.resolution(), MAX_PRINT_DPI)
            sheet = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
            for n, index in enumerate(pages):
                if progress is not None:
                    progress.setValue(n)
                    progress.setLabelText(
                        self.tr("正在打印第 {n} 页，共 {count} 页…").format(n=n + 1, count=len(pages))
                    )
                    if progress.wasCanceled():
                        printer.abort()
                        painter.end()
                        self.status_label.setText(self.tr("已取消打印。"))
                        return False
                if n and not printer.newPage():
                    raise RuntimeError("newPage failed")
                points = self.document.pagePointSize(index)
                size = QSize(max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72)))
                image = self.document.render(index, size)
                if image.isNull():
                    raise RuntimeError(f"page {index + 1} did not render")
                scale = min(sheet.width() / points.width(), sheet.height() / points.height())
                target = QSizeF(points.width() * scale, points.height() * scale)
                top_left = QPointF(sheet.left() + (sheet.width() - target.width()) / 2, sheet.top())
                painter.drawImage(QRectF(top_left, target), image)
        except Exception:
            log.exception("printing %s failed", self.path)
            painter.end()
            QMessageBox.warning(
                self, self.tr("打印没有成功"), self.tr("打印中途出错。文件已保存在：\n{path}").format(path=self.path)
            )
            return False
        finally:
            if progress is not None:
                progress.close()
                progress.deleteLater()
        if not painter.end():
            QMessageBox.warning(
                self,
                self.tr("打印没有成功"),
                self.tr("打印任务没有送到打印机。文件已保存在：\n{path}").format(path=self.path),
            )
            return False
        return True

    # -- saving and the system viewer ----------------------------------------------------------------

    def save_as(self) -> Path | None:
        chosen = ask_save_file(
            self, self.tr("另存为"), documents_folder() / self.path.name, self.tr("PDF 文件 (*.pdf)")
        )
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        saved = self._copy_paper(target, self.tr("无法保存到：\n{path}\n请换一个文件夹再试。"), self.tr("另存没有成功"))
        return target if saved else None

    def open_with_system(self) -> bool:
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path))):
            return True
        QMessageBox.information(
            self,
            self.tr("文件已保存"),
            self.tr("这台电脑没有可以打开 PDF 的程序。文件已保存在：\n{path}").format(path=self.path),
        )
        return False


def save_copy(source: Path, target: Path) -> Path:
    """另存为: a copy of `source` at `target`, written through safe_files (a temporary name beside the
    target, renamed when complete: an earlier file of that name is replaced whole or kept as it was)."""
    remove_leftovers(target.parent)
    with atomic_path(target) as part:
        shutil.copyfile(source, part)
    return target
