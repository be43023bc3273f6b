"""The monthly report (月报表) of the city or a county as a file: the PDF paper (documents/month_report.py) made
from a MonthReport, or the .xlsx (exports.py), chosen by the file name. The figures of the four columns are
exports.month_report_rows' (one owner of 本月合计); the note and the signature labels are exports' too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from mutualaid_desktop.documents.month_report import Closed, CountyLine, FigureLine, MonthReportPaper
from mutualaid_desktop.domain import clock
from mutualaid_desktop.safe_files import describe_write_error
from mutualaid_desktop.services.admin.counter_setup import counter_name
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.statistics.exports import (
    ADJUSTMENT_NOTE,
    SIGNATURES,
    export_month_report,
    month_report_rows,
)
from mutualaid_desktop.services.statistics.figures import BASIS_LABELS, Statistics
from mutualaid_desktop.services.statistics.month_closing import month_report
from mutualaid_desktop.services.statistics.month_report import MonthReport
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database

SUFFIXES = (".pdf", ".xlsx")
SIGNATURE_CHARS = 16  # how much of the closing's digest the paper prints as its 签名


@dataclass(frozen=True)
class SavedReport:
    path: Path
    closed: bool  # the month is closed: the report is as signed


def _columns(report: MonthReport, county: str | None) -> dict[str, tuple]:
    """Each figure's (kind, (本月, 以前月份调整, 本月合计, 本年累计)) by its label."""
    columns, rows = month_report_rows(report, county)
    return {
        column.label: (column.kind, tuple(row.values[i] for row in rows))
        for i, column in enumerate(columns)
        if i  # the first column names the row
    }


_SUMMARY = ("参保金额（元）", "参保人次", "理赔金额（元）", "理赔率")


def _county_line(report: MonthReport, county: str | None, name: str, code: str) -> CountyLine:
    """A county's (or, `county` None, the city's) month with its adjustment and year to date."""
    if county is None or report.month.county(county) is not None:
        figures = _columns(report, county)
        month = [figures[label][1][2] for label in _SUMMARY]
        ytd = [figures[label][1][3] for label in _SUMMARY]
    else:  # a county that only the year to date has (未归属县区 with nothing in the month)
        f = report.ytd.county(county)
        assert f is not None
        month = [Decimal("0.00"), 0, Decimal("0.00"), None]
        ytd = [f.premiums, f.enrollments, f.paid, f.claim_ratio]
    return CountyLine(name, code, *month, *ytd)


def _county_lines(report: MonthReport) -> tuple[CountyLine, ...]:
    """Every county (those of the year to date: a county may have had nothing in the month), then the city."""
    city = report.month.city
    lines = [_county_line(report, c.code, c.name, c.code) for c in report.ytd.counties]
    return (*lines, _county_line(report, None, city.name, city.code))


def check_county(stats: Statistics, county: str | None) -> None:
    if county is not None and stats.county(county) is None:
        known = "、".join(c.code for c in stats.counties if c.code) or "（还没有县区）"
        raise ServiceError(f"没有代码为「{county}」的县区工会。已有的县区代码：{known}")


def month_report_paper(
    report: MonthReport, *, county: str | None, org_name: str, made_at: datetime
) -> MonthReportPaper:
    """The paper of the city's report (`county` None) or of a county's."""
    check_county(report.ytd, county)
    scope = report.ytd.county(county) if county is not None else report.month.city
    figures = tuple(FigureLine(label, kind, values) for label, (kind, values) in _columns(report, county).items())
    c = report.closing
    closed = Closed(c.closed_by, c.closed_at, c.version, c.digest[:SIGNATURE_CHARS]) if c else None
    period = report.period
    line = (f"县区代码：{county}；" if county else "") + (
        f"本月：{period.start:%Y-%m-%d} 至 {period.end:%Y-%m-%d}；本年累计：{report.ytd.period.label}；"
        f"口径：{BASIS_LABELS[report.month.basis]}"
    )
    return MonthReportPaper(
        org_name=org_name,
        scope=scope.name,  # type: ignore[union-attr]
        period_label=period.label,
        period_line=line,
        figures=figures,
        note=ADJUSTMENT_NOTE,
        signatures=SIGNATURES,
        made_at=made_at,
        closed=closed,
        counties=_county_lines(report) if county is None else (),
    )


def render_month_report_paper(paper: MonthReportPaper, path) -> Path:
    """The paper as a PDF at `path`; a file that cannot be written is told in Chinese (the previous file of
    that name is left as it was)."""
    from mutualaid_desktop.documents.month_report import render_month_report

    target = Path(path)
    try:
        return render_month_report(paper, target)
    except OSError as exc:
        raise ServiceError(describe_write_error(target, exc)) from exc


def save_month_report(
    db: Database,
    user: UserInfo,
    year: int,
    number: int,
    path,
    *,
    county: str | None = None,
    made_at: datetime | None = None,
) -> SavedReport:
    """The month's report of the city or `county` written to `path`: a PDF or an .xlsx by its suffix."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        raise ServiceError(f"月报表的文件名应以 .pdf 或 .xlsx 结尾（现在是「{target.name}」），请改一下文件名。")
    report = month_report(db, user, year, number)
    check_county(report.ytd, county)
    with UnitOfWork(db, read_only=True) as uow:
        org_name = counter_name(uow.session)
    made = made_at or clock.now().replace(microsecond=0)
    if suffix == ".xlsx":
        written = export_month_report(report, target, county=county, org_name=org_name, made_at=made)
    else:
        paper = month_report_paper(report, county=county, org_name=org_name, made_at=made)
        written = render_month_report_paper(paper, target)
    return SavedReport(written, report.closing is not None)
