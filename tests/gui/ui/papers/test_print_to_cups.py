"""Printing to a real print queue: a private CUPS scheduler with Debian's cups-pdf printer
(tests/gui/cups.py). The program prints through Qt (its CUPS plugin) with the counter's setting
"print without asking"; the test waits for the job to complete, finds the PDF cups-pdf wrote and
reads it back (pages, size), and renders it with pdftoppm to compare it with the paper.

Skipped, with the reason, where CUPS cannot run (not root, not installed); `.ci/run` installs it
and sets MUTUALAID_REQUIRE_CUPS=1, which turns the skip into a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.gui.cups import QUEUE, private_cups, why_not

REASON = why_not()
REQUIRED = os.environ.get("MUTUALAID_REQUIRE_CUPS") == "1"

pytestmark = pytest.mark.skipif(REASON is not None and not REQUIRED, reason=f"no private CUPS here: {REASON}")

A4 = (595.3, 841.9)


@pytest.fixture(scope="module")
def cups():
    if REASON is not None:
        pytest.fail(f"MUTUALAID_REQUIRE_CUPS=1 but CUPS cannot run: {REASON}")
    with private_cups() as server:
        yield server


@pytest.fixture(autouse=True)
def _no_print_dialog(monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog

    from mutualaid_desktop.ui.papers import paper_preview

    paper_preview.use_print_settings(None)
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: pytest.fail("the print dialog was shown"))
    yield
    paper_preview.use_print_settings(None)


class Printed(list):
    """An on_printed that keeps the printer names and, as the program's printer recorder does, gives
    the preview the counter's print settings from the database."""

    def __init__(self, db) -> None:
        super().__init__()
        self.db = db

    def __call__(self, printer: str) -> None:
        self.append(printer)

    def print_settings(self):
        from mutualaid_desktop.services.papers.print_settings import get_print_settings

        return get_print_settings(self.db)


def receipt_pdf(path: Path) -> Path:
    from mutualaid_desktop.documents.premium_receipt import ReceiptLine, ReceiptPaper, render_receipt

    paper = ReceiptPaper(
        serial="SJ2026-000417",
        org_name="商洛市总工会职工互助保障服务中心",
        payer_kind="unit",
        payer_name="商州区人民医院工会",
        payer_code="611002-0031",
        lines=(
            ReceiptLine(
                "2027年度住院二次报销互助保障", 19, 19, date(2027, 1, 1), date(2027, 12, 31), Decimal("1805.00")
            ),
        ),
        amount=Decimal("1805.00"),
        method="transfer",
        clerk_name="王芳",
        paid_on=date(2026, 11, 29),
    )
    return render_receipt(paper, path)


def gray_image(pdf: Path, folder: Path, name: str):
    """The first page as a grayscale image at 40 dpi (pdftoppm)."""
    from PIL import Image

    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.fail("pdftoppm is missing (apt-get install poppler-utils)")
    stem = folder / name
    subprocess.run(
        [pdftoppm, "-r", "40", "-gray", "-singlefile", "-f", "1", "-l", "1", str(pdf), str(stem)],
        check=True,
        timeout=60,
    )
    return Image.open(stem.with_suffix(".pgm")).convert("L")


def correlation(a: bytes, b: bytes) -> float:
    n = len(a)
    mean_a, mean_b = sum(a) / n, sum(b) / n
    cov = sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b, strict=False))
    var_a = sum((x - mean_a) ** 2 for x in a)
    var_b = sum((y - mean_b) ** 2 for y in b)
    return cov / (var_a * var_b) ** 0.5 if var_a and var_b else 0.0


def assert_same_paper(printed: Path, original: Path, folder: Path) -> None:
    """The printed PDF shows the paper: not blank, and in the same place as on the paper (the two
    pages at 40 dpi, slightly blurred, correlate; the printed one went through an image, CUPS'
    PostScript and Ghostscript, so thin lines come out lighter and pixels never match exactly)."""
    from PIL import ImageFilter

    got, want = gray_image(printed, folder, "printed"), gray_image(original, folder, "original")
    assert got.size == want.size
    pixels = got.tobytes()
    dark = sum(1 for p in pixels if p < 160) / len(pixels)
    assert dark > 0.005, f"the printed page is blank ({dark:.4f} dark)"
    blur = ImageFilter.BoxBlur(1)  # the same paper: about 0.8-0.95; another paper: about 0.05
    r = correlation(got.filter(blur).tobytes(), want.filter(blur).tobytes())
    assert r > 0.6, f"the printed page does not look like the paper (correlation {r:.2f})"


def new_pdfs(cups, before: set[Path], count: int) -> list[Path]:
    pdfs = cups.wait_for_pdfs(len(before) + count)
    return [pdf for pdf in pdfs if pdf not in before]


