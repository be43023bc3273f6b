"""`mutualaid target set|list|import|thresholds`: the yearly targets of the counties and the city, and
the 百万县区 thresholds (registered by parser.build_parser).

    mutualaid target set --year Y --county CODE [--premiums AMOUNT] [--enrollments N] [--coverage PCT]
    mutualaid target list --year Y [--json]
    mutualaid target import FILE.xlsx --year Y
    mutualaid target thresholds [--million AMOUNT --two-million AMOUNT] [--json]

`set` changes only the figures given; an empty one (--coverage "") clears it. `import` writes every
row of the file or, with any bad row, nothing (the rows and what to fix on standard error). Exit 0
done, 2 bad input (a bad figure, an unknown or grassroots unit, a bad file).
"""

from __future__ import annotations

from mutualaid_desktop.cli.common import EXIT_BAD_INPUT, EXIT_OK, CliFailure, open_db, print_json


def _refused(call, db, *args, **kwargs):
    """`call(db, the command line's user, *args, **kwargs)`; a refusal (ServiceError) as bad input."""
    from mutualaid_desktop.services.admin.users import cli_user
    from mutualaid_desktop.services.errors import ServiceError

    try:
        return call(db, cli_user(), *args, **kwargs)
    except ServiceError as exc:
        raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc


def _figures(row) -> str:
    from mutualaid_desktop.domain.money import format_amount

    premiums = "—" if row.premiums is None else format_amount(row.premiums)
    enrollments = "—" if row.enrollments is None else f"{row.enrollments:,}"
    coverage = "—" if row.coverage is None else f"{row.coverage:.2f}%"
    return f"参保金额 {premiums}\t参保人次 {enrollments}\t覆盖率 {coverage}"


def cmd_target_set(args) -> int:
    from mutualaid_desktop.services.statistics.targets import set_target

    if args.premiums is None and args.enrollments is None and args.coverage is None:
        raise CliFailure("请至少给出一项目标：--premiums、--enrollments 或 --coverage。", EXIT_BAD_INPUT)
    with open_db(args) as db:
        row = _refused(
            set_target,
            db,
            year=args.year,
            unit_code=args.county,
            premiums=args.premiums,
            enrollments=args.enrollments,
            coverage=args.coverage,
        )
    if args.json:
        print_json(row.to_json_dict())
    else:
        print(f"已设定 {row.year} 年度目标：{row.unit_code}\t{row.unit_name}\t{_figures(row)}")
    return EXIT_OK


def cmd_target_list(args) -> int:
    from mutualaid_desktop.services.errors import ServiceError
    from mutualaid_desktop.services.statistics.targets import list_targets

    with open_db(args) as db:
        try:
            rows = list_targets(db, args.year)
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc
    if args.json:
        print_json([row.to_json_dict() for row in rows])
        return EXIT_OK
    if not rows:
        print("还没有县区总工会或市总工会。用 mutualaid unit add 添加。")
    print(f"{args.year} 年度目标")
    for row in rows:
        indent = "" if row.kind == "city" else "  "
        print(f"{indent}{row.unit_code}\t{row.unit_name}\t{_figures(row)}")
    return EXIT_OK


def cmd_target_import(args) -> int:
    from mutualaid_desktop.services.statistics.targets import import_targets

    with open_db(args) as db:
        result = _refused(import_targets, db, args.file, year=args.year)
    if args.json:
        print_json({"rows": result.rows, "changed": result.changed})
    else:
        print(
            f"已导入 {args.year} 年度目标：文件中 {result.rows} 个县区（含市总工会），其中 {result.changed} 个有改动。"
        )
    return EXIT_OK


def cmd_target_thresholds(args) -> int:
    from mutualaid_desktop.domain.money import format_amount
    from mutualaid_desktop.services.statistics.targets import million_thresholds, set_million_thresholds

    if (args.million is None) != (args.two_million is None):
        raise CliFailure("请同时给出 --million 和 --two-million（两百万县区门槛应高于百万县区门槛）。", EXIT_BAD_INPUT)
    with open_db(args) as db:
        if args.million is None:
            first, second = million_thresholds(db)
        else:
            first, second = _refused(set_million_thresholds, db, args.million, args.two_million)
    if args.json:
        print_json({"million": f"{first:.2f}", "two_million": f"{second:.2f}"})
    else:
        done = "已设定：" if args.million is not None else ""
        print(f"{done}百万县区门槛 {format_amount(first)}，两百万县区门槛 {format_amount(second)}")
    return EXIT_OK


def add_commands(command, sub) -> None:
    """The `target` command group, with the parser's `command` helper."""
    target = command("target", None, "年度目标（县区总工会和市总工会）与百万县区门槛")
    target_sub = target.add_subparsers(dest="target_command", required=True, metavar="COMMAND")
    p = command("set", cmd_target_set, "设定一个县区（或市总工会）的年度目标；只改给出的项，空值清除该项", target_sub)
    p.add_argument("--year", type=int, required=True, metavar="Y", help="年度，如 2027")
    p.add_argument("--county", required=True, metavar="CODE", help="县区总工会（或市总工会）的代码")
    p.add_argument("--premiums", metavar="AMOUNT", help="参保金额目标（元），如 1500000")
    p.add_argument("--enrollments", metavar="N", help="参保人次目标")
    p.add_argument("--coverage", metavar="PCT", help="覆盖率目标（百分数），如 85.5")
    p = command("list", cmd_target_list, "列出市总工会和各县区的年度目标", target_sub)
    p.add_argument("--year", type=int, required=True, metavar="Y", help="年度")
    p = command(
        "import",
        cmd_target_import,
        "从 Excel 导入年度目标（县区代码、参保金额目标、参保人次目标、覆盖率目标）",
        target_sub,
    )
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument("--year", type=int, required=True, metavar="Y", help="年度")
    p = command("thresholds", cmd_target_thresholds, "显示或设定百万县区、两百万县区门槛（元）", target_sub)
    p.add_argument("--million", metavar="AMOUNT", help="百万县区门槛（元），默认 1000000")
    p.add_argument("--two-million", metavar="AMOUNT", help="两百万县区门槛（元），默认 2000000")
