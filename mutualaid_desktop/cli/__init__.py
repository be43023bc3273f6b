"""`mutualaid`: the command line of the counter.

Results go to standard output (one JSON object with `--json`), messages to standard error in the
user's language. Exit status: 0 done, 1 the operation found a problem (a failed check, a refused
restore), 2 bad input (a malformed file or value, an unknown option).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable

EXIT_OK, EXIT_PROBLEM, EXIT_BAD_INPUT = 0, 1, 2


class CliFailure(Exception):
    def __init__(self, message: str, status: int = EXIT_PROBLEM) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def _print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def _open(args):
    from mutualaid_desktop.paths import default_database_location
    from mutualaid_desktop.services.session import open_counter_database
    from mutualaid_desktop.store.database import DatabaseCorrupt, DatabaseError

    location = default_database_location(args.db)
    try:
        db = open_counter_database(location)
    except DatabaseCorrupt as exc:
        hint = exc.hint
        if exc.latest_backup is not None:
            hint = f"{hint}\n最新的完好备份：{exc.latest_backup}\n恢复命令：mutualaid --db {location} restore {exc.latest_backup}"
        raise CliFailure(f"{exc.message}\n{hint}", EXIT_PROBLEM) from exc
    except DatabaseError as exc:
        raise CliFailure(f"{exc.message}\n{exc.hint}", EXIT_PROBLEM) from exc
    for warning in db.warnings:  # e.g. a failed backup: said by every command until a good one exists
        print(f"注意：{warning}", file=sys.stderr)
    return db


def _read_items(values: list[str]) -> Iterable[str]:
    """Arguments, where `-` stands for standard input read one item per line."""
    for value in values:
        if value == "-":
            for line in sys.stdin:
                line = line.rstrip("\r\n")
                if line.strip():
                    yield line
        else:
            yield value


# --- commands that need no database ---------------------------------------------------------


def _check_each(args, values: list[str], check: Callable[[str], dict], show: Callable[[dict], str],
                invalid: dict) -> int:
    """Check every item (`-` reads standard input): one result per item, exit 2 if any is bad.
    A bad item's result has the keys of `invalid` and the error."""
    from mutualaid_desktop.domain.errors import InputError

    status = EXIT_OK
    for text in _read_items(values):
        try:
            result = {"input": text, **check(text), "error": None}
        except InputError as exc:
            status = EXIT_BAD_INPUT
            result = {"input": text, **invalid, "error": exc.message}
        if args.json:
            _print_json(result)
        else:
            print(show(result) if result["error"] is None else f"{text}  无效：{result['error']}")
    return status


def cmd_idcard(args) -> int:
    from mutualaid_desktop.domain.idcard import parse_id_number

    def check(text: str) -> dict:
        n = parse_id_number(text)
        result = {"valid": True, "normalized": n.normalized, "birth_date": n.birth_date.isoformat(), "sex": n.sex}
        if n.converted_from:
            result["converted_from"] = n.converted_from
        return result

    def show(r: dict) -> str:
        note = f"（由15位号码 {r['converted_from']} 升位）" if r.get("converted_from") else ""
        return f"{r['normalized']}  有效  出生 {r['birth_date']}  {'男' if r['sex'] == 'male' else '女'}{note}"

    invalid = {"valid": False, "normalized": None, "birth_date": None, "sex": None}
    return _check_each(args, args.numbers, check, show, invalid)


def cmd_amount(args) -> int:
    from mutualaid_desktop.domain.money import amount_in_words, parse_amount

    def check(text: str) -> dict:
        value = parse_amount(text)
        return {"amount": str(value), "words": amount_in_words(value)}

    show = lambda r: f"{r['amount']}  {r['words']}"  # noqa: E731
    return _check_each(args, args.amounts, check, show, {"amount": None, "words": None})


