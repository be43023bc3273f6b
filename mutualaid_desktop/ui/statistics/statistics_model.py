"""The 统计 table: one line per county (or per unit of a county), the city's (or the county's) total last.

Columns: 县区/单位, 参保单位, 参保人次, 参保金额, 目标完成率 (the yearly target in its tooltip), 理赔人次, 理赔金额, 理赔率,
受理/未决, 同比, 排名 (a county's among the counties, a unit's within its county: ranking.py; 并列 when shared). Numbers
right-aligned, money as the other screens write it (domain/money.format_amount); SORT_ROLE gives each cell's
number for sorting (StatisticsSortModel keeps the total at the bottom whichever way the table is sorted).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from mutualaid_desktop.domain.money import format_amount
from mutualaid_desktop.services.statistics.figures import Figures
from mutualaid_desktop.services.statistics.ranking import RankRow
from mutualaid_desktop.ui.common.list_table_model import ListTableModel
from mutualaid_desktop.ui.statistics.statistics_jobs import StatisticsView

SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
NONE = "—"


@dataclass(frozen=True)
class StatisticsLine:
    """A line of the table: a county's (level county), a unit's (unit), or the total (total)."""

    level: str
    figures: Figures
    name: str  # as shown (the total: 全市合计 / 商州区总工会合计)
    target: Decimal | None
    completion: Decimal | None
    growth: Decimal | None
    rank: RankRow | None  # the year to date's ranking (none for the total)

    @property
    def code(self) -> str:
        return self.figures.code


def city_lines(view: StatisticsView, total_name: str) -> list[StatisticsLine]:
    """The counties, then the city's total."""
    lines = [_line("county", c, c.name, view) for c in view.stats.counties]
    return [*lines, _line("total", view.stats.city, total_name, view)]


def county_lines(view: StatisticsView, code: str, total_name: str) -> list[StatisticsLine]:
    """The units of the county `code` (those with any figure), then the county's total ([] if it is unknown)."""
    county = view.stats.county(code)
    if county is None:
        return []
    lines = [_line("unit", u, u.name, view) for u in view.stats.units.get(code, ())]
    return [*lines, _line("total", county, total_name, view)]


def _line(level: str, f: Figures, name: str, view: StatisticsView) -> StatisticsLine:
    with_target = level != "unit"
    return StatisticsLine(
        level=level,
        figures=f,
        name=name,
        target=view.targets.get(f.code) if with_target else None,
        completion=view.completion.get(f.code) if with_target else None,
        growth=view.growth.get(f.code),
        rank={"county": view.ranks, "unit": view.unit_ranks}.get(level, {}).get(f.code),
    )


def _percent(value: Decimal | None) -> str:
    return NONE if value is None else f"{value}%"


def _signed(value: Decimal | None) -> str:
    return NONE if value is None else f"{value:+}%"


class StatisticsTableModel(ListTableModel):
    NAME, UNITS, ENROLLMENTS, PREMIUMS, COMPLETION, CLAIMS, PAID, RATIO, RECEIVED, GROWTH, RANK = range(11)
    right_aligned = tuple(range(1, 11))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__((), parent)
        self.headers = [
            self.tr("县区 / 单位"),
            self.tr("参保单位"),
            self.tr("参保人次"),
            self.tr("参保金额"),
            self.tr("目标完成率"),
            self.tr("理赔人次"),
            self.tr("理赔金额"),
            self.tr("理赔率"),
            self.tr("受理/未决"),
            self.tr("同比"),
            self.tr("排名"),
        ]
        self.tips = {
            self.COMPLETION: self.tr("年初至本期末的参保金额 ÷ 年度参保金额目标（设置 → 目标）"),
            self.RECEIVED: self.tr("本期受理的理赔件数 / 期末尚未审核的件数"),
            self.GROWTH: self.tr("参保金额与上年同期相比的增减"),
            self.RANK: self.tr("年初至本期末：县区按目标完成率、再按参保金额排名；单位在本县区内按参保金额排名"),
        }

    def display(self, row: StatisticsLine, column: int) -> str:
        f = row.figures
        texts = {
            self.NAME: row.name,
            self.UNITS: f"{f.units:,}",
            self.ENROLLMENTS: f"{f.enrollments:,}",
            self.PREMIUMS: format_amount(f.premiums),
            self.COMPLETION: _percent(row.completion),
            self.CLAIMS: f"{f.claims_paid:,}",
            self.PAID: format_amount(f.paid),
            self.RATIO: _percent(f.claim_ratio),
            self.RECEIVED: f"{f.claims_received:,} / {f.claims_pending:,}",
            self.GROWTH: _signed(row.growth),
            self.RANK: self._rank(row.rank),
        }
        return texts[column]

    def _rank(self, rank: RankRow | None) -> str:
        if rank is None:
            return NONE
        return self.tr("{rank}（并列）").format(rank=rank.rank) if rank.tied else str(rank.rank)

    def sort_value(self, row: StatisticsLine, column: int) -> Any:
        f = row.figures
        values: dict[int, Any] = {
            self.NAME: f.code,
            self.UNITS: f.units,
            self.ENROLLMENTS: f.enrollments,
            self.PREMIUMS: f.premiums,
            self.COMPLETION: row.completion,
            self.CLAIMS: f.claims_paid,
            self.PAID: f.paid,
            self.RATIO: f.claim_ratio,
            self.RECEIVED: f.claims_received,
            self.GROWTH: row.growth,
            self.RANK: None if row.rank is None else row.rank.rank,
        }
        return values[column]

    def role_data(self, row: StatisticsLine, column: int, role: int) -> Any:
        if role == SORT_ROLE:
            return self.sort_value(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME:
            return f"{row.name}（{row.code}）" if row.code else row.name
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COMPLETION and row.level != "unit":
            if row.target is None:
                return self.tr("没有设定年度参保金额目标")
            return self.tr("年度目标 {amount}").format(amount=format_amount(row.target))
        if role == Qt.ItemDataRole.FontRole and row.level == "total":
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return self.tips.get(section)
        return super().headerData(section, orientation, role)


class StatisticsSortModel(QSortFilterProxyModel):
    """Sorts by SORT_ROLE (None, no figure, below every number); the total stays the last line."""

    def __init__(self, source: StatisticsTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self._source = source

    def lessThan(  # noqa: N802
        self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex
    ) -> bool:
        a, b = self._source.row(left.row()), self._source.row(right.row())
        descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
        if a.level == "total" or b.level == "total":  # the total last, ascending or descending
            return (b.level == "total") != descending and a.level != b.level
        x, y = self._source.sort_value(a, left.column()), self._source.sort_value(b, right.column())
        if x is None or y is None:
            return x is None and y is not None
        return bool(x < y)

    def line(self, row: int) -> StatisticsLine | None:
        """The line shown at `row` of the (sorted) view."""
        source = self.mapToSource(self.index(row, 0))
        return self._source.row(source.row()) if source.isValid() else None
