"""`mutualaid report`: the reports of the monthly cycle as files (registered by parser.build_parser).

    mutualaid [--db PATH] report month --year Y --month M [--county CODE] --out FILE.pdf|FILE.xlsx [--json]
    mutualaid [--db PATH] report bulletin --year Y --month M --out FILE.pdf [--json]

The month's report (月报表) of the city, or of --county: the PDF paper or the .xlsx, by --out's suffix; as
closed when the month is closed, else live (marked 未月结). Prints the file's path, or with --json
{"path": …, "closed": true|false}.
The bulletin (通报) of a closed month only (a month not closed is refused: close it first); prints the file's
path, or with --json {"path": …}.
Exit status: 0 done, 2 refused (a file name that is neither .pdf nor .xlsx, an unknown county, a month out
of range, a file that cannot be written).

A report is one entry of REPORTS: its name, what it does, its options and the function that makes it.
"""

from __future__ import annotations

from collections.abc import Callable

from mutualaid_desktop.cli.common import EXIT_BAD_INPUT, EXIT_OK, CliFailure, open_db, print_json, require_suffix


def _month_options(p) -> None:
    p.add_argument("--year", required=True, type=int, metavar="YEAR", help="年份，如 2026")
    p.add_argument("--month", required=True, type=int, metavar="M", help="月份 1—12")
    p.add_argument("--county", metavar="CODE", help="县区工会代码（默认：全市）")
    p.add_argument("--out", required=True, metavar="FILE", help="输出文件：.pdf（纸面月报表）或 .xlsx（Excel）")


def cmd_report_month(args) -> int:
    from mutualaid_desktop.services.admin.user_identity import cli_user
    from mutualaid_desktop.services.errors import ServiceError
    from mutualaid_desktop.services.statistics.month_report_paper import save_month_report

    with open_db(args) as db:
        try:
            saved = save_month_report(db, cli_user(), args.year, args.month, args.out, county=args.county)
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc
    if args.json:
        print_json({"path": str(saved.path), "closed": saved.closed})
    else:
        print(saved.path)
    return EXIT_OK


def _bulletin_options(p) -> None:
    p.add_argument("--year", required=True, type=int, metavar="YEAR", help="年份，如 2026")
    p.add_argument("--month", required=True, type=int, metavar="M", help="月份 1—12（须已月结）")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="输出文件（.pdf）")


def cmd_report_bulletin(args) -> int:
    from mutualaid_desktop.services.admin.user_identity import cli_user
    from mutualaid_desktop.services.errors import ServiceError
    from mutualaid_desktop.services.statistics.bulletin import save_bulletin

    require_suffix(args.out, ".pdf", f"--out {args.year}年{args.month}月通报.pdf")
    with open_db(args) as db:
        try:
            path = save_bulletin(db, cli_user(), args.year, args.month, args.out)
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc
    if args.json:
        print_json({"path": str(path)})
    else:
        print(path)
    return EXIT_OK


# (name, help, add the options, run)
REPORTS: tuple[tuple[str, str, Callable, Callable[..., int]], ...] = (
    ("month", "月报表：本月、以前月份调整、本月合计与本年累计（PDF 或 Excel）", _month_options, cmd_report_month),
    (
        "bulletin",
        "通报：各县区进展、排名、百万县区、落后于时间进度（已月结的月份，PDF）",
        _bulletin_options,
        cmd_report_bulletin,
    ),
)


def add_commands(command, sub) -> None:
    """The `report` command group, with the parser's `command` helper."""
    group = command("report", None, "报表（月报表、通报）")
    group_sub = group.add_subparsers(dest="report_command", required=True, metavar="REPORT")
    for name, text, options, func in REPORTS:
        options(command(name, func, text, group_sub))
