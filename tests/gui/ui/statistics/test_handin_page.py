"""统计 → 交账: at the city a real file exported by a county is imported through the screen (twice: no change),
a file with one byte changed is refused with the reason and nothing written, a county's key is registered with
its fingerprint shown (a replacement asks the reason), Enter on a county opens its history; on a county counter
the key is exported and a closed month's file written; the parts shown are the side's, the buttons the role's;
a hand-in imported by another process appears in the window."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import mutualaid_desktop
from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.handin.export import export_month
from mutualaid_desktop.services.handin.keys import own_key, register_key
from mutualaid_desktop.services.handin_sides import save_public_key
from mutualaid_desktop.services.permissions import why_not
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.statistics.month_closing import close_month
from mutualaid_desktop.ui.shell import change_watch
from mutualaid_desktop.ui.shell.main_window import MainWindow
from mutualaid_desktop.ui.statistics import handin_dialogs, handin_page
from mutualaid_desktop.ui.statistics.handin_model import HandinStatusModel as M
from mutualaid_desktop.ui.statistics.handin_page import HandinPage
from tests.accounts import add_accounts
from tests.gui.ui.statistics.handin_data import counts, county_counter
from tests.integration.demo_months import demo_months

TODAY = date(2026, 11, 20)
WAIT = 20_000
ROOT = Path(mutualaid_desktop.__file__).resolve().parents[1]
BOSS = UserInfo(70, "boss", "王主管", "supervisor")
ADMIN = UserInfo(80, "wang", "王管理", "admin")


def users_of(path: Path) -> dict[str, UserInfo]:
    con = sqlite3.connect(path)
    try:
        return {r[3]: UserInfo(*r) for r in con.execute("SELECT id, username, display_name, role FROM users")}
    finally:
        con.close()


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory):
    """(county demo with its months closed through October 2026, city demo): the same tree's codes."""
    from mutualaid_desktop.domain import clock

    folder = tmp_path_factory.mktemp("handin")
    county, city = folder / "county.sqlite3", folder / "city.sqlite3"
    with clock.fixed(TODAY):
        db = open_counter_database(county)
        generate_demo(db, members=300, seed=1, today=TODAY)
        for year, number in demo_months(county, (2026, 10)):
            close_month(db, users_of(county)["supervisor"], year, number)
        db.dispose()
        db = open_counter_database(city)
        generate_demo(db, members=200, seed=2, today=TODAY)
        db.dispose()
    return county, city


