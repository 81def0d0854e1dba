"""Libraries as places on the map: position, kind and the ambassadors they have."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from data_access.models import Ambassador, Library
from data_access.queries.frames import read_frame


def library_roster(session: Session, on: dt.date) -> pd.DataFrame:
    """Every library with its national and local ambassadors still serving on ``on``."""
    amb = Ambassador
    serving = (amb.certified_on <= on) & or_(amb.left_on.is_(None), amb.left_on > on)
    counts = (
        select(
            amb.library_id,
            func.sum(case((serving & (amb.tier == "national"), 1), else_=0)).label("national"),
            func.sum(case((serving & (amb.tier == "local"), 1), else_=0)).label("local"),
        )
        .group_by(amb.library_id)
        .subquery()
    )
    lib = Library
    stmt = (
        select(
            lib.id, lib.code, lib.name, lib.locality, lib.raion_code, lib.kind, lib.lat, lib.lon,
            lib.accredited_on, func.coalesce(counts.c.national, 0),
            func.coalesce(counts.c.local, 0),
        )
        .outerjoin(counts, counts.c.library_id == lib.id)
        .order_by(lib.id)
    )  # fmt: skip
    columns = ["library_id", "code", "name", "locality", "raion_code", "kind", "lat", "lon",
               "accredited_on", "national_ambassadors", "local_ambassadors"]  # fmt: skip
    return read_frame(session, stmt, columns)
