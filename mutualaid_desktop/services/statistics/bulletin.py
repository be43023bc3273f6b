"""The monthly bulletin (通报) of the city union to its counties, made from a CLOSED month only: its figures,
its year to date and its standing (targets, ranking, 百万县区, schedule) are the closing's, so the bulletin of
a month says the same however often it is printed — only the closing text (设置 → 纸面文字) and the date it is
issued on are today's.

Every sentence is made here from the figures; a clause whose figure is missing (no premiums: no claim ratio;
no target; nothing last year to compare with) is left out, never printed with a blank. Amounts are in 万元
with two decimals. The paper is documents/bulletin.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from mutualaid_desktop.documents.bulletin import BulletinPaper, RankLine, Section, YearChart, render_bulletin, wan
from mutualaid_desktop.domain import clock
from mutualaid_desktop.safe_files import describe_write_error
from mutualaid_desktop.services.admin.counter_setup import counter_name
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.papers.paper_texts import read_bulletin_closing
from mutualaid_desktop.services.statistics.charts import month_series
from mutualaid_desktop.services.statistics.exports import month_report_rows
from mutualaid_desktop.services.statistics.month_closing import month_report
from mutualaid_desktop.services.statistics.month_report import MonthReport
from mutualaid_desktop.services.statistics.month_report_paper import SIGNATURE_CHARS
from mutualaid_desktop.services.statistics.standing import Standing
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database

WAN = Decimal(10000)
_LEVELS = "市县区州盟旗"
CHART_NAME_CHARS = 12  # a county's name in the completion chart (the table has it whole)


def chart_name(name: str) -> str:
    """A county's name as the chart shows it: without 总工会, and cut to CHART_NAME_CHARS with "…"."""
    short = name.removesuffix("总工会") or name
    return short if len(short) <= CHART_NAME_CHARS else short[: CHART_NAME_CHARS - 1] + "…"


def scope_word(city_name: str) -> str:
    """全市 for 商洛市总工会 (全县 for a county's, 全区 for a district's…): 全 and the tree's top level."""
    name = city_name.removesuffix("总工会").strip()
    return "全" + (name[-1] if name and name[-1] in _LEVELS else "市")


def _threshold(amount: Decimal) -> str:
    """100万元 (a threshold of whole hundreds of yuan in 万元), else in 元."""
    if amount % 100 == 0:
        return f"{(amount / WAN).normalize():f}万元"
    return f"{amount.normalize():f}元"


def _growth(value: Decimal | None) -> str:
    """，同比增长12.50% (下降, 与上年同期持平); nothing when there is nothing to compare with."""
    if value is None:
        return ""
    if value == 0:
        return "，与上年同期持平"
    return f"，同比{'增长' if value > 0 else '下降'}{abs(value)}%"


def _ratio(value: Decimal | None) -> str:
    return "" if value is None else f"，理赔率{value}%"


def _month_paragraph(report: MonthReport, scope: str) -> str:
    """The month as its accounts give it: 本月合计 (the month with its adjustment to earlier months)."""
    columns, rows = month_report_rows(report)
    total = dict(zip((c.label for c in columns), rows[2].values, strict=True))
    adjusted = any(v for v in rows[1].values[1:] if isinstance(v, int | Decimal))
    return (
        f"{report.period.label}，{scope}参保{total['参保人次']:,}人次，参保金额{wan(total['参保金额（元）'])}万元；"
        f"理赔{total['理赔人次']:,}人次，理赔金额{wan(total['理赔金额（元）'])}万元{_ratio(total['理赔率'])}"
        + ("（含以前月份调整）" if adjusted else "")
        + "。"
    )


