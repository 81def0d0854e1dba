"""Who was active on which service, requests per day by kind and tier, and the yearly twins
of the monthly rollups.

- :class:`RollupAmbassadorServiceMonth` answers "active ambassadors" under service and format
  filters with one range scan, where the facts would need a union of two large scans.
- :data:`YEAR_TWINS`: for every monthly rollup, a table with the same dimensions, measures and
  indexes and ``year`` in place of ``month_key``. A range's whole years read twelve times fewer rows
  (DESIGN.md 10); its edge months still come from the monthly tables.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, Date, Index, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from data_access.models.base import Base, table_of
from data_access.models.rollups import (
    RollupAmbassadorMonth,
    RollupLibraryMonth,
    RollupRequestLibraryMonth,
    RollupRequestMonth,
    RollupRequestRaionMonth,
    RollupRequestServiceMonth,
    RollupRequestTierMonth,
    RollupSessionLibraryMonth,
    RollupSessionMaskMonth,
    RollupSessionMonth,
    RollupSessionRaionMonth,
    RollupSessionServiceMonth,
    RollupSessionServiceTierMonth,
    RollupSessionTierMonth,
)

ACTIVITIES = ("request", "in_person", "online")  # a request, or a session of that format
ANY_SERVICE = "*"  # rows of all activity, whatever its service types (or none)


class RollupAmbassadorServiceMonth(Base):
    """Per month, service type, ambassador, kind of activity (``'request'`` or the session's
    format) and place: how many, and the first and last day (for partial edge months).

    A session covering two service types counts under each; every activity counts once more
    under :data:`ANY_SERVICE` (what a format filter alone reads: far fewer rows than all the
    services, and sessions recorded without a service type count too). Requests without a
    recorded ambassador are left out (nobody to count as active).
    """

    __tablename__ = "rollup_ambassador_service_month"
    # Clustered on the key (SQLite): a (service, months) range scan reads the rows themselves.
    __table_args__ = ({"sqlite_with_rowid": False},)

    service_type_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    month_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    ambassador_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity: Mapped[str] = mapped_column(String(10), primary_key=True)
    raion_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    library_kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    # follows from the ambassador; in the key so that every filter is read from the key alone
    # (PostgreSQL: an index-only scan)
    ambassador_tier: Mapped[str] = mapped_column(String(10), primary_key=True)
    activities: Mapped[int] = mapped_column(Integer)
    first_day: Mapped[dt.date] = mapped_column(Date)
    last_day: Mapped[dt.date] = mapped_column(Date)


class RollupRequestTierDay(Base):
    """Requests per day, raion, library kind and ambassador tier: the partial edge months
    under a kind or tier filter (which the service day rollup cannot apply)."""

    __tablename__ = "rollup_request_tier_day"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    raion_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    library_kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    ambassador_tier: Mapped[str] = mapped_column(String(10), primary_key=True)
    month_key: Mapped[int] = mapped_column(Integer, index=True)
    requests: Mapped[int] = mapped_column(Integer)
    on_behalf_self: Mapped[int] = mapped_column(Integer)
    on_behalf_relative_abroad: Mapped[int] = mapped_column(Integer)
    on_behalf_other: Mapped[int] = mapped_column(Integer)
    outcome_submitted: Mapped[int] = mapped_column(Integer)
    outcome_completed: Mapped[int] = mapped_column(Integer)
    outcome_failed: Mapped[int] = mapped_column(Integer)


def year_name(month_table: str) -> str:
    """``rollup_request_raion_month`` -> ``rollup_request_raion_year``."""
    return month_table.removesuffix("_month") + "_year"


def _year_twin(month_table: Table) -> Table:
    """The yearly table of ``month_table``: its columns, key, indexes and (SQLite) clustering,
    with ``year`` in place of ``month_key``, so that a range's whole years are read the way its
    edge months are (a service filter by the service index, not by scanning the year)."""
    name = year_name(month_table.name)

    def renamed(column: str) -> str:
        return "year" if column == "month_key" else column

    columns = [
        Column("year", Integer, primary_key=True)
        if c.name == "month_key"
        else Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable)
        for c in month_table.columns
    ]
    indexes = [
        Index(str(index.name).replace(month_table.name, name),
              *(renamed(c.name) for c in index.columns))
        for index in month_table.indexes
    ]  # fmt: skip
    clustering = {k: v for k, v in month_table.kwargs.items() if k == "sqlite_with_rowid"}
    return Table(name, Base.metadata, *columns, *indexes, **clustering)


MONTHLY = (
    RollupRequestRaionMonth, RollupRequestServiceMonth, RollupRequestTierMonth,
    RollupRequestMonth, RollupLibraryMonth, RollupAmbassadorMonth, RollupRequestLibraryMonth,
    RollupSessionRaionMonth, RollupSessionMaskMonth, RollupSessionServiceMonth,
    RollupSessionServiceTierMonth, RollupSessionTierMonth, RollupSessionMonth,
    RollupSessionLibraryMonth, RollupAmbassadorServiceMonth,
)  # fmt: skip
# month table name -> its yearly twin
YEAR_TWINS: dict[str, Table] = {
    table_of(model).name: _year_twin(table_of(model)) for model in MONTHLY
}
