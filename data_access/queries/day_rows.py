"""Requests per day and person (``rollup_request_person_day``) in memory, per data version.

A period's partial edge months grouped by library or by ambassador (the directory, the map,
the targets' cascade, the coverage page) were read from this table in SQL: about 1,000 rows a
day at national scale, 10-20 ms per edge and query on SQLite (grouped through a temporary
b-tree). Its 2.8 million rows fit in ~11 MB as two small integer columns in day order (each
row's group of library, ambassador and place, and its count), so an edge is a slice and a
``bincount``. The planner (:func:`~data_access.queries.planner.aggregate`) answers from here
whatever it would have read from that table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Integer, cast, func, literal, select
from sqlalchemy.orm import Session

from dashboard.filters import Filters
from dashboard.periods import EPOCH, day_number
from data_access.models import RollupRequestPersonDay
from data_access.queries.frames import read_chunks, read_frame
from data_access.queries.places import PlaceCodes, groups_kept, warm_place_codes
from data_access.queries.versioned import held

GROUP_COLUMNS = ("library_id", "ambassador_id", "raion_code", "library_kind", "ambassador_tier")
MEASURES = frozenset({"requests", "last_day", "last_any_day"})
_KEY_STRIDE = 1 << 32  # (library_id, ambassador_key) as one number
NO_DAY_NUMBER = np.iinfo(np.int64).min
Span = tuple[dt.date, dt.date]  # first and last day


@dataclass(frozen=True)
class DayRows:
    """The table as numpy columns, rows in day order.

    ``groups`` holds one row per distinct library, ambassador (NA: none recorded) and place;
    ``group`` is each row's index into it. The rows of day ``first_day + i`` (days since 1970)
    are ``starts[i]`` to ``starts[i + 1]``."""

    groups: pd.DataFrame
    group: np.ndarray
    requests: np.ndarray
    starts: np.ndarray
    first_day: int
    _by: dict[tuple[str, ...], tuple[np.ndarray, pd.DataFrame]] = field(default_factory=dict)
    _place_codes: PlaceCodes = field(default_factory=PlaceCodes)

    @classmethod
    def from_arrays(cls, groups: pd.DataFrame, group: np.ndarray, requests: np.ndarray,
                    days: np.ndarray) -> DayRows:  # fmt: skip
        """From per-row group indices, counts and day numbers (any order)."""
        if len(days) and not (np.diff(days) >= 0).all():  # read in day order: usually sorted
            order = np.argsort(days, kind="stable")
            days, group, requests = days[order], group[order], requests[order]
        first = int(days[0]) if len(days) else 0
        span = int(days[-1]) - first + 1 if len(days) else 0
        starts = np.searchsorted(days, np.arange(first, first + span + 1), "left")
        small = np.int16 if len(groups) <= np.iinfo(np.int16).max else np.int32
        count = np.min_scalar_type(int(requests.max()) if len(requests) else 0)
        return cls(groups=groups.reset_index(drop=True), group=group.astype(small),
                   requests=requests.astype(count), starts=starts.astype(np.int64),
                   first_day=first)  # fmt: skip

    def bounds(self, first: dt.date, last: dt.date) -> tuple[int, int]:
        """The rows of days ``first`` to ``last`` as a [lo, hi) range."""
        span = len(self.starts) - 1
        lo = min(max(day_number(first) - self.first_day, 0), span)
        hi = min(max(day_number(last) - self.first_day + 1, 0), span)
        return int(self.starts[lo]), int(self.starts[max(lo, hi)])

    def span_rows(self, spans: list[Span]) -> np.ndarray:
        """The indices of the rows of the days of ``spans`` (disjoint)."""
        ranges = [np.arange(*self.bounds(first, last)) for first, last in spans]
        return np.concatenate(ranges) if ranges else np.zeros(0, np.int64)

    def aggregate(self, first: dt.date, last: dt.date, filters: Filters,
                  measures: tuple[str, ...], by: tuple[str, ...]) -> pd.DataFrame:  # fmt: skip
        """``by`` and ``measures`` over days ``first`` to ``last`` under the place filters of
        ``filters``, as the SQL of the person-day cube gives them (last days as datetime64;
        one row per ``by`` value with any requests)."""
        return self.aggregate_spans([(first, last)], filters, measures, by)

    def aggregate_spans(self, spans: list[Span], filters: Filters, measures: tuple[str, ...],
                        by: tuple[str, ...]) -> pd.DataFrame:  # fmt: skip
        """:meth:`aggregate` over the days of several disjoint ``spans`` at once."""
        rows: tuple[int, int] | np.ndarray
        if len(spans) == 1:  # a slice: no copy of its rows
            rows = self.bounds(*spans[0])
            group, counts = self.group[slice(*rows)], self.requests[slice(*rows)]
        else:
            rows = self.span_rows(spans)
            group, counts = self.group[rows], self.requests[rows]
        size = len(self.groups)
        present = (np.bincount(group, minlength=size) > 0) & self.kept_groups(filters)
        codes, values = self.codes(by)
        cells = len(values)
        sums: dict[str, np.ndarray] = {}
        if "requests" in measures:
            total = np.bincount(group, weights=counts, minlength=size)
            sums["requests"] = np.rint(np.bincount(codes[present], weights=total[present],
                                                   minlength=cells)).astype(np.int64)  # fmt: skip
        if MEASURES.intersection(measures) - {"requests"}:
            days = np.full(cells, NO_DAY_NUMBER, dtype=np.int64)
            np.maximum.at(days, codes[present], self._last_days(group, rows)[present])
            latest = np.where(days == NO_DAY_NUMBER, np.datetime64("NaT"), days.astype("M8[D]"))
            for name in MEASURES.intersection(measures) - {"requests"}:
                sums[name] = latest.astype("M8[ns]")
        if not by:
            return pd.DataFrame({m: sums[m] for m in measures})
        found = np.bincount(codes[present], minlength=cells) > 0
        # built from arrays: pandas' copy, .loc and reindexing cost more than the counting
        return pd.DataFrame({**{b: values[b].array[found] for b in by},
                             **{m: sums[m][found] for m in measures}})  # fmt: skip

    def codes(self, by: tuple[str, ...]) -> tuple[np.ndarray, pd.DataFrame]:
        """Each group's index among the distinct ``by`` values of the groups, and those values
        (one empty row for no ``by``)."""
        if by not in self._by:
            if by:  # numbered by first appearance, NaN (no ambassador) a value of its own
                grouped = self.groups.groupby(list(by), dropna=False, sort=False)
                codes = grouped.ngroup().to_numpy()
                values = grouped.head(1)[list(by)].reset_index(drop=True)
            else:
                codes, values = np.zeros(len(self.groups), np.int64), pd.DataFrame(index=[0])
            self._by[by] = (np.asarray(codes, dtype=np.int64), values)
        return self._by[by]

    def warm(self) -> None:
        """Build now the codes the first requests would otherwise build (~30 ms at national
        scale): the groups numbered by each of their columns, and the place filters' codes.
        Before gunicorn forks, the workers share them."""
        self.codes(())
        for column in self.groups.columns:
            self.codes((column,))
        warm_place_codes(self.groups, self._place_codes)

    def kept_groups(self, filters: Filters) -> np.ndarray:
        """Which groups the raion (within scope), library kind and tier filters keep."""
        return groups_kept(self.groups, filters, self._place_codes)

    def day_of(self, rows: np.ndarray) -> np.ndarray:
        """The day number of each of ``rows`` (row indices)."""
        return np.searchsorted(self.starts, rows, "right") - 1 + self.first_day

    def _last_days(self, group: np.ndarray, rows: tuple[int, int] | np.ndarray) -> np.ndarray:
        """Each group's latest day (days since 1970; none: :data:`NO_DAY_NUMBER`) among
        ``rows`` (a [lo, hi) range or row indices; ``group``: theirs): the day of its last
        row there."""
        last_row = np.full(len(self.groups), -1, dtype=np.int64)
        numbers = np.arange(*rows) if isinstance(rows, tuple) else rows
        # each group's last row in the slice: ufunc.at is ~7x faster than np.unique's sort
        np.maximum.at(last_row, group, numbers)
        found = last_row >= 0
        latest = np.full(len(self.groups), NO_DAY_NUMBER, dtype=np.int64)
        latest[found] = np.searchsorted(self.starts, last_row[found], "right") - 1 + self.first_day
        return latest


def day_number_sql(session: Session, day: Any) -> Any:
    """``day`` as days since 1970, computed by the database."""
    if session.get_bind().dialect.name == "sqlite":
        return cast(func.julianday(day) - literal(2440587.5), Integer)
    return day - literal(EPOCH)


def read_day_rows(session: Session) -> DayRows | None:
    """The table read a year at a time (so the Python objects of all its rows never exist at
    once). None when a library and ambassador appear with more than one place (a library that
    moved raion): the SQL path handles that."""
    t = RollupRequestPersonDay.__table__.c
    columns = ["library_id", "ambassador_key", *GROUP_COLUMNS[1:]]
    groups = read_frame(session, select(*(t[c] for c in columns)).distinct(), columns)
    keys = groups["library_id"].to_numpy(np.int64) * _KEY_STRIDE + groups["ambassador_key"]
    if keys.duplicated().any():
        return None
    order = np.argsort(keys.to_numpy())
    sorted_keys, groups = keys.to_numpy()[order], groups.iloc[order]
    groups["ambassador_id"] = groups["ambassador_id"].astype("float64")
    first, last = session.execute(select(func.min(t.day), func.max(t.day))).one()
    number = day_number_sql(session, t.day)
    stmt = select(number, t.library_id, t.ambassador_key, t.requests).order_by(t.day)
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for year in range(first.year, last.year + 1) if first is not None else ():
        year_rows = stmt.where(t.day.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        for chunk in read_chunks(session, year_rows, ["day", "library", "ambassador", "n"]):
            array = chunk.to_numpy(np.int64)
            at = np.searchsorted(sorted_keys, array[:, 1] * _KEY_STRIDE + array[:, 2])
            parts.append((array[:, 0].astype(np.int32), at.astype(np.int32),
                          array[:, 3].astype(np.int32)))  # fmt: skip
    days, group, requests = (np.concatenate([p[i] for p in parts]) if parts
                             else np.zeros(0, np.int32) for i in range(3))  # fmt: skip
    del parts
    return DayRows.from_arrays(groups[list(GROUP_COLUMNS)], group, requests, days)


def request_person_days(session: Session) -> DayRows | None:
    """The table of the session's data version, or None when the session has no store (a
    one-off session would read all of it for one answer: the SQL path is cheaper then)."""
    return held(session, "request_person_days", read_day_rows)
