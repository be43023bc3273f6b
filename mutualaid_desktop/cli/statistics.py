"""`mutualaid stats`: the figures of the monthly cycle (registered by parser.build_parser).

    mutualaid [--db PATH] stats --year Y [--month M] [--county CODE] [--basis cash|plan-year] [--json]

Without --month the whole year; with it that month. --county shows one county and its units.
Printed as tab-separated lines, or one JSON object with --json (services/statistics/figures_json.py), each
county and the total with its standing on the year to date (services/statistics/standing.py: target_premiums,
target_rate, million = null | "million" | "two_million", million_month, rank, tied, behind) and a "standing"
object (the month the year to date runs to, the schedule, the thresholds, 全覆盖, frozen: kept by a closing).
Each county has a "handin" object (交账情况: services/handin/status.py) when it hands in, else null.
A month on the cash basis is read as its month report: as closed when closed (figures and standing).
Exit status: 0 done, 2 bad input (a month or year out of range, an unknown county or basis).
"""

from __future__ import annotations

from mutualaid_desktop.cli.common import EXIT_BAD_INPUT, EXIT_OK, CliFailure, open_db, print_json

COLUMNS = ("县区/单位", "代码", "参保单位", "参保人次", "参保金额", "理赔人次", "理赔金额", "理赔率", "受理", "未决")
STANDING_COLUMNS = ("本年目标", "完成率", "排名", "百万县区")


def _line(f, standing=None) -> str:
    ratio = "—" if f.claim_ratio is None else f"{f.claim_ratio}%"
    values = (f.name, f.code, f.units, f.enrollments, f"{f.premiums:.2f}", f.claims_paid, f"{f.paid:.2f}", ratio)
    cells = [*values, f.claims_received, f.claims_pending]
    if standing is not None:
        cells += _standing_cells(standing, f)
    return "\t".join(map(str, cells))


def _standing_cells(standing, f) -> list[str]:
    county = standing.county(f.code) if f.level == "county" else None
    if f.level == "city":
        target, rate, rank, million = standing.city_target, standing.city_completion, "", ""
    elif county is None:
        return ["—", "—", "", ""]
    else:
        target, rate, million = county.target, county.completion, county.million_label
        rank = f"{county.rank}{'（并列）' if county.tied else ''}"
    return ["—" if target is None else f"{target:.2f}", "—" if rate is None else f"{rate}%", rank, million]


def _period(args):
    from mutualaid_desktop.domain import periods

    try:
        return periods.month(args.year, args.month) if args.month else periods.whole_year(args.year)
    except ValueError as exc:
        raise CliFailure(f"{exc}", EXIT_BAD_INPUT) from exc


def _adjustment_json(money) -> dict:
    from mutualaid_desktop.domain.money import from_fen

    return {
        "premiums": f"{from_fen(money.premiums_fen):.2f}",
        "enrollments": money.enrollments,
        "paid": f"{from_fen(money.net_paid_fen):.2f}",
        "claims_paid": money.claims_paid,
    }


def _closing_json(info) -> dict | None:
    if info is None:
        return None
    return {
        "version": info.version,
        "closed_at": info.closed_at.isoformat(timespec="seconds"),
        "closed_by": info.closed_by,
        "digest": info.digest,
    }


def _json(stats, ranks, county: str | None, ytd=None) -> dict:
    """The figures with the standing; with `county`, its units ranked by their premiums of the year to date
    (`ytd`: ranking.rank_units — units have no targets)."""
    from mutualaid_desktop.services.statistics.figures_json import statistics_to_json
    from mutualaid_desktop.services.statistics.ranking import rank_units
    from mutualaid_desktop.services.statistics.standing import standing_summary_json, stats_keys

    data = statistics_to_json(stats, county=county)
    for row in data["counties"]:
        row.update(stats_keys(ranks, row["code"]))
    data["total"].update(stats_keys(ranks, None))
    data["standing"] = standing_summary_json(ranks)
    if county is not None and ytd is not None:
        ranked = {r.code: r for r in rank_units(ytd.units.get(county, ()), (), ranks.through)}
        for row in data["units"]:
            r = ranked.get(row["code"])
            row.update(rank=r.rank if r else None, tied=bool(r and r.tied))
    return data


def cmd_stats(args) -> int:
    from mutualaid_desktop.services.admin.user_identity import cli_user
    from mutualaid_desktop.services.errors import ServiceError
    from mutualaid_desktop.services.handin.status import handin_status
    from mutualaid_desktop.services.statistics.figures import BASIS_LABELS, statistics
    from mutualaid_desktop.services.statistics.month_closing import month_report
    from mutualaid_desktop.services.statistics.standing import standing_and_year

    period = _period(args)
    report = None
    with open_db(args) as db:
        try:
            if args.month and args.basis == "cash":  # a month's accounts: as closed when closed
                report = month_report(db, cli_user(), args.year, args.month)
                stats, ranks, ytd = report.month, report.standing, report.ytd
            else:
                stats = statistics(db, cli_user(), period, basis=args.basis)
                ranks, ytd = standing_and_year(db, cli_user(), period)
            handin = {c.county_code: c.to_json() for c in handin_status(db, cli_user())}
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc
    if args.county is not None and stats.county(args.county) is None:
        known = "、".join(c.code for c in stats.counties if c.code) or "（还没有县区）"
        raise CliFailure(f"没有代码为「{args.county}」的县区工会。已有的县区代码：{known}", EXIT_BAD_INPUT)
    level, code = ("county", args.county) if args.county else ("city", stats.city.code)
    if args.json:
        data = _json(stats, ranks, args.county, ytd)
        for row in data["counties"]:  # 交账情况 of a county that hands in (services/handin/status.py), else null
            row["handin"] = handin.get(row["code"])
        if report is not None:
            data["closing"] = _closing_json(report.closing)
            data["adjustment"] = _adjustment_json(report.adjustment(level, code))
        print_json(data)
        return EXIT_OK
    state = ""
    if report is not None:
        c = report.closing
        state = f"，已月结：{c.closed_by} {c.closed_at:%Y-%m-%d %H:%M}，第 {c.version} 版" if c else "，未月结"
    print(f"{period.label} 统计（{BASIS_LABELS[stats.basis]}{state}）")
    print("\t".join((*COLUMNS, *STANDING_COLUMNS)))
    if args.county is None:
        for county in stats.counties:
            print(_line(county, ranks))
        print(_line(stats.city, ranks).replace(stats.city.name, f"{stats.city.name}合计", 1))
    else:
        for unit in stats.units.get(args.county, ()):
            print(_line(unit, ranks))
        print(_line(stats.county(args.county), ranks))
    if report is not None and report.adjustment(level, code):
        a = _adjustment_json(report.adjustment(level, code))
        print(f"以前月份调整\t\t\t{a['enrollments']}\t{a['premiums']}\t{a['claims_paid']}\t{a['paid']}")
    return EXIT_OK


def add_commands(command, sub) -> None:
    """The `stats` command, with the parser's `command` helper."""
    p = command("stats", cmd_stats, "统计：各县区参保金额、参保人次、理赔人次、理赔金额、理赔率（一月一交账）")
    p.add_argument("--year", required=True, type=int, metavar="YEAR", help="年份，如 2026")
    p.add_argument("--month", type=int, metavar="M", help="月份 1—12（默认全年）")
    p.add_argument("--county", metavar="CODE", help="只看这个县区和它的单位")
    p.add_argument(
        "--basis",
        default="cash",
        choices=("cash", "plan-year"),
        help="口径：cash 按收付日期（默认，月度交账的口径）；plan-year 按计划年度",
    )
