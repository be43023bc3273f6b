"""续保进度 → 导出 Excel…: the file dialog (monkeypatched), the file written in the background, the message."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from mutualaid_desktop.services.enrollment.payments import papers_folder
from mutualaid_desktop.ui.renewal.renewal_overview_page import RenewalOverviewPage
from tests.integration.services.overview_data import CITY, make_season

TODAY = date(2026, 11, 29)


@pytest.fixture
def page(qtbot, database, admin, worker):
    make_season(database)
    p = RenewalOverviewPage(database, admin, worker=worker, today=lambda: TODAY)
    qtbot.addWidget(p)
    p.resize(1280, 640)
    assert not p.export_button.isEnabled()  # nothing to export before the figures are read
    with qtbot.waitSignal(p.overviewLoaded, timeout=10000):
        p.show()
    return p


@pytest.fixture
def dialog(monkeypatch):
    """The save dialog: records what it was asked and answers `answer[0]`."""
    asked: list[tuple] = []
    answer = [""]

    def save(parent, caption, suggested, filters, *args, **kwargs):
        asked.append((caption, suggested, filters))
        return answer[0], filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    return asked, answer


def close_message(page) -> tuple[str, set[str]]:
    """Close the message that says where the file is; its text and its buttons."""
    box = page.findChild(QMessageBox, "exportedBox")
    assert box is not None and box.isVisible() and box.windowTitle() == "续保进度已导出"
    text, buttons = box.text(), {b.text() for b in box.buttons()}
    box.reject()
    return text, buttons


def test_export_writes_the_overview_and_says_where(page, qtbot, dialog, database, tmp_path):
    asked, answer = dialog
    assert page.export_button.isEnabled() and page.export_button.text() == "导出 Excel…"
    target = tmp_path / "给县区" / "续保进度"
    answer[0] = str(target)  # typed without .xlsx
    with qtbot.waitSignal(page.exported, timeout=10000) as done:
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    caption, suggested, filters = asked[0]
    assert caption == "导出续保进度" and filters == "Excel 文件 (*.xlsx)"
    assert Path(suggested) == papers_folder(database) / "overview" / "续保进度-2027-全市.xlsx"
    written = Path(done.args[0])
    assert written == target.with_suffix(".xlsx") and written.is_file()
    assert page.status_label.text() == f"已导出到 {written}"
    text, buttons = close_message(page)
    assert text == f"已保存为 Excel 文件：\n{written}" and buttons == {"打开所在文件夹", "关闭"}
    sheet = load_workbook(written).active
    from mutualaid_desktop.io import renewal_overview_writer as writer

    total = next(r for r in sheet.iter_rows(min_row=4) if r[writer.NAME - 1].value == "全市合计")
    assert [
        total[c - 1].value
        for c in (writer.COVERED, writer.RENEWED, writer.RATE, writer.PENDING, writer.LEFT, writer.OPEN, writer.JOINERS)
    ] == [CITY[0], CITY[1], 0.313, CITY[2], 0, CITY[3], CITY[4]]
    assert Decimal(str(total[writer.RECEIVED - 1].value)) == page.overview.total.received == Decimal("788.45")
    assert sheet["A1"].value.endswith("续保进度：2026 年（续保 2027 年） 住院二次报销 · 全市")
    assert page.export_button.isEnabled() and not page.is_exporting()


def test_county_only_open_and_the_folder_used_last(page, qtbot, dialog, tmp_path):
    asked, answer = dialog
    answer[0] = str(tmp_path / "first.xlsx")
    with qtbot.waitSignal(page.exported, timeout=10000):
        page.export_button.click()
    close_message(page)
    with qtbot.waitSignal(page.overviewLoaded, timeout=10000):
        page.county_combo.setCurrentIndex(page.county_combo.findData("611021"))
    page.only_open_check.setChecked(True)
    answer[0] = str(tmp_path / "county.xlsx")
    with qtbot.waitSignal(page.exported, timeout=10000) as done:
        page.export_button.click()
    close_message(page)
    assert Path(asked[1][1]) == tmp_path / "续保进度-2027-洛南县总工会.xlsx"  # the folder chosen the first time
    sheet = load_workbook(done.args[0]).active
    assert [r[2].value for r in sheet.iter_rows(min_row=4, max_row=6)] == ["611021", "611021-0001", None]
    assert [r[0].value for r in sheet.iter_rows(min_row=4, max_row=6)] == ["县区小计", "单位", "合计"]
    assert sheet["B6"].value == "洛南县总工会合计" and "只列出尚未办完的单位" in sheet["A2"].value


def test_cancel_writes_nothing(page, qtbot, dialog, tmp_path):
    asked, answer = dialog
    answer[0] = ""
    page.export_button.click()
    assert len(asked) == 1 and not page.is_exporting() and page.export_button.isEnabled()
    assert page.findChild(QMessageBox, "exportedBox") is None


def test_a_file_that_cannot_be_written_is_said_in_chinese(page, qtbot, dialog, tmp_path):
    _, answer = dialog
    folder = tmp_path / "占用.xlsx"
    folder.mkdir()
    answer[0] = str(folder)
    with qtbot.waitSignal(page.exportFailed, timeout=10000) as failed:
        page.export_button.click()
    assert failed.args[0].startswith(f"无法保存「{folder.name}」") and "是一个文件夹" in failed.args[0]
    assert page.status_label.text() == failed.args[0] and "color" in page.status_label.styleSheet()
    assert page.export_button.isEnabled() and page.findChild(QMessageBox, "exportedBox") is None


def test_no_export_when_the_figures_could_not_be_read(page, qtbot):
    with qtbot.waitSignal(page.loadFailed, timeout=10000):
        page.choose(kind="lump_sum")
    assert page.overview is None and not page.export_button.isEnabled()
