"""The sample paper renders Chinese with the embedded font, and the text reads back."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader

from mutualaid_desktop.documents.sample import render_sample_pdf


def test_sample_pdf_has_chinese_text_and_embedded_font(tmp_path):
    path = render_sample_pdf(tmp_path / "sample.pdf", today=date(2026, 11, 29))
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "打印测试页" in text
    assert "人民币壹仟肆佰零玖元伍角" in text
    assert "2026-11-29" in text
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = {str(f.get_object()["/BaseFont"]) for f in fonts.values()}
    assert any("WenQuanYi" in n for n in names), names
