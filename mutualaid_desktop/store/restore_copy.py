"""Restore, step 1: the backup is copied beside the database and checked before anything else.

The copy is made with SQLite's online backup API into a temporary name beside the database
(safe_files.temporary_name: a killed restore leaves a leftover that the next open removes),
checked with `integrity_check`, recognised as this program's database (a known schema revision,
exactly the program's tables and columns, consistent references), and an older revision is
migrated to the head in the copy. Free disk space is checked first, for this copy, for the
write into the database and for the pre-restore copy. Anything refused leaves the database
exactly as it was (RestoreRefused).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError

from mutualaid_desktop import safe_files

from .backup import (
    copy_into_new_file,
    database_size,
    free_space,
    integrity_problems,
    megabytes,
    space_needed,
)
from .errors import DatabaseError

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
OUR_TABLES = {"members", "org_units", "audit_log", "serials"}  # what makes a file look like ours


class RestoreRefused(DatabaseError):
    """The restore did not happen; the database is exactly as it was."""


def check_source(backup_file: Path, db_path: Path) -> None:
    if not backup_file.is_file():
        raise RestoreRefused(f"找不到备份文件 {backup_file}。", "请重新选择要恢复的备份文件。")
    try:
        if db_path.exists() and backup_file.resolve() == db_path:
            raise RestoreRefused(
                f"{backup_file} 就是当前的数据库文件，不能用它恢复它自己。", "请选择备份文件夹中的一个备份文件。"
            )
        with backup_file.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise RestoreRefused(
            f"无法读取备份文件 {backup_file}：{exc.strerror or exc}。未做恢复，当前数据没有任何改动。",
            "请检查该文件是否存在、是否有读取权限。",
        ) from exc
    if header != SQLITE_HEADER:
        raise _not_ours(backup_file, "不是数据库文件")


def check_space(backup_file: Path, db_path: Path, backup_dir: Path) -> None:
    """Refuse (about the disk) unless there is room for the checked copy of the backup and the
    write into the database (beside the database) and for the pre-restore copy (backup folder)."""
    incoming = space_needed(database_size(backup_file))
    current = space_needed(database_size(db_path)) if db_path.exists() else 0
    needs: dict[int, list] = {}
    for folder, size in ((db_path.parent, 2 * incoming), (backup_dir, current)):
        probe = folder
        while not probe.exists() and probe.parent != probe:
            probe = probe.parent
        entry = needs.setdefault(os.stat(probe).st_dev, [folder, 0])
        entry[1] += size
    for folder, needed in needs.values():
        free = free_space(folder)
        if free < needed:
            raise RestoreRefused(
                f"恢复没有进行：{folder} 所在的磁盘空间不足（需要约 {megabytes(needed)}，只剩 {megabytes(free)}）。"
                f"恢复前要先把当前数据库（{megabytes(database_size(db_path))}）复制到备份文件夹 {backup_dir}，"
                f"并在数据库旁放一份检查过的备份副本（{megabytes(database_size(backup_file))}）。当前数据没有任何改动。",
                "请清理该磁盘（例如把旧的备份复制到U盘或其他电脑后再删除），然后再恢复。",
            )


def prepare_copy(backup_file: Path, work: Path) -> str | None:
    """Copy the backup to `work`, check it, migrate it to the head; returns the backup's
    revision when it was older than the head."""
    from .database import SCHEMA_HEAD, connect_file

    _copy_file(backup_file, work)
    problems = integrity_problems(work)
    if problems:
        raise _unusable(backup_file, "; ".join(problems[:3]))
    revision, tables = _revision_and_tables(work)
    if revision is None:
        raise _not_ours(backup_file, "没有本程序的结构版本记录")
    migrated_from = None
    if revision != SCHEMA_HEAD:
        from .migrate import is_known_revision, upgrade_to_head

        if not is_known_revision(revision):
            if tables >= OUR_TABLES:
                raise RestoreRefused(
                    f"备份文件 {backup_file.name} 由更新版本的程序创建（结构版本 {revision}），本程序无法使用它。"
                    "未做恢复，当前数据没有任何改动。",
                    "请安装最新版本的互助保障柜台程序后再恢复，或选择本版本程序做的备份。",
                )
            raise _not_ours(backup_file, f"结构版本 {revision} 不是本程序的")
        db = connect_file(work)
        try:
            upgrade_to_head(db.engine)
        except (DatabaseError, DBAPIError, sqlite3.Error) as exc:
            log.warning("migrating the backup copy from %s failed: %s", revision, exc)
            raise _not_ours(backup_file, f"无法从结构版本 {revision} 升级") from exc
        finally:
            db.dispose()
        migrated_from = revision
    _check_schema(backup_file, work)
    single_file(work)
    return migrated_from


def _copy_file(backup_file: Path, work: Path) -> None:
    try:
        copy_into_new_file(backup_file, work)
    except sqlite3.Error as exc:
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL":
            raise RestoreRefused(
                f"恢复没有进行：{work.parent} 所在的磁盘已满，放不下备份的检查副本。当前数据没有任何改动。",
                "请清理该磁盘（例如把旧的备份复制到U盘或其他电脑后再删除），然后再恢复。",
            ) from exc
        raise _unusable(backup_file, str(exc)) from exc
    except OSError as exc:
        if safe_files.is_disk_full(exc):
            raise RestoreRefused(
                f"恢复没有进行：{work.parent} 所在的磁盘已满，放不下备份的检查副本。当前数据没有任何改动。",
                "请清理该磁盘（例如把旧的备份复制到U盘或其他电脑后再删除），然后再恢复。",
            ) from exc
        raise


def _revision_and_tables(path: Path) -> tuple[str | None, set[str]]:
    connection = sqlite3.connect(path)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" not in tables:
            return None, tables
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        return (str(rows[0][0]) if len(rows) == 1 else None), tables
    except sqlite3.Error:
        return None, set()
    finally:
        connection.close()


def _check_schema(backup_file: Path, work: Path) -> None:
    """The copy (at the head) has exactly the program's tables and columns, and consistent references."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from .models import Base

    engine = create_engine(f"sqlite:///{work}", poolclass=NullPool)
    try:
        with engine.connect() as connection:
            found = inspect(connection)
            tables = set(found.get_table_names())
            expected = set(Base.metadata.tables) | {"alembic_version"}
            if tables != expected:
                raise _not_ours(backup_file, "表结构与本程序的不同")
            for name, table in Base.metadata.tables.items():
                columns = {column["name"] for column in found.get_columns(name)}
                if columns != set(table.columns.keys()):
                    raise _not_ours(backup_file, f"表 {name} 的结构与本程序的不同")
            dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if dangling:
                raise _unusable(backup_file, f"{len(dangling)} 处数据引用不一致")
    finally:
        engine.dispose()


def single_file(work: Path) -> None:
    """Leave the copy as one file with a rollback journal (it may have been migrated in WAL)."""
    connection = sqlite3.connect(work)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()


def _unusable(backup_file: Path, detail: str) -> RestoreRefused:
    log.error("backup %s refused: %s", backup_file, detail)
    return RestoreRefused(
        f"备份文件 {Path(backup_file).name} 已损坏（{detail}），未做恢复，当前数据没有任何改动。",
        "请选择另一个备份文件（最好是日期较新的每日备份）。",
    )


def _not_ours(backup_file: Path, detail: str) -> RestoreRefused:
    log.error("backup %s refused: %s", backup_file, detail)
    return RestoreRefused(
        f"文件 {Path(backup_file).name} 不是本程序的数据库备份（{detail}），未做恢复，当前数据没有任何改动。",
        "请选择本程序备份文件夹中的备份文件（文件名形如 mutualaid-20261129-080000-daily.sqlite3）。",
    )
