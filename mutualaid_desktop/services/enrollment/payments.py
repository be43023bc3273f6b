"""Premium payments and receipts (票据): what is due and recording a payment here; the receipt's and
the roster's papers in receipt_papers.py, voids in receipt_voids.py, the receipts list and a clerk's
day (日结) in receipt_lists.py, what they share in payment_parts.py. Every name is offered here too.

Rules (shared/spec/plan-rules.md, issue 3):
- the amount received must equal the premiums due: a part payment and an overpayment are refused;
- every enrollment paid for must be pending_payment and belong to the payer (its unit, or the member);
- cover starts the day after payment, never before the plan's period_start, and ends at period_end;
- a receipt is never deleted: it is voided (reason, who, when), its enrollments go back to
  pending_payment; what it paid for stays in premium_payment_items;
- every paper printed is recorded in printed_documents; a reprint is a numbered copy, marked 补打.
Each change is one unit of work with its audit record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from mutualaid_desktop.documents.cash_up import CashUp
from mutualaid_desktop.documents.premium_receipt import ReceiptPaper
from mutualaid_desktop.documents.unit_roster import RosterPaper
from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.idcard import mask_id_number
from mutualaid_desktop.domain.money import format_amount, from_fen, parse_amount, to_fen
from mutualaid_desktop.domain.text import code_text
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.enrollment.payment_parts import (  # noqa: F401 - the names payments always offered
    MAX_ENROLLMENTS,
    METHOD_LABELS,
    RECEIPT_KIND,
    ROSTER_KIND,
    SEX_LABELS,
    DueLine,
    DuePerson,
    _lines,
    _rules,
)
from mutualaid_desktop.services.enrollment.receipt_lists import Cashier, ReceiptRow, cash_up, cashiers, list_receipts
from mutualaid_desktop.services.enrollment.receipt_papers import (
    PrintedPaper,
    _paper,
    receipt_paper,
    reprint_receipt,
    roster_paper,
    unit_roster,
)
from mutualaid_desktop.services.enrollment.receipt_voids import VoidResult, void_receipt
from mutualaid_desktop.services.enrollment.waiting_period import waiting_warnings
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.papers.paper_records import issue_copy
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.enrollment_queries import EnrollmentQueries
from mutualaid_desktop.store.limits import text_limit
from mutualaid_desktop.store.models import Member, OrgUnit, PremiumPayment, utcnow
from mutualaid_desktop.store.payment_queries import PaymentQueries
from mutualaid_desktop.store.repositories import PlanRepository
from mutualaid_desktop.store.serials import next_receipt_serial

BANK_REFERENCE_LIMIT = text_limit(PremiumPayment.bank_reference)


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Payer:
    kind: str  # "unit" or "member"
    unit_code: str | None
    member_id: int | None
    name: str
    code: str  # unit code, or the member's ID number (full: this is for the counter's screen)

    @property
    def label(self) -> str:
        return f"{'单位' if self.kind == 'unit' else '个人'}：{self.name}（{self.code}）"


@dataclass(frozen=True)
class PaymentDue:
    enrollment_ids: tuple[int, ...]
    payers: tuple[Payer, ...]  # who may pay; the first is the usual one
    lines: tuple[DueLine, ...]
    persons: tuple[DuePerson, ...]
    total: Decimal
    paid_on: date

    @property
    def payer(self) -> Payer:
        return self.payers[0]

    @property
    def people(self) -> int:
        return len({p.member_id for p in self.persons})


@dataclass(frozen=True)
class PendingEnrollment:
    enrollment_id: int
    member_id: int
    member_name: str
    id_number: str
    unit_code: str | None
    unit_name: str | None
    plan_code: str
    plan_name: str
    shares: int
    premium: Decimal


@dataclass(frozen=True)
class PendingGroup:
    """Enrollments waiting for payment, by unit and plan (what a unit brings money for)."""

    unit_code: str | None
    unit_name: str | None
    plan_code: str
    plan_name: str
    people: int
    total: Decimal
    enrollment_ids: tuple[int, ...]


@dataclass(frozen=True)
class PaymentResult:
    payment_id: int
    serial: str
    amount: Decimal
    paid_on: date
    cover_start: date  # the earliest of the lines (one plan: the cover start)
    cover_end: date
    people: int
    paper: ReceiptPaper  # what to print now


def _method(method: str) -> str:
    value = (method or "").strip()
    for code, label in METHOD_LABELS.items():
        if value in (code, label):
            return code
    raise ServiceError(f"缴费方式「{value}」不对，请选择现金、转账、微信或支付宝。")


def _check_ids(enrollment_ids) -> list[int]:
    ids = sorted({int(i) for i in enrollment_ids or ()})
    if not ids:
        raise ServiceError("没有选择要缴费的参保记录，请先选择人员。")
    if len(ids) > MAX_ENROLLMENTS:
        raise ServiceError(f"一次最多为 {MAX_ENROLLMENTS} 条参保记录缴费，请分批收款。")
    return ids


def _payers(q: PaymentQueries, rows) -> list[Payer]:
    """Who may pay for these enrollments: their common unit, and/or their one member."""
    payers = []
    unit_ids = {e.unit_id for e, _, _ in rows}
    member_ids = {m.id for _, m, _ in rows}
    if len(unit_ids) == 1 and None not in unit_ids:
        unit = q.unit(unit_ids.pop())
        assert unit is not None  # enrollments.unit_id is a foreign key
        payers.append(Payer("unit", unit.code, None, unit.name, unit.code))
    if len(member_ids) == 1:
        member = rows[0][1]
        payers.append(Payer("member", None, member.id, member.name, member.id_number))
    return payers


# --- what is due ---------------------------------------------------------------------------


def due_for(db: Database, *, enrollment_ids, paid_on: date | None = None) -> PaymentDue:
    """Who pays, for which plans and people, and how much, for these (pending) enrollments."""
    ids = _check_ids(enrollment_ids)
    paid_on = paid_on or clock.today()
    with UnitOfWork(db, read_only=True) as uow:
        q = PaymentQueries(uow.session)
        rows = q.enrollments(ids)
        _check_found(ids, rows)
        _check_pending(q, rows)
        payers = _payers(q, rows)
        if not payers:
            raise ServiceError("所选人员属于不同单位，不能在一张收据上缴费；请按单位分别收款。")
        lines, persons = _lines(rows, paid_on)
        total = sum((line.amount for line in lines), Decimal("0.00"))
        return PaymentDue(tuple(ids), tuple(payers), tuple(lines), tuple(persons), total, paid_on)


def pending_enrollments(
    db: Database,
    *,
    unit_code: str | None = None,
    member_id: int | None = None,
    plan_code: str | None = None,
    limit: int = 5000,
) -> list[PendingEnrollment]:
    """Enrollments waiting for payment (of a unit, a member, a plan), oldest first."""
    with UnitOfWork(db, read_only=True) as uow:
        q = PaymentQueries(uow.session)
        unit_id = plan_id = None
        if unit_code:
            unit = q.unit_by_code(unit_code.strip())
            if unit is None:
                raise NotFound(f"没有编码为「{unit_code}」的单位，请检查单位编码。")
            unit_id = unit.id
        if plan_code:
            plan = PlanRepository(uow.session).by_code(plan_code.strip())
            if plan is None:
                raise NotFound(f"没有代码为「{plan_code}」的计划，请检查计划代码。")
            plan_id = plan.id
        rows = q.pending(unit_id=unit_id, member_id=member_id, plan_id=plan_id, limit=limit)
        return [
            PendingEnrollment(
                e.id,
                m.id,
                m.name,
                m.id_number,
                u.code if u else None,
                u.name if u else None,
                p.code,
                p.name,
                e.shares,
                from_fen(e.premium_fen),
            )
            for e, m, p, u in rows
        ]


def pending_groups(db: Database, *, limit: int = 1000) -> list[PendingGroup]:
    """What is waiting for payment, by unit and plan."""
    with UnitOfWork(db, read_only=True) as uow:
        q = PaymentQueries(uow.session)
        out = []
        for unit, plan, count, total in q.pending_groups(limit):
            ids = q.pending_ids(unit_id=unit.id if unit else None, plan_id=plan.id)
            out.append(
                PendingGroup(
                    unit.code if unit else None,
                    unit.name if unit else None,
                    plan.code,
                    plan.name,
                    count,
                    from_fen(total),
                    tuple(ids),
                )
            )
        return out


def _check_found(ids: list[int], rows) -> None:
    found = {e.id for e, _, _ in rows}
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFound(f"找不到参保记录 {', '.join(map(str, missing[:5]))}，可能已被删除；请刷新后重新选择。")


def _check_pending(q: PaymentQueries, rows) -> None:
    for enrollment, member, plan in rows:
        if enrollment.status == "pending_payment":
            continue
        if enrollment.status == "paid":
            paid = q.session.get(PremiumPayment, enrollment.payment_id) if enrollment.payment_id else None
            serial = f"（收据 {paid.receipt_serial}）" if paid else ""
            raise ServiceError(f"{member.name} 的「{plan.name}」已缴费{serial}，不能重复缴费；请刷新后重新选择。")
        raise ServiceError(f"{member.name} 的「{plan.name}」参保已取消，不能缴费。")


# --- recording a payment -------------------------------------------------------------------


def _continuous_ids(session, plan_rows, cover_start: date) -> list[int]:
    """The enrollments (of one plan) whose cover is continuous now that the payment fixes when it
    starts: the member's previous cover of a plan of the same kind ended no more than the grace
    days before (plan-rules.md, "continuous cover"). What enrollment predicted is not trusted."""
    plan = plan_rows[0][1]
    rules = _rules(plan)
    previous = EnrollmentQueries(session).previous_cover_ends(
        [e.member_id for e, _ in plan_rows], plan.kind, cover_start
    )
    return [e.id for e, _ in plan_rows if rules.is_continuous(previous.get(e.member_id), cover_start)]


def _payer_of(
    q: PaymentQueries, rows, payer_unit_code: str | None, payer_member_id: int | None
) -> tuple[OrgUnit | None, Member | None]:
    """Who pays: the unit of code `payer_unit_code` for its own people only, or the member `payer_member_id`
    for themself only (NotFound / ServiceError otherwise, never naming anyone: ID numbers masked)."""
    unit: OrgUnit | None = None
    member: Member | None = None
    if payer_unit_code is not None:
        unit = q.unit_by_code(payer_unit_code.strip())
        if unit is None:
            raise NotFound(f"没有编码为「{payer_unit_code}」的单位，请检查缴款单位。")
        strangers = [mask_id_number(m.id_number) for e, m, _ in rows if e.unit_id != unit.id]  # never names
        if strangers:
            raise ServiceError(
                f"{'、'.join(strangers[:3])}{'等' if len(strangers) > 3 else ''}的参保不属于「{unit.name}」，"
                "不能由该单位缴费；请只选择本单位的人员。"
            )
    else:
        member = q.member(payer_member_id)
        if member is None:
            raise NotFound("找不到缴款人，请重新选择。")
        strangers = [mask_id_number(m.id_number) for e, m, _ in rows if m.id != member.id]
        if strangers:
            raise ServiceError(
                f"个人缴费只能为本人缴纳；{'、'.join(strangers[:3])}不是缴款人本人，请改由单位缴费或分别收款。"
            )
    return unit, member


def _check_due(received: Decimal, rows, lines: list[DueLine], persons: list[DuePerson]) -> int:
    """The premiums due (fen), which must be exactly the amount `received`; every cover must still lie in
    its plan's period (ServiceError otherwise)."""
    due_fen = sum(e.premium_fen for e, _, _ in rows)
    if to_fen(received) != due_fen:
        people = len({p.member_id for p in persons})
        kind = "少于" if to_fen(received) < due_fen else "多于"
        raise ServiceError(
            f"实收金额 {format_amount(received)} {kind}应缴金额 {format_amount(from_fen(due_fen))}（{people} 人）。"
            f"应缴 {format_amount(from_fen(due_fen))}，请按应缴金额收款：不收部分缴费，也不多收。"
        )
    for line in lines:
        if line.cover_start > line.period_end:
            raise ServiceError(
                f"「{line.plan_name}」的保障期已于 {line.period_end:%Y-%m-%d} 结束，不能再为它缴费；"
                "请为下一年度的计划办理参保。"
            )
    return due_fen