@pytest.fixture
def both(demo_files, tmp_path, clock, monkeypatch):
    """(county db, city db, city path, the city's users, the county's code); keys in tmp_path."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    clock.set(TODAY)
    county_path, city_path = tmp_path / "county.sqlite3", tmp_path / "city.sqlite3"
    shutil.copyfile(demo_files[0], county_path)
    shutil.copyfile(demo_files[1], city_path)
    county_db, city_db = open_counter_database(county_path), open_counter_database(city_path)
    add_accounts(city_db, ADMIN)
    yield county_db, city_db, city_path, users_of(city_path), "611021"
    county_db.dispose()
    city_db.dispose()


def make_page(qtbot, worker, db, user) -> HandinPage:
    page = HandinPage(db, user, worker=worker, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1000, 640)
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.show()
    return page


def handed_in(county_db, city_db, code, out: Path, *, number=10) -> Path:
    key = own_key(county_db, BOSS_OF(county_db), code)
    register_key(city_db, ADMIN_OF(city_db), code, key.public.text().encode("utf-8"), "key.txt")
    export_month(county_db, BOSS_OF(county_db), 2026, number, out, code)
    return out


def BOSS_OF(db) -> UserInfo:  # noqa: N802
    return users_of(Path(db.path))["supervisor"]


def ADMIN_OF(db) -> UserInfo:  # noqa: N802
    return users_of(Path(db.path))["admin"]


def row_of(page: HandinPage, code: str) -> int:
    """The row of the county `code` in the table (-1: not there)."""
    return next((r for r in range(page.model.rowCount()) if page.model.row(r).county_code == code), -1)


def cell(page: HandinPage, row: int, column: int) -> str | None:
    return page.model.index(row, column).data() if row >= 0 else None


# --- the city -------------------------------------------------------------------------------


def test_the_city_imports_a_real_file_through_the_screen_and_twice_changes_nothing(
    qtbot, worker, both, tmp_path, monkeypatch
):
    county_db, city_db, city_path, users, code = both
    out = handed_in(county_db, city_db, code, tmp_path / "oct.json")
    page = make_page(qtbot, worker, city_db, users["supervisor"])
    assert page.city_box.isVisibleTo(page) and not page.county_box.isVisibleTo(page)
    row = row_of(page, code)
    assert cell(page, row, M.LAST) == "还没有交账"
    assert cell(page, row, M.STATE) == "2026年10月：未交"  # due by 10 November, today the 20th
    monkeypatch.setattr(handin_page, "ask_open_file", lambda *a: str(out))
    with qtbot.waitSignal(page.done, timeout=WAIT) as done:
        page.import_button.click()
    assert done.args[0].startswith("已导入洛南县总工会（611021）2026年10月 第 1 版（序号 1）")
    qtbot.waitUntil(lambda: cell(page, row_of(page, code), M.LAST) == "2026年10月", timeout=WAIT)
    row = row_of(page, code)
    assert cell(page, row, M.NUMBERS) == "第 1 版 / 1"
    assert cell(page, row, M.STATE) == "2026年10月：逾期"
    assert cell(page, row, M.GAPS) == "无"
    assert page.model.index(row, M.STATE).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#7a4a00"
    after = counts(city_path)
    assert after["handin_files"] == 1
    with qtbot.waitSignal(page.done, timeout=WAIT) as again:
        page.import_button.click()
    assert "已导入过" in again.args[0] and "没有改动" in again.args[0]
    assert counts(city_path) == after


def test_a_file_with_one_byte_changed_is_refused_with_the_reason_and_nothing_written(
    qtbot, worker, both, tmp_path, monkeypatch
):
    county_db, city_db, city_path, users, code = both
    out = handed_in(county_db, city_db, code, tmp_path / "oct.json")
    data = bytearray(out.read_bytes())
    at = data.index(b'\\"headcount\\":') + len(b'\\"headcount\\":')  # a unit's headcount in units.json
    data[at] = ord("9") if data[at] != ord("9") else ord("8")
    changed = tmp_path / "changed.json"
    changed.write_bytes(bytes(data))
    page = make_page(qtbot, worker, city_db, users["supervisor"])
    before = counts(city_path)
    monkeypatch.setattr(handin_page, "ask_open_file", lambda *a: str(changed))
    with qtbot.waitSignal(page.refused, timeout=WAIT) as refused:
        page.import_button.click()
    assert "不能导入" in refused.args[0] or "不符" in refused.args[0], refused.args[0]
    assert page.result_label.text() == refused.args[0]
    assert "b3261e" in page.result_label.styleSheet()
    assert counts(city_path) == before
    assert page.import_button.isEnabled()  # ready for the right file


def test_a_key_is_registered_with_its_fingerprint_and_replacing_it_asks_the_reason(
    qtbot, worker, both, tmp_path, monkeypatch
):
    county_db, city_db, city_path, users, code = both
    key_path = tmp_path / "key.txt"
    key = save_public_key(county_db, BOSS_OF(county_db), code, key_path)
    page = make_page(qtbot, worker, city_db, users["admin"])
    assert page.register_button.isEnabled()
    dialog = page.register_key()
    assert dialog is not None
    monkeypatch.setattr(handin_dialogs, "ask_open_file", lambda *a: str(key_path))
    dialog.file_button.click()
    assert dialog.county() == code  # the file's county chosen
    assert dialog.fingerprint.text() == key.fingerprint
    assert dialog.fingerprint.font().pointSizeF() > page.font().pointSizeF() * 1.5
    assert "打电话" in dialog.hint_label.text()
    assert not dialog.ok_button.isEnabled()  # not before the fingerprint was compared
    assert not dialog.reason_edit.isVisibleTo(dialog)
    dialog.checked_box.setChecked(True)
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(page.done, timeout=WAIT) as done:
        qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    assert key.fingerprint in done.args[0]
    qtbot.waitUntil(lambda: cell(page, row_of(page, code), M.KEY) == key.fingerprint, timeout=WAIT)

    # another key for the county (a new computer at the county): only with a reason
    other = tmp_path / "other"
    monkeypatch.setenv("XDG_DATA_HOME", str(other))
    new = save_public_key(county_db, BOSS_OF(county_db), code, tmp_path / "new.txt")
    assert new.fingerprint != key.fingerprint
    dialog = page.register_key()
    assert dialog is not None
    dialog.choose_file(str(tmp_path / "new.txt"))
    assert dialog.reason_edit.isVisibleTo(dialog) and key.fingerprint in dialog.hint_label.text()
    dialog.checked_box.setChecked(True)
    before = counts(city_path)
    with qtbot.waitSignal(page.refused, timeout=WAIT) as refused:
        dialog.ok_button.click()
    assert "原因" in refused.args[0]
    assert counts(city_path) == before
    assert dialog.isVisible() and dialog.error_label.text() == refused.args[0]  # still open, to write the reason
    dialog.reason_edit.setText("县区柜台电脑更换")
    with qtbot.waitSignal(page.done, timeout=WAIT):
        dialog.ok_button.click()
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: cell(page, row_of(page, code), M.KEY) == new.fingerprint, timeout=WAIT)
    con = sqlite3.connect(city_path)
    reasons = con.execute("SELECT replace_reason FROM handin_keys WHERE county_code = ?", (code,)).fetchall()
    con.close()
    assert reasons == [("县区柜台电脑更换",), (None,)]


def test_a_file_that_is_not_a_key_is_said_in_the_dialog_and_cannot_be_registered(qtbot, worker, both, tmp_path):
    _county_db, city_db, _city_path, users, _code = both
    page = make_page(qtbot, worker, city_db, users["admin"])
    dialog = page.register_key()
    assert dialog is not None
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("hello\n", encoding="utf-8")
    dialog.choose_file(str(wrong))
    dialog.checked_box.setChecked(True)
    assert "不是交账公钥文件" in dialog.hint_label.text()
    assert not dialog.ok_button.isEnabled()
    dialog.reject()


def test_enter_on_a_county_opens_its_history(qtbot, worker, both, tmp_path, monkeypatch):
    county_db, city_db, _city_path, users, code = both
    export_month(county_db, BOSS_OF(county_db), 2026, 9, tmp_path / "m9.json", code)  # sequence 1, not handed in
    handed_in(county_db, city_db, code, tmp_path / "m10.json")  # sequence 2
    from mutualaid_desktop.services.handin.imports import import_file

    import_file(city_db, users["supervisor"], tmp_path / "m10.json")  # sequence 2: 1 (September) is missing
    page = make_page(qtbot, worker, city_db, users["clerk"])
    row = row_of(page, code)
    assert cell(page, row, M.GAPS) == "1"
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.findChild(handin_dialogs.HistoryDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 0).data() == "2026年10月"
    assert "缺序号 1" in dialog.gaps_label.text()
    dialog.reject()


def test_a_clerk_at_the_city_sees_the_state_and_the_buttons_say_why_not(qtbot, worker, both):
    _county_db, city_db, _city_path, users, _code = both
    clerk = users["clerk"]
    page = make_page(qtbot, worker, city_db, clerk)
    assert not page.import_button.isEnabled() and not page.register_button.isEnabled()
    assert page.import_button.toolTip() == why_not(clerk, "import_handin")
    assert page.register_button.toolTip() == why_not(clerk, "register_handin_key")
    supervisor = make_page(qtbot, worker, city_db, users["supervisor"])
    assert supervisor.import_button.isEnabled() and not supervisor.register_button.isEnabled()


# --- a county counter -----------------------------------------------------------------------


@pytest.fixture
def county(tmp_path, clock, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    db = county_counter(tmp_path / "county.sqlite3", BOSS)
    clock.set(TODAY)
    yield db
    db.dispose()


def test_a_county_counter_exports_its_key_and_a_closed_month(qtbot, worker, county, tmp_path, monkeypatch):
    page = make_page(qtbot, worker, county, BOSS)
    assert page.county_box.isVisibleTo(page) and not page.city_box.isVisibleTo(page)
    assert "山阳县总工会（611024）" in page.county_box.title()
    assert "还没有交账密钥" in page.key_note.text() and not page.own_fingerprint.isVisibleTo(page)  # looking makes none
    assert not list((tmp_path / "data").rglob("*.pem"))
    assert [page.month_combo.itemData(i) for i in range(page.month_combo.count())] == [(2026, 10)]
    key_out = tmp_path / "out" / "key.txt"
    monkeypatch.setattr(handin_page, "ask_save_file", lambda *a, **k: str(key_out))
    with qtbot.waitSignal(page.done, timeout=WAIT) as done:
        page.key_button.click()
    fingerprint = page.own_fingerprint.text()
    assert page.own_fingerprint.isVisibleTo(page) and not page.key_note.isVisibleTo(page)
    assert len(fingerprint.split()) == 8 and fingerprint in done.args[0]
    assert fingerprint in key_out.read_text(encoding="utf-8")

    suggested: list = []
    out = tmp_path / "out" / "交账.json"

    def ask_save(parent, caption, path, filter_, suffix=""):
        suggested.append(path)
        return str(out)

    monkeypatch.setattr(handin_page, "ask_save_file", ask_save)
    with qtbot.waitSignal(page.done, timeout=WAIT) as done:
        page.export_button.click()
    assert suggested[0].name == "交账-611024-2026-10.json"
    assert "第 1 版，序号 1" in done.args[0] and str(out) in done.args[0]
    assert out.read_bytes().startswith(b'{"files":')
    qtbot.waitUntil(lambda: "已导出第 1 版" in page.month_combo.itemText(0), timeout=WAIT)
    assert "2026年10月 第 1 版，序号 1" in page.exports_label.text()
    assert page.focusProxy() is page.month_combo
    with qtbot.waitSignal(page.done, timeout=WAIT) as again:  # the same closing again (Alt+X): the same file
        qtbot.keyClick(page.month_combo, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    assert "同一个文件" in again.args[0]


def test_a_month_changed_after_closing_is_refused_with_the_services_reason(
    qtbot, worker, county, tmp_path, monkeypatch
):
    from mutualaid_desktop.services.admin.units import add_unit

    page = make_page(qtbot, worker, county, BOSS)
    assert page.export_button.isEnabled()
    add_unit(county, BOSS, code="611024-0002", name="山阳县人民医院工会", parent_code="611024")
    monkeypatch.setattr(handin_page, "ask_save_file", lambda *a, **k: str(tmp_path / "x.json"))
    with qtbot.waitSignal(page.refused, timeout=WAIT) as refused:
        page.export_button.click()
    assert "重新" in refused.args[0] or "变动" in refused.args[0], refused.args[0]
    assert not (tmp_path / "x.json").exists()


def test_a_county_clerk_cannot_export_and_is_told_why(qtbot, worker, county):
    clerk = UserInfo(71, "clerk", "李经办", "clerk")
    page = make_page(qtbot, worker, county, clerk)
    assert not page.export_button.isEnabled() and not page.key_button.isEnabled()
    assert page.export_button.toolTip() == why_not(clerk, "export_handin")
    assert page.key_note.text() == why_not(clerk, "export_handin")


def test_a_database_without_a_county_says_so(qtbot, worker, tmp_path, clock):
    db = open_counter_database(tmp_path / "empty.sqlite3")
    try:
        page = make_page(qtbot, worker, db, BOSS)
        assert page.none_label.isVisibleTo(page)
        assert not page.county_box.isVisibleTo(page) and not page.city_box.isVisibleTo(page)
    finally:
        db.dispose()


# --- in the window: reached from 统计 by the keyboard, current with another process's import ------


def test_opened_from_statistics_and_another_process_s_import_appears(qtbot, both, tmp_path, monkeypatch):
    county_db, city_db, city_path, users, code = both
    out = handed_in(county_db, city_db, code, tmp_path / "oct.json")
    monkeypatch.setattr(change_watch, "POLL_MS", 200)
    window = MainWindow(city_db, users["supervisor"], run_check=False, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    try:
        window.show_page("statistics")
        statistics = window.page("statistics")
        qtbot.waitUntil(lambda: statistics.handin_button.isVisible(), timeout=WAIT)
        assert "&J" in statistics.handin_button.text()
        handin = statistics.open_handin()
        page = handin.page
        qtbot.waitUntil(lambda: page.sides is not None, timeout=WAIT)
        assert cell(page, row_of(page, code), M.LAST) == "还没有交账"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, "-m", "mutualaid_desktop.cli", "--db", str(city_path), "handin", "import", str(out)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        qtbot.waitUntil(lambda: cell(page, row_of(page, code), M.LAST) == "2026年10月", timeout=WAIT)
        asked: list = []
        monkeypatch.setattr(handin_page, "ask_open_file", lambda *a: asked.append(a) or "")
        page.import_button.setFocus()  # a button had the keyboard before: Enter in the table clicks none
        page.table.setFocus()
        page.table.setCurrentIndex(page.model.index(row_of(page, code), 0))
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: page.findChild(handin_dialogs.HistoryDialog) is not None, timeout=WAIT)
        qtbot.wait(300)
        assert asked == [] and handin.isVisible()
        page.findChild(handin_dialogs.HistoryDialog).reject()
        qtbot.keyClick(page.table, Qt.Key.Key_Escape)  # Esc closes the window
        assert not handin.isVisible()
    finally:
        window.shutdown()


def test_every_action_by_the_keyboard(qtbot, worker, both, monkeypatch):
    _county_db, city_db, _city_path, users, _code = both
    page = make_page(qtbot, worker, city_db, users["admin"])
    qtbot.waitExposed(page)
    page.table.setFocus()
    asked: list = []
    monkeypatch.setattr(handin_page, "ask_open_file", lambda *a: asked.append(a[1]) or "")
    qtbot.keyClick(page.table, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT)  # a mnemonic clicks after a moment
    assert asked == ["导入县区交账文件"]  # Alt+I: 导入交账文件…, cancelled: nothing happens
    qtbot.keyClick(page.table, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.findChild(handin_dialogs.RegisterKeyDialog) is not None, timeout=WAIT)
    dialog = page.findChild(handin_dialogs.RegisterKeyDialog)
    assert dialog.isVisible()
    dialog.reject()
    chain, widget = [], page.import_button
    for _ in range(6):  # Tab from the import button: the key's registration, then the table
        chain.append(widget.objectName())
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or not widget.isVisibleTo(page):
            widget = widget.nextInFocusChain()
    assert chain[:3] == ["importButton", "registerKeyButton", "handinTable"]
    assert page.focusProxy() is page.table
