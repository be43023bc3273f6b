"""Where the program finds its resources and keeps its data by default."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "mutualaid-desktop"
APP_AUTHOR = "mutualaid"
DB_ENV = "MUTUALAID_DB"


def resources_dir() -> Path:
    """The resources folder: the source tree's `resources/`, or the installed copy."""
    source = Path(__file__).resolve().parent.parent / "resources"
    if (source / "fonts").is_dir():
        return source
    installed = Path(__file__).resolve().parent / "resources"
    return installed


def font_path() -> Path:
    return resources_dir() / "fonts" / "wqy-microhei.ttc"


def user_data_dir() -> Path:
    from platformdirs import user_data_dir as _user_data_dir

    return Path(_user_data_dir(APP_NAME, APP_AUTHOR))


def default_database_location(cli_value: str | None = None) -> str:
    """`--db` wins, then $MUTUALAID_DB, then `mutualaid.sqlite3` in the user's data folder."""
    if cli_value:
        return cli_value
    env = os.environ.get(DB_ENV)
    if env:
        return env
    return str(user_data_dir() / "mutualaid.sqlite3")


def handin_key_folder() -> Path:
    """Where a county counter keeps its hand-in signing key (交账密钥): the user's data folder, never the database."""
    return user_data_dir() / "handin-keys"