def _read_text(path: str, what: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CliFailure(f"读不到{what} {path}：{exc.strerror or exc}。请检查文件路径。", EXIT_BAD_INPUT) from exc
    except UnicodeDecodeError as exc:
        raise CliFailure(f"{what} {path} 不是 UTF-8 文本文件，请用 UTF-8 编码保存后重试。", EXIT_BAD_INPUT) from exc


def _load_plan_text(text: str, path: str):
    from mutualaid_desktop.domain.errors import InputError
    from mutualaid_desktop.domain.plan import load_plan

    try:
        return load_plan(text)
    except InputError as exc:
        raise CliFailure(f"计划文件 {path} 有误：{exc}", EXIT_BAD_INPUT) from exc


def cmd_claim_quote(args) -> int:
    from mutualaid_desktop.domain.errors import InputError
    from mutualaid_desktop.domain.quote import parse_claim_facts, quote_claim

    plan = _load_plan_text(_read_text(args.plan, "计划文件"), args.plan)
    facts_text = _read_text(args.facts, "理赔事实文件")
    try:
        data = json.loads(facts_text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise CliFailure(
            f"理赔事实文件 {args.facts} 不是有效的 JSON（第{exc.lineno}行第{exc.colno}列）：{exc.msg}", EXIT_BAD_INPUT
        ) from exc
    if not isinstance(data, dict):
        raise CliFailure(f"理赔事实文件 {args.facts} 应是一个 JSON 对象 {{...}}。", EXIT_BAD_INPUT)
    try:
        facts = parse_claim_facts(data, plan)
    except InputError as exc:
        raise CliFailure(f"理赔事实有误：{exc}", EXIT_BAD_INPUT) from exc
    _print_json(quote_claim(plan, facts).to_json_dict())
    return EXIT_OK


# --- commands on the database ---------------------------------------------------------------


def cmd_init(args) -> int:
    from mutualaid_desktop.services.counter_setup import set_org_name
    from mutualaid_desktop.services.errors import ServiceError
    from mutualaid_desktop.services.users import cli_user, create_first_admin

    if args.admin and not args.password_stdin:
        raise CliFailure("创建管理员需要同时给出 --password-stdin，并从标准输入提供密码。", EXIT_BAD_INPUT)
    if args.password_stdin and not args.admin:
        raise CliFailure("--password-stdin 需要和 --admin 用户名一起使用。", EXIT_BAD_INPUT)
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else None
    with _open(args) as db:
        if args.org_name:
            set_org_name(db, args.org_name, username=cli_user().username)
        admin = None
        if args.admin:
            try:
                admin = create_first_admin(db, args.admin, args.admin, password or "", by=cli_user().username)
            except ServiceError as exc:
                raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc
        location = db.path or db.url
        if args.json:
            _print_json({"database": str(location), "org_name": args.org_name, "admin": admin.username if admin else None})
        else:
            print(f"数据库已就绪：{location}")
            if admin:
                print(f"已创建管理员：{admin.username}")
    return EXIT_OK


def cmd_demo(args) -> int:
    from mutualaid_desktop.services.demo import generate_demo
    from mutualaid_desktop.services.errors import ServiceError
    from mutualaid_desktop.services.users import cli_user

    if args.members < 1:
        raise CliFailure("--members 至少为 1。", EXIT_BAD_INPUT)
    with _open(args) as db:
        def progress(stage: str) -> None:
            if not args.json:
                print(stage, file=sys.stderr, flush=True)

        try:
            report = generate_demo(db, members=args.members, seed=args.seed, progress=progress,
                                   username=cli_user().username)
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_PROBLEM) from exc
    if args.json:
        _print_json(report.to_json_dict())
    else:
        for label, value in report.lines():
            print(f"{label}：{value}")
    return EXIT_OK


def cmd_check(args) -> int:
    from mutualaid_desktop.services.session import run_full_check

    with _open(args) as db:
        problems = run_full_check(db)
    if args.json:
        _print_json({"ok": not problems, "problems": problems})
    elif problems:
        print("数据库检查发现问题：", file=sys.stderr)
        for p in problems:
            print(f"- {p}", file=sys.stderr)
        print("请先备份当前文件，再用 mutualaid restore 从最近的完好备份恢复，或联系技术支持。", file=sys.stderr)
    else:
        print("数据库检查通过：文件完整，外键一致，审计日志链完整，金额数据与审计记录相符。")
    return EXIT_OK if not problems else EXIT_PROBLEM


def cmd_backup(args) -> int:
    from mutualaid_desktop.services.errors import ServiceError
    from mutualaid_desktop.services.maintenance import backup_now

    with _open(args) as db:
        try:
            path = backup_now(db, Path(args.to) if args.to else None)
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_PROBLEM) from exc
    if args.json:
        _print_json({"backup": str(path), "checked": True})
    else:
        print(f"已备份到：{path}（已检查，备份完好）")
    return EXIT_OK


def cmd_restore(args) -> int:
    from mutualaid_desktop.paths import default_database_location
    from mutualaid_desktop.services.session import restore_database
    from mutualaid_desktop.services.users import cli_user
    from mutualaid_desktop.store.database import DatabaseError

    location = default_database_location(args.db)
    if "://" in str(location):
        raise CliFailure("这是服务器数据库，请在数据库服务器上恢复（本程序只恢复本机数据库文件）。", EXIT_PROBLEM)
    source = Path(args.file)
    if not source.is_file():
        raise CliFailure(f"找不到备份文件 {source}，请检查路径。", EXIT_BAD_INPUT)
    try:
        report = restore_database(location, source, username=cli_user().username)
    except DatabaseError as exc:
        raise CliFailure(f"{exc.message}\n{exc.hint}", EXIT_PROBLEM) from exc
    except OSError as exc:  # the folder of the database cannot be written at all
        raise CliFailure(f"恢复没有完成：{exc.strerror or exc}（{exc.filename or location}）。\n"
                         "请检查数据库所在文件夹的写入权限和磁盘空间，然后再试。", EXIT_PROBLEM) from exc
    if args.json:
        _print_json(report.to_json_dict())
    else:
        for line in report.summary():
            print(line)
    return EXIT_OK


