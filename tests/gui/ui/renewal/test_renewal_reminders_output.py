"""续保提示单's 输出 and 保存到 (ui/renewal/renewal_reminders_output.py): the clerk's choice is kept when the
output switches between one PDF and a folder, and no default replaces it; 选择… picks a file or a folder."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from tests.gui.ui.renewal.test_renewal_reminders_page import make_page


def test_the_clerks_choice_survives_switching_and_new_defaults(qtbot, database, admin, worker, tmp_path):
    page = make_page(qtbot, database, admin, worker)
    try:
        assert not page.output.chosen
        typed = str(tmp_path / "给各单位.pdf")
        page.out_edit.setText(typed)
        page.out_edit.textEdited.emit(typed)
        assert page.output.chosen
        page.per_unit_radio.setChecked(True)
        assert page.out_edit.text() == str(tmp_path / "给各单位")
        page.combined_radio.setChecked(True)
        assert page.out_edit.text() == typed
        page.choose(county="611021")  # a new scope proposes no default over the clerk's choice
        assert page.out_edit.text() == typed
    finally:
        page.shutdown()


def test_switching_without_a_choice_proposes_the_default_again(qtbot, database, admin, worker):
    page = make_page(qtbot, database, admin, worker)
    try:
        page.out_edit.clear()  # emptied without typing: still no choice
        page.per_unit_radio.setChecked(True)
        assert page.out_edit.text().endswith("续保提示单-2027-全市")
        assert not page.output.chosen
    finally:
        page.shutdown()


def test_choose_a_file_or_a_folder(qtbot, database, admin, worker, tmp_path, monkeypatch):
    page = make_page(qtbot, database, admin, worker)
    asked = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: asked.append(args[1]) or (str(tmp_path / "合并"), "")
    )
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", lambda *args: asked.append(args[1]) or str(tmp_path / "folder")
    )
    try:
        page.output.browse_button.click()
        assert page.out_edit.text() == str(tmp_path / "合并.pdf") and page.output.chosen
        page.per_unit_radio.setChecked(True)
        page.output.browse_button.click()
        assert page.out_edit.text() == str(tmp_path / "folder")
        assert asked == ["合并的 PDF 保存为", "选择保存提示单的文件夹"]
    finally:
        page.shutdown()
