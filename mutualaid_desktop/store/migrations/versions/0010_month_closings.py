"""Month closings (月结 / 交账): a closed month's figures fixed and signed, never deleted (reopening marks
a closing reopened, closing again adds a version). A new, empty table: quick on any database.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

LIVE = "reopened_at IS NULL"


def upgrade() -> None:
    op.create_table(
        "month_closings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("figures_json", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.Column("closed_by_name", sa.String(length=64), nullable=False),
        sa.Column("reopened_at", sa.DateTime(), nullable=True),
        sa.Column("reopened_by", sa.Integer(), nullable=True),
        sa.Column("reopen_reason", sa.Text(), nullable=True),
        sa.CheckConstraint("month BETWEEN 1 AND 12", name="ck_month_closings_month"),
        sa.CheckConstraint("version >= 1", name="ck_month_closings_version"),
        sa.ForeignKeyConstraint(["closed_by"], ["users.id"], name="fk_month_closings_closed_by_users"),
        sa.ForeignKeyConstraint(["reopened_by"], ["users.id"], name="fk_month_closings_reopened_by_users"),
        sa.PrimaryKeyConstraint("id", name="pk_month_closings"),
        sa.UniqueConstraint("year", "month", "version", name="uq_month_closings_year_month_version"),
    )
    with op.batch_alter_table("month_closings") as batch:
        batch.create_index(
            "uq_month_closings_month_live",
            ["year", "month"],
            unique=True,
            sqlite_where=sa.text(LIVE),
            postgresql_where=sa.text(LIVE),
        )


def downgrade() -> None:
    with op.batch_alter_table("month_closings") as batch:
        batch.drop_index("uq_month_closings_month_live")
    op.drop_table("month_closings")
