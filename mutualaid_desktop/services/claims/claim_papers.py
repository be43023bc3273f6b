"""The papers and the bank account of a claim: the checklist as received, the bank account as typed
(cleaned with domain/text.py), and 补交材料 — a later visit that brings what was missing.

- `papers_checklist`: the plan's materials with what was received (and, for papers brought later,
  the day they were brought).
- `clean_bank`: the account checked: bank, holder (the member, or a named beneficiary), digits.
  Hidden, control and bidi characters are refused, text too long for its column is refused.
- `waiting_claim` / `complete_papers`: a claim waiting for papers, found by its number (looking
  it up changes nothing); the clerk ticks what was brought and confirms: the receipt is issued
  again listing them, and a claim now complete goes on to review (status change and audit).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.idcard import mask_id_number
from mutualaid_desktop.domain.text import clean_text, code_text, normalize_code, person_name
from mutualaid_desktop.services.admin.counter_setup import read_counter_info
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.claims.claim_materials import Material, parse_materials
from mutualaid_desktop.services.claims.claim_receipt import (
    RECEIPT_KIND,
    SavedClaim,
    missing_papers,
    receipt_of,
    stored_quote,
)
from mutualaid_desktop.services.enrollment.members import CLAIM_STATUS_LABELS
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.papers.paper_records import issue_copy
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.intake_queries import IntakeQueries
from mutualaid_desktop.store.models import Claim, ClaimStatusChange


@dataclass(frozen=True)
class BankAccount:
    bank_name: str = ""
    account_holder: str = ""
    account_number: str = ""
    beneficiary_note: str = ""  # a deceased member: who receives, relation, death certificate

    @property
    def given(self) -> bool:
        return bool(
            (self.bank_name or "").strip() or (self.account_holder or "").strip() or (self.account_number or "").strip()
        )


def papers_checklist(
    materials: tuple[Material, ...],
    papers,
    diagnosis: str | None,
    before: list[dict] | None = None,
    brought_on: date | None = None,
) -> list[dict]:
    """The checklist with what was received: `papers` is a mapping name -> bool or the names
    received. With `before` (the checklist so far), papers received now are marked `received_on`
    `brought_on` (a later visit)."""
    names = {m.name for m in materials}
    if isinstance(papers, Mapping):
        ticked = {name for name, received in papers.items() if received}
    else:
        ticked = set(papers or ())
    unknown = sorted(ticked - names)
    if unknown:
        raise InputError("papers", f"材料「{'、'.join(unknown)}」不在本计划的材料清单中，请核对。", "unknown")
    earlier = {p["item"]: p for p in before or () if p.get("received")}
    out = []
    for m in materials:
        item: dict = {
            "item": m.name,
            "required": m.required_for(diagnosis),
            "received": m.name in ticked or m.name in earlier,
        }
        if m.name in earlier and earlier[m.name].get("received_on"):
            item["received_on"] = earlier[m.name]["received_on"]
        elif m.name in ticked and m.name not in earlier and brought_on is not None:
            item["received_on"] = brought_on.isoformat()
        out.append(item)
    return out


def clean_bank(account: BankAccount | None, member_name: str) -> BankAccount | None:
    """The account checked: all three parts, holder the member or a named beneficiary (with a note)."""
    if account is None or not account.given:
        return None
    bank = clean_text(account.bank_name, field="bank_name", label="开户银行", limit=64, required=True, halfwidth=False)
    holder = person_name(account.account_holder, field="account_holder", label="账户户名", limit=64)
    raw = code_text(account.account_number, field="account_number", label="银行账号", limit=40)
    number = (raw or "").replace("-", "")
    note = (
        clean_text(account.beneficiary_note, field="beneficiary_note", label="受益人说明", limit=500, halfwidth=False)
        or ""
    )
    assert bank is not None
    if not number:
        raise InputError("account_number", "请填写银行账号。", "missing")
    if not number.isdigit() or not 10 <= len(number) <= 30:
        raise InputError(
            "account_number",
            f"银行账号应为10到30位数字，现在是「{number[:32]}」（{len(number)}位），请对照银行卡核对。",
            "format",
        )
    if holder != member_name and not note:
        raise InputError(
            "account_holder",
            "账户户名不是会员本人。给付只能转入本人账户；"
            "会员已身故的，由受益人领取，请在“受益人说明”中写明受益人姓名、与会员的关系和死亡证明。",
            "holder",
        )
    return BankAccount(bank, holder, number, note if holder != member_name else "")


def _waiting(q: IntakeQueries, claim_number: str) -> Claim:
    claim = q.claim(normalize_code(claim_number or ""))
    if claim is None:
        raise NotFound(f"没有受理编号为「{claim_number}」的理赔，请核对回执上的编号。")
    if claim.status != "waiting_papers":
        label = CLAIM_STATUS_LABELS.get(claim.status, claim.status)
        raise ServiceError(f"理赔 {claim.claim_number} 现在是“{label}”，不是待补材料，不需要补交。")
    return claim


@dataclass(frozen=True)
class WaitingClaim:
    claim_number: str
    member_name: str
    id_masked: str
    received_on: date
    papers_due: date | None
    missing: tuple[str, ...]
    checklist: tuple[tuple[str, bool, bool], ...]  # (item, required, received)
    has_account: bool


def waiting_claim(db: Database, claim_number: str) -> WaitingClaim:
    """A claim waiting for papers, for the 补交材料 dialog (reading it changes nothing)."""
    with UnitOfWork(db, read_only=True) as uow:
        q = IntakeQueries(uow.session)
        claim = _waiting(q, claim_number)
        member = q.claim_context(claim)[0]
        papers = json.loads(claim.papers_json or "[]")
        return WaitingClaim(
            claim.claim_number,
            member.name,
            mask_id_number(member.id_number),
            claim.received_on,
            claim.papers_due,
            missing_papers(papers, bool(claim.account_number)),
            tuple((p["item"], bool(p["required"]), bool(p["received"])) for p in papers),
            bool(claim.account_number),
        )


def complete_papers(
    db: Database,
    user: UserInfo,
    claim_number: str,
    papers=(),
    *,
    bank: BankAccount | None = None,
    today: date | None = None,
) -> SavedClaim:
    """A later visit: the papers brought (ticked) and the bank account if it was missing. Refused
    when nothing is brought (InputError "papers"): no receipt is issued for nothing. When nothing
    required is missing any more the claim goes to review (status change + audit); the receipt is
    issued again, listing what was brought on `today` (recorded as a new copy)."""
    require(user, "take_claim")
    today = today or clock.today()
    with UnitOfWork(db, user=user) as uow:
        q = IntakeQueries(uow.session)
        claim = _waiting(q, claim_number)
        member, plan, _enrollment, _hospital, _clerk = q.claim_context(claim)
        before_papers = json.loads(claim.papers_json or "[]")
        materials = parse_materials(plan.materials_json, plan.kind)
        checklist = papers_checklist(materials, papers, claim.diagnosis, before_papers, brought_on=today)
        brought = [
            p["item"]
            for p in checklist
            if p.get("received_on") == today.isoformat()
            and not any(b["item"] == p["item"] and b.get("received") for b in before_papers)
        ]
        account = clean_bank(bank, member.name) if bank is not None and bank.given else None
        if not brought and account is None:
            raise InputError(
                "papers",
                f"请勾选本次补交的材料{'（或填写收款银行账户）' if not claim.account_number else ''}，再确认补交。",
                "empty",
            )
        has_account = bool(claim.account_number)
        if account is not None:
            claim.bank_name, claim.account_holder, claim.account_number = (
                account.bank_name,
                account.account_holder,
                account.account_number,
            )
            claim.beneficiary_note = account.beneficiary_note or None
            has_account = True
        missing = missing_papers(checklist, has_account)
        before = {"status": claim.status, "papers": before_papers}
        claim.papers_json = json.dumps(checklist, ensure_ascii=False)
        if not missing:
            q.add(
                ClaimStatusChange(
                    claim_id=claim.id,
                    from_status=claim.status,
                    to_status="waiting_review",
                    user_id=user.id,
                    reason=f"{today:%Y-%m-%d} 补齐材料：{'、'.join(brought) or '收款银行账户'}",
                )
            )
            claim.status = "waiting_review"
        doc = issue_copy(
            uow.session, user, kind=RECEIPT_KIND, serial=claim.claim_number, subject_table="claims", subject_id=claim.id
        )
        uow.audit(
            "claim.papers",
            "claim",
            claim.id,
            before=before,
            after={
                "status": claim.status,
                "papers": checklist,
                "brought": brought,
                "brought_on": today,
                "missing": list(missing),
                "account_holder": account.account_holder if account else None,
                "receipt_copy": doc.copy_number,
            },
        )
        info = read_counter_info(uow.session)
        receipt = receipt_of(q, claim, info, reissued=True, completed_on=today if not missing else None)
        uow.commit()
        return SavedClaim(claim.claim_number, claim.status, stored_quote(claim), missing, claim.papers_due, receipt)


__all__ = [
    "BankAccount",
    "WaitingClaim",
    "clean_bank",
    "complete_papers",
    "papers_checklist",
    "waiting_claim",
]
