"""续保提示单 in batch: defaults, 统计, 生成 (combined and per unit) read back with pypdf, 取消, refusals."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate

from mutualaid_desktop.services.papers.paper_texts import DEFAULT_PAYMENT_TEXT
from mutualaid_desktop.ui.enrollment import payment_dialog
from mutualaid_desktop.ui.renewal.renewal_reminders_page import RenewalRemindersPage
from tests.gui.ui.freed import freed_when_dropped
from tests.integration.services.overview_data import REMINDED, make_season

TODAY = date(2026, 11, 29)
UNIT_NAMES = {
    "611002-0001": "商州区第一中学工会",
    "611002-0002": "商州区人民医院工会",
    "611021-0001": "洛南县供电公司工会",
}


def make_page(qtbot, database, admin, worker, extra_units=0):
    make_season(database, extra_units=extra_units)
    page = RenewalRemindersPage(database, admin, worker=worker, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1100, 560)
    with qtbot.waitSignal(page.seasonLoaded, timeout=10000):
        page.show()
    return page


@pytest.fixture
def page(qtbot, database, admin, worker):
    p = make_page(qtbot, database, admin, worker)
    yield p
    p.shutdown()


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_defaults_and_count(page, qtbot, database):
    assert page.year_combo.currentData() == 2026 and page.kind_combo.currentData() == "reimbursement"
    assert "SL-ZY-2027" in page.plan_label.text() and "¥95.00" in page.plan_label.text()
    assert page.from_edit.date() == QDate(2026, 12, 31) == page.to_edit.date() == page.deadline_edit.date()
    assert page.payment_label.text() == DEFAULT_PAYMENT_TEXT
    assert page.out_edit.text().endswith("续保提示单-2027-全市.pdf")
    assert page.out_edit.text().startswith(str(database.path.parent / "papers"))
    with qtbot.waitSignal(page.counted, timeout=10000) as counted:
        page.count_button.click()
    request = counted.args[0]
    assert request.unit_count == 3 and request.member_count == sum(REMINDED.values()) == 7
    assert page.status_label.text().startswith("将为 3 个单位、7 名会员生成续保提示单")
    page.per_unit_radio.setChecked(True)
    assert page.out_edit.text().endswith("续保提示单-2027-全市")
    page.choose(county="611021")
    assert page.out_edit.text().endswith("续保提示单-2027-洛南县总工会")
    with qtbot.waitSignal(page.counted, timeout=10000) as counted:
        page.count_button.click()
    assert counted.args[0].unit_count == 1 and counted.args[0].member_count == 3  # 2 of 5 pending


def test_generate_combined_opens_the_preview(page, qtbot, tmp_path, opened):
    out = tmp_path / "out" / "提示单.pdf"
    page.out_edit.setText(str(out))
    page.out_edit.textEdited.emit(str(out))
    seen = []
    page.progressed.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(page.batchFinished, timeout=30000) as finished:
        page.generate_button.click()
        assert page.is_running() and page.cancel_button.isEnabled() and not page.inputs.isEnabled()
    result = finished.args[0]
    assert not result.cancelled and result.done == result.total == 3 and result.files == (out,)
    assert seen[-1] == (3, 3) and page.progress_bar.value() == 3 and page.progress_bar.maximum() == 3
    assert opened == [out] and not page.is_running() and page.generate_button.isEnabled()
    assert sorted(p.name for p in out.parent.iterdir()) == ["提示单.pdf"]
    text = pdf_text(out)
    for name in UNIT_NAMES.values():
        assert name in text
    assert "¥285.00" in text and "¥475.00" not in text  # 1, 3 and 3 members at 95.00 (the pending are renewed)
    assert page.status_label.text().startswith("已生成 3 个单位的续保提示单，合并为一个 PDF")


def test_generate_per_unit_for_a_county(page, qtbot, tmp_path, monkeypatch):
    folder = tmp_path / "units"
    page.per_unit_radio.setChecked(True)
    page.choose(county="611002")
    page.out_edit.setText(str(folder))
    page.out_edit.textEdited.emit(str(folder))
    with qtbot.waitSignal(page.batchFinished, timeout=30000) as finished:
        page.generate_button.click()
    result = finished.args[0]
    assert result.done == result.total == 2 and not result.combined
    files = sorted(folder.iterdir())
    assert len(files) == 2 and set(files) == set(result.files)
    texts = {p.name: pdf_text(p) for p in files}
    assert any(UNIT_NAMES["611002-0001"] in t and "¥95.00" in t for t in texts.values())
    assert any(UNIT_NAMES["611002-0002"] in t and "¥285.00" in t for t in texts.values())
    assert page.open_button.isVisible() and page.open_button.text() == "打开文件夹"
    # files of one unit each are not previewed: the page says what the preview would warn of (hours not filled in)
    assert "柜台信息还没有填写：办公时间" in page.status_label.text() and "设置 → 柜台信息" in page.status_label.text()
    urls = []
    monkeypatch.setattr(
        "mutualaid_desktop.ui.renewal.renewal_reminders_batch.QDesktopServices.openUrl",
        lambda url: urls.append(url.toLocalFile()) or True,
    )
    page.open_button.click()
    assert urls == [str(folder)]


def hold_after_first_unit(page):
    """The batch waits after its first unit until 取消 is clicked (so that the test cancels mid-way)."""
    original = page._report

    def report(done, total):
        original(done, total)
        if done == 1:
            page._cancel.wait(10)

    page._report = report


@pytest.mark.parametrize("combined", [False, True])
def test_cancel_stops_before_the_end(qtbot, database, admin, worker, tmp_path, opened, combined):
    page = make_page(qtbot, database, admin, worker, extra_units=20)
    try:
        out = tmp_path / ("all.pdf" if combined else "units")
        (page.combined_radio if combined else page.per_unit_radio).setChecked(True)
        page.out_edit.setText(str(out))
        page.out_edit.textEdited.emit(str(out))
        hold_after_first_unit(page)
        with qtbot.waitSignal(page.batchFinished, timeout=30000) as finished:
            page.generate_button.click()
            qtbot.waitUntil(lambda: page.progress_bar.value() == 1, timeout=10000)
            assert page.progress_bar.maximum() == 23
            page.cancel_button.click()
            assert page.status_label.text() == "正在取消…" and not page.cancel_button.isEnabled()
        result = finished.args[0]
        assert result.cancelled and result.done == 1 and result.total == 23
        if combined:
            assert result.files == () and list(tmp_path.glob("all.pdf*")) == [] and opened == []
            assert page.status_label.text().startswith("已取消：完成了 1 / 23 个单位，合并的 PDF 没有保存")
        else:
            assert len(list(out.iterdir())) == 1 == len(result.files)
            assert page.status_label.text().startswith("已取消：已生成 1 个单位的提示单")
            assert "其余 22 个单位没有生成" in page.status_label.text()
        assert not page.is_running() and page.generate_button.isEnabled()
    finally:
        page.shutdown()


def test_refusals_in_chinese(page, qtbot, tmp_path):
    page.unit_radio.setChecked(True)
    with qtbot.waitSignal(page.actionFailed) as failed:
        page.generate_button.click()
    assert failed.args[0].startswith("请从列表中选择一个单位")
    page.choose(unit="611002-0003")  # everyone renewed
    page.combined_radio.setChecked(True)
    page.out_edit.setText(str(tmp_path / "c.pdf"))
    with qtbot.waitSignal(page.batchFailed, timeout=10000) as failed:
        page.generate_button.click()
    assert failed.args[0].startswith("所选范围内没有需要提示续保的会员")
    with qtbot.waitSignal(page.seasonLoaded, timeout=10000):
        page.choose(kind="lump_sum", year=2026)
    assert page.plan_label.text().startswith("还没有 2027 年度的计划")
    page.city_radio.setChecked(True)
    with qtbot.waitSignal(page.batchFailed, timeout=10000) as failed:
        page.generate_button.click()
    assert "还没有 2027 年度的计划" in failed.args[0] and "设置" in failed.args[0]
    assert page.status_label.text() == failed.args[0]


def test_a_plan_added_meanwhile_is_read_when_reported_and_what_was_typed_is_kept(page, qtbot, database):
    from mutualaid_desktop.services.admin.plans import add_plan
    from mutualaid_desktop.services.changes import PLANS, Changes, subscribe
    from tests.integration.services.overview_data import plan_text

    with qtbot.waitSignal(page.seasonLoaded, timeout=10000):
        page.choose(kind="lump_sum", year=2026)
    assert page.plan_label.text().startswith("还没有 2027 年度的计划")
    page.hide()
    stop = subscribe(page.apply_changes)  # as the window hands every change report to its screens
    try:
        add_plan(database, plan_text("critical-illness-2027.toml", 2027))  # added in 设置 meanwhile
    finally:
        stop()
    with qtbot.waitSignal(page.seasonLoaded, timeout=10000):
        page.show()
    assert page.kind_combo.currentData() == "lump_sum" and page.year_combo.currentData() == 2026
    assert "ZB-ZJ-2027" in page.plan_label.text() and "¥30.00" in page.plan_label.text()
    page.deadline_edit.setDate(QDate(2026, 12, 20))
    with qtbot.waitSignal(page.seasonLoaded, timeout=10000):
        page.apply_changes(Changes.of(PLANS))  # shown: read at once
    assert page.deadline_edit.date() == QDate(2026, 12, 20)  # what the clerk typed is kept


def test_page_destroyed_during_a_batch(qtbot, database, admin, worker, tmp_path):
    """The window closes mid-batch: the batch stops, its thread ends, no half file is left."""
    make_season(database, extra_units=20)
    page = RenewalRemindersPage(database, admin, worker=worker, today=lambda: TODAY)
    with qtbot.waitSignal(page.seasonLoaded, timeout=10000):
        page.show()
    out = tmp_path / "all.pdf"
    page.out_edit.setText(str(out))
    page.out_edit.textEdited.emit(str(out))
    hold_after_first_unit(page)
    page.generate_button.click()
    qtbot.waitUntil(lambda: page.progress_bar.value() == 1, timeout=10000)
    assert worker.long_work_running()  # on the runner's long lane
    gone = []
    page.destroyed.connect(lambda *_: gone.append(True))
    page.deleteLater()
    qtbot.waitUntil(lambda: bool(gone), timeout=10000)
    qtbot.waitUntil(lambda: not worker.long_work_running(), timeout=10000)  # cancelled after the unit drawn
    assert list(tmp_path.glob("all.pdf*")) == []


def test_a_batch_is_recorded_printed_once_and_listed_in_the_print_records(
    qtbot, database, admin, worker, tmp_path, monkeypatch
):
    """生成 records one paper per unit; the combined PDF printed from its preview fills their printer and 打印 is then
    disabled; 票据 → 打印记录 lists the units (第 1 次提示) and makes one unit's reminder again (第 2 次提示)."""
    from PySide6.QtPrintSupport import QPrinter

    from mutualaid_desktop.services.papers.print_settings import PrintSettings
    from mutualaid_desktop.services.papers.printed_papers import list_papers
    from mutualaid_desktop.ui.enrollment.receipts_page import ReceiptsPage
    from mutualaid_desktop.ui.papers import paper_preview

    shown = []
    monkeypatch.setattr(
        payment_dialog, "open_pdf", lambda path, *, on_printed=None, runner=None: shown.append((path, on_printed))
    )
    page = make_page(qtbot, database, admin, worker)
    try:
        out = tmp_path / "out" / "提示单.pdf"
        page.out_edit.setText(str(out))
        page.out_edit.textEdited.emit(str(out))
        with qtbot.waitSignal(page.batchFinished, timeout=30000) as finished:
            page.generate_button.click()
        result = finished.args[0]
        assert len(result.records) == 3 and result.again == 0
    finally:
        page.shutdown()
    [(path, on_printed)] = shown
    assert path == out and on_printed.print_once

    queue = tmp_path / "queue.pdf"
    original = paper_preview.PaperPreviewDialog.make_printer

    def make_printer(dialog, printer_name=None):
        printer = original(dialog)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(queue))
        return printer

    monkeypatch.setattr(paper_preview.PaperPreviewDialog, "make_printer", make_printer)
    monkeypatch.setattr(paper_preview, "available_printers", lambda: ["Counter-Laser"])
    monkeypatch.setattr(paper_preview, "default_printer", lambda: "Counter-Laser")
    dialog = paper_preview.PaperPreviewDialog(
        path, on_printed=on_printed, print_settings=PrintSettings(without_dialog=True, printer="Counter-Laser")
    )
    qtbot.addWidget(dialog)
    dialog.print_button.click()
    assert len(PdfReader(queue).pages) == 3
    assert not dialog.print_button.isEnabled() and "票据 → 打印记录" in dialog.print_button.toolTip()
    dialog.resize(900, 700)
    dialog.grab().save("/tmp/preview_printed_once.png")
    papers = list_papers(database, kind="renewal_reminder")
    assert sorted(p.serial for p in papers) == sorted(f"XB2027-{code}" for code in UNIT_NAMES)
    assert {p.printer for p in papers} == {f"PDF 文件：{queue}"}

    receipts = ReceiptsPage(database, admin, worker=worker)
    qtbot.addWidget(receipts)
    receipts.resize(1200, 640)
    with qtbot.waitSignal(receipts.receiptsLoaded, timeout=5000):
        receipts.show()
    with qtbot.waitSignal(receipts.printed.papersLoaded, timeout=5000):
        receipts.tabs.setCurrentWidget(receipts.printed)
    listed = receipts.printed
    model = listed.model
    rows = {model.data(model.index(r, model.SERIAL)): r for r in range(model.rowCount())}
    assert set(rows) == {f"XB2027-{code}" for code in UNIT_NAMES}
    assert {model.data(model.index(r, model.COPY)) for r in rows.values()} == {"第 1 次提示"}
    assert {model.data(model.index(r, model.KIND)) for r in rows.values()} == {"续保提示单"}
    listed.table.selectRow(rows["XB2027-611002-0002"])
    assert listed.reprint_button.text() == "再次提示"
    receipts.grab().save("/tmp/print_records_reminders.png")
    shown.clear()
    with qtbot.waitSignal(listed.paperMade, timeout=10000) as made:
        listed.reprint_button.click()
    text = pdf_text(made.args[0])
    assert "第2次提示" in text and UNIT_NAMES["611002-0002"] in text and "补打" not in text
    assert shown[0][1].print_once


