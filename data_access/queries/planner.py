"""Answer a fact aggregate from the smallest table that can (DESIGN.md 10).

A date range is split (:mod:`~data_access.queries.range_pieces`) into whole years (read from a
yearly rollup), whole quarters (a quarterly rollup), whole months (a monthly rollup) and
partial months at its edges (a day rollup or the raw table over just those days).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Select
from sqlalchemy.orm import Session

from dashboard.baseline import NAIVE
from dashboard.filters import Filters
from dashboard.periods import add_months, month_end, month_key
from data_access.models import (
    RollupAmbassadorMonth,
    RollupAmbassadorServiceMonth,
    RollupLibraryMonth,
    RollupRequestLibraryMonth,
    RollupRequestPersonDay,
)
from data_access.queries.day_rows import request_person_days
from data_access.queries.frames import combine_parts, counts, datetimes, read_frame, read_text
from data_access.queries.month_rows import ACTIVITY as MONTH_MEASURES
from data_access.queries.month_rows import ambassador_months, library_months
from data_access.queries.plans import Plan, Reads
from data_access.queries.prepared import Source
from data_access.queries.range_pieces import DateSpan, split_periods, split_range
from data_access.queries.service_masks import service_bits
from data_access.queries.service_months import MEASURES as SERVICE_MEASURES
from data_access.queries.service_months import ambassador_services, library_services
from data_access.queries.session_rows import sessions_in_memory
from data_access.queries.sources import (
    MAX_MEASURES,
    Fact,
    filter_dims,
    pick_cube,
    raw_select,
    twin_cube,
)
from data_access.queries.tiers_apart import read_tiers_apart, tiers_apart
from data_access.queries.versioned import has_store

PERSON_DAY = RollupRequestPersonDay.__tablename__  # the day cube also held in memory (day_rows)
PLACE_GROUPS = {"month_key", "raion_code", "library_kind"}  # the month tables' group columns
# the month cubes also held in memory (month_rows), by table name
MONTH_TABLES = {RollupAmbassadorMonth.__tablename__: ambassador_months,
                RollupLibraryMonth.__tablename__: library_months}  # fmt: skip
# the per-service month cubes of requests also held in memory (service_months), and their key
SERVICE_TABLES = {RollupAmbassadorServiceMonth.__tablename__: ambassador_services,
                  RollupRequestLibraryMonth.__tablename__: library_services}  # fmt: skip
SERVICE_KEYS = {RollupAmbassadorServiceMonth.__tablename__: ("ambassador_id",),
                RollupRequestLibraryMonth.__tablename__: ("library_id",)}  # fmt: skip


def build_statement(
    session: Session,
    fact: Fact,
    filters: Filters,
    measures: tuple[str, ...],
    by: tuple[str, ...] = (),
    *,
    use_rollups: bool = True,
) -> Select[Any] | None:
    """The SQL for ``measures`` of ``fact`` grouped ``by`` under ``filters`` (None = no rows).

    ``use_rollups=False`` reads only the raw fact table (the naive baseline, and a test oracle).
    """
    return _plan(session, fact, filters, measures, by, use_rollups, in_memory=False).bound()


def _plan(
    session: Session,
    fact: Fact,
    filters: Filters,
    measures: tuple[str, ...],
    by: tuple[str, ...],
    use_rollups: bool,
    *,
    in_memory: bool,
) -> Plan:
    """The SQL, and (only when ``in_memory``) what to read from the tables held in memory
    instead of their cubes: whole months of the per-person or per-library month rollup, edge
    spans of the person-day rollup."""
    if filters.effective_raions == ():
        return Plan(None)
    if not use_rollups or NAIVE.get():
        return Plan(naive=raw_select(fact, filters, by, measures,
                                     (filters.date_from, filters.date_to)))  # fmt: skip
    months, raw_spans = split_range(session, fact, filters.date_from, filters.date_to)
    sources: list[Source] = []
    dims = filter_dims(fact, filters) | set(by)
    held_months: tuple[str, tuple[int, int]] | None = None
    if months is not None:
        cube = pick_cube(fact, filters, dims, measures, by)
        if in_memory and cube is not None and _months_held(cube.table.name, measures, by):
            held_months = (cube.table.name, months)
        elif in_memory and cube is not None and (table := _place_months(filters, measures, by)):
            held_months = (table, months)
        elif in_memory and cube is not None and _services_held(session, cube.table.name, filters,
                                                               measures, by):  # fmt: skip
            held_months = (cube.table.name, months)
        elif cube is None:
            first = dt.date(months[0] // 100, months[0] % 100, 1)
            last = month_end(dt.date(months[1] // 100, months[1] % 100, 1))
            raw_spans = [(first, last), *raw_spans]
        else:
            twins = {grain: twin_cube(cube, grain, by) for grain in ("quarter", "year")}
            pieces = split_periods(session, fact, months) if twins["year"] else [("month", months)]
            sources += [Source(twins.get(grain) or cube, keys) for grain, keys in pieces]
    day_cube = pick_cube(fact, filters, dims, measures, by, grain="day") if raw_spans else None
    if in_memory and day_cube is not None and day_cube.table.name == PERSON_DAY:
        return Plan(_reads(session, fact, filters, measures, by, sources), held_months,
                    _merge(raw_spans))  # fmt: skip
    sources += [Source(day_cube, span) for span in _merge(raw_spans)]
    return Plan(_reads(session, fact, filters, measures, by, sources), months=held_months)


def _reads(session: Session, fact: Fact, filters: Filters, measures: tuple[str, ...],
           by: tuple[str, ...], sources: list[Source]) -> Reads | None:  # fmt: skip
    """What the database reads (None: nothing)."""
    if not sources:
        return None
    return Reads(fact, filters, by, measures, tuple(sources), service_bits(session))


def _months_held(table: str, measures: tuple[str, ...], by: tuple[str, ...]) -> bool:
    """Whether the whole months of ``table`` can be read from its copy in memory: sums and
    the fact's latest days, grouped by one person or library."""
    return (table in MONTH_TABLES and set(measures) <= {*MONTH_MEASURES, *MAX_MEASURES}
            and len(by) == 1 and by[0] in ("ambassador_id", "library_id"))  # fmt: skip


