"""The renewal season: a plan's last day for new enrollments and its withdrawal, a receipt's link to
the voided receipt it replaces and a transfer's bank reference.

- plans.enrollment_closes (停止参保日): a counter setting, not a rule of the plan file; after this
  day the plan is not offered for a new enrollment (a renewal into it is not affected). NULL = no
  day set.
- plans.withdrawn_at / withdrawn_by (停用): a plan nobody is enrolled in can be withdrawn; it is
  kept (never deleted) and no longer offered.
- premium_payments.replaces_payment_id: the voided receipt of the same people this one replaces.
- premium_payments.bank_reference: a transfer's bank reference number (银行流水号).

All columns are new and nullable: existing rows are unchanged. The tables are small (plans) or
rebuilt once by batch mode (premium_payments: one row per receipt).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plans") as batch:
        batch.add_column(sa.Column("enrollment_closes", sa.Date(), nullable=True))
        batch.add_column(sa.Column("withdrawn_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("withdrawn_by", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_plans_withdrawn_by_users", "users", ["withdrawn_by"], ["id"])
    with op.batch_alter_table("premium_payments") as batch:
        batch.add_column(sa.Column("replaces_payment_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("bank_reference", sa.String(length=64), nullable=True))
        batch.create_foreign_key(
            "fk_premium_payments_replaces_payment_id_premium_payments",
            "premium_payments",
            ["replaces_payment_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("premium_payments") as batch:
        batch.drop_constraint("fk_premium_payments_replaces_payment_id_premium_payments", type_="foreignkey")
        batch.drop_column("bank_reference")
        batch.drop_column("replaces_payment_id")
    with op.batch_alter_table("plans") as batch:
        batch.drop_constraint("fk_plans_withdrawn_by_users", type_="foreignkey")
        batch.drop_column("withdrawn_by")
        batch.drop_column("withdrawn_at")
        batch.drop_column("enrollment_closes")
