"""Who may do what, as the screens show it: every guarded control is usable exactly when
services/permissions says the role may do the action, and a control a role may not use says why
(permissions.why_not) in its tooltip. One table for the screens that keep no role list of their own."""

from __future__ import annotations

import pytest

from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.permissions import ROLES, may, why_not
from tests.accounts import add_accounts

USERS = {role: UserInfo(i, f"user{i}", f"用户{i}", role) for i, role in enumerate(ROLES, start=2)}


def _units(db, user, worker):
    from mutualaid_desktop.ui.settings.units_page import UnitsPage

    return UnitsPage(db, user, worker=worker)


def _hospitals(db, user, worker):
    from mutualaid_desktop.ui.settings.hospitals_page import HospitalsPage

    return HospitalsPage(db, user, worker=worker)


def _payout(db, user, worker):
    from mutualaid_desktop.ui.payouts.payout_page import PayoutPage

    return PayoutPage(db, user, worker=worker)


def _plans(db, user, worker):
    from mutualaid_desktop.ui.settings.plans_page import PlansPage

    return PlansPage(db, user, worker=worker)


def _counter_info(db, user, worker):
    from mutualaid_desktop.ui.settings.counter_info_page import CounterInfoPage

    return CounterInfoPage(db, user, worker=worker)


def _print_settings(db, user, worker):
    from mutualaid_desktop.ui.settings.print_settings_page import PrintSettingsPage

    return PrintSettingsPage(db, user, worker=worker)


def _users(db, user, worker):
    from mutualaid_desktop.ui.settings.users_page import UsersPage

    return UsersPage(db, user, worker=worker)


# (screen, the control's attribute, the action it does); a control that is on for a role once
# something is chosen is checked where it needs no choice.
BUTTONS = [
    (_units, "add_button", "edit_units_tree"),
    (_hospitals, "add_button", "add_hospital"),
    (_payout, "create_button", "make_payout_batch"),
    (_payout, "export_button", "make_payout_batch"),
    (_payout, "settle_button", "settle_payout"),
    (_payout, "reverse_button", "reverse_payout"),
    (_plans, "add_file_button", "edit_plans"),
    (_counter_info, "save_button", "edit_counter_info"),
    (_print_settings, "save_button", "edit_print_settings"),
    (_users, "add_button", "manage_users"),
]


@pytest.fixture
def accounts(database):
    add_accounts(database, *USERS.values())
    return database


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("screen", "name", "action"), BUTTONS, ids=[f"{s.__name__[1:]}.{n}" for s, n, _ in BUTTONS])
def test_a_guarded_button_is_on_when_the_role_may_and_says_why_not_when_it_may_not(
    qtbot, accounts, worker, screen, name, action, role
):
    user = USERS[role]
    page = screen(accounts, user, worker)
    qtbot.addWidget(page)
    page.show()
    button = getattr(page, name)
    assert button.isEnabled() == may(user, action)
    if not may(user, action):
        assert button.toolTip() == why_not(user, action)


@pytest.mark.parametrize("role", ROLES)
def test_the_paper_texts_are_editable_by_whoever_may_edit_them(qtbot, accounts, worker, role):
    from mutualaid_desktop.ui.settings.paper_texts_page import PaperTextsPage

    page = PaperTextsPage(accounts, USERS[role], worker=worker)
    qtbot.addWidget(page)
    assert page.greeting_edit.isReadOnly() == (not may(USERS[role], "edit_paper_texts"))


@pytest.mark.parametrize("role", ROLES)
def test_the_id_number_correction_is_offered_to_whoever_may_correct_it(qtbot, accounts, worker, role):
    from mutualaid_desktop.ui.enrollment.members_page import MembersPage

    page = MembersPage(accounts, USERS[role], worker=worker)
    qtbot.addWidget(page)
    assert page.detail_view.correct_button.isHidden() == (not may(USERS[role], "correct_id_number"))


@pytest.mark.parametrize("role", ROLES)
def test_the_users_tab_is_there_for_whoever_may_manage_users(qtbot, accounts, worker, role):
    from mutualaid_desktop.ui.settings.settings_page import SettingsPage

    page = SettingsPage(accounts, USERS[role], worker=worker)
    qtbot.addWidget(page)
    assert (page.users_page is not None) == may(USERS[role], "manage_users")
