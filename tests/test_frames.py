"""Query results as DataFrames: the driver's tuples taken as they come where SQLAlchemy would
convert nothing, its conversion kept where it would (dates on SQLite), on both engines."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import func, select

from data_access.database import Database
from data_access.models import Raion, ServiceRequest
from data_access.models.base import table_of
from data_access.queries.frames import _plain_cursor, read_frame
from tests.handmade import seed_handmade


def test_numbers_and_text_come_as_the_rows_would_give_them(db: Database) -> None:
    raion = table_of(Raion).c  # Core columns, as the planner's statements use
    stmt = select(raion.code, raion.population).order_by(raion.code)
    with db.session() as s:
        assert _plain_cursor(s.execute(stmt)) is not None  # nothing to convert: the fast path
        frame = read_frame(s, stmt, ["code", "population"])
        rows = [tuple(r) for r in s.execute(stmt)]
    expected = pd.DataFrame.from_records(rows, columns=["code", "population"])
    pd.testing.assert_frame_equal(frame, expected)
    assert len(frame) == 37
    assert frame["population"].isna().sum() == 2  # MD-BD, MD-SN: no census population


def test_columns_that_need_conversion_are_still_converted(db: Database) -> None:
    seed_handmade(db)
    request = table_of(ServiceRequest).c
    stmt = select(request.requested_on, func.count()).group_by(request.requested_on)
    with db.session() as s:
        frame = read_frame(s, stmt, ["day", "n"])
    assert len(frame) > 0
    assert frame["day"].map(type).eq(dt.date).all()  # not the ISO text SQLite stores
    with db.session() as s:
        assert frame["n"].sum() == s.scalar(select(func.count()).select_from(ServiceRequest))
