"""Schema lifecycle: apply Alembic migrations and load the reference data (``init-db``)."""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from data_access.database import Database
from data_access.reference import load_reference_data
from data_access.rollups import refresh_dirty


def alembic_config(db: Database) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("data_access") / "migrations"))
    cfg.set_main_option("sqlalchemy.url", db.url.render_as_string(hide_password=False))
    return cfg


def head_revision(db: Database) -> str | None:
    return ScriptDirectory.from_config(alembic_config(db)).get_current_head()


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, revision: str = "head") -> None:
    """Apply migrations up to ``revision`` on SQLite or PostgreSQL alike."""
    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def init_db(db: Database) -> None:
    """Bring the schema to head and (re)load the reference data. Safe to run repeatedly."""
    db.ensure_sqlite_folder()
    upgrade(db)
    with db.write_session() as session:
        load_reference_data(session)
        refresh_dirty(session)  # a migration may have left months to (re)compute
