"""Every screen shows current data without a restart: data changed from another screen (a service
call on the window's worker, as a screen makes it) or by another process (a second Python process
on the same file, as the command line or another counter) is found on the screen within the wait.

One table of cases: the screen, what it shows, the change, and how to find the change shown."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

import mutualaid_desktop
from mutualaid_desktop.paths import resources_dir
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.ui.shell import change_watch
from mutualaid_desktop.ui.shell.main_window import MainWindow
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
    counter.claims = add_claims(database, counter, [ClaimSpec(member=k, received=date(YEAR, 6, 1)) for k in range(3)])
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
    window.worker.submit(
        fn, *args, on_result=lambda r: done.append(("ok", r)), on_error=lambda e: done.append(("error", e)), **kwargs
    )
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS)
    outcome, value = done[0]
    if outcome == "error":
        raise value
    return value


def in_other_process(database, code: str) -> None:
    """Run `code` (with `db` open on the same file) in a second Python process, and wait for it."""
    script = (
        "import sys\nfrom datetime import date\n"
        "from mutualaid_desktop.services.admin.users import UserInfo\n"
        "from mutualaid_desktop.store.database import open_database\n"
        "db = open_database(sys.argv[1], daily_backup=False)\n" + textwrap.dedent(code)
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script, str(database.path)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr


def cli(database, *args: str) -> None:
    """The command line, in its own process, on the window's database."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "mutualaid_desktop.cli", "--db", str(database.path), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def user_code(user: UserInfo) -> str:
    return f"UserInfo({user.id!r}, {user.username!r}, {user.display_name!r}, {user.role!r})"


def plan_text(year: int) -> str:
    return (resources_dir() / "plans" / "shangluo-2027.toml").read_text(encoding="utf-8").replace("2027", str(year))


# --- the cases --------------------------------------------------------------------------------

# What every change snippet may use: `db`, the services, the users (as UserInfo) and the claims.
PRELUDE = """
from datetime import date
from mutualaid_desktop.services.claims import claims_review
from mutualaid_desktop.services.admin import counter_setup, hospitals, plans
from mutualaid_desktop.services.enrollment import members
from mutualaid_desktop.services.papers import paper_texts
from mutualaid_desktop.services.papers import print_settings
from mutualaid_desktop.services.admin import units, users
from mutualaid_desktop.services.claims.decision_notices import print_decision_notice
from mutualaid_desktop.services.statistics import targets
"""


def run_change(db, code: str, names: dict) -> None:
    """`code` (a change snippet) with `db` and `names`: in this process, on the window's worker."""
    exec(compile(PRELUDE + textwrap.dedent(code), "<change>", "exec"), {"db": db, **names})


def names_of(counter) -> dict:
    return {
        "ADMIN": ADMIN,
        "REVIEWER": counter.reviewer,
        "CLAIMS": counter.claims,
        "YEAR": YEAR,
        "TODAY": TODAY,
        "NEXT_PLAN": plan_text(YEAR + 1),
    }


def names_code(counter) -> str:
    """The same names, for the other process."""
    return "\n".join(
        [
            f"ADMIN = {user_code(ADMIN)}",
            f"REVIEWER = {user_code(counter.reviewer)}",
            f"CLAIMS = {counter.claims!r}",
            f"YEAR = {YEAR}",
            f"TODAY = date({TODAY.year}, {TODAY.month}, {TODAY.day})",
            f"NEXT_PLAN = {plan_text(YEAR + 1)!r}",
            "",
        ]
    )


