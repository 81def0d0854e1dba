"""First start: bring the schema to head and, for the embedded SQLite default, fill an empty
database with the demo data so a newcomer sees a working dashboard at once."""

from __future__ import annotations

import logging

from sqlalchemy import func, select

from dashboard.settings import Settings
from data_access.database import Database
from data_access.models import Library
from data_access.schema import init_db

log = logging.getLogger(__name__)


def prepare_database(settings: Settings) -> None:
    db = Database(settings.database_url)
    try:
        init_db(db)
        if not (settings.demo_data_on_first_start and db.is_sqlite):
            return
        with db.session() as session:
            empty = not session.scalar(select(func.count()).select_from(Library))
        if empty:
            from data_access.demo import generate_demo_data

            log.info("Empty database: generating the demo data set (first start only)")
            generate_demo_data(db, scale="demo")
    finally:
        db.dispose()
