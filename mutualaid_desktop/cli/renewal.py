"""`mutualaid renewal overview`: the renewal overview (续保进度) of a season (registered by parser.build_parser).

    mutualaid [--db PATH] renewal overview --year 2026 [--county CODE] [--kind reimbursement|lump_sum]
              [--json | --out FILE.xlsx]

--year is the plan year that ends (2026: renewing into 2027). Without --out the figures are printed
(tab-separated lines, or one JSON object with --json); with --out they are saved as .xlsx (as the
screen's 导出 Excel… does) and a summary is printed (JSON with --json).
Exit status: 0 done, 1 the file could not be written, 2 bad input (no such season or county, no
next year's plan, a file name that is not .xlsx).
"""

from __future__ import annotations

from mutualaid_desktop.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_PROBLEM,
    CliFailure,
    open_db,
    print_json,
    require_suffix,
)
from mutualaid_desktop.domain import clock


def _rate(f) -> str:
    return "—" if f.rate is None else f"{f.rate}%"


def _line(name: str, code: str, f, state: str = "") -> str:
    from mutualaid_desktop.domain.money import format_amount

    return "\t".join(
        (
            name,
            code,
            str(f.covered),
            str(f.renewed),
            _rate(f),
            str(f.pending),
            str(f.left),
            str(f.moved_out),
            str(f.cannot),
            str(f.open),
            str(f.joiners),
            format_amount(f.received),
            state,
        )
    ).rstrip("\t")


def _print_overview(overview) -> None:

    from mutualaid_desktop.services.renewal.renewal_overview import (
        overview_scope,
        overview_subtitle,
        overview_title,
        unit_state,
    )

    print(overview_title(overview))
    print(overview_subtitle(overview, clock.now()))
    print(
        "\t".join(
            (
                "县区/单位",
                "代码",
                "上年参保",
                "已续保",
                "续保率",
                "待缴费",
                "离开",
                "转出",
                "不能续保",
                "未续保",
                "新参保",
                "已收金额",
                "状态",
            )
        )
    )
    for county in overview.counties:
        print(_line(f"{county.name}（小计）", county.code, county.figures))
        for u in county.units:
            print(_line("  " + u.name, u.code, u.figures, unit_state(u.figures)))
    print(_line(f"{overview_scope(overview)}合计", "", overview.total))
    print(
        f"{overview.unit_count} 个单位，其中 {overview.units_not_come} 个尚未来办理，{overview.units_done} 个已办完。"
    )


def cmd_renewal_overview(args) -> int:
    from mutualaid_desktop.domain.money import format_amount
    from mutualaid_desktop.services.admin.counter_setup import get_counter_info
    from mutualaid_desktop.services.errors import ServiceError
    from mutualaid_desktop.services.renewal.renewal_overview import export_overview, overview_to_json, renewal_overview

    if args.out is not None:
        require_suffix(args.out, ".xlsx", "--out 续保进度-2027-全市.xlsx")
    with open_db(args) as db:
        try:
            overview = renewal_overview(db, args.year, kind=args.kind, county=args.county)
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc
        if args.out is None:
            if args.json:
                print_json(overview_to_json(overview))
            else:
                _print_overview(overview)
            return EXIT_OK
        try:
            path = export_overview(overview, args.out, org_name=get_counter_info(db).org_name)
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_PROBLEM) from exc
    t = overview.total
    if args.json:
        data = overview_to_json(overview)
        print_json(
            {
                "path": str(path),
                "year": data["year"],
                "kind": data["kind"],
                "county": data["county"],
                "units": data["units"],
                "total": data["total"],
            }
        )
    else:
        rate = "—" if t.rate is None else f"{t.rate}%"
        print(
            f"已导出续保进度：{path}（{overview.unit_count} 个单位；上年参保 {t.covered} 人，已续保 {t.renewed} 人"
            f"（{rate}），已收 {format_amount(t.received)}）"
        )
    return EXIT_OK


def add_commands(command, sub) -> None:
    """The `renewal` command group, with the parser's `command` helper."""
    group = command("renewal", None, "续保")
    group_sub = group.add_subparsers(dest="renewal_command", required=True, metavar="COMMAND")
    p = command(
        "overview",
        cmd_renewal_overview,
        "续保进度：各县区、单位上年参保、已续保、待缴费、离开、未续保、新参保人数和已收金额；--out 保存为 Excel",
        group_sub,
    )
    p.add_argument("--year", required=True, type=int, metavar="YEAR", help="到期的计划年度，如 2026（续保 2027 年）")
    p.add_argument("--county", metavar="CODE", help="只统计这个县区（默认全市）")
    p.add_argument(
        "--kind",
        default="reimbursement",
        metavar="K",
        help="险种：reimbursement（住院二次报销，默认）或 lump_sum（定额给付）",
    )
    p.add_argument("--out", metavar="FILE.xlsx", help="保存为 Excel 文件")
