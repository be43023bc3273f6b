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
    from mutualaid_desktop.ui.papers.paper_preview import PaperPreviewDialog

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


def test_printing_goes_through_a_qprinter(preview, sample, tmp_path, monkeypatch):
    """Printed to a PDF file in the print dialog, the whole paper is written as it is (its text kept
    as text; drawn as page images it was a large file without text)."""
    output = tmp_path / "printed.pdf"
    seen = printing_to(monkeypatch, output)
    assert preview.print_paper() is True
    assert len(seen) == 1
    assert output.read_bytes() == sample.read_bytes()
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
    from mutualaid_desktop.ui.enrollment import payment_dialog
    from mutualaid_desktop.ui.papers import paper_preview

    shown = []
    monkeypatch.setattr(
        paper_preview.PaperPreviewDialog, "exec", lambda dialog: shown.append((dialog.path, dialog.page_count())) or 0
    )
    assert payment_dialog.open_pdf(sample) is True
    assert shown == [(sample, 1)]


def test_open_pdf_of_a_broken_file_says_where_it_is(tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from mutualaid_desktop.ui.enrollment import payment_dialog
    from mutualaid_desktop.ui.papers import paper_preview

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf at all")
    shown = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda parent, title, text: shown.append(text)))
    monkeypatch.setattr(
        paper_preview.PaperPreviewDialog, "exec", lambda dialog: pytest.fail("no preview of a broken file")
    )
    assert payment_dialog.open_pdf(broken) is False
    assert len(shown) == 1 and str(broken) in shown[0]


# -- printing without asking, and telling on_printed where the paper went ----------------------------


@pytest.fixture(autouse=True)
def _settings_from_nowhere():
    """No print settings but those a test sets (and no database: the defaults, the dialog)."""
    from mutualaid_desktop.ui.papers import paper_preview

    paper_preview.use_print_settings(None)
    yield
    paper_preview.use_print_settings(None)


def no_dialog(monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog

    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: pytest.fail("the print dialog was shown"))


def printers_here(monkeypatch, names, default=""):
    from mutualaid_desktop.ui.papers import paper_preview

    monkeypatch.setattr(paper_preview, "available_printers", lambda: list(names))
    monkeypatch.setattr(paper_preview, "default_printer", lambda: default)


def to_file_instead(monkeypatch, output):
    """make_printer(name) prints to `output` instead of the queue `name` (recorded)."""
    from PySide6.QtPrintSupport import QPrinter

    from mutualaid_desktop.ui.papers import paper_preview

    asked = []
    original = paper_preview.PaperPreviewDialog.make_printer

    def make_printer(dialog, printer_name=None):
        asked.append(printer_name)
        printer = original(dialog)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        return printer

    monkeypatch.setattr(paper_preview.PaperPreviewDialog, "make_printer", make_printer)
    return asked