def _place_months(filters: Filters, measures: tuple[str, ...], by: tuple[str, ...]) -> str | None:
    """The month table held in memory whose whole months give sums grouped ``by`` month, raion
    or library kind under ``filters`` (None: none can): per ambassador under a tier filter
    (requests without an ambassador have no tier), else per library (all of them). Neither
    can apply a service or format filter."""
    if (filters.services or filters.formats or not by or not set(by) <= PLACE_GROUPS
            or not set(measures) <= set(MONTH_MEASURES)):  # fmt: skip
        return None
    return (RollupAmbassadorMonth if filters.tiers else RollupLibraryMonth).__tablename__


def _services_held(session: Session, table: str, filters: Filters, measures: tuple[str, ...],
                   by: tuple[str, ...]) -> bool:  # fmt: skip
    """Whether the whole months of a per-service rollup of requests can be read from its copy
    in memory: grouped by its person or library, under a service filter (even over ten years
    of several services, summing its months in memory beats the yearly twins in SQL)."""
    return (table in SERVICE_TABLES and bool(filters.services) and by == SERVICE_KEYS[table]
            and set(measures) <= SERVICE_MEASURES
            and SERVICE_TABLES[table](session) is not None)  # fmt: skip


def _merge(spans: list[DateSpan]) -> list[DateSpan]:
    """Join adjacent day spans so the raw table is read once per contiguous range."""
    merged: list[DateSpan] = []
    for first, last in sorted(spans):
        if merged and merged[-1][1] + dt.timedelta(days=1) >= first:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def aggregate(
    session: Session,
    fact: Fact,
    filters: Filters,
    measures: tuple[str, ...],
    by: tuple[str, ...] = (),
    *,
    use_rollups: bool = True,
    as_dates: bool = True,
) -> pd.DataFrame:
    """A small DataFrame with one column per ``by`` dimension and per measure.

    Sums are 0 (not missing) where nothing matched; ``last_day`` is a date or NaT (datetime64
    with ``as_dates=False``: for callers that compute with it).
    """
    held = sessions_in_memory(session, fact, filters, measures, by) if use_rollups else None
    frame = _read(session, fact, filters, measures, by, use_rollups) if held is None else held
    return typed_result(frame, measures, by, as_dates=as_dates)


def typed_result(frame: pd.DataFrame, measures: tuple[str, ...], by: tuple[str, ...], *,
                 as_dates: bool) -> pd.DataFrame:  # fmt: skip
    """An answer of :func:`aggregate`'s as it gives them: sums as int64 (0 where missing), the
    latest days as dates or datetime64, one row of zeros for no groups and no rows."""
    for m in measures:  # only the columns not yet of their type: each conversion costs
        kind = frame[m].dtype.kind
        if m in MAX_MEASURES:
            if not as_dates and kind != "M":
                frame[m] = datetimes(frame[m])
            elif as_dates and len(frame):
                frame[m] = pd.Series(datetimes(frame[m]), index=frame.index).dt.date
        elif frame[m].dtype != np.int64:
            frame[m] = counts(frame[m])
    if not by and frame.empty:
        frame = pd.DataFrame([[0 if m not in MAX_MEASURES else None for m in measures]],
                             columns=list(measures))  # fmt: skip
    return frame