@pytest.mark.parametrize("answer", ["no", "yes"])
def test_writing_over_an_existing_file_asks_first(page, qtbot, tmp_path, opened, monkeypatch, answer):
    from PySide6.QtWidgets import QMessageBox

    out = tmp_path / "提示单.pdf"
    out.write_bytes(b"earlier")
    page.out_edit.setText(str(out))
    page.out_edit.textEdited.emit(str(out))
    asked = []
    reply = QMessageBox.StandardButton.Yes if answer == "yes" else QMessageBox.StandardButton.No
    monkeypatch.setattr(
        "mutualaid_desktop.ui.renewal.renewal_reminders_batch.QMessageBox.question",
        lambda parent, title, text, *a: asked.append(text) or reply,
    )
    signal = page.batchFinished if answer == "yes" else page.batchFailed
    with qtbot.waitSignal(signal, timeout=30000):
        page.generate_button.click()
    assert len(asked) == 1 and "提示单.pdf" in asked[0]
    if answer == "yes":
        assert out.read_bytes().startswith(b"%PDF") and opened == [out]
    else:
        assert out.read_bytes() == b"earlier" and "没有覆盖" in page.status_label.text()
        from mutualaid_desktop.services.papers.printed_papers import list_papers

        assert list_papers(page._db, kind="renewal_reminder") == []


