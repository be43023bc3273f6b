"""The home page's statistics panel (for whom may see the statistics): the city's 参保金额, 参保人次, 理赔金额 and
理赔率 of this month and of the year to date, the completion of the city's yearly target when one is set, the
year's months as a small chart (the 统计 screen's chart, without its table of values), and the 百万县区 status.
It shows what services/dashboard.home_statistics gives; the home page reads it (ui/shell/home_page.py)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.domain.money import format_amount
from mutualaid_desktop.ui.common.chart_view import ChartView
from mutualaid_desktop.ui.shell.fonts import scaled

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.dashboard import HomeStatistics
    from mutualaid_desktop.store.database import Database

NONE = "—"
CHART_WIDTH = 300  # points (drawn larger on screen: the words stay legible)
CHART_HEIGHT = 160
NAME_SHORT = 16  # a county name in the 百万县区 line: longer ones cut, whole in the tooltip
FIGURES = ("premiums", "enrollments", "paid", "claim_ratio")


def read_statistics(
    db: Database, user: UserInfo, today: date, words: dict[str, Any]
) -> tuple[HomeStatistics | None, bytes | None]:
    """(On the task runner.) The city's figures for `user` and the year's small chart in `words` (the page's)."""
    from mutualaid_desktop.services.dashboard import home_statistics
    from mutualaid_desktop.services.statistics.charts import MonthlyWords, year_chart_svg

    home = home_statistics(db, user, today)
    if home is None:
        return None, None
    chart_words = MonthlyWords(premiums=words["premiums"], paid=words["paid"], ratio=words["ratio"])
    svg = year_chart_svg(
        home.series,
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        table=False,
        words=chart_words,
        month_labels=words["months"],
    )
    return home, svg


class StatisticsPanel(QFrame):
    """`show_statistics(home, svg)` fills it; `figure(row, key)` is the text shown (row: month / year)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureCard")  # the cards' look (home_page.PAGE_STYLE)
        self.setProperty("figure", "statistics")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        base = QApplication.font()
        outer = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._outer = outer
        outer.setContentsMargins(20, 14, 20, 14)
        outer.setSpacing(18)
        left = QVBoxLayout()
        left.setSpacing(6)
        self.title_label = QLabel(self.tr("全市业绩"))
        self.title_label.setObjectName("cardTitle")
        self.title_label.setFont(scaled(base, 1.1, bold=True))
        left.addWidget(self.title_label)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        heads = (self.tr("参保金额"), self.tr("参保人次"), self.tr("理赔金额"), self.tr("理赔率"))
        for column, text in enumerate(heads, start=1):
            head = QLabel(text)
            head.setObjectName("cardDetail")
            grid.addWidget(head, 0, column, Qt.AlignmentFlag.AlignRight)
        self.row_labels = {"month": QLabel(self.tr("本月")), "year": QLabel(self.tr("本年"))}
        self._cells: dict[tuple[str, str], QLabel] = {}
        for r, row in enumerate(("month", "year"), start=1):
            grid.addWidget(self.row_labels[row], r, 0)
            for column, key in enumerate(FIGURES, start=1):
                cell = QLabel(NONE)
                cell.setObjectName("cardValue")
                cell.setFont(scaled(base, 1.25, bold=True))
                cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(cell, r, column, Qt.AlignmentFlag.AlignRight)
                self._cells[(row, key)] = cell
        grid.setColumnStretch(5, 1)
        left.addLayout(grid)
        self.target_label = self._line("targetLabel")
        self.million_label = self._line("millionLabel")
        left.addWidget(self.target_label)
        left.addWidget(self.million_label)
        left.addStretch(1)
        outer.addLayout(left, 3)
        self.chart = ChartView(self.tr("全市本年各月参保金额、理赔金额和理赔率"))
        self.chart.setObjectName("homeChart")
        self.chart.setMinimumWidth(260)
        self.chart.setMaximumHeight(round(CHART_HEIGHT * 4 / 3))
        outer.addWidget(self.chart, 2)

    def set_wide(self, wide: bool) -> None:
        """The chart beside the figures (wide) or under them (a narrow window)."""
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._outer.direction() != direction:
            self._outer.setDirection(direction)

    @staticmethod
    def _line(name: str) -> QLabel:
        label = QLabel(" ")
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def figure(self, row: str, key: str) -> str:
        return self._cells[(row, key)].text()

    def show_statistics(self, home: HomeStatistics, svg: bytes | None) -> None:
        number = home.period.number
        self.row_labels["month"].setText(self.tr("本月（{n}月）").format(n=number))
        self.row_labels["year"].setText(self.tr("本年（1—{n}月）").format(n=number) if number > 1 else self.tr("本年"))
        for row, f in (("month", home.month), ("year", home.year)):
            texts = {
                "premiums": format_amount(f.premiums),
                "enrollments": f"{f.enrollments:,}",
                "paid": format_amount(f.paid),
                "claim_ratio": NONE if f.claim_ratio is None else f"{f.claim_ratio}%",
            }
            for key, text in texts.items():
                self._cells[(row, key)].setText(text)
        if home.target is None:
            self.target_label.setText(self.tr("尚未设定全市本年参保金额目标（设置 → 目标）。"))
        else:
            self.target_label.setText(
                self.tr("全市本年参保金额目标 {target}，已完成 {rate}。").format(
                    target=format_amount(home.target), rate=NONE if home.completion is None else f"{home.completion}%"
                )
            )
        self.million_label.setText(self.million_text(home, short=True))
        self.million_label.setToolTip(self.million_text(home))
        if svg is None:
            self.chart.clear()
        else:
            self.chart.set_svg(svg)

    def million_text(self, home: HomeStatistics, *, short: bool = False) -> str:
        """百万县区 (and 两百万县区) with the month each crossed, and whether the city is 全覆盖; `short`: long
        county names cut to NAME_SHORT characters (the panel; the tooltip has them whole)."""

        def name_of(m) -> str:
            return m.name if not short or len(m.name) <= NAME_SHORT else m.name[: NAME_SHORT - 1] + "…"

        reached = [m for m in home.milestones if m.level >= 1]
        two = [m for m in home.milestones if m.level >= 2]
        names = "、".join(
            self.tr("{name}（{n}月）").format(name=name_of(m), n=m.million_month) for m in reached
        ) or self.tr("暂无")
        lines = [self.tr("百万县区：{names}").format(names=names)]
        if two:
            lines.append(
                self.tr("两百万县区：{names}").format(
                    names="、".join(
                        self.tr("{name}（{n}月）").format(name=name_of(m), n=m.two_million_month) for m in two
                    )
                )
            )
        if home.full_coverage:
            lines.append(self.tr("全市县区全部达到百万（全覆盖）。"))
        else:
            lines.append(
                self.tr("未全覆盖：{count} 个县区尚未达到百万。").format(count=len(home.milestones) - len(reached))
            )
        return "\n".join(lines)
