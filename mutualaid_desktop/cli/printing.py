"""`mutualaid print ...`: papers printed from the command line (registered by parser.build_parser).

mutualaid [--db PATH] print claim-documents-notice --plan CODE --out FILE.pdf
mutualaid [--db PATH] print payout-batch-list --batch PF2026-0001 --out FILE.pdf
mutualaid [--db PATH] print renewal-reminders --year 2026 [--county CODE] [--unit CODE] --out DIR|FILE.pdf [--force] [--sent]
mutualaid [--db PATH] print member-leaflet --plan CODE --out FILE.pdf
"""

from __future__ import annotations

import sys
from decimal import Decimal

from mutualaid_desktop.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_PROBLEM,
    CliFailure,
    open_db,
    print_json,
    require_suffix,
)


def _cannot_write(path: str, exc: OSError) -> CliFailure:
    """A file that cannot be written (a full disk, no rights, a missing folder): said in Chinese, exit 1.
    The previous file of that name is unchanged (every paper is written through safe_files)."""
    from mutualaid_desktop.safe_files import describe_write_error

    return CliFailure(describe_write_error(path, exc), EXIT_PROBLEM)


def _warn_of_counter_info(db, kind: str) -> None:
    """The warning the preview gives before a paper of `kind` that prints the counter's address, phone and
    hours is printed with some of them not filled in (services/counter_setup.counter_info_warning)."""
    from mutualaid_desktop.services.admin.counter_setup import counter_info_warning

    if warning := counter_info_warning(db, kind):
        print(f"注意：{warning}", file=sys.stderr)


def _make_paper(args, make, *, kind: str | None = None):
    """Check --out, open the database and return what `make(db)` made; refused (CliFailure) with what is
    wrong: bad input, a refusal of the service, a file that cannot be written.
    With `kind`, warns when the paper prints counter information that is not filled in."""
    from mutualaid_desktop.services.errors import ServiceError

    require_suffix(args.out, ".pdf", "--out 告知单.pdf")
    with open_db(args) as db:
        try:
            made = make(db)
            if kind is not None:
                _warn_of_counter_info(db, kind)
            return made
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc
        except OSError as exc:
            raise _cannot_write(args.out, exc) from exc


def cmd_print_claim_documents_notice(args) -> int:
    from mutualaid_desktop.services.claims.claim_documents import print_claim_documents_notice

    path = _make_paper(
        args, lambda db: print_claim_documents_notice(db, args.plan, args.out), kind="claim_documents_notice"
    )
    if args.json:
        print_json({"paper": "claim_documents_notice", "plan": args.plan, "path": str(path)})
    else:
        print(f"已生成理赔材料告知单：{path}")
    return EXIT_OK


def cmd_print_payout_batch_list(args) -> int:
    from mutualaid_desktop.services.admin.users import cli_user
    from mutualaid_desktop.services.payouts.payouts import print_batch_list

    paper, path = _make_paper(args, lambda db: print_batch_list(db, cli_user(), args.batch, args.out))
    if args.json:
        print_json(
            {
                "paper": "payout_batch_list",
                "batch": paper.batch_number,
                "count": paper.count,
                "total": str(paper.total),
                "copy_number": paper.copy_number,
                "path": str(path),
            }
        )
    else:
        copy = f"（补打第 {paper.copy_number} 次）" if paper.copy_number else ""
        print(f"已生成给付清单 {paper.batch_number}{copy}：{paper.count} 笔，合计 {paper.total}，{path}")
    return EXIT_OK


def cmd_print_member_leaflet(args) -> int:
    from mutualaid_desktop.services.admin.users import cli_user
    from mutualaid_desktop.services.papers.leaflet import print_member_leaflet
    from mutualaid_desktop.services.papers.printed_papers import issue_paper

    def make(db):
        path = print_member_leaflet(db, args.plan, args.out)
        # a handout: recorded as its next copy (第 n 份, no printer: printed outside the program)
        return path, issue_paper(db, cli_user(), kind="member_leaflet", serial=args.plan)

    path, record = _make_paper(args, make, kind="member_leaflet")
    if args.json:
        print_json({"paper": "member_leaflet", "plan": args.plan, "path": str(path)})
    else:
        print(f"已生成温馨提示（{record.copy_label}）：{path}")
    return EXIT_OK


