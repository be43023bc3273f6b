"""The preview's 另存为 writes its copy through safe_files: a full disk (a real small tmpfs) or a copy that fails
half-way leaves the earlier file of that name as it was, no half file, and says why in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from mutualaid_desktop.documents.sample import render_sample_pdf
from tests.disk import fill_up


@pytest.fixture
def preview(qtbot, tmp_path):
    from mutualaid_desktop.ui.papers.paper_preview import PaperPreviewDialog

    dialog = PaperPreviewDialog(render_sample_pdf(tmp_path / "sample.pdf"))
    qtbot.addWidget(dialog)
    return dialog


def saving_to(monkeypatch, target) -> list:
    shown: list = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kw: (str(target), "")))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: shown.append((title, text))))
    return shown


def test_save_as_on_a_full_disk_keeps_the_earlier_file(preview, small_disk, monkeypatch):
    disk = small_disk(256)
    target = disk / "收据.pdf"
    target.write_bytes(b"%PDF- the earlier paper")
    fill_up(disk)
    shown = saving_to(monkeypatch, target)
    assert preview.save_as() is None
    assert target.read_bytes() == b"%PDF- the earlier paper"
    assert [p.name for p in disk.iterdir() if not p.name.startswith("filler")] == ["收据.pdf"]
    assert len(shown) == 1 and shown[0][0] == "另存没有成功"
    assert "磁盘空间不足" in shown[0][1] and "原来的同名文件没有改动" in shown[0][1]


def test_a_copy_that_fails_half_way_leaves_no_half_file(preview, tmp_path, monkeypatch):
    import mutualaid_desktop.ui.papers.paper_preview as paper_preview

    target = tmp_path / "out" / "收据.pdf"
    target.parent.mkdir()
    target.write_bytes(b"%PDF- the earlier paper")

    def half_copy(source, destination):
        with open(destination, "wb") as file:
            file.write(Path(source).read_bytes()[:100])
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(paper_preview.shutil, "copyfile", half_copy)
    shown = saving_to(monkeypatch, target)
    assert preview.save_as() is None
    assert target.read_bytes() == b"%PDF- the earlier paper" and len(list(target.parent.iterdir())) == 1
    assert "无法保存" in shown[0][1]
