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
from collections.abc import Callable

from mutualaid_desktop.cli import (
    checks,
    database,
    handin,
    months,
    payouts,
    plans,
    printing,
    renewal,
    reports,
    roster,
    statistics,
    targets,
    units,
    users,
)
from mutualaid_desktop.cli.common import EXIT_INTERRUPTED, CliFailure
from mutualaid_desktop.cli.errors import report, say, waiting_for_lock

# The command groups in the order `mutualaid --help` lists them; each module registers its commands
# with add_commands(command, sub).
COMMAND_MODULES = (
    database,
    plans,
    units,
    roster,
    printing,
    renewal,
    users,
    payouts,
    targets,
    statistics,
    months,
    handin,
    reports,
    checks,
)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        metavar="PATH",
        help="数据库文件或 URL（默认：环境变量 MUTUALAID_DB，或用户数据目录）",
    )
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="以 JSON 输出结果")

    parser = argparse.ArgumentParser(prog="mutualaid", description="互助保障柜台 命令行工具", parents=[common])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, func: Callable, help_text: str, parent=sub) -> argparse.ArgumentParser:
        p = parent.add_parser(name, help=help_text, parents=[common], description=help_text)
        p.set_defaults(func=func)
        return p

    for module in COMMAND_MODULES:
        module.add_commands(command, sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    # Messages for the user are printed by the commands; the log (English, for support staff) only
    # when asked for, e.g. MUTUALAID_LOG_LEVEL=INFO.
    logging.basicConfig(
        level=os.environ.get("MUTUALAID_LOG_LEVEL", "CRITICAL").upper(), format="%(levelname)s %(name)s: %(message)s"
    )
    parser = build_parser()
    args = parser.parse_args(argv)
    args.db = getattr(args, "db", None)
    args.json = getattr(args, "json", False)
    from mutualaid_desktop.store import busy  # not at the top: `mutualaid idcard` needs no database

    busy.default_on_wait = waiting_for_lock  # "another counter is busy, waiting…" once
    try:
        status = args.func(args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return status
    except CliFailure as exc:
        say(exc.message)
        return exc.status
    except KeyboardInterrupt:
        say("已中断。")
        return EXIT_INTERRUPTED
    except Exception as exc:  # never a traceback: told in Chinese, a fault logged (cli/errors.py)
        return report(exc, args.db or os.environ.get("MUTUALAID_DB"))
