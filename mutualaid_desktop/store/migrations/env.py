"""Alembic environment: migrates the connection handed over by store/migrate.py.

No alembic.ini and no URL here: `migrate.alembic_config(connection)` puts the connection in
`config.attributes`, inside a transaction that migrate.py owns (and commits or rolls back).
"""

from alembic import context

from mutualaid_desktop.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through mutualaid_desktop.store.migrate, with a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    transactional_ddl=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
