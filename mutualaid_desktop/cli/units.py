"""`mutualaid unit add|list` and `mutualaid member find`: the commands of the union tree and of
members (registered by parser.build_parser)."""

from __future__ import annotations

from mutualaid_desktop.cli.common import EXIT_BAD_INPUT, EXIT_OK, CliFailure, open_db, print_json


def cmd_unit_add(args) -> int:
    from mutualaid_desktop.services.admin.units import add_unit
    from mutualaid_desktop.services.admin.users import cli_user
    from mutualaid_desktop.services.errors import ServiceError

    with open_db(args) as db:
        try:
            node = add_unit(
                db,
                cli_user(),
                code=args.code,
                name=args.name,
                parent_code=args.parent,
                contact_person=args.contact,
                phone=args.phone,
                address=args.address,
                headcount=args.headcount,
            )
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc
    if args.json:
        print_json(node.to_json_dict())
    else:
        under = f"，上级 {node.parent_code}" if node.parent_code else ""
        print(f"已添加{node.kind_label} {node.code} {node.name}{under}")
    return EXIT_OK


def cmd_unit_list(args) -> int:
    from mutualaid_desktop.services.admin.units import list_units

    with open_db(args) as db:
        units = list_units(db)
    if args.json:
        print_json({"units": [u.to_json_dict() for u in units]})
        return EXIT_OK
    if not units:
        print("还没有单位。用 mutualaid unit add --code 代码 --name 名称 添加市总工会。")
    indent = {"city": "", "county": "  ", "unit": "    "}
    for u in units:
        state = "" if u.active else "  （已停用）"
        heads = f"  职工 {u.total_headcount}" if u.total_headcount is not None else ""
        print(f"{indent.get(u.kind, '')}{u.code}\t{u.name}\t会员 {u.members}{heads}{state}")
    return EXIT_OK


def cmd_member_find(args) -> int:
    from mutualaid_desktop.services.enrollment.members import search_members

    if args.limit < 1:
        raise CliFailure("--limit 至少为 1。", EXIT_BAD_INPUT)
    if not args.query.strip():
        raise CliFailure("请给出要查找的身份证号码（全部或后4-6位）、姓名或电话号码。", EXIT_BAD_INPUT)
    with open_db(args) as db:
        rows = search_members(db, args.query, limit=args.limit)
    if args.json:
        print_json({"query": args.query, "members": [r.to_json_dict() for r in rows]})
        return EXIT_OK
    if not rows:
        print("没有找到相符的会员。请核对身份证号码（全部或后4-6位）、姓名或电话号码。")
    for r in rows:
        print(
            f"{r.id_number}\t{r.name}\t{r.sex_label}\t{r.age}岁\t{r.unit_name or ''}\t{r.phone or ''}\t{r.cover_label}"
        )
    return EXIT_OK


def add_commands(command, sub) -> None:
    """The `unit` and `member` command groups, with the parser's `command` helper."""
    unit = command("unit", None, "单位（工会组织树：市总工会、县区总工会、基层工会）")
    unit_sub = unit.add_subparsers(dest="unit_command", required=True, metavar="COMMAND")
    p = command("add", cmd_unit_add, "新增单位：县区总工会（上级为市总工会）或基层工会（上级为县区总工会）", unit_sub)
    p.add_argument("--code", required=True, metavar="CODE", help="单位代码（不能重复）")
    p.add_argument("--name", required=True, metavar="NAME", help="单位名称")
    p.add_argument("--parent", metavar="CODE", help="上级单位代码；不写则新建市总工会（仅当还没有时）")
    p.add_argument("--contact", metavar="NAME", help="联系人")
    p.add_argument("--phone", metavar="PHONE", help="联系电话")
    p.add_argument("--address", metavar="TEXT", help="地址")
    p.add_argument("--headcount", metavar="N", help="职工总数")
    command("list", cmd_unit_list, "列出单位（树形），含会员人数", unit_sub)

    member = command("member", None, "会员")
    member_sub = member.add_subparsers(dest="member_command", required=True, metavar="COMMAND")
    p = command("find", cmd_member_find, "查找会员：身份证号码（全部、开头或后4-6位）、姓名或电话号码", member_sub)
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="最多列出几人（默认 20）")