ADD_UNIT = 'units.add_unit(db, ADMIN, code="611002-0010", name="商州区第十中学工会", parent_code="611002")'
ADD_PLAN = "plans.add_plan_text(db, ADMIN, NEXT_PLAN)"
ADD_HOSPITAL = 'hospitals.add_hospital(db, ADMIN, name="洛南县人民医院", grade=2)'
APPROVE = "claims_review.approve(db, REVIEWER, CLAIMS[0])"
APPROVE_AND_PRINT = APPROVE + "\nprint_decision_notice(db, REVIEWER, CLAIMS[0])"
ADD_USER = 'users.add_user(db, ADMIN, username="zhao", display_name="赵经办", role="clerk", password="counter-2026")'
COUNTER_INFO = 'counter_setup.set_counter_info(db, ADMIN, counter_setup.CounterInfo("商洛市总工会服务站"))'
PRINT_SETTINGS = "print_settings.set_print_settings(db, ADMIN, print_settings.PrintSettings(without_dialog=True))"
PAPER_TEXTS = 'paper_texts.save_paper_texts(db, ADMIN, footer="本提示由商洛市总工会印制")'
TAKE_PREMIUM = """
from mutualaid_desktop.domain.idcard import make_id_number
from mutualaid_desktop.services.enrollment import enrollment, payments
plans.add_plan_text(db, ADMIN, NEXT_PLAN)
new = enrollment.enroll_member(db, ADMIN, id_number=make_id_number("611002", date(1985, 3, 3), 77), name="赵新会",
                               unit_code="611002-0001", plan_code=f"SL-ZY-{YEAR + 1}", today=TODAY)
due = payments.due_for(db, enrollment_ids=[new.enrollment_id], paid_on=TODAY)
payments.record_payment(db, ADMIN, enrollment_ids=[new.enrollment_id], payer_unit_code="611002-0001",
                        amount=due.total, method="cash", paid_on=TODAY, today=TODAY)
"""
ADD_COUNTY = 'units.add_unit(db, ADMIN, code="611024", name="山阳县总工会", parent_code="6110")'
SET_TARGET = 'targets.set_target(db, ADMIN, year=YEAR, unit_code="611002", premiums="1234567.80")'
# 统计 → 交账: a county's key registered and its October file made beside the database (setup), then imported
HANDIN_READY = """
from pathlib import Path
from tests.gui.ui.statistics.handin_data import handed_in_file
handed_in_file(db, ADMIN, Path(db.path).parent / "handin")
"""
IMPORT_HANDIN = """
from pathlib import Path
from mutualaid_desktop.services.handin.imports import import_file
import_file(db, ADMIN, Path(db.path).parent / "handin" / "handin-611024.json")
"""
ENROLL_IN_NEXT = """
from mutualaid_desktop.domain.idcard import make_id_number
from mutualaid_desktop.services.enrollment import enrollment
enrollment.enroll_member(db, ADMIN, id_number=make_id_number("611002", date(1985, 3, 3), 77), name="赵新会",
                         unit_code="611002-0001", plan_code=f"SL-ZY-{YEAR + 1}", today=TODAY)
"""
RENAME_HOSPITAL = """
[found] = hospitals.list_hospitals(db)
hospitals.update_hospital(db, ADMIN, found.id, name="商洛市中心医院东院")
"""
ENROLL_NEW = ADD_PLAN + ENROLL_IN_NEXT
MAKE_BATCH = (
    APPROVE + "\nfrom mutualaid_desktop.services.payouts import payouts\npayouts.create_batch(db, ADMIN, [CLAIMS[0]])"
)


def rename_member(old: str, new: str) -> str:
    return f"""
[found] = members.search_members(db, {old!r}, today=TODAY)
members.update_member(db, ADMIN, found.id, {{"name": {new!r}}})
"""


RENAME_MEMBER = rename_member("张秀英", "张新名")  # who has a claim waiting for review (CLAIMS[2])


@dataclass
class Case:
    """`screen` (a window page key) and its `tab` (an attribute of the page), `shown(page)` once the
    change is there, `change` a snippet (run here on the window's worker, or in another process);
    `cli` the command line's words for the same change, when the other process should be the CLI."""

    screen: str
    tab: str | None
    shown: Callable[[Any], bool]
    change: str
    cli: tuple[str, ...] = ()
    before: Callable[[Any], None] | None = None  # what the clerk does on the screen first
    ready: Callable[[Any], bool] | None = None  # once that is done
    setup: str = ""  # a snippet run in the window before the screen is looked at (its own report read)


def _handed_in(page, county: str) -> bool:
    """The 交账 window opened from 统计 shows a file handed in by `county`."""
    sides = page.handin_window.page.sides
    return any(c.county_code == county and c.last is not None for c in sides.status)


def _combo_has(combo_name: str, data: str) -> Callable[[Any], bool]:
    return lambda page: getattr(page, combo_name).findData(data) >= 0


