"""Premium payments and receipts (票据): what is due, recording a payment, voiding and reprinting a
receipt, a unit's roster of covered members, and a clerk's day (日结).

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
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

from mutualaid_desktop.documents.cash_up import CashUp, CashUpReceipt
from mutualaid_desktop.documents.premium_receipt import ReceiptLine, ReceiptPaper
from mutualaid_desktop.documents.unit_roster import RosterPaper, RosterRow, RosterSection
from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.idcard import mask_id_number
from mutualaid_desktop.domain.money import format_amount, from_fen, parse_amount, to_fen
from mutualaid_desktop.domain.plan import Plan as PlanRules
from mutualaid_desktop.domain.text import clean_text
from mutualaid_desktop.services.dashboard import ORG_NAME_KEY
from mutualaid_desktop.services.errors import NotFound, PermissionDenied, ServiceError
from mutualaid_desktop.services.printed_papers import issue_copy
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.services.users import UserInfo
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.enrollment_queries import EnrollmentQueries
from mutualaid_desktop.store.models import Plan, PremiumPayment, utcnow
from mutualaid_desktop.store.payment_queries import PaymentQueries, ReceiptListRow
from mutualaid_desktop.store.repositories import PlanRepository, SettingRepository
from mutualaid_desktop.store.serials import next_receipt_serial

METHOD_LABELS = {"cash": "现金", "transfer": "转账", "wechat": "微信", "alipay": "支付宝"}
PAY_ROLES = ("clerk", "supervisor", "admin")
SUPERVISOR_ROLES = ("supervisor", "admin")
RECEIPT_KIND = "premium_receipt"
ROSTER_KIND = "unit_roster"
MAX_ENROLLMENTS = 100_000
SEX_LABELS = {"male": "男", "female": "女"}
DEFAULT_ORG = "职工互助保障服务中心"


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


@dataclass(frozen=True)
class VoidResult:
    serial: str
    enrollments_reopened: int


@dataclass(frozen=True)
class PrintedPaper:
    serial: str
    copy_number: int  # 0 = original; n = n-th reprint (补打)
    paper: ReceiptPaper | RosterPaper


@dataclass(frozen=True)
class ReceiptRow:
    """A receipt in the 票据 list."""

    payment_id: int
    serial: str
    paid_on: date
    payer_kind: str
    payer_name: str
    payer_code: str
    plans: str
    people: int
    amount: Decimal
    method: str
    clerk_id: int | None
    clerk_name: str
    voided: bool
    void_reason: str | None

    @property
    def method_label(self) -> str:
        return METHOD_LABELS.get(self.method, self.method)


@dataclass(frozen=True)
class Cashier:
    id: int
    display_name: str
    username: str


# --- helpers -------------------------------------------------------------------------------


def _rules(plan: Plan) -> PlanRules:
    """The domain plan for a plan row (only what the cover rule needs is read from the row)."""
    return PlanRules(
        code=plan.code, name=plan.name, kind=plan.kind, premium_per_share=from_fen(plan.premium_per_share_fen),
        max_shares=plan.max_shares, period_start=plan.period_start, period_end=plan.period_end,
        waiting_days=plan.waiting_days, renewal_grace_days=plan.renewal_grace_days,
        claim_deadline_days=plan.claim_deadline_days, min_age=plan.min_age, max_age=plan.max_age,
        min_hospital_grade=plan.min_hospital_grade, reimbursement=None, lump_sum=None, source=plan.rules_toml,
    )


def _local_day(moment: datetime | None) -> date | None:
    """The local calendar day of a stored UTC moment."""
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc).astimezone().date()


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


def _org_name(session) -> str:
    return (SettingRepository(session).get(ORG_NAME_KEY) or "").strip() or DEFAULT_ORG


def _require(user: UserInfo, roles: tuple[str, ...], what: str) -> None:
    if user.role not in roles:
        raise PermissionDenied(f"您的账号（{user.role_label}）不能{what}，请由经办人或主管办理。")


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _lines(rows, paid_on: date) -> tuple[list[DueLine], list[DuePerson]]:
    """Due lines by plan, and the persons, for (enrollment, member, plan) rows."""
    by_plan: dict[int, list] = {}
    persons = []
    for enrollment, member, plan in rows:
        by_plan.setdefault(plan.id, []).append((enrollment, member, plan))
        persons.append(DuePerson(enrollment.id, member.id, member.name, member.id_number, plan.code,
                                 enrollment.shares, from_fen(enrollment.premium_fen)))
    lines = []
    for group in by_plan.values():
        plan = group[0][2]
        lines.append(DueLine(
            plan_code=plan.code, plan_name=plan.name, people=len({m.id for _, m, _ in group}),
            shares=sum(e.shares for e, _, _ in group), period_start=plan.period_start, period_end=plan.period_end,
            cover_start=_rules(plan).cover_start(paid_on), cover_end=plan.period_end,
            amount=from_fen(sum(e.premium_fen for e, _, _ in group)),
        ))
    return lines, persons


def _payers(q: PaymentQueries, rows) -> list[Payer]:
    """Who may pay for these enrollments: their common unit, and/or their one member."""
    payers = []
    unit_ids = {e.unit_id for e, _, _ in rows}
    member_ids = {m.id for _, m, _ in rows}
    if len(unit_ids) == 1 and None not in unit_ids:
        unit = q.unit(unit_ids.pop())
        payers.append(Payer("unit", unit.code, None, unit.name, unit.code))
    if len(member_ids) == 1:
        member = rows[0][1]
        payers.append(Payer("member", None, member.id, member.name, member.id_number))
    return payers


# --- what is due ---------------------------------------------------------------------------


def due_for(db: Database, *, enrollment_ids, paid_on: date | None = None) -> PaymentDue:
    """Who pays, for which plans and people, and how much, for these (pending) enrollments."""
    ids = _check_ids(enrollment_ids)
    paid_on = paid_on or date.today()
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
    db: Database, *, unit_code: str | None = None, member_id: int | None = None, plan_code: str | None = None,
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
            PendingEnrollment(e.id, m.id, m.name, m.id_number, u.code if u else None, u.name if u else None,
                              p.code, p.name, e.shares, from_fen(e.premium_fen))
            for e, m, p, u in rows
        ]


def pending_groups(db: Database, *, limit: int = 1000) -> list[PendingGroup]:
    """What is waiting for payment, by unit and plan."""
    with UnitOfWork(db, read_only=True) as uow:
        q = PaymentQueries(uow.session)
        out = []
        for unit, plan, count, total in q.pending_groups(limit):
            ids = q.pending_ids(unit_id=unit.id if unit else None, plan_id=plan.id)
            out.append(PendingGroup(unit.code if unit else None, unit.name if unit else None, plan.code,
                                    plan.name, count, from_fen(total), tuple(ids)))
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
    previous = EnrollmentQueries(session).previous_cover_ends([e.member_id for e, _ in plan_rows], plan.kind, cover_start)
    return [e.id for e, _ in plan_rows if rules.is_continuous(previous.get(e.member_id), cover_start)]


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
) -> PaymentResult:
    """Record a premium payment and its receipt; the enrollments become paid.

    With `printed` (the receipt is printed at once) the original print is recorded in
    printed_documents in the same transaction. Raises ServiceError (nothing changed) when the
    amount is not exactly the premiums due, an enrollment is not pending or not the payer's..."""
    _require(user, PAY_ROLES, "收取互助金")
    ids = _check_ids(enrollment_ids)
    method = _method(method)
    try:
        received = parse_amount(amount, "实收金额")
    except InputError as exc:
        raise ServiceError(exc.message) from exc
    today = today or date.today()
    if not isinstance(paid_on, date):
        raise ServiceError("请填写缴费日期。")
    if paid_on > today:
        raise ServiceError(f"缴费日期 {paid_on:%Y-%m-%d} 晚于今天，请改为实际收款的日期。")
    if (payer_unit_code is None) == (payer_member_id is None):
        raise ServiceError("请指定缴款人：单位或个人（只选一个）。")

    with UnitOfWork(db, user=user) as uow:
        q = PaymentQueries(uow.session)
        rows = q.enrollments(ids)
        _check_found(ids, rows)
        _check_pending(q, rows)
        unit = member = None
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
        lines, persons = _lines(rows, paid_on)
        due_fen = sum(e.premium_fen for e, _, _ in rows)
        due = from_fen(due_fen)
        if to_fen(received) != due_fen:
            people = len({p.member_id for p in persons})
            kind = "少于" if to_fen(received) < due_fen else "多于"
            raise ServiceError(
                f"实收金额 {format_amount(received)} {kind}应缴金额 {format_amount(due)}（{people} 人）。"
                f"应缴 {format_amount(due)}，请按应缴金额收款：不收部分缴费，也不多收。"
            )
        for line in lines:
            if line.cover_start > line.period_end:
                raise ServiceError(
                    f"「{line.plan_name}」的保障期已于 {line.period_end:%Y-%m-%d} 结束，不能再为它缴费；"
                    "请为下一年度的计划办理参保。"
                )

        serial = next_receipt_serial(uow.session, paid_on.year)
        payment = q.add_payment(
            PremiumPayment(
                payer_unit_id=unit.id if unit else None, payer_member_id=member.id if member else None,
                amount_fen=due_fen, method=method, paid_on=paid_on, receipt_serial=serial, clerk_id=user.id,
                voided=False,
            ),
            [{"enrollment_id": e.id, "premium_fen": e.premium_fen} for e, _, _ in rows],
        )
        cover_by_plan = {line.plan_code: line for line in lines}
        for plan_code, line in cover_by_plan.items():
            plan_rows = [(e, p) for e, _, p in rows if p.code == plan_code]
            plan_ids = [e.id for e, _ in plan_rows]
            q.set_paid(plan_ids, payment.id, line.cover_start, line.cover_end)
            q.set_continuous(plan_ids, _continuous_ids(uow.session, plan_rows, line.cover_start))
        printed_at = utcnow()
        if printed:
            printed_at = issue_copy(uow.session, user, kind=RECEIPT_KIND, serial=serial,
                                    subject_table="premium_payments", subject_id=payment.id).printed_at
        uow.audit("payment.record", "premium_payment", payment.id, after={
            "serial": serial, "amount": str(due), "method": method, "paid_on": paid_on,
            "payer_unit": unit.code if unit else None, "payer_member_id": member.id if member else None,
            "enrollment_ids": ids, "printed": printed,
        })
        paper = _paper(uow.session, q, payment, user.display_name, copy_number=0, printed_at=printed_at)
        uow.commit()
    return PaymentResult(payment.id, serial, due, paid_on, min(line.cover_start for line in lines),
                         max(line.cover_end for line in lines), len({p.member_id for p in persons}), paper)


