"""Integrity check of an open database: file structure, references, schema version, audit chain,
money rows against the digests in the audit log."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from .audit import verify_audit_chain
from .database import SCHEMA_HEAD, Database
from .migrate import current_revision
from .money_digest import differences

MAX_REPORTED = 20  # per kind of problem; the rest are counted
RESTORE_HINT = "请立即停止录入，联系管理员用最近一次完好的备份恢复数据库。"


def check_database(db: Database, *, full: bool = True) -> list[str]:
    """Problems found (Chinese, each saying what to do), or an empty list when all is well.

    `full` adds SQLite's `PRAGMA integrity_check`, which reads every page (minutes for a city's
    database)."""
    steps = []
    if db.is_sqlite:
        steps += [_file_structure] if full else []
        steps += [_foreign_keys]
    steps += [_schema_version, verify_audit_chain, _money_rows, _paid_enrollments]
    problems: list[str] = []
    with db.session(read_only=True) as session:
        for step in steps:
            try:
                problems += step(session)
            except (DBAPIError, sqlite3.Error) as exc:  # the next steps would fail the same way
                error = getattr(exc, "orig", None) or exc
                problems.append(f"数据库文件结构损坏，检查无法读完（{error}）。{RESTORE_HINT}")
                break
    return problems


def _file_structure(session: Session) -> list[str]:
    rows = [row[0] for row in _pragma(session.connection(), "integrity_check")]
    if rows == ["ok"]:
        return []
    return [*_capped(f"数据库文件结构损坏：{row}" for row in rows), RESTORE_HINT]


def _foreign_keys(session: Session) -> list[str]:
    rows = _pragma(session.connection(), "foreign_key_check")
    if not rows:
        return []
    found = (f"表 {table} 第 {rowid} 行引用的 {parent} 记录不存在。" for table, rowid, parent, _ in rows)
    return [*_capped(found), "数据之间的引用不一致：请联系技术支持人员核查，必要时用备份恢复。"]


def _schema_version(session: Session) -> list[str]:
    revision = current_revision(session.connection())
    if revision == SCHEMA_HEAD:
        return []
    return [
        f"数据库结构版本是 {revision or '（无）'}，本程序需要 {SCHEMA_HEAD}：请重新打开数据库以完成升级；"
        "如果数据库来自更新版本的程序，请安装最新版本。"
    ]


MONEY_HINT = "金额数据在程序之外被改动过：请暂停收款和给付，联系管理员用备份核对上述记录，查明原因后再继续办理。"


def _money_rows(session: Session) -> list[str]:
    """Payments, payout items, claim decisions and reversals as the audit log says they were written."""
    if _schema_version(session):
        return []  # an older schema: the digests are recorded by its migration
    found = differences(session)
    if not found:
        return []
    return [*_capped(d.message() for d in found), MONEY_HINT]


def _paid_enrollments(session: Session) -> list[str]:
    """An enrollment is paid only through a payment that is not voided and lists it."""
    rows = (
        session.execute(
            text(
                "SELECT e.id FROM enrollments e "
                "LEFT JOIN premium_payments p ON p.id = e.payment_id "
                "LEFT JOIN premium_payment_items i ON i.payment_id = e.payment_id AND i.enrollment_id = e.id "
                "WHERE e.status = 'paid' AND (p.id IS NULL OR p.voided OR i.enrollment_id IS NULL) ORDER BY e.id"
            )
        )
        .scalars()
        .all()
    )
    if not rows:
        return []
    found = (f"表 enrollments 第 {row} 行（参保记录）标为已缴费，却没有对应的有效缴费收据。" for row in rows)
    return [*_capped(found), MONEY_HINT]


def _pragma(connection: Connection, name: str) -> Sequence[Any]:
    return connection.exec_driver_sql(f"PRAGMA {name}").fetchall()


def _capped(problems) -> list[str]:
    problems = list(problems)
    if len(problems) > MAX_REPORTED:
        more = len(problems) - MAX_REPORTED
        problems = [*problems[:MAX_REPORTED], f"……另有 {more} 处同类问题。"]
    return problems