def _hospital_offered(page) -> bool:
    combo = page.hospital_combo
    return any("洛南县人民医院" in combo.itemText(i) for i in range(combo.count()))


def _text_offered(combo_name: str, text: str) -> Callable[[Any], bool]:
    def offered(page) -> bool:
        combo = getattr(page, combo_name)
        return any(text in combo.itemText(i) for i in range(combo.count()))

    return offered


def _unit_members(code: str, count: int) -> Callable[[Any], bool]:
    return lambda page: any(node.code == code and node.members == count for node in page.model.nodes())


def _rows_have(attribute: str, value: Any) -> Callable[[Any], bool]:
    return lambda page: any(getattr(row, attribute, None) == value for row in page.model.rows())


def _names(model) -> list[str]:
    return [row.member_name for row in model.rows()]


def _search(text: str) -> Callable[[Any], None]:
    return lambda page: page.search(text)


def _open_member(name: str) -> Callable[[Any], None]:
    def open_member(page) -> None:
        from mutualaid_desktop.services.enrollment.members import search_members

        [found] = search_members(page._db, name, today=TODAY)
        page.open_member(found.id)

    return open_member


def _member_shown(name: str) -> Callable[[Any], bool]:
    return lambda page: page.current_detail() is not None and page.current_detail().name == name


def _target_shown(code: str, premiums: str) -> Callable[[Any], bool]:
    """设置 → 目标 shows the county `code` with `premiums` as its premiums target."""

    def shown(page) -> bool:
        table = page.table
        return any(
            table.item(r, 0).text() == code and table.item(r, 2).text() == premiums for r in range(table.rowCount())
        )

    return shown


def _city_figure(page, name: str) -> Any:
    """统计: the city's figure `name` shown (None before the first load)."""
    return None if page.view is None else getattr(page.view.stats.city, name)


