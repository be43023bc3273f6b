"""Renewal leavers: the members a unit said have left (离职, 退休, 死亡…) when renewing into next
year's plan, kept (withdrawn, never deleted) so that the renewal overview, the reminders and the
unit's draft list know them. A new, empty table: quick on any database.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

LIVE = "withdrawn_at IS NULL"


def upgrade() -> None:
    op.create_table(
        "renewal_leavers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(), nullable=True),
        sa.Column("withdrawn_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name="fk_renewal_leavers_member_id_members"),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], name="fk_renewal_leavers_plan_id_plans"),
        sa.ForeignKeyConstraint(["unit_id"], ["org_units.id"], name="fk_renewal_leavers_unit_id_org_units"),
        sa.ForeignKeyConstraint(["recorded_by"], ["users.id"], name="fk_renewal_leavers_recorded_by_users"),
        sa.ForeignKeyConstraint(["withdrawn_by"], ["users.id"], name="fk_renewal_leavers_withdrawn_by_users"),
        sa.PrimaryKeyConstraint("id", name="pk_renewal_leavers"),
    )
    with op.batch_alter_table("renewal_leavers") as batch:
        batch.create_index("ix_renewal_leavers_plan_id", ["plan_id"], unique=False)
        batch.create_index("ix_renewal_leavers_unit_id", ["unit_id"], unique=False)
        batch.create_index(
            "uq_renewal_leavers_member_plan_live",
            ["member_id", "plan_id"],
            unique=True,
            sqlite_where=sa.text(LIVE),
            postgresql_where=sa.text(LIVE),
        )


def downgrade() -> None:
    with op.batch_alter_table("renewal_leavers") as batch:
        for name in ("uq_renewal_leavers_member_plan_live", "ix_renewal_leavers_unit_id", "ix_renewal_leavers_plan_id"):
            batch.drop_index(name)
    op.drop_table("renewal_leavers")
