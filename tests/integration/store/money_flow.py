"""Every money operation of the counter, run through the services on a real database: two
receipts (one voided), claims received (one with papers missing, completed later), approved and
refused, two payout batches (exported, paid, one item returned by the bank and its account
corrected), and a reversal. What `check` must find clean, and what the tamper tests edit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from mutualaid_desktop.services.admin.hospitals import add_hospital
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.claims import claims_intake, claims_review
from mutualaid_desktop.services.claims.claims_intake import BankAccount, Stay
from mutualaid_desktop.services.enrollment import payments
from mutualaid_desktop.services.payouts import payouts
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Enrollment, Member
from tests.accounts import add_accounts
from tests.integration.services.payments_data import Counter, make_counter

YEAR = 2026
PLAN = f"SL-ZY-{YEAR}"
PAPERS = ("身份证复印件", "出院小结", "住院发票原件", "医保结算单", "银行卡复印件")


@dataclass
class MoneyFlow:
    counter: Counter
    admin: UserInfo
    receipt: payments.PaymentResult  # paid, covers the unit's members
    voided: payments.PaymentResult  # paid, then voided
    paid: str  # claim paid in the first batch, then reversed
    returned: str  # returned by the bank, account corrected, paid in the second batch
    refused: str
    approved: str  # approved, not in a batch
    batch1: str
    batch2: str


def _stay(hospital_id: int, day: int, invoice: str) -> Stay:
    return Stay(
        admission_date=date(YEAR, 6, day),
        discharge_date=date(YEAR, 6, day + 6),
        hospital_id=hospital_id,
        diagnosis="肺炎",
        invoice_number=invoice,
        total_cost="12000.00",
        fund_paid="9000.00",
        in_scope_self_pay="2500.00",
        out_of_scope_self_pay="500.00",
    )


def run_money_flow(db, tmp_path) -> MoneyFlow:
    counter = make_counter(db, members=5, years=(YEAR,))
    admin = UserInfo(900, "admin1", "王管理", "admin")
    add_accounts(db, admin)
    today = date.today()
    ids = counter.enrollment_ids[PLAN]
    receipt = payments.record_payment(
        db,
        counter.clerk,
        enrollment_ids=ids,
        payer_unit_code=counter.unit_code,
        amount=Decimal("95") * len(ids),
        method="transfer",
        paid_on=date(YEAR - 1, 12, 1),
        today=today,
    )
    voided = payments.record_payment(
        db,
        counter.clerk,
        enrollment_ids=counter.other_ids,
        payer_unit_code=counter.other_unit_code,
        amount=Decimal("95") * len(counter.other_ids),
        method="cash",
        paid_on=date(YEAR - 1, 12, 2),
        today=today,
    )
    payments.void_receipt(db, counter.supervisor, voided.serial, "金额收错", today=today)
    hospital = add_hospital(db, admin, name="商洛市中心医院", grade=3, county_code="611002")

    with UnitOfWork(db, read_only=True) as uow:
        rows = uow.session.execute(
            select(Enrollment.id, Member.id, Member.name)
            .join(Member, Member.id == Enrollment.member_id)
            .where(Enrollment.id.in_(ids))
            .order_by(Enrollment.id)
        ).all()

    def receive(k: int, *, papers=PAPERS) -> str:
        enrollment_id, member_id, name = rows[k]
        saved = claims_intake.save_claim(
            db,
            counter.clerk,
            member_id=member_id,
            enrollment_id=enrollment_id,
            stay=_stay(hospital.id, 1 + k, f"6100{k:05d}"),
            papers=papers,
            bank=BankAccount("中国农业银行商洛分行", name, f"62284800123456789{k:02d}"),
            today=today,
        )
        return saved.claim_number

    paid, returned, refused = receive(0), receive(1), receive(2)
    approved = receive(3, papers=PAPERS[:2])  # waits for papers
    claims_intake.complete_papers(db, counter.clerk, approved, PAPERS, today=today)
    for number in (paid, returned, approved):
        claims_review.approve(db, counter.reviewer, number)
    claims_review.refuse(db, counter.reviewer, refused, reason_code="other", text="非住院治疗")

    batch1 = payouts.create_batch(db, counter.clerk, [paid, returned]).batch_number
    payouts.export_bank_file(db, counter.clerk, batch1, tmp_path / "bank1.xlsx")
    payouts.mark_paid(
        db, counter.supervisor, batch1, settled_on=today, returned={returned: "户名与账号不符"}, today=today
    )
    payouts.correct_account(
        db,
        counter.clerk,
        returned,
        bank="中国建设银行商洛分行",
        holder=rows[1][2],
        number="6217002710000123457",
        reason="银行卡号更正",
    )
    batch2 = payouts.create_batch(db, counter.clerk, [returned]).batch_number
    payouts.export_bank_file(db, counter.clerk, batch2, tmp_path / "bank2.xlsx")
    payouts.mark_paid(db, counter.supervisor, batch2, settled_on=today, today=today)
    payouts.reverse_payout(db, counter.supervisor, paid, amount="100.00", reason="发票金额有误，多付部分收回")
    return MoneyFlow(counter, admin, receipt, voided, paid, returned, refused, approved, batch1, batch2)
