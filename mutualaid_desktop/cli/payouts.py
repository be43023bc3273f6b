"""`mutualaid payout ...`: the payout batches from the command line (registered by parser.build_parser).

    mutualaid [--db PATH] payout list [--json]
    mutualaid [--db PATH] payout export --batch NUMBER --out FILE.xlsx [--again --reason TEXT] [--json]

`payout list`: every batch, newest first, with its status, number of payees, sum and how many bank
files were exported. `payout export`: the batch's bank transfer file. A batch exported before is
exported again only with --again and --reason (the command line acts as a local administrator,
who may make the copy); that file is marked 副本 with the same batch number, and the export is
audited like every other. Exit status: 0 done, 1 refused (exported already without --again, a
closed batch), 2 bad input (an unknown batch, --again without --reason, --out not .xlsx).
"""

from __future__ import annotations

from mutualaid_desktop.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_PROBLEM,
    CliFailure,
    open_db,
    print_json,
    require_suffix,
)


def cmd_payout_list(args) -> int:
    from mutualaid_desktop.domain.money import format_amount
    from mutualaid_desktop.services.payouts.payouts import list_batches

    with open_db(args) as db:
        batches = list_batches(db, limit=100_000)
    if args.json:
        print_json({"batches": [b.to_json_dict() for b in batches]})
        return EXIT_OK
    if not batches:
        print("还没有给付批次。")
    for b in batches:
        print(
            f"{b.batch_number}\t{b.status_label}\t{b.count} 笔\t{format_amount(b.total)}\t"
            f"已导出 {b.export_count} 次\t{b.created_on.isoformat()}"
        )
    return EXIT_OK


def cmd_payout_export(args) -> int:
    from mutualaid_desktop.domain.money import format_amount
    from mutualaid_desktop.services.admin.users import cli_user
    from mutualaid_desktop.services.errors import NotFound, ServiceError
    from mutualaid_desktop.services.payouts.payouts import export_bank_file

    require_suffix(args.out, ".xlsx", "--out 银行代发.xlsx")
    if args.again and not (args.reason or "").strip():
        raise CliFailure(
            '再次导出（--again）须用 --reason 写明原因，如 --reason "原文件丢失，未交银行"。', EXIT_BAD_INPUT
        )
    if args.reason and not args.again:
        raise CliFailure("--reason 只用于再次导出，请同时加 --again。", EXIT_BAD_INPUT)
    with open_db(args) as db:
        try:
            result = export_bank_file(db, cli_user(), args.batch, args.out, again=args.again, reason=args.reason)
        except NotFound as exc:
            raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_PROBLEM) from exc
        except OSError as exc:
            raise CliFailure(f"写不进 {args.out}：{exc.strerror or exc}。请换一个位置。", EXIT_PROBLEM) from exc
    if args.json:
        print_json(
            {
                "batch": result.batch_number,
                "path": str(result.path),
                "count": result.count,
                "total": f"{result.total:.2f}",
                "copy": result.copy_number > 0,
                "copy_number": result.copy_number,
                "reason": result.reason,
            }
        )
    else:
        copy = f"（副本 {result.copy_number}）" if result.copy_number else ""
        print(
            f"已导出批次 {result.batch_number} 的银行文件{copy}：{result.count} 笔，"
            f"合计 {format_amount(result.total)}，{result.path}"
        )
    return EXIT_OK


def add_commands(command, sub) -> None:
    """Register `payout list` and `payout export` (called from parser.build_parser)."""
    payout = command("payout", None, "给付批次")
    payout_sub = payout.add_subparsers(dest="payout_command", required=True, metavar="COMMAND")
    command("list", cmd_payout_list, "列出给付批次：状态、笔数、金额、已导出次数", payout_sub)
    p = command(
        "export",
        cmd_payout_export,
        "导出给付批次的银行代发文件（.xlsx）；已导出过的须 --again --reason，生成副本",
        payout_sub,
    )
    p.add_argument("--batch", required=True, metavar="NUMBER", help="批次号，如 PF2026-0001")
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="输出文件")
    p.add_argument("--again", action="store_true", help="再次导出已导出过的批次（生成“副本”，须写明原因）")
    p.add_argument("--reason", metavar="TEXT", help="再次导出的原因")
