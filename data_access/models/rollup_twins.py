"""The quarterly and yearly twins of the monthly rollups (DESIGN.md 10).

Every monthly rollup has a table per coarser period with its dimensions, measures, indexes
and (SQLite) clustering, and the period's key in place of ``month_key``: ``quarter``
(``year * 10 + quarter``, e.g. 20243 for July–September 2024) or ``year``. A date range is read
as its whole years, then its whole quarters, then the months at its edges: two years from an
August read 7 rows of each group (2 months, a quarter, a year, 2 quarters, a month) where
months alone would read 24. Each twin is recomputed from its monthly table, never the facts.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, Table

from data_access.models.base import Base, table_of
from data_access.models.rollup_activity import RollupAmbassadorServiceMonth
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

TWIN_GRAINS = ("quarter", "year")  # in this order: a year is built from its quarters


def period_of(month: int, grain: str) -> int:
    """The quarter or year key of a month key (202408 -> 20243 or 2024)."""
    year = month // 100
    return year if grain == "year" else year * 10 + (month % 100 + 2) // 3


def months_of(period: int, grain: str) -> tuple[int, int]:
    """The first and last month key of a quarter or year key."""
    if grain == "year":
        return period * 100 + 1, period * 100 + 12
    year, quarter = divmod(period, 10)
    return year * 100 + 3 * quarter - 2, year * 100 + 3 * quarter


def twin_name(month_table: str, grain: str) -> str:
    """``rollup_request_raion_month`` -> ``rollup_request_raion_quarter`` (or ``_year``)."""
    return month_table.removesuffix("_month") + "_" + grain


def _twin(month_table: Table, grain: str) -> Table:
    """``month_table``'s twin for ``grain``, so that a range's whole periods are read the way
    its edge months are (a service filter by the service index, not by scanning the period)."""
    name = twin_name(month_table.name, grain)

    def renamed(column: str) -> str:
        return grain if column == "month_key" else column

    columns = [
        Column(grain, Integer, primary_key=True)
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
# grain -> month table name -> its twin of that grain
TWINS: dict[str, dict[str, Table]] = {
    grain: {table_of(m).name: _twin(table_of(m), grain) for m in MONTHLY} for grain in TWIN_GRAINS
}
YEAR_TWINS = TWINS["year"]
QUARTER_TWINS = TWINS["quarter"]