def cmd_plan_add(args) -> int:
    from mutualaid_desktop.domain.errors import InputError
    from mutualaid_desktop.services.errors import ServiceError
    from mutualaid_desktop.services.plans import add_plan
    from mutualaid_desktop.services.users import cli_user

    text = _read_text(args.file, "计划文件")
    _load_plan_text(text, args.file)  # refuse a bad file before touching the database
    with _open(args) as db:
        try:
            summary = add_plan(db, text, min_participation_pct=getattr(args, "min_participation", 0),
                               username=cli_user().username)
        except InputError as exc:
            raise CliFailure(f"计划文件 {args.file} 有误：{exc}", EXIT_BAD_INPUT) from exc
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc
    if args.json:
        _print_json(summary.to_json_dict())
    else:
        print(f"已添加计划 {summary.code} {summary.name}")
    return EXIT_OK


def cmd_plan_list(args) -> int:
    from mutualaid_desktop.domain.money import format_amount
    from mutualaid_desktop.services.plans import KIND_LABELS, list_plans

    with _open(args) as db:
        plans = list_plans(db)
    if args.json:
        _print_json({"plans": [p.to_json_dict() for p in plans]})
    else:
        if not plans:
            print("还没有计划。用 mutualaid plan add 计划文件.toml 添加。")
        for p in plans:
            settings = "".join([f"\t停止参保日 {p.enrollment_closes}" if p.enrollment_closes else "",
                                "\t已停用" if p.withdrawn else ""])
            print(
                f"{p.code}\t{p.name}\t{KIND_LABELS.get(p.kind, p.kind)}\t每份{format_amount(p.premium_per_share)}"
                f"\t{p.period_start}至{p.period_end}{settings}"
            )
    return EXIT_OK


def cmd_plan_close(args) -> int:
    """`plan close CODE --on DATE` sets a plan's 停止参保日; `--clear` removes it (services/plans)."""
    from datetime import date

    from mutualaid_desktop.domain.text import to_halfwidth
    from mutualaid_desktop.services.errors import ServiceError
    from mutualaid_desktop.services.plans import change_enrollment_closes
    from mutualaid_desktop.services.users import cli_user

    if (args.on is None) == (not args.clear):
        raise CliFailure("请写 --on 日期（如 --on 2026-11-30）设置停止参保日，或写 --clear 取消，二者选一。", EXIT_BAD_INPUT)
    try:
        day = date.fromisoformat(to_halfwidth(args.on).strip()) if args.on is not None else None
    except ValueError as exc:
        raise CliFailure(f"--on {args.on} 不是日期：请写成 YYYY-MM-DD，如 2026-11-30。", EXIT_BAD_INPUT) from exc
    with _open(args) as db:
        try:
            change = change_enrollment_closes(db, cli_user(), args.code, day)
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc
    after = change.after.isoformat() if change.after else None
    if args.json:
        _print_json({"code": change.code, "enrollment_closes": after})
    elif after:
        print(f"计划 {change.code} 的停止参保日设为 {after}：此日之后不再接受新参保（续保不受影响）。")
    else:
        print(f"计划 {change.code} 已取消停止参保日。")
    return EXIT_OK


def cmd_plan_withdraw(args) -> int:
    """`plan withdraw CODE`: 停用 a plan nobody was enrolled in (services/plans.withdraw_plan)."""
    from mutualaid_desktop.services.errors import ServiceError
    from mutualaid_desktop.services.plans import withdraw_plan
    from mutualaid_desktop.services.users import cli_user

    with _open(args) as db:
        try:
            change = withdraw_plan(db, cli_user(), args.code)
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc
    if args.json:
        _print_json({"code": change.code, "withdrawn": True})
    else:
        print(f"计划 {change.code} 已停用：保留备查，不再供参保选择。")
    return EXIT_OK


