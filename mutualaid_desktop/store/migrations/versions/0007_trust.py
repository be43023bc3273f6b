"""Trust: what the checks on claims, payout exports and sign-ins need to remember.

- claims.invoice_key: the invoice number normalised (case, spaces, dashes, full-width), indexed, so
  that the same invoice is found across members; filled in here from invoice_number.
- ix_claims_hospital_event (hospital_id, event_date): the same stay (hospital, admission day)
  claimed for another member is found without reading the hospital's every claim.
- claims.flags_json: what intake found suspicious (a duplicate invoice, the same stay for another
  member, overlapping stays), for the reviewer to decide on explicitly.
- payout_batches.export_count: how many times the bank file was written (the 2nd and later are
  copies, 副本, with a supervisor's reason).
- users.failed_logins / users.locked_until: failed sign-ins in a row, and until when the account
  waits before the next try.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def invoice_key(number: str | None) -> str | None:
    """The migration's own copy of domain.text.invoice_key as it was at this revision (a
    migration must not change when the domain code does later)."""
    if not number:
        return None
    halfwidth = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
    text = number.translate(halfwidth).upper()
    key = "".join(ch for ch in text if ch.isalnum())
    return key or None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("invoice_key", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("flags_json", sa.Text(), nullable=True))
        batch.create_index("ix_claims_invoice_key", ["invoice_key"], unique=False)
        batch.create_index("ix_claims_hospital_event", ["hospital_id", "event_date"], unique=False)
    with op.batch_alter_table("payout_batches") as batch:
        batch.add_column(sa.Column("export_count", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))

    connection = op.get_bind()
    rows = connection.execute(
        sa.text("SELECT id, invoice_number FROM claims WHERE invoice_number IS NOT NULL")
    ).fetchall()
    updates = [{"id": row[0], "key": invoice_key(row[1])} for row in rows]
    if updates:
        connection.execute(sa.text("UPDATE claims SET invoice_key = :key WHERE id = :id"), updates)
    connection.execute(sa.text("UPDATE payout_batches SET export_count = 1 WHERE exported_at IS NOT NULL"))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("locked_until")
        batch.drop_column("failed_logins")
    with op.batch_alter_table("payout_batches") as batch:
        batch.drop_column("export_count")
    with op.batch_alter_table("claims") as batch:
        batch.drop_index("ix_claims_hospital_event")
        batch.drop_index("ix_claims_invoice_key")
        batch.drop_column("flags_json")
        batch.drop_column("invoice_key")
