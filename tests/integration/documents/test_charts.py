"""The charts of the monthly cycle (documents/charts.py): what they carry, that they fit, and that
they print (a PDF read back as pictures) and turn into SVG for the screen."""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String

from mutualaid_desktop.documents.charts import (
    Palette,
    completion_chart,
    draw_on,
    drawing_to_svg,
    monthly_chart,
)
from mutualaid_desktop.documents.fonts import cjk_font
from mutualaid_desktop.documents.paper import open_canvas
from tests.integration.documents.pdf_text import long, page_texts

MONTHS = [f"{m}月" for m in range(1, 13)]
D = Decimal


def shapes(drawing: Drawing, kind: type) -> list:
    """Every shape of `kind` in the drawing, groups opened."""
    found, todo = [], list(drawing.contents)
    while todo:
        item = todo.pop(0)
        if hasattr(item, "contents"):
            todo[:0] = list(item.contents)
        elif isinstance(item, kind):
            found.append(item)
    return found


def texts(drawing: Drawing) -> list[str]:
    return [s.text for s in shapes(drawing, String)]


def assert_inside(drawing: Drawing) -> None:
    """Everything drawn lies inside the drawing's width and height (text measured in its font)."""
    for item in shapes(drawing, object):
        x0, y0, x1, y1 = item.getBounds()
        label = getattr(item, "text", type(item).__name__)
        assert x0 >= -0.01 and y0 >= -0.01, label
        assert x1 <= drawing.width + 0.01 and y1 <= drawing.height + 0.01, label


def assert_no_text_overlaps(drawing: Drawing) -> None:
    boxes = [(s.getBounds(), s.text) for s in shapes(drawing, String)]
    for i, ((x0, y0, x1, y1), text) in enumerate(boxes):
        for (a0, b0, a1, b1), other in boxes[i + 1 :]:
            overlap = min(x1, a1) - max(x0, a0) > 0.3 and min(y1, b1) - max(y0, b0) > 0.3
            assert not overlap, (text, other)


def year_of_figures():
    premiums = [D("120000.00") * m for m in range(1, 13)]
    paid = [D("85000.50") * m for m in range(1, 13)]
    ratios = [(p * 100 / q).quantize(D("0.01")) for p, q in zip(paid, premiums, strict=True)]
    return premiums, paid, ratios


def test_the_monthly_chart_carries_its_months_values_legend_and_ratio_line():
    premiums, paid, ratios = year_of_figures()
    premiums[0], paid[0] = D("1234567.89"), D("987654.32")
    ratios[0] = D("80.00")
    drawing = monthly_chart(MONTHS, premiums, paid, ratios, width=480, height=260)
    words = texts(drawing)
    for label in MONTHS:
        assert label in words
    assert "123.46" in words and "98.77" in words  # 万元, rounded half up from the Decimal
    assert "80.00%" in words and "70.83%" in words
    assert any("参保金额" in w for w in words) and any("理赔金额" in w for w in words)
    assert any("理赔率" in w for w in words)
    assert any("万元" in w for w in words)
    bars = [r for r in shapes(drawing, Rect) if r.fillColor in (Palette.PREMIUMS, Palette.PAID) and r.height > 0]
    assert len(bars) >= 24  # two bars a month (and the legend's swatches)
    markers = [c for c in shapes(drawing, Circle) if c.fillColor == Palette.RATIO]
    assert len(markers) >= 12
    assert {s.fontName for s in shapes(drawing, String)} == {cjk_font()}
    assert_inside(drawing)
    assert_no_text_overlaps(drawing)


def test_the_left_axis_has_round_ticks_that_cover_the_highest_bar():
    premiums, paid, ratios = year_of_figures()  # up to 144 万元
    drawing = monthly_chart(MONTHS, premiums, paid, ratios, width=480, height=260)
    words = texts(drawing)
    assert {"0", "50", "100", "150"} <= set(words)
    right = [Decimal(w[:-1]) for w in words if w.endswith("%") and "." not in w]
    assert right[0] == 0 and max(right) >= D("70.83")  # the right axis reaches above the highest ratio
    assert len(right) == 4  # one tick beside each of the left axis's: they share the grid