# --- parser ---------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, metavar="PATH",
                        help="数据库文件或 URL（默认：环境变量 MUTUALAID_DB，或用户数据目录）")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="以 JSON 输出结果")

    parser = argparse.ArgumentParser(prog="mutualaid", description="互助保障柜台 命令行工具", parents=[common])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, func: Callable, help_text: str, parent=sub) -> argparse.ArgumentParser:
        p = parent.add_parser(name, help=help_text, parents=[common], description=help_text)
        p.set_defaults(func=func)
        return p

    p = command("init", cmd_init, "建立或升级数据库，设置单位名称和管理员")
    p.add_argument("--org-name", metavar="NAME", help="工会名称，如 商洛市总工会")
    p.add_argument("--admin", metavar="USER", help="初始管理员用户名")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入读取管理员密码")

    p = command("demo", cmd_demo, "生成演示数据（一个市、7个县区、单位、会员、计划、缴费和理赔）")
    p.add_argument("--members", type=int, default=10000, metavar="N", help="会员人数（默认 10000）")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="随机种子（默认 1）")

    command("check", cmd_check, "全面检查数据库：完整性、外键、审计日志链、金额数据与审计记录是否相符")
    p = command("backup", cmd_backup, "立即备份数据库")
    p.add_argument("--to", metavar="FILE", help="备份到指定文件（默认：备份目录）")
    p = command("restore", cmd_restore, "从备份文件恢复数据库（先检查备份完好）")
    p.add_argument("file", metavar="FILE")

    plan = command("plan", None, "互助保障计划")
    plan_sub = plan.add_subparsers(dest="plan_command", required=True, metavar="COMMAND")
    p = command("add", cmd_plan_add, "从计划文件（TOML）添加计划", plan_sub)
    p.add_argument("file", metavar="FILE.toml")
    p.add_argument("--min-participation", type=int, default=0, metavar="PCT",
                   help="单位最低参保率（职工总数的百分比，低于时提示；默认 0 不提示）")
    command("list", cmd_plan_list, "列出计划（含停止参保日、已停用）", plan_sub)
    p = command("close", cmd_plan_close, "设置或取消计划的停止参保日（此日之后不再接受新参保）", plan_sub)
    p.add_argument("code", metavar="CODE")
    p.add_argument("--on", metavar="YYYY-MM-DD", help="停止参保日，须在计划的保障期间内")
    p.add_argument("--clear", action="store_true", help="取消停止参保日")
    p = command("withdraw", cmd_plan_withdraw, "停用一个无人参保的计划（如误添加的计划）", plan_sub)
    p.add_argument("code", metavar="CODE")

    claim = command("claim", None, "理赔")
    claim_sub = claim.add_subparsers(dest="claim_command", required=True, metavar="COMMAND")
    p = command("quote", cmd_claim_quote, "按计划规则测算一笔理赔（JSON 输出）", claim_sub)
    p.add_argument("--plan", required=True, metavar="FILE.toml")
    p.add_argument("--facts", required=True, metavar="FILE.json")

    from mutualaid_desktop.cli.units import add_commands as add_unit_commands

    add_unit_commands(command, sub)

    from mutualaid_desktop.cli.roster import add_commands as add_roster_commands

    add_roster_commands(command, sub)

    from mutualaid_desktop.cli.printing import add_commands as add_print_commands

    add_print_commands(command, sub)

    from mutualaid_desktop.cli.renewal import add_commands as add_renewal_commands

    add_renewal_commands(command, sub)

    from mutualaid_desktop.cli.users import add_commands as add_user_commands

    add_user_commands(command, sub)

    from mutualaid_desktop.cli.payouts import add_commands as add_payout_commands

    add_payout_commands(command, sub)

    p = command("idcard", cmd_idcard, "校验身份证号码（- 表示从标准输入逐行读取）")
    p.add_argument("numbers", nargs="+", metavar="NUMBER")
    p = command("amount", cmd_amount, "金额转大写（- 表示从标准输入逐行读取）")
    p.add_argument("amounts", nargs="+", metavar="AMOUNT")
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    # Messages for the user are printed by the commands; the log (English, for support staff) only
    # when asked for, e.g. MUTUALAID_LOG_LEVEL=INFO.
    logging.basicConfig(level=os.environ.get("MUTUALAID_LOG_LEVEL", "CRITICAL").upper(),
                        format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    args.db = getattr(args, "db", None)
    args.json = getattr(args, "json", False)
    from mutualaid_desktop.cli import errors as cli_errors
    from mutualaid_desktop.store import busy

    busy.default_on_wait = cli_errors.waiting_for_lock  # "another counter is busy, waiting…" once
    try:
        status = args.func(args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return status
    except CliFailure as exc:
        cli_errors.say(exc.message)
        return exc.status
    except KeyboardInterrupt:
        cli_errors.say("已中断。")
        return 130
    except Exception as exc:  # never a traceback: told in Chinese, a fault logged (cli_errors)
        return cli_errors.report(exc, args.db or os.environ.get("MUTUALAID_DB"))


if __name__ == "__main__":
    # Run the imported module's main, not this __main__ copy: the command modules (cli_units...)
    # raise mutualaid_desktop.cli.CliFailure, which a second copy of this module would not catch.
    from mutualaid_desktop.cli import main as _main

    raise SystemExit(_main())
