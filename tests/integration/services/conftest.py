"""Fixtures of the service tests: a new, migrated counter database in tmp_path."""

from __future__ import annotations

import pytest

from mutualaid_desktop.services.session import open_counter_database


@pytest.fixture
def db(tmp_path):
    database = open_counter_database(tmp_path / "counter" / "mutualaid.sqlite3")
    yield database
    database.dispose()
