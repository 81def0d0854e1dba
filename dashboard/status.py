"""The cheap "did the data change?" check behind live refresh, and dataset facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from data_access.database import Database
from data_access.models import DatasetInfo, DataState, RollupDirty
from data_access.rollups import refresh_dirty


@dataclass(frozen=True)
class DataStatus:
    version: int
    updated_at: dt.datetime | None
    is_demo: bool


def _read(session: Session) -> DataStatus:
    row = session.execute(select(DataState.version, DataState.updated_at)).first()
    demo = session.scalar(select(DatasetInfo.value).where(DatasetInfo.key == "demo"))
    version, updated_at = (row[0], row[1]) if row else (0, None)
    return DataStatus(int(version), updated_at, demo == "true")


def current_status(db: Database) -> DataStatus:
    """Version and update time; first brings rollups current if another tool wrote raw rows."""
    with db.session() as session:
        dirty = bool(session.scalar(select(exists().where(RollupDirty.month_key.is_not(None)))))
        if not dirty:
            return _read(session)
    with db.write_session() as session:
        refresh_dirty(session)
    with db.session() as session:
        return _read(session)