def _check_entry(
    amount: Decimal | str, method: str, bank_reference: str | None, paid_on: date, today: date
) -> tuple[Decimal, str | None]:
    """The amount received and the bank reference as typed, cleaned; ServiceError for an amount that is not
    one, a reference with a method other than transfer, a missing payment date or one after `today`."""
    try:
        received = parse_amount(amount, "实收金额")
        reference = code_text(
            bank_reference, field="bank_reference", label="银行流水号", limit=BANK_REFERENCE_LIMIT, required=False
        )
    except InputError as exc:
        raise ServiceError(exc.message) from exc
    if reference is not None and method != "transfer":
        raise ServiceError("只有转账缴费才填写银行流水号；请把缴费方式改为转账，或清空银行流水号。")
    if not isinstance(paid_on, date):
        raise ServiceError("请填写缴费日期。")
    if paid_on > today:
        raise ServiceError(f"缴费日期 {paid_on:%Y-%m-%d} 晚于今天，请改为实际收款的日期。")
    return received, reference


def _set_paid(q: PaymentQueries, rows, lines: list[DueLine], payment_id: int) -> None:
    """The enrollments become paid by the payment, each plan's with its cover period, and continuous where
    the member's previous cover ended no more than the grace days before."""
    for plan_code, line in {line.plan_code: line for line in lines}.items():
        plan_rows = [(e, p) for e, _, p in rows if p.code == plan_code]
        plan_ids = [e.id for e, _ in plan_rows]
        q.set_paid(plan_ids, payment_id, line.cover_start, line.cover_end)
        q.set_continuous(plan_ids, _continuous_ids(q.session, plan_rows, line.cover_start))


