"""The statistics as Excel: the 统计 table as shown (counties and the city, or a county's units), and the
monthly report (月报表) of the city or a county — the month, its adjustment to earlier months and the year to
date, every figure, with the signature line 制表人 / 审核人 / 负责人. Written by io/statistics_writer.py (numbers
as numbers, codes as text, money from the Decimal)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.io.statistics_writer import Column, SheetRow, write_statistics_sheet
from mutualaid_desktop.safe_files import describe_write_error
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.statistics.figures import BASIS_LABELS, Figures, Statistics, percent
from mutualaid_desktop.services.statistics.month_ledger import Money
from mutualaid_desktop.services.statistics.month_report import MonthReport

SIGNATURES = ("制表人", "审核人", "负责人")
# what 以前月份调整 means, under the monthly report (the .xlsx and the PDF)
ADJUSTMENT_NOTE = (
    "本月合计 = 本月 + 以前月份调整（已月结月份之后的更正，如作废的收据、冲正的给付）；本年累计为各月合计之和。"
)

# (label, column kind, width, the value of a Figures)
FIGURE_COLUMNS: tuple[tuple[str, str, int, Callable[[Figures], object]], ...] = (
    ("参保单位", "count", 9, lambda f: f.units),
    ("参保人次", "count", 10, lambda f: f.enrollments),
    ("参保金额（元）", "money", 15, lambda f: f.premiums),
    ("理赔人次", "count", 9, lambda f: f.claims_paid),
    ("理赔金额（元）", "money", 15, lambda f: f.paid),
    ("理赔率", "percent", 9, lambda f: f.claim_ratio),
    ("受理件数", "count", 9, lambda f: f.claims_received),
    ("未决件数", "count", 9, lambda f: f.claims_pending),
    ("未决金额（元）", "money", 14, lambda f: f.pending_quoted),
    ("拒付件数", "count", 9, lambda f: f.claims_refused),
    ("件均给付（元）", "money", 13, lambda f: f.average_payout),
    ("受理至审核（天，中位数）", "days", 12, lambda f: f.decision_days.median),
    ("审核至给付（天，中位数）", "days", 12, lambda f: f.payment_days.median),
    ("续保率", "percent", 9, lambda f: f.renewal_rate),
    ("覆盖率", "percent", 9, lambda f: f.coverage),
    ("新增会员", "count", 9, lambda f: f.new_members),
)


def _save(path, write: Callable[[Path], Path]) -> Path:
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise ServiceError(f"文件名应以 .xlsx 结尾（现在是「{target.name}」），请改一下文件名。")
    try:
        return write(target)
    except OSError as exc:  # open in Excel, no rights, a full disk: said in Chinese, the previous file unchanged
        raise ServiceError(describe_write_error(target, exc)) from exc


def _subtitle(stats: Statistics, made_at: datetime) -> str:
    return f"{stats.period.label}，{BASIS_LABELS[stats.basis]}；制表时间 {made_at:%Y-%m-%d %H:%M}"


def statistics_rows(stats: Statistics, county: str | None = None) -> tuple[list[Column], list[SheetRow]]:
    """The table as the 统计 screen shows it: the counties and the city, or one county's units and the county."""
    columns = [Column("县区 / 单位", "text", 30), Column("代码", "text", 12)]
    columns += [Column(label, kind, width) for label, kind, width, _ in FIGURE_COLUMNS]

    def row(level: str, f: Figures, name: str | None = None) -> SheetRow:
        return SheetRow(level, (name or f.name, f.code, *(value(f) for *_, value in FIGURE_COLUMNS)))

    if county is None:
        rows = [row("item", c) for c in stats.counties]
        rows.append(row("total", stats.city, f"{stats.city.name}合计"))
    else:
        found = stats.county(county)
        if found is None:
            raise ServiceError(f"没有代码为「{county}」的县区工会。")
        rows = [row("item", u) for u in stats.units.get(county, ())]
        rows.append(row("total", found, f"{found.name}合计"))
    return columns, rows


def export_statistics(
    stats: Statistics, path, *, county: str | None = None, org_name: str = "", made_at: datetime | None = None
) -> Path:
    columns, rows = statistics_rows(stats, county)
    scope = stats.county(county).name if county and stats.county(county) else "各县区"  # type: ignore[union-attr]
    title = f"{org_name}{stats.period.label}职工互助保障统计表（{scope}）"
    return _save(
        path,
        lambda target: write_statistics_sheet(
            target, columns, rows, title=title, subtitle=_subtitle(stats, made_at or clock.now())
        ),
    )


def _money_figures(m: Money) -> dict[str, object]:
    return {
        "参保人次": m.enrollments,
        "参保金额（元）": from_fen(m.premiums_fen),
        "理赔人次": m.claims_paid,
        "理赔金额（元）": from_fen(m.net_paid_fen),
    }


def month_report_rows(report: MonthReport, county: str | None = None) -> tuple[list[Column], list[SheetRow]]:
    """Four rows — 本月, 以前月份调整, 本月合计 (the month with its adjustment), 本年累计 — and a column a figure
    (numbers stay numbers: a column holds one kind)."""
    month = report.month.county(county) if county is not None else report.month.city
    ytd = report.ytd.county(county) if county is not None else report.ytd.city
    if month is None or ytd is None:
        raise ServiceError(f"没有代码为「{county}」的县区工会。")
    adjust = _money_figures(report.adjustment("county" if county is not None else "city", month.code))
    columns = [Column("期间", "text", 14)] + [Column(label, kind, width) for label, kind, width, _ in FIGURE_COLUMNS]
    own = [value(month) for *_, value in FIGURE_COLUMNS]
    change = [adjust.get(label) for label, *_ in FIGURE_COLUMNS]
    summed = [v if c is None else (v or 0) + c for v, c in zip(own, change, strict=True)]  # type: ignore[operator]
    if any(c for c in change):
        paid, premiums = adjust["理赔金额（元）"], adjust["参保金额（元）"]
        ratio_at = [label for label, *_ in FIGURE_COLUMNS].index("理赔率")
        summed[ratio_at] = percent(Decimal(month.paid + paid), Decimal(month.premiums + premiums))  # type: ignore[operator]
    return columns, [
        SheetRow("item", (report.period.label, *own)),
        SheetRow("item", ("以前月份调整", *change)),
        SheetRow("group", ("本月合计", *summed)),
        SheetRow("total", (f"{report.period.year}年累计", *(value(ytd) for *_, value in FIGURE_COLUMNS))),
    ]


def export_month_report(
    report: MonthReport, path, *, county: str | None = None, org_name: str = "", made_at: datetime | None = None
) -> Path:
    columns, rows = month_report_rows(report, county)
    scope = report.month.county(county).name if county else report.month.city.name  # type: ignore[union-attr]
    title = f"{scope}{report.period.label}职工互助保障月报表"
    c = report.closing
    state = f"已月结：{c.closed_by} {c.closed_at:%Y-%m-%d %H:%M}，第 {c.version} 版" if c else "未月结（数字可能变动）"
    made = made_at or clock.now()
    subtitle = f"{org_name}  {state}；制表时间 {made:%Y-%m-%d %H:%M}"
    notes = [ADJUSTMENT_NOTE]
    return _save(
        path,
        lambda target: write_statistics_sheet(
            target,
            columns,
            rows,
            title=title,
            subtitle=subtitle,
            sheet_title="月报表",
            notes=notes,
            signatures=SIGNATURES,
        ),
    )