def cmd_print_renewal_reminders(args) -> int:
    from mutualaid_desktop.services.admin.users import cli_user
    from mutualaid_desktop.services.errors import ServiceError
    from mutualaid_desktop.services.renewal.renewal_reminders import prepare_reminders, print_reminders

    if args.county and args.unit:
        raise CliFailure("请只指定 --county 或 --unit 之一。", EXIT_BAD_INPUT)
    with open_db(args) as db:
        try:
            request = prepare_reminders(db, args.year, county=args.county, unit=args.unit)
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc
        total_units = request.unit_count
        skipped = request.not_reminded
        print(
            f"续保提示单：{total_units} 个单位，{request.member_count} 人（未列入：已续保或待缴费 {skipped.get('renewed', 0)} 人，"
            f"超出参保年龄 {skipped.get('over_age', 0)} 人，已登记离开 {skipped.get('left', 0)} 人；"
            f"{request.units_done} 个单位已无需提示，不生成）",
            file=sys.stderr,
        )
        _warn_of_counter_info(db, "renewal_reminder")
        step = max(1, total_units // 50)
        sums = {"due": Decimal(0)}

        def progress(n, unit):
            sums["due"] += unit.total_due
            if n % step == 0 or n == total_units:
                print(f"  {n}/{total_units} {unit.unit_code}", file=sys.stderr)

        try:  # recorded as printed papers (打印记录), by the command line's user
            files = print_reminders(
                db, request, args.out, progress=progress, user=cli_user(), overwrite=args.force, sent=args.sent
            )
        except OSError as exc:
            raise _cannot_write(args.out, exc) from exc
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc
    total = sums["due"]
    if args.json:
        print_json(
            {
                "units": total_units,
                "members": request.member_count,
                "total_due": str(total),
                "files": [str(f) for f in files],
            }
        )
    else:
        print(
            f"已生成续保提示单：{total_units} 个单位，{request.member_count} 人，应缴合计 {total}，"
            f"{len(files)} 个文件，{args.out}"
        )
    return EXIT_OK


def add_commands(command, sub) -> None:
    """The `print` command group, with the parser's `command` helper."""
    group = command("print", None, "打印纸件（PDF）")
    group_sub = group.add_subparsers(dest="print_command", required=True, metavar="PAPER")
    p = command(
        "claim-documents-notice",
        cmd_print_claim_documents_notice,
        "理赔材料告知单（放在医院入院处）：所需材料、申请期限、柜台地址电话",
        group_sub,
    )
    p.add_argument("--plan", required=True, metavar="CODE", help="计划代码，如 SL-ZY-2027")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p = command(
        "member-leaflet",
        cmd_print_member_leaflet,
        "温馨提示（给会员）：缴费标准、保障内容、观察期、如何申请、申请期限、服务柜台",
        group_sub,
    )
    p.add_argument("--plan", required=True, metavar="CODE", help="计划代码，如 SL-ZY-2027")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p = command("payout-batch-list", cmd_print_payout_batch_list, "给付清单（供签字）", group_sub)
    p.add_argument("--batch", required=True, metavar="PF年份-编号")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p = command(
        "renewal-reminders",
        cmd_print_renewal_reminders,
        "续保提示单（每单位一份）：--out 以 .pdf 结尾为合并文件，否则为目录（每单位一个文件）",
        group_sub,
    )
    p.add_argument("--year", required=True, type=int, metavar="YEAR", help="到期的计划年度，如 2026")
    p.add_argument("--county", metavar="CODE", help="只打印这个县区的单位")
    p.add_argument("--unit", metavar="CODE", help="只打印这个单位")
    p.add_argument("--out", required=True, metavar="DIR|FILE.pdf")
    p.add_argument("--force", action="store_true", help="覆盖已有的同名文件（不加时，已有同名文件则不生成）")
    p.add_argument(
        "--sent",
        action="store_true",
        help="这些文件将直接发给单位：记为已发出（下次提示单为“第 n+1 次提示”）；不加时，打印或标记发出后才计数",
    )
