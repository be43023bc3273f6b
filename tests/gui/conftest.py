"""GUI tests: the real widgets on Qt's offscreen platform, with a real database in tmp_path.

Qt warnings fail a test here (pytest-qt's qt_log_level_fail): a screen that makes Qt complain
is a bug. Only the offscreen platform's notes on what it cannot do are let through. Settings (QSettings) go to a temporary folder, never to the user's.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

GUI_DIR = Path(__file__).resolve().parent


# What Qt's offscreen platform says about what it cannot do (it has no window manager): not a
# fault of the program, and not said on a real desktop.
OFFSCREEN_LIMITS = r"^This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if GUI_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS))


@pytest.fixture(scope="session", autouse=True)
def _isolated_settings(tmp_path_factory):
    folder = tmp_path_factory.mktemp("qsettings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(folder / "system"))
    QCoreApplication.setOrganizationName("mutualaid-test")
    QCoreApplication.setApplicationName("mutualaid-desktop-test")
    yield folder


@pytest.fixture(scope="session", autouse=True)
def _application_look(qapp, _isolated_settings):
    """The program's font, the Chinese catalogue and the focus frame, as app.main sets them up."""
    from mutualaid_desktop.ui.shell.fonts import install_application_font
    from mutualaid_desktop.ui.shell.translations import install_translators

    install_application_font(qapp)
    install_translators(qapp, "zh")
    from mutualaid_desktop.ui.shell.focus_style import install_focus_style

    install_focus_style(qapp)
    yield qapp


@pytest.fixture(autouse=True)
def _clean_settings():
    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture
def db_location(tmp_path) -> Path:
    return tmp_path / "counter" / "mutualaid.sqlite3"


@pytest.fixture
def database(db_location):
    """A new, migrated counter database in tmp_path."""
    from mutualaid_desktop.services.session import open_counter_database

    db = open_counter_database(str(db_location))
    yield db
    db.dispose()


@pytest.fixture
def admin(database):
    from mutualaid_desktop.services.admin.users import create_first_admin

    return create_first_admin(database, "admin", "王芳", "secret123")


@pytest.fixture
def worker():
    from mutualaid_desktop.ui.shell.task_runner import TaskRunner

    w = TaskRunner("test-worker")  # the window's task runner, as app.py hands it to every screen
    yield w
    w.shutdown()


@pytest.fixture
def opened(monkeypatch):
    """The PDFs the screens would open in the system's viewer (none is opened)."""
    from mutualaid_desktop.ui.enrollment import payment_dialog

    paths = []
    monkeypatch.setattr(payment_dialog, "open_pdf", lambda path, **kw: paths.append(path) or True)
    return paths