def _paper(session, q: PaymentQueries, payment: PremiumPayment, clerk_name: str | None = None, *,
           copy_number: int, printed_at: datetime | None) -> ReceiptPaper:
    """The receipt's data, from the payment and what it paid for."""
    items = q.items(payment.id)
    lines, _ = _lines([(e, m, p) for _, e, m, p in items], payment.paid_on)
    # The item's premium is what was paid (the enrollment could be re-priced after a void).
    by_plan: dict[str, int] = {}
    for item, _, _, plan in items:
        by_plan[plan.code] = by_plan.get(plan.code, 0) + item.premium_fen
    receipt_lines = tuple(
        ReceiptLine(line.plan_name, line.people, line.shares, line.cover_start, line.cover_end,
                    from_fen(by_plan[line.plan_code]))
        for line in lines
    )
    if payment.payer_unit_id is not None:
        unit = q.unit(payment.payer_unit_id)
        kind, name, code = "unit", unit.name, unit.code
    else:
        member = q.member(payment.payer_member_id)
        kind, name, code = "member", member.name, mask_id_number(member.id_number)
    if clerk_name is None:
        clerk = q.user(payment.clerk_id)
        clerk_name = clerk.display_name if clerk else ""
    return ReceiptPaper(
        serial=payment.receipt_serial, org_name=_org_name(session), payer_kind=kind, payer_name=name,
        payer_code=code, lines=receipt_lines, amount=from_fen(payment.amount_fen), method=payment.method,
        clerk_name=clerk_name, paid_on=payment.paid_on, voided=bool(payment.voided),
        void_reason=payment.void_reason, voided_on=_local_day(payment.voided_at), copy_number=copy_number,
        printed_at=_local_moment(printed_at),
    )


