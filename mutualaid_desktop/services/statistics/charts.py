"""The charts of the monthly cycle for the screens: the figures (figures.py, the one definition) of a
year's months as plain series, and the charts of documents/charts.py as SVG bytes, which the ui shows
through QtSvg (ui/common/chart_view.py) — the same drawing, in the same font, as on paper.

Thin on purpose: the figures come from figures.statistics / month_closing.month_report, the drawing
from documents/charts.py; this module only picks the figures out and hands them over.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from mutualaid_desktop.documents import charts
from mutualaid_desktop.documents.charts import CompletionWords, MonthlyWords
from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.domain.periods import month
from mutualaid_desktop.services.admin.user_identity import UserInfo
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.handin.ledger import with_handed_months
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.statistics.figures import Figures, Statistics, percent, statistics
from mutualaid_desktop.services.statistics.month_ledger import ByUnit, Money, live_money
from mutualaid_desktop.services.statistics.month_report import MonthReport
from mutualaid_desktop.services.statistics.tree import Tree
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.statistics_queries import StatisticsQueries

MONTHS = 12
PAPER_MONTHLY_WORDS = MonthlyWords()  # the defaults: the paper's Chinese
PAPER_COMPLETION_WORDS = CompletionWords()
__all__ = [
    "CompletionWords",
    "MonthSeries",
    "MonthlyWords",
    "completion_chart_svg",
    "money_series",
    "month_series",
    "months_money",
    "year_chart_svg",
]


@dataclass(frozen=True)
class MonthSeries:
    """A year's twelve months of the city or a county: None for a month not given (not yet come)."""

    title: str  # 商洛市总工会 2026年
    labels: tuple[str, ...]  # 1月 … 12月
    premiums: tuple[Decimal | None, ...]  # 参保金额, yuan
    paid: tuple[Decimal | None, ...]  # 理赔金额, yuan (less reversals; may be negative)
    ratios: tuple[Decimal | None, ...]  # 理赔率 %


def months_of_year(db: Database, user: UserInfo, year: int, through: int, *, basis: str = "cash") -> list[Statistics]:
    """The figures of each month of `year` from January to `through` (each month on its own)."""
    if not 1 <= through <= MONTHS:
        raise ServiceError(f"月份 {through} 不在 1—12 之间：请给出截至的月份（1 到 12）。")
    return [statistics(db, user, month(year, number), basis=basis) for number in range(1, through + 1)]


def month_series(months: Sequence[Statistics | MonthReport], *, county: str | None = None) -> MonthSeries:
    """The months given (the figures of single months, or month reports, of one year) as a year's series of
    the city, or of the county with code `county`; the months not given are None."""
    figures = [m.month if isinstance(m, MonthReport) else m for m in months]
    if not figures:
        raise ServiceError("没有要画的月份：请至少给出一个月的统计。")
    year = figures[0].period.year
    if any(f.period.kind != "month" or f.period.year != year for f in figures):
        raise ServiceError("画一年的图，给出的统计须是同一年的各个月份（每月一份）。")
    slots: list[Figures | None] = [None] * MONTHS
    for f in figures:
        slots[f.period.number - 1] = _node(f, county)
    name = next(s.name for s in slots if s is not None)
    return MonthSeries(
        title=f"{name} {year}年",
        labels=tuple(f"{n}月" for n in range(1, MONTHS + 1)),
        premiums=tuple(None if s is None else s.premiums for s in slots),
        paid=tuple(None if s is None else s.paid for s in slots),
        ratios=tuple(None if s is None else s.claim_ratio for s in slots),
    )


@dataclass(frozen=True)
class YearMonths:
    """A year's months, read once, ready to draw for the city or any county (`series`): on the cash basis the
    money that adds up (months_money), on another basis every figure of every month."""

    year: int
    tree: Tree | None  # the cash basis
    money: tuple[ByUnit, ...]  # the cash basis
    figures: tuple[Statistics, ...]  # another basis

    def series(self, county: str | None = None) -> MonthSeries:
        if self.tree is not None:
            return money_series(self.money, self.tree, self.year, county=county)
        return month_series(self.figures, county=county)


