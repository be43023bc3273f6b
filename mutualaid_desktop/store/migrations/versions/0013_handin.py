"""County hand-in files (交账文件): the files a county wrote (handin_exports), the counties' public keys
(handin_keys) and the files imported at the city (handin_files). New, empty tables: quick on any database.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

KEY_IN_FORCE = "replaced_at IS NULL"
FILE_IN_FORCE = "superseded_at IS NULL"

# Read-only in the database itself: a file handed in, an export written and a key registered are never deleted;
# a file's data never change (only superseded_at / superseded_by_id, once, from NULL), a key only gets replaced_*
# once, an export never changes. {ne} is the dialect's "is distinct from".
KEPT = {
    "handin_files": (
        "NEW.{c} {ne} OLD.{c}",
        ("county_code", "county_name", "year", "month", "sequence", "version", "created_at", "key_id",
         "file_sha256", "content", "data_json", "imported_at", "imported_by"),
        ("superseded_at", "superseded_by_id"),
    ),
    "handin_keys": (
        "NEW.{c} {ne} OLD.{c}",
        ("county_code", "public_key", "fingerprint", "registered_at", "registered_by"),
        ("replaced_at", "replaced_by", "replace_reason"),
    ),
    "handin_exports": (
        "NEW.{c} {ne} OLD.{c}",
        ("county_code", "sequence", "year", "month", "version", "closing_id", "file_sha256", "content",
         "created_at", "created_by"),
        (),
    ),
}  # fmt: skip
MESSAGE = "handed-in data are read-only"


def _changed(table: str, ne: str) -> str:
    template, fixed, once = KEPT[table]
    parts = [template.format(c=c, ne=ne) for c in fixed]
    parts += [f"(OLD.{c} IS NOT NULL AND {template.format(c=c, ne=ne)})" for c in once]
    return " OR ".join(parts)


def _read_only() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION handin_read_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$"
        )
        for table in KEPT:
            op.execute(
                f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION handin_read_only()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_read_only BEFORE UPDATE ON {table} FOR EACH ROW "
                f"WHEN ({_changed(table, 'IS DISTINCT FROM')}) EXECUTE FUNCTION handin_read_only()"
            )
        return
    for table in KEPT:
        op.execute(
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_read_only BEFORE UPDATE ON {table} WHEN {_changed(table, 'IS NOT')} "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )


def upgrade() -> None:
    op.create_table(
        "handin_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("county_code", sa.String(length=32), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.Column("registered_by", sa.String(length=64), nullable=False),
        sa.Column("replaced_at", sa.DateTime(), nullable=True),
        sa.Column("replaced_by", sa.String(length=64), nullable=True),
        sa.Column("replace_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_handin_keys"),
    )
    with op.batch_alter_table("handin_keys") as batch:
        batch.create_index("ix_handin_keys_county_code", ["county_code"], unique=False)
        batch.create_index(
            "uq_handin_keys_county_in_force",
            ["county_code"],
            unique=True,
            sqlite_where=sa.text(KEY_IN_FORCE),
            postgresql_where=sa.text(KEY_IN_FORCE),
        )
    op.create_table(
        "handin_exports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("county_code", sa.String(length=32), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("closing_id", sa.Integer(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.CheckConstraint("month BETWEEN 1 AND 12", name="ck_handin_exports_month"),
        sa.CheckConstraint("sequence >= 1", name="ck_handin_exports_sequence"),
        sa.CheckConstraint("version >= 1", name="ck_handin_exports_version"),
        sa.ForeignKeyConstraint(
            ["closing_id"], ["month_closings.id"], name="fk_handin_exports_closing_id_month_closings"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_handin_exports"),
        sa.UniqueConstraint("closing_id", name="uq_handin_exports_closing_id"),
        sa.UniqueConstraint("sequence", name="uq_handin_exports_sequence"),
    )
    op.create_table(
        "handin_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("county_code", sa.String(length=32), nullable=False),
        sa.Column("county_name", sa.String(length=128), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("key_id", sa.Integer(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("data_json", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=64), nullable=False),
        sa.Column("superseded_at", sa.DateTime(), nullable=True),
        sa.Column("superseded_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("month BETWEEN 1 AND 12", name="ck_handin_files_month"),
        sa.ForeignKeyConstraint(["key_id"], ["handin_keys.id"], name="fk_handin_files_key_id_handin_keys"),
        sa.ForeignKeyConstraint(
            ["superseded_by_id"], ["handin_files.id"], name="fk_handin_files_superseded_by_id_handin_files"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_handin_files"),
        sa.UniqueConstraint("file_sha256", name="uq_handin_files_file_sha256"),
    )
    with op.batch_alter_table("handin_files") as batch:
        batch.create_index("uq_handin_files_county_sequence", ["county_code", "sequence"], unique=True)
        batch.create_index(
            "uq_handin_files_month_in_force",
            ["county_code", "year", "month"],
            unique=True,
            sqlite_where=sa.text(FILE_IN_FORCE),
            postgresql_where=sa.text(FILE_IN_FORCE),
        )
    _read_only()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in KEPT:
            op.execute(f"DROP TRIGGER {table}_no_delete ON {table}")
            op.execute(f"DROP TRIGGER {table}_read_only ON {table}")
        op.execute("DROP FUNCTION handin_read_only()")
    else:
        for table in KEPT:
            op.execute(f"DROP TRIGGER {table}_no_delete")
            op.execute(f"DROP TRIGGER {table}_read_only")
    op.drop_table("handin_files")
    op.drop_table("handin_exports")
    op.drop_table("handin_keys")
