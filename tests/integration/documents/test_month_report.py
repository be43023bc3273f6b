"""The monthly report paper (月报表) from plain data: how figures print, and the target column, printed only
when a county has a target (the targets themselves are services/statistics/targets.py's)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from mutualaid_desktop.documents.month_report import (
    Closed,
    CountyLine,
    FigureLine,
    MonthReportPaper,
    figure_text,
    render_month_report,
)
from tests.integration.documents.pdf_text import assert_printed_whole, flat_text


def county(name: str, code: str, premiums: str, target: str | None = None) -> CountyLine:
    amount = Decimal(premiums)
    return CountyLine(
        name, code, amount, 12, Decimal("10.00"), None, amount * 10, 120, Decimal("100.00"), Decimal("1.00"),
        Decimal(target) if target else None,
    )  # fmt: skip


PAPER = MonthReportPaper(
    org_name="商洛市总工会",
    scope="商洛市总工会",
    period_label="2026年11月",
    period_line="本月：2026-11-01 至 2026-11-30",
    figures=(
        FigureLine("参保金额（元）", "money", (Decimal("1234567.80"), Decimal("-95.00"), Decimal("1234472.80"), None)),
        FigureLine("参保人次", "count", (12345, None, 12345, 99999)),
        FigureLine("理赔率", "percent", (Decimal("88.07"), None, None, Decimal("70.10"))),
        FigureLine("受理至审核（天，中位数）", "days", (Decimal("3.5"), None, Decimal("3.5"), Decimal("4"))),
    ),
    note="本月合计 = 本月 + 以前月份调整。",
    signatures=("制表人", "审核人", "负责人"),
    made_at=datetime(2026, 12, 1, 9, 0),
    closed=Closed("主管", datetime(2026, 12, 1, 8, 30), 2, "0123456789abcdef"),
    counties=(county("商州区总工会", "611002", "999999999.99"), county("商洛市总工会", "611000", "1000.00")),
)


def test_figures_print_as_the_other_papers_print_them():
    assert figure_text("money", Decimal("1234567.8")) == "1,234,567.80"
    assert figure_text("money", Decimal("-95")) == "-95.00"
    assert figure_text("count", 12345) == "12,345"
    assert figure_text("percent", Decimal("88.07")) == "88.07%"
    assert figure_text("days", Decimal("3.5")) == "3.5"
    assert figure_text("percent", None) == "—" and figure_text("count", None, blank="") == ""


def test_the_paper_prints_the_closing_and_every_figure_and_the_target_column_only_with_targets(tmp_path):
    path = render_month_report(PAPER, tmp_path / "月报表.pdf")
    text = flat_text(path, spaces=False)
    assert "已月结：主管2026-12-0108:30第2版签名0123456789abcdef" in text
    assert "1,234,567.80-95.001,234,472.80—" in text  # 本月, 以前月份调整, 本月合计, 本年累计
    assert "12,34512,34599,999" in text  # a count not adjusted: nothing in its 以前月份调整
    assert "商洛市总工会合计" in text and "目标" not in text
    assert_printed_whole(path, ["999,999,999.99", "9,999,999,999.90"], smallest=6.0)  # shrunk, inside its cell
    with_targets = replace(PAPER, counties=(county("商州区总工会", "611002", "10.00", "87.50"), *PAPER.counties[1:]))
    text = flat_text(render_month_report(with_targets, tmp_path / "目标.pdf"), spaces=False)
    assert "目标完成率" in text and "87.50%" in text
