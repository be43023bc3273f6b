"""services/permissions: the one table of who may do what.

OLD is what the role tuples and checks allowed before the table existed (each line names where it
was); for every action and every role, may() must answer what the old code answered."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mutualaid_desktop.domain.roles import ROLES
from mutualaid_desktop.services import permissions
from mutualaid_desktop.services.errors import PermissionDenied
from mutualaid_desktop.services.permissions import ACTIONS, may, refusal, require, who_may, why_not

CLERK_UP = ("clerk", "supervisor", "admin")
BOSSES = ("supervisor", "admin")

OLD: dict[str, tuple[str, ...]] = {
    "enroll": CLERK_UP,  # services/enrollment ENROLL_ROLES
    "override_waiting": BOSSES,  # services/enrollment WAITING_OVERRIDE_ROLES
    "edit_members": CLERK_UP,  # services/members EDIT_ROLES
    "correct_id_number": BOSSES,  # services/members CORRECT_ID_ROLES; ui/members_page
    "pay": CLERK_UP,  # services/payment_parts PAY_ROLES (收取互助金)
    "reprint_receipt": CLERK_UP,  # payment_parts reprint_refusal: PAY_ROLES
    "print_unit_roster": CLERK_UP,  # payment_parts roster_refusal: PAY_ROLES
    "void_receipt": CLERK_UP,  # receipt_voids void_refusal: PAY_ROLES (own receipt, same day)
    "void_any_receipt": BOSSES,  # receipt_voids void_refusal: SUPERVISOR_ROLES
    "see_others_cash_up": BOSSES,  # payment_parts others_cash_up_refusal: SUPERVISOR_ROLES
    "take_claim": CLERK_UP,  # services/claim_papers INTAKE_ROLES
    "review_claim": ("reviewer", "supervisor", "admin"),  # services/review_common DECIDE_ROLES
    "print_decision_notice": ROLES,  # services/decision_notices (*DECIDE_ROLES, "clerk")
    "edit_claim_materials": BOSSES,  # services/claim_materials SET_ROLES
    "make_payout_batch": CLERK_UP,  # services/payouts BATCH_ROLES; ui/payout_page BATCH_ROLES
    "export_bank_file_copy": BOSSES,  # services/payout_export COPY_ROLES
    "settle_payout": BOSSES,  # services/payouts SETTLE_ROLES; ui/payout_page SUPERVISOR_ROLES
    "reverse_payout": BOSSES,  # services/payouts REVERSE_ROLES; ui/payout_page SUPERVISOR_ROLES
    "print_renewal_reminders": CLERK_UP,  # services/printed_papers kind_roles("renewal_reminder")
    "print_handouts": ROLES,  # services/printed_papers kind_roles: ALL_ROLES (告知单, 温馨提示)
    "edit_plans": BOSSES,  # services/plans SETTINGS_ROLES; ui/plans_page EDIT_ROLES
    "edit_units_tree": BOSSES,  # services/units TREE_ROLES; ui/units_page TREE_ROLES
    "edit_unit_contacts": CLERK_UP,  # services/units CONTACT_ROLES; ui/units_page CONTACT_ROLES
    "add_hospital": CLERK_UP,  # services/hospitals ADD_ROLES; ui/hospitals_page ADD_ROLES
    "edit_hospitals": BOSSES,  # services/hospitals EDIT_ROLES; ui/hospitals_page EDIT_ROLES
    "edit_counter_info": BOSSES,  # services/counter_setup SETTINGS_ROLES; ui/counter_info_page EDIT_ROLES
    "edit_paper_texts": BOSSES,  # services/paper_texts, leaflet SETTINGS_ROLES; ui/paper_texts_page EDIT_ROLES
    "edit_print_settings": BOSSES,  # services/print_settings SETTINGS_ROLES; ui/print_settings_page EDIT_ROLES
    "manage_users": ("admin",),  # services/users _require_admin; ui/users_page, ui/settings_page role == "admin"
    # the monthly cycle (issue 12): new, no old check
    "see_statistics": ROLES,
    "set_targets": BOSSES,
    "close_month": BOSSES,
    "reopen_month": ("admin",),
    # county hand-in files (issue 13): new, no old check
    "export_handin": BOSSES,
    "import_handin": BOSSES,
    "register_handin_key": ("admin",),
}


@dataclass(frozen=True)
class Someone:
    role: str


def test_the_table_names_every_old_check_and_nothing_else():
    assert set(ACTIONS) == set(OLD)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(OLD))
def test_may_answers_what_the_old_role_tuples_allowed(action, role):
    assert may(Someone(role), action) == (role in OLD[action])


@pytest.mark.parametrize("action", sorted(OLD))
def test_an_unknown_role_may_do_nothing(action):
    assert not may(Someone("guest"), action)
    assert "guest" in refusal(Someone("guest"), action)


def test_an_unknown_action_is_an_error_not_a_refusal():
    with pytest.raises(ValueError, match="enrol"):
        may(Someone("admin"), "enrol")


def test_roles_and_labels_have_one_owner():
    assert permissions.ROLES == ROLES == ("clerk", "reviewer", "supervisor", "admin")
    assert permissions.ROLE_LABELS == {"clerk": "经办人", "reviewer": "审核人", "supervisor": "主管", "admin": "管理员"}


def test_who_may_names_the_roles_in_words():
    assert who_may("manage_users") == "管理员"
    assert who_may("edit_plans") == "主管或管理员"
    assert who_may("enroll") == "经办人、主管或管理员"


def test_why_not_says_who_may_or_nothing():
    assert why_not(Someone("clerk"), "edit_plans") == "只有主管或管理员可以添加和修改计划。"
    assert why_not(Someone("supervisor"), "edit_plans") is None


def test_require_raises_the_refusal_naming_the_role_and_who_may():
    with pytest.raises(PermissionDenied) as caught:
        require(Someone("reviewer"), "edit_units_tree", "修改单位名称")
    assert str(caught.value) == "您的账号（审核人）不能修改单位名称，请由主管或管理员办理。"
    assert refusal(Someone("reviewer"), "enroll") == "您的账号（审核人）不能办理参保，请由经办人、主管或管理员办理。"
    require(Someone("clerk"), "enroll")  # allowed: nothing raised
