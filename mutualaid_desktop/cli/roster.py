"""`mutualaid roster import`: a unit's roster from the command line.

    mutualaid [--db PATH] roster import FILE --unit CODE --plan CODE [--dry-run] [--skip-bad]
              [--bad-rows-out FILE.xlsx] [--accept-waiting] [--json]

Exit 0 when every row was imported (or, with --skip-bad, the good ones; with --dry-run, when
every row is good), 1 when nothing was imported because of bad rows (each listed with its row
number in the sheet and its reason), 2 for an unreadable file or an unknown unit or plan.
Progress goes to standard error; with --json standard output is one summary object
{"rows": N, "imported": N, "rejected": [{"row": N, "reason": "..."}]} (and "bad_rows_file": the
file written, or null when there were no bad rows, with --bad-rows-out).

--bad-rows-out FILE.xlsx saves the bad rows as they were in the roster, with a 原因 column, to hand back to
the unit (io/bad_rows_writer: text cells, never a formula; written whole or not at all). It is written
in every mode (also --dry-run) when there are bad rows; when it cannot be written (a full disk, no
rights) nothing is imported and the exit status is 1.

When the whole cover of some people (new members, broken cover) would lie in the waiting period,
nothing is imported unless --accept-waiting says that this was explained and wanted (exit 1 with
the cover dates otherwise); the command line runs as an administrator.
"""

from __future__ import annotations

import sys

from mutualaid_desktop.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_PROBLEM,
    CliFailure,
    open_db,
    print_json,
    require_suffix,
)


def _report_bad_rows(preview, bad_rows_out, *, as_json: bool):
    """Say the preview's notes and bad rows on stderr; write the bad rows to `bad_rows_out` (.xlsx) when
    asked. Returns the file written, or None."""
    from mutualaid_desktop.services.enrollment.roster_import import export_bad_rows
    from mutualaid_desktop.services.errors import ServiceError

    for row, note in preview.notes:
        print(f"第 {row} 行：{note}", file=sys.stderr)
    if preview.bad and not as_json:
        print(f"有问题的行（{len(preview.bad)} 行）：", file=sys.stderr)
        for bad in preview.bad:
            print(f"第 {bad.row} 行：{bad.reason}", file=sys.stderr)
    bad_file = None
    if bad_rows_out is not None and preview.bad:
        try:
            bad_file = export_bad_rows(preview, bad_rows_out)
        except ServiceError as exc:
            raise CliFailure(f"{exc.message}\n没有导入任何数据。", EXIT_PROBLEM) from exc
        print(f"问题行（{len(preview.bad)} 行，含“原因”列）已保存到 {bad_file}", file=sys.stderr)
    elif bad_rows_out is not None:
        print(f"没有问题行，未生成 {bad_rows_out}。", file=sys.stderr)
    return bad_file


def _import_good_rows(db, preview, args, progress) -> int:
    """Import the preview's good rows as the command line's user; then say what the counter must tell the
    unit (covers inside the waiting period, participation below the plan's minimum). Returns the rows imported."""
    from mutualaid_desktop.services.admin.users import cli_user
    from mutualaid_desktop.services.enrollment.enrollment import (
        WaitingConfirmationNeeded,
        participation,
        waiting_warnings,
    )
    from mutualaid_desktop.services.enrollment.roster_import import enrollment_ids_of, import_roster
    from mutualaid_desktop.services.errors import ServiceError

    try:
        result = import_roster(
            db,
            cli_user(),
            preview,
            skip_bad=args.skip_bad,
            progress=progress,
            waiting_acknowledged=getattr(args, "accept_waiting", False),
        )
    except WaitingConfirmationNeeded as exc:
        raise CliFailure(
            exc.message.removesuffix("确定仍然办理参保吗？")
            + "没有导入任何数据。已向单位说明、仍要导入的，请加 --accept-waiting。",
            EXIT_PROBLEM,
        ) from exc
    except ServiceError as exc:
        raise CliFailure(exc.message, EXIT_PROBLEM) from exc
    waiting = waiting_warnings(db, enrollment_ids_of(result), paid_on=preview.today)
    if waiting is not None:  # said before the unit pays
        print(waiting.message, file=sys.stderr)
    rate = participation(db, preview.unit.code, preview.plan.code)
    if rate.below:
        print(rate.message(), file=sys.stderr)
    return result.imported


def cmd_roster_import(args) -> int:
    from mutualaid_desktop.services.enrollment.roster_import import preview_roster
    from mutualaid_desktop.services.errors import ServiceError

    bad_rows_out = getattr(args, "bad_rows_out", None)
    if bad_rows_out is not None:
        require_suffix(bad_rows_out, ".xlsx", "--bad-rows-out 问题行.xlsx", what="问题行文件名")
    last: dict[str, str | None] = {"stage": None}

    def progress(done: int, total: int, stage: str) -> None:
        if stage != last["stage"]:
            last["stage"] = stage
            print(f"{stage}…", file=sys.stderr, flush=True)

    with open_db(args) as db:
        try:
            preview = preview_roster(db, args.file, args.unit, args.plan, progress=progress)
        except ServiceError as exc:  # an unreadable file, an unknown unit or plan, one that may not enroll or has ended
            raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc
        bad_file = _report_bad_rows(preview, bad_rows_out, as_json=args.json)
        imported = 0
        status = EXIT_OK
        if args.dry_run:
            status = EXIT_PROBLEM if preview.bad else EXIT_OK
            notice = preview.plan.waiting_notice(preview.today)  # for the first-time members among them
            if notice and preview.good:
                print(notice, file=sys.stderr)
        elif preview.bad and not args.skip_bad:
            status = EXIT_PROBLEM
            print(
                f"名册 {preview.rows} 行中有 {len(preview.bad)} 行有问题，没有导入任何数据。"
                "请改正后重新导入，或加 --skip-bad 只导入有效行。",
                file=sys.stderr,
            )
        elif preview.good:
            imported = _import_good_rows(db, preview, args, progress)
    summary = {"rows": preview.rows, "imported": imported, "rejected": preview.rejected()}
    if bad_rows_out is not None:
        summary["bad_rows_file"] = None if bad_file is None else str(bad_file)
    if args.json:
        print_json(summary)
    elif args.dry_run:
        print(f"检查完成（未导入）：共 {preview.rows} 行，有效 {len(preview.good)} 行，有问题 {len(preview.bad)} 行。")
    else:
        print(f"共 {preview.rows} 行，已导入 {imported} 行，未导入 {preview.rows - imported} 行。")
    return status


def add_commands(command, sub) -> None:
    """Register `roster import` (called from parser.build_parser)."""
    roster = command("roster", None, "单位职工名册")
    roster_sub = roster.add_subparsers(dest="roster_command", required=True, metavar="COMMAND")
    p = command("import", cmd_roster_import, "导入单位职工名册（.xlsx/.xls/.csv）为参保（待缴费）", roster_sub)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--unit", required=True, metavar="CODE", help="单位代码")
    p.add_argument("--plan", required=True, metavar="CODE", help="计划代码")
    p.add_argument("--dry-run", action="store_true", help="只检查，不导入")
    p.add_argument("--skip-bad", action="store_true", help="有问题的行不导入，只导入有效行")
    p.add_argument(
        "--bad-rows-out", metavar="FILE.xlsx", help="把有问题的行（含“原因”列）保存为 Excel 文件，退回单位改正"
    )
    p.add_argument(
        "--accept-waiting",
        action="store_true",
        help="部分人员整个保障期都在观察期内（首次参保或断保）：已向单位说明，仍然导入",
    )
