"""A one-page sample paper: proves that PDFs render with Chinese text (used by --self-test)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from mutualaid_desktop.documents.paper import open_canvas
from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.money import amount_in_words, format_amount


def render_sample_pdf(path: Path, *, today: date | None = None) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    today = today or clock.today()
    amount = Decimal("1409.50")
    canvas, font = open_canvas(path, "互助保障柜台 打印测试页")
    width, height = A4
    canvas.setFont(font, 20)
    canvas.drawCentredString(width / 2, height - 30 * mm, "互助保障柜台 · 打印测试页")
    canvas.setFont(font, 12)
    lines = [
        f"打印日期：{today.isoformat()}",
        f"金额（小写）：{format_amount(amount)}",
        f"金额（大写）：{amount_in_words(amount)}",
        "本页用于检查打印机与中文字体（文泉驿微米黑）是否正常。",
        "如本页文字清晰、完整，说明程序可以正常打印收据与通知书。",
    ]
    y = height - 50 * mm
    for line in lines:
        canvas.drawString(25 * mm, y, line)
        y -= 9 * mm
    canvas.rect(25 * mm, y - 30 * mm, width - 50 * mm, 25 * mm)
    canvas.drawString(30 * mm, y - 12 * mm, "（盖章处）")
    canvas.showPage()
    canvas.save()
    return Path(path)
