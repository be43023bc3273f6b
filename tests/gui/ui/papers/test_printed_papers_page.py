"""票据 → 打印记录: the list of printed papers, found by serial, filtered, paged; 补打 opens a PDF
marked 补打 in the preview, whose on_printed records the printer."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from mutualaid_desktop.services.enrollment.payments import due_for, record_payment, unit_roster
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import PrintedDocument
from mutualaid_desktop.ui.enrollment import payment_dialog
from mutualaid_desktop.ui.enrollment.receipts_page import ReceiptsPage
from mutualaid_desktop.ui.papers import printed_papers_page
from tests.integration.services.payments_data import make_counter


def serial(n: int) -> str:
    return f"SJ{date.today().year}-{n:06d}"


@pytest.fixture
def opened(monkeypatch):
    """What the screens show in the preview: (path, on_printed)."""
    shown = []
    monkeypatch.setattr(
        payment_dialog,
        "open_pdf",
        lambda path, *, on_printed=None, runner=None: shown.append((path, on_printed)) or True,
    )
    return shown


@pytest.fixture
def counter(database):
    counter = make_counter(database, members=3)
    for ids, code in (
        (counter.enrollment_ids["SL-ZY-2027"], counter.unit_code),
        (counter.other_ids, counter.other_unit_code),
    ):
        record_payment(
            database,
            counter.clerk,
            enrollment_ids=ids,
            payer_unit_code=code,
            amount=due_for(database, enrollment_ids=ids).total,
            method="cash",
            paid_on=date.today(),
        )
    unit_roster(database, counter.clerk, serial(1))
    return counter


def printed_tab(qtbot, database, user, worker):
    page = ReceiptsPage(database, user, worker=worker)
    qtbot.addWidget(page)
    page.resize(1200, 640)
    with qtbot.waitSignal(page.receiptsLoaded, timeout=5000):
        page.show()
    with qtbot.waitSignal(page.printed.papersLoaded, timeout=5000):
        page.tabs.setCurrentWidget(page.printed)
    return page, page.printed


def shown(model, column) -> list[str]:
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def documents(database) -> list[tuple[str, str, int, str | None]]:
    with UnitOfWork(database, read_only=True) as uow:
        return [
            (d.kind, d.serial, d.copy_number, d.printer)
            for d in uow.session.scalars(select(PrintedDocument).order_by(PrintedDocument.id))
        ]


def test_the_list_and_find_by_serial(today, qtbot, qtmodeltester, database, counter, worker, opened):
    page, papers = printed_tab(qtbot, database, counter.clerk, worker)
    model = papers.model
    qtmodeltester.check(model)
    assert shown(model, model.KIND) == ["参保名单", "缴费收据", "缴费收据"]
    assert shown(model, model.SERIAL) == [serial(1), serial(2), serial(1)]
    assert shown(model, model.COPY) == ["原件"] * 3
    assert shown(model, model.WHO) == ["张经办"] * 3
    assert shown(model, model.PRINTER) == ["未打印"] * 3
    assert model.data(model.index(0, model.WHEN)).startswith(today.isoformat())
    assert "共 3 份" in papers.status_label.text()
    page.grab().save("/tmp/printed_list.png")
    papers.serial_edit.setFocus()
    qtbot.keyClicks(papers.serial_edit, serial(2)[-6:])
    with qtbot.waitSignal(papers.papersLoaded):
        qtbot.keyClick(papers.serial_edit, Qt.Key.Key_Return)
    assert shown(model, model.SERIAL) == [serial(2)]
    assert papers.table.hasFocus()
    papers.serial_edit.clear()
    with qtbot.waitSignal(papers.papersLoaded):
        papers.kind_combo.setCurrentIndex(papers.kind_combo.findData("unit_roster"))
    assert shown(model, model.KIND) == ["参保名单"]
    with qtbot.waitSignal(papers.papersLoaded):
        papers.kind_combo.setCurrentIndex(0)
    with qtbot.waitSignal(papers.papersLoaded):
        papers.date_check.setChecked(True)
    assert model.rowCount() == 3
    tomorrow = today + timedelta(days=1)
    with qtbot.waitSignal(papers.papersLoaded):
        papers.to_edit.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    with qtbot.waitSignal(papers.papersLoaded):
        papers.from_edit.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    assert model.rowCount() == 0
    assert not papers.reprint_button.isEnabled()


def test_reprint_opens_a_paper_marked_and_the_preview_records_the_printer(qtbot, database, counter, worker, opened):
    page, papers = printed_tab(qtbot, database, counter.clerk, worker)
    model = papers.model
    papers.table.setFocus()
    papers.table.selectRow(2)  # the receipt SJ…000001, original
    with qtbot.waitSignal(papers.papersLoaded, timeout=10000):
        qtbot.mouseClick(papers.reprint_button, Qt.MouseButton.LeftButton)
    path, on_printed = opened[-1]
    text = PdfReader(str(path)).pages[0].extract_text()
    assert "补打" in text and "第1次补打" in text and serial(1) in text
    assert ("premium_receipt", serial(1), 1, None) in documents(database)
    assert shown(model, model.COPY)[0] == "补打 1" and papers.selected().copy_number == 1
    on_printed("HP-LaserJet-柜台")  # what the preview does after printing
    assert ("premium_receipt", serial(1), 1, "HP-LaserJet-柜台") in documents(database)
    with pytest.raises(ServiceError) as again:  # the same paper printed twice: shown by the preview
        on_printed("HP-LaserJet-柜台")
    assert "补打" in again.value.message
    with qtbot.waitSignal(papers.papersLoaded):
        page._refresh_tab()  # F5 on this tab
    assert shown(model, model.PRINTER)[0] == "HP-LaserJet-柜台"
    # Enter on a row is 补打 too: the roster
    papers.table.selectRow(1)
    with qtbot.waitSignal(papers.paperMade, timeout=10000):
        qtbot.keyClick(papers.table, Qt.Key.Key_Return)
    path, _ = opened[-1]
    assert "补打" in PdfReader(str(path)).pages[0].extract_text()
    assert ("unit_roster", serial(1), 1, None) in documents(database)
    qtbot.waitUntil(lambda: not papers.is_loading())
    page.grab().save("/tmp/printed_after_reprint.png")


def test_a_reviewer_may_not_reprint_a_receipt(qtbot, database, counter, worker, opened):
    _, papers = printed_tab(qtbot, database, counter.reviewer, worker)
    papers.table.selectRow(0)
    with qtbot.waitSignal(papers.actionFailed, timeout=5000) as failed:
        papers.reprint_button.click()
    assert "不能补打" in failed.args[0] and not opened
    assert len(documents(database)) == 3


def test_more_reads_the_next_page(qtbot, qtmodeltester, database, counter, worker, opened, monkeypatch):
    monkeypatch.setattr(printed_papers_page, "PAGE_SIZE", 2)
    _, papers = printed_tab(qtbot, database, counter.clerk, worker)
    assert papers.model.rowCount() == 2 and papers.more_button.isEnabled()
    with qtbot.waitSignal(papers.papersLoaded):
        papers.more_button.click()
    qtmodeltester.check(papers.model)
    assert shown(papers.model, papers.model.SERIAL) == [serial(1), serial(2), serial(1)]
    assert not papers.more_button.isEnabled()


def test_receipts_tab_papers_record_their_printer(today, qtbot, database, counter, worker, opened):
    page = ReceiptsPage(database, counter.clerk, worker=worker)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.receiptsLoaded, timeout=5000):
        page.show()
    page.table.selectRow(1)  # SJ…000001
    with qtbot.waitSignal(page.paperMade, timeout=10000):
        page.reprint_button.click()
    opened[-1][1]("P1")
    with qtbot.waitSignal(page.paperMade, timeout=10000):
        page.cash_up_button.click()
    _path, on_printed = opened[-1]
    on_printed("P2")
    assert ("premium_receipt", serial(1), 1, "P1") in documents(database)
    assert ("cash_up", f"RJ{today:%Y%m%d}-zhang", 0, "P2") in documents(database)
    with qtbot.waitSignal(page.paperMade, timeout=10000):
        page.cash_up_button.click()
    assert "补打" in PdfReader(str(opened[-1][0])).pages[0].extract_text()


def test_the_receipts_list_is_paged_too(qtbot, qtmodeltester, database, counter, worker, opened, monkeypatch):
    from mutualaid_desktop.ui.enrollment import receipts_page

    monkeypatch.setattr(receipts_page, "PAGE_SIZE", 1)
    page = ReceiptsPage(database, counter.clerk, worker=worker)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.receiptsLoaded, timeout=5000):
        page.show()
    assert [r.serial for r in page.model.rows()] == [serial(2)] and page.more_button.isEnabled()
    assert "还有更多" in page.status_label.text()
    with qtbot.waitSignal(page.receiptsLoaded, timeout=5000):
        page.more_button.click()
    qtmodeltester.check(page.model)
    assert [r.serial for r in page.model.rows()] == [serial(2), serial(1)]
    assert not page.more_button.isEnabled() and "共 2 张收据" in page.status_label.text()


def test_the_real_preview_records_where_the_reprint_went(
    qtbot, database, counter, worker, opened, monkeypatch, tmp_path
):
    """The preview of the printing helper with this on_printed: printed to a queue (a file here),
    the record gets the printer; printed a second time, the clerk is told to use 补打."""
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QMessageBox

    from mutualaid_desktop.services.papers.print_settings import PrintSettings
    from mutualaid_desktop.ui.papers import paper_preview

    output = tmp_path / "queue.pdf"
    original = paper_preview.PaperPreviewDialog.make_printer

    def make_printer(dialog, printer_name=None):
        printer = original(dialog)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        return printer

    monkeypatch.setattr(paper_preview.PaperPreviewDialog, "make_printer", make_printer)
    monkeypatch.setattr(paper_preview, "available_printers", lambda: ["Counter-Laser"])
    monkeypatch.setattr(paper_preview, "default_printer", lambda: "Counter-Laser")
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: warned.append(text)))

    _, papers = printed_tab(qtbot, database, counter.clerk, worker)
    papers.table.selectRow(0)  # the roster
    with qtbot.waitSignal(papers.paperMade, timeout=10000):
        papers.reprint_button.click()
    path, on_printed = opened[-1]
    dialog = paper_preview.PaperPreviewDialog(
        path, on_printed=on_printed, print_settings=PrintSettings(without_dialog=True, printer="Counter-Laser")
    )
    qtbot.addWidget(dialog)
    assert dialog.loaded()
    dialog.print_button.click()
    assert output.exists() and warned == []
    assert ("unit_roster", serial(1), 1, f"PDF 文件：{output}") in documents(database)
    # a voucher is printed once from its preview: 打印 is disabled and says where to get another paper
    assert not dialog.print_button.isEnabled() and not dialog.print_action.isEnabled()
    assert "票据 → 打印记录" in dialog.print_button.toolTip() and "补打" in dialog.status_label.text()
    dialog.print_button.click()
    assert warned == []
    # the same paper printed again from another preview: an unmarked duplicate, refused by the service
    settings = PrintSettings(without_dialog=True, printer="Counter-Laser")
    again = paper_preview.PaperPreviewDialog(path, on_printed=on_printed, print_settings=settings)
    qtbot.addWidget(again)
    again.print_button.click()
    assert len(warned) == 1 and "补打" in warned[0]
    assert [d for d in documents(database) if d[0] == "unit_roster"] == [
        ("unit_roster", serial(1), 0, None),
        ("unit_roster", serial(1), 1, f"PDF 文件：{output}"),
    ]
