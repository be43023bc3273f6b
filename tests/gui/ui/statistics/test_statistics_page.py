"""统计: the table shows statistics() for the period and basis chosen, a county opens to its units and closes by the
keyboard, the charts are drawn in the screen's words, Excel and the month report are made, the month's closing is
told, a failure is said in Chinese, and the screen is listed for whom may see the figures."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QCoreApplication, Qt, QTranslator

from mutualaid_desktop.domain.money import format_amount
from mutualaid_desktop.domain.periods import month, year_to_date
from mutualaid_desktop.services import permissions
from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.statistics.figures import percent, statistics
from mutualaid_desktop.services.statistics.growth import change
from mutualaid_desktop.services.statistics.month_closing import close_month
from mutualaid_desktop.services.statistics.targets import set_target
from mutualaid_desktop.ui.shell.main_window import MainWindow
from mutualaid_desktop.ui.statistics import statistics_jobs
from mutualaid_desktop.ui.statistics.statistics_model import StatisticsTableModel as M
from mutualaid_desktop.ui.statistics.statistics_page import StatisticsPage
from tests.integration.demo_months import demo_months

TODAY = date(2026, 11, 20)
WAIT = 20_000


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    from mutualaid_desktop.domain import clock

    path = tmp_path_factory.mktemp("statistics") / "demo.sqlite3"
    db = open_counter_database(path)
    with clock.fixed(TODAY):
        generate_demo(db, members=400, seed=2, today=TODAY)
    db.dispose()
    return path


@pytest.fixture
def city(demo_file, tmp_path, clock):
    path = tmp_path / "city.sqlite3"
    shutil.copyfile(demo_file, path)
    con = sqlite3.connect(path)
    users = {r[3]: UserInfo(*r) for r in con.execute("SELECT id, username, display_name, role FROM users")}
    con.close()
    clock.set(TODAY)
    db = open_counter_database(path)
    yield db, users
    db.dispose()


def make_page(qtbot, worker, db, user) -> StatisticsPage:
    page = StatisticsPage(db, user, worker=worker, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    with qtbot.waitSignal(page.chartsShown, timeout=WAIT):
        page.show()
    return page


@pytest.fixture
def page(qtbot, worker, city):
    db, users = city
    return make_page(qtbot, worker, db, users["supervisor"])


def choose(qtbot, page, period, basis=None) -> None:
    with qtbot.waitSignal(page.viewLoaded, timeout=WAIT):
        page.chooser.choose(period, basis)


def shown(page) -> list[list[str]]:
    model = page.sorted
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]


def expected_row(f, name) -> list[str]:
    ratio = "—" if f.claim_ratio is None else f"{f.claim_ratio}%"
    return [
        name,
        f"{f.units:,}",
        f"{f.enrollments:,}",
        format_amount(f.premiums),
        format_amount(f.paid),
        ratio,
        f"{f.claims_received:,} / {f.claims_pending:,}",
    ]


def picked(row: list[str]) -> list[str]:
    return [row[c] for c in (M.NAME, M.UNITS, M.ENROLLMENTS, M.PREMIUMS, M.PAID, M.RATIO, M.RECEIVED)]


@pytest.mark.parametrize(
    "period, basis", [(month(2026, 11), "cash"), (year_to_date(2026, 11), "cash"), (month(2026, 6), "plan-year")]
)
def test_the_table_shows_the_figures_of_the_period_and_basis_chosen(qtbot, page, city, qtmodeltester, period, basis):
    db, users = city
    choose(qtbot, page, period, basis)
    qtmodeltester.check(page.model)
    stats = statistics(db, users["supervisor"], period, basis=basis)
    want = [expected_row(c, c.name) for c in stats.counties] + [expected_row(stats.city, "全市合计")]
    assert [picked(r) for r in shown(page)] == want
    assert any(c.premiums for c in stats.counties), "the demo has premiums to show"
    before = statistics(db, users["supervisor"], period.year_before(), basis=basis)
    growth = change(stats.city.premiums, before.city.premiums)
    assert shown(page)[-1][M.GROWTH] == ("—" if growth is None else f"{growth:+}%")
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert page.sorted.index(0, M.PREMIUMS).data(Qt.ItemDataRole.TextAlignmentRole) == right


def test_completion_of_the_yearly_target_is_the_year_to_date_over_the_target(qtbot, worker, city):
    db, users = city
    boss = users["supervisor"]
    counties = statistics(db, boss, year_to_date(2026, 10)).counties
    county = counties[0]
    set_target(db, boss, year=2026, unit_code=county.code, premiums="5000")
    set_target(db, boss, year=2026, unit_code=counties[1].code, premiums="")  # the demo's target cleared
    page = make_page(qtbot, worker, db, boss)
    choose(qtbot, page, month(2026, 10))
    row = next(r for r in shown(page) if r[M.NAME] == county.name)
    assert row[M.COMPLETION] == f"{percent(county.premiums, Decimal(5000))}%"
    index = page.sorted.index(0, M.COMPLETION)
    assert page.sorted.data(index, Qt.ItemDataRole.ToolTipRole) == "年度目标 ¥5,000.00"
    assert shown(page)[1][M.COMPLETION] == "—"  # no target


def test_a_county_opens_to_its_units_by_enter_and_closes_by_backspace_and_alt_left(qtbot, page):
    stats = page.view.stats
    county = next(c for c in stats.counties if stats.units.get(c.code))
    row = [r[M.NAME] for r in shown(page)].index(county.name)
    page.table.setFocus()
    page.table.setCurrentIndex(page.sorted.index(row, 0))
    with qtbot.waitSignal(page.chartsShown, timeout=WAIT):
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.county == county.code
    units = stats.units[county.code]
    assert [picked(r) for r in shown(page)] == [expected_row(u, u.name) for u in units] + [
        expected_row(county, f"{county.name}合计")
    ]
    assert page.crumb_label.text() == f"全市 › {county.name}"
    assert page.up_button.isVisible()
    qtbot.keyClick(page.table, Qt.Key.Key_Backspace)
    assert page.county is None and page.crumb_label.text() == "全市"
    assert page.table.currentIndex().row() == row  # back on the county left
    qtbot.keyClick(page.table, Qt.Key.Key_Enter)
    assert page.county == county.code
    qtbot.keyClick(page.table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.county is None
    total = len(shown(page)) - 1
    page.table.setCurrentIndex(page.sorted.index(total, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # the total opens nothing
    assert page.county is None


def test_sorting_keeps_the_total_last(qtbot, page):
    names = [r[M.NAME] for r in shown(page)]
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        page.table.sortByColumn(M.PREMIUMS, order)
        rows = shown(page)
        assert rows[-1][M.NAME] == "全市合计"
        amounts = [page.sorted.line(r).figures.premiums for r in range(len(rows) - 1)]
        assert amounts == sorted(amounts, reverse=order == Qt.SortOrder.DescendingOrder)
    assert sorted(r[M.NAME] for r in shown(page)) == sorted(names)


def test_the_charts_are_drawn(qtbot, page):
    assert page.year_chart.has_chart() and page.completion_chart.has_chart()
    assert page.year_chart.sizeHint().width() > 0


class Marking(QTranslator):
    """Every text of the 统计 screen's contexts comes back marked: what is not marked was not given to tr()."""

    CONTEXTS = ("StatisticsPage", "StatisticsTableModel", "PeriodChooser")

    def translate(self, context, source, disambiguation=None, n=-1):
        return f"«{source}»" if context in self.CONTEXTS else None

    def isEmpty(self):  # noqa: N802
        return False


