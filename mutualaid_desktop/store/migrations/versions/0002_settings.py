"""The settings table (counter name, address, hours...; and the audit chain's tip).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    settings = op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_settings"),
    )
    # The audit chain's tip (store/audit.py) for an audit log written before this revision.
    count, last_hash = (
        op.get_bind()
        .execute(sa.text("SELECT COUNT(*), (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) FROM audit_log"))
        .one()
    )
    if count:
        op.bulk_insert(settings, [{"key": "audit_tip", "value": json.dumps({"count": count, "hash": last_hash})}])


def downgrade() -> None:
    op.drop_table("settings")
