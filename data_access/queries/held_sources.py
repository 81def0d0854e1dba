"""Which parts of a planned aggregate the tables held in memory answer, and their answers.

- **Whole months**: the per-library and per-person monthly rollups
  (:mod:`~data_access.queries.month_rows`) sum sessions, participants and requests per
  person, library, place or month, or in total, wherever their cube could answer in SQL (no
  service filter; no format filter for sessions).
- **Edge days**: requests from the requests per day and person
  (:mod:`~data_access.queries.day_rows`), sessions from the sessions themselves
  (:mod:`~data_access.queries.session_rows`, which apply every filter), grouped by person,
  library or place, or in total.

Answering these from memory saves a statement per piece: a few milliseconds each on
PostgreSQL, where a page's aggregates were mostly round trips for tens of rows. The planner
(:mod:`~data_access.queries.planner`) decides with these functions and reads through them; its
tests compare every answer with the raw facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.filters import Filters
from data_access.models import RollupAmbassadorMonth, RollupLibraryMonth, RollupRequestPersonDay
from data_access.queries.day_rows import GROUP_COLUMNS, DayRows, request_person_days
from data_access.queries.month_rows import ACTIVITY, MonthRows, ambassador_months, library_months
from data_access.queries.session_rows import MEASURES as SESSION_MEASURES
from data_access.queries.session_rows import SessionRows, session_rows
from data_access.queries.sources import CUBES, Cube, Fact

PERSON_DAY = RollupRequestPersonDay.__tablename__
# the month cubes held in memory, by table name
MONTH_TABLES: dict[str, Callable[[Session], MonthRows]] = {
    RollupAmbassadorMonth.__tablename__: ambassador_months,
    RollupLibraryMonth.__tablename__: library_months,
}
MONTH_GROUPINGS = frozenset({
    (), ("month_key",), ("raion_code",), ("library_kind",), ("month_key", "raion_code"),
    ("ambassador_id",), ("library_id",),
})  # fmt: skip


def month_cube(fact: Fact, filters: Filters, dims: set[str], measures: tuple[str, ...],
               by: tuple[str, ...]) -> Cube | None:  # fmt: skip
    """The monthly cube held in memory that answers (sums only), or None."""
    if by not in MONTH_GROUPINGS or not set(measures) <= set(ACTIVITY):
        return None
    held = (c for c in CUBES if c.fact == fact and c.grain == "month"
            and c.table.name in MONTH_TABLES)  # fmt: skip
    return next((c for c in held if c.can_answer(filters, dims, measures, by)), None)


def holds_days(fact: Fact, filters: Filters, dims: set[str], measures: tuple[str, ...],
               by: tuple[str, ...]) -> bool:  # fmt: skip
    """Whether the day rows in memory answer this aggregate over single days."""
    if not set(by) <= set(GROUP_COLUMNS):
        return False
    if fact == "sessions":
        return set(measures) <= SESSION_MEASURES
    person_day = next(c for c in CUBES if c.fact == fact and c.table.name == PERSON_DAY)
    return person_day.can_answer(filters, dims | {"day"}, measures, by)


def month_sums(session: Session, fact: Fact, table_name: str, months: tuple[int, int],
               filters: Filters, by: tuple[str, ...]) -> pd.DataFrame:  # fmt: skip
    """``by`` and the counts over the month-key range ``months`` of a held monthly table: one
    row per group with any of ``fact`` (the table's rows hold both facts' counts)."""
    table = MONTH_TABLES[table_name](session)
    first, last = (dt.date(key // 100, key % 100, 1) for key in months)
    rows = table.select(first, last, filters)
    if len(by) == 1 and by[0] in table.ids:
        sums = table.sums(rows, by[0])
    else:
        sums = table.group_sums(rows, by)
    return sums[sums[fact] > 0].reset_index(drop=True) if by else sums


def day_rows(session: Session, fact: Fact) -> DayRows | SessionRows | None:
    """The fact's day rows in memory (None: no store)."""
    return session_rows(session) if fact == "sessions" else request_person_days(session)


def day_sums(rows: DayRows | SessionRows, span: tuple[dt.date, dt.date], filters: Filters,
             measures: tuple[str, ...], by: tuple[str, ...]) -> pd.DataFrame:  # fmt: skip
    """``by`` and ``measures`` over the days of ``span`` (latest days as datetime64)."""
    if isinstance(rows, SessionRows):
        return rows.aggregate(replace(filters, date_from=span[0], date_to=span[1]), measures, by)
    return rows.aggregate(span[0], span[1], filters, measures, by)