def test_per_unit_files_are_marked_sent(page, qtbot, tmp_path):
    from mutualaid_desktop.services.papers.printed_papers import SENT_AS_FILE, list_papers

    page.per_unit_radio.setChecked(True)
    folder = tmp_path / "units"
    page.out_edit.setText(str(folder))
    page.out_edit.textEdited.emit(str(folder))
    with qtbot.waitSignal(page.batchFinished, timeout=30000):
        page.generate_button.click()
    assert page.sent_button.isVisible() and "标记为已发出" in page.status_label.text()
    with qtbot.waitSignal(page.markedSent, timeout=10000):
        page.sent_button.click()
    assert not page.sent_button.isVisible() and "已记为发出：3 个单位" in page.status_label.text()
    assert {p.printer for p in list_papers(page._db, kind="renewal_reminder")} == {SENT_AS_FILE}


def test_the_count_says_who_is_left_out(page, qtbot):
    with qtbot.waitSignal(page.counted, timeout=10000):
        page.count_button.click()
    text = page.status_label.text()
    # A: 2 renewed, 1 pending; C: 3 (the mover renewed in A) and nobody left: no reminder; D: 2 pending
    assert "未列入：已续保或待缴费 8 人" in text and "1 个单位已无需提示" in text


def test_the_page_is_freed_when_dropped(qtbot, database, admin, worker):
    """Nothing it connects (the unit field's Enter, its output: ui/renewal/renewal_reminders_output.py) keeps a
    reference back to it: dropped, it goes at once, not later at the cycle collector's whim."""
    make_season(database)

    def make():
        return RenewalRemindersPage(database, admin, worker=worker, today=lambda: TODAY)

    assert freed_when_dropped(qtbot, worker, make, lambda page: "SL-ZY-2027" in page.plan_label.text())