def _local_moment(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc).astimezone().replace(tzinfo=None)


def _payment(q: PaymentQueries, serial: str) -> PremiumPayment:
    text = (serial or "").strip().upper()
    payment = q.payment_by_serial(text) if text else None
    if payment is None:
        raise NotFound(f"没有收据号为「{serial}」的收据，请检查收据号（如 SJ2026-000123）。")
    return payment


# --- void, reprint -------------------------------------------------------------------------


def void_receipt(db: Database, user: UserInfo, serial: str, reason: str, *, today: date | None = None) -> VoidResult:
    """Void a receipt: kept with voided=True, who, when and why; its enrollments go back to
    pending_payment without cover. A supervisor may void any receipt; the clerk who issued it,
    on the day it was issued."""
    reason = clean_text(reason, field="reason", label="作废原因", limit=500, multiline=True, halfwidth=False)
    if not reason:
        raise ServiceError("请填写作废原因。")
    today = today or date.today()
    with UnitOfWork(db, user=user) as uow:
        q = PaymentQueries(uow.session)
        payment = _payment(q, serial)
        if payment.voided:
            raise ServiceError(f"收据 {payment.receipt_serial} 已于 {_local_day(payment.voided_at)} 作废，不能再次作废。")
        if user.role not in SUPERVISOR_ROLES:
            issued = _local_day(payment.created_at)
            if user.role not in PAY_ROLES or user.id is None or payment.clerk_id != user.id:
                raise PermissionDenied("只有开票的经办人（当天）或主管可以作废这张收据，请联系主管。")
            if issued != today:
                raise PermissionDenied(
                    f"收据 {payment.receipt_serial} 开于 {issued}，经办人只能作废当天开出的收据；请联系主管作废。"
                )
        enrollment_ids = [e.id for _, e, _, _ in q.items(payment.id) if e.payment_id == payment.id]
        claims = q.claims_on(enrollment_ids)
        if claims:
            raise ServiceError(
                f"收据 {payment.receipt_serial} 所缴的保障已有 {claims} 件理赔，不能作废；请联系主管处理。"
            )
        q.set_unpaid(enrollment_ids)
        at = utcnow()
        q.mark_voided(payment, user.id, at, reason)
        uow.audit("payment.void", "premium_payment", payment.id,
                  before={"serial": payment.receipt_serial, "voided": False, "enrollment_ids": enrollment_ids},
                  after={"serial": payment.receipt_serial, "voided": True, "reason": reason})
        uow.commit()
    return VoidResult(payment.receipt_serial, len(enrollment_ids))


