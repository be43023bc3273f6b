"""The claims counter: hospitals, the claim's stay, papers and bank account, payout batches
whose items the database keeps from being paid twice, reversals, a papers list per plan.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

CLAIM_COLUMNS = (
    ("hospital_id", sa.Integer()),
    ("diagnosis", sa.String(length=128)),
    ("papers_json", sa.Text()),
    ("papers_due", sa.Date()),
    ("bank_name", sa.String(length=64)),
    ("account_holder", sa.String(length=64)),
    ("account_number", sa.String(length=32)),
    ("beneficiary_note", sa.Text()),
)


def upgrade() -> None:
    op.create_table(
        "hospitals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("grade", sa.Integer(), nullable=False),
        sa.Column("county_code", sa.String(length=32), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("grade BETWEEN 0 AND 3", name="ck_hospitals_grade"),
        sa.PrimaryKeyConstraint("id", name="pk_hospitals"),
        sa.UniqueConstraint("name", name="uq_hospitals_name"),
    )
    with op.batch_alter_table("claims") as batch:
        for name, type_ in CLAIM_COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))
        batch.create_index("ix_claims_hospital_id", ["hospital_id"], unique=False)
        batch.drop_index("ix_claims_status")
        batch.create_index("ix_claims_status_received", ["status", "received_on", "claim_number"], unique=False)
        batch.create_foreign_key("fk_claims_hospital_id_hospitals", "hospitals", ["hospital_id"], ["id"])
    with op.batch_alter_table("plans") as batch:
        batch.add_column(sa.Column("materials_json", sa.Text(), nullable=True))

    op.create_table(
        "payout_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_number", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("exported_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("status IN ('open','exported','closed')", name="ck_payout_batches_status"),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_payout_batches_created_by_users"),
        sa.PrimaryKeyConstraint("id", name="pk_payout_batches"),
        sa.UniqueConstraint("batch_number", name="uq_payout_batches_batch_number"),
    )
    op.create_table(
        "payout_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("bank_name", sa.String(length=64), nullable=True),
        sa.Column("account_holder", sa.String(length=64), nullable=False),
        sa.Column("account_number", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("settled_on", sa.Date(), nullable=True),
        sa.Column("return_reason", sa.Text(), nullable=True),
        sa.Column("settled_by", sa.Integer(), nullable=True),
        sa.CheckConstraint("status IN ('pending','paid','returned')", name="ck_payout_items_status"),
        sa.CheckConstraint("amount_fen > 0", name="ck_payout_items_amount_positive"),
        sa.ForeignKeyConstraint(["batch_id"], ["payout_batches.id"], name="fk_payout_items_batch_id_payout_batches"),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name="fk_payout_items_claim_id_claims"),
        sa.ForeignKeyConstraint(["settled_by"], ["users.id"], name="fk_payout_items_settled_by_users"),
        sa.PrimaryKeyConstraint("id", name="pk_payout_items"),
    )
    op.create_index("ix_payout_items_batch_id", "payout_items", ["batch_id"], unique=False)
    op.create_index("ix_payout_items_claim_id", "payout_items", ["claim_id"], unique=False)
    for name, where in (
        ("uq_payout_items_claim_pending", "status = 'pending'"),
        ("uq_payout_items_claim_paid", "status = 'paid'"),
    ):
        op.create_index(
            name,
            "payout_items",
            ["claim_id"],
            unique=True,
            sqlite_where=sa.text(where),
            postgresql_where=sa.text(where),
        )
    op.create_table(
        "claim_reversals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reversed_at", sa.DateTime(), nullable=False),
        sa.Column("reversed_by", sa.Integer(), nullable=True),
        sa.CheckConstraint("amount_fen > 0", name="ck_claim_reversals_amount_positive"),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name="fk_claim_reversals_claim_id_claims"),
        sa.ForeignKeyConstraint(["reversed_by"], ["users.id"], name="fk_claim_reversals_reversed_by_users"),
        sa.PrimaryKeyConstraint("id", name="pk_claim_reversals"),
    )
    op.create_index("ix_claim_reversals_claim_id", "claim_reversals", ["claim_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_claim_reversals_claim_id", table_name="claim_reversals")
    op.drop_table("claim_reversals")
    for name in (
        "uq_payout_items_claim_paid",
        "uq_payout_items_claim_pending",
        "ix_payout_items_claim_id",
        "ix_payout_items_batch_id",
    ):
        op.drop_index(name, table_name="payout_items")
    op.drop_table("payout_items")
    op.drop_table("payout_batches")
    with op.batch_alter_table("plans") as batch:
        batch.drop_column("materials_json")
    with op.batch_alter_table("claims") as batch:
        batch.drop_constraint("fk_claims_hospital_id_hospitals", type_="foreignkey")
        batch.drop_index("ix_claims_hospital_id")
        batch.drop_index("ix_claims_status_received")
        batch.create_index("ix_claims_status", ["status"], unique=False)
        for name, _ in reversed(CLAIM_COLUMNS):
            batch.drop_column(name)
    op.drop_table("hospitals")
