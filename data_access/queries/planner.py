"""Answer a fact aggregate from the smallest table that can (DESIGN.md 10).

A date range is split into whole years (read from a yearly rollup), whole quarters (a
quarterly rollup), whole months (a monthly rollup) and partial months at its edges (a day
rollup or the raw table over just those days).
An edge month counts as whole when no fact of it falls outside the range, so "this year up to
today" reads only rollups.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import Select, func, select, union_all
from sqlalchemy.orm import Session

from dashboard.baseline import NAIVE
from dashboard.filters import Filters
from dashboard.periods import add_months, month_end, month_key
from data_access.models import (
    RollupAmbassadorMonth,
    RollupLibraryMonth,
    RollupRequestPersonDay,
)
from data_access.models.rollup_twins import months_of, period_of
from data_access.queries.day_rows import request_person_days
from data_access.queries.fact_days import has_facts_between
from data_access.queries.frames import combine_parts, read_frame
from data_access.queries.month_rows import ACTIVITY as MONTH_MEASURES
from data_access.queries.month_rows import ambassador_months, library_months
from data_access.queries.session_rows import sessions_in_memory
from data_access.queries.sources import (
    MAX_MEASURES,
    Fact,
    filter_dims,
    pick_cube,
    raw_select,
    service_bits,
    twin_cube,
)
from data_access.queries.versioned import has_store

DateSpan = tuple[dt.date, dt.date]
PERSON_DAY = RollupRequestPersonDay.__tablename__  # the day cube also held in memory (day_rows)
# the month cubes also held in memory (month_rows), by table name
MONTH_TABLES = {RollupAmbassadorMonth.__tablename__: ambassador_months,
                RollupLibraryMonth.__tablename__: library_months}  # fmt: skip


def split_range(
    session: Session, fact: Fact, first: dt.date, last: dt.date
) -> tuple[tuple[int, int] | None, list[DateSpan]]:
    """(whole months as a month-key range or None, raw day spans for the partial edges)."""
    start = first.replace(day=1)
    if first != start and has_facts_between(session, fact, start, first - dt.timedelta(days=1)):
        head_last = min(month_end(first), last)
        if head_last == last:
            return None, [(first, last)]
        raw = [(first, head_last)]
        first = head_last + dt.timedelta(days=1)
    else:
        raw = []
        first = start
    end = month_end(last)
    if last != end and has_facts_between(session, fact, last + dt.timedelta(days=1), end):
        tail_first = last.replace(day=1)
        raw.append((max(tail_first, first), last))
        last = tail_first - dt.timedelta(days=1)
    if first > last:
        return None, raw
    return (month_key(first), month_key(last)), raw


def split_years(
    session: Session, facts: Fact | tuple[Fact, ...], months: tuple[int, int]
) -> list[tuple[str, tuple[int, int]]]:
    """Whole months as ("month", month-key range) and ("year", year range) pieces.

    A year counts as whole when the range covers it, or when nothing (of ``facts``) happened in
    the months of it the range leaves out (so "program to date" reads only yearly rows and
    "this year" one).
    """
    kinds = (facts,) if isinstance(facts, str) else facts

    def happened(first: dt.date, last: dt.date) -> bool:
        return any(has_facts_between(session, fact, first, last) for fact in kinds)

    first, last = months
    start = dt.date(first // 100, first % 100, 1)
    after = month_end(dt.date(last // 100, last % 100, 1)) + dt.timedelta(days=1)
    # the range widened to whole years where the months it leaves out hold nothing
    quiet_before = not happened(start.replace(month=1), start - dt.timedelta(days=1))
    quiet_after = not happened(after, dt.date(last // 100, 12, 31))
    wide = (first // 100 * 100 + 1 if quiet_before else first,
            last // 100 * 100 + 12 if quiet_after else last)  # fmt: skip
    years, around = years_and_months(*wide)
    if years is None:
        return [("month", months)]
    before = [("month", keys) for keys in around if keys[1] < years[0] * 100]
    later = [("month", keys) for keys in around if keys[0] > years[1] * 100 + 12]
    return [*before, ("year", years), *later]


def split_periods(
    session: Session, facts: Fact | tuple[Fact, ...], months: tuple[int, int]
) -> list[tuple[str, tuple[int, int]]]:
    """Whole months as ("year", year range), ("quarter", quarter-key range) and ("month",
    month-key range) pieces: the years of :func:`split_years`, then the whole quarters of the
    months around them."""
    pieces: list[tuple[str, tuple[int, int]]] = []
    for grain, keys in split_years(session, facts, months):
        pieces += [(grain, keys)] if grain == "year" else quarters_and_months(*keys)
    return pieces


def quarters_and_months(first: int, last: int) -> list[tuple[str, tuple[int, int]]]:
    """The month-key range ``[first, last]`` as its whole quarters (one quarter-key range) and
    the month ranges before and after them, in order."""
    from_quarter = period_of(first, "quarter") + ((first % 100 - 1) % 3 != 0)
    to_quarter = period_of(last, "quarter") - (last % 100 % 3 != 0)
    if from_quarter % 10 == 5:  # past a year's fourth quarter
        from_quarter += 6
    if to_quarter % 10 == 0:  # before a year's first quarter
        to_quarter -= 6
    if from_quarter > to_quarter:
        return [("month", (first, last))]
    start, end = months_of(from_quarter, "quarter")[0], months_of(to_quarter, "quarter")[1]
    before = [("month", (first, add_month_keys(start, -1)))] if first < start else []
    after = [("month", (add_month_keys(end, 1), last))] if last > end else []
    return [*before, ("quarter", (from_quarter, to_quarter)), *after]


def add_month_keys(key: int, months: int) -> int:
    """The month key ``months`` after (or before) ``key``."""
    return month_key(add_months(dt.date(key // 100, key % 100, 1), months))


def years_and_months(first: int, last: int) -> tuple[tuple[int, int] | None, list[tuple[int, int]]]:
    """The whole years of the month-key range ``[first, last]`` (None: none) and the month-key
    ranges around them."""
    from_year = first // 100 + (first % 100 != 1)
    to_year = last // 100 - (last % 100 != 12)
    if from_year > to_year:
        return None, [(first, last)] if first <= last else []
    months = []
    if first < from_year * 100 + 1:
        months.append((first, (from_year - 1) * 100 + 12))
    if last > to_year * 100 + 12:
        months.append(((to_year + 1) * 100 + 1, last))
    return (from_year, to_year), months


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
    return _plan(session, fact, filters, measures, by, use_rollups, in_memory=False).statement


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
        return Plan(raw_select(fact, filters, by, measures, (filters.date_from, filters.date_to)))
    months, raw_spans = split_range(session, fact, filters.date_from, filters.date_to)
    parts: list[Select[Any]] = []
    dims = filter_dims(fact, filters) | set(by)
    bits = service_bits(session)
    held_months: tuple[str, tuple[int, int]] | None = None
    if months is not None:
        cube = pick_cube(fact, filters, dims, measures, by)
        if in_memory and cube is not None and _months_held(cube.table.name, measures, by):
            held_months = (cube.table.name, months)
        elif cube is None:
            first = dt.date(months[0] // 100, months[0] % 100, 1)
            last = month_end(dt.date(months[1] // 100, months[1] % 100, 1))
            raw_spans = [(first, last), *raw_spans]
        else:
            twins = {grain: twin_cube(cube, grain, by) for grain in ("quarter", "year")}
            pieces = split_periods(session, fact, months) if twins["year"] else [("month", months)]
            for grain, keys in pieces:
                piece = twins.get(grain) or cube
                parts.append(piece.select(filters, by, measures, keys, bits, grouped=not by))
    day_cube = pick_cube(fact, filters, dims, measures, by, grain="day") if raw_spans else None
    if in_memory and day_cube is not None and day_cube.table.name == PERSON_DAY:
        return Plan(_union(parts, by, measures), held_months, _merge(raw_spans))
    for span in _merge(raw_spans):
        if day_cube is not None:
            parts.append(day_cube.select(filters, by, measures, span, bits, grouped=not by))
        else:
            parts.append(raw_select(fact, filters, by, measures, span))
    return Plan(_union(parts, by, measures), held_months)


def _months_held(table: str, measures: tuple[str, ...], by: tuple[str, ...]) -> bool:
    """Whether the whole months of ``table`` can be summed from its copy in memory: sums (not
    latest days, which it holds over both facts at once) grouped by one person or library."""
    return (table in MONTH_TABLES and set(measures) <= set(MONTH_MEASURES)
            and len(by) == 1 and by[0] in ("ambassador_id", "library_id"))  # fmt: skip


@dataclass(frozen=True)
class Plan:
    """:func:`_plan`'s answer: SQL for what the database reads, and what memory answers."""

    statement: Select[Any] | None
    months: tuple[str, tuple[int, int]] | None = None  # (month table, month-key range)
    day_spans: list[DateSpan] = field(default_factory=list)  # of the person-day rollup