def _year_paragraphs(report: MonthReport, scope: str) -> list[str]:
    ytd, s = report.ytd.city, report.standing
    target = ""
    if s.city_target is not None and s.city_completion is not None:
        target = f"，完成年度目标{wan(s.city_target)}万元的{s.city_completion}%"
    out = [
        f"{report.ytd.period.label}，{scope}累计参保{ytd.enrollments:,}人次{_growth(s.city_enrollments_growth)}，"
        f"参保金额{wan(ytd.premiums)}万元{_growth(s.city_growth)}{target}；累计理赔{ytd.claims_paid:,}人次，理赔金额{wan(ytd.paid)}万元"
        f"{_ratio(ytd.claim_ratio)}。"
    ]
    days = []
    if ytd.decision_days.median is not None:
        days.append(f"从受理到审核决定的天数中位数为{ytd.decision_days.median.normalize():f}天")
    if ytd.payment_days.median is not None:
        days.append(f"从审核决定到给付的天数中位数为{ytd.payment_days.median.normalize():f}天")
    if days:
        out.append("理赔服务方面，" + "，".join(days) + "。")
    return out


def _million_paragraph(s: Standing, scope: str) -> str:
    first, second = (_threshold(t) for t in s.thresholds)
    reached = [c for c in s.counties if c.million]
    if not reached:
        return f"截至{s.through}月底，尚无县区参保金额达到{first}。"
    text = f"截至{s.through}月底，参保金额达到{first}的百万县区有{len(reached)}个：" + "、".join(
        f"{c.name}（{c.million_month}月达到）" for c in reached
    )
    two = [c for c in reached if c.million == "two_million"]
    if two:
        text += f"；其中达到{second}的两百万县区{len(two)}个：" + "、".join(
            f"{c.name}（{c.two_million_month}月达到）" for c in two
        )
    if s.full_coverage:
        return text + f"。{scope}各县区均已达到百万县区，实现全覆盖。"
    return text + f"。尚有{len(s.counties) - len(reached)}个县区未达到，距全覆盖还有差距。"


def _behind_paragraphs(s: Standing) -> list[str]:
    targeted = [c for c in s.counties if c.target is not None]
    without = [c.name for c in s.counties if c.target is None]
    if not targeted:
        return ["各县区尚未设定年度参保金额目标，无法与时间进度比较。"]
    due = f"按时间进度，截至{s.through}月底应完成年度目标的{s.schedule}%"
    behind = [c for c in targeted if c.behind]
    if behind:
        out = [
            f"{due}。以下{len(behind)}个县区落后于时间进度："
            + "、".join(
                f"{c.name}（完成{c.completion}%，差{s.schedule - (c.completion or 0)}个百分点）" for c in behind
            )
            + "。"
        ]
    else:
        out = [f"{due}，设定目标的县区均已达到时间进度。"]
    if without:
        out.append("未设定年度目标的县区：" + "、".join(without) + "。")
    return out


_RANK_FIELDS = ("rank", "tied", "name", "premiums", "target", "completion", "growth", "claim_ratio")


def _advanced_paragraphs(s: Standing) -> tuple[str, ...]:
    """Who has met the yearly target (一票否决: only they may be rated advanced); nothing without targets."""
    if not any(c.target is not None for c in s.counties):
        return ()
    met = [c.name for c in s.counties if c.may_be_advanced]
    if not met:
        return ("目前尚无县区完成年度参保金额目标。",)
    return (f"已完成年度参保金额目标的县区{len(met)}个：" + "、".join(met) + "。",)


def _ranking(report: MonthReport) -> tuple[RankLine, ...]:
    """The counties in their ranking order, then the city's total (no rank)."""
    s, city = report.standing, report.ytd.city
    lines = [
        RankLine(
            **{name: getattr(c, name) for name in _RANK_FIELDS},
            decision_days=c.decision_days,
            payment_days=c.payment_days,
            behind=c.behind,
        )
        for c in s.counties
    ]
    lines.append(
        RankLine(
            rank=None,
            tied=False,
            name=city.name,
            premiums=s.city_premiums,
            target=s.city_target,
            completion=s.city_completion,
            growth=s.city_growth,
            claim_ratio=city.claim_ratio,
            decision_days=city.decision_days.median,
            payment_days=city.payment_days.median,
            behind=s.city_completion is not None and s.city_completion < s.schedule,
        )
    )
    return tuple(lines)


def _year_chart(months: Sequence[MonthReport]) -> YearChart:
    series = month_series(list(months))
    return YearChart(series.labels, series.premiums, series.paid, series.ratios)


