"""Alembic migrations, run from code (no alembic.ini).

Alembic is imported only inside the functions that need it, so that opening a database that is
already at the head revision never imports it (start-up time).

To write a new revision during development, against a scratch database at head:

    from alembic import command
    from sqlalchemy import create_engine
    from mutualaid_desktop.store.migrate import alembic_config
    with create_engine("sqlite:///scratch.sqlite3").connect() as conn:
        command.revision(alembic_config(conn), "what changes", autogenerate=True, rev_id="0003")

then edit the file by hand and update `SCHEMA_HEAD` in store/database.py.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text

from .errors import DatabaseError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")
VERSION_TABLE = "alembic_version"


def alembic_config(connection: Connection | None = None):
    """An `alembic.config.Config` for our scripts; env.py migrates `connection`."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _scripts():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    return _scripts().get_current_head()


def is_known_revision(revision: str) -> bool:
    return any(script.revision == revision for script in _scripts().walk_revisions())


def current_revision(connection: Connection) -> str | None:
    """The revision recorded in the database, or None when it has no version table or no row."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(rows) > 1:
        raise DatabaseError(
            f"数据库记录了多个结构版本（{', '.join(rows)}），无法判断其版本。",
            "请联系技术支持人员检查该数据库。",
        )
    return rows[0] if rows else None


def upgrade_to_head(engine: Engine) -> None:
    upgrade_to(engine, "head")


def upgrade_to(engine: Engine, revision: str) -> None:
    _run(engine, "upgrade", revision)


def downgrade_to(engine: Engine, revision: str) -> None:
    """Downgrade to `revision` ("base" removes every table). For development and tests."""
    _run(engine, "downgrade", revision)


def _run(engine: Engine, command_name: str, revision: str) -> None:
    """Run one alembic command in a single transaction.

    On SQLite, foreign keys are switched off on this connection while the scripts run (batch
    operations copy tables), and `PRAGMA foreign_key_check` must be clean before the commit.
    """
    from alembic import command

    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _set_foreign_keys(connection, on=False)  # outside a transaction, or it is a no-op
        try:
            with connection.begin():
                getattr(command, command_name)(alembic_config(connection), revision)
                if sqlite:
                    _check_foreign_keys(connection)
        finally:
            if sqlite:
                _set_foreign_keys(connection, on=True)
    log.info("database %s to %s", command_name, revision)


def _set_foreign_keys(connection: Connection, *, on: bool) -> None:
    driver = connection.connection.driver_connection
    assert driver is not None, "a connection checked out of the pool"
    driver.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def _check_foreign_keys(connection: Connection) -> None:
    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if problems:
        table, rowid, parent, _ = problems[0]
        log.error("foreign_key_check after migration: %d problems, first %s", len(problems), problems[0])
        raise DatabaseError(
            f"数据库升级后发现 {len(problems)} 处数据引用不一致"
            f"（例如表 {table} 第 {rowid} 行引用的 {parent} 记录不存在），升级已撤销，数据未改动。",
            "升级前的备份保存在备份文件夹中。请联系技术支持人员，并提供该数据库文件。",
        )
