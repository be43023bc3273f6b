"""What the payment services share (payments.py, receipt_papers.py, receipt_voids.py,
receipt_lists.py): who may take money, the methods, the due lines of some enrollments, finding a
receipt by its number, the counter's name, and the local day of a stored moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.domain.plan import Plan as PlanRules
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import NotFound
from mutualaid_desktop.services.permissions import may, refusal
from mutualaid_desktop.store.models import Plan, PremiumPayment
from mutualaid_desktop.store.payment_queries import PaymentQueries

METHOD_LABELS = {"cash": "现金", "transfer": "转账", "wechat": "微信", "alipay": "支付宝"}
RECEIPT_KIND = "premium_receipt"
ROSTER_KIND = "unit_roster"
MAX_ENROLLMENTS = 100_000
SEX_LABELS = {"male": "男", "female": "女"}


@dataclass(frozen=True)
class DueLine:
    plan_code: str
    plan_name: str
    people: int
    shares: int
    period_start: date
    period_end: date
    cover_start: date  # if paid on PaymentDue.paid_on
    cover_end: date
    amount: Decimal


@dataclass(frozen=True)
class DuePerson:
    enrollment_id: int
    member_id: int
    name: str
    id_number: str
    plan_code: str
    shares: int
    premium: Decimal


# --- helpers -------------------------------------------------------------------------------


def _rules(plan: Plan) -> PlanRules:
    """The domain plan for a plan row (only what the cover rule needs is read from the row)."""
    return PlanRules(
        code=plan.code,
        name=plan.name,
        kind=plan.kind,
        premium_per_share=from_fen(plan.premium_per_share_fen),
        max_shares=plan.max_shares,
        period_start=plan.period_start,
        period_end=plan.period_end,
        waiting_days=plan.waiting_days,
        renewal_grace_days=plan.renewal_grace_days,
        claim_deadline_days=plan.claim_deadline_days,
        min_age=plan.min_age,
        max_age=plan.max_age,
        min_hospital_grade=plan.min_hospital_grade,
        reimbursement=None,
        lump_sum=None,
        source=plan.rules_toml,
    )


# Who may do what with money and receipts: the services check these, the screens ask them (a
# button the user may not use is disabled, its tooltip saying why). Voids: receipt_voids.void_refusal.


def pay_refusal(user: UserInfo) -> str | None:
    """Why `user` may not take money (收款), or None."""
    return refusal(user, "pay")


def reprint_refusal(user: UserInfo) -> str | None:
    """Why `user` may not print a receipt again (补打), or None."""
    return refusal(user, "reprint_receipt")


VOIDED_ROSTER = "这张收据已作废，不能打印参保名单；请为重新缴费的收据打印。"


def roster_refusal(user: UserInfo, *, voided: bool = False) -> str | None:
    """Why `user` may not print the roster (参保名单) of a receipt, or None."""
    return VOIDED_ROSTER if voided else refusal(user, "print_unit_roster")


def others_cash_up_refusal(user: UserInfo) -> str | None:
    """Why `user` may not see another clerk's day (日结), or None."""
    if not may(user, "see_others_cash_up"):
        return "经办人只能查看自己的日结；查看他人的日结请联系主管。"
    return None


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _lines(rows, paid_on: date) -> tuple[list[DueLine], list[DuePerson]]:
    """Due lines by plan, and the persons, for (enrollment, member, plan) rows."""
    by_plan: dict[int, list] = {}
    persons = []
    for enrollment, member, plan in rows:
        by_plan.setdefault(plan.id, []).append((enrollment, member, plan))
        persons.append(
            DuePerson(
                enrollment.id,
                member.id,
                member.name,
                member.id_number,
                plan.code,
                enrollment.shares,
                from_fen(enrollment.premium_fen),
            )
        )
    lines = []
    for group in by_plan.values():
        plan = group[0][2]
        lines.append(
            DueLine(
                plan_code=plan.code,
                plan_name=plan.name,
                people=len({m.id for _, m, _ in group}),
                shares=sum(e.shares for e, _, _ in group),
                period_start=plan.period_start,
                period_end=plan.period_end,
                cover_start=_rules(plan).cover_start(paid_on),
                cover_end=plan.period_end,
                amount=from_fen(sum(e.premium_fen for e, _, _ in group)),
            )
        )
    return lines, persons


def _payment(q: PaymentQueries, serial: str) -> PremiumPayment:
    text = (serial or "").strip().upper()
    payment = q.payment_by_serial(text) if text else None
    if payment is None:
        raise NotFound(f"没有收据号为「{serial}」的收据，请检查收据号（如 SJ2026-000123）。")
    return payment
