"""Two indexes for the statistics (bench/bench_statistics.py, the 1,000,000-member demo):
- members (created_at, unit_id): 新增会员 (members first recorded in a period, per unit) read an index range
  instead of every member (1.4 s -> 0.2 s);
- enrollments (plan_id, unit_id, member_id): the members covered under a plan year counted unit by unit in the
  index's order, without sorting a million rows (0.87 s -> 0.58 s).
Only indexes: nothing else changes.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_members_created_at_unit", "members", ["created_at", "unit_id"])
    op.create_index("ix_enrollments_plan_unit_member", "enrollments", ["plan_id", "unit_id", "member_id"])


def downgrade() -> None:
    op.drop_index("ix_enrollments_plan_unit_member", table_name="enrollments")
    op.drop_index("ix_members_created_at_unit", table_name="members")
