"""预览: a paper (a PDF the program made) shown inside the program before it is printed.

The pages scroll one under the other at the window's width. 打印… asks for a printer in the
standard print dialog and prints every page (each page drawn as an image at the printer's
resolution); 另存为… copies the PDF; 用系统程序打开 hands it to the system's PDF viewer.
Keyboard: Ctrl+P prints, Esc closes.

QtPdf is loaded only when this module is imported (payment_dialog.open_pdf imports it on first
use), never at start-up.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, QStandardPaths, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

# A page is drawn as an image at the printer's resolution, but never finer than this: an A4 page
# at 600 dpi is already about 140 MB of pixels.
MAX_PRINT_DPI = 600


class PaperPreviewDialog(QDialog):
    def __init__(self, path: Path | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.setWindowTitle(self.tr("预览：{name}").format(name=self.path.name))
        self.setModal(True)

        self.document = QPdfDocument(self)
        self.document.load(str(self.path))

        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)

        self.pages_label = QLabel(self.tr("共 {count} 页").format(count=self.page_count()), self)
        self.print_button = QPushButton(self.tr("打印…"), self)
        self.save_button = QPushButton(self.tr("另存为…"), self)
        self.system_button = QPushButton(self.tr("用系统程序打开"), self)
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.print_button.setToolTip(self.tr("选择打印机并打印全部页面（Ctrl+P）"))
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

        self.print_action = QAction(self.tr("打印…"), self)
        self.print_action.setShortcut(QKeySequence("Ctrl+P"))
        self.print_action.triggered.connect(self.print_paper)
        self.addAction(self.print_action)

        buttons = QHBoxLayout()
        buttons.addWidget(self.pages_label)
        buttons.addStretch(1)
        for button in (self.print_button, self.save_button, self.system_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        if available is not None and available.isValid():
            self.resize(min(900, available.width() - 40), max(400, available.height() - 80))
        else:
            self.resize(900, 1000)
        self.view.setFocus()

    # -- the document --------------------------------------------------------------------------------

    def loaded(self) -> bool:
        return self.document.status() == QPdfDocument.Status.Ready

    def page_count(self) -> int:
        return self.document.pageCount() if self.loaded() else 0

    # -- printing ------------------------------------------------------------------------------------

    def make_printer(self):
        """A printer set up for this paper: the first page's size and orientation, the whole sheet
        (the PDF already has its margins)."""
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.path.stem)
        printer.setFullPage(True)
        if self.page_count():
            points = self.document.pagePointSize(0)
            if points.isValid() and points.width() > 0 and points.height() > 0:
                portrait = QSizeF(min(points.width(), points.height()), max(points.width(), points.height()))
                printer.setPageSize(QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch))
                printer.setPageOrientation(
                    QPageLayout.Orientation.Landscape if points.width() > points.height() else QPageLayout.Orientation.Portrait
                )
        printer.setFromTo(1, max(1, self.page_count()))
        return printer

    def print_paper(self) -> bool:
        """Ask for a printer (the standard print dialog) and print the paper there."""
        if not self.loaded():
            return False
        from PySide6.QtPrintSupport import QPrintDialog

        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印"))
        dialog.setMinMax(1, self.page_count())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.print_to(printer)

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
        resolution and drawn to fill the sheet (keeping its proportions), a new sheet between pages."""
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.tr("打印没有成功"),
                                self.tr("打印机无法开始打印。文件已保存在：\n{path}").format(path=self.path))
            return False
        try:
            dpi = min(printer.resolution(), MAX_PRINT_DPI)
            sheet = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
            pages = self._pages_to_print(printer)
            for n, index in enumerate(pages):
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
            QMessageBox.warning(self, self.tr("打印没有成功"),
                                self.tr("打印中途出错。文件已保存在：\n{path}").format(path=self.path))
            return False
        painter.end()
        return True

    # -- saving and the system viewer ----------------------------------------------------------------

    def save_as(self) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("另存为"), str(Path(folder) / self.path.name), self.tr("PDF 文件 (*.pdf)")
        )
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            if target.resolve() != self.path.resolve():
                shutil.copyfile(self.path, target)
        except OSError as exc:
            log.warning("saving %s as %s failed: %s", self.path, target, exc)
            QMessageBox.warning(self, self.tr("另存没有成功"),
                                self.tr("无法保存到：\n{path}\n请换一个文件夹再试。").format(path=target))
            return None
        return target

    def open_with_system(self) -> bool:
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path))):
            return True
        QMessageBox.information(self, self.tr("文件已保存"),
                                self.tr("这台电脑没有可以打开 PDF 的程序。文件已保存在：\n{path}").format(path=self.path))
        return False
