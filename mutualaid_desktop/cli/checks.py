"""`mutualaid idcard`, `mutualaid amount` and `mutualaid claim quote`: checks that need no database."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal

from mutualaid_desktop.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    CliFailure,
    load_plan_text,
    print_json,
    read_items,
    read_text,
)


def _check_each(
    args, values: list[str], check: Callable[[str], dict], show: Callable[[dict], str], invalid: dict
) -> int:
    """Check every item (`-` reads standard input): one result per item, exit 2 if any is bad.
    A bad item's result has the keys of `invalid` and the error."""
    from mutualaid_desktop.domain.errors import InputError

    status = EXIT_OK
    for text in read_items(values):
        try:
            result = {"input": text, **check(text), "error": None}
        except InputError as exc:
            status = EXIT_BAD_INPUT
            result = {"input": text, **invalid, "error": exc.message}
        if args.json:
            print_json(result)
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


def cmd_claim_quote(args) -> int:
    from mutualaid_desktop.domain.errors import InputError
    from mutualaid_desktop.domain.quote import parse_claim_facts, quote_claim

    plan = load_plan_text(read_text(args.plan, "计划文件"), args.plan)
    facts_text = read_text(args.facts, "理赔事实文件")
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
    print_json(quote_claim(plan, facts).to_json_dict())
    return EXIT_OK


def add_commands(command, sub) -> None:
    """Register `claim quote`, `idcard` and `amount` (called from parser.build_parser)."""
    claim = command("claim", None, "理赔")
    claim_sub = claim.add_subparsers(dest="claim_command", required=True, metavar="COMMAND")
    p = command("quote", cmd_claim_quote, "按计划规则测算一笔理赔（JSON 输出）", claim_sub)
    p.add_argument("--plan", required=True, metavar="FILE.toml")
    p.add_argument("--facts", required=True, metavar="FILE.json")
    p = command("idcard", cmd_idcard, "校验身份证号码（- 表示从标准输入逐行读取）")
    p.add_argument("numbers", nargs="+", metavar="NUMBER")
    p = command("amount", cmd_amount, "金额转大写（- 表示从标准输入逐行读取）")
    p.add_argument("amounts", nargs="+", metavar="AMOUNT")
