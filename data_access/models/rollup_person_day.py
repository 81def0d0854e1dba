"""Requests per day and person: the partial edge months of per-library and per-ambassador views.

The directory, the map and the targets' cascade group a range's activity by library or by
ambassador; the whole months come from the library and ambassador rollups, but the days of a
partial first or last month were read from the request facts (~2,000 a day at national scale).
This table holds one row per day, library and ambassador with activity: about half the rows,
clustered by day on SQLite, and both groupings read from it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from data_access.models.base import Base


class RollupRequestPersonDay(Base):
    """Requests per day, library and ambassador (``ambassador_key`` 0 and ``ambassador_id``
    NULL for requests assisted without a recorded ambassador), with the place and tier."""

    __tablename__ = "rollup_request_person_day"
    __table_args__ = ({"sqlite_with_rowid": False},)

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    library_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ambassador_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    raion_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    library_kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    ambassador_tier: Mapped[str] = mapped_column(String(10), primary_key=True)
    ambassador_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    month_key: Mapped[int] = mapped_column(Integer, index=True)
    requests: Mapped[int] = mapped_column(Integer)
