"""`mutualaid handin`: county hand-in files (交账文件; registered by parser.build_parser; docs/handin.md).

    mutualaid [--db PATH] handin key show [--county CODE] [--out FILE]     (county: this counter's public key)
    mutualaid [--db PATH] handin key add --county CODE FILE [--replace-reason TEXT]   (city: register a key)
    mutualaid [--db PATH] handin export --year Y --month M --out FILE [--county CODE]   (county)
    mutualaid [--db PATH] handin import FILE [--json]                       (city)
    mutualaid [--db PATH] handin list [--json]                              (city: 交账情况)

Exit status: 0 done (an import of a file already imported too), 1 a file could not be written, 2 refused
(a month not closed, a tampered, unknown or out-of-order file, a key not registered...).
"""

from __future__ import annotations

from mutualaid_desktop.cli.common import EXIT_BAD_INPUT, EXIT_OK, EXIT_PROBLEM, CliFailure, open_db, print_json


def _run(args, action):
    from mutualaid_desktop.services.errors import ServiceError

    with open_db(args) as db:
        try:
            return action(db)
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc
        except OSError as exc:
            from mutualaid_desktop.safe_files import describe_write_error

            raise CliFailure(describe_write_error(getattr(args, "out", None) or "", exc), EXIT_PROBLEM) from exc


def _write(path: str, data: bytes) -> None:
    from mutualaid_desktop.safe_files import describe_write_error, write_bytes

    try:
        write_bytes(path, data)
    except OSError as exc:
        raise CliFailure(describe_write_error(path, exc), EXIT_PROBLEM) from exc


def cmd_key_show(args) -> int:
    from mutualaid_desktop.services.admin.user_identity import cli_user
    from mutualaid_desktop.services.handin.keys import own_key

    key = _run(args, lambda db: own_key(db, cli_user(), args.county))
    if args.out:
        _write(args.out, key.public.text().encode("utf-8"))
    if args.json:
        print_json({
            "county_code": key.public.county_code, "county_name": key.public.county_name,
            "public_key": key.public.key_b64, "fingerprint": key.fingerprint, "made": key.made, "out": args.out,
        })  # fmt: skip
        return EXIT_OK
    if key.made:
        print(f"已为{key.public.county_name}生成交账密钥（私钥只保存在本机：{key.private_path}）。")
    if args.out:
        print(f"公钥已保存到 {args.out}，请交给市总工会登记。")
    else:
        print(key.public.text(), end="")
    print(f"指纹：{key.fingerprint}（市总工会登记时请电话核对）")
    return EXIT_OK


def cmd_key_add(args) -> int:
    from pathlib import Path

    from mutualaid_desktop.services.admin.user_identity import cli_user
    from mutualaid_desktop.services.handin.keys import register_key

    try:
        with open(args.file, "rb") as f:
            data = f.read(8192)
    except OSError as exc:
        raise CliFailure(
            f"读不到公钥文件 {args.file}：{exc.strerror or exc}。请检查文件路径。", EXIT_BAD_INPUT
        ) from exc
    where = Path(args.file).name
    done = _run(
        args, lambda db: register_key(db, cli_user(), args.county, data, where, replace_reason=args.replace_reason)
    )
    if args.json:
        print_json({"county_code": done.county_code, "county_name": done.county_name,
                    "fingerprint": done.fingerprint, "changed": done.changed})  # fmt: skip
        return EXIT_OK
    if not done.changed:
        print(f"{done.county_name}（{done.county_code}）已登记这把公钥，没有改动。指纹：{done.fingerprint}")
    else:
        print(f"已登记{done.county_name}（{done.county_code}）的交账公钥。")
        print(f"指纹：{done.fingerprint}\n请打电话与县区核对这串指纹，一致才算登记完成；不一致请立即联系管理员。")
    return EXIT_OK