def test_months_without_figures_are_empty_and_twelve_fit():
    premiums, paid, ratios = year_of_figures()
    premiums[8:] = [None] * 4  # the months still to come
    paid[8:] = [None] * 4
    ratios[8:] = [None] * 4
    premiums[3], paid[3], ratios[3] = D(0), D(0), None  # a month with nothing at all
    drawing = monthly_chart(MONTHS, premiums, paid, ratios, width=480, height=260)
    bars = [r for r in shapes(drawing, Rect) if r.fillColor in (Palette.PREMIUMS, Palette.PAID)]
    assert all(abs(r.height) >= 0.5 for r in bars), "no zero-height slivers"
    assert len([r for r in bars if r.width < 30]) == 2 * 7 + 2  # seven months with bars, the legend's two
    markers = [c for c in shapes(drawing, Circle) if c.fillColor == Palette.RATIO]
    assert len(markers) == 7 + 1  # and the legend's
    lines = [p for p in shapes(drawing, PolyLine) if p.strokeColor == Palette.RATIO]
    assert [len(p.points) // 2 for p in lines] == [3, 4]  # the line breaks at the month without a ratio
    assert_inside(drawing)
    assert_no_text_overlaps(drawing)


def test_all_zero_and_no_data_at_all_draw_an_axis_without_bars():
    zero = monthly_chart(MONTHS, [D(0)] * 12, [D(0)] * 12, [None] * 12, width=400, height=220)
    bars = [r for r in shapes(zero, Rect) if r.fillColor in (Palette.PREMIUMS, Palette.PAID) and r.width < 30]
    assert len(bars) == 2  # only the legend's swatches
    assert {"0", "0.2", "1", "0%", "100%"} <= set(texts(zero))  # round ticks for nothing: 0 to 1 万元, 0 to 100 %
    assert_inside(zero)
    nothing = monthly_chart(MONTHS, [None] * 12, [None] * 12, [None] * 12, width=400, height=220)
    assert_inside(nothing)


def test_a_negative_month_after_a_reversal_goes_below_a_zero_line_on_the_axis():
    premiums, paid, ratios = year_of_figures()
    paid[5] = D("-30000.00")  # more reversed than paid that month
    ratios[5] = (paid[5] * 100 / premiums[5]).quantize(D("0.01"))
    drawing = monthly_chart(MONTHS, premiums, paid, ratios, width=480, height=260)
    words = texts(drawing)
    assert "-3.00" in words and f"{ratios[5]}%" in words
    ticks = [w for w in words if w.lstrip("-").replace(".", "").isdigit()]
    assert any(t.startswith("-") for t in ticks if t != "-3.00"), "the left axis goes below zero"
    down = [r for r in shapes(drawing, Rect) if r.fillColor == Palette.PAID and r.width < 30 and r.height < 0]
    up = [r for r in shapes(drawing, Rect) if r.fillColor == Palette.PAID and r.width < 30 and r.height > 0]
    assert len(down) == 1 and len(up) == 11 + 1  # and the legend's swatch
    zero_line = down[0].y
    assert sum(1 for r in up if abs(r.y - zero_line) < 0.01) == 11  # every month's bar stands on the zero line
    assert_inside(drawing)
    assert_no_text_overlaps(drawing)


def test_the_completion_chart_carries_names_rates_the_mark_and_no_target():
    names = ["商州区", "洛南县", "丹凤县", "商南县", "山阳县", "镇安县", "柞水县"]
    rates = [D("112.50"), D("87.25"), None, D("100.00"), D("45.00"), D("0.00"), D("99.99")]
    drawing = completion_chart(names, rates, width=480, height=240)
    words = texts(drawing)
    assert set(names) <= set(words)
    for value in ("112.50%", "87.25%", "100.00%", "45.00%", "0.00%", "99.99%"):
        assert value in words
    assert "无目标" in words
    assert any("100%" in w and "目标" in w for w in words)
    bars = [r for r in shapes(drawing, Rect) if r.fillColor in (Palette.PREMIUMS, Palette.REACHED)]
    reached = [r for r in bars if r.fillColor == Palette.REACHED]
    assert len(reached) == 2  # 112.50 and 100.00
    assert len(bars) == 5  # none for 无目标 nor for 0
    mark = [line for line in shapes(drawing, Line) if line.strokeColor == Palette.MARK]
    assert len(mark) == 1 and mark[0].x1 == mark[0].x2
    longest = max(reached, key=lambda r: r.width)
    assert longest.x + longest.width > mark[0].x1  # over the target, past the line
    assert_inside(drawing)
    assert_no_text_overlaps(drawing)


def test_twelve_counties_with_sixteen_character_names_fit():
    names = [first + long("柞水县总工会职工互助保障", 15) for first in "一二三四五六七八九十甲乙"]
    rates = [D(str(10 * n)) + D("0.55") for n in range(12)]
    rates[3] = None
    for width, height in ((480, 300), (360, 220)):
        drawing = completion_chart(names, rates, width=width, height=height)
        written = "".join(texts(drawing))  # a name wrapped over two lines reads whole
        assert all(name in written for name in names)
        assert_inside(drawing)
        assert_no_text_overlaps(drawing)
    drawing = completion_chart(names, rates, width=360, height=220, mark=D(80))
    assert any("80%" in w for w in texts(drawing))


def test_the_svg_names_the_fonts_family_and_carries_the_text():
    premiums, paid, ratios = year_of_figures()
    svg = drawing_to_svg(monthly_chart(MONTHS, premiums, paid, ratios, width=480, height=260)).decode("utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg
    assert "font-family: WenQuanYi Micro Hei" in svg
    assert "WenQuanYiMicroHei" not in svg
    assert "<clipPath" not in svg  # QtSvg fills it black
    assert "<polyline" in svg and "fill: None" not in svg  # the ratio line: QtSvg fills a "None" fill black
    sizes = [float(size) for size in re.findall(r"font-size: ([0-9.]+)px", svg)]
    assert sizes and min(sizes) >= 400  # written large and scaled down: QtSvg cuts a size to whole pixels
    assert "3月" in svg and "理赔率" in svg
    svg = drawing_to_svg(completion_chart(["商州区"], [None], width=300, height=80)).decode("utf-8")
    assert "无目标" in svg and "商州区" in svg


def test_both_charts_print_in_a_pdf_that_turns_into_pictures(tmp_path):
    premiums, paid, ratios = year_of_figures()
    pdf = tmp_path / "charts.pdf"
    canvas, _font = open_canvas(pdf, "图表")
    draw_on(canvas, monthly_chart(MONTHS, premiums, paid, ratios, width=480, height=260), 57, 500)
    names = [long("柞水县总工会职工互助", 16)] * 12
    draw_on(canvas, completion_chart(names, [D("95.5")] * 12, width=480, height=300), 57, 150)
    canvas.showPage()
    canvas.save()
    text = page_texts(pdf)[0]
    assert "理赔率" in text and "12月" in text and "95.50%" in text
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True)
    assert (tmp_path / "page-1.png").stat().st_size > 0
    gray = subprocess.run(["pdftoppm", "-r", "40", "-gray", str(pdf)], capture_output=True, check=True).stdout
    pixels = gray.split(b"\n", 3)[3]  # PGM: P5, width height, 255, then a byte a pixel
    dark = sum(1 for value in pixels if value < 128)
    assert dark > 2000, "the charts are drawn on the page"


def test_the_charts_words_are_given_by_the_caller_and_default_to_chinese():
    from mutualaid_desktop.documents.charts import CompletionWords, MonthlyWords

    english = MonthlyWords(
        premiums="Premiums (10k)", paid="Paid (10k)", ratio="Claim ratio (%)", rows=("Premiums", "Paid", "Ratio")
    )
    labels = ["Jan", "Feb"]
    drawing = monthly_chart(
        labels, [D(10000), D(20000)], [D(5000), None], [D(50), None], width=480, height=260, words=english
    )
    words = texts(drawing)
    for text in ("Premiums (10k)", "Paid (10k)", "Claim ratio (%)", "Premiums", "Paid", "Ratio", "Jan"):
        assert text in words
    assert not [w for w in words if re.search(r"[\u4e00-\u9fff]", w)]  # no Chinese left
    chinese = texts(monthly_chart(labels, [D(10000), D(1)], [D(1), None], [D(50), None], width=480, height=260))
    assert "参保金额（万元）" in chinese and "理赔率（%）" in chinese and "理赔金额" in chinese

    done = completion_chart(
        ["A", "B"],
        [D("101.25"), None],
        width=480,
        height=200,
        words=CompletionWords(no_target="no target", mark="target {mark}%"),
    )
    assert "no target" in texts(done) and "target 100%" in texts(done)
    default = texts(completion_chart(["A", "B"], [D("101.25"), None], width=480, height=200))
    assert "无目标" in default and "目标 100%" in default