def _next_copy(q: PaymentQueries, user: UserInfo, kind: str, serial: str, payment_id: int) -> tuple[int, datetime]:
    """Record a print of the paper `kind` `serial`: the original when none was recorded, else the
    next copy (补打) pointing at the original. Returns (copy number, printed at)."""
    doc = issue_copy(q.session, user, kind=kind, serial=serial, subject_table="premium_payments",
                     subject_id=payment_id)
    return doc.copy_number, doc.printed_at


def reprint_receipt(db: Database, user: UserInfo, serial: str) -> PrintedPaper:
    """Print a receipt again: a numbered copy (补打) is recorded; a voided receipt prints with 作废."""
    _require(user, PAY_ROLES, "补打收据")
    with UnitOfWork(db, user=user) as uow:
        q = PaymentQueries(uow.session)
        payment = _payment(q, serial)
        number, at = _next_copy(q, user, RECEIPT_KIND, payment.receipt_serial, payment.id)
        uow.audit("receipt.print", "premium_payment", payment.id,
                  after={"serial": payment.receipt_serial, "copy_number": number})
        paper = _paper(uow.session, q, payment, copy_number=number, printed_at=at)
        uow.commit()
    return PrintedPaper(payment.receipt_serial, number, paper)


def unit_roster(db: Database, user: UserInfo, serial: str) -> PrintedPaper:
    """The roster of covered members (参保名单) of a paid receipt, recorded as printed."""
    _require(user, PAY_ROLES, "打印参保名单")
    with UnitOfWork(db, user=user) as uow:
        q = PaymentQueries(uow.session)
        payment = _payment(q, serial)
        sections, unit_name, unit_code = _roster_parts(q, payment)
        number, at = _next_copy(q, user, ROSTER_KIND, payment.receipt_serial, payment.id)
        uow.audit("roster.print", "premium_payment", payment.id,
                  after={"serial": payment.receipt_serial, "copy_number": number})
        paper = RosterPaper(_org_name(uow.session), unit_name, unit_code, payment.receipt_serial, payment.paid_on,
                            sections, user.display_name, number, _local_moment(at))
        uow.commit()
    return PrintedPaper(payment.receipt_serial, number, paper)


def roster_paper(db: Database, serial: str) -> RosterPaper:
    """The roster's data as it stands (not recorded as printed; services/printed_papers records 补打)."""
    with UnitOfWork(db, read_only=True) as uow:
        q = PaymentQueries(uow.session)
        payment = _payment(q, serial)
        sections, unit_name, unit_code = _roster_parts(q, payment)
        return RosterPaper(_org_name(uow.session), unit_name, unit_code, payment.receipt_serial, payment.paid_on,
                           sections)