def _check_payer_and_waiting(
    db: Database, ids: list[int], payer_unit_code, payer_member_id, paid_on: date, waiting_acknowledged: bool
):
    """One payer, a unit or a person; and a cover wholly inside the waiting period only when the payer
    was told (returns the waiting warning, or None)."""
    if (payer_unit_code is None) == (payer_member_id is None):
        raise ServiceError("请指定缴款人：单位或个人（只选一个）。")
    waiting = waiting_warnings(db, ids, paid_on=paid_on)
    if waiting is not None and not waiting_acknowledged:
        raise ServiceError(f"{waiting.message}\n收款前须确认已向缴款人说明、缴款人仍要缴费（收款窗口中勾选确认）。")
    return waiting


def _add_payment(
    q: PaymentQueries, user, rows, unit, member, due_fen: int, method: str, paid_on: date, serial, reference, replaced
) -> PremiumPayment:
    """The payment row and its lines (one per enrollment, with its premium)."""
    return q.add_payment(
        PremiumPayment(
            payer_unit_id=unit.id if unit else None,
            payer_member_id=member.id if member else None,
            amount_fen=due_fen,
            method=method,
            paid_on=paid_on,
            receipt_serial=serial,
            clerk_id=user.id,
            voided=False,
            bank_reference=reference,
            replaces_payment_id=replaced.id if replaced else None,
        ),
        [{"enrollment_id": e.id, "premium_fen": e.premium_fen} for e, _, _ in rows],
    )


