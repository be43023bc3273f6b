"""What the 统计 screen asks of the services, run on the window's task runner (never on the GUI thread): the
figures of a period with what the table puts beside them, the year's months for the chart, the charts as SVG,
the Excel file and the month report's PDF. No Qt here: plain functions over services/statistics/.

Decided here (the issue is silent):
- 完成率 is the year to date's premiums (through the end of the chosen period, on the chosen basis) ÷ the yearly
  premium target, as ranking.rank_counties computes it for the counties; for a month or a quarter that is the
  completion reached by then, the figure the bulletin quotes. Units have no targets.
- 同比 is the change of the premiums against the same period one year earlier, on the same basis (growth.py).
- The year's chart runs from January through the chosen period's last month, and no further than this month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from mutualaid_desktop.domain.periods import Period, year_to_date
from mutualaid_desktop.services.statistics.figures import Statistics, percent, statistics
from mutualaid_desktop.services.statistics.growth import growth_by_code
from mutualaid_desktop.services.statistics.ranking import RankRow, rank_counties, rank_units

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.statistics.charts import YearMonths
    from mutualaid_desktop.services.statistics.month_report import ClosingInfo
    from mutualaid_desktop.store.database import Database


@dataclass(frozen=True)
class StatisticsView:
    """What the table shows for a period and a basis: the figures (statistics()), and per code (the city, the
    counties, the units) the premiums' 同比 and, for the city and the counties, the yearly target and its
    completion."""

    stats: Statistics
    growth: dict[str, Decimal | None]  # code -> 同比 of the premiums, %
    targets: dict[str, Decimal | None]  # code -> the yearly premium target (city and counties)
    completion: dict[str, Decimal | None]  # code -> year to date ÷ target, %
    ranks: dict[str, RankRow]  # county code -> its ranking row (year to date)
    unit_ranks: dict[str, RankRow]  # unit code -> its ranking row within its county (premiums, year to date)
    closing: ClosingInfo | None  # the month's live closing (a month only)
    reopened: bool  # the month was closed once and reopened since (a month only)


def load_view(db: Database, user: UserInfo, period: Period, basis: str) -> StatisticsView:
    """The figures of `period` on `basis` with the growth, the targets, the completion and the month's closing."""
    from mutualaid_desktop.services.statistics.targets import list_targets

    stats = statistics(db, user, period, basis=basis)
    before = statistics(db, user, period.year_before(), basis=basis)
    growth = {code: g["premiums"] for code, g in growth_by_code(stats, before).items()}
    ytd_period = year_to_date(period.year, period.end.month)
    ytd = stats if period.kind in ("ytd", "year") else statistics(db, user, ytd_period, basis=basis)
    ytd_before = (
        before if period.kind in ("ytd", "year") else statistics(db, user, ytd_period.year_before(), basis=basis)
    )
    targets = {row.unit_code: row.premiums for row in list_targets(db, period.year)}
    ranks = {r.code: r for r in rank_counties(ytd.counties, ytd_before.counties, targets, period.end.month)}
    completion: dict[str, Decimal | None] = {code: r.completion for code, r in ranks.items()}
    city_target = targets.get(stats.city.code)
    completion[stats.city.code] = percent(ytd.city.premiums, city_target) if city_target else None
    unit_ranks = {
        r.code: r
        for code, units in ytd.units.items()
        for r in rank_units(units, ytd_before.units.get(code, ()), period.end.month)
    }
    closing, reopened = month_closing_of(db, period)
    return StatisticsView(stats, growth, targets, completion, ranks, unit_ranks, closing, reopened)


def month_closing_of(db: Database, period: Period) -> tuple[ClosingInfo | None, bool]:
    """(the month's live closing or None, whether a closing of it was reopened); (None, False) for a period
    that is not a month."""
    from mutualaid_desktop.services.statistics.month_closing import list_closings

    if period.kind != "month":
        return None, False
    mine = [c for c in list_closings(db) if (c.year, c.month) == (period.year, period.number)]
    live = next((c for c in mine if c.reopened_at is None), None)
    return live, live is None and bool(mine)


def chart_months(period: Period, today: date) -> int:
    """The last month of the year's chart: the period's last month, no later than this month (0: none yet)."""
    if period.year > today.year:
        return 0
    return period.end.month if period.year < today.year else min(period.end.month, today.month)


def load_months(db: Database, user: UserInfo, period: Period, basis: str, today: date) -> YearMonths | None:
    """The months of the period's year from January, for the year's chart (None when none has begun)."""
    from mutualaid_desktop.services.statistics.charts import year_months

    through = chart_months(period, today)
    return year_months(db, user, period.year, through, basis=basis) if through else None


@dataclass(frozen=True)
class ChartTexts:
    """The charts' words in the language of the screen (the screen's tr())."""

    premiums: str
    paid: str
    ratio: str
    rows: tuple[str, str, str]
    months: tuple[str, ...]  # twelve
    no_target: str
    mark: str  # with {mark}


def year_chart(months: YearMonths, county: str | None, texts: ChartTexts, *, width: float = 480) -> bytes:
    """The year's chart of the city (`county` None) or of a county, as SVG."""
    from mutualaid_desktop.services.statistics.charts import MonthlyWords, year_chart_svg

    words = MonthlyWords(premiums=texts.premiums, paid=texts.paid, ratio=texts.ratio, rows=texts.rows)
    series = months.series(county)
    return year_chart_svg(series, words=words, month_labels=texts.months, width=width, height=width * 0.54)


def completion_chart(view: StatisticsView, texts: ChartTexts) -> bytes:
    """The counties' completion of their yearly premium targets, as SVG."""
    from mutualaid_desktop.services.statistics.charts import CompletionWords, completion_chart_svg

    counties = [c for c in view.stats.counties if c.code]
    return completion_chart_svg(
        [c.name for c in counties],
        [view.completion.get(c.code) for c in counties],
        words=CompletionWords(no_target=texts.no_target, mark=texts.mark),
        width=360,
    )


def export_job(db: Database, stats: Statistics, path: str, county: str | None) -> Path:
    """The table as shown (the counties and the city, or a county's units) as an .xlsx file."""
    from mutualaid_desktop.services.admin.counter_setup import get_counter_info
    from mutualaid_desktop.services.statistics.exports import export_statistics

    return export_statistics(stats, path, county=county, org_name=get_counter_info(db).org_name)


def month_report_job(db: Database, user: UserInfo, period: Period, county: str | None) -> Path:
    """The month report (月报表) of the city or the county as a PDF in the papers folder."""
    from mutualaid_desktop.services.enrollment.payments import papers_folder
    from mutualaid_desktop.services.statistics.month_report_paper import save_month_report

    scope = county or "全市"
    path = papers_folder(db) / "month_reports" / f"月报表-{period.year}-{period.number:02d}-{scope}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    return save_month_report(db, user, period.year, period.number, path, county=county).path
