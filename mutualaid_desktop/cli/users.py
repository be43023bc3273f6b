"""`mutualaid user add|list|role|disable|enable|password`: the accounts of the counter
(registered by parser.build_parser). The command line acts as a local administrator."""

from __future__ import annotations

import sys

from mutualaid_desktop.cli.common import EXIT_BAD_INPUT, EXIT_OK, CliFailure, open_db, print_json

# The roles are the service's (services/users checks them and lists them when one is unknown): no list here.
ROLE_HELP = "角色代码，如 clerk（经办人）；写错时会列出全部角色"


def _password(args) -> str:
    return sys.stdin.readline().rstrip("\r\n")


def _run(args, action) -> int:
    from mutualaid_desktop.services.admin.users import cli_user
    from mutualaid_desktop.services.errors import ServiceError

    with open_db(args) as db:
        try:
            row = action(db, cli_user())
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_BAD_INPUT) from exc
    if args.json:
        print_json(row.to_json_dict())
    else:
        state = "" if row.active else "（已停用）"
        print(f"{row.username}\t{row.display_name}\t{row.role_label}{state}")
    return EXIT_OK


def cmd_user_add(args) -> int:
    from mutualaid_desktop.services.admin.users import add_user

    password = _password(args)
    return _run(
        args,
        lambda db, admin: add_user(
            db, admin, username=args.username, display_name=args.name or "", role=args.role, password=password
        ),
    )


def cmd_user_role(args) -> int:
    from mutualaid_desktop.services.admin.users import set_user_role

    return _run(args, lambda db, admin: set_user_role(db, admin, args.username, args.role))


def cmd_user_disable(args) -> int:
    from mutualaid_desktop.services.admin.users import set_user_active

    return _run(args, lambda db, admin: set_user_active(db, admin, args.username, False))


def cmd_user_enable(args) -> int:
    from mutualaid_desktop.services.admin.users import set_user_active

    return _run(args, lambda db, admin: set_user_active(db, admin, args.username, True))


def cmd_user_password(args) -> int:
    from mutualaid_desktop.services.admin.users import reset_password

    password = _password(args)
    return _run(args, lambda db, admin: reset_password(db, admin, args.username, password))


def cmd_user_list(args) -> int:
    from mutualaid_desktop.services.admin.users import list_users

    with open_db(args) as db:
        users = list_users(db)
    if args.json:
        print_json({"users": [u.to_json_dict() for u in users]})
        return EXIT_OK
    for u in users:
        print(f"{u.username}\t{u.display_name}\t{u.role_label}{'' if u.active else '（已停用）'}")
    return EXIT_OK


def add_commands(command, sub) -> None:
    user = command("user", None, "用户账号（经办人、审核人、主管、管理员）")
    user_sub = user.add_subparsers(dest="user_command", required=True, metavar="COMMAND")
    p = command("add", cmd_user_add, "新增账号；密码从标准输入读取一行", user_sub)
    p.add_argument("username", metavar="USER")
    p.add_argument("--name", metavar="NAME", help="姓名")
    p.add_argument("--role", required=True, metavar="ROLE", help=ROLE_HELP)
    command("list", cmd_user_list, "列出账号", user_sub)
    p = command("role", cmd_user_role, "更改角色", user_sub)
    p.add_argument("username", metavar="USER")
    p.add_argument("role", metavar="ROLE", help=ROLE_HELP)
    p = command("disable", cmd_user_disable, "停用账号（账号不删除，审计记录中仍可查）", user_sub)
    p.add_argument("username", metavar="USER")
    p = command("enable", cmd_user_enable, "重新启用账号", user_sub)
    p.add_argument("username", metavar="USER")
    p = command("password", cmd_user_password, "重设密码；新密码从标准输入读取一行", user_sub)
    p.add_argument("username", metavar="USER")
