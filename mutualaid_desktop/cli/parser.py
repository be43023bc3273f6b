"""`mutualaid`: the command line of the counter.

Results go to standard output (one JSON object with `--json`), messages to standard error in the
user's language. Exit status: 0 done, 1 the operation found a problem (a failed check, a refused
restore), 2 bad input (a malformed file or value, an unknown option).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Callable

from mutualaid_desktop.cli.checks import cmd_amount, cmd_claim_quote, cmd_idcard
from mutualaid_desktop.cli.common import CliFailure
from mutualaid_desktop.cli.database import cmd_backup, cmd_check, cmd_demo, cmd_init, cmd_restore
from mutualaid_desktop.cli.plans import cmd_plan_add, cmd_plan_close, cmd_plan_list, cmd_plan_withdraw


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