def test_the_screens_words_and_the_charts_come_from_tr(qtbot, worker, city, monkeypatch):
    db, users = city
    drawn = []
    real = statistics_jobs.year_chart
    monkeypatch.setattr(statistics_jobs, "year_chart", lambda *a, **k: drawn.append(a[2]) or real(*a, **k))
    marking = Marking()
    QCoreApplication.installTranslator(marking)
    try:
        page = make_page(qtbot, worker, db, users["supervisor"])
        headers = [page.sorted.headerData(c, Qt.Orientation.Horizontal) for c in range(page.sorted.columnCount())]
        assert all(h.startswith("«") for h in headers), headers
        assert page.chooser.kind_combo.itemText(0) == "«月份»"
        texts = drawn[-1]
        assert texts.premiums == "«参保金额（万元）»" and texts.months[0] == "«1月»"
        assert shown(page)[-1][M.NAME] == "«全市合计»"
    finally:
        QCoreApplication.removeTranslator(marking)


def test_export_writes_the_table_shown_as_xlsx(qtbot, page, tmp_path, monkeypatch):
    target = tmp_path / "out" / "统计"
    from PySide6.QtWidgets import QFileDialog

    # the clerk types a name without .xlsx in the real dialog (ui/common/file_dialogs adds it)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    with qtbot.waitSignal(page.exported, timeout=WAIT) as signal:
        page.export_button.click()
    path = signal.args[0]
    assert path.endswith(".xlsx")
    sheet = load_workbook(path).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    names = [row[0] for row in values]
    stats = page.view.stats
    assert all(c.name in names for c in stats.counties) and f"{stats.city.name}合计" in names
    total = values[names.index(f"{stats.city.name}合计")]
    assert Decimal(str(total[4])) == stats.city.premiums  # 参保金额 as a number


