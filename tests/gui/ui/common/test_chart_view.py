"""The chart on screen (ui/common/chart_view.py): the SVG of services/statistics/charts.py drawn by
QtSvg, keeping its shape, repainted when given another, and the same picture as on paper."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from mutualaid_desktop.services.statistics.charts import MonthSeries, completion_chart_svg, year_chart_svg
from mutualaid_desktop.ui.common.chart_view import ChartView

D = Decimal


def series() -> MonthSeries:
    premiums = [D("120000.00") * m for m in range(1, 12)] + [None]
    paid = [D("85000.50") * m for m in range(1, 12)] + [None]
    ratios = [(q * 100 / p).quantize(D("0.01")) if p else None for p, q in zip(premiums[:11], paid[:11], strict=True)]
    return MonthSeries(
        title="商洛市总工会 2026年",
        labels=tuple(f"{m}月" for m in range(1, 13)),
        premiums=tuple(premiums),
        paid=tuple(paid),
        ratios=(*ratios, None),
    )


def ink(image: QImage) -> int:
    """How many pixels are not white (sampled every other pixel)."""
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if QColor(image.pixel(x, y)).red() < 200
    )


def shown(qtbot, view: ChartView, width: int, height: int) -> QImage:
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    return view.grab().toImage()


def test_the_chart_is_drawn_named_and_keeps_its_shape(qtbot):
    view = ChartView("全市各月参保与理赔")
    qtbot.addWidget(view)
    assert ink(shown(qtbot, view, 480, 260)) == 0, "nothing before a chart is given"
    view.set_svg(year_chart_svg(series(), width=480, height=260))
    image = shown(qtbot, view, 480, 260)
    assert ink(image) > 1500
    assert view.accessibleName() == "全市各月参保与理赔"
    hint = view.sizeHint()
    assert abs(hint.width() / hint.height() - 480 / 260) < 0.02
    assert view.hasHeightForWidth() and abs(view.heightForWidth(960) - 520) <= 1
    wide = shown(qtbot, view, 900, 260).convertToFormat(QImage.Format.Format_Grayscale8)
    side = 900 // 2 - 480 // 2 - 10  # kept its shape: centred, blank on either side
    assert all(QColor(wide.pixel(x, 130)).red() > 250 for x in (*range(0, side, 5), *range(900 - side, 900, 5)))


def test_a_new_chart_repaints(qtbot):
    view = ChartView("图表")
    qtbot.addWidget(view)
    view.set_svg(year_chart_svg(series(), width=480, height=260))
    before = shown(qtbot, view, 480, 260)
    view.set_svg(completion_chart_svg(["商州区", "洛南县", "丹凤县"], [D("112.5"), D("60"), None], height=260))
    after = view.grab().toImage()
    assert ink(after) > 500 and after != before
    view.clear()
    assert ink(view.grab().toImage()) == 0


def paper_picture(tmp_path, drawing, dpi: int) -> tuple[int, int, bytes]:
    """The drawing printed alone on a page its size, as pdftoppm sees it: width, height, grey bytes."""
    from mutualaid_desktop.documents.charts import draw_on
    from mutualaid_desktop.documents.paper import open_canvas

    pdf = tmp_path / "chart.pdf"
    canvas, _font = open_canvas(pdf, "图表", pagesize=(drawing.width, drawing.height))
    draw_on(canvas, drawing, 0, 0)
    canvas.showPage()
    canvas.save()
    pgm = subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf)], capture_output=True, check=True).stdout
    _magic, size, _top, pixels = pgm.split(b"\n", 3)
    width, height = (int(n) for n in size.split())
    return width, height, pixels


def difference(one: QImage, other: QImage) -> tuple[int, int]:
    """Both pictures softened (4 × 4 pixels averaged, antialiasing evens out): how many pixels differ by more
    than a fifth of black to white, and how many are dark in `other`."""
    small = [
        image.scaled(image.width() // 4, image.height() // 4, mode=Qt.TransformationMode.SmoothTransformation)
        for image in (one, other)
    ]
    a, b = (image.convertToFormat(QImage.Format.Format_Grayscale8) for image in small)
    pairs = [
        (QColor(a.pixel(x, y)).red(), QColor(b.pixel(x, y)).red()) for y in range(a.height()) for x in range(a.width())
    ]
    return sum(1 for p, q in pairs if abs(p - q) > 51), sum(1 for _p, q in pairs if q < 200)


def test_the_screen_shows_what_the_paper_prints(qtbot, tmp_path):
    """The same drawings at 144 dpi from the PDF (pdftoppm) and from the SVG on screen, 2 pixels a point:
    the same picture, text in the same face and size at the same place (antialiasing differs a little; text
    a tenth narrower, as QtSvg drew a font size of 8.73 as 8, and a black background, as it drew the clip
    rectangle of reportlab's SVG filled, differ far more)."""
    from mutualaid_desktop.documents.charts import completion_chart, monthly_chart
    from mutualaid_desktop.services.statistics.charts import completion_chart_svg

    s = series()
    names = ["商州区", "洛南县", "丹凤县", "一二三四五六七八九十一二三四五六"]
    rates = [D("112.50"), D("87.25"), None, D("99.99")]
    for drawing, svg in (
        (
            monthly_chart(s.labels, s.premiums, s.paid, s.ratios, width=480, height=260),
            year_chart_svg(s, width=480, height=260),
        ),
        (completion_chart(names, rates, width=480, height=220), completion_chart_svg(names, rates, height=220)),
    ):
        width, height, paper = paper_picture(tmp_path, drawing, 144)
        assert (width, height) == (drawing.width * 2, drawing.height * 2)
        view = ChartView("图表")
        qtbot.addWidget(view)
        view.set_svg(svg)
        screen = shown(qtbot, view, width, height).convertToFormat(QImage.Format.Format_Grayscale8)
        differ, dark = difference(screen, QImage(paper, width, height, width, QImage.Format.Format_Grayscale8))
        assert differ < dark * 0.06, (differ, dark)  # 2–4 % here; 10 % when the font size was 8


def black(image: QImage) -> int:
    """How many pixels are black (every pixel)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if max(QColor(image.pixel(x, y)).getRgb()[:3]) < 40
    )


def test_the_ratio_line_is_a_line_not_a_black_area(qtbot):
    view = ChartView("理赔率")
    qtbot.addWidget(view)
    zigzag = [D(150 if m % 2 else 20) for m in range(1, 12)]  # a line that encloses areas
    view.set_svg(year_chart_svg(replace(series(), ratios=(*zigzag, None)), width=480, height=260))
    image = shown(qtbot, view, 480, 260)
    assert black(image) < 2000, black(image)  # text only; a filled line would blacken a fifth of the chart