def make_preview(qtbot, path, **kwargs):
    from mutualaid_desktop.ui.papers.paper_preview import PaperPreviewDialog

    dialog = PaperPreviewDialog(path, **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def test_on_printed_is_told_the_pdf_file_printed_through_the_dialog(qtbot, sample, tmp_path, monkeypatch):
    output = tmp_path / "printed.pdf"
    printing_to(monkeypatch, output)
    printed = []
    dialog = make_preview(qtbot, sample, on_printed=printed.append)
    assert dialog.print_button.text() == "打印(&P)…"
    assert dialog.print_paper() is True
    assert printed == [f"PDF 文件：{output}"]
    assert str(output) in dialog.status_label.text() and dialog.last_printer == printed[0]


def test_cancelled_or_failed_prints_tell_on_printed_nothing(qtbot, sample, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog

    printed = []
    dialog = make_preview(qtbot, sample, on_printed=printed.append)
    monkeypatch.setattr(QPrintDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    assert dialog.print_paper() is False
    monkeypatch.setattr(QPrintDialog, "exec", lambda d: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(type(dialog), "print_to", lambda d, printer: False)
    assert dialog.print_paper() is False
    assert printed == [] and dialog.last_printer is None


def test_a_service_error_from_on_printed_is_shown_not_raised(qtbot, sample, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from mutualaid_desktop.services.errors import ServiceError

    printing_to(monkeypatch, tmp_path / "printed.pdf")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: shown.append((title, text))))

    def refuse(printer):
        raise ServiceError("这张收据已经作废，不能登记打印。")

    dialog = make_preview(qtbot, sample, on_printed=refuse)
    assert dialog.print_paper() is True  # the paper is printed all the same
    assert shown == [("打印记录没有保存", "这张收据已经作废，不能登记打印。")]


def test_any_other_error_from_on_printed_is_shown_too(qtbot, sample, tmp_path, monkeypatch, caplog):
    from PySide6.QtWidgets import QMessageBox

    printing_to(monkeypatch, tmp_path / "printed.pdf")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: shown.append(text)))
    dialog = make_preview(qtbot, sample, on_printed=lambda printer: 1 / 0)
    assert dialog.print_paper() is True
    assert len(shown) == 1 and "打印记录没有保存" in shown[0] and "Traceback" not in shown[0]
    assert "ZeroDivisionError" in caplog.text


def test_without_asking_it_prints_to_the_chosen_printer(qtbot, sample, tmp_path, monkeypatch):
    from mutualaid_desktop.services.papers.print_settings import PrintSettings

    no_dialog(monkeypatch)
    printers_here(monkeypatch, ["Counter-Laser", "Office"], default="Office")
    asked = to_file_instead(monkeypatch, tmp_path / "printed.pdf")
    printed = []
    dialog = make_preview(
        qtbot,
        sample,
        on_printed=printed.append,
        print_settings=PrintSettings(without_dialog=True, printer="Counter-Laser"),
    )
    assert dialog.print_button.text() == "打印(&P)"
    assert "Counter-Laser" in dialog.print_button.toolTip()
    dialog.print_button.click()
    assert asked == ["Counter-Laser"]
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 1
    assert printed == [f"PDF 文件：{tmp_path / 'printed.pdf'}"]


def test_without_asking_and_no_printer_chosen_it_prints_to_the_default_one(qtbot, sample, tmp_path, monkeypatch):
    from mutualaid_desktop.services.papers.print_settings import PrintSettings
    from mutualaid_desktop.ui.papers import paper_preview

    no_dialog(monkeypatch)
    printers_here(monkeypatch, ["Counter-Laser", "Office"], default="Office")
    asked = to_file_instead(monkeypatch, tmp_path / "printed.pdf")
    paper_preview.use_print_settings(PrintSettings(without_dialog=True))
    dialog = make_preview(qtbot, sample)
    assert "默认打印机" in dialog.print_button.toolTip()
    dialog.print_action.trigger()  # Ctrl+P
    assert asked == ["Office"]


def test_without_asking_but_no_printer_at_all_the_clerk_is_told(qtbot, sample, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from mutualaid_desktop.services.papers.print_settings import PrintSettings

    no_dialog(monkeypatch)
    printers_here(monkeypatch, [])
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: shown.append((title, text))))
    printed = []
    dialog = make_preview(qtbot, sample, on_printed=printed.append, print_settings=PrintSettings(True, "Office"))
    assert dialog.print_paper() is False
    [(title, text)] = shown
    assert title == "没有打印机" and "还没有安装打印机" in text and str(sample) in text and "另存为" in text
    assert printed == [] and "没有打印机" in dialog.status_label.text()


@pytest.mark.parametrize(
    "chosen, default, says",
    [("Gone-Printer", "Office", "找不到设置的打印机「Gone-Printer」"), ("", "", "没有默认打印机")],
)
def test_without_asking_but_the_printer_is_not_here_the_dialog_asks(
    qtbot, sample, tmp_path, monkeypatch, chosen, default, says
):
    from mutualaid_desktop.services.papers.print_settings import PrintSettings

    printers_here(monkeypatch, ["Office"], default=default)
    seen = printing_to(monkeypatch, tmp_path / "printed.pdf")
    dialog = make_preview(qtbot, sample, print_settings=PrintSettings(True, chosen))
    assert dialog.print_paper() is True
    assert len(seen) == 1
    assert says not in dialog.status_label.text()  # replaced by where it was printed
    assert "已打印到" in dialog.status_label.text()


