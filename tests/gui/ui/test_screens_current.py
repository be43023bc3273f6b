"""Every screen shows current data without a restart: data changed from another screen (a service
call on the window's worker, as a screen makes it) or by another process (a second Python process
on the same file, as the command line or another counter) is found on the screen within the wait.

One table of cases: the screen, what it shows, the change, and how to find the change shown."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable

import pytest
from PySide6.QtWidgets import QApplication

import mutualaid_desktop
from mutualaid_desktop.paths import resources_dir
from mutualaid_desktop.services.users import UserInfo
from mutualaid_desktop.ui import change_watch
from mutualaid_desktop.ui.main_window import MainWindow
from tests.accounts import add_accounts
from tests.integration.services.review_data import YEAR, ClaimSpec, add_claims, review_counter

TODAY = date(YEAR, 11, 29)
ADMIN = UserInfo(90, "wang", "王管理", "admin")
ROOT = Path(mutualaid_desktop.__file__).resolve().parents[1]  # the code under test, for the other process
WAIT_MS = 10_000


@pytest.fixture
def counter(database):
    counter = review_counter(database, members=5)
    add_accounts(database, ADMIN)
    counter.claims = add_claims(database, counter, [ClaimSpec(member=k, received=date(YEAR, 6, 1))
                                                    for k in range(3)])
    return counter


@pytest.fixture
def window(qtbot, database, counter, monkeypatch):
    monkeypatch.setattr(change_watch, "POLL_MS", 200)  # other processes' commits: looked for often in tests
    win = MainWindow(database, ADMIN, run_check=False, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.is_page_built("home"), timeout=WAIT_MS)
    yield win
    win.shutdown()


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def in_window(qtbot, window, fn: Callable, *args: Any, **kwargs: Any) -> Any:
    """Run a service call on the window's worker, as a screen of the window does."""
    done: list = []
    window.worker.submit(fn, *args, on_result=lambda r: done.append(("ok", r)),
                         on_error=lambda e: done.append(("error", e)), **kwargs)
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS)
    outcome, value = done[0]
    if outcome == "error":
        raise value
    return value


