"""The 会员 screen, driven with the keyboard: search, open a member, edit, correct the ID number."""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from mutualaid_desktop.domain.idcard import make_id_number
from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.enrollment.members import search_members
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import AuditRecord, Member
from mutualaid_desktop.ui.enrollment.members_page import MembersPage
from tests.accounts import add_accounts
from tests.gui.helpers import press_enter_via_event, type_text

TODAY = date(2026, 11, 29)
CLERK = UserInfo(3, "li", "李经办", "clerk")
SUPERVISOR = UserInfo(2, "zhu", "朱主管", "supervisor")


@pytest.fixture
def city(database):
    generate_demo(database, members=1500, seed=21, today=TODAY)
    add_accounts(database, CLERK, SUPERVISOR)
    return database


@pytest.fixture
def make_page(qtbot, city, worker):
    def make(user):
        page = MembersPage(city, user, worker=worker, today=lambda: TODAY)
        qtbot.addWidget(page)
        page.resize(1200, 760)
        page.show()
        qtbot.waitExposed(page)
        page.search_edit.setFocus()
        return page

    return make


def a_member(db, n=100):
    return search_members(db, "6110", limit=n, today=TODAY)[-1]


def audit(db, action):
    with UnitOfWork(db, read_only=True) as uow:
        return list(uow.session.scalars(select(AuditRecord).where(AuditRecord.action == action)))


def test_typing_the_last_six_digits_shows_results_then_enter_opens(qtbot, make_page, city):
    page = make_page(CLERK)
    target = a_member(city)
    with qtbot.waitSignal(page.searchFinished, timeout=10_000):
        qtbot.keyClicks(page.search_edit, target.id_number[-6:])  # results as you type
    rows = page.model.rows()
    assert target.id in [r.id for r in rows]
    # Down moves into the results; Enter on the member's row opens his page
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Down)
    assert page.table.hasFocus()
    for _ in range(next(i for i, r in enumerate(rows) if r.id == target.id)):
        qtbot.keyClick(page.table, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.detailLoaded, timeout=10_000) as caught:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert caught.args[0].id == target.id
    assert page.detail_view.fields["id_number"].text() == target.id_number
    assert page.detail_view.covers_table.rowCount() >= 1
    assert "年度限额" in page.detail_view.cap_label.text() or "没有" in page.detail_view.cap_label.text()
    assert not page.detail_view.correct_button.isVisible()  # a clerk cannot correct ID numbers
    qtbot.keyClick(page.detail_view.edit_button, Qt.Key.Key_Escape)
    assert page.stack.currentWidget() is page.table


def test_a_card_reader_types_the_number_and_enter_opens_the_member(qtbot, make_page, city):
    page = make_page(CLERK)
    target = a_member(city, 7)
    with qtbot.waitSignal(page.detailLoaded, timeout=10_000) as caught:
        qtbot.keyClicks(page.search_edit, target.id_number.lower())
        press_enter_via_event(page.search_edit)  # the keypad Enter some readers send
    assert caught.args[0].id == target.id
    assert page.detail_view.name_label.text() == target.name


def test_a_name_typed_in_chinese_finds_members(qtbot, make_page, city):
    page = make_page(CLERK)
    target = a_member(city, 30)
    with qtbot.waitSignal(page.searchFinished, timeout=10_000):
        type_text(qtbot, page.search_edit, target.name)
    assert target.id in [r.id for r in page.model.rows()]
    assert "找到" in page.status_label.text()


def open_member(qtbot, page, target):
    with qtbot.waitSignal(page.detailLoaded, timeout=10_000):
        qtbot.keyClicks(page.search_edit, target.id_number)
        qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)


def test_edit_is_saved_and_audited(qtbot, make_page, city):
    page = make_page(CLERK)
    target = a_member(city, 12)
    open_member(qtbot, page, target)
    qtbot.keyClick(page.detail_view.edit_button, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    dialog.phone_edit.setFocus()
    dialog.phone_edit.selectAll()
    qtbot.keyClicks(dialog.phone_edit, "12345")  # a bad phone: refused, dialog stays open
    qtbot.keyClick(dialog.phone_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10_000)
    assert "11位" in dialog.error_label.text()
    dialog.phone_edit.selectAll()
    qtbot.keyClicks(dialog.phone_edit, "13900001111")
    dialog.name_edit.setFocus()
    dialog.name_edit.selectAll()
    type_text(qtbot, dialog.name_edit, "赵改名")
    with qtbot.waitSignal(page.memberSaved, timeout=10_000):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert page.detail_view.name_label.text() == "赵改名"
    with UnitOfWork(city, read_only=True) as uow:
        row = uow.session.get(Member, target.id)
    assert (row.name, row.phone) == ("赵改名", "13900001111")
    (record,) = audit(city, "member.edit")
    assert record.username == "li"
    assert (
        json.loads(record.before_json)["name"] == target.name
        and json.loads(record.after_json)["phone"] == "13900001111"
    )


def test_a_supervisor_corrects_the_id_number_with_a_reason(qtbot, make_page, city):
    page = make_page(SUPERVISOR)
    target = a_member(city, 15)
    new = make_id_number("611002", date(1979, 3, 8), 357)
    open_member(qtbot, page, target)
    assert page.detail_view.correct_button.isVisible()
    qtbot.keyClick(page.detail_view.edit_button, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    # the dialog's focus widget (whether or not the offscreen window manager has activated it yet)
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.number_edit)
    qtbot.keyClicks(dialog.number_edit, new)
    qtbot.keyClick(dialog.number_edit, Qt.Key.Key_Return)  # Enter moves on to the reason
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.reason_edit)
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)  # no reason: refused
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10_000)
    assert "更正原因" in dialog.error_label.text()
    type_text(qtbot, dialog.reason_edit, "录入时抄错，已核对身份证原件")
    with qtbot.waitSignal(page.memberSaved, timeout=10_000):
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    assert page.detail_view.fields["id_number"].text() == new
    assert page.detail_view.fields["birth_date"].text() == "1979-03-08"
    (record,) = audit(city, "member.correct_id_number")
    assert record.username == "zhu"
    assert json.loads(record.after_json)["reason"] == "录入时抄错，已核对身份证原件"
    assert json.loads(record.before_json)["id_number"] == target.id_number


def test_a_clerk_cannot_correct_even_by_calling_the_action(qtbot, make_page, city):
    page = make_page(CLERK)
    target = a_member(city, 9)
    open_member(qtbot, page, target)
    page.correct_id_number()  # the button is hidden; the action does nothing for a clerk
    assert page.dialog is None
    qtbot.keyClick(page.detail_view.edit_button, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert page.dialog is None
    assert audit(city, "member.correct_id_number") == []
