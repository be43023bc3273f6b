"""Who may do what: the one owner of the roles, their labels and the actions they may take.

Every service guard calls `require` (or `refusal` where it reports instead of raising); every
screen asks `may` / `why_not` instead of keeping a role list. Rules that look at more than the
role (whoever entered a claim never decides it: claims_review.maker_checker_problem; whoever made a
payout batch never confirms the bank's answer for it: payouts.settle_problem; a clerk voids only their
own receipts of the day) stay in the service that owns them and are built on these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from mutualaid_desktop.domain.roles import ROLES
from mutualaid_desktop.services.errors import PermissionDenied

ROLE_LABELS: dict[str, str] = {"clerk": "经办人", "reviewer": "审核人", "supervisor": "主管", "admin": "管理员"}

EVERYONE = ROLES
COUNTER = ("clerk", "supervisor", "admin")  # who serves at the counter: money, enrollments, intake
DECIDERS = ("reviewer", "supervisor", "admin")
SUPERVISORS = ("supervisor", "admin")
ADMINS = ("admin",)


@dataclass(frozen=True)
class Action:
    roles: tuple[str, ...]
    text: str  # what it is, in Chinese, as it follows 「不能」 or 「可以」


# The one table: every guarded operation and the roles that may do it.
ACTIONS: dict[str, Action] = {
    # members and enrollments
    "enroll": Action(COUNTER, "办理参保"),
    "override_waiting": Action(SUPERVISORS, "确认办理保障期全部在观察期内的参保"),
    "edit_members": Action(COUNTER, "修改会员资料"),
    "correct_id_number": Action(SUPERVISORS, "更正身份证号码"),
    # money and receipts (voiding another clerk's or an earlier day's receipt: void_any_receipt)
    "pay": Action(COUNTER, "收取互助金"),
    "reprint_receipt": Action(COUNTER, "补打收据"),
    "print_unit_roster": Action(COUNTER, "打印参保名单"),
    "void_receipt": Action(COUNTER, "作废收据"),
    "void_any_receipt": Action(SUPERVISORS, "作废任何收据"),
    "see_others_cash_up": Action(SUPERVISORS, "查看他人的日结"),
    # claims
    "take_claim": Action(COUNTER, "受理理赔"),
    "review_claim": Action(DECIDERS, "审核理赔"),
    "print_decision_notice": Action(EVERYONE, "打印审核通知书"),
    "edit_claim_materials": Action(SUPERVISORS, "修改材料清单"),
    # payouts
    "make_payout_batch": Action(COUNTER, "生成和导出给付批次"),
    "export_bank_file_copy": Action(SUPERVISORS, "导出银行文件副本"),
    "settle_payout": Action(SUPERVISORS, "确认银行回单"),
    "reverse_payout": Action(SUPERVISORS, "冲正已给付的理赔"),
    # papers
    "print_renewal_reminders": Action(COUNTER, "打印续保提示单"),
    "print_handouts": Action(EVERYONE, "打印告知单和温馨提示"),
    # statistics and the monthly cycle (一月一交账、一评比、一通报)
    "see_statistics": Action(EVERYONE, "查看统计"),
    "set_targets": Action(SUPERVISORS, "设定年度目标"),
    "close_month": Action(SUPERVISORS, "月结（交账）"),
    "reopen_month": Action(ADMINS, "重新打开已月结的月份"),
    # county hand-in files (交账文件): the county exports, the city registers keys and imports
    "export_handin": Action(SUPERVISORS, "导出交账文件"),
    "import_handin": Action(SUPERVISORS, "导入县区交账文件"),
    "register_handin_key": Action(ADMINS, "登记或更换县区交账公钥"),
    # settings
    "edit_plans": Action(SUPERVISORS, "添加和修改计划"),
    "edit_units_tree": Action(SUPERVISORS, "新增、改名、迁移或停用单位"),
    "edit_unit_contacts": Action(COUNTER, "修改单位资料"),
    "add_hospital": Action(COUNTER, "添加医院"),  # a clerk adds a hospital on the spot at intake
    "edit_hospitals": Action(SUPERVISORS, "修改医院资料"),
    "edit_counter_info": Action(SUPERVISORS, "修改柜台信息"),
    "edit_paper_texts": Action(SUPERVISORS, "修改纸面文字"),
    "edit_print_settings": Action(SUPERVISORS, "修改打印设置"),
    "manage_users": Action(ADMINS, "管理用户账号"),
}


class HasRole(Protocol):
    @property
    def role(self) -> str: ...


def role_label(role: str) -> str:
    """The role's name in Chinese (the role itself when unknown)."""
    return ROLE_LABELS.get(role, role)


def _action(action: str) -> Action:
    try:
        return ACTIONS[action]
    except KeyError:
        raise ValueError(f"unknown action {action!r}") from None


def roles_for(action: str) -> tuple[str, ...]:
    """The roles that may do `action`."""
    return _action(action).roles


def who_may(action: str) -> str:
    """The roles that may do `action`, in words: 「主管或管理员」, 「经办人、主管或管理员」."""
    labels = [role_label(r) for r in roles_for(action)]
    return labels[0] if len(labels) == 1 else "、".join(labels[:-1]) + "或" + labels[-1]


def may(user: HasRole, action: str) -> bool:
    """May `user` do `action`? (ValueError for an action not in the table.)"""
    return user.role in roles_for(action)


def why_not(user: HasRole, action: str) -> str | None:
    """Why `user` may not do `action`, for a disabled button's tooltip, or None when they may."""
    if may(user, action):
        return None
    return f"只有{who_may(action)}可以{_action(action).text}。"


def refusal(user: HasRole, action: str, what: str | None = None) -> str | None:
    """The service's refusal of `action` to `user`, or None: 「您的账号（经办人）不能{what}，请由…办理。」
    `what` names the operation when it says more than the action's own text (修改单位名称)."""
    if may(user, action):
        return None
    return f"您的账号（{role_label(user.role)}）不能{what or _action(action).text}，请由{who_may(action)}办理。"


def require(user: HasRole, action: str, what: str | None = None) -> None:
    """PermissionDenied (the refusal's words) unless `user` may do `action`."""
    problem = refusal(user, action, what)
    if problem is not None:
        raise PermissionDenied(problem)


__all__ = [
    "ACTIONS",
    "ADMINS",
    "COUNTER",
    "DECIDERS",
    "EVERYONE",
    "ROLES",
    "ROLE_LABELS",
    "SUPERVISORS",
    "Action",
    "may",
    "refusal",
    "require",
    "role_label",
    "roles_for",
    "who_may",
    "why_not",
]