def _state(report: MonthReport) -> str:
    c = report.closing
    assert c is not None
    state = (
        f"本通报依据{report.period.label}月结数字。已月结：{c.closed_by}　{c.closed_at:%Y-%m-%d %H:%M}　"
        f"第 {c.version} 版　签名 {c.digest[:SIGNATURE_CHARS]}"
    )
    if report.standing.live:
        state += "（该次月结未保存目标与排名，排名、百万县区按当前目标与门槛计算）"
    return state


def bulletin_paper(
    report: MonthReport, months: Sequence[MonthReport], *, org_name: str, closing_text: str, issued_on: date
) -> BulletinPaper:
    """The bulletin of a closed month (`report`) with the year's months up to it (`months`, for the chart)."""
    s, year, number = report.standing, report.period.year, report.period.number
    scope = scope_word(report.month.city.name)
    return BulletinPaper(
        org_name=org_name,
        title=f"关于{year}年{number}月份{scope}职工互助保障工作进展情况的通报",
        addressees="各县区总工会：",
        opening=f"现将{year}年{number}月份{scope}职工互助保障工作进展情况通报如下：",
        overview=Section("一、总体情况", (_month_paragraph(report, scope), *_year_paragraphs(report, scope))),
        ranking_heading="二、各县区目标完成情况及排名",
        ranking=_ranking(report),
        ranking_note=(
            f"注：参保金额、理赔率、天数均为{report.ytd.period.label}累计；排名按参保金额年度目标完成率，完成率"
            "相同的按参保金额，两者都相同的并列；未设定目标的县区列在最后。完成率标红的县区落后于时间进度"
            f"（{s.schedule}%）。未完成年度目标的县区不得评为先进（一票否决）。审核天数：受理至审核决定天数的"
            "中位数；给付天数：审核决定至给付天数的中位数。"
        ),
        ranking_after=_advanced_paragraphs(s),
        sections=(
            Section("三、百万县区", (_million_paragraph(s, scope),)),
            Section("四、落后于时间进度的县区", tuple(_behind_paragraphs(s))),
        ),
        charts_heading="五、图表",
        year_chart=_year_chart(months),
        year_caption=f"图1　{scope}{year}年各月参保金额、理赔金额（万元）与理赔率",
        completion_names=tuple(chart_name(c.name) for c in s.counties),
        completion_rates=tuple(c.completion for c in s.counties),
        completion_caption=f"图2　各县区{year}年参保金额目标完成率（截至{number}月底）",
        closing=closing_text,
        issued_on=issued_on,
        state=_state(report),
    )


def closed_report(db: Database, user: UserInfo, year: int, number: int) -> MonthReport:
    """The month's report, refused when the month is not closed (the bulletin is made from closed months); the
    city and the counties only (the bulletin ranks counties, not units)."""
    report = month_report(db, user, year, number, units=False)
    if report.closing is None:
        raise ServiceError(
            f"{report.period.label}还没有月结（或已重新打开），不能出通报：通报要用月结后固定的数字。"
            f"请主管先月结{report.period.label}（命令：mutualaid month close --year {year} --month {number}），再出通报。"
        )
    return report


def save_bulletin(
    db: Database, user: UserInfo, year: int, number: int, path, *, made_at: datetime | None = None
) -> Path:
    """The bulletin of the closed month `year`-`number` written to `path` (.pdf)."""
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        raise ServiceError(f"通报的文件名应以 .pdf 结尾（现在是「{target.name}」），请改一下文件名。")
    report = closed_report(db, user, year, number)
    earlier = [month_report(db, user, year, m, units=False) for m in range(1, number)]  # the chart: city only
    months = [*earlier, report]
    with UnitOfWork(db, read_only=True) as uow:
        org_name, closing_text = counter_name(uow.session), read_bulletin_closing(uow.session)
    issued = (made_at or clock.now()).date()
    paper = bulletin_paper(report, months, org_name=org_name, closing_text=closing_text, issued_on=issued)
    try:
        return render_bulletin(paper, target)
    except OSError as exc:
        raise ServiceError(describe_write_error(target, exc)) from exc