def _roster_parts(q: PaymentQueries, payment: PremiumPayment) -> tuple[tuple[RosterSection, ...], str, str]:
    """The roster's sections (one per plan) and its unit name and code; a voided receipt has none."""
    if payment.voided:
        raise ServiceError(f"收据 {payment.receipt_serial} 已作废，不能打印参保名单；请为重新缴费的收据打印。")
    items = q.items(payment.id)
    sections: dict[int, list] = {}
    for item, enrollment, member, plan in items:
        sections.setdefault(plan.id, []).append((item, enrollment, member, plan))
    out = []
    for group in sections.values():
        plan = group[0][3]
        rows = tuple(
            RosterRow(m.name, SEX_LABELS.get(m.sex, m.sex), mask_id_number(m.id_number), e.shares,
                      e.cover_start or _rules(plan).cover_start(payment.paid_on), e.cover_end or plan.period_end)
            for _, e, m, _ in group
        )
        out.append(RosterSection(plan.name, plan.code, rows, from_fen(sum(i.premium_fen for i, _, _, _ in group))))
    if payment.payer_unit_id is not None:
        unit = q.unit(payment.payer_unit_id)
        unit_name, unit_code = unit.name, unit.code
    else:
        member = q.member(payment.payer_member_id)
        unit_name, unit_code = f"{member.name}（个人缴费）", mask_id_number(member.id_number)
    return tuple(out), unit_name, unit_code


# --- lists, the day's cash-up --------------------------------------------------------------


def _row(r: ReceiptListRow, plans: dict[int, list[str]]) -> ReceiptRow:
    p = r.payment
    if p.payer_unit_id is not None:
        kind, name, code = "unit", r.unit_name or "", r.unit_code or ""
    else:
        kind, name, code = "member", r.member_name or "", r.member_id_number or ""
    return ReceiptRow(p.id, p.receipt_serial, p.paid_on, kind, name, code, "、".join(plans.get(p.id, [])),
                      r.people, from_fen(p.amount_fen), p.method, p.clerk_id, r.clerk_name or "",
                      bool(p.voided), p.void_reason)


def list_receipts(
    db: Database, *, day: date | None = None, serial: str | None = None, payer: str | None = None,
    clerk_id: int | None = None, limit: int = 500, offset: int = 0,
) -> list[ReceiptRow]:
    """Receipts, newest first: of a day, by (part of) the serial number, by payer (unit name or
    code, member name)."""
    with UnitOfWork(db, read_only=True) as uow:
        q = PaymentQueries(uow.session)
        rows = q.receipts(day=day, serial=(serial or "").strip() or None, payer=(payer or "").strip() or None,
                          clerk_id=clerk_id, limit=limit, offset=offset)
        plans = q.plan_names([r.payment.id for r in rows])
        return [_row(r, plans) for r in rows]


def cashiers(db: Database) -> list[Cashier]:
    """The users who take money (for choosing whose cash-up to see)."""
    with UnitOfWork(db, read_only=True) as uow:
        return [Cashier(u.id, u.display_name, u.username) for u in PaymentQueries(uow.session).cashiers()]


def cash_up(db: Database, user: UserInfo, day: date, *, clerk_id: int | None = None) -> CashUp:
    """A clerk's day (日结): the receipts issued (paid on `day`), voided ones marked and left out of
    the totals. A clerk sees their own; a supervisor any clerk's (`clerk_id`)."""
    clerk_id = user.id if clerk_id is None else clerk_id
    if clerk_id != user.id and user.role not in SUPERVISOR_ROLES:
        raise PermissionDenied("经办人只能查看自己的日结；查看他人的日结请联系主管。")
    with UnitOfWork(db, read_only=True) as uow:
        q = PaymentQueries(uow.session)
        clerk = q.user(clerk_id)
        name = clerk.display_name if clerk else (user.display_name if clerk_id == user.id else "")
        rows = q.payments_of_clerk(clerk_id, day)
        receipts = tuple(
            CashUpReceipt(r.payment.receipt_serial, r.unit_name or r.member_name or "", r.people, r.payment.method,
                          from_fen(r.payment.amount_fen), bool(r.payment.voided), r.payment.void_reason)
            for r in rows
        )
        return CashUp(_org_name(uow.session), clerk_id, name, day, receipts, datetime.now().replace(microsecond=0))


def receipt_paper(db: Database, serial: str) -> ReceiptPaper:
    """The receipt's data as it stands (not recorded as a print: for showing on screen)."""
    with UnitOfWork(db, read_only=True) as uow:
        q = PaymentQueries(uow.session)
        payment = _payment(q, serial)
        return _paper(uow.session, q, payment, copy_number=0, printed_at=None)


__all__ = [
    "METHOD_LABELS", "Cashier", "CashUp", "DueLine", "DuePerson", "Payer", "PaymentDue", "PaymentResult",
    "PendingEnrollment", "PendingGroup", "PrintedPaper", "ReceiptRow", "VoidResult", "cash_up", "cashiers",
    "due_for", "list_receipts", "pending_enrollments", "pending_groups", "receipt_paper", "record_payment",
    "papers_folder", "reprint_receipt", "save_paper", "unit_roster", "void_receipt",
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
