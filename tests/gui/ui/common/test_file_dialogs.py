"""The file dialogs open where a clerk can write (ui/common/file_dialogs.py). Seen under Xvfb: the bank
file's save dialog opened in the program's working folder because its suggested folder (papers/bank
beside the database) did not exist yet; on Windows that is the install folder, where a clerk
cannot write."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget

from mutualaid_desktop.ui.common import file_dialogs


@pytest.fixture
def asked(monkeypatch):
    """The real dialogs answer at once; each records (the folder it opened in, whether it existed)."""
    seen: list[tuple[str, bool]] = []

    def save(parent, caption, where, *args, **kwargs):
        seen.append((str(Path(where).parent), Path(where).parent.is_dir()))
        return "", ""

    def open_(parent, caption, where, *args, **kwargs):
        seen.append((where, Path(where).is_dir()))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(open_))
    return seen


def test_the_save_dialog_opens_in_the_suggested_folder_made_first(qtbot, asked, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    suggested = tmp_path / "papers" / "bank" / "PF2026-0013-银行代发.xlsx"
    assert file_dialogs.ask_save_file(parent, "导出银行文件", suggested, "Excel 文件 (*.xlsx)") == ""
    assert asked == [(str(suggested.parent), True)]


def test_a_name_typed_without_the_suffix_gets_it(qtbot, monkeypatch, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    answers = iter([str(tmp_path / "统计表"), str(tmp_path / "统计表.XLSX"), ""])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (next(answers), "")))
    ask = [parent, "导出统计表", tmp_path / "x.xlsx", "Excel 文件 (*.xlsx)"]
    assert file_dialogs.ask_save_file(*ask, suffix=".xlsx") == str(tmp_path / "统计表.xlsx")
    assert file_dialogs.ask_save_file(*ask, suffix=".xlsx") == str(tmp_path / "统计表.XLSX")
    assert file_dialogs.ask_save_file(*ask, suffix=".xlsx") == ""  # cancelled stays cancelled


def test_a_folder_that_cannot_be_made_is_left_to_the_dialog(qtbot, asked, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    (tmp_path / "papers").write_text("a file where the folder should be")
    file_dialogs.ask_save_file(parent, "导出银行文件", tmp_path / "papers" / "bank" / "x.xlsx", "Excel 文件 (*.xlsx)")
    assert asked == [(str(tmp_path / "papers" / "bank"), False)]  # the dialog says what is wrong when saving


def test_the_open_dialog_starts_in_the_given_place_or_in_the_documents_folder(qtbot, asked, tmp_path, monkeypatch):
    parent = QWidget()
    qtbot.addWidget(parent)
    roster = tmp_path / "名册.xlsx"
    file_dialogs.ask_open_file(parent, "选择名册文件", str(roster), "名册 (*.xlsx)")
    documents = tmp_path / "文档"
    documents.mkdir()
    monkeypatch.setattr(file_dialogs, "documents_folder", lambda: documents)
    file_dialogs.ask_open_file(parent, "选择名册文件", "", "名册 (*.xlsx)")
    assert asked == [(str(roster), False), (str(documents), True)]


def test_the_bank_file_dialog_of_the_payout_page_opens_in_an_existing_folder(qtbot, asked, database, admin, worker):
    from mutualaid_desktop.services.enrollment.payments import papers_folder
    from mutualaid_desktop.ui.payouts.payout_page import PayoutPage

    page = PayoutPage(database, admin, worker=worker)
    qtbot.addWidget(page)
    assert not (papers_folder(database) / "bank").exists()
    assert page.ask_save_path(str(papers_folder(database) / "bank" / "PF2026-0001-银行代发.xlsx")) == ""
    assert asked == [(str(papers_folder(database) / "bank"), True)]


def test_without_a_documents_folder_the_home_folder_is_used(monkeypatch, tmp_path):
    from PySide6.QtCore import QStandardPaths

    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(lambda kind: str(tmp_path / "nowhere")))
    monkeypatch.setattr(Path, "home", staticmethod(lambda: tmp_path))
    assert file_dialogs.documents_folder() == tmp_path
