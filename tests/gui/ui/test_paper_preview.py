"""The paper preview: a real PDF shown with QtPdf, saved elsewhere, printed through a QPrinter
(to a PDF file here), closed with Esc; payment_dialog.open_pdf shows it."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from mutualaid_desktop.documents.sample import render_sample_pdf


@pytest.fixture
def sample(tmp_path):
    return render_sample_pdf(tmp_path / "sample.pdf")


@pytest.fixture
def preview(qtbot, sample):
    from mutualaid_desktop.ui.paper_preview import PaperPreviewDialog

    dialog = PaperPreviewDialog(sample)
    qtbot.addWidget(dialog)
    return dialog


def test_a_real_pdf_is_loaded(preview):
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    assert preview.document.status() == QPdfDocument.Status.Ready
    assert preview.loaded() and preview.page_count() == 1
    assert "1" in preview.pages_label.text()
    assert preview.view.pageMode() == QPdfView.PageMode.MultiPage
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert preview.print_button.isEnabled() and preview.save_button.isEnabled()


def test_save_as_copies_the_pdf(preview, sample, tmp_path, monkeypatch):
    target = tmp_path / "elsewhere" / "copy"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kw: (str(target), "")))
    saved = preview.save_as()
    assert saved == target.with_name("copy.pdf")
    assert saved.read_bytes() == sample.read_bytes()


def test_save_as_cancelled_does_nothing(preview, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kw: ("", "")))
    assert preview.save_as() is None


def printing_to(monkeypatch, output):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    seen = []

    def accept(dialog):
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        seen.append(printer)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    return seen


def test_printing_goes_through_a_qprinter(preview, tmp_path, monkeypatch):
    output = tmp_path / "printed.pdf"
    seen = printing_to(monkeypatch, output)
    assert preview.print_paper() is True
    assert len(seen) == 1
    reader = PdfReader(output)
    assert len(reader.pages) == 1
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4, like the paper


def test_ctrl_p_prints(preview, tmp_path, monkeypatch):
    from PySide6.QtGui import QKeySequence

    assert preview.print_action.shortcut() == QKeySequence("Ctrl+P")
    assert preview.print_action in preview.actions()
    output = tmp_path / "printed.pdf"
    seen = printing_to(monkeypatch, output)
    preview.print_action.trigger()
    assert len(seen) == 1 and len(PdfReader(output).pages) == 1


def test_printing_cancelled_prints_nothing(preview, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog

    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    assert preview.print_paper() is False


def test_escape_closes(qtbot, preview):
    preview.show()
    qtbot.waitExposed(preview)
    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    assert not preview.isVisible()
    assert preview.result() == QDialog.DialogCode.Rejected


def test_open_pdf_shows_the_preview(qtbot, sample, monkeypatch):
    from mutualaid_desktop.ui import paper_preview, payment_dialog

    shown = []
    monkeypatch.setattr(paper_preview.PaperPreviewDialog, "exec",
                        lambda dialog: shown.append((dialog.path, dialog.page_count())) or 0)
    assert payment_dialog.open_pdf(sample) is True
    assert shown == [(sample, 1)]


def test_open_pdf_of_a_broken_file_says_where_it_is(tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from mutualaid_desktop.ui import paper_preview, payment_dialog

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf at all")
    shown = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda parent, title, text: shown.append(text)))
    monkeypatch.setattr(paper_preview.PaperPreviewDialog, "exec", lambda dialog: pytest.fail("no preview of a broken file"))
    assert payment_dialog.open_pdf(broken) is False
    assert len(shown) == 1 and str(broken) in shown[0]