def in_other_process(database, code: str) -> None:
    """Run `code` (with `db` open on the same file) in a second Python process, and wait for it."""
    script = ("import sys\nfrom datetime import date\n"
              "from mutualaid_desktop.services.users import UserInfo\n"
              "from mutualaid_desktop.store.database import open_database\n"
              "db = open_database(sys.argv[1], daily_backup=False)\n" + textwrap.dedent(code))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script, str(database.path)], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def cli(database, *args: str) -> None:
    """The command line, in its own process, on the window's database."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "mutualaid_desktop.cli", "--db", str(database.path), *args],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def user_code(user: UserInfo) -> str:
    return f"UserInfo({user.id!r}, {user.username!r}, {user.display_name!r}, {user.role!r})"


def plan_text(year: int) -> str:
    return (resources_dir() / "plans" / "shangluo-2027.toml").read_text(encoding="utf-8").replace("2027", str(year))


# --- the cases --------------------------------------------------------------------------------


@dataclass
class Case:
    """`screen` (a window page key, with the attribute of a tab), `shown(page) -> bool` once the change
    is there, the change made in this process (`here`) and in another (`there`)."""

    screen: str
    tab: str | None
    shown: Callable[[Any], bool]
    here: Callable[[Any, Any, Any], None]  # (qtbot, window, counter)
    there: Callable[[Any, Any], None]  # (database, counter)


def _add_unit_here(qtbot, window, counter):
    from mutualaid_desktop.services.units import add_unit

    in_window(qtbot, window, add_unit, window.db, ADMIN, code="611002-0010", name="商州区第十中学工会",
              parent_code="611002")


def _add_unit_there(database, counter):
    cli(database, "unit", "add", "--code", "611002-0010", "--name", "商州区第十中学工会", "--parent", "611002")


def _add_plan_here(qtbot, window, counter):
    from mutualaid_desktop.services.plans import add_plan_text

    in_window(qtbot, window, add_plan_text, window.db, ADMIN, plan_text(YEAR + 1))


def _add_plan_there(database, counter):
    in_other_process(database, f"""
        from mutualaid_desktop.services.plans import add_plan_text
        add_plan_text(db, {user_code(ADMIN)}, {plan_text(YEAR + 1)!r})
    """)


def _add_hospital_here(qtbot, window, counter):
    from mutualaid_desktop.services.hospitals import add_hospital

    in_window(qtbot, window, add_hospital, window.db, ADMIN, name="洛南县人民医院", grade=2)


def _add_hospital_there(database, counter):
    in_other_process(database, f"""
        from mutualaid_desktop.services.hospitals import add_hospital
        add_hospital(db, {user_code(ADMIN)}, name="洛南县人民医院", grade=2)
    """)


def _approve_here(qtbot, window, counter):
    from mutualaid_desktop.services.claims_review import approve

    in_window(qtbot, window, approve, window.db, counter.reviewer, counter.claims[0])


def _approve_there(database, counter):
    in_other_process(database, f"""
        from mutualaid_desktop.services.claims_review import approve
        approve(db, {user_code(counter.reviewer)}, {counter.claims[0]!r})
    """)


def _combo_has(combo_name: str, data: str) -> Callable[[Any], bool]:
    return lambda page: getattr(page, combo_name).findData(data) >= 0


def _hospital_offered(page) -> bool:
    combo = page.hospital_combo
    return any("洛南县人民医院" in combo.itemText(i) for i in range(combo.count()))


def _payable(page) -> int:
    return page.payable_model.rowCount()


def _queue(page) -> int:
    return page.model.rowCount()


CASES = {
    "参保 unit": Case("enrollment", None, _combo_has("unit_combo", "611002-0010"), _add_unit_here, _add_unit_there),
    "参保 plan": Case("enrollment", None, _combo_has("plan_combo", f"SL-ZY-{YEAR + 1}"), _add_plan_here,
                    _add_plan_there),
    "理赔受理 hospital": Case("intake", None, _hospital_offered, _add_hospital_here, _add_hospital_there),
    "给付 approved": Case("payout", None, lambda page: _payable(page) == 1, _approve_here, _approve_there),
    "理赔审核 queue": Case("review", None, lambda page: _queue(page) == 2, _approve_here, _approve_there),
}


def open_screen(qtbot, window, case: Case):
    window.show_page(case.screen)
    page = window.page(case.screen)
    if case.tab is not None:
        tab = getattr(page, case.tab)
        page.tabs.setCurrentWidget(tab)
        page = tab
    settle()
    return page


@pytest.mark.parametrize("name", list(CASES))
def test_a_change_made_by_another_screen_is_shown(qtbot, window, counter, name):
    case = CASES[name]
    page = open_screen(qtbot, window, case)
    qtbot.wait(300)  # its first load
    assert not case.shown(page)
    case.here(qtbot, window, counter)
    qtbot.waitUntil(lambda: case.shown(page), timeout=WAIT_MS)


@pytest.mark.parametrize("name", list(CASES))
def test_a_change_made_by_another_process_is_shown(qtbot, window, counter, database, name):
    case = CASES[name]
    page = open_screen(qtbot, window, case)
    qtbot.wait(300)
    assert not case.shown(page)
    case.there(database, counter)
    qtbot.waitUntil(lambda: case.shown(page), timeout=WAIT_MS)


def test_a_screen_out_of_sight_reloads_when_shown(qtbot, window, counter):
    case = CASES["参保 unit"]
    page = open_screen(qtbot, window, case)
    window.show_page("home")
    settle()
    case.here(qtbot, window, counter)
    settle()
    window.show_page("enrollment")
    qtbot.waitUntil(lambda: case.shown(page), timeout=WAIT_MS)
