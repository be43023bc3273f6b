"""Yearly targets (年度目标) of the counties and the city: premiums (fen), enrollments and coverage
(hundredths of a percent, 85.50 % = 8550), one row per unit and year. Clearing a target sets its
figures to NULL; a row is never deleted. A new, empty table: quick on any database.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stat_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("premiums_fen", sa.Integer(), nullable=True),
        sa.Column("enrollments", sa.Integer(), nullable=True),
        sa.Column("coverage_bp", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.CheckConstraint("year BETWEEN 2000 AND 2100", name="ck_stat_targets_year"),
        sa.CheckConstraint("premiums_fen IS NULL OR premiums_fen >= 0", name="ck_stat_targets_premiums_nonnegative"),
        sa.CheckConstraint("enrollments IS NULL OR enrollments >= 0", name="ck_stat_targets_enrollments_nonnegative"),
        sa.CheckConstraint(
            "coverage_bp IS NULL OR coverage_bp BETWEEN 0 AND 10000", name="ck_stat_targets_coverage_range"
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["org_units.id"], name="fk_stat_targets_unit_id_org_units"),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"], name="fk_stat_targets_updated_by_users"),
        sa.PrimaryKeyConstraint("id", name="pk_stat_targets"),
        sa.UniqueConstraint("year", "unit_id", name="uq_stat_targets_year_unit_id"),
    )


def downgrade() -> None:
    op.drop_table("stat_targets")
