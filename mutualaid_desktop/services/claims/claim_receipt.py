"""The acceptance receipt (受理回执) of a claim: its data from the database, for intake, for a later
visit that brings papers (issued again, listing what was brought and when), and for printing again.

Used by services/claims/claims_intake.py and services/claims/claim_papers.py (which record the copy printed).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from mutualaid_desktop.documents.acceptance_receipt import AcceptanceReceipt
from mutualaid_desktop.domain.idcard import mask_id_number
from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.domain.quote import QuoteLine
from mutualaid_desktop.domain.text import normalize_code
from mutualaid_desktop.services.admin.counter_setup import CounterInfo, read_counter_info
from mutualaid_desktop.services.admin.hospitals import GRADE_LABELS
from mutualaid_desktop.services.claims.claim_checks import CounterQuote, payable_json, reason_label
from mutualaid_desktop.services.enrollment.members import CLAIM_STATUS_LABELS
from mutualaid_desktop.services.errors import NotFound
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.intake_queries import IntakeQueries
from mutualaid_desktop.store.models import Claim, utcnow

RECEIPT_KIND = "acceptance_receipt"
BANK_ACCOUNT_ITEM = "收款银行账户"


@dataclass(frozen=True)
class SavedClaim:
    """A claim saved at intake, or its papers completed: its number, status, quote and receipt."""

    claim_number: str
    status: str
    quote: CounterQuote
    papers_missing: tuple[str, ...]
    papers_due: date | None
    receipt: AcceptanceReceipt
    flags: tuple = ()  # services.claim_checks.ClaimFlag found at intake

    @property
    def status_label(self) -> str:
        return CLAIM_STATUS_LABELS.get(self.status, self.status)


def working_days_after(day: date, days: int) -> date:
    """The day `days` working days (Monday to Friday) after `day`."""
    current, left = day, days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def missing_papers(papers: list[dict], has_account: bool) -> tuple[str, ...]:
    """The required papers not received yet (and the bank account, when not given)."""
    missing = [p["item"] for p in papers if p["required"] and not p["received"]]
    if not has_account:
        missing.append(BANK_ACCOUNT_ITEM)
    return tuple(missing)


def received_papers(papers: list[dict]) -> tuple[str, ...]:
    """The papers received, each brought after the intake day with that day: 医保结算单（2027-06-20 补交）."""
    return tuple(
        p["item"] + (f"（{p['received_on']} 补交）" if p.get("received_on") else "")
        for p in papers
        if p.get("received")
    )


def stored_quote(claim: Claim) -> CounterQuote:
    data = payable_json(json.loads(claim.quote_json))
    return CounterQuote(
        bool(data["eligible"]),
        tuple(data["reasons"]),
        Decimal(data["payout"]),
        data.get("stay_days"),
        tuple(QuoteLine(line["label"], Decimal(line["amount"])) for line in data.get("lines", ())),
    )


def receipt_of(
    q: IntakeQueries,
    claim: Claim,
    info: CounterInfo,
    *,
    copy_number: int = 0,
    reissued: bool = False,
    completed_on: date | None = None,
) -> AcceptanceReceipt:
    """The receipt's data as the claim stands in the session."""
    member, plan, _enrollment, hospital, clerk = q.claim_context(claim)
    unit = q.unit(member.unit_id)
    facts = json.loads(claim.facts_json)
    quote = payable_json(json.loads(claim.quote_json))
    papers = json.loads(claim.papers_json or "[]")
    missing = missing_papers(papers, bool(claim.account_number))

    def day(key: str) -> date | None:
        return date.fromisoformat(facts[key]) if facts.get(key) else None

    def money(key: str) -> Decimal | None:
        return Decimal(facts[key]) if facts.get(key) is not None else None

    account = ""
    if claim.account_number:
        account = f"{claim.bank_name or ''} {claim.account_holder or ''} 尾号{claim.account_number[-4:]}".strip()
    decision_from = completed_on or claim.received_on
    return AcceptanceReceipt(
        claim_number=claim.claim_number,
        org_name=info.org_name,
        counter_address=info.address,
        counter_phone=info.phone,
        counter_hours=info.hours,
        received_on=claim.received_on,
        member_name=member.name,
        id_masked=mask_id_number(member.id_number),
        unit_name=unit.name if unit else "",
        plan_name=plan.name,
        plan_kind=plan.kind,
        hospital=f"{hospital.name}（{GRADE_LABELS.get(hospital.grade, '')}）" if hospital else "",
        admission_date=day("admission_date"),
        discharge_date=day("discharge_date"),
        diagnosis=claim.diagnosis or facts.get("diagnosis", ""),
        diagnosis_date=day("diagnosis_date"),
        invoice_number=claim.invoice_number or "",
        total_cost=money("total_cost"),
        fund_paid=money("fund_paid"),
        in_scope_self_pay=money("in_scope_self_pay"),
        out_of_scope_self_pay=money("out_of_scope_self_pay"),
        quoted=from_fen(claim.quoted_fen),
        eligible=bool(quote["eligible"]),
        reasons=tuple(reason_label(r) for r in quote["reasons"]),
        papers_received=received_papers(papers),
        papers_missing=missing,
        papers_due=claim.papers_due if missing else None,
        decision_days=info.decision_days,
        decision_by=None if missing else working_days_after(decision_from, info.decision_days),
        account=account,
        clerk_name=clerk.display_name if clerk else "",
        status_label=CLAIM_STATUS_LABELS.get(claim.status, claim.status),
        copy_number=copy_number,
        reissued=reissued,
        printed_at=utcnow(),
    )


def acceptance_receipt(db: Database, claim_number: str) -> AcceptanceReceipt:
    """The data of a claim's acceptance receipt as it stands now (for printing it again)."""
    number = normalize_code(claim_number or "")
    with UnitOfWork(db, read_only=True) as uow:
        q = IntakeQueries(uow.session)
        claim = q.claim(number)
        if claim is None:
            raise NotFound(f"没有受理编号为「{claim_number}」的理赔，请核对回执上的编号。")
        history = q.history(claim.id)
        papers = json.loads(claim.papers_json or "[]")
        reissued = any(h.from_status == "waiting_papers" for h in history) or any(p.get("received_on") for p in papers)
        completed = next((h.changed_at.date() for h in history if h.from_status == "waiting_papers"), None)
        return receipt_of(q, claim, read_counter_info(uow.session), reissued=reissued, completed_on=completed)


def save_receipt_pdf(receipt: AcceptanceReceipt, path) -> Path:
    """Write the acceptance receipt as a PDF at `path` (for the GUI, which does not render itself)."""
    from mutualaid_desktop.documents.acceptance_receipt import render_acceptance_receipt

    return render_acceptance_receipt(receipt, Path(path))


__all__ = [
    "BANK_ACCOUNT_ITEM",
    "RECEIPT_KIND",
    "SavedClaim",
    "acceptance_receipt",
    "missing_papers",
    "receipt_of",
    "received_papers",
    "save_receipt_pdf",
    "stored_quote",
    "working_days_after",
]
