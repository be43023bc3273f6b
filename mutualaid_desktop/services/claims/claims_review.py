"""理赔审核: the review queue, one claim as the reviewer sees it, approving or refusing it. The
decision notice (给付通知书 / 不予给付通知书) is in services/claims/decision_notices.py (re-exported here).

Rules (issues 4 and 9):
- only claims waiting for review are decided, by a reviewer, supervisor or administrator;
- maker-checker without exception: whoever entered a claim never decides it (approves or refuses),
  supervisors and administrators included (`decision_problem` says why, for the screen);
- a claim with flags (services/claim_checks: the same invoice on another claim, the same stay for
  another member, overlapping stays; those found at intake and those found now) is approved only
  when the reviewer acknowledges every one of them (`acknowledge_flags`, the flags' keys); the
  acknowledgement is written in the status change and the audit record;
- the approved amount is at most the quote; a lower amount needs a written reason; a refusal
  gives a reason from a list (REFUSAL_REASONS) and may add free text ("其他" requires it);
- the quote is computed again at review from the stored facts with what the database holds now
  (paid before, claims before, invoices already claimed): when it differs from the quote stored
  at intake the reviewer sees both, and a decision is made on the new one (the claim's facts,
  quote and quoted amount are then replaced by it; the audit record keeps the old quote);
- each decision: the claim's status, amount, reason, who and when, a ClaimStatusChange row and an
  audit record, in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.idcard import age_on
from mutualaid_desktop.domain.money import format_amount, from_fen, parse_amount, to_fen
from mutualaid_desktop.domain.plan import HOSPITAL_GRADES
from mutualaid_desktop.domain.quote import FACT_LABELS
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.claims.claim_checks import (
    ClaimFlag,
    check_not_future,
    flags_from_json,
    merge_flags,
)
from mutualaid_desktop.services.claims.claims_intake import claim_flags
from mutualaid_desktop.services.claims.decision_notices import (
    APPROVED_STATUSES,
    NOTICE_KIND,
    DecisionNotice,
    PrintedNotice,
    decision_notice,
    mask_account,
    print_decision_notice,
    save_notice,
)
from mutualaid_desktop.services.claims.review_common import (
    APPEAL_DAYS,
    COUNTER_REASONS,
    NOTE_PREFIX,
    REFUSAL_REASONS,
    REFUSAL_SHORT,
    QuoteView,
    claim_member,
    claim_plan,
    find_claim,
    loads,
    quote_view,
    refusal_text,
    split_refusal,
    user_name,
)
from mutualaid_desktop.services.claims.review_queue import (
    QUEUE_PAGE,
    FilterChoice,
    QueueChoices,
    QueueRow,
    queue_choices,
    review_queue,
    review_queue_count,
)
from mutualaid_desktop.services.claims.review_view import (
    HISTORY_FACTS,
    FactChange,
    FactRow,
    PaperRow,
    ReviewView,
    _fact_text,
    _fresh,
    _history_rows,
    _same_fact,
)
from mutualaid_desktop.services.enrollment.members import CLAIM_STATUS_LABELS, SEX_LABELS
from mutualaid_desktop.services.errors import PermissionDenied, ServiceError
from mutualaid_desktop.services.permissions import refusal
from mutualaid_desktop.services.reasons import written_reason
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.claim_queries import ClaimQueries
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.intake_queries import IntakeQueries
from mutualaid_desktop.store.models import Claim, utcnow

# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    claim_number: str
    status: str  # approved / refused
    quoted: Decimal
    approved: Decimal | None
    reason: str | None
    quote_refreshed: bool  # decided on the quote computed again at review
    flags_acknowledged: tuple[str, ...] = ()  # the keys of the flags the reviewer acknowledged


# --- helpers -------------------------------------------------------------------------------


# --- one claim -------------------------------------------------------------------------------


def claim_for_review(
    db: Database, claim_number: str, *, today: date | None = None, user: UserInfo | None = None
) -> ReviewView:
    """Everything the reviewer reads: facts, papers, the quote stored at intake and the quote
    computed again now, the member, the bank account and the history; read for `user`, with why
    they may not decide it (`why_not_decide`, the service's one rule: the screen only shows it)."""
    today = today or clock.today()
    with UnitOfWork(db, read_only=True) as uow:
        q = ClaimQueries(uow.session)
        claim = find_claim(q, claim_number)
        member = claim_member(q, claim)
        unit = q.unit(member.unit_id)
        plan = claim_plan(q, claim)
        hospital = q.hospital(claim.hospital_id)
        others = q.other_claims(claim)
        history = q.history(claim.id)
        flags = current_flags(uow.session, claim)
        clerk = user_name(q, claim.entered_by)
        decided_by = user_name(q, claim.decided_by) if claim.decided_by else None
    stored_facts = loads(claim.facts_json, {})
    stored_facts = stored_facts if isinstance(stored_facts, dict) else {}
    fresh_facts, fresh_quote, problem = _fresh(claim, plan.rules_toml, others)
    facts = tuple(
        FactRow(k, FACT_LABELS.get(k, k), _fact_text(k, stored_facts[k])) for k in FACT_LABELS if k in stored_facts
    )
    changes: tuple[FactChange, ...] = ()
    if fresh_facts is not None:
        changes = tuple(
            FactChange(k, FACT_LABELS[k], _fact_text(k, stored_facts.get(k)), _fact_text(k, fresh_facts.get(k)))
            for k in HISTORY_FACTS
            if k in fresh_facts and not _same_fact(k, stored_facts.get(k), fresh_facts.get(k))
        )
    papers_raw = loads(claim.papers_json, [])
    papers = (
        tuple(PaperRow(str(p.get("item", "")), bool(p.get("received"))) for p in papers_raw if isinstance(p, dict))
        if isinstance(papers_raw, list)
        else ()
    )
    grade = None
    if hospital is not None:
        grade = HOSPITAL_GRADES.get(hospital.grade) if hospital.grade else "未定级"
    view = ReviewView(
        claim_id=claim.id,
        claim_number=claim.claim_number,
        status=claim.status,
        status_label=CLAIM_STATUS_LABELS.get(claim.status, claim.status),
        received_on=claim.received_on,
        entered_by=claim.entered_by,
        clerk_name=clerk,
        plan_code=plan.code,
        plan_name=plan.name,
        plan_kind=plan.kind,
        member_name=member.name,
        id_number=member.id_number,
        sex_label=SEX_LABELS.get(member.sex, member.sex),
        age=age_on(member.birth_date, today),
        unit_name=unit.name if unit else None,
        phone=member.phone,
        hospital_name=hospital.name if hospital else None,
        hospital_grade=grade,
        diagnosis=claim.diagnosis or stored_facts.get("diagnosis"),
        facts=facts,
        papers=papers,
        papers_due=claim.papers_due,
        bank_name=claim.bank_name,
        account_holder=claim.account_holder,
        account_number=claim.account_number,
        beneficiary_note=claim.beneficiary_note,
        stored_quote=quote_view(loads(claim.quote_json, {})),
        fresh_quote=fresh_quote,
        fresh_problem=problem,
        changes=changes,
        approved=from_fen(claim.approved_fen) if claim.approved_fen is not None else None,
        decision_reason=claim.decision_reason,
        decided_by=decided_by,
        decided_at=clock.local_time(claim.decided_at),
        history=_history_rows(history),
        flags=flags,
    )
    return view if user is None else replace(view, why_not_decide=decision_problem(user, view))


# --- deciding --------------------------------------------------------------------------------


def maker_checker_problem(user: UserInfo, *, entered_by: int | None, claim_number: str) -> str | None:
    """Why `user` may not decide a claim entered by `entered_by`, or None. The one rule of who
    decides: a reviewer, supervisor or administrator, and never the person who entered the claim
    (no exception for supervisors)."""
    role_problem = refusal(user, "review_claim")
    if role_problem is not None:
        return role_problem
    if user.id is not None and entered_by == user.id:
        return (
            f"理赔 {claim_number} 是您本人受理的：受理和审核不能是同一个人（主管、管理员也不例外），"
            "请交由其他审核人审核。"
        )
    return None


def decision_problem(user: UserInfo, view: ReviewView) -> str | None:
    """Why `user` cannot decide the claim shown now (for the screen to say why its buttons are
    off), or None. The services check the same again when deciding."""
    if not view.waiting:
        return f"这件理赔已不是待审核状态（{view.status_label}）。"
    return maker_checker_problem(user, entered_by=view.entered_by, claim_number=view.claim_number)


def _check_decider(user: UserInfo, claim: Claim) -> None:
    """PermissionDenied when `user` may not decide `claim` (maker_checker_problem)."""
    problem = maker_checker_problem(user, entered_by=claim.entered_by, claim_number=claim.claim_number)
    if problem is not None:
        raise PermissionDenied(problem)


def _check_waiting(claim: Claim) -> None:
    if claim.status != "waiting_review":
        label = CLAIM_STATUS_LABELS.get(claim.status, claim.status)
        if claim.status == "waiting_papers":
            raise ServiceError(f"理赔 {claim.claim_number} 还在等待补交材料，材料齐全后才能审核。")
        raise ServiceError(f"理赔 {claim.claim_number} 的状态是「{label}」，不是待审核，不能再次审核；请刷新列表。")


def _decide(uow: UnitOfWork, q: ClaimQueries, claim: Claim, values: dict, user: UserInfo, reason: str | None) -> None:
    if not q.decide(claim, values, user_id=user.id, at=values["decided_at"], reason=reason):
        raise ServiceError(f"理赔 {claim.claim_number} 刚刚已由他人审核，请刷新列表。")


def current_flags(session, claim: Claim) -> tuple[ClaimFlag, ...]:
    """The claim's flags: those found at intake and those found against the database now."""
    return merge_flags(flags_from_json(claim.flags_json), claim_flags(IntakeQueries(session), claim))


def _flags_note(flags) -> str:
    return "；".join(f"{f.label} {f.claim_number}" for f in flags)


def _approved_amount(amount: Decimal | str | None, payout: Decimal, why: str | None) -> Decimal:
    """The amount to approve: the quote's `payout` when none is typed; never above it, above 0, and a
    lower amount only with a reason (`why`)."""
    if amount is None or (isinstance(amount, str) and not amount.strip()):
        value = payout
    else:
        try:
            value = parse_amount(amount, "核准金额")
        except InputError as exc:
            raise ServiceError(exc.message) from exc
    if value > payout:
        raise ServiceError(
            f"核准金额 {format_amount(value)} 高于计算金额 {format_amount(payout)}；核准金额不能高于计算金额，请改正。"
        )
    if value <= 0:
        raise ServiceError("核准金额须大于 0；不予给付的理赔请选择“不予给付”。")
    if value < payout and not why:
        raise ServiceError(f"核准金额 {format_amount(value)} 低于计算金额 {format_amount(payout)}，请填写核减理由。")
    return value


def _check_approvable(claim: Claim, quote: QuoteView, refreshed: bool, today: date) -> None:
    """ServiceError when the quote is not payable, or the stay ends after `today`."""
    if not quote.eligible:
        labels = "；".join(quote.reason_labels)
        when = "按现在的数据重新计算，" if refreshed else ""
        raise ServiceError(f"{when}理赔 {claim.claim_number} 不符合给付条件（{labels}），不能核准；请选择“不予给付”。")
    try:
        check_not_future(loads(claim.facts_json, {}) or {}, today)
    except InputError as exc:
        raise ServiceError(f"理赔 {claim.claim_number}：{exc.message}不能核准。") from exc


def _check_acknowledged(claim: Claim, flags: tuple[ClaimFlag, ...], acknowledged: set[str]) -> None:
    """ServiceError unless the reviewer acknowledged every flag of the claim."""
    unacknowledged = [f for f in flags if f.key not in acknowledged]
    if unacknowledged:
        raise ServiceError(
            f"理赔 {claim.claim_number} 有 {len(unacknowledged)} 项疑点须审核人核实：{_flags_note(unacknowledged)}。"
            "逐项核实无误后，请勾选“已核实上述疑点”再核准；否则请选择“不予给付”。"
        )


def _approval_notes(
    quote: QuoteView, stored: QuoteView, value: Decimal, why: str, *, refreshed: bool, lower: bool, flags
) -> list[str]:
    """The notes of an approval's status change: the quote computed again, a lower amount, the flags looked into."""
    notes = []
    if refreshed:
        notes.append(f"按审核时重新计算的金额 {format_amount(quote.payout)}（受理时 {format_amount(stored.payout)}）")
    if lower:
        notes.append(f"核减至 {format_amount(value)}：{why}")
    elif why:
        notes.append(why)
    if flags:
        notes.append(f"审核人已核实疑点：{_flags_note(flags)}")
    return notes


def approve(
    db: Database,
    user: UserInfo,
    claim_number: str,
    *,
    amount: Decimal | str | None = None,
    reason: str | None = None,
    acknowledge_flags: Sequence[str] = (),
    today: date | None = None,
) -> Decision:
    """Approve a claim waiting for review at the quote, or at a lower `amount` with a written
    `reason`. Never above the quote; refused when the quote (computed now) is not payable, and
    when the claim has a flag whose key is not in `acknowledge_flags` (the reviewer's explicit
    acknowledgement that each was looked into). A stay that ends after `today` (saved before intake
    refused it) is not approved."""
    why = written_reason(reason, "核减理由")
    today = today or clock.today()
    acknowledged = {str(k) for k in (acknowledge_flags or ())}
    with UnitOfWork(db, user=user) as uow:
        q = ClaimQueries(uow.session)
        claim = find_claim(q, claim_number)
        _check_decider(user, claim)
        _check_waiting(claim)
        plan = claim_plan(q, claim)
        stored = quote_view(loads(claim.quote_json, {}))
        fresh_facts, fresh, _problem = _fresh(claim, plan.rules_toml, q.other_claims(claim))
        quote = fresh or stored
        refreshed = fresh is not None and not fresh.same_as(stored)
        _check_approvable(claim, quote, refreshed, today)
        flags = current_flags(uow.session, claim)
        _check_acknowledged(claim, flags, acknowledged)
        value = _approved_amount(amount, quote.payout, why)
        lower = value < quote.payout
        notes = _approval_notes(quote, stored, value, why, refreshed=refreshed, lower=lower, flags=flags)
        at = utcnow()
        before = {"status": claim.status, "quoted": str(from_fen(claim.quoted_fen)), "stored_quote": stored.payout}
        values: dict[str, Any] = {
            "status": "approved",
            "approved_fen": to_fen(value),
            "decision_reason": why if lower else None,
            "decided_by": user.id,
            "decided_at": at,
        }
        if refreshed:
            values["facts_json"] = json.dumps(fresh_facts, ensure_ascii=False)
            values["quote_json"] = json.dumps(_quote_json(quote), ensure_ascii=False)
            values["quoted_fen"] = to_fen(quote.payout)
        _decide(uow, q, claim, values, user, "；".join(notes) or None)
        uow.audit(
            "claim.approve",
            "claim",
            claim.id,
            before=before,
            after={
                "claim_number": claim.claim_number,
                "status": "approved",
                "approved": value,
                "quoted": quote.payout,
                "reason": why or None,
                "quote_refreshed": refreshed,
                "decided_by": user.username,
                "flags": [f.to_json_dict() for f in flags],
                "flags_acknowledged": [f.key for f in flags],
            },
        )
        uow.commit()
    return Decision(
        claim.claim_number, "approved", quote.payout, value, why or None, refreshed, tuple(f.key for f in flags)
    )


def _quote_json(quote: QuoteView) -> dict[str, Any]:
    from mutualaid_desktop.domain.money import amount_in_words

    return {
        "eligible": quote.eligible,
        "reasons": list(quote.reasons),
        "payout": f"{quote.payout:.2f}",
        "payout_in_words": amount_in_words(quote.payout),
        "stay_days": quote.stay_days,
        "lines": [{"label": line.label, "amount": line.amount} for line in quote.lines],
    }


def refuse(
    db: Database, user: UserInfo, claim_number: str, *, reason_code: str | Sequence[str], text: str | None = None
) -> Decision:
    """Refuse a claim waiting for review: one or more reasons of REFUSAL_REASONS (codes), and
    free text (required for "other")."""
    codes = [reason_code] if isinstance(reason_code, str) else list(reason_code or ())
    codes = list(dict.fromkeys(c.strip() for c in codes if c and c.strip()))
    if not codes:
        raise ServiceError("请选择不予给付的理由。")
    unknown = [c for c in codes if c not in REFUSAL_REASONS]
    if unknown:
        raise ServiceError(f"不予给付的理由「{'、'.join(unknown)}」不在理由列表中，请从列表中选择。")
    note = written_reason(text, "说明")
    if "other" in codes and not note:
        raise ServiceError("选择“其他”时请写明不予给付的具体理由。")
    reason = refusal_text(codes, note)
    with UnitOfWork(db, user=user) as uow:
        q = ClaimQueries(uow.session)
        claim = find_claim(q, claim_number)
        _check_decider(user, claim)
        _check_waiting(claim)
        flags = current_flags(uow.session, claim)
        at = utcnow()
        change_reason = reason.replace("\n", "；")
        _decide(
            uow,
            q,
            claim,
            {
                "status": "refused",
                "approved_fen": None,
                "decision_reason": reason,
                "decided_by": user.id,
                "decided_at": at,
            },
            user,
            change_reason,
        )
        uow.audit(
            "claim.refuse",
            "claim",
            claim.id,
            before={"status": "waiting_review"},
            after={
                "claim_number": claim.claim_number,
                "status": "refused",
                "reason_codes": codes,
                "text": note or None,
                "decided_by": user.username,
                "flags": [f.to_json_dict() for f in flags],
            },
        )
        uow.commit()
    return Decision(claim.claim_number, "refused", from_fen(claim.quoted_fen), None, reason, False)


__all__ = [
    "APPEAL_DAYS",
    "APPROVED_STATUSES",
    "COUNTER_REASONS",
    "NOTE_PREFIX",
    "NOTICE_KIND",
    "QUEUE_PAGE",
    "REFUSAL_REASONS",
    "REFUSAL_SHORT",
    "Decision",
    "DecisionNotice",
    "FilterChoice",
    "PrintedNotice",
    "QueueChoices",
    "QueueRow",
    "ReviewView",
    "approve",
    "claim_for_review",
    "current_flags",
    "decision_notice",
    "decision_problem",
    "maker_checker_problem",
    "mask_account",
    "print_decision_notice",
    "queue_choices",
    "refusal_text",
    "refuse",
    "review_queue",
    "review_queue_count",
    "save_notice",
    "split_refusal",
]
