"""The enrollment counter: member search by the end of the ID number, one live cover per member
and plan, voided receipts, serial counters, a unit participation minimum per plan.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

LIVE = "status != 'cancelled'"


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("members") as batch:
        batch.add_column(sa.Column("id_number_rev", sa.String(length=18), nullable=True))
    rows = bind.execute(sa.text("SELECT id, id_number FROM members")).all()
    if rows:
        bind.execute(
            sa.text("UPDATE members SET id_number_rev = :rev WHERE id = :id"),
            [{"id": row_id, "rev": number[::-1]} for row_id, number in rows],
        )
    with op.batch_alter_table("members") as batch:
        batch.alter_column("id_number_rev", existing_type=sa.String(length=18), nullable=False)
        batch.create_index("ix_members_id_number_rev", ["id_number_rev"], unique=False)

    with op.batch_alter_table("plans") as batch:
        batch.add_column(sa.Column("min_participation_pct", sa.Integer(), server_default="0", nullable=False))

    with op.batch_alter_table("premium_payments") as batch:
        batch.add_column(sa.Column("voided_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("voided_by", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("void_reason", sa.Text(), nullable=True))
        batch.create_foreign_key("fk_premium_payments_voided_by_users", "users", ["voided_by"], ["id"])

    op.create_index(
        "uq_enrollments_member_plan_live",
        "enrollments",
        ["member_id", "plan_id"],
        unique=True,
        sqlite_where=sa.text(LIVE),
        postgresql_where=sa.text(LIVE),
    )

    op.create_table(
        "serials",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("next_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_serials"),
    )


def downgrade() -> None:
    op.drop_table("serials")
    op.drop_index("uq_enrollments_member_plan_live", table_name="enrollments")
    with op.batch_alter_table("premium_payments") as batch:
        batch.drop_constraint("fk_premium_payments_voided_by_users", type_="foreignkey")
        batch.drop_column("void_reason")
        batch.drop_column("voided_by")
        batch.drop_column("voided_at")
    with op.batch_alter_table("plans") as batch:
        batch.drop_column("min_participation_pct")
    with op.batch_alter_table("members") as batch:
        batch.drop_index("ix_members_id_number_rev")
        batch.drop_column("id_number_rev")
