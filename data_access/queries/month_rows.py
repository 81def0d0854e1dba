"""The per-ambassador and per-library monthly rollups, held in memory per data version.

The directory, the targets' cascade, the map's markers and the coverage page sum a period's
whole months per ambassador or per library, and look up each one's latest active day. In SQL
that is a scan of some 2,000 rollup rows per month of the period: 40-80 ms over a few years at
national scale, on every filter change. These two rollups are small (about 240,000 and 135,000
rows at national scale, ~11 MB as numpy columns), so each process holds them once per data
version (:mod:`~data_access.queries.versioned`) and answers by slicing months and counting with
``bincount``: a few milliseconds. The partial months at a period's edges still come from the
day-level rollups (the planner).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals
from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from dashboard.filters import Filters
from dashboard.periods import month_key, month_number
from data_access.models import RollupAmbassadorMonth, RollupLibraryMonth
from data_access.queries.frames import read_chunks
from data_access.queries.month_totals import RunningTotals
from data_access.queries.places import place_filters
from data_access.queries.versioned import stored

ACTIVITY = ("sessions", "participants", "requests")
NO_DAY = np.iinfo(np.int32).min  # a row without a latest day (no activity of that kind)
_ID_STRIDE = 1_000_000  # (position, month key) as one number: position * stride + key
FACT_DAYS = {"sessions": "last_session_day", "requests": "last_request_day"}  # frame columns


def compact(values: np.ndarray) -> np.ndarray:
    """Non-negative integers in the smallest unsigned type that holds them (a worker holds
    millions of them: uint16 instead of int64 is a quarter of the memory)."""
    return values.astype(np.min_scalar_type(int(values.max()) if len(values) else 0))


def group_max(groups: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """The largest of the int32 ``values`` per group number (``0 .. size-1``; :data:`NO_DAY`
    where a group has none). ``np.maximum.at`` takes one pass since numpy 1.25: ten times
    faster than sorting (group, value) pairs on 750,000 rows."""
    out = np.full(size, NO_DAY, dtype=np.int64)
    np.maximum.at(out, groups, values.astype(np.int64, copy=False))
    return out


def day_numbers(days: np.ndarray) -> np.ndarray:
    """datetime64 values as int32 days since 1970, :data:`NO_DAY` for NaT."""
    days = days.astype("M8[D]")
    return np.where(np.isnat(days), NO_DAY, days.astype("int64")).astype(np.int32)


def _days(values: pd.Series) -> np.ndarray:
    return day_numbers(pd.to_datetime(values).to_numpy("M8[D]"))


def day_datetimes(days: np.ndarray) -> np.ndarray:
    """Day numbers (:func:`day_numbers`) back as datetime64[ns], NaT for :data:`NO_DAY`."""
    return np.where(days == NO_DAY, np.datetime64("NaT"), days.astype("M8[D]")).astype("M8[ns]")


@dataclass(frozen=True)
class MonthRows:
    """One monthly rollup as numpy columns, rows in month order.

    ``ids[column]`` are the distinct values of a group column (ascending) and
    ``positions[column]`` each row's index into them; ``places`` are the raion, library kind
    and (per ambassador) tier of each row; ``last_day`` is the row's latest active day as days
    since 1970 (:data:`NO_DAY`: none), and ``fact_days`` its latest day of sessions and of
    requests apart (a fact's latest day under a format filter, which leaves the other fact's
    whole months to the rollup)."""

    keys: np.ndarray
    ids: dict[str, np.ndarray]
    positions: dict[str, np.ndarray]
    places: dict[str, pd.Categorical]
    measures: dict[str, np.ndarray]
    last_day: np.ndarray
    first_day: np.ndarray | None = None  # the row's first active day (the ambassador rollup)
    fact_days: dict[str, np.ndarray] = field(default_factory=dict)
    _histories: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    _totals: dict[str, RunningTotals] = field(default_factory=dict)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, groups: Sequence[str],
                   places: Sequence[str]) -> MonthRows:  # fmt: skip
        """From a frame of month_key, ``groups``, ``places``, :data:`ACTIVITY`, last_day and
        (if held) last_session_day and last_request_day (ISO text or dates, missing where
        none)."""
        frame = frame.sort_values("month_key", kind="stable")
        ids, positions = {}, {}
        fact_days = {fact: _days(frame[c]) for fact, c in FACT_DAYS.items() if c in frame}
        for column in groups:
            ids[column], inverse = np.unique(frame[column].to_numpy("int64"), return_inverse=True)
            positions[column] = compact(inverse)
        return cls(
            keys=frame["month_key"].to_numpy(np.int32),
            ids=ids,
            positions=positions,
            places={c: pd.Categorical(frame[c]) for c in places},
            measures={c: compact(frame[c].fillna(0).to_numpy(np.int64)) for c in ACTIVITY},
            last_day=_days(frame["last_day"]),
            first_day=_days(frame["first_day"]) if "first_day" in frame else None,
            fact_days=fact_days,
        )

    def select(self, first: dt.date, last: dt.date, filters: Filters | None = None) -> np.ndarray:
        """Indices of the rows of months ``first`` to ``last`` (any days of them) that the raion
        (within scope), library kind and tier filters of ``filters`` keep."""
        lo = int(np.searchsorted(self.keys, month_key(first), "left"))
        hi = int(np.searchsorted(self.keys, month_key(last), "right"))
        rows = np.arange(lo, max(lo, hi))
        if filters is None:
            return rows
        for column, values in place_filters(filters).items():
            if values is not None and column in self.places:
                place = self.places[column]
                codes = place.categories.get_indexer(list(values))
                rows = rows[np.isin(place.codes[rows], codes[codes >= 0])]
        return rows

    def sums(self, rows: np.ndarray, by: str, days_of: str | None = None) -> pd.DataFrame:
        """``by``, sessions, participants, requests over ``rows``: one row per ``by`` value
        that has any of them; with ``days_of`` (a fact), also its latest day of that fact as
        last_day (datetime64, NaT: none)."""
        position, ids = self.positions[by][rows], self.ids[by]
        present = np.bincount(position, minlength=len(ids)) > 0
        frame = {by: ids[present]}
        for name in ACTIVITY:
            total = np.bincount(position, weights=self.measures[name][rows], minlength=len(ids))
            frame[name] = np.rint(total[present]).astype(np.int64)
        if days_of is not None:
            latest = group_max(position, self.fact_days[days_of][rows], len(ids))[present]
            frame["last_day"] = day_datetimes(latest)
        return pd.DataFrame(frame)

    def group_sums(self, rows: np.ndarray, by: tuple[str, ...]) -> pd.DataFrame:
        """``by`` (``month_key`` and place columns, or nothing), sessions, participants,
        requests over ``rows``: one row per group with any rows (one row, maybe of zeros, for
        no ``by``)."""
        cell, size, values = np.zeros(len(rows), np.int64), 1, []
        for name in by:
            if name == "month_key":  # consecutive months, consecutive numbers: no sort needed
                keys = self.keys[rows].astype(np.int64)
                months = month_number(keys)
                first = int(months.min()) if len(rows) else 0
                code = months - first
                span = np.arange(first, first + (int(code.max()) + 1 if len(rows) else 0))
                labels = span // 12 * 100 + span % 12 + 1
            else:
                labels, code = (
                    np.asarray(self.places[name].categories),
                    self.places[name].codes[rows],
                )
            cell, size = cell * len(labels) + code, size * len(labels)
            values.append(labels)
        present = np.flatnonzero(np.bincount(cell, minlength=size)) if by else np.zeros(1, int)
        frame: dict[str, np.ndarray] = {}
        rest = present
        for name, labels in reversed(list(zip(by, values, strict=True))):
            frame[name], rest = labels[rest % len(labels)], rest // len(labels)
        for name in ACTIVITY:
            total = np.bincount(cell, weights=self.measures[name][rows], minlength=size)
            frame[name] = np.rint(total[present]).astype(np.int64)
        return pd.DataFrame(frame)[[*by, *ACTIVITY]]

    def places_kept(self, filters: Filters) -> bool:
        """Whether ``filters`` keep every row (no raion, library kind or tier filter here)."""
        wanted = place_filters(filters)
        return all(wanted[column] is None for column in self.places)

    def period_sums(self, first: dt.date, last: dt.date,
                    by: str) -> tuple[np.ndarray, dict[str, np.ndarray]]:  # fmt: skip
        """Over every row of the months ``first`` to ``last`` (no place filter): the positions
        (into ``ids[by]``) of the ``by`` values with any activity, and their sums of
        :data:`ACTIVITY`: from :class:`RunningTotals`, as :meth:`sums` of those rows."""
        present, sums = self._running_totals(by).between(month_key(first), month_key(last))
        return present, dict(zip(ACTIVITY, sums, strict=True))

    def _running_totals(self, by: str) -> RunningTotals:
        if by not in self._totals:
            measures = [self.measures[m] for m in ACTIVITY]
            self._totals[by] = RunningTotals.build(self.keys, self.positions[by],
                                                   len(self.ids[by]), measures)  # fmt: skip
        return self._totals[by]

    def warm(self) -> None:
        """Build now what the first request would otherwise pay for (~20 ms at national scale):
        the history that :class:`~data_access.queries.ambassador_activity.AmbassadorActivity`
        searches per ambassador, and the running totals of the first group column. Before
        gunicorn forks, the workers share them."""
        if "ambassador_id" in self.ids and self.first_day is not None:  # the ambassador rollup
            self._history("ambassador_id")
        first = next(iter(self.ids), None)
        if first is not None:
            self._running_totals(first)

    def latest_up_to(self, last: dt.date, by: str) -> pd.Series:
        """What :meth:`latest` gives over every row up to ``last``'s month (no place filter),
        found with one binary search per ``by`` value in :meth:`_history`."""
        combined, running = self._history(by)
        ids = self.ids[by]
        position = np.arange(len(ids), dtype=np.int64)
        at = np.searchsorted(combined, position * _ID_STRIDE + month_key(last), "right") - 1
        at_ok = np.maximum(at, 0)
        found = (at >= 0) & (combined[at_ok] // _ID_STRIDE == position)
        found &= running[at_ok] > NO_DAY
        days = running[at_ok][found].astype(np.int64).astype("M8[D]").astype("M8[ns]")
        return pd.Series(days, index=pd.Index(ids[found], name=by), name="last_day")

    def _history(self, by: str) -> tuple[np.ndarray, np.ndarray]:
        """Rows ordered by ``by`` value then month: their (value position, month) as one
        sortable number, and the running latest day of each value up to that row."""
        if by not in self._histories:
            order = np.lexsort((self.keys, self.positions[by]))
            group = self.positions[by][order]
            combined = group.astype(np.int64) * _ID_STRIDE + self.keys[order]
            running = pd.Series(self.last_day[order]).groupby(group).cummax()
            self._histories[by] = (combined, running.to_numpy(np.int32))
        return self._histories[by]

    def latest(self, rows: np.ndarray, by: str) -> pd.Series:
        """The latest active day (datetime64) over ``rows`` of each ``by`` value that has
        one, indexed by that value."""
        ids = self.ids[by]
        latest = group_max(self.positions[by][rows], self.last_day[rows], len(ids))
        found = latest > NO_DAY
        days = latest[found].astype("M8[D]").astype("M8[ns]")
        return pd.Series(days, index=pd.Index(ids[found], name=by), name="last_day")


def _read(session: Session, model: Any, columns: Sequence[str], places: Sequence[str],
          days: Sequence[Any]) -> pd.DataFrame:  # fmt: skip
    """The rollup's ``columns``, ``places`` (as categories) and ``days`` (as day0, day1, ...,
    datetime64), read a year at a time: each year's rows become compact columns before the
    next is read, so the Python objects of the whole table never exist at once (they would
    leave a worker ~50 MB larger for good)."""
    table = model.__table__
    key = table.c.month_key
    first, last = session.execute(select(func.min(key), func.max(key))).one()
    day_names = [f"day{i}" for i in range(len(days))]
    stmt = select(*(table.c[c] for c in [*columns, *places]),
                  *(type_coerce(d, String) for d in days))  # fmt: skip
    chunks = []
    for year in range(first // 100, last // 100 + 1) if first is not None else ():
        year_rows = stmt.where(key.between(year * 100 + 1, year * 100 + 12))
        for frame in read_chunks(session, year_rows, [*columns, *places, *day_names]):
            frame[day_names] = frame[day_names].apply(pd.to_datetime)
            chunks.append(frame.astype(dict.fromkeys(places, "category")))
    if not chunks:
        frame = pd.DataFrame(columns=[*columns, *places, *day_names])
        return frame.astype({**dict.fromkeys(day_names, "M8[ns]"),
                             **dict.fromkeys(columns, "int64")})  # fmt: skip
    frame = pd.concat(chunks, ignore_index=True)
    for column in places:
        frame[column] = union_categoricals([chunk[column] for chunk in chunks])
    return frame


def read_ambassador_months(session: Session) -> MonthRows:
    """``rollup_ambassador_month``: per ambassador (and library) and month."""
    m = RollupAmbassadorMonth
    places = ["raion_code", "library_kind", "ambassador_tier"]
    columns = ["month_key", "ambassador_id", "library_id", *ACTIVITY]
    days = [m.last_session_day, m.last_request_day, m.first_day]
    frame = _read(session, m, columns, places, days)
    frame["last_day"] = frame[["day0", "day1"]].max(axis=1)
    frame = frame.rename(columns={"day0": "last_session_day", "day1": "last_request_day",
                                  "day2": "first_day"})  # fmt: skip
    return MonthRows.from_frame(frame, ["ambassador_id", "library_id"], places)


def read_library_months(session: Session) -> MonthRows:
    """``rollup_library_month``: per library and month (all activity, any ambassador)."""
    m = RollupLibraryMonth
    places = ["raion_code", "library_kind"]
    days = [m.last_day, m.last_session_day, m.last_request_day]
    frame = _read(session, m, ["month_key", "library_id", *ACTIVITY], places, days)
    frame = frame.rename(columns={"day0": "last_day", "day1": "last_session_day",
                                  "day2": "last_request_day"})  # fmt: skip
    return MonthRows.from_frame(frame, ["library_id"], places)


def ambassador_months(session: Session) -> MonthRows:
    return stored(session, "ambassador_months", read_ambassador_months)


def library_months(session: Session) -> MonthRows:
    return stored(session, "library_months", read_library_months)
