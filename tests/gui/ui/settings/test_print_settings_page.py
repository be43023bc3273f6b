"""设置 → 打印: the print settings (dialog, or straight to a printer) saved by a supervisor or an
administrator and checked in the database; the printers of this computer listed (faked here: the
real CUPS queue is in test_print_to_cups.py); the test page printed through the preview's printing."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QDialog

from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.papers.print_settings import PrintSettings, get_print_settings, set_print_settings
from mutualaid_desktop.ui.settings.print_settings_page import PrintSettingsPage


@pytest.fixture(autouse=True)
def printers(monkeypatch):
    """This computer has two printers, Office the default; tests change the list."""
    from mutualaid_desktop.ui.papers import paper_preview

    here = {"names": ["Office", "Counter-Laser"], "default": "Office"}
    monkeypatch.setattr(paper_preview, "available_printers", lambda: sorted(here["names"], key=str.casefold))
    monkeypatch.setattr(paper_preview, "default_printer", lambda: here["default"])
    paper_preview.use_print_settings(None)
    yield here
    paper_preview.use_print_settings(None)


def make_page(qtbot, database, user, worker):
    page = PrintSettingsPage(database, user, worker=worker)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        pass
    page.resize(760, 420)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def clerk():
    return UserInfo(id=None, username="lina", display_name="李娜", role="clerk")


def combo_items(page):
    return [(page.printer_combo.itemText(i), page.printer_combo.itemData(i)) for i in range(page.printer_combo.count())]


def test_shows_the_default_and_the_printers_here(qtbot, database, admin, worker):
    page = make_page(qtbot, database, admin, worker)
    assert not page.direct_check.isChecked()
    assert combo_items(page) == [
        ("系统默认打印机（Office）", ""),
        ("Counter-Laser", "Counter-Laser"),
        ("Office", "Office"),
    ]
    assert page.chosen_printer() == ""
    assert not page.printer_combo.isEnabled()  # only for printing without asking
    assert "2 台打印机" in page.printers_label.text()
    page.direct_check.setChecked(True)
    assert page.printer_combo.isEnabled()
    page.grab().save("/tmp/print_settings_page.png")


def test_an_admin_saves_printing_without_asking(qtbot, database, admin, worker):
    page = make_page(qtbot, database, admin, worker)
    page.direct_check.click()
    page.printer_combo.setCurrentIndex(page.printer_combo.findData("Counter-Laser"))
    with qtbot.waitSignal(page.saved, timeout=10000) as signal:
        page.save_button.click()
    assert signal.args == [PrintSettings(True, "Counter-Laser")]
    assert get_print_settings(database) == PrintSettings(True, "Counter-Laser")
    assert "Counter-Laser" in page.message_label.text()
    # back to the dialog
    page.direct_check.click()
    with qtbot.waitSignal(page.saved, timeout=10000):
        page.save_button.click()
    assert get_print_settings(database) == PrintSettings(False, "Counter-Laser")
    assert "对话框" in page.message_label.text()


def test_the_saved_settings_are_shown_and_a_missing_printer_is_marked(qtbot, database, admin, worker):
    set_print_settings(database, admin, PrintSettings(True, "Upstairs"))
    page = make_page(qtbot, database, admin, worker)
    assert page.direct_check.isChecked() and page.printer_combo.isEnabled()
    assert page.chosen_printer() == "Upstairs"
    assert page.printer_combo.currentText() == "Upstairs（这台电脑上没有）"


def test_refresh_finds_new_printers_and_keeps_the_choice(qtbot, database, admin, worker, printers):
    page = make_page(qtbot, database, admin, worker)
    page.direct_check.setChecked(True)
    page.printer_combo.setCurrentIndex(page.printer_combo.findData("Counter-Laser"))
    printers["names"].append("Annex")
    page.refresh_button.click()
    assert page.printer_combo.findData("Annex") >= 0
    assert page.chosen_printer() == "Counter-Laser"
    assert "3 台打印机" in page.printers_label.text()


def test_no_printer_here_is_said(qtbot, database, admin, worker, printers):
    printers["names"].clear()
    printers["default"] = ""
    page = make_page(qtbot, database, admin, worker)
    assert combo_items(page) == [("系统默认打印机（未设置）", "")]
    assert "还没有安装打印机" in page.printers_label.text()
    page.grab().save("/tmp/print_settings_no_printer.png")


def test_a_clerk_sees_the_settings_and_may_print_the_test_page(qtbot, database, admin, clerk, worker):
    set_print_settings(database, admin, PrintSettings(True, "Office"))
    page = make_page(qtbot, database, clerk, worker)
    assert page.direct_check.isChecked()
    assert not page.direct_check.isEnabled() and not page.printer_combo.isEnabled()
    assert not page.save_button.isEnabled() and page.test_button.isEnabled()
    assert "主管或管理员" in page.message_label.text()
    # the service refuses too
    page.save()
    qtbot.waitUntil(lambda: "不能修改打印设置" in page.message_label.text())
    assert get_print_settings(database) == PrintSettings(True, "Office")


def to_file_instead(monkeypatch, output):
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


def test_the_test_page_goes_to_the_printer_on_the_screen(qtbot, database, admin, worker, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog

    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: pytest.fail("the print dialog was shown"))
    output = tmp_path / "test-page.pdf"
    asked = to_file_instead(monkeypatch, output)
    page = make_page(qtbot, database, admin, worker)
    page.direct_check.setChecked(True)  # not saved: the test page uses what is on the screen
    page.printer_combo.setCurrentIndex(page.printer_combo.findData("Counter-Laser"))
    with qtbot.waitSignal(page.testPagePrinted, timeout=10000) as signal:
        page.test_button.click()
    assert asked == ["Counter-Laser"]
    assert signal.args == [f"PDF 文件：{output}"]
    assert len(PdfReader(output).pages) == 1
    assert "测试页已送到" in page.message_label.text() and page.test_button.isEnabled()
    assert get_print_settings(database) == PrintSettings()  # nothing saved


def test_the_test_page_through_the_dialog(qtbot, database, admin, worker, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    output = tmp_path / "test-page.pdf"

    def accept(dialog):
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(output))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    page = make_page(qtbot, database, admin, worker)
    with qtbot.waitSignal(page.testPagePrinted, timeout=10000) as signal:
        page.test_button.click()
    assert signal.args == [f"PDF 文件：{output}"]
    assert len(PdfReader(output).pages) == 1


def test_the_test_page_with_no_printer_says_so(qtbot, database, admin, worker, printers, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    printers["names"].clear()
    printers["default"] = ""
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: shown.append(title)))
    page = make_page(qtbot, database, admin, worker)
    page.direct_check.setChecked(True)
    with qtbot.waitSignal(page.testPagePrinted, timeout=10000) as signal:
        page.test_button.click()
    assert signal.args == [None]
    assert shown == ["没有打印机"]
    assert "没有打印机" in page.message_label.text() and page.test_button.isEnabled()