def test_the_month_report_is_made_and_shown_and_the_closing_told(qtbot, page, city, demo_file, opened):
    db, users = city
    assert "未月结" in page.closing_label.text()
    choose(qtbot, page, year_to_date(2026, 10))
    assert not page.print_button.isEnabled()
    closed = None
    for year, number in demo_months(demo_file, (2026, 10)):
        closed = close_month(db, users["supervisor"], year, number)
    assert closed is not None
    choose(qtbot, page, month(2026, 10))
    info = page.closing_label.text()
    assert "已月结" in info and users["supervisor"].display_name in info and "第 1 版" in info
    with qtbot.waitSignal(page.reportMade, timeout=WAIT) as made:
        page.print_button.click()
    assert opened and str(opened[0]) == made.args[0]
    assert opened[0].read_bytes().startswith(b"%PDF")


def test_a_failure_is_said_in_chinese_and_nothing_is_shown(qtbot, page, monkeypatch):
    def refuse(*args):
        raise ServiceError("统计口径只能是 cash（按收付日期）或 plan-year（按计划年度）。")

    monkeypatch.setattr(statistics_jobs, "load_view", refuse)
    with qtbot.waitSignal(page.loadFailed, timeout=WAIT):
        page.refresh()
    assert "统计口径只能是" in page.status_label.text()
    assert page.model.rowCount() == 0 and not page.export_button.isEnabled()


def test_the_screen_is_listed_for_whom_may_see_the_figures(qtbot, city, monkeypatch):
    db, users = city

    def titles(user) -> list[str]:
        window = MainWindow(db, user, run_check=False, today=lambda: TODAY)
        qtbot.addWidget(window)
        try:
            return window.page_titles()
        finally:
            window.shutdown()

    assert "统计" in titles(users["supervisor"])
    assert permissions.may(users["clerk"], "see_statistics") == ("统计" in titles(users["clerk"]))
    narrower = permissions.Action(permissions.SUPERVISORS, "查看统计")
    monkeypatch.setitem(permissions.ACTIONS, "see_statistics", narrower)
    assert "统计" not in titles(users["clerk"])
    assert "统计" in titles(users["supervisor"])


def test_while_the_figures_are_read_the_screen_says_so_and_reads_once_more_after(qtbot, page, monkeypatch):
    import threading

    release = threading.Event()
    calls = []
    real = statistics_jobs.load_view

    def slow(*args):
        calls.append(args)
        release.wait(5)
        return real(*args)

    monkeypatch.setattr(statistics_jobs, "load_view", slow)
    page.refresh()
    qtbot.waitUntil(lambda: len(calls) == 1)
    assert page.is_loading() and not page.refresh_button.isEnabled()
    assert page.status_label.text().startswith("正在统计")
    page.refresh()  # asked for meanwhile: once more, after
    with qtbot.waitSignals([page.viewLoaded, page.viewLoaded], timeout=WAIT):
        release.set()
    qtbot.waitUntil(lambda: not page.is_loading())
    assert len(calls) == 2 and page.refresh_button.isEnabled()


def test_counties_and_a_countys_units_show_their_rank_of_the_year_to_date(qtbot, page, city):
    from mutualaid_desktop.services.statistics.ranking import rank_counties, rank_units
    from mutualaid_desktop.services.statistics.targets import list_targets

    db, users = city
    boss = users["supervisor"]
    choose(qtbot, page, month(2026, 10))
    ytd, before = (statistics(db, boss, p) for p in (year_to_date(2026, 10), year_to_date(2025, 10)))
    targets = {row.unit_code: row.premiums for row in list_targets(db, 2026)}
    want = {r.code: r for r in rank_counties(ytd.counties, before.counties, targets, 10)}
    rows = {line.code: line for line in (page.sorted.line(r) for r in range(page.sorted.rowCount())) if line}

    def text(r) -> str:
        return f"{r.rank}（并列）" if r.tied else str(r.rank)

    for county in ytd.counties:
        row = [page.sorted.line(r) for r in range(page.sorted.rowCount())].index(rows[county.code])
        assert page.sorted.index(row, M.RANK).data() == text(want[county.code])
    assert shown(page)[-1][M.RANK] == "—"  # the total has none
    county = max(ytd.counties, key=lambda c: c.units)
    with qtbot.waitSignal(page.chartsShown, timeout=WAIT):
        page.open_county(county.code)
    units = {r.code: r for r in rank_units(ytd.units[county.code], before.units.get(county.code, ()), 10)}
    shown_ranks = {
        page.sorted.line(r).code: page.sorted.index(r, M.RANK).data() for r in range(page.sorted.rowCount() - 1)
    }
    assert shown_ranks == {code: text(units[code]) for code in shown_ranks}
    assert sorted(shown_ranks.values(), key=lambda t: int(t.split("（")[0]))[0].startswith("1")
