"""SQLAlchemy models: the schema of the counter's database.

Money is integer fen (`*_fen` columns). Dates are `Date`, moments are `DateTime` in UTC.
Nothing that money touched is deleted: payments, claims and printed documents are corrected by
status changes (void, reversal) that keep who, when and why.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from mutualaid_desktop.domain import clock

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return clock.utcnow()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


ORG_KINDS = ("city", "county", "unit")
PLAN_KINDS = ("reimbursement", "lump_sum")
PAYMENT_METHODS = ("cash", "transfer", "wechat", "alipay")
ENROLLMENT_STATUSES = ("pending_payment", "paid", "cancelled")
CLAIM_STATUSES = (
    "waiting_papers",  # saved, papers missing
    "waiting_review",  # complete, in the reviewer's queue
    "approved",
    "refused",
    "in_batch",  # in an unpaid payout batch
    "paid",
    "returned",  # the bank returned the transfer
    "reversed",  # a paid claim corrected by a supervisor
)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('clerk','reviewer','supervisor','admin')", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # in a row
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)  # no sign-in before (UTC)


class OrgUnit(Base):
    """A node of the union tree: the city union, a county/district union, or a grassroots unit."""

    __tablename__ = "org_units"
    __table_args__ = (CheckConstraint("kind IN ('city','county','unit')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(8))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    contact_person: Mapped[str | None] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(32))
    address: Mapped[str | None] = mapped_column(String(256))
    headcount: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    parent: Mapped[OrgUnit | None] = relationship(remote_side=[id])


def _reversed_id_number(context) -> str:
    return context.get_current_parameters()["id_number"][::-1]


class Member(Base):
    __tablename__ = "members"
    __table_args__ = (
        CheckConstraint("sex IN ('male','female')", name="sex"),
        # the statistics' new members of a period, per unit (0012)
        Index("ix_members_created_at_unit", "created_at", "unit_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    id_number: Mapped[str] = mapped_column(String(18), unique=True)  # normalised, 18 characters
    # The ID number backwards, indexed: "ends with 1234" becomes a prefix search that uses the index.
    # Filled by the insert default (bulk inserts too) and kept in step by `_keep_reversed` (ORM).
    id_number_rev: Mapped[str] = mapped_column(String(18), index=True, default=_reversed_id_number)
    name: Mapped[str] = mapped_column(String(64), index=True)
    sex: Mapped[str] = mapped_column(String(6))
    birth_date: Mapped[date] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(32), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    employee_no: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    unit: Mapped[OrgUnit | None] = relationship()

    @validates("id_number")
    def _keep_reversed(self, _key: str, value: str) -> str:
        self.id_number_rev = value[::-1]
        return value


class Plan(Base):
    """A plan for one plan year. `rules_toml` is the plan file verbatim; the columns are parsed from it."""

    __tablename__ = "plans"
    __table_args__ = (CheckConstraint("kind IN ('reimbursement','lump_sum')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16))
    premium_per_share_fen: Mapped[int] = mapped_column(Integer)
    max_shares: Mapped[int] = mapped_column(Integer)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    waiting_days: Mapped[int] = mapped_column(Integer)
    renewal_grace_days: Mapped[int] = mapped_column(Integer)
    claim_deadline_days: Mapped[int] = mapped_column(Integer)
    min_age: Mapped[int] = mapped_column(Integer)
    max_age: Mapped[int] = mapped_column(Integer)
    min_hospital_grade: Mapped[int] = mapped_column(Integer)
    # Counter setting, not a rule of the plan file: below it, enrolling a unit shows a warning.
    min_participation_pct: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Counter setting: the papers a claim needs (JSON list of names); None = the default list of the kind.
    materials_json: Mapped[str | None] = mapped_column(Text)
    # Counter setting (停止参保日): after this day the plan is not offered for a new enrollment.
    enrollment_closes: Mapped[date | None] = mapped_column(Date)
    # 停用: a plan nobody is enrolled in, withdrawn (kept, no longer offered).
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    withdrawn_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    rules_toml: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class Enrollment(Base):
    """A member's cover under a plan for a period."""

    __tablename__ = "enrollments"
    __table_args__ = (
        CheckConstraint("shares >= 1", name="shares_positive"),
        CheckConstraint("cover_end >= cover_start", name="period"),
        CheckConstraint("status IN ('pending_payment','paid','cancelled')", name="status"),
        Index("ix_enrollments_member_plan", "member_id", "plan_id"),
        # the statistics' members covered under a plan year, unit by unit (0012)
        Index("ix_enrollments_plan_unit_member", "plan_id", "unit_id", "member_id"),
        # One cover per member and plan (a plan is one plan year), unless cancelled: the database
        # itself refuses a second, overlapping enrollment.
        Index(
            "uq_enrollments_member_plan_live",
            "member_id",
            "plan_id",
            unique=True,
            sqlite_where=text("status != 'cancelled'"),
            postgresql_where=text("status != 'cancelled'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    shares: Mapped[int] = mapped_column(Integer, default=1)
    premium_fen: Mapped[int] = mapped_column(Integer)
    cover_start: Mapped[date | None] = mapped_column(Date)  # set when paid: the day after payment
    cover_end: Mapped[date | None] = mapped_column(Date)
    continuous: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="pending_payment")
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("premium_payments.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    member: Mapped[Member] = relationship()
    plan: Mapped[Plan] = relationship()


class RenewalLeaver(Base):
    """A member a unit said has left (离职, 退休, 死亡…) when renewing into `plan_id` (next year's plan):
    not renewed, not open, not reminded. Never deleted: when the member is renewed after all (or the
    clerk ticks them back) the record is withdrawn (withdrawn_at/by). The database itself keeps one
    live (not withdrawn) record per member and plan."""

    __tablename__ = "renewal_leavers"
    __table_args__ = (
        Index(
            "uq_renewal_leavers_member_plan_live",
            "member_id",
            "plan_id",
            unique=True,
            sqlite_where=text("withdrawn_at IS NULL"),
            postgresql_where=text("withdrawn_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)  # the plan NOT renewed into
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)  # the unit that said so
    reason: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    withdrawn_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class PremiumPayment(Base):
    __tablename__ = "premium_payments"
    __table_args__ = (
        CheckConstraint("amount_fen > 0", name="amount_positive"),
        CheckConstraint("method IN ('cash','transfer','wechat','alipay')", name="method"),
        CheckConstraint("(payer_unit_id IS NOT NULL) OR (payer_member_id IS NOT NULL)", name="payer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    payer_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    payer_member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    amount_fen: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(16))
    paid_on: Mapped[date] = mapped_column(Date, index=True)
    receipt_serial: Mapped[str] = mapped_column(String(32), unique=True)
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    voided: Mapped[bool] = mapped_column(Boolean, default=False)
    voided_at: Mapped[datetime | None] = mapped_column(DateTime)
    voided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    void_reason: Mapped[str | None] = mapped_column(Text)
    # The voided receipt of the same people that this receipt replaces.
    replaces_payment_id: Mapped[int | None] = mapped_column(ForeignKey("premium_payments.id"))
    bank_reference: Mapped[str | None] = mapped_column(String(64))  # a transfer's 银行流水号
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PremiumPaymentItem(Base):
    """What a payment paid for: one row per enrollment, kept when the payment is voided (the
    enrollment then goes back to pending_payment and may be paid again by another payment)."""

    __tablename__ = "premium_payment_items"

    payment_id: Mapped[int] = mapped_column(ForeignKey("premium_payments.id"), primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollments.id"), primary_key=True, index=True)
    premium_fen: Mapped[int] = mapped_column(Integer)


class Claim(Base):
    __tablename__ = "claims"
    __table_args__ = (
        CheckConstraint(
            "status IN ('waiting_papers','waiting_review','approved','refused',"
            "'in_batch','paid','returned','reversed')",
            name="status",
        ),
        CheckConstraint("quoted_fen >= 0", name="quoted_nonnegative"),
        CheckConstraint(
            "approved_fen IS NULL OR (approved_fen >= 0 AND approved_fen <= quoted_fen)",
            name="approved_not_above_quote",
        ),
        Index("ix_claims_member_invoice", "member_id", "invoice_number"),
        # the review queue: by status, oldest first, without a sort step
        Index("ix_claims_status_received", "status", "received_on", "claim_number"),
        # the duplicate check: the same hospital and admission day for another member (0007)
        Index("ix_claims_hospital_event", "hospital_id", "event_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_number: Mapped[str] = mapped_column(String(32), unique=True)
    # member_id is covered by ix_claims_member_invoice (member_id first)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollments.id"), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    received_on: Mapped[date] = mapped_column(Date)
    event_date: Mapped[date] = mapped_column(Date)  # admission or diagnosis date
    invoice_number: Mapped[str | None] = mapped_column(String(64))
    # the invoice number normalised (domain.text.invoice_key): the same invoice across members
    invoice_key: Mapped[str | None] = mapped_column(String(64), index=True)
    # what intake found for the reviewer to decide on: [{"code":..., "text":..., "claim": number}]
    flags_json: Mapped[str | None] = mapped_column(Text)
    facts_json: Mapped[str] = mapped_column(Text)  # the claim facts of the spec, as entered
    quote_json: Mapped[str] = mapped_column(Text)  # the quote computed from them
    quoted_fen: Mapped[int] = mapped_column(Integer)
    approved_fen: Mapped[int | None] = mapped_column(Integer)
    decision_reason: Mapped[str | None] = mapped_column(Text)
    hospital_id: Mapped[int | None] = mapped_column(ForeignKey("hospitals.id"), index=True)
    diagnosis: Mapped[str | None] = mapped_column(String(128))
    papers_json: Mapped[str | None] = mapped_column(Text)  # the materials checklist: [{"item":..., "received": bool}]
    papers_due: Mapped[date | None] = mapped_column(Date)  # missing papers to be brought by this day
    bank_name: Mapped[str | None] = mapped_column(String(64))
    account_holder: Mapped[str | None] = mapped_column(String(64))
    account_number: Mapped[str | None] = mapped_column(String(32))
    beneficiary_note: Mapped[str | None] = mapped_column(Text)  # a named beneficiary for a deceased member
    entered_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Hospital(Base):
    """A hospital of the list kept in 设置, with its grade (0 unknown, 1 一级, 2 二级, 3 三级)."""

    __tablename__ = "hospitals"
    __table_args__ = (CheckConstraint("grade BETWEEN 0 AND 3", name="grade"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    grade: Mapped[int] = mapped_column(Integer)
    county_code: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PayoutBatch(Base):
    """Approved claims gathered for one bank transfer file."""

    __tablename__ = "payout_batches"
    __table_args__ = (CheckConstraint("status IN ('open','exported','closed')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_number: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    exported_at: Mapped[datetime | None] = mapped_column(DateTime)
    # bank files written: the first is the original, every later one a copy (副本) with a reason
    export_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)


class PayoutItem(Base):
    """One payee row of a batch. The database itself refuses a claim in two unpaid batches
    (partial unique index on pending items) and a claim paid twice (on paid items)."""

    __tablename__ = "payout_items"
    __table_args__ = (
        CheckConstraint("status IN ('pending','paid','returned')", name="status"),
        CheckConstraint("amount_fen > 0", name="amount_positive"),
        Index(
            "uq_payout_items_claim_pending",
            "claim_id",
            unique=True,
            sqlite_where=text("status = 'pending'"),
            postgresql_where=text("status = 'pending'"),
        ),
        Index(
            "uq_payout_items_claim_paid",
            "claim_id",
            unique=True,
            sqlite_where=text("status = 'paid'"),
            postgresql_where=text("status = 'paid'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("payout_batches.id"), index=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    amount_fen: Mapped[int] = mapped_column(Integer)
    bank_name: Mapped[str | None] = mapped_column(String(64))
    account_holder: Mapped[str] = mapped_column(String(64))
    account_number: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    settled_on: Mapped[date | None] = mapped_column(Date)
    return_reason: Mapped[str | None] = mapped_column(Text)
    settled_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class ClaimReversal(Base):
    """A paid claim corrected: the money taken back (or a wrong payout annulled), with the reason,
    by a supervisor. The claim and its payout stay as they were."""

    __tablename__ = "claim_reversals"
    __table_args__ = (CheckConstraint("amount_fen > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    amount_fen: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    reversed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    reversed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class ClaimStatusChange(Base):
    __tablename__ = "claim_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str | None] = mapped_column(Text)


class PrintedDocument(Base):
    """Every paper printed: kind, serial, when, by whom; a reprint points at the original."""

    __tablename__ = "printed_documents"
    __table_args__ = (
        UniqueConstraint("kind", "serial", "copy_number"),
        Index("ix_printed_documents_subject", "subject_table", "subject_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # premium_receipt, acceptance_receipt, ...
    serial: Mapped[str] = mapped_column(String(64))
    copy_number: Mapped[int] = mapped_column(Integer, default=0)  # 0 = original, >0 = 补打
    reprint_of_id: Mapped[int | None] = mapped_column(ForeignKey("printed_documents.id"))
    subject_table: Mapped[str | None] = mapped_column(String(32))
    subject_id: Mapped[int | None] = mapped_column(Integer)
    printed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    printed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    printer: Mapped[str | None] = mapped_column(String(128))
    voided_at: Mapped[datetime | None] = mapped_column(DateTime)
    voided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    void_reason: Mapped[str | None] = mapped_column(Text)


class AuditRecord(Base):
    """The audit log. Each record's hash covers its content and the previous record's hash, so an
    edited or deleted record breaks the chain (see store/audit.py)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    username: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str | None] = mapped_column(String(32))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    before_json: Mapped[str | None] = mapped_column(Text)
    after_json: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class Serial(Base):
    """Serial number counters (receipts, claim numbers...), advanced in the transaction that uses
    the number, so a number is never given twice and never skipped by a rolled-back transaction."""

    __tablename__ = "serials"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    next_value: Mapped[int] = mapped_column(Integer)


class Setting(Base):
    """Counter settings kept in the database (counter name, address, phone, hours...)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class MonthClosing(Base):
    """A month closed (月结 / 交账): its figures fixed as they were (`figures_json`, canonical JSON, with its
    SHA-256 `digest`), signed by who closed it and when. Never deleted: reopening (an administrator, with a
    reason) marks it reopened; closing again records a new version. The database itself keeps one live (not
    reopened) closing per month."""

    __tablename__ = "month_closings"
    __table_args__ = (
        CheckConstraint("month BETWEEN 1 AND 12", name="month"),
        CheckConstraint("version >= 1", name="version"),
        UniqueConstraint("year", "month", "version"),
        Index(
            "uq_month_closings_month_live",
            "year",
            "month",
            unique=True,
            sqlite_where=text("reopened_at IS NULL"),
            postgresql_where=text("reopened_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    figures_json: Mapped[str] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(String(64))
    closed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    closed_by_name: Mapped[str] = mapped_column(String(64))  # the name signed, as it was then
    reopened_at: Mapped[datetime | None] = mapped_column(DateTime)
    reopened_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reopen_reason: Mapped[str | None] = mapped_column(Text)


class StatTarget(Base):
    """A yearly target (年度目标) of a county or of the city: premiums, enrollments, coverage (in
    hundredths of a percent: 85.50 % = 8550). One row per unit and year; a cleared target keeps its
    row with the figures NULL."""

    __tablename__ = "stat_targets"
    __table_args__ = (
        UniqueConstraint("year", "unit_id"),
        CheckConstraint("year BETWEEN 2000 AND 2100", name="year"),
        CheckConstraint("premiums_fen IS NULL OR premiums_fen >= 0", name="premiums_nonnegative"),
        CheckConstraint("enrollments IS NULL OR enrollments >= 0", name="enrollments_nonnegative"),
        CheckConstraint("coverage_bp IS NULL OR coverage_bp BETWEEN 0 AND 10000", name="coverage_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    premiums_fen: Mapped[int | None] = mapped_column(Integer)
    enrollments: Mapped[int | None] = mapped_column(Integer)
    coverage_bp: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


from . import handin_models  # noqa: E402, F401  (the hand-in tables: in the metadata with the rest)
