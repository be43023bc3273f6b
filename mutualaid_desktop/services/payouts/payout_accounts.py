"""A corrected bank account for a claim (services/payouts/payouts.py): for an approved claim, or for one
the bank returned, which then goes returned → approved and waits for a later batch."""

from __future__ import annotations

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.text import clean_text, code_text, person_name
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.reasons import written_reason
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.payout_queries import PayoutQueries


def _clean_account(bank: str, holder: str, number: str, reason: str | None) -> tuple[str, str, str, str]:
    """The corrected account as typed, cleaned (domain/text.py): hidden, control and bidi characters
    and text too long for its column are refused (ServiceError, naming the field)."""
    try:
        bank_text = clean_text(bank, field="bank", label="开户银行", limit=64, halfwidth=False)
        if not bank_text:
            raise ServiceError("请填写开户银行（如：中国农业银行商洛分行）。")
        if not (holder or "").strip():
            raise ServiceError("请填写户名（收款人姓名）。")
        holder_text = person_name(holder, field="holder", label="户名", limit=64)
        account = (code_text(number, field="number", label="银行账号", limit=40, required=False) or "").replace("-", "")
        why = written_reason(reason, "更正原因") or "更正给付账户"
    except InputError as exc:
        raise ServiceError(exc.message) from exc
    if not account.isdigit() or not 8 <= len(account) <= 32:
        raise ServiceError("银行账号应为8到32位数字，请按银行卡核对后重新输入。")
    return bank_text, holder_text, account, why


def correct_account(
    db: Database, user: UserInfo, claim_number: str, *, bank: str, holder: str, number: str, reason: str | None = None
) -> str:
    """Record a corrected bank account for an approved claim, or for a returned one (which then
    goes returned → approved and waits for a later batch). Returns the claim's new status."""
    require(user, "make_payout_batch", "更正给付账户")
    bank, holder, account, why = _clean_account(bank, holder, number, reason)
    with UnitOfWork(db, user=user) as uow:
        q = PayoutQueries(uow.session)
        found = q.claim((claim_number or "").strip().upper())
        if found is None:
            raise NotFound(f"找不到理赔「{claim_number}」，请检查理赔编号。")
        claim, member = found
        if claim.status not in ("approved", "returned"):
            if claim.status == "in_batch":
                raise ServiceError(
                    f"理赔 {claim.claim_number} 已在给付批次中，账户不能更改；如银行退回，确认退回后再更正。"
                )
            raise ServiceError(f"理赔 {claim.claim_number} 的状态不允许更正账户：只有已核准或银行退回的理赔可以更正。")
        if holder != member.name and not (claim.beneficiary_note or "").strip():
            raise ServiceError("户名与会员姓名不一致：给付只能付给会员本人（会员身故的，由受理时登记的受益人领取）。")
        before = {
            "bank_name": claim.bank_name,
            "account_holder": claim.account_holder,
            "account_number": claim.account_number,
            "status": claim.status,
        }
        claim.bank_name, claim.account_holder, claim.account_number = bank, holder, account
        if claim.status == "returned":
            q.add_history(claim.id, "returned", "approved", user.id, f"{why}，重新等待给付")
            claim.status = "approved"
        uow.audit(
            "claim.correct_account",
            "claim",
            claim.id,
            before=before,
            after={
                "bank_name": bank,
                "account_holder": holder,
                "account_number": account,
                "status": claim.status,
                "reason": why,
            },
        )
        status = claim.status
        uow.commit()
    return status