def _read(session: Session, fact: Fact, filters: Filters, measures: tuple[str, ...],
          by: tuple[str, ...], use_rollups: bool) -> pd.DataFrame:  # fmt: skip
    """What the plan says, read from SQL and the tables in memory, its parts combined."""
    parts, sql = _parts(session, fact, filters, measures, by, use_rollups)
    if not parts:
        return pd.DataFrame(columns=[*by, *measures])
    if len(parts) == 1 and sql:
        return parts[0]
    return combine_parts(parts, by, measures, MAX_MEASURES)


def aggregate_parts(session: Session, fact: Fact, filters: Filters, measures: tuple[str, ...],
                    by: tuple[str, ...]) -> list[pd.DataFrame]:  # fmt: skip
    """:func:`aggregate`'s answer as the parts it adds up, each with one row per group of its
    own (sums as int64, latest days as datetime64): for a caller that adds them up with
    others anyway."""
    held = sessions_in_memory(session, fact, filters, measures, by)
    parts = [held] if held is not None else _parts(session, fact, filters, measures, by, True)[0]
    return [typed_result(part, measures, by, as_dates=False) for part in parts]


def _parts(session: Session, fact: Fact, filters: Filters, measures: tuple[str, ...],
           by: tuple[str, ...], use_rollups: bool) -> tuple[list[pd.DataFrame], bool]:  # fmt: skip
    """The parts of :func:`_read`'s answer, and whether the first came from SQL."""
    plan = _plan(session, fact, filters, measures, by, use_rollups, in_memory=has_store(session))
    day_rows = request_person_days(session) if plan.day_spans else None
    if plan.day_spans and day_rows is None:  # not held in memory: the day cube in SQL
        plan = _plan(session, fact, filters, measures, by, use_rollups, in_memory=False)
    sql = plan.reads is not None or plan.naive is not None
    parts = [_read_sql(session, plan, [*by, *measures])] if sql else []
    if plan.months is not None and plan.months[0] in SERVICE_TABLES:
        held = SERVICE_TABLES[plan.months[0]](session)
        assert held is not None  # _services_held saw it
        parts.append(held.aggregate(*plan.months[1], filters, measures))
    elif plan.months is not None:
        table = MONTH_TABLES[plan.months[0]](session)
        first, last = (dt.date(key // 100, key % 100, 1) for key in plan.months[1])
        rows = table.select(first, last, filters)
        if by[0] in table.ids:  # latest days only here (_months_held): the fact's own
            latest = MAX_MEASURES.intersection(measures)
            sums = table.sums(rows, by[0], fact if latest else None)
            for m in latest:
                sums[m] = sums["last_day"]
        else:
            sums = table.group_sums(rows, by)
        # its rows hold both facts' counts: only groups with this fact, as the SQL gives them
        parts.append(sums.loc[sums[fact].to_numpy() > 0, [*by, *measures]])
    if day_rows is not None:
        parts += [day_rows.aggregate(a, b, filters, measures, by) for a, b in plan.day_spans]
    return parts, sql


def prepare(session: Session, fact: Fact, filters: Filters, measures: tuple[str, ...],
            by: tuple[str, ...]) -> bool:  # fmt: skip
    """Compile, without running it, the SQL :func:`aggregate` would read for these arguments
    (its parts are kept: :mod:`~data_access.queries.plan_text`); whether it reads any."""
    plan = _plan(session, fact, filters, measures, by, True, in_memory=has_store(session))
    if plan.reads is None:
        return False
    (tiers_apart(session, plan.reads) or plan.reads).text(session.get_bind().dialect)
    return True


def held_days_answer(session: Session, fact: Fact, filters: Filters, measures: tuple[str, ...],
                     by: tuple[str, ...]) -> bool:  # fmt: skip
    """Whether the requests per person and day held in memory alone answer this aggregate."""
    plan = _plan(session, fact, filters, measures, by, True, in_memory=has_store(session))
    return (plan.reads is None and plan.months is None
            and plan.day_spans == [(filters.date_from, filters.date_to)])  # fmt: skip


def _read_sql(session: Session, plan: Plan, columns: list[str]) -> pd.DataFrame:
    if plan.reads is None:
        return read_frame(session, plan.naive, columns)
    if (apart := tiers_apart(session, plan.reads)) is not None:
        return read_tiers_apart(session, plan.reads, apart)
    sql, params = plan.reads.text(session.get_bind().dialect)
    return read_text(session, sql, params, columns)


__all__ = ["add_months", "aggregate", "aggregate_parts", "build_statement", "held_days_answer",
           "month_key", "prepare", "typed_result"]  # fmt: skip
