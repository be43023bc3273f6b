"""首页: the counter's figures at a glance.

Four cards (members, active covers, claims waiting for review, today's receipts) under the
organisation's name; for a user who may see the statistics, under them the city's figures of this month
and of the year, the city target's completion, a small chart of the year's months and the 百万县区 status
(ui/shell/home_statistics.py), read after the counters (they take longer: services/dashboard.py). The figures are read on the background worker when the page is first shown,
when a change report touches what they count (ui/common/counter_page.py), and on `refresh()` (F5 or the
button); every AUTO_REFRESH_MS while shown today's counters are read again (they follow the clock into a new
day), the city's figures only when the day has changed (they cost a city database seconds). The page never
waits for the database.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QLocale, Qt, QTime, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.changes import (
    CLAIMS,
    ENROLLMENTS,
    MEMBERS,
    PAYMENTS,
    PAYOUTS,
    PLANS,
    SETTINGS,
    TARGETS,
    UNITS,
)
from mutualaid_desktop.services.permissions import may
from mutualaid_desktop.ui.common.counter_page import ChangesAware
from mutualaid_desktop.ui.shell.background import SerialLoad, user_message
from mutualaid_desktop.ui.shell.fonts import scaled

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.dashboard import HomeFigures, HomeStatistics
    from mutualaid_desktop.store.database import Database
    from mutualaid_desktop.ui.shell.home_statistics import StatisticsPanel
    from mutualaid_desktop.ui.shell.task_runner import TaskRunner

PLACEHOLDER = "…"
AUTO_REFRESH_MS = 60_000  # while the page is shown
WIDE_PANEL = 1000  # pixels of page from which the statistics panel has its chart beside the figures

PAGE_STYLE = """
QFrame#figureCard {
    background: #ffffff;
    border: 1px solid #d5dbe3;
    border-radius: 8px;
}
QLabel#cardTitle { color: #4a5563; }
QLabel#cardValue { color: #1f4e79; }
QLabel#cardDetail { color: #4a5563; }
QLabel#orgHint, QLabel#updatedLabel, QLabel#dateLabel { color: #5f6b7a; }
QLabel#errorLabel { color: #b3261e; }
"""


class FigureCard(QFrame):
    """A title, one big figure and a line under it."""

    def __init__(self, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureCard")
        self.setProperty("figure", key)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(200)
        base = QApplication.font()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(6)
        self.title_label = QLabel(title)
        self.title_label.setObjectName("cardTitle")
        self.title_label.setFont(scaled(base, 1.1))
        self.value_label = QLabel(PLACEHOLDER)
        self.value_label.setObjectName("cardValue")
        self.value_label.setFont(scaled(base, 2.6, bold=True))
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label = QLabel(" ")
        self.detail_label.setObjectName("cardDetail")
        self.detail_label.setFont(scaled(base, 1.05))
        layout.addWidget(self.title_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.detail_label)

    def set_figure(self, value: str, detail: str) -> None:
        self.value_label.setText(value)
        self.detail_label.setText(detail or " ")
        self.setAccessibleName(f"{self.title_label.text()} {value} {detail}".strip())

    def value(self) -> str:
        return self.value_label.text()

    def detail(self) -> str:
        return self.detail_label.text()


class HomePage(ChangesAware, QWidget):
    """The home page. `figuresLoaded` carries the HomeFigures each time they arrive."""

    figuresLoaded = Signal(object)
    statisticsLoaded = Signal(object)  # the HomeStatistics
    loadFailed = Signal(str)
    loadingChanged = Signal(object)  # a bool; not Signal(bool): see background.py

    CARD_KEYS = ("members", "active_covers", "claims_waiting_review", "receipts_today")

    def __init__(
        self,
        db: Database | None = None,
        *,
        worker: TaskRunner,
        today: Callable[[], date] = clock.today,
        user: UserInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("homePage")
        self._db = db
        self._user = user  # with the right to see the statistics: the statistics panel too
        self._worker = worker  # the window's task runner (app.py)
        self._today = today
        self._load = SerialLoad()
        self._figures: HomeFigures | None = None
        self._statistics: HomeStatistics | None = None
        self._statistics_wanted = True  # read the city's figures after the next counters
        self._statistics_day: date | None = None  # the day they were last read for
        self._stats_load = SerialLoad()
        self.statistics_panel: StatisticsPanel | None = None
        self._build()
        # Live figures: other counters (a shared server) or the command line change the data too.
        self.auto_refresh = QTimer(self)
        self.auto_refresh.setInterval(AUTO_REFRESH_MS)
        self.auto_refresh.timeout.connect(self._tick)
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Refresh),
            self,
            self.refresh,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )

    # --- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        self.setStyleSheet(PAGE_STYLE)
        base = QApplication.font()
        outer = self._scrolled_layout()
        outer.setContentsMargins(36, 28, 36, 28)
        outer.setSpacing(10)

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(4)
        self.org_label = QLabel(self.tr("互助保障柜台"))
        self.org_label.setObjectName("orgLabel")
        self.org_label.setFont(scaled(base, 1.9, bold=True))
        self.org_label.setWordWrap(True)
        titles.addWidget(self.org_label)
        self.org_hint = QLabel(self.tr("尚未设置单位名称"))
        self.org_hint.setObjectName("orgHint")
        self.org_hint.setVisible(False)
        titles.addWidget(self.org_hint)
        self.date_label = QLabel()
        self.date_label.setObjectName("dateLabel")
        self.date_label.setFont(scaled(base, 1.1))
        titles.addWidget(self.date_label)
        header.addLayout(titles, 1)

        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setToolTip(self.tr("重新读取首页数字（F5）"))
        self.refresh_button.setMinimumHeight(34)
        self.refresh_button.setMinimumWidth(96)
        self.refresh_button.clicked.connect(self.refresh)
        header.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(header)
        outer.addSpacing(12)

        self.cards = {
            "members": FigureCard("members", self.tr("会员人数")),
            "active_covers": FigureCard("active_covers", self.tr("有效保障")),
            "claims_waiting_review": FigureCard("claims_waiting_review", self.tr("待审核理赔")),
            "receipts_today": FigureCard("receipts_today", self.tr("今日收据")),
        }
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(18)
        self._columns = 0
        self._arrange_cards(4)
        outer.addLayout(self.grid)
        if self._user is not None and may(self._user, "see_statistics"):
            from mutualaid_desktop.ui.shell.home_statistics import StatisticsPanel

            outer.addSpacing(8)
            self.statistics_panel = StatisticsPanel()
            outer.addWidget(self.statistics_panel)

        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        outer.addWidget(self.error_label)

        outer.addStretch(1)
        self.updated_label = QLabel()
        self.updated_label.setObjectName("updatedLabel")
        outer.addWidget(self.updated_label)
        self._show_date()

    def _scrolled_layout(self) -> QVBoxLayout:
        """The page's layout, in a scroll area: in a window lower than the page needs, the page scrolls rather
        than crushing its cards."""
        frame = QVBoxLayout(self)
        frame.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setObjectName("homeScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        content = QWidget(scroll)
        content.setObjectName("homeContent")
        scroll.setWidget(content)
        frame.addWidget(scroll)
        return QVBoxLayout(content)

    def _arrange_cards(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for card in self.cards.values():
            self.grid.removeWidget(card)
        for index, key in enumerate(self.CARD_KEYS):
            self.grid.addWidget(self.cards[key], index // columns, index % columns)
        for column in range(4):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event) -> None:  # noqa: N802
        # four cards in a row on a wide screen, two by two on a narrow one
        self._arrange_cards(4 if event.size().width() >= 960 else 2)
        if self.statistics_panel is not None:
            self.statistics_panel.set_wide(event.size().width() >= WIDE_PANEL)
        super().resizeEvent(event)

    def _show_date(self) -> None:
        today = self._today()
        qdate = QDate(today.year, today.month, today.day)
        self.date_label.setText(QLocale().toString(qdate, QLocale.FormatType.LongFormat))

    # --- loading ----------------------------------------------------------------------------

    def set_database(self, db: Database) -> None:
        self._db = db
        if self.isVisible():
            self.refresh()

    # what the figures count, and the counter's name on top
    shows = frozenset({MEMBERS, ENROLLMENTS, PAYMENTS, CLAIMS, PAYOUTS, UNITS, PLANS, SETTINGS, TARGETS})

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)  # reloads what changed out of sight (ui/common/counter_page.py)
        self.auto_refresh.start()
        if self._figures is None and not self._load.loading:  # the first time
            self.refresh()

    def reload_for(self, changes) -> None:
        self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self.auto_refresh.stop()
        super().hideEvent(event)

    @Slot()
    def refresh(self) -> None:
        """Read the figures again (in the background): today's counters, then the city's figures."""
        self._statistics_wanted = True
        self._read_counters()

    @Slot()
    def _tick(self) -> None:
        """Every AUTO_REFRESH_MS while shown: today's counters (a few milliseconds); the city's figures only on a
        new day. They follow the data through change reports (this program's writes, and other processes' through
        the data-version poll) and cost a city database seconds: not every minute."""
        if self._statistics_day != self._today():
            self._statistics_wanted = True
        self._read_counters()

    def _read_counters(self) -> None:
        if self._db is None or self._worker.closed:
            return
        if not self._load.start():
            return
        from mutualaid_desktop.services.dashboard import home_figures

        self._show_loading(True)
        db, today = self._db, self._today()
        self._worker.query(lambda: home_figures(db, today), parent=self, success=self._loaded, failure=self._failed)

    def is_loading(self) -> bool:
        return self._load.loading

    def _show_loading(self, loading: bool) -> None:
        self.refresh_button.setEnabled(not loading)
        if loading:
            self.updated_label.setText(self.tr("正在读取数据…"))
        self.loadingChanged.emit(loading)

    def _finish(self) -> bool:
        """End a load; True when another one was asked for meanwhile (and has been started)."""
        again = self._load.finish()
        self._show_loading(False)
        if again:
            self.refresh()
            return True
        return False

    def _loaded(self, figures: Any) -> None:
        self._figures = figures
        self._show_figures(figures)
        self.figuresLoaded.emit(figures)
        if not self._finish() and self._statistics_wanted:
            self._statistics_wanted = False
            self._load_statistics()

    # --- the statistics panel ---------------------------------------------------------------

    @property
    def statistics(self) -> HomeStatistics | None:
        return self._statistics

    def _load_statistics(self) -> None:
        """The city's figures, after the counters (they take longer), for the panel."""
        if self.statistics_panel is None or self._db is None or self._user is None or self._worker.closed:
            return
        if not self._stats_load.start():
            return
        from mutualaid_desktop.ui.shell.home_statistics import read_statistics

        db, user, today, words = self._db, self._user, self._today(), self.chart_words()
        self._statistics_day = today
        self._worker.query(
            lambda: read_statistics(db, user, today, words),
            parent=self,
            success=self._statistics_loaded,
            failure=self._statistics_failed,
        )

    def chart_words(self) -> dict[str, Any]:
        """The small chart's words, in the language of the screen."""
        return {
            "premiums": self.tr("参保金额（万元）"),
            "paid": self.tr("理赔金额（万元）"),
            "ratio": self.tr("理赔率（%）"),
            "months": tuple(self.tr("{n}月").format(n=n) for n in range(1, 13)),
        }

    def _statistics_loaded(self, answer: Any) -> None:
        home, svg = answer
        again = self._stats_load.finish()
        if home is not None and self.statistics_panel is not None:
            self._statistics = home
            self.statistics_panel.show_statistics(home, svg)
            self.statisticsLoaded.emit(home)
        if again:
            self._load_statistics()

    def _statistics_failed(self, error: BaseException) -> None:
        self._stats_load.finish()
        text = user_message(error, self.tr("读取统计数字时出现意外错误。"))
        self.error_label.setText(self.tr("全市业绩未能读取：{reason}\n请按“刷新”重试。").format(reason=text))
        self.error_label.setVisible(True)
        self.loadFailed.emit(text)

    def _failed(self, error: BaseException) -> None:
        text = user_message(error, self.tr("读取数据时出现意外错误。"))
        self.error_label.setText(self.tr("首页数字未能读取：{reason}\n请按“刷新”重试。").format(reason=text))
        self.error_label.setVisible(True)
        self.loadFailed.emit(text)
        if not self._finish():
            self.updated_label.setText("")

    # --- showing ----------------------------------------------------------------------------

    @property
    def figures(self) -> HomeFigures | None:
        return self._figures

    def _show_figures(self, figures: HomeFigures) -> None:
        from mutualaid_desktop.domain.money import format_amount

        locale = QLocale()
        org = (figures.org_name or "").strip()
        self.org_label.setText(org or self.tr("互助保障柜台"))
        self.org_hint.setVisible(not org)
        self._show_date()
        self.error_label.setVisible(False)
        self.cards["members"].set_figure(locale.toString(int(figures.members)), self.tr("名在册会员"))
        self.cards["active_covers"].set_figure(locale.toString(int(figures.active_covers)), self.tr("份保障今日有效"))
        self.cards["claims_waiting_review"].set_figure(
            locale.toString(int(figures.claims_waiting_review)), self.tr("件等待审核")
        )
        self.cards["receipts_today"].set_figure(
            self.tr("{count} 张").format(count=locale.toString(int(figures.receipts_today))),
            self.tr("合计 {amount}").format(amount=format_amount(figures.receipts_today_amount)),
        )
        now = QTime.currentTime()
        self.updated_label.setText(self.tr("数据更新于 {time}").format(time=now.toString("HH:mm:ss")))