def cmd_export(args) -> int:
    from mutualaid_desktop.services.admin.user_identity import cli_user
    from mutualaid_desktop.services.handin.export import export_month

    r = _run(args, lambda db: export_month(db, cli_user(), args.year, args.month, args.out, args.county))
    if args.json:
        print_json({
            "county_code": r.county_code, "year": r.year, "month": r.month, "sequence": r.sequence,
            "version": r.version, "sha256": r.sha256, "fingerprint": r.fingerprint, "again": r.again,
            "out": str(r.path),
        })  # fmt: skip
        return EXIT_OK
    again = "（这次月结已导出过，写出的是同一个文件）" if r.again else ""
    print(f"已导出{r.county_name}{r.label}交账文件：第 {r.version} 版，序号 {r.sequence}{again} → {r.path}")
    if r.key_made:
        print("本机第一次交账，已生成交账密钥：请用 handin key show --out 文件 导出公钥，交市总工会登记。")
    return EXIT_OK


def cmd_import(args) -> int:
    from mutualaid_desktop.services.admin.user_identity import cli_user
    from mutualaid_desktop.services.handin.imports import import_file

    r = _run(args, lambda db: import_file(db, cli_user(), args.file))
    if args.json:
        print_json({
            "state": r.state, "county_code": r.county_code, "county_name": r.county_name, "year": r.year,
            "month": r.month, "sequence": r.sequence, "version": r.version, "replaced_version": r.replaced_version,
            "gaps": list(r.gaps), "message": r.message,
        })  # fmt: skip
    else:
        print(r.message)
    return EXIT_OK


def cmd_list(args) -> int:
    from mutualaid_desktop.services.admin.user_identity import cli_user
    from mutualaid_desktop.services.handin.status import handin_status

    rows = _run(args, lambda db: handin_status(db, cli_user()))
    if args.json:
        print_json({"counties": [c.to_json() for c in rows]})
        return EXIT_OK
    if not rows:
        print("还没有登记交账的县区（handin key add --county 代码 公钥文件）。")
    for c in rows:
        last = (
            f"{c.last.year}年{c.last.month}月 第 {c.last.version} 版 序号 {c.last.sequence} {c.last.imported_at:%Y-%m-%d %H:%M}"
            if c.last
            else "还没有交账"
        )
        due = f"{c.due_year}年{c.due_month}月：{c.state_label}（{c.due_by:%m月%d日}前）"
        gaps = f"\t缺序号 {'、'.join(map(str, c.gaps))}" if c.gaps else ""
        print(f"{c.county_name}（{c.county_code}）\t最近交账 {last}\t{due}{gaps}")
    return EXIT_OK


def add_commands(command, sub) -> None:
    """The `handin` command group, with the parser's `command` helper."""
    group = command("handin", None, "县区交账文件：密钥、导出、导入、交账情况")
    group_sub = group.add_subparsers(dest="handin_command", required=True, metavar="COMMAND")
    key = command("key", None, "交账密钥", group_sub)
    key_sub = key.add_subparsers(dest="key_command", required=True, metavar="COMMAND")
    show = command("show", cmd_key_show, "显示本柜台的交账公钥和指纹（第一次使用时生成密钥）", key_sub)
    show.add_argument(
        "--county", metavar="CODE", default=None, help="本柜台交账的县区代码（单位树只有一个县区时不用填）"
    )
    show.add_argument("--out", metavar="FILE", default=None, help="把公钥保存到文件，交市总工会登记")
    add = command("add", cmd_key_add, "登记县区交来的公钥（市总工会，管理员）", key_sub)
    add.add_argument("--county", required=True, metavar="CODE", help="县区代码")
    add.add_argument("file", metavar="FILE", help="县区的公钥文件")
    add.add_argument("--replace-reason", metavar="TEXT", default=None, help="更换已登记的公钥时，说明原因")
    export = command("export", cmd_export, "导出已月结月份的交账文件（县区，主管）", group_sub)
    export.add_argument("--year", required=True, type=int, metavar="YEAR", help="年份，如 2026")
    export.add_argument("--month", required=True, type=int, metavar="M", help="月份 1—12")
    export.add_argument("--out", required=True, metavar="FILE", help="交账文件，如 交账-2026-10.json")
    export.add_argument(
        "--county", metavar="CODE", default=None, help="本柜台交账的县区代码（单位树只有一个县区时不用填）"
    )
    imp = command("import", cmd_import, "导入县区的交账文件（市总工会，主管）", group_sub)
    imp.add_argument("file", metavar="FILE", help="交账文件")
    command("list", cmd_list, "交账情况：各县区最近交账的月份、按时/逾期/未交、缺的序号", group_sub)
