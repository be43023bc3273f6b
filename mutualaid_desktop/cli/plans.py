"""`mutualaid plan add|list|close|withdraw`: the plans."""

from __future__ import annotations

from mutualaid_desktop.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    CliFailure,
    load_plan_text,
    open_db,
    print_json,
    read_text,
)


def cmd_plan_add(args) -> int:
    from mutualaid_desktop.domain.errors import InputError
    from mutualaid_desktop.services.admin.plans import add_plan
    from mutualaid_desktop.services.admin.users import cli_user
    from mutualaid_desktop.services.errors import ServiceError

    text = read_text(args.file, "计划文件")
    load_plan_text(text, args.file)  # refuse a bad file before touching the database
    with open_db(args) as db:
        try:
            summary = add_plan(
                db, text, min_participation_pct=getattr(args, "min_participation", 0), username=cli_user().username
            )
        except InputError as exc:
            raise CliFailure(f"计划文件 {args.file} 有误：{exc}", EXIT_BAD_INPUT) from exc
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc
    if args.json:
        print_json(summary.to_json_dict())
    else:
        print(f"已添加计划 {summary.code} {summary.name}")
    return EXIT_OK


def cmd_plan_list(args) -> int:
    from mutualaid_desktop.domain.money import format_amount
    from mutualaid_desktop.services.admin.plans import KIND_LABELS, list_plans

    with open_db(args) as db:
        plans = list_plans(db)
    if args.json:
        print_json({"plans": [p.to_json_dict() for p in plans]})
    else:
        if not plans:
            print("还没有计划。用 mutualaid plan add 计划文件.toml 添加。")
        for p in plans:
            settings = "".join(
                [
                    f"\t停止参保日 {p.enrollment_closes}" if p.enrollment_closes else "",
                    "\t已停用" if p.withdrawn else "",
                ]
            )
            print(
                f"{p.code}\t{p.name}\t{KIND_LABELS.get(p.kind, p.kind)}\t每份{format_amount(p.premium_per_share)}"
                f"\t{p.period_start}至{p.period_end}{settings}"
            )
    return EXIT_OK


def cmd_plan_close(args) -> int:
    """`plan close CODE --on DATE` sets a plan's 停止参保日; `--clear` removes it (services/plans)."""
    from datetime import date

    from mutualaid_desktop.domain.text import to_halfwidth
    from mutualaid_desktop.services.admin.plans import change_enrollment_closes
    from mutualaid_desktop.services.admin.users import cli_user
    from mutualaid_desktop.services.errors import ServiceError

    if (args.on is None) == (not args.clear):
        raise CliFailure(
            "请写 --on 日期（如 --on 2026-11-30）设置停止参保日，或写 --clear 取消，二者选一。", EXIT_BAD_INPUT
        )
    try:
        day = date.fromisoformat(to_halfwidth(args.on).strip()) if args.on is not None else None
    except ValueError as exc:
        raise CliFailure(f"--on {args.on} 不是日期：请写成 YYYY-MM-DD，如 2026-11-30。", EXIT_BAD_INPUT) from exc
    with open_db(args) as db:
        try:
            change = change_enrollment_closes(db, cli_user(), args.code, day)
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc
    after = change.after.isoformat() if change.after else None
    if args.json:
        print_json({"code": change.code, "enrollment_closes": after})
    elif after:
        print(f"计划 {change.code} 的停止参保日设为 {after}：此日之后不再接受新参保（续保不受影响）。")
    else:
        print(f"计划 {change.code} 已取消停止参保日。")
    return EXIT_OK


def cmd_plan_withdraw(args) -> int:
    """`plan withdraw CODE`: 停用 a plan nobody was enrolled in (services/plans.withdraw_plan)."""
    from mutualaid_desktop.services.admin.plans import withdraw_plan
    from mutualaid_desktop.services.admin.users import cli_user
    from mutualaid_desktop.services.errors import ServiceError

    with open_db(args) as db:
        try:
            change = withdraw_plan(db, cli_user(), args.code)
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc
    if args.json:
        print_json({"code": change.code, "withdrawn": True})
    else:
        print(f"计划 {change.code} 已停用：保留备查，不再供参保选择。")
    return EXIT_OK


def add_commands(command, sub) -> None:
    """The `plan` command group, with the parser's `command` helper."""
    plan = command("plan", None, "互助保障计划")
    plan_sub = plan.add_subparsers(dest="plan_command", required=True, metavar="COMMAND")
    p = command("add", cmd_plan_add, "从计划文件（TOML）添加计划", plan_sub)
    p.add_argument("file", metavar="FILE.toml")
    p.add_argument(
        "--min-participation",
        type=int,
        default=0,
        metavar="PCT",
        help="单位最低参保率（职工总数的百分比，低于时提示；默认 0 不提示）",
    )
    command("list", cmd_plan_list, "列出计划（含停止参保日、已停用）", plan_sub)
    p = command("close", cmd_plan_close, "设置或取消计划的停止参保日（此日之后不再接受新参保）", plan_sub)
    p.add_argument("code", metavar="CODE")
    p.add_argument("--on", metavar="YYYY-MM-DD", help="停止参保日，须在计划的保障期间内")
    p.add_argument("--clear", action="store_true", help="取消停止参保日")
    p = command("withdraw", cmd_plan_withdraw, "停用一个无人参保的计划（如误添加的计划）", plan_sub)
    p.add_argument("code", metavar="CODE")