CASES = {
    "参保 unit": Case(
        "enrollment",
        None,
        _combo_has("unit_combo", "611002-0010"),
        ADD_UNIT,
        cli=("unit", "add", "--code", "611002-0010", "--name", "商州区第十中学工会", "--parent", "611002"),
    ),
    "参保 plan": Case("enrollment", None, _combo_has("plan_combo", f"SL-ZY-{YEAR + 1}"), ADD_PLAN),
    "理赔受理 hospital": Case("intake", None, _hospital_offered, ADD_HOSPITAL),
    "给付 approved": Case("payout", None, lambda page: page.payable_model.rowCount() == 1, APPROVE),
    "给付 batches": Case("payout", None, lambda page: page.batches_model.rowCount() == 1, MAKE_BATCH),
    "给付 member renamed": Case(
        "payout",
        None,
        lambda page: _names(page.payable_model) == ["王新名"],
        rename_member("王秀英", "王新名"),
        setup=APPROVE,
        ready=lambda page: _names(page.payable_model) == ["王秀英"],
    ),
    "给付 plan chooser": Case("payout", None, _combo_has("plan_combo", f"SL-ZY-{YEAR + 1}"), ADD_PLAN),
    "理赔审核 queue": Case("review", None, lambda page: page.model.rowCount() == 2, APPROVE),
    "理赔审核 member renamed": Case("review", None, _rows_have("member_name", "张新名"), RENAME_MEMBER),
    "理赔审核 hospital renamed": Case(
        "review", None, _rows_have("hospital_name", "商洛市中心医院东院"), RENAME_HOSPITAL
    ),
    "理赔审核 plan chooser": Case("review", None, _combo_has("plan_combo", f"SL-ZY-{YEAR + 1}"), ADD_PLAN),
    "理赔审核 county chooser": Case(
        "review",
        None,
        _combo_has("county_combo", "611024"),
        ADD_COUNTY,
        cli=("unit", "add", "--code", "611024", "--name", "山阳县总工会", "--parent", "6110"),
    ),
    "理赔审核 clerk chooser": Case("review", None, _text_offered("clerk_combo", "赵经办"), ADD_USER),
    "票据 收款人": Case("receipts", None, _text_offered("clerk_combo", "赵经办"), ADD_USER),
    "票据 收据": Case("receipts", None, lambda page: page.model.rowCount() == 1, TAKE_PREMIUM),
    "票据 打印记录": Case("receipts", "printed", lambda page: page.model.rowCount() >= 1, APPROVE_AND_PRINT),
    "会员 search": Case(
        "members", None, lambda page: page.model.rowCount() == 1, RENAME_MEMBER, before=_search("张新名")
    ),
    "会员 detail": Case(
        "members",
        None,
        _member_shown("张新名"),
        RENAME_MEMBER,
        before=_open_member("张秀英"),
        ready=_member_shown("张秀英"),
    ),
    "会员 new member": Case(
        "members", None, lambda page: page.model.rowCount() == 1, ENROLL_NEW, before=_search("赵新会")
    ),
    "首页 figures": Case("home", None, lambda page: page.cards["claims_waiting_review"].value() == "2", APPROVE),
    "续保 单位续保": Case("renewal", "unit_renewal_page", _combo_has("unit_combo", "611002-0010"), ADD_UNIT),
    "续保 单位续保 plan": Case("renewal", "unit_renewal_page", _combo_has("plan_combo", f"SL-ZY-{YEAR + 1}"), ADD_PLAN),
    "续保 续保进度 county": Case("renewal", "overview_page", _combo_has("county_combo", "611024"), ADD_COUNTY),
    "续保 续保提示单 unit": Case("renewal", "reminders_page", _combo_has("unit_combo", "611002-0010"), ADD_UNIT),
    "续保 续保进度": Case(
        "renewal",
        "overview_page",
        lambda page: f"SL-ZY-{YEAR + 1}" in page.plan_label.text(),
        ADD_PLAN,
        before=lambda page: page.choose(kind="reimbursement", year=YEAR),
    ),
    "续保 续保提示单": Case(
        "renewal",
        "reminders_page",
        lambda page: f"SL-ZY-{YEAR + 1}" in page.plan_label.text(),
        ADD_PLAN,
        before=lambda page: page.choose(kind="reimbursement", year=YEAR),
    ),
    "设置 单位": Case("settings", "units_page", lambda page: page.model.index_of("611002-0010").isValid(), ADD_UNIT),
    "设置 单位 members": Case("settings", "units_page", _unit_members("611002-0001", 6), ENROLL_NEW),
    "设置 医院": Case("settings", "hospitals_page", _rows_have("name", "洛南县人民医院"), ADD_HOSPITAL),
    "设置 计划": Case("settings", "plans_page", _rows_have("code", f"SL-ZY-{YEAR + 1}"), ADD_PLAN),
    "设置 计划 enrollments": Case(
        "settings",
        "plans_page",
        _rows_have("enrollments", 1),
        ENROLL_IN_NEXT,
        setup=ADD_PLAN,
        ready=_rows_have("code", f"SL-ZY-{YEAR + 1}"),
    ),
    "设置 用户": Case("settings", "users_page", _rows_have("username", "zhao"), ADD_USER),
    "设置 柜台信息": Case(
        "settings", "counter_info_page", lambda page: page.org_edit.text() == "商洛市总工会服务站", COUNTER_INFO
    ),
    "设置 纸面文字 plan chooser": Case(
        "settings", "paper_texts_page", _combo_has("plan_combo", f"SL-ZY-{YEAR + 1}"), ADD_PLAN
    ),
    "设置 纸面文字": Case(
        "settings", "paper_texts_page", lambda page: page.footer_edit.text() == "本提示由商洛市总工会印制", PAPER_TEXTS
    ),
    "设置 目标": Case(
        "settings",
        "targets_page",
        _target_shown("611002", "1,234,567.80"),
        SET_TARGET,
        cli=("target", "set", "--year", str(YEAR), "--county", "611002", "--premiums", "1234567.80"),
    ),
    "设置 目标 county": Case(
        "settings",
        "targets_page",
        _target_shown("611024", ""),
        ADD_COUNTY,
        cli=("unit", "add", "--code", "611024", "--name", "山阳县总工会", "--parent", "6110"),
    ),
    "统计 premiums": Case("statistics", None, lambda page: _city_figure(page, "enrollments") == 1, TAKE_PREMIUM),
    "统计 target": Case(
        "statistics",
        None,
        lambda page: page.view is not None and page.view.targets.get("611002") == Decimal("1234567.80"),
        SET_TARGET,
        cli=("target", "set", "--year", str(YEAR), "--county", "611002", "--premiums", "1234567.80"),
    ),
    "统计 交账": Case(
        "statistics",
        None,
        lambda page: _handed_in(page, "611024"),
        IMPORT_HANDIN,
        before=lambda page: page.open_handin(),
        ready=lambda page: page.handin_window.page.sides is not None,
        setup=HANDIN_READY,
    ),
    "设置 打印": Case("settings", "print_settings_page", lambda page: page.direct_check.isChecked(), PRINT_SETTINGS),
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


def opened(qtbot, window, case: Case, counter):
    if case.setup:
        in_window(qtbot, window, run_change, window.db, case.setup, names_of(counter))
    page = open_screen(qtbot, window, case)
    qtbot.wait(300)  # its first load
    if case.before is not None:
        case.before(page)
        qtbot.wait(300)
    if case.ready is not None:
        qtbot.waitUntil(lambda: case.ready(page), timeout=WAIT_MS)
    assert not case.shown(page)
    return page


@pytest.mark.parametrize("name", list(CASES))
def test_a_change_made_by_another_screen_is_shown(qtbot, window, counter, name):
    case = CASES[name]
    page = opened(qtbot, window, case, counter)
    in_window(qtbot, window, run_change, window.db, case.change, names_of(counter))
    qtbot.waitUntil(lambda: case.shown(page), timeout=WAIT_MS)


@pytest.mark.parametrize("name", list(CASES))
def test_a_change_made_by_another_process_is_shown(qtbot, window, counter, database, name):
    case = CASES[name]
    page = opened(qtbot, window, case, counter)
    if case.cli:
        cli(database, *case.cli)
    else:
        in_other_process(database, PRELUDE + names_code(counter) + textwrap.dedent(case.change))
    qtbot.waitUntil(lambda: case.shown(page), timeout=WAIT_MS)


def test_a_screen_out_of_sight_reloads_when_shown(qtbot, window, counter):
    case = CASES["参保 unit"]
    page = open_screen(qtbot, window, case)
    window.show_page("home")
    settle()
    in_window(qtbot, window, run_change, window.db, case.change, names_of(counter))
    settle()
    assert not case.shown(page)  # out of sight: not read yet
    window.show_page("enrollment")
    qtbot.waitUntil(lambda: case.shown(page), timeout=WAIT_MS)


def test_the_window_s_own_write_is_not_taken_for_another_process_s(qtbot, window, counter):
    case = CASES["设置 医院"]
    page = opened(qtbot, window, case, counter)
    in_window(qtbot, window, run_change, window.db, case.change, names_of(counter))
    qtbot.waitUntil(lambda: case.shown(page), timeout=WAIT_MS)
    heard: list = []
    window.change_watch.changed.connect(heard.append)
    window.change_watch.check_others()
    assert heard == []  # reported once, as the window's own; not again as everything


def test_another_process_s_write_is_looked_for_when_the_window_is_activated(qtbot, database, counter, monkeypatch):
    from PySide6.QtCore import QEvent

    monkeypatch.setattr(change_watch, "POLL_MS", 3_600_000)  # no timer within the test: activation alone
    win = MainWindow(database, ADMIN, run_check=False, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.show()
    case = CASES["参保 unit"]
    page = opened(qtbot, win, case, counter)
    cli(database, *case.cli)
    settle()
    assert not case.shown(page)
    QApplication.sendEvent(win, QEvent(QEvent.Type.WindowActivate))
    qtbot.waitUntil(lambda: case.shown(page), timeout=WAIT_MS)
    win.shutdown()


def test_a_report_of_another_database_is_not_this_window_s(qtbot, window, counter, tmp_path):
    from mutualaid_desktop.services.changes import HOSPITALS, Changes, publish

    heard: list = []
    window.change_watch.changed.connect(heard.append)
    publish(Changes.from_tables(["hospitals"], origin="sqlite:///elsewhere.sqlite3"))
    publish(Changes.of(HOSPITALS))  # a report that names no database: taken as this one's
    qtbot.waitUntil(lambda: len(heard) == 1, timeout=WAIT_MS)
    settle()
    assert heard == [Changes.of(HOSPITALS)]
