"""统计: the figures of the monthly cycle (services/statistics/figures.py) for a chosen period and basis.

The table has a line per county and the city's total last; a county is opened (double-click or Enter) to its
units with the county's total last, and 返回 (Backspace, Alt+←) goes back to the city; the line above the table
says where one is (全市 › 商州区总工会). Beside the table's figures: the yearly target and its completion (year
to date), and the premiums' 同比 (statistics_jobs.py says how). Under it: the year's months of the city or of
the opened county (参保金额, 理赔金额, 理赔率) and the counties' completion of their targets, drawn as on paper
(services/statistics/charts.py) in the screen's language. For a month: its 月结 state (who closed it, when,
which version, or 未月结) and 打印月报表 (the month report's PDF in the program's preview). 导出 Excel saves the
table as shown. 交账… (Alt+J) opens the window of the county hand-in files (handin_page.py). Everything is read
on the window's task runner; the figures are read again on a change report of what they count, while the
screen is shown (or when it is next shown), on a change of the choosers and on 刷新 (F5).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QWidget

from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.changes import CLAIMS, CLOSINGS, ENROLLMENTS, PAYMENTS, PAYOUTS, PLANS, TARGETS, UNITS
from mutualaid_desktop.ui.common.chart_view import ChartView
from mutualaid_desktop.ui.common.counter_page import CounterPage
from mutualaid_desktop.ui.common.file_dialogs import ask_save_file
from mutualaid_desktop.ui.common.widgets import ERROR_COLOR, list_table
from mutualaid_desktop.ui.shell.background import SerialLoad, user_message
from mutualaid_desktop.ui.statistics import statistics_jobs as jobs
from mutualaid_desktop.ui.statistics.period_chooser import PeriodChooser
from mutualaid_desktop.ui.statistics.statistics_model import (
    StatisticsSortModel,
    StatisticsTableModel,
    city_lines,
    county_lines,
)

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.statistics.charts import YearMonths
    from mutualaid_desktop.store.database import Database
    from mutualaid_desktop.ui.shell.task_runner import TaskRunner
    from mutualaid_desktop.ui.statistics.handin_page import HandinWindow

NAME_WIDTH = 200  # the name column; a longer name is cut with … and shown whole in its tooltip
CHART_WIDTH = 480  # points: the charts' drawing width (the view scales it)
CHART_HEIGHT = 340  # pixels at most: the table keeps the room


class StatisticsPage(CounterPage):
    """统计. `viewLoaded` carries the StatisticsView each time it arrives, `chartsShown` once the charts are
    drawn, `loadFailed` the message; `exported(path)`, `reportMade(path)`."""

    viewLoaded = Signal(object)
    chartsShown = Signal()
    loadFailed = Signal(str)
    exported = Signal(str)
    reportMade = Signal(str)

    # what the figures count (the tree's names and codes too)
    shows = frozenset({PAYMENTS, PAYOUTS, ENROLLMENTS, CLAIMS, UNITS, PLANS, TARGETS, CLOSINGS})

    def __init__(
        self,
        db: Database,
        user: UserInfo,
        *,
        worker: TaskRunner,
        parent: QWidget | None = None,
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__(db, user, worker=worker, parent=parent, today=today)
        self.setObjectName("statisticsPage")
        self._load = SerialLoad()
        self._view: jobs.StatisticsView | None = None
        self._months: YearMonths | None = None
        self._county: str | None = None  # the county opened, None: the city
        self._charts = 0  # the generation of the charts asked for: an older answer is dropped
        self._busy = False  # an export or a report is being made
        self.handin_window: HandinWindow | None = None  # 交账, made when first opened
        self._build()
        for keys in (QKeySequence(Qt.Key.Key_Backspace), QKeySequence("Alt+Left")):
            QShortcut(keys, self, self.go_up, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Refresh),
            self,
            self.refresh,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )

    # --- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        self.export_button = self._button("exportButton", self.tr("导出 Excel(&E)…"), self.export_excel)
        self.export_button.setToolTip(self.tr("把表中的各行（含合计）保存为 Excel 文件"))
        self.print_button = self._button("printButton", self.tr("打印月报表(&R)"), self.print_month_report)
        self.handin_button = self._button("handinButton", self.tr("交账(&J)…"), self.open_handin)
        self.handin_button.setToolTip(self.tr("县区交账文件：县区导出已月结的月份，市总工会导入并查看各县区交账情况"))
        self.refresh_button = self._button("refreshButton", self.tr("刷新"), self.refresh)
        self.refresh_button.setToolTip(self.tr("重新统计（F5）"))
        outer = self.page_layout(
            self.tr("统计"), self.handin_button, self.export_button, self.print_button, self.refresh_button
        )

        self.chooser = PeriodChooser(self._today())
        self.chooser.changed.connect(self.refresh)
        outer.addWidget(self.chooser)

        where = QHBoxLayout()
        self.up_button = self._button("upButton", self.tr("返回全市(&U)"), self.go_up)
        self.up_button.setToolTip(self.tr("回到各县区（Backspace 或 Alt+←）"))
        self.up_button.setVisible(False)
        where.addWidget(self.up_button)
        self.crumb_label = QLabel(self.tr("全市"))
        self.crumb_label.setObjectName("crumbLabel")
        self.crumb_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.crumb_label.font()
        font.setBold(True)
        self.crumb_label.setFont(font)
        where.addWidget(self.crumb_label, 1)
        outer.addLayout(where)
        self.closing_label = QLabel(" ")
        self.closing_label.setObjectName("closingLabel")
        self.closing_label.setWordWrap(True)
        outer.addWidget(self.closing_label)

        self.model = StatisticsTableModel(self)
        self.sorted = StatisticsSortModel(self.model, self)
        self.table = list_table("statisticsTable", self.sorted)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the tree's order until a header is clicked
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 10)
        self.table.setAccessibleName(self.tr("统计表"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(StatisticsTableModel.NAME, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(StatisticsTableModel.NAME, NAME_WIDTH)
        self.table.activated.connect(self._activated)
        outer.addWidget(self.table, 1)

        captions = QHBoxLayout()
        self.year_caption = QLabel(" ")
        self.year_caption.setObjectName("yearCaption")
        self.year_caption.setWordWrap(True)
        self.completion_caption = QLabel(self.tr("各县区年度参保金额目标完成率（年初至期末）"))
        self.completion_caption.setObjectName("completionCaption")
        self.completion_caption.setWordWrap(True)
        captions.addWidget(self.year_caption, 3)
        captions.addWidget(self.completion_caption, 2)
        outer.addLayout(captions)
        charts = QHBoxLayout()
        self.year_chart = ChartView(self.tr("各月参保金额、理赔金额和理赔率"))
        self.year_chart.setObjectName("yearChart")
        self.completion_chart = ChartView(self.tr("各县区年度目标完成率"))
        self.completion_chart.setObjectName("completionChart")
        for chart in (self.year_chart, self.completion_chart):
            chart.setMaximumHeight(CHART_HEIGHT)
        charts.addWidget(self.year_chart, 3)
        charts.addWidget(self.completion_chart, 2)
        outer.addLayout(charts)

        self.status_label = QLabel(" ")
        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)
        outer.addWidget(self.status_label)
        self._update_buttons()

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def chart_texts(self) -> jobs.ChartTexts:
        """The charts' words in the screen's language."""
        return jobs.ChartTexts(
            premiums=self.tr("参保金额（万元）"),
            paid=self.tr("理赔金额（万元）"),
            ratio=self.tr("理赔率（%）"),
            rows=(self.tr("参保金额"), self.tr("理赔金额"), self.tr("理赔率")),
            months=tuple(self.tr("{n}月").format(n=n) for n in range(1, 13)),
            no_target=self.tr("无目标"),
            mark=self.tr("目标 {mark}%"),
        )

    # --- loading ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)  # reloads what changed out of sight (ui/common/counter_page.py)
        if self._view is None and not self._load.loading:  # the first time
            self.refresh()

    def reload_for(self, changes) -> None:
        self.refresh()

    def is_loading(self) -> bool:
        return self._load.loading

    @property
    def view(self) -> jobs.StatisticsView | None:
        return self._view

    @property
    def county(self) -> str | None:
        """The code of the county opened (None: the city's counties are shown)."""
        return self._county

    @Slot()
    def refresh(self) -> None:
        """Read the figures of the chosen period and basis (in the background), then the charts."""
        if self._worker.closed or not self._load.start():
            return
        db, user, period, basis = self._db, self._user, self.chooser.period(), self.chooser.basis()
        self.refresh_button.setEnabled(False)
        self._say(self.tr("正在统计{period}的数字…").format(period=period.label))
        self._worker.query(
            lambda: jobs.load_view(db, user, period, basis), parent=self, success=self._loaded, failure=self._failed
        )

    def _loaded(self, view: jobs.StatisticsView) -> None:
        self._view = view
        if self._county is not None and view.stats.county(self._county) is None:
            self._county = None  # the county is gone (or has no code any more)
        self._show_lines()
        self._show_closing(view)
        self._say(self.tr("{period}，{basis}。双击或按回车查看一个县区的各单位。").format(
            period=view.stats.period.label, basis=self.chooser.basis_combo.currentText()
        ))  # fmt: skip
        self.viewLoaded.emit(view)
        self._load_charts(view)
        self._finish()

    def _failed(self, error: BaseException) -> None:
        text = user_message(error, self.tr("统计时出现意外错误，数据没有改动。请按“刷新”再试。"))
        self._view = None
        self.model.set_rows([])
        self.year_chart.clear()
        self.completion_chart.clear()
        self.closing_label.setText(" ")
        self._say(text, error=True)
        self.loadFailed.emit(text)
        self._finish()

    def _finish(self) -> None:
        again = self._load.finish()
        self.refresh_button.setEnabled(True)
        self._update_buttons()
        if again:
            self.refresh()

    def _load_charts(self, view: jobs.StatisticsView) -> None:
        """The year's months (for the chart of the city or the county) and the counties' completion."""
        self._charts += 1
        generation, texts, county = self._charts, self.chart_texts(), self._county
        db, user, period, basis, today = self._db, self._user, view.stats.period, view.stats.basis, self._today()

        def read() -> tuple[YearMonths | None, bytes | None, bytes]:
            months = jobs.load_months(db, user, period, basis, today)
            year = jobs.year_chart(months, county, texts, width=CHART_WIDTH) if months else None
            return months, year, jobs.completion_chart(view, texts)

        def done(answer: tuple[YearMonths | None, bytes | None, bytes]) -> None:
            if generation != self._charts:
                return
            self._months, year, completion = answer
            self._show_chart(self.year_chart, year)
            self._show_chart(self.completion_chart, completion)
            self.chartsShown.emit()

        self._worker.query(read, parent=self, success=done, failure=self._charts_failed)

    def _redraw_year_chart(self) -> None:
        """The year's chart of the scope now shown, from the months already read."""
        if self._months is None:
            return
        self._charts += 1
        generation, texts, county, months = self._charts, self.chart_texts(), self._county, self._months

        def done(svg: bytes) -> None:
            if generation == self._charts:
                self._show_chart(self.year_chart, svg)
                self.chartsShown.emit()

        self._worker.query(
            lambda: jobs.year_chart(months, county, texts, width=CHART_WIDTH),
            parent=self,
            success=done,
            failure=self._charts_failed,
        )

    @staticmethod
    def _show_chart(view: ChartView, svg: bytes | None) -> None:
        if svg is None:
            view.clear()
        else:
            view.set_svg(svg)

    def _charts_failed(self, error: BaseException) -> None:
        self.year_chart.clear()
        self.completion_chart.clear()
        self._say(user_message(error, self.tr("图表没有画出来（意外错误）。请按“刷新”再试。")), error=True)

    # --- showing ----------------------------------------------------------------------------

    def _show_lines(self) -> None:
        view = self._view
        if view is None:
            return
        if self._county is None:
            scope = self.tr("全市")
            lines = city_lines(view, self.tr("全市合计"))
            self.crumb_label.setText(scope)
        else:
            county = view.stats.county(self._county)
            scope = county.name if county is not None else self._county
            lines = county_lines(view, self._county, self.tr("{name}合计").format(name=scope))
            self.crumb_label.setText(self.tr("全市 › {county}").format(county=scope))
        self.crumb_label.setToolTip(self.crumb_label.text())
        self.year_caption.setText(
            self.tr("{scope} {year}年各月参保金额、理赔金额和理赔率").format(scope=scope, year=view.stats.period.year)
        )
        self.up_button.setVisible(self._county is not None)
        self.model.set_rows(lines)
        if self.table.currentIndex().row() < 0 and self.sorted.rowCount():
            self.table.setCurrentIndex(self.sorted.index(0, 0))

    def _show_closing(self, view: jobs.StatisticsView) -> None:
        period = view.stats.period
        c = view.closing
        if period.kind != "month":
            text = self.tr("月结状态和月报表只对单个月份显示。")
        elif c is not None:
            text = self.tr("{period}已月结：{who}，{when}，第 {version} 版。").format(
                period=period.label, who=c.closed_by, when=f"{c.closed_at:%Y-%m-%d %H:%M}", version=c.version
            )
        elif view.reopened:
            text = self.tr("{period}未月结（曾经月结，已重新打开）：数字可能变动。").format(period=period.label)
        else:
            text = self.tr("{period}未月结：数字可能变动。").format(period=period.label)
        self.closing_label.setText(text)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {ERROR_COLOR};" if error else "")

    def _update_buttons(self) -> None:
        ready = self._view is not None and not self._busy
        self.export_button.setEnabled(ready)
        month = self._view is not None and self._view.stats.period.kind == "month"
        self.print_button.setEnabled(ready and month)
        self.print_button.setToolTip(
            self.tr("打印本月的月报表（{scope}）").format(scope=self.crumb_label.text())
            if month
            else self.tr("月报表按月打印：请在“期间”中选择月份")
        )

    # --- drill-down -------------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        line = self.sorted.line(index.row())
        if line is not None and line.level == "county" and line.code:
            self.open_county(line.code)

    def open_county(self, code: str) -> None:
        """Show the units of the county `code` (and its year's chart)."""
        if self._view is None or self._view.stats.county(code) is None:
            return
        self._county = code
        self._show_lines()
        self.table.setCurrentIndex(self.sorted.index(0, 0))
        self._update_buttons()
        self._redraw_year_chart()

    @Slot()
    def go_up(self) -> None:
        """Back from a county's units to the counties, on the county just left."""
        if self._county is None:
            return
        left, self._county = self._county, None
        self._show_lines()
        for row in range(self.sorted.rowCount()):
            line = self.sorted.line(row)
            if line is not None and line.code == left and line.level == "county":
                self.table.setCurrentIndex(self.sorted.index(row, 0))
        self.table.setFocus()
        self._update_buttons()
        self._redraw_year_chart()

    # --- 交账 -------------------------------------------------------------------------------

    @Slot()
    def open_handin(self) -> HandinWindow:
        """The 交账 window (ui/statistics/handin_page.py), made at first use, shown and raised."""
        if self.handin_window is None:
            from mutualaid_desktop.ui.statistics.handin_page import HandinPage, HandinWindow

            page = HandinPage(self._db, self._user, worker=self._worker, today=self._today)
            self.handin_window = HandinWindow(page, self)
        self.handin_window.show()
        self.handin_window.raise_()
        self.handin_window.activateWindow()
        return self.handin_window

    # --- export and the month report --------------------------------------------------------

    def suggested_export_path(self) -> Path:
        from mutualaid_desktop.services.enrollment.payments import papers_folder

        assert self._view is not None
        scope = self._county or self.tr("全市")
        return papers_folder(self._db) / "statistics" / f"统计表-{self._view.stats.period.label}-{scope}.xlsx"

    @Slot()
    def export_excel(self) -> None:
        """Ask where, then write the table shown (the counties and the city, or the county's units) as .xlsx."""
        view = self._view
        if view is None or self._busy:
            return
        chosen = ask_save_file(
            self, self.tr("导出统计表"), self.suggested_export_path(), self.tr("Excel 文件 (*.xlsx)"), suffix=".xlsx"
        )
        if not chosen:
            return
        db, stats, county = self._db, view.stats, self._county
        self._start(self.tr("正在导出…"))
        self._worker.query(
            lambda: jobs.export_job(db, stats, chosen, county),
            parent=self,
            success=self._exported,
            failure=self._busy_failed,
        )

    def _exported(self, path: Any) -> None:
        self._end()
        self._say(self.tr("已导出到 {path}").format(path=path))
        self.exported.emit(str(path))

    @Slot()
    def print_month_report(self) -> None:
        """The month report of the city (or of the county opened) in the program's preview, to print."""
        view = self._view
        if view is None or self._busy or view.stats.period.kind != "month":
            return
        db, user, period, county = self._db, self._user, view.stats.period, self._county
        self._start(self.tr("正在生成月报表…"))
        self._worker.query(
            lambda: jobs.month_report_job(db, user, period, county),
            parent=self,
            success=self._report_made,
            failure=self._busy_failed,
        )

    def _report_made(self, path: Any) -> None:
        from mutualaid_desktop.ui.enrollment import payment_dialog

        self._end()
        self._say(self.tr("已生成月报表：{path}").format(path=path))
        self.reportMade.emit(str(path))
        payment_dialog.open_pdf(Path(path), runner=self._worker)

    def _start(self, text: str) -> None:
        self._busy = True
        self._update_buttons()
        self._say(text)

    def _end(self) -> None:
        self._busy = False
        self._update_buttons()

    def _busy_failed(self, error: BaseException) -> None:
        self._end()
        self._say(user_message(error, self.tr("没有完成（意外错误），数据没有改动。请再试一次。")), error=True)
