"""`mutualaid init|demo|check|backup|restore`: the commands on the database as a whole."""

from __future__ import annotations

import sys
from pathlib import Path

from mutualaid_desktop.cli.common import EXIT_BAD_INPUT, EXIT_OK, EXIT_PROBLEM, CliFailure, open_db, print_json


def cmd_init(args) -> int:
    from mutualaid_desktop.services.admin.counter_setup import set_org_name
    from mutualaid_desktop.services.admin.users import cli_user, create_first_admin
    from mutualaid_desktop.services.errors import ServiceError

    if args.admin and not args.password_stdin:
        raise CliFailure("创建管理员需要同时给出 --password-stdin，并从标准输入提供密码。", EXIT_BAD_INPUT)
    if args.password_stdin and not args.admin:
        raise CliFailure("--password-stdin 需要和 --admin 用户名一起使用。", EXIT_BAD_INPUT)
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else None
    with open_db(args) as db:
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
            print_json(
                {"database": str(location), "org_name": args.org_name, "admin": admin.username if admin else None}
            )
        else:
            print(f"数据库已就绪：{location}")
            if admin:
                print(f"已创建管理员：{admin.username}")
    return EXIT_OK


def cmd_demo(args) -> int:
    from mutualaid_desktop.services.admin.demo import generate_demo
    from mutualaid_desktop.services.admin.users import cli_user
    from mutualaid_desktop.services.errors import ServiceError

    if args.members < 1:
        raise CliFailure("--members 至少为 1。", EXIT_BAD_INPUT)
    with open_db(args) as db:

        def progress(stage: str) -> None:
            if not args.json:
                print(stage, file=sys.stderr, flush=True)

        try:
            report = generate_demo(
                db, members=args.members, seed=args.seed, progress=progress, username=cli_user().username
            )
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_PROBLEM) from exc
    if args.json:
        print_json(report.to_json_dict())
    else:
        for label, value in report.lines():
            print(f"{label}：{value}")
    return EXIT_OK


def cmd_check(args) -> int:
    from mutualaid_desktop.services.session import run_full_check

    with open_db(args) as db:
        problems = run_full_check(db)
    if args.json:
        print_json({"ok": not problems, "problems": problems})
    elif problems:
        print("数据库检查发现问题：", file=sys.stderr)
        for p in problems:
            print(f"- {p}", file=sys.stderr)
        print("请先备份当前文件，再用 mutualaid restore 从最近的完好备份恢复，或联系技术支持。", file=sys.stderr)
    else:
        print("数据库检查通过：文件完整，外键一致，审计日志链完整，金额数据与审计记录相符。")
    return EXIT_OK if not problems else EXIT_PROBLEM


def cmd_backup(args) -> int:
    from mutualaid_desktop.services.admin.maintenance import backup_now
    from mutualaid_desktop.services.errors import ServiceError

    with open_db(args) as db:
        try:
            path = backup_now(db, Path(args.to) if args.to else None)
        except ServiceError as exc:
            raise CliFailure(exc.message, EXIT_PROBLEM) from exc
    if args.json:
        print_json({"backup": str(path), "checked": True})
    else:
        print(f"已备份到：{path}（已检查，备份完好）")
    return EXIT_OK


def cmd_restore(args) -> int:
    from mutualaid_desktop.paths import default_database_location
    from mutualaid_desktop.services.admin.users import cli_user
    from mutualaid_desktop.services.session import restore_database
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
        raise CliFailure(
            f"恢复没有完成：{exc.strerror or exc}（{exc.filename or location}）。\n"
            "请检查数据库所在文件夹的写入权限和磁盘空间，然后再试。",
            EXIT_PROBLEM,
        ) from exc
    if args.json:
        print_json(report.to_json_dict())
    else:
        for line in report.summary():
            print(line)
    return EXIT_OK


def add_commands(command, sub) -> None:
    """Register `init`, `demo`, `check`, `backup` and `restore` (called from parser.build_parser)."""
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
