"""What the commands of `mutualaid` share: exit statuses, the refusal (CliFailure), opening the
database, JSON output, reading items and text files."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

EXIT_OK, EXIT_PROBLEM, EXIT_BAD_INPUT = 0, 1, 2
EXIT_FAULT = 70  # a fault of the program (cli/errors.py), as sysexits' EX_SOFTWARE
EXIT_INTERRUPTED = 130  # Ctrl+C, as a shell reports SIGINT


class CliFailure(Exception):
    """The one way a command refuses: parser.main says `message` on standard error and exits with `status`."""

    def __init__(self, message: str, status: int = EXIT_PROBLEM) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def print_json(obj) -> None:
    """The result of a command with --json: one JSON object on standard output, Chinese as it is."""
    print(json.dumps(obj, ensure_ascii=False))


def open_db(args):
    """The counter's database of --db (or the default), opened and migrated; refused in Chinese when it cannot be
    used (a damaged file names the newest good backup and the restore command)."""
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


def require_suffix(path: str, suffix: str, example: str, *, what: str = "输出文件名") -> None:
    """Refuse (bad input) a file name that does not end in `suffix` (in any case), before anything is
    opened; `example` shows the option with a good name, as "--out 银行代发.xlsx"."""
    if not path.lower().endswith(suffix):
        raise CliFailure(f"{what}应以 {suffix} 结尾，如 {example}", EXIT_BAD_INPUT)


def read_items(values: list[str]) -> Iterable[str]:
    """Arguments, where `-` stands for standard input read one item per line."""
    for value in values:
        if value == "-":
            for line in sys.stdin:
                line = line.rstrip("\r\n")
                if line.strip():
                    yield line
        else:
            yield value


def read_text(path: str, what: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CliFailure(f"读不到{what} {path}：{exc.strerror or exc}。请检查文件路径。", EXIT_BAD_INPUT) from exc
    except UnicodeDecodeError as exc:
        raise CliFailure(f"{what} {path} 不是 UTF-8 文本文件，请用 UTF-8 编码保存后重试。", EXIT_BAD_INPUT) from exc


def load_plan_text(text: str, path: str):
    from mutualaid_desktop.domain.errors import InputError
    from mutualaid_desktop.domain.plan import load_plan

    try:
        return load_plan(text)
    except InputError as exc:
        raise CliFailure(f"计划文件 {path} 有误：{exc}", EXIT_BAD_INPUT) from exc
