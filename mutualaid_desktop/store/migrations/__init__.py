"""Alembic environment and revisions of the schema (run by store/migrate.py)."""
