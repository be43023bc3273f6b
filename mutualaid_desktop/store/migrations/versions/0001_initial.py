"""Initial schema: every table but settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# (table, index name, columns) for the non-unique indexes; unique ones are table constraints.
INDEXES = [
    ("org_units", "ix_org_units_parent_id", ["parent_id"]),
    ("members", "ix_members_name", ["name"]),
    ("members", "ix_members_phone", ["phone"]),
    ("members", "ix_members_unit_id", ["unit_id"]),
    ("premium_payments", "ix_premium_payments_paid_on", ["paid_on"]),
    ("premium_payments", "ix_premium_payments_payer_member_id", ["payer_member_id"]),
    ("premium_payments", "ix_premium_payments_payer_unit_id", ["payer_unit_id"]),
    ("enrollments", "ix_enrollments_member_plan", ["member_id", "plan_id"]),
    ("enrollments", "ix_enrollments_payment_id", ["payment_id"]),
    ("enrollments", "ix_enrollments_plan_id", ["plan_id"]),
    ("enrollments", "ix_enrollments_unit_id", ["unit_id"]),
    ("claims", "ix_claims_enrollment_id", ["enrollment_id"]),
    ("claims", "ix_claims_member_invoice", ["member_id", "invoice_number"]),
    ("claims", "ix_claims_plan_id", ["plan_id"]),
    ("claims", "ix_claims_status", ["status"]),
    ("claim_status_changes", "ix_claim_status_changes_claim_id", ["claim_id"]),
    ("printed_documents", "ix_printed_documents_subject", ["subject_table", "subject_id"]),
    ("audit_log", "ix_audit_log_entity", ["entity", "entity_id"]),
]


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=256), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("role IN ('clerk','reviewer','supervisor','admin')", name="ck_users_role"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
    )
    op.create_table(
        "org_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("contact_person", sa.String(length=64), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("address", sa.String(length=256), nullable=True),
        sa.Column("headcount", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("kind IN ('city','county','unit')", name="ck_org_units_kind"),
        sa.ForeignKeyConstraint(["parent_id"], ["org_units.id"], name="fk_org_units_parent_id_org_units"),
        sa.PrimaryKeyConstraint("id", name="pk_org_units"),
        sa.UniqueConstraint("code", name="uq_org_units_code"),
    )
    op.create_table(
        "members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("sex", sa.String(length=6), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("employee_no", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("sex IN ('male','female')", name="ck_members_sex"),
        sa.ForeignKeyConstraint(["unit_id"], ["org_units.id"], name="fk_members_unit_id_org_units"),
        sa.PrimaryKeyConstraint("id", name="pk_members"),
        sa.UniqueConstraint("id_number", name="uq_members_id_number"),
    )
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("premium_per_share_fen", sa.Integer(), nullable=False),
        sa.Column("max_shares", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("waiting_days", sa.Integer(), nullable=False),
        sa.Column("renewal_grace_days", sa.Integer(), nullable=False),
        sa.Column("claim_deadline_days", sa.Integer(), nullable=False),
        sa.Column("min_age", sa.Integer(), nullable=False),
        sa.Column("max_age", sa.Integer(), nullable=False),
        sa.Column("min_hospital_grade", sa.Integer(), nullable=False),
        sa.Column("rules_toml", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.CheckConstraint("kind IN ('reimbursement','lump_sum')", name="ck_plans_kind"),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_plans_created_by_users"),
        sa.PrimaryKeyConstraint("id", name="pk_plans"),
        sa.UniqueConstraint("code", name="uq_plans_code"),
    )
    op.create_table(
        "premium_payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("payer_unit_id", sa.Integer(), nullable=True),
        sa.Column("payer_member_id", sa.Integer(), nullable=True),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("receipt_serial", sa.String(length=32), nullable=False),
        sa.Column("clerk_id", sa.Integer(), nullable=True),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("amount_fen > 0", name="ck_premium_payments_amount_positive"),
        sa.CheckConstraint("method IN ('cash','transfer','wechat','alipay')", name="ck_premium_payments_method"),
        sa.CheckConstraint(
            "(payer_unit_id IS NOT NULL) OR (payer_member_id IS NOT NULL)",
            name="ck_premium_payments_payer",
        ),
        sa.ForeignKeyConstraint(["clerk_id"], ["users.id"], name="fk_premium_payments_clerk_id_users"),
        sa.ForeignKeyConstraint(
            ["payer_member_id"], ["members.id"], name="fk_premium_payments_payer_member_id_members"
        ),
        sa.ForeignKeyConstraint(
            ["payer_unit_id"], ["org_units.id"], name="fk_premium_payments_payer_unit_id_org_units"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_premium_payments"),
        sa.UniqueConstraint("receipt_serial", name="uq_premium_payments_receipt_serial"),
    )
    op.create_table(
        "enrollments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("shares", sa.Integer(), nullable=False),
        sa.Column("premium_fen", sa.Integer(), nullable=False),
        sa.Column("cover_start", sa.Date(), nullable=True),
        sa.Column("cover_end", sa.Date(), nullable=True),
        sa.Column("continuous", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.CheckConstraint("shares >= 1", name="ck_enrollments_shares_positive"),
        sa.CheckConstraint("cover_end >= cover_start", name="ck_enrollments_period"),
        sa.CheckConstraint("status IN ('pending_payment','paid','cancelled')", name="ck_enrollments_status"),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_enrollments_created_by_users"),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name="fk_enrollments_member_id_members"),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["premium_payments.id"], name="fk_enrollments_payment_id_premium_payments"
        ),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], name="fk_enrollments_plan_id_plans"),
        sa.ForeignKeyConstraint(["unit_id"], ["org_units.id"], name="fk_enrollments_unit_id_org_units"),
        sa.PrimaryKeyConstraint("id", name="pk_enrollments"),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_number", sa.String(length=32), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("enrollment_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("invoice_number", sa.String(length=64), nullable=True),
        sa.Column("facts_json", sa.Text(), nullable=False),
        sa.Column("quote_json", sa.Text(), nullable=False),
        sa.Column("quoted_fen", sa.Integer(), nullable=False),
        sa.Column("approved_fen", sa.Integer(), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("entered_by", sa.Integer(), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('waiting_papers','waiting_review','approved','refused',"
            "'in_batch','paid','returned','reversed')",
            name="ck_claims_status",
        ),
        sa.CheckConstraint("quoted_fen >= 0", name="ck_claims_quoted_nonnegative"),
        sa.CheckConstraint(
            "approved_fen IS NULL OR (approved_fen >= 0 AND approved_fen <= quoted_fen)",
            name="ck_claims_approved_not_above_quote",
        ),
        sa.ForeignKeyConstraint(["decided_by"], ["users.id"], name="fk_claims_decided_by_users"),
        sa.ForeignKeyConstraint(["enrollment_id"], ["enrollments.id"], name="fk_claims_enrollment_id_enrollments"),
        sa.ForeignKeyConstraint(["entered_by"], ["users.id"], name="fk_claims_entered_by_users"),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name="fk_claims_member_id_members"),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], name="fk_claims_plan_id_plans"),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
        sa.UniqueConstraint("claim_number", name="uq_claims_claim_number"),
    )
    op.create_table(
        "claim_status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.String(length=16), nullable=True),
        sa.Column("to_status", sa.String(length=16), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name="fk_claim_status_changes_claim_id_claims"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_claim_status_changes_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_claim_status_changes"),
    )
    op.create_table(
        "printed_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("serial", sa.String(length=64), nullable=False),
        sa.Column("copy_number", sa.Integer(), nullable=False),
        sa.Column("reprint_of_id", sa.Integer(), nullable=True),
        sa.Column("subject_table", sa.String(length=32), nullable=True),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.Column("printed_by", sa.Integer(), nullable=True),
        sa.Column("printer", sa.String(length=128), nullable=True),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("voided_by", sa.Integer(), nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["printed_by"], ["users.id"], name="fk_printed_documents_printed_by_users"),
        sa.ForeignKeyConstraint(
            ["reprint_of_id"],
            ["printed_documents.id"],
            name="fk_printed_documents_reprint_of_id_printed_documents",
        ),
        sa.ForeignKeyConstraint(["voided_by"], ["users.id"], name="fk_printed_documents_voided_by_users"),
        sa.PrimaryKeyConstraint("id", name="pk_printed_documents"),
        sa.UniqueConstraint("kind", "serial", "copy_number", name="uq_printed_documents_kind_serial_copy_number"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=True),
        sa.Column("entity_id", sa.String(length=64), nullable=True),
        sa.Column("before_json", sa.Text(), nullable=True),
        sa.Column("after_json", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        sa.UniqueConstraint("hash", name="uq_audit_log_hash"),
    )
    for table, name, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    # Dropping a table drops its indexes; children before parents.
    for table in (
        "audit_log",
        "printed_documents",
        "claim_status_changes",
        "claims",
        "enrollments",
        "premium_payments",
        "plans",
        "members",
        "org_units",
        "users",
    ):
        op.drop_table(table)
