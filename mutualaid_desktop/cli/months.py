"""`mutualaid month`: month closing (月结 / 交账; registered by parser.build_parser).

    mutualaid [--db PATH] month close --year Y --month M
    mutualaid [--db PATH] month reopen --year Y --month M --reason TEXT
    mutualaid [--db PATH] month list [--json]

Exit status: 0 done, 2 refused (not ended, out of order, already closed, not the latest, no reason).
"""

from __future__ import annotations

from mutualaid_desktop.cli.common import EXIT_BAD_INPUT, EXIT_OK, CliFailure, open_db, print_json


def _json(info) -> dict:
    return {
        "year": info.year,
        "month": info.month,
        "version": info.version,
        "closed_at": info.closed_at.isoformat(timespec="seconds"),
        "closed_by": info.closed_by,
        "digest": info.digest,
        "reopened_at": info.reopened_at.isoformat(timespec="seconds") if info.reopened_at else None,
        "reopened_by": info.reopened_by,
        "reopen_reason": info.reopen_reason,
    }


def _run(args, action):
    from mutualaid_desktop.services.errors import ServiceError

    with open_db(args) as db:
        try:
            return action(db)
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc


def cmd_month_close(args) -> int:
    from mutualaid_desktop.services.admin.user_identity import cli_user
    from mutualaid_desktop.services.statistics.month_closing import close_month

    info = _run(args, lambda db: close_month(db, cli_user(), args.year, args.month))
    if args.json:
        print_json(_json(info))
    else:
        print(f"已月结 {info.label}（第 {info.version} 版，签名 {info.digest[:16]}…）。")
    return EXIT_OK


def cmd_month_reopen(args) -> int:
    from mutualaid_desktop.services.admin.user_identity import cli_user
    from mutualaid_desktop.services.statistics.month_closing import reopen_month

    info = _run(args, lambda db: reopen_month(db, cli_user(), args.year, args.month, args.reason))
    if args.json:
        print_json(_json(info))
    else:
        print(f"已重新打开 {info.label}（第 {info.version} 版的月结保留，标为已重新打开）。")
    return EXIT_OK


def cmd_month_list(args) -> int:
    from mutualaid_desktop.services.statistics.month_closing import list_closings

    closings = _run(args, list_closings)
    if args.json:
        print_json({"closings": [_json(c) for c in closings]})
        return EXIT_OK
    if not closings:
        print("还没有月结过的月份。")
    for c in closings:
        state = f"已重新打开（{c.reopened_by or ''}：{c.reopen_reason}）" if c.reopened_at else "有效"
        print(f"{c.label}\t第 {c.version} 版\t{c.closed_by}\t{c.closed_at:%Y-%m-%d %H:%M}\t{state}")
    return EXIT_OK


def add_commands(command, sub) -> None:
    """The `month` command group, with the parser's `command` helper."""
    group = command("month", None, "月结（交账）")
    group_sub = group.add_subparsers(dest="month_command", required=True, metavar="COMMAND")
    for name, func, text in (
        ("close", cmd_month_close, "月结：固定该月的统计数字并签名（主管）"),
        ("reopen", cmd_month_reopen, "重新打开最近一个已月结的月份（管理员，须说明原因）"),
    ):
        p = command(name, func, text, group_sub)
        p.add_argument("--year", required=True, type=int, metavar="YEAR", help="年份，如 2026")
        p.add_argument("--month", required=True, type=int, metavar="M", help="月份 1—12")
        if name == "reopen":
            p.add_argument("--reason", required=True, metavar="TEXT", help="重新打开的原因")
    command("list", cmd_month_list, "列出月结记录（含已重新打开的）", group_sub)
