"""Premium payment items (what each payment paid for, kept when it is voided); receipt serial
counters continued from the receipts already in the database.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_RECEIPT = re.compile(r"SJ(\d{4})-(\d+)")


def upgrade() -> None:
    op.create_table(
        "premium_payment_items",
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("enrollment_id", sa.Integer(), nullable=False),
        sa.Column("premium_fen", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["enrollment_id"], ["enrollments.id"], name="fk_premium_payment_items_enrollment_id_enrollments"
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["premium_payments.id"], name="fk_premium_payment_items_payment_id_premium_payments"
        ),
        sa.PrimaryKeyConstraint("payment_id", "enrollment_id", name="pk_premium_payment_items"),
    )
    op.create_index("ix_premium_payment_items_enrollment_id", "premium_payment_items", ["enrollment_id"], unique=False)
    bind = op.get_bind()
    bind.execute(
        sa.text(
            "INSERT INTO premium_payment_items (payment_id, enrollment_id, premium_fen) "
            "SELECT payment_id, id, premium_fen FROM enrollments WHERE payment_id IS NOT NULL"
        )
    )
    # Receipt numbers go on after the highest one already given in each year.
    highest: dict[str, int] = {}
    for (serial,) in bind.execute(sa.text("SELECT receipt_serial FROM premium_payments")):
        match = _RECEIPT.fullmatch(serial or "")
        if match:
            key = f"receipt:{match.group(1)}"
            highest[key] = max(highest.get(key, 0), int(match.group(2)))
    for key, number in highest.items():
        current = bind.execute(sa.text("SELECT next_value FROM serials WHERE key = :k"), {"k": key}).scalar()
        if current is None:
            bind.execute(sa.text("INSERT INTO serials (key, next_value) VALUES (:k, :v)"), {"k": key, "v": number + 1})
        elif current <= number:
            bind.execute(sa.text("UPDATE serials SET next_value = :v WHERE key = :k"), {"k": key, "v": number + 1})


def downgrade() -> None:
    op.drop_index("ix_premium_payment_items_enrollment_id", table_name="premium_payment_items")
    op.drop_table("premium_payment_items")