def test_a_receipt_goes_to_the_default_printer_without_asking(qtbot, cups, database, admin, tmp_path):
    from mutualaid_desktop.services.papers.print_settings import PrintSettings, set_print_settings
    from mutualaid_desktop.ui.papers.paper_preview import PaperPreviewDialog, available_printers, default_printer

    assert QUEUE in available_printers()  # Qt sees the CUPS queue
    assert default_printer() == QUEUE
    set_print_settings(database, admin, PrintSettings(without_dialog=True, printer=""))
    paper = receipt_pdf(tmp_path / "receipt.pdf")
    done_before = len(cups.jobs("completed"))
    pdfs_before = set(cups.out.glob("*.pdf"))

    printed = Printed(database)
    preview = PaperPreviewDialog(paper, on_printed=printed)
    qtbot.addWidget(preview)
    assert preview.print_settings == PrintSettings(True, "")
    assert preview.print_button.text() == "打印(&P)"
    preview.print_button.click()

    assert printed == [QUEUE]
    assert preview.last_printer == QUEUE
    assert QUEUE in preview.status_label.text()
    cups.wait_for_jobs(done_before + 1)
    [output] = new_pdfs(cups, pdfs_before, 1)
    shutil.copyfile(output, tmp_path / "printed-by-cups.pdf")  # to look at
    reader = PdfReader(output)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - A4[0]) < 2 and abs(float(box.height) - A4[1]) < 2
    assert_same_paper(output, paper, tmp_path)


def test_the_test_page_goes_to_the_printer_chosen_in_the_settings_tab(qtbot, cups, database, admin, worker, tmp_path):
    from mutualaid_desktop.documents.sample import render_sample_pdf
    from mutualaid_desktop.services.papers.print_settings import PrintSettings, get_print_settings
    from mutualaid_desktop.ui.settings.print_settings_page import PrintSettingsPage

    page = PrintSettingsPage(database, admin, worker=worker)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.printer_combo.findData(QUEUE) >= 0)
    page.direct_check.setChecked(True)
    page.printer_combo.setCurrentIndex(page.printer_combo.findData(QUEUE))
    with qtbot.waitSignal(page.saved, timeout=10000):
        page.save_button.click()
    assert get_print_settings(database) == PrintSettings(True, QUEUE)

    done_before = len(cups.jobs("completed"))
    pdfs_before = set(cups.out.glob("*.pdf"))
    with qtbot.waitSignal(page.testPagePrinted, timeout=30000) as signal:
        page.test_button.click()
    assert signal.args == [QUEUE]
    assert QUEUE in page.message_label.text()
    cups.wait_for_jobs(done_before + 1)
    [output] = new_pdfs(cups, pdfs_before, 1)
    shutil.copyfile(output, tmp_path / "printed-by-cups.pdf")  # to look at
    assert len(PdfReader(output).pages) == 1
    assert_same_paper(output, render_sample_pdf(tmp_path / "sample.pdf"), tmp_path)


def test_every_page_of_a_longer_paper_is_printed(qtbot, cups, tmp_path):
    from pypdf import PdfWriter

    from mutualaid_desktop.documents.sample import render_sample_pdf
    from mutualaid_desktop.services.papers.print_settings import PrintSettings
    from mutualaid_desktop.ui.papers.paper_preview import PaperPreviewDialog

    writer = PdfWriter()
    for source in (receipt_pdf(tmp_path / "receipt.pdf"), render_sample_pdf(tmp_path / "sample.pdf")):
        writer.append(str(source))
    paper = tmp_path / "two-pages.pdf"
    with paper.open("wb") as stream:
        writer.write(stream)
    done_before = len(cups.jobs("completed"))
    pdfs_before = set(cups.out.glob("*.pdf"))
    printed: list[str] = []
    preview = PaperPreviewDialog(paper, print_settings=PrintSettings(True, QUEUE), on_printed=printed.append)
    qtbot.addWidget(preview)
    assert preview.print_paper() is True
    assert printed == [QUEUE]
    cups.wait_for_jobs(done_before + 1)
    [output] = new_pdfs(cups, pdfs_before, 1)
    reader = PdfReader(output)
    assert len(reader.pages) == 2
    assert all(abs(float(page.mediabox.width) - A4[0]) < 2 for page in reader.pages)


