"""The database: SQLAlchemy models, opening, migrations, backups, integrity checks."""