def _union(parts: list[Select[Any]], by: tuple[str, ...],
           measures: tuple[str, ...]) -> Select[Any] | None:  # fmt: skip
    """One statement summing (or taking the latest of) the parts' groups. Grouped by ``by``,
    the parts are rows of the rollups (or groups of the facts), grouped here once."""
    if not parts:
        return None
    if len(parts) == 1 and not by:
        return parts[0]
    union = union_all(*parts).subquery()
    aggregates = [
        (func.max if m in MAX_MEASURES else func.sum)(union.c[m]).label(m) for m in measures
    ]
    return select(*(union.c[d] for d in by), *aggregates).group_by(*(union.c[d] for d in by))


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
    for m in measures:
        if m in MAX_MEASURES:
            if not as_dates:
                frame[m] = pd.to_datetime(frame[m])
            elif len(frame):
                frame[m] = pd.to_datetime(frame[m]).dt.date
        else:
            frame[m] = pd.to_numeric(frame[m]).fillna(0).astype("int64")
    if not by and frame.empty:
        frame = pd.DataFrame([[0 if m not in MAX_MEASURES else None for m in measures]],
                             columns=list(measures))  # fmt: skip
    return frame


def _read(session: Session, fact: Fact, filters: Filters, measures: tuple[str, ...],
          by: tuple[str, ...], use_rollups: bool) -> pd.DataFrame:  # fmt: skip
    """What the plan says, read from SQL and the tables in memory, its parts combined."""
    plan = _plan(session, fact, filters, measures, by, use_rollups, in_memory=has_store(session))
    day_rows = request_person_days(session) if plan.day_spans else None
    if plan.day_spans and day_rows is None:  # not held in memory: the day cube in SQL
        plan = _plan(session, fact, filters, measures, by, use_rollups, in_memory=False)
    columns = [*by, *measures]
    stmt = plan.statement
    frame = pd.DataFrame(columns=columns) if stmt is None else read_frame(session, stmt, columns)
    parts = [frame]
    if plan.months is not None:
        table = MONTH_TABLES[plan.months[0]](session)
        first, last = (dt.date(key // 100, key % 100, 1) for key in plan.months[1])
        sums = table.sums(table.select(first, last, filters), by[0])
        # its rows hold both facts' counts: only groups with this fact, as the SQL gives them
        parts.append(sums.loc[sums[fact].to_numpy() > 0, [*by, *measures]])
    if day_rows is not None:
        parts += [day_rows.aggregate(a, b, filters, measures, by) for a, b in plan.day_spans]
    return combine_parts(parts, by, measures, MAX_MEASURES) if len(parts) > 1 else frame


__all__ = ["add_months", "aggregate", "build_statement", "month_key", "quarters_and_months",
           "split_periods", "split_range", "split_years", "years_and_months"]  # fmt: skip
