"""The bulletin's sentences from hand-made figures: a clause whose figure is missing is left out (never a blank
or "None"), 百万县区 and 两百万县区 with their months, 全覆盖, the counties behind schedule, no targets at all."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from mutualaid_desktop.domain.periods import month, year_to_date
from mutualaid_desktop.services.statistics.bulletin import bulletin_paper
from mutualaid_desktop.services.statistics.figures import Statistics
from mutualaid_desktop.services.statistics.month_report import ClosingInfo, MonthReport
from mutualaid_desktop.services.statistics.standing import standing_of

from .test_ranking import fig

D = Decimal
CLOSING = ClosingInfo(2026, 11, 1, datetime(2026, 12, 2, 9, 0), "主管", "ab" * 32)


THRESHOLDS = (D(1000000), D(2000000))


def report(counties, *, last_year=None, targets=None, monthly=(), thresholds=THRESHOLDS) -> MonthReport:
    city = replace(fig("611000", str(sum(c.premiums for c in counties)), level="city"), name="商洛市总工会")
    ytd = Statistics(year_to_date(2026, 11), "cash", city, tuple(counties), {}, ())
    own = Statistics(month(2026, 11), "cash", city, tuple(counties), {}, ())
    standing = standing_of(ytd, last_year, monthly, targets or {}, thresholds)
    return MonthReport(month(2026, 11), CLOSING, own, {}, ytd, standing)


def words(r: MonthReport) -> str:
    paper = bulletin_paper(r, [r], org_name="商洛市总工会", closing_text="结束语。", issued_on=date(2026, 12, 3))
    texts = [paper.title, paper.opening, *paper.overview.paragraphs, *paper.ranking_after]
    for section in paper.sections:
        texts += section.paragraphs
    return "\n".join(texts)


def test_no_clause_without_its_figure():
    text = words(report([fig("A", "0"), fig("B", "0")]))
    assert "关于2026年11月份全市职工互助保障工作进展情况的通报" in text
    assert "None" not in text and "—万元" not in text and "—%" not in text and "—天" not in text
    assert "理赔率" not in text and "同比" not in text and "完成年度目标" not in text and "中位数" not in text
    assert "尚无县区参保金额达到100万元" in text and "各县区尚未设定年度参保金额目标" in text
    assert "完成年度参保金额目标" not in text


def test_every_clause_with_its_figure():
    counties = [fig("A", "2100000", paid="1050000", median="3"), fig("B", "1000000"), fig("C", "450000")]
    r = report(
        counties,
        last_year={"611000": (D(3000000), 20), "A": (D(2000000), 10)},
        targets={"611000": D(4000000), "A": D(2000000), "B": D(1200000), "C": D(400000)},
        monthly=[(4, {"A": D(1000000)}), (9, {"A": D(2000000), "B": D(1000000)})],
    )
    text = words(r)
    assert "同比增长18.33%" in text  # 3,550,000 against 3,000,000
    assert "完成年度目标400.00万元的88.75%" in text
    assert "百万县区有2个：A县总工会（4月达到）、B县总工会（9月达到）" in text
    assert "两百万县区1个：A县总工会（9月达到）" in text and "尚有1个县区未达到" in text
    assert "以下1个县区落后于时间进度：B县总工会（完成83.33%，差8.34个百分点）" in text
    assert "未设定年度目标" not in text
    assert "已完成年度参保金额目标的县区2个：C县总工会、A县总工会。" in text


def test_full_coverage_and_no_county_behind():
    r = report([fig("A", "1000000"), fig("B", "1000000")], targets={"A": D(900000), "B": D(1000000)})
    text = words(r)
    assert "全市各县区均已达到百万县区，实现全覆盖" in text and "设定目标的县区均已达到时间进度" in text
