"""Alembic migrations: the only way the schema changes (``eambasadori init-db`` applies them)."""