def _print_original(session, user, printed: bool, serial, payment_id: int):
    """When the receipt is printed at once, its original print recorded; the time of the print."""
    printed_at = utcnow()
    if printed:
        printed_at = issue_copy(
            session,
            user,
            kind=RECEIPT_KIND,
            serial=serial,
            subject_table="premium_payments",
            subject_id=payment_id,
        ).printed_at
    return printed_at


def _payment_result(payment: PremiumPayment, due: Decimal, lines: list[DueLine], persons: list[DuePerson], paper):
    """What record_payment tells the counter: the receipt, the amount, the period covered, how many people."""
    return PaymentResult(
        payment.id,
        payment.receipt_serial,
        due,
        payment.paid_on,
        min(line.cover_start for line in lines),
        max(line.cover_end for line in lines),
        len({p.member_id for p in persons}),
        paper,
    )


def record_payment(
    db: Database,
    user: UserInfo,
    *,
    enrollment_ids,
    payer_unit_code: str | None = None,
    payer_member_id: int | None = None,
    amount: Decimal | str,
    method: str,
    paid_on: date,
    printed: bool = True,
    today: date | None = None,
    bank_reference: str | None = None,
    waiting_acknowledged: bool = False,
) -> PaymentResult:
    """Record a premium payment and its receipt; the enrollments become paid.

    With `printed` (the receipt is printed at once) the original print is recorded in
    printed_documents in the same transaction. Raises ServiceError (nothing changed) when the
    amount is not exactly the premiums due, an enrollment is not pending or not the payer's...

    `bank_reference` is a transfer's 银行流水号 (optional: the bank's notice may come later; other
    methods have none). The receipt records the voided receipt of the same people it replaces.

    When the rest of the cover of some of them, paid on `paid_on`, lies wholly inside the waiting period
    (enrollment.waiting_warnings), the payer must have been told: without `waiting_acknowledged` the
    payment is refused (ServiceError naming the dates; nothing changed). The enrollment itself was the
    gate for who may choose such a cover (enrollment.check_waiting); taking the money is the payer's
    informed choice, and the counter records that it was told (the audit's waiting_acknowledged)."""
    require(user, "pay")
    ids = _check_ids(enrollment_ids)
    method = _method(method)
    received, reference = _check_entry(amount, method, bank_reference, paid_on, today or clock.today())
    waiting = _check_payer_and_waiting(db, ids, payer_unit_code, payer_member_id, paid_on, waiting_acknowledged)

    with UnitOfWork(db, user=user) as uow:
        q = PaymentQueries(uow.session)
        rows = q.enrollments(ids)
        _check_found(ids, rows)
        _check_pending(q, rows)
        unit, member = _payer_of(q, rows, payer_unit_code, payer_member_id)
        lines, persons = _lines(rows, paid_on)
        due_fen = _check_due(received, rows, lines, persons)
        due = from_fen(due_fen)

        replaced = q.replaced_payment(
            ids, {m.id for _, m, _ in rows}, unit.id if unit else None, member.id if member else None
        )
        serial = next_receipt_serial(uow.session, paid_on.year)
        payment = _add_payment(q, user, rows, unit, member, due_fen, method, paid_on, serial, reference, replaced)
        _set_paid(q, rows, lines, payment.id)
        printed_at = _print_original(uow.session, user, printed, serial, payment.id)
        uow.audit(
            "payment.record",
            "premium_payment",
            payment.id,
            after={
                "serial": serial,
                "amount": str(due),
                "method": method,
                "paid_on": paid_on,
                "payer_unit": unit.code if unit else None,
                "payer_member_id": member.id if member else None,
                "enrollment_ids": ids,
                "printed": printed,
                "bank_reference": reference,
                "replaces": replaced.receipt_serial if replaced else None,
                **({"waiting_acknowledged": list(waiting.enrollment_ids)} if waiting is not None else {}),
            },
        )
        paper = _paper(uow.session, q, payment, user.display_name, copy_number=0, printed_at=printed_at)
        uow.commit()
    return _payment_result(payment, due, lines, persons, paper)


