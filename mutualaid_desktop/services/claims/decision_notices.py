"""The decision notice of a claim (给付通知书 / 不予给付通知书): its data from the database, and its
printing recorded (the first the original, later ones numbered copies, 补打).

Re-exported by services/claims/claims_review.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from mutualaid_desktop.documents.decision_notice import DecisionNotice
from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.idcard import mask_id_number
from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.claims.review_common import (
    APPEAL_DAYS,
    claim_member,
    claim_plan,
    counter_contact,
    find_claim,
    loads,
    org_name,
    quote_view,
    split_refusal,
    user_name,
)
from mutualaid_desktop.services.enrollment.members import CLAIM_STATUS_LABELS
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.papers.paper_records import issue_copy
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.claim_queries import ClaimQueries
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.models import Claim

NOTICE_KIND = "decision_notice"


@dataclass(frozen=True)
class PrintedNotice:
    claim_number: str
    copy_number: int
    notice: DecisionNotice


# --- the decision notice ---------------------------------------------------------------------


def mask_account(number: str | None) -> str:
    """First 4 and last 4 characters of a bank account number: 6222 **** **** 1234."""
    digits = "".join((number or "").split())
    if not digits:
        return ""
    if len(digits) <= 8:
        return digits[:2] + "*" * (len(digits) - 2)
    return f"{digits[:4]} **** **** {digits[-4:]}"


APPROVED_STATUSES = ("approved", "in_batch", "paid", "returned", "reversed")


def _notice(
    session, q: ClaimQueries, claim: Claim, *, copy_number: int = 0, printed_at: datetime | None = None
) -> DecisionNotice:
    if claim.status == "refused":
        kind = "refusal"
    elif claim.status in APPROVED_STATUSES and claim.approved_fen is not None:
        kind = "approval"
    else:
        label = CLAIM_STATUS_LABELS.get(claim.status, claim.status)
        raise ServiceError(f"理赔 {claim.claim_number} 还没有审核（{label}），没有审核通知书可打印。")
    member = claim_member(q, claim)
    unit = q.unit(member.unit_id)
    plan = claim_plan(q, claim)
    hospital = q.hospital(claim.hospital_id)
    facts = loads(claim.facts_json, {})
    facts = facts if isinstance(facts, dict) else {}
    quote = quote_view(loads(claim.quote_json, {}))
    counter = counter_contact(session)

    def day(key: str) -> date | None:
        try:
            return date.fromisoformat(facts[key]) if facts.get(key) else None
        except (TypeError, ValueError):
            return None

    def money(key: str) -> Decimal | None:
        try:
            return Decimal(str(facts[key])) if facts.get(key) not in (None, "") else None
        except ArithmeticError:
            return None

    reasons, note = split_refusal(claim.decision_reason) if kind == "refusal" else ((), None)
    approved = from_fen(claim.approved_fen) if claim.approved_fen is not None else None
    decided_on = (clock.local_time(claim.decided_at) or clock.now()).date()
    return DecisionNotice(
        kind=kind,
        org_name=org_name(session),
        claim_number=claim.claim_number,
        member_name=member.name,
        id_number_masked=mask_id_number(member.id_number),
        unit_name=unit.name if unit else None,
        plan_name=plan.name,
        plan_kind=plan.kind,
        hospital_name=hospital.name if hospital else None,
        admission_date=day("admission_date"),
        discharge_date=day("discharge_date"),
        stay_days=quote.stay_days,
        diagnosis=claim.diagnosis or facts.get("diagnosis"),
        diagnosis_date=day("diagnosis_date"),
        invoice_number=claim.invoice_number,
        received_on=claim.received_on,
        total_cost=money("total_cost"),
        fund_paid=money("fund_paid"),
        in_scope_self_pay=money("in_scope_self_pay"),
        out_of_scope_self_pay=money("out_of_scope_self_pay"),
        lines=quote.lines,
        quoted=from_fen(claim.quoted_fen),
        approved=approved,
        lower_reason=claim.decision_reason
        if kind == "approval" and approved is not None and approved < from_fen(claim.quoted_fen)
        else None,
        bank_name=claim.bank_name,
        account_holder=claim.account_holder,
        account_masked=mask_account(claim.account_number),
        reasons=reasons,
        reason_text=note,
        decided_on=decided_on,
        reviewer_name=user_name(q, claim.decided_by),
        counter_address=counter["counter_address"],
        counter_phone=counter["counter_phone"],
        counter_hours=counter["counter_hours"],
        appeal_days=APPEAL_DAYS,
        copy_number=copy_number,
        printed_at=clock.local_time(printed_at),
    )


def decision_notice(db: Database, claim_number: str) -> DecisionNotice:
    """The decision notice's data as it stands (not recorded as printed)."""
    with UnitOfWork(db, read_only=True) as uow:
        q = ClaimQueries(uow.session)
        return _notice(uow.session, q, find_claim(q, claim_number))


def print_decision_notice(db: Database, user: UserInfo, claim_number: str) -> PrintedNotice:
    """The decision notice, recorded in printed_documents: the original the first time, then
    numbered copies (补打)."""
    require(user, "print_decision_notice")
    with UnitOfWork(db, user=user) as uow:
        q = ClaimQueries(uow.session)
        claim = find_claim(q, claim_number)
        _notice(uow.session, q, claim)  # refuses an undecided claim before anything is written
        doc = issue_copy(
            uow.session, user, kind=NOTICE_KIND, serial=claim.claim_number, subject_table="claims", subject_id=claim.id
        )
        number, at = doc.copy_number, doc.printed_at
        uow.audit(
            "decision_notice.print",
            "claim",
            claim.id,
            after={"claim_number": claim.claim_number, "copy_number": number, "status": claim.status},
        )
        notice = _notice(uow.session, q, claim, copy_number=number, printed_at=at)
        uow.commit()
    return PrintedNotice(claim.claim_number, number, notice)


def save_notice(notice: DecisionNotice, path) -> Any:
    """Write the notice as a PDF at `path` (for the GUI, which does not render itself)."""
    from pathlib import Path

    from mutualaid_desktop.documents.decision_notice import render_decision_notice

    return render_decision_notice(notice, Path(path))


__all__ = [
    "APPROVED_STATUSES",
    "NOTICE_KIND",
    "DecisionNotice",
    "PrintedNotice",
    "decision_notice",
    "mask_account",
    "print_decision_notice",
    "save_notice",
]