def test_a_receipt_paid_at_the_counter_is_printed_and_its_printer_recorded(qtbot, cups, tmp_path):
    """End to end: a payment recorded by the service, its receipt (the PDF the program made) shown in
    the preview with the printer recorder the payment dialog uses, printed to the CUPS queue: the
    job's PDF comes back, the 打印记录 row of the receipt carries the queue, and 打印 is then off."""
    from mutualaid_desktop.services.enrollment.payments import due_for, record_payment, save_paper
    from mutualaid_desktop.services.papers.print_settings import PrintSettings
    from mutualaid_desktop.services.papers.printed_papers import list_papers, printer_recorder
    from mutualaid_desktop.services.session import open_counter_database
    from mutualaid_desktop.ui.papers.paper_preview import PaperPreviewDialog
    from tests.integration.services.payments_data import make_counter

    db = open_counter_database(tmp_path / "counter" / "mutualaid.sqlite3")
    try:
        counter = make_counter(db, members=3)
        ids = counter.enrollment_ids["SL-ZY-2027"]
        result = record_payment(
            db,
            counter.clerk,
            enrollment_ids=ids,
            payer_unit_code="611002-0001",
            amount=due_for(db, enrollment_ids=ids).total,
            method="cash",
            paid_on=date.today(),
        )
        paper = save_paper(result.paper, tmp_path / f"{result.serial}.pdf")
        [before] = list_papers(db, serial_contains=result.serial)
        assert before.printer is None  # made, not printed yet: 未打印

        done_before = len(cups.jobs("completed"))
        pdfs_before = set(cups.out.glob("*.pdf"))
        preview = PaperPreviewDialog(
            paper,
            print_settings=PrintSettings(True, QUEUE),
            on_printed=printer_recorder(db, counter.clerk, kind="premium_receipt", serial=result.serial),
        )
        qtbot.addWidget(preview)
        assert preview.print_paper() is True
        cups.wait_for_jobs(done_before + 1)
        [output] = new_pdfs(cups, pdfs_before, 1)
        assert len(PdfReader(output).pages) == 1
        assert_same_paper(output, paper, tmp_path)

        [after] = list_papers(db, serial_contains=result.serial)
        assert (after.id, after.printer, after.printed_by_name) == (before.id, QUEUE, "张经办")
        assert not preview.print_button.isEnabled()  # a second sheet would be a 补打, from 打印记录
    finally:
        db.dispose()


def leaflet_pdf(database, path: Path) -> Path:
    from mutualaid_desktop.paths import resources_dir
    from mutualaid_desktop.services.admin.plans import add_plan
    from mutualaid_desktop.services.papers.leaflet import print_member_leaflet

    add_plan(database, (resources_dir() / "plans" / "shangluo-2027.toml").read_text(encoding="utf-8"))
    return print_member_leaflet(database, "SL-ZY-2027", path, today=date(2026, 11, 29))


def text_layer(pdf: Path) -> str:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail("pdftotext is missing (apt-get install poppler-utils)")
    result = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    )
    return "".join(result.stdout.split())


def fonts_of(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True, timeout=60).stdout


@pytest.mark.parametrize("asking", [False, True], ids=["without-asking", "through-the-dialog"])
def test_the_leaflet_goes_to_a_cups_queue_as_the_pdf_itself_with_its_text(
    qtbot, cups, database, tmp_path, monkeypatch, asking
):
    """温馨提示 printed to a PDF printer came out as page images (2 MB, no text): the preview drew
    every page as an image. A CUPS queue is sent the paper's PDF itself (lp): the job's document is
    the paper, byte for byte; what the printer makes of it keeps the text as text (fonts, not
    images) and stays small; its pages and size are the paper's. Through the print dialog too.

    cups-pdf takes PostScript only: CUPS turns the PDF into PostScript for it and cups-pdf back into
    a PDF, which loses the map from the CJK glyphs to their characters (pdftotext reads the Latin
    letters and digits, not the Chinese); a printer that takes PDF gets the paper as it is."""
    from PySide6.QtPrintSupport import QPrintDialog

    from mutualaid_desktop.services.papers.print_settings import PrintSettings
    from mutualaid_desktop.ui.papers.paper_preview import PaperPreviewDialog

    paper = leaflet_pdf(database, tmp_path / "leaflet.pdf")
    documents_before = cups.job_documents()
    done_before = len(cups.jobs("completed"))
    pdfs_before = set(cups.out.glob("*.pdf"))
    if asking:
        chosen = []

        def accept(dialog):
            dialog.printer().setPrinterName(QUEUE)
            chosen.append(dialog.printer().printerName())
            return QDialog.DialogCode.Accepted

        from PySide6.QtWidgets import QDialog

        monkeypatch.setattr(QPrintDialog, "exec", accept)
    printed: list[str] = []
    preview = PaperPreviewDialog(paper, print_settings=PrintSettings(not asking, QUEUE), on_printed=printed.append)
    qtbot.addWidget(preview)
    assert preview.print_paper() is True
    assert printed == [QUEUE]
    cups.wait_for_jobs(done_before + 1)
    [output] = new_pdfs(cups, pdfs_before, 1)
    shutil.copyfile(output, tmp_path / "printed-by-cups.pdf")  # to look at
    [document] = [d for d in cups.job_documents() if d not in documents_before]
    assert document.read_bytes() == paper.read_bytes()  # the PDF itself, not pages drawn as images
    assert "SL-ZY-2027" in text_layer(output) and "WenQuanYi" in fonts_of(output)  # text, in the paper's font
    assert output.stat().st_size < 400_000, output.stat().st_size  # drawn as images it was over 2 MB
    reader = PdfReader(output)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - A4[0]) < 2 and abs(float(box.height) - A4[1]) < 2
    assert_same_paper(output, paper, tmp_path)