def test_the_settings_come_from_the_counter_database_through_the_recorder(qtbot, database, admin, sample):
    """Every paper is shown with its printer recorder (services/printed_papers.printer_recorder), which
    knows the counter's database: the preview asks it for the print settings (设置 → 打印)."""
    from mutualaid_desktop.services.papers.print_settings import PrintSettings, set_print_settings
    from mutualaid_desktop.services.papers.printed_papers import printer_recorder
    from mutualaid_desktop.ui.papers.paper_preview import PaperPreviewDialog

    def recorder():
        return printer_recorder(database, admin, kind="premium_receipt", serial="SJ2026-000001")

    first = PaperPreviewDialog(sample, on_printed=recorder())
    qtbot.addWidget(first)
    assert first.print_settings == PrintSettings()
    set_print_settings(database, admin, PrintSettings(True, "Counter-Laser"))
    dialog = PaperPreviewDialog(sample, on_printed=recorder())
    qtbot.addWidget(dialog)
    assert dialog.print_settings == PrintSettings(True, "Counter-Laser")
    assert dialog.print_button.text() == "打印(&P)"
    plain = PaperPreviewDialog(sample)  # no recorder: the print dialog, always
    qtbot.addWidget(plain)
    assert plain.print_settings == PrintSettings()


def long_paper(tmp_path, pages=5):
    from pypdf import PdfWriter

    one = render_sample_pdf(tmp_path / "one.pdf")
    writer = PdfWriter()
    for _ in range(pages):
        writer.append(str(one))
    path = tmp_path / "long.pdf"
    with path.open("wb") as stream:
        writer.write(stream)
    return path


def test_a_long_paper_prints_every_page(qtbot, tmp_path, monkeypatch):
    output = tmp_path / "printed.pdf"
    printing_to(monkeypatch, output)
    dialog = make_preview(qtbot, long_paper(tmp_path))
    assert dialog.page_count() == 5
    assert dialog.print_paper() is True
    assert len(PdfReader(output).pages) == 5