def year_months(db: Database, user: UserInfo, year: int, through: int, *, basis: str = "cash") -> YearMonths:
    """The months of `year` from January to `through` for a year's chart."""
    if basis != "cash":
        return YearMonths(year, None, (), tuple(months_of_year(db, user, year, through, basis=basis)))
    require(user, "see_statistics")
    if not 1 <= through <= MONTHS:
        raise ServiceError(f"月份 {through} 不在 1—12 之间：请给出截至的月份（1 到 12）。")
    with UnitOfWork(db, read_only=True) as uow:
        q = StatisticsQueries(uow.session)
        return YearMonths(year, Tree(q.units()), tuple(months_money(q, year, through)), ())


def months_money(q: StatisticsQueries, year: int, through: int) -> list[ByUnit]:
    """The money of each month of `year` from January to `through` as the books have it now (cash basis, per
    unit and plan kind: month_ledger.live_money) — what a year's chart needs, without the rest of the figures
    (a few grouped sums a month instead of every figure of every month). The counties that hand in are counted
    from their hand-ins (services/handin/ledger.py)."""
    months = [live_money(q, month(year, n).start, month(year, n).end) for n in range(1, through + 1)]
    return with_handed_months(q, year, months)


def money_series(months: Sequence[ByUnit], tree: Tree, year: int, *, county: str | None = None) -> MonthSeries:
    """`months_money` as a year's series of the city, or of the county with code `county`: the same premiums,
    paid (less reversals) and claim ratio as month_series of each month's figures (cash basis)."""
    if county is None:  # the city: a new database may have no tree yet
        city = tree.city()
        name = city.name if city is not None else ""
    else:
        node = next((c for c in tree.counties() if c.code == county), None)
        if node is None:
            raise ServiceError(f"没有代码为「{county}」的县区工会。")
        name = node.name
    slots: list[Money | None] = [None] * MONTHS
    for number, by_unit in enumerate(months, start=1):
        total = Money()
        for (unit, _kind), money in by_unit.items():
            if county is None or tree.code(tree.county_of(unit)) == county:
                total = total + money
        slots[number - 1] = total
    return MonthSeries(
        title=f"{name} {year}年",
        labels=tuple(f"{n}月" for n in range(1, MONTHS + 1)),
        premiums=tuple(None if m is None else from_fen(m.premiums_fen) for m in slots),
        paid=tuple(None if m is None else from_fen(m.net_paid_fen) for m in slots),
        ratios=tuple(None if m is None else percent(m.net_paid_fen, m.premiums_fen) for m in slots),
    )


def _node(figures: Statistics, county: str | None) -> Figures:
    if county is None:
        return figures.city
    found = figures.county(county)
    if found is None:
        raise ServiceError(f"没有代码为「{county}」的县区：请从县区列表中选一个。")
    return found


def year_chart_svg(
    series: MonthSeries,
    *,
    width: float = 480,
    height: float = 260,
    table: bool = True,
    words: MonthlyWords = PAPER_MONTHLY_WORDS,
    month_labels: Sequence[str] | None = None,
) -> bytes:
    """The year's monthly chart (参保金额 and 理赔金额 bars, 理赔率 line) as SVG. `words` and `month_labels` (the
    twelve months' names) in the language of the screen that shows it; by default the paper's Chinese."""
    labels = series.labels if month_labels is None else tuple(month_labels)
    if len(labels) != MONTHS:
        raise ServiceError(f"月份的名称应有 {MONTHS} 个（现在是 {len(labels)} 个）。")
    drawing = charts.monthly_chart(
        labels, series.premiums, series.paid, series.ratios, width=width, height=height, table=table, words=words
    )
    return charts.drawing_to_svg(drawing)


def completion_chart_svg(
    names: Sequence[str],
    rates: Sequence[Decimal | None],
    *,
    mark: Decimal = charts.HUNDRED,
    width: float = 480,
    height: float | None = None,
    words: CompletionWords = PAPER_COMPLETION_WORDS,
) -> bytes:
    """The counties' completion of their targets (%) as SVG; None: the county has no target (无目标).
    Without `height`, 22 points a county and room for the axis. `words` in the screen's language."""
    tall = height if height is not None else 40 + 22 * len(names)
    drawing = charts.completion_chart(names, rates, width=width, height=tall, mark=mark, words=words)
    return charts.drawing_to_svg(drawing)
