"""The waiting period (观察期) at enrollment and payment: `waiting_problem` (the one rule: the whole
cover inside the waiting period), `waiting_note` (a part of it), `check_waiting` (a clerk refused, a
supervisor only with an acknowledgement: `WaitingConfirmationNeeded`) and `waiting_warnings` (the
enrollments a payment is about to take money for). See services/enrollment/enrollment.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from mutualaid_desktop.domain.plan import load_plan
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import PermissionDenied, ServiceError
from mutualaid_desktop.services.permissions import may
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.enrollment_queries import EnrollmentQueries

if TYPE_CHECKING:
    from mutualaid_desktop.services.enrollment.enrollment import PlanChoice


# --- the waiting period -----------------------------------------------------------------------


def waiting_problem(
    cover_start: date, period_end: date, waiting_days: int, *, continuous: bool, plan_name: str
) -> str | None:
    """The warning when a cover starting `cover_start` (not continuous) lies wholly inside its
    waiting period: its first covered day comes after the plan's end. None otherwise."""
    if continuous or waiting_days <= 0:
        return None
    first = cover_start + timedelta(days=waiting_days)
    if first <= period_end:
        return None
    return (
        f"请注意：「{plan_name}」按现在缴费，保障期为 {cover_start:%Y-%m-%d} 至 {period_end:%Y-%m-%d}；"
        f"首次参保（或断保后重新参保）有 {waiting_days} 天观察期，{first:%Y-%m-%d} 起才予保障——"
        "整个保障期都在观察期内，期间住院不能理赔。请向参保人（缴款人）说明；可改为参加下一年度的计划。"
    )


def waiting_note(cover_start: date, period_end: date, waiting_days: int, *, continuous: bool) -> str | None:
    """A first (or broken) cover of which only a part lies in the waiting period: the first
    covered day, said (not a refusal). None when there is no waiting period."""
    if continuous or waiting_days <= 0:
        return None
    first = cover_start + timedelta(days=waiting_days)
    if first > period_end:
        return None  # wholly inside: waiting_problem
    return (
        f"观察期：首次参保（或断保后重新参保）有 {waiting_days} 天观察期，保障期 {cover_start:%Y-%m-%d} 至 "
        f"{period_end:%Y-%m-%d} 中，{first:%Y-%m-%d} 起住院才予保障。请向参保人说明。"
    )


class WaitingConfirmationNeeded(ServiceError):
    """A supervisor's enrollment whose whole cover lies in the waiting period: nothing was written;
    call again with the acknowledgement after the user confirmed `message` (it names the dates)."""

    def __init__(
        self, message: str, *, cover_start: date, period_end: date, first_covered_day: date, people: int
    ) -> None:
        super().__init__(message)
        self.cover_start = cover_start
        self.period_end = period_end
        self.first_covered_day = first_covered_day
        self.people = people


def check_waiting(user: UserInfo, plan: PlanChoice, cover_start: date, *, people: int, acknowledged: bool) -> None:
    """`people` first (or broken) covers starting `cover_start` lie wholly inside the plan's waiting
    period: refused for a clerk; a supervisor goes on only with `acknowledged`."""
    first = cover_start + timedelta(days=plan.waiting_days)
    who = "" if people == 1 else f"其中 {people} 人"
    dates = (
        f"「{plan.name}」按今天缴费，{who}保障期为 {cover_start:%Y-%m-%d} 至 {plan.period_end:%Y-%m-%d}，"
        f"首次参保（或断保后重新参保）有 {plan.waiting_days} 天观察期，{first:%Y-%m-%d} 起才予保障——"
        "整个保障期都在观察期内，期间住院不能理赔。"
    )
    if not may(user, "override_waiting"):
        raise PermissionDenied(f"不能办理：{dates}请改为参加下一年度的计划；确需参加本计划的，请由主管确认办理。")
    if not acknowledged:
        raise WaitingConfirmationNeeded(
            f"{dates}确定仍然办理参保吗？",
            cover_start=cover_start,
            period_end=plan.period_end,
            first_covered_day=first,
            people=people,
        )


@dataclass(frozen=True)
class WaitingWarning:
    """The enrollments of a payment whose rest of cover lies wholly inside the waiting period."""

    enrollment_ids: tuple[int, ...]
    people: int
    message: str


def waiting_warnings(db: Database, enrollment_ids, *, paid_on: date) -> WaitingWarning | None:
    """For a payment on `paid_on` of these (pending) enrollments: those whose cover, starting the
    day after payment, would lie wholly inside the waiting period (continuity judged as the payment
    will judge it, from the member's previous cover). None when there are none."""
    from mutualaid_desktop.store.payment_queries import PaymentQueries

    ids = sorted({int(i) for i in enrollment_ids or ()})
    with UnitOfWork(db, read_only=True) as uow:
        rows = PaymentQueries(uow.session).enrollments(ids)
        by_plan: dict[int, list] = {}
        for enrollment, member, plan in rows:
            by_plan.setdefault(plan.id, []).append((enrollment, member, plan))
        caught: list[int] = []
        people: set[int] = set()
        messages = []
        for group in by_plan.values():
            plan = group[0][2]
            rules = load_plan(plan.rules_toml)
            start = rules.cover_start(paid_on)
            if start > plan.period_end:
                continue  # the payment refuses this itself (the plan has ended)
            previous = EnrollmentQueries(uow.session).previous_cover_ends([m.id for _, m, _ in group], plan.kind, start)
            problem = waiting_problem(start, plan.period_end, plan.waiting_days, continuous=False, plan_name=plan.name)
            hit = [(e, m) for e, m, _ in group if not rules.is_continuous(previous.get(m.id), start)] if problem else []
            if hit:
                caught += [e.id for e, _ in hit]
                people.update(m.id for _, m in hit)
                messages.append(f"{len({m.id for _, m in hit})} 人：{problem}")
    if not caught:
        return None
    return WaitingWarning(tuple(caught), len(people), "\n".join(messages))