def printing_pages_to(monkeypatch, output, first, last):
    """The print dialog chooses the pages first..last and the PDF file `output`."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    def accept(dialog):
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(first, last)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)


def test_a_long_print_can_be_cancelled(qtbot, tmp_path, monkeypatch):
    """Drawn page by page (a part of the pages to a PDF file; any page to a printer that is not a
    CUPS queue), a long print shows its progress and can be cancelled."""
    from PySide6.QtWidgets import QProgressDialog

    printing_pages_to(monkeypatch, tmp_path / "printed.pdf", 1, 4)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda progress: True)
    printed = []
    dialog = make_preview(qtbot, long_paper(tmp_path), on_printed=printed.append)
    assert dialog.print_paper() is False
    assert printed == [] and "取消" in dialog.status_label.text()


def test_some_pages_to_a_pdf_file_are_those_pages(qtbot, tmp_path, monkeypatch):
    output = tmp_path / "printed.pdf"
    printing_pages_to(monkeypatch, output, 2, 3)
    dialog = make_preview(qtbot, long_paper(tmp_path))
    assert dialog.print_paper() is True
    assert len(PdfReader(output).pages) == 2


def test_open_pdf_hands_on_printed_to_the_preview(qtbot, sample, monkeypatch):
    from mutualaid_desktop.ui.enrollment import payment_dialog
    from mutualaid_desktop.ui.papers import paper_preview

    seen = []
    monkeypatch.setattr(paper_preview.PaperPreviewDialog, "exec", lambda dialog: seen.append(dialog.on_printed) or 0)

    def record(printer):
        pass

    assert payment_dialog.open_pdf(sample, on_printed=record) is True
    assert payment_dialog.open_pdf(sample) is True
    assert seen == [record, None]


def test_a_paper_opened_the_programs_way_reads_the_counter_settings(qtbot, database, admin, sample, monkeypatch):
    """The screens open a paper with payment_dialog.open_pdf and its printer recorder: that preview
    prints as 设置 → 打印 says."""
    from mutualaid_desktop.services.papers.print_settings import PrintSettings, set_print_settings
    from mutualaid_desktop.services.papers.printed_papers import printer_recorder
    from mutualaid_desktop.ui.enrollment.payment_dialog import open_pdf
    from mutualaid_desktop.ui.papers.paper_preview import PaperPreviewDialog

    set_print_settings(database, admin, PrintSettings(True, ""))
    shown = []
    monkeypatch.setattr(PaperPreviewDialog, "exec", lambda dialog: shown.append(dialog.print_settings) or 0)
    assert open_pdf(
        sample, on_printed=printer_recorder(database, admin, kind="premium_receipt", serial="SJ2026-000001")
    )
    assert shown == [PrintSettings(True, "")]


# -- a voucher is printed once from its preview ----------------------------------------------------------


class Recorder:
    """An on_printed that says whether its paper is printed once (as printed_papers.printer_recorder does)."""

    def __init__(self, print_once):
        self.print_once = print_once
        self.printed = []

    def __call__(self, printer):
        self.printed.append(printer)


@pytest.mark.parametrize("how", ["keyword", "recorder"])
def test_a_voucher_is_printed_once(qtbot, sample, tmp_path, monkeypatch, how):
    output = tmp_path / "printed.pdf"
    seen = printing_to(monkeypatch, output)
    recorder = Recorder(print_once=how == "recorder")
    dialog = make_preview(qtbot, sample, on_printed=recorder, **({"print_once": True} if how == "keyword" else {}))
    assert dialog.prints_once() and dialog.print_button.isEnabled()
    assert dialog.print_paper() is True
    assert not dialog.print_button.isEnabled() and not dialog.print_action.isEnabled()
    text = f"已打印到 PDF 文件：{output}；如需再打一份，请在 票据 → 打印记录 中补打"
    assert dialog.print_button.toolTip() == text and dialog.status_label.text() == text
    dialog.print_action.trigger()  # Ctrl+P: disabled too
    assert dialog.print_paper() is False
    assert len(seen) == 1 and recorder.printed == [f"PDF 文件：{output}"]
    assert dialog.save_button.isEnabled()  # 另存为 still works


def test_a_handout_or_a_plain_paper_can_be_printed_again(qtbot, sample, tmp_path, monkeypatch):
    seen = printing_to(monkeypatch, tmp_path / "printed.pdf")
    handout = make_preview(qtbot, sample, on_printed=Recorder(print_once=False))
    plain = make_preview(qtbot, sample, on_printed=lambda printer: None)
    for dialog in (handout, plain):
        assert not dialog.prints_once()
        assert dialog.print_paper() is True and dialog.print_paper() is True
        assert dialog.print_button.isEnabled()
    assert len(seen) == 4


def test_a_refused_record_leaves_printing_enabled(qtbot, sample, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from mutualaid_desktop.services.errors import ServiceError

    printing_to(monkeypatch, tmp_path / "printed.pdf")
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: None))

    def refuse(printer):
        raise ServiceError("没有权限")

    refuse.print_once = True
    dialog = make_preview(qtbot, sample, on_printed=refuse)
    assert dialog.print_paper() is True
    assert dialog.print_button.isEnabled() and not dialog.printed_once


def test_a_real_receipt_recorder_prints_once(qtbot, sample, tmp_path, monkeypatch, database, admin):
    """printer_recorder of a voucher says print-once from its kind; of a record id, once it has recorded."""
    from mutualaid_desktop.services.papers.printed_papers import issue_paper, printer_recorder

    printing_to(monkeypatch, tmp_path / "printed.pdf")
    record = issue_paper(database, admin, kind="cash_up", serial="RJ20261129-admin")
    by_kind = printer_recorder(database, admin, kind="cash_up", serial="RJ20261129-admin")
    assert by_kind.print_once
    by_id = printer_recorder(database, admin, record_id=record.id)
    dialog = make_preview(qtbot, sample, on_printed=by_id)
    assert not dialog.prints_once()  # not known before it records
    assert dialog.print_paper() is True
    assert dialog.prints_once() and not dialog.print_button.isEnabled()


def fake_lp(tmp_path, monkeypatch, *, answer: str, code: int):
    """`lp` replaced by a script that keeps its arguments and answers as told."""
    from mutualaid_desktop.ui.papers import print_queue

    args = tmp_path / "lp-args"
    script = tmp_path / "lp"
    script.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$@\" > {args}\necho '{answer}' >&{2 if code else 1}\nexit {code}\n")
    script.chmod(0o755)
    monkeypatch.setattr(print_queue, "lp_command", lambda: str(script))
    return args


class QueuePrinter:
    """What the print dialog leaves in its QPrinter when a CUPS queue is chosen (Qt here has no
    queue to choose: the private CUPS of test_print_to_cups.py has one)."""

    def __init__(self, name, copies=1, pages=None):
        from PySide6.QtPrintSupport import QPrinter

        self.name, self.copies, self.pages, self.QPrinter = name, copies, pages, QPrinter

    def outputFormat(self):  # noqa: N802 - QPrinter's name
        return self.QPrinter.OutputFormat.NativeFormat

    def outputFileName(self):  # noqa: N802 - QPrinter's name
        return ""

    def printerName(self):  # noqa: N802 - QPrinter's name
        return self.name

    def copyCount(self):  # noqa: N802 - QPrinter's name
        return self.copies

    def printRange(self):  # noqa: N802 - QPrinter's name
        return self.QPrinter.PrintRange.PageRange if self.pages else self.QPrinter.PrintRange.AllPages

    def fromPage(self):  # noqa: N802 - QPrinter's name
        return self.pages[0] if self.pages else 0

    def toPage(self):  # noqa: N802 - QPrinter's name
        return self.pages[1] if self.pages else 0

    def duplex(self):
        return self.QPrinter.DuplexMode.DuplexLongSide


def test_a_queue_is_sent_the_pdf_with_the_copies_and_pages_chosen(qtbot, tmp_path, monkeypatch):
    from mutualaid_desktop.ui.papers import paper_preview

    args = fake_lp(tmp_path, monkeypatch, answer="request id is Counter-Laser-12 (1 file(s))", code=0)
    monkeypatch.setattr(paper_preview.PaperPreviewDialog, "print_to", lambda d, printer: pytest.fail("drawn as images"))
    paper = long_paper(tmp_path)
    dialog = make_preview(qtbot, paper)
    assert dialog.send(QueuePrinter("Counter-Laser", copies=2, pages=(2, 3))) is True
    sent = args.read_text().split("\n")
    assert sent[:4] == ["-d", "Counter-Laser", "-n", "2"] and sent[sent.index("-P") + 1] == "2-3"
    assert "media=A4" in sent and "sides=two-sided-long-edge" in sent and sent[-2:] == [str(paper), ""]
    assert dialog.send(QueuePrinter("Counter-Laser")) is True  # every page: no -P
    assert "-P" not in args.read_text().split("\n")


def test_a_queue_that_refuses_the_job_is_said_and_nothing_is_recorded(qtbot, sample, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from mutualaid_desktop.services.papers.print_settings import PrintSettings
    from mutualaid_desktop.ui.papers import paper_preview

    fake_lp(tmp_path, monkeypatch, answer="lp: The printer or class is not shared.", code=1)
    printers_here(monkeypatch, ["Counter-Laser"], default="Counter-Laser")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: shown.append((title, text))))
    printed = []
    dialog = make_preview(qtbot, sample, on_printed=printed.append, print_settings=PrintSettings(True, "Counter-Laser"))
    monkeypatch.setattr(paper_preview.PaperPreviewDialog, "print_to", lambda d, printer: pytest.fail("drawn as images"))
    assert dialog.send(QueuePrinter("Counter-Laser")) is False
    [(title, text)] = shown
    assert title == "打印没有成功" and "没有接受打印任务" in text and str(sample) in text
    assert printed == [] and "未打印" in dialog.status_label.text()


# -- the counter's address, phone and hours not filled in ---------------------------------------------------


def test_a_paper_printing_the_counter_information_warns_once_while_it_is_empty(
    qtbot, database, admin, sample, monkeypatch
):
    """温馨提示 and 续保提示单 printed "—" and "（请向单位工会询问）" for an empty address, phone and
    hours, and nothing said so. Their preview says it above the buttons, and the first one of the run
    opens a message pointing to 设置 → 柜台信息 (not again until the information was filled in)."""
    from mutualaid_desktop.services.admin.counter_setup import CounterInfo, set_counter_info
    from mutualaid_desktop.services.papers.printed_papers import printer_recorder
    from mutualaid_desktop.ui.papers import paper_preview

    monkeypatch.setattr(paper_preview, "_counter_warning_given", False)

    def preview_of(kind):
        dialog = make_preview(qtbot, sample, on_printed=printer_recorder(database, admin, kind=kind, serial="X-1"))
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    first = preview_of("member_leaflet")
    assert first.counter_label.isVisible()
    assert (
        "柜台地址、咨询电话、办公时间" in first.counter_label.text() and "设置 → 柜台信息" in first.counter_label.text()
    )
    qtbot.waitUntil(lambda: first.counter_box is not None and first.counter_box.isVisible())
    assert "设置 → 柜台信息" in first.counter_box.text() and "温馨提示" in first.counter_box.text()
    first.grab().save("/tmp/papers-preview-warning.png")
    first.counter_box.grab().save("/tmp/papers-preview-warning-box.png")
    assert first.print_button.isEnabled()  # it may still be printed
    first.counter_box.accept()
    first.close()

    second = preview_of("renewal_reminder")
    assert second.counter_label.isVisible() and "续保提示单" in second.counter_label.text()
    assert second.counter_box is None  # warned once
    receipt = preview_of("premium_receipt")
    assert not receipt.counter_label.isVisible() and receipt.counter_box is None

    set_counter_info(
        database, admin, CounterInfo("商洛市总工会", "商洛市商州区北新街36号", "0914-2313456", "8:30—17:30")
    )
    filled = preview_of("member_leaflet")
    assert not filled.counter_label.isVisible() and filled.counter_box is None
    set_counter_info(database, admin, CounterInfo("商洛市总工会", "商洛市商州区北新街36号", "", "8:30—17:30"))
    again = preview_of("renewal_reminder")
    qtbot.waitUntil(lambda: again.counter_box is not None and again.counter_box.isVisible())
    assert "咨询电话" in again.counter_box.text() and "柜台地址" not in again.counter_box.text()
    again.counter_box.accept()


# -- the print record is written by the window's task runner, not on the GUI thread -----------------------------


def test_the_print_record_is_written_off_the_gui_thread(qtbot, sample, tmp_path, monkeypatch, worker):
    import threading

    printing_to(monkeypatch, tmp_path / "printed.pdf")
    threads = []

    class ThreadRecorder(Recorder):
        def __call__(self, printer):
            threads.append(threading.current_thread())
            super().__call__(printer)

    recorder = ThreadRecorder(print_once=True)
    dialog = make_preview(qtbot, sample, on_printed=recorder, runner=worker)
    assert dialog.print_paper() is True
    assert not dialog.print_button.isEnabled()  # a voucher: not again while (and after) it is recorded
    qtbot.waitUntil(lambda: dialog.printed_once, timeout=5000)
    assert threads and threading.main_thread() not in threads
    assert recorder.printed == [f"PDF 文件：{tmp_path / 'printed.pdf'}"]
    assert not dialog.print_button.isEnabled()


def test_a_print_record_refused_on_the_runner_is_shown_and_printing_stays_possible(
    qtbot, sample, tmp_path, monkeypatch, worker
):
    from PySide6.QtWidgets import QMessageBox

    from mutualaid_desktop.services.errors import ServiceError

    printing_to(monkeypatch, tmp_path / "printed.pdf")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: shown.append((title, text))))

    class Refusing:
        print_once = True

        def __call__(self, printer):
            raise ServiceError("这张收据已经作废，不能登记打印。")

    dialog = make_preview(qtbot, sample, on_printed=Refusing(), runner=worker)
    assert dialog.print_paper() is True
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == [("打印记录没有保存", "这张收据已经作废，不能登记打印。")]
    assert dialog.print_button.isEnabled() and not dialog.printed_once


def test_open_pdf_hands_the_runner_to_the_preview(qtbot, sample, monkeypatch, worker):
    from mutualaid_desktop.ui.enrollment import payment_dialog
    from mutualaid_desktop.ui.papers.paper_preview import PaperPreviewDialog

    seen = []
    monkeypatch.setattr(PaperPreviewDialog, "exec", lambda dialog: seen.append(dialog.runner) or 0)
    assert payment_dialog.open_pdf(sample, on_printed=lambda printer: None, runner=worker) is True
    assert seen == [worker]