__all__ = [
    "METHOD_LABELS",
    "CashUp",
    "Cashier",
    "DueLine",
    "DuePerson",
    "Payer",
    "PaymentDue",
    "PaymentResult",
    "PendingEnrollment",
    "PendingGroup",
    "PrintedPaper",
    "ReceiptRow",
    "VoidResult",
    "cash_up",
    "cashiers",
    "due_for",
    "list_receipts",
    "papers_folder",
    "pending_enrollments",
    "pending_groups",
    "receipt_paper",
    "record_payment",
    "reprint_receipt",
    "roster_paper",
    "save_paper",
    "unit_roster",
    "void_receipt",
]


def save_paper(paper: ReceiptPaper | RosterPaper | CashUp, path) -> Path:
    """Write a paper of this module as a PDF at `path` (for the GUI, which does not render itself)."""
    if isinstance(paper, ReceiptPaper):
        from mutualaid_desktop.documents.premium_receipt import render_receipt

        return render_receipt(paper, Path(path))
    if isinstance(paper, RosterPaper):
        from mutualaid_desktop.documents.unit_roster import render_unit_roster

        return render_unit_roster(paper, Path(path))
    if isinstance(paper, CashUp):
        from mutualaid_desktop.documents.cash_up import render_cash_up

        return render_cash_up(paper, Path(path))
    raise TypeError(f"not a paper of payments: {type(paper).__name__}")


def papers_folder(db: Database) -> Path:
    """Where the counter keeps the PDFs it makes: `papers/` next to the database file (or a
    temporary folder for a database on a server)."""
    if db.path is not None:
        return Path(db.path).parent / "papers"
    import tempfile

    return Path(tempfile.gettempdir()) / "mutualaid-papers"
