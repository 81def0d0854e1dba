"""Per-library activity for the directory and the coverage page, in few reads.

- :func:`library_activity_latest`: the period's sessions, participants and requests per library
  from the library rollup in memory (both facts at once) plus the partial edge days, where the
  straight way (:func:`breakdowns.activity_by`) scans it once per fact; and the latest days below.
- :func:`latest_library_days`: each library's latest activity within a look-back window, from
  the library rollup held in memory (:mod:`~data_access.queries.month_rows`); a partial last
  month is read from its days. The same answer as :func:`metrics.last_activity_by_library`.

Service and format filters (which these rollups cannot apply) and the naive baseline take the
straight way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from dashboard.baseline import NAIVE
from dashboard.filters import Filters
from dashboard.periods import PROGRAM_START
from data_access.queries.breakdowns import ACTIVITY, activity_by
from data_access.queries.edge_days import aggregate_days
from data_access.queries.frames import datetimes
from data_access.queries.held_latest import (
    FACT_MEASURES,
    ActivityParts,
    add_period,
    month_table,
)
from data_access.queries.metrics import LOOKBACK_DAYS, last_activity_by_library
from data_access.queries.month_rows import library_months
from data_access.queries.month_spans import last_rollup_month, split_period
from data_access.queries.planner import aggregate
from data_access.queries.range_pieces import DateSpan

LATEST_COLUMNS = ["library_id", "last_day"]
LatestColumns = dict[str, np.ndarray]  # library_id (int64), last_day (datetime64[ns])


def _straight(filters: Filters) -> bool:
    return bool(filters.services or filters.formats)


def library_activity_latest(session: Session, filters: Filters, lookback_days: int) -> pd.DataFrame:
    """library_id, sessions, participants, requests (the period's, under ``filters``) and
    last_day (as :func:`latest_library_days`, but datetime64: NaT for none, and always when
    ``lookback_days`` is 0), one row per library with either."""
    if NAIVE.get() or filters.effective_raions == ():
        period = activity_by(session, filters, "library_id", latest=False)
        if lookback_days:
            last = latest_library_days(session, filters, lookback_days)
            frame = period.merge(last, on="library_id", how="outer").pipe(_counts)
            return frame.assign(last_day=datetimes(frame["last_day"]))
        return period.assign(last_day=np.full(len(period), np.datetime64("NaT"), "M8[ns]"))
    parts = ActivityParts()
    window = _window_start(filters, lookback_days)
    if _straight(filters):  # the counts under a service or format filter, the days from memory
        add_period(parts, session, filters, "library_id")
        if window is not None:
            for frame in _latest_parts(session, filters, window, read_tail=True):
                parts.add_frame(frame, "library_id", (), "last_day")
        return pd.DataFrame(parts.columns("library_id"), copy=False)
    split = split_period(session, filters.date_from, filters.date_to)
    if split.whole is not None:
        table = month_table(session, filters, "library_id")
        parts.add_whole_months(table, split.whole, "library_id", filters)
    # an edge's latest days count when all its activity does (no tier filter) in the window
    with_days = [window is not None and first >= window and not filters.tiers
                 for first, _last in split.edges]  # fmt: skip
    for latest in (True, False):  # the edges alike read at once
        spans = [edge for edge, wanted in zip(split.edges, with_days, strict=True)
                 if wanted == latest]  # fmt: skip
        days = ("last_any_day",) if latest else ()
        for fact, measures in FACT_MEASURES.items() if spans else ():
            frame = aggregate_days(session, fact, filters, spans, (*measures, *days),
                                   ("library_id",), as_dates=False)  # fmt: skip
            parts.add_frame(frame, "library_id", measures, days[0] if days else None)
    if window is not None:
        tail = (filters.date_to.replace(day=1), filters.date_to)
        # The period's last edge, when it is the whole partial last month, gave its latest days.
        read_tail = tail not in split.edges or window > tail[0] or bool(filters.tiers)
        for frame in _latest_parts(session, filters, window, read_tail=read_tail):
            parts.add_frame(frame, "library_id", (), "last_day")
    return pd.DataFrame(parts.columns("library_id"), copy=False)


PERIOD_COLUMNS = ["library_id", *ACTIVITY]


def _counts(frame: pd.DataFrame) -> pd.DataFrame:
    frame[ACTIVITY] = frame[ACTIVITY].fillna(0)
    return frame.astype(dict.fromkeys(PERIOD_COLUMNS, "int64")).reset_index(drop=True)


def _window_start(filters: Filters, lookback_days: int) -> dt.date | None:
    """The first day of the look-back window's first month (None: no window)."""
    if not lookback_days:
        return None
    cutoff = filters.date_to - dt.timedelta(days=lookback_days)
    start = max(PROGRAM_START, cutoff.replace(day=1))
    return None if start > filters.date_to else start


def dormant_last_days(session: Session, filters: Filters, library_ids: pd.Series,
                      dormant_days: int) -> pd.DataFrame:  # fmt: skip
    """library_id, last_day of those ``library_ids`` (access points in view) with no activity
    in the ``dormant_days`` before the period end: the rows and days of
    :func:`metrics.dormant_access_points` (which looks back :data:`metrics.LOOKBACK_DAYS`).

    A partial last month is read from its days only for the libraries the whole months leave
    undecided (no activity from the cutoff on): the others are not dormant, whatever it holds."""
    cutoff = np.datetime64(filters.date_to - dt.timedelta(days=dormant_days), "D")
    start = _window_start(filters, LOOKBACK_DAYS)
    ids = pd.Series(library_ids, dtype="int64").to_numpy()
    latest = LatestDays(ids)
    if NAIVE.get() or filters.effective_raions == () or start is None:
        latest.fold(latest_library_days(session, filters, LOOKBACK_DAYS))
    else:
        last_month = last_rollup_month(session, filters.date_to)
        latest.fold(_seek_days(session, filters, start, last_month))
        tail_first = filters.date_to.replace(day=1)
        if last_month < tail_first:
            undecided = ids[~(latest.days >= cutoff)].tolist()  # NaT compares False
            tail = (max(start, tail_first), filters.date_to)
            latest.fold(_tail_days(session, filters, undecided, tail))
    dormant = ~(latest.days >= cutoff)  # never active (NaT) or not since the cutoff
    days = latest.days[dormant]
    last_day = days.astype(object)  # dates
    last_day[np.isnat(days)] = None  # never active
    return pd.DataFrame({"library_id": ids[dormant], "last_day": last_day})


class LatestDays:
    """The latest activity day of each of some libraries (datetime64[D], NaT: none yet),
    folded in from frames of (library_id, last_day) rows."""

    def __init__(self, ids: np.ndarray) -> None:
        self.index = pd.Index(ids)
        self.days = np.full(len(ids), np.datetime64("NaT"), dtype="M8[D]")

    def fold(self, frame: pd.DataFrame | LatestColumns) -> None:
        at = self.index.get_indexer(np.asarray(frame["library_id"], dtype=np.int64))
        days = np.asarray(frame["last_day"])
        days = (days if days.dtype.kind == "M" else datetimes(pd.Series(days))).astype("M8[D]")
        found = (at >= 0) & ~np.isnat(days)
        # NaT is the smallest int64: the running maximum keeps any real day over it
        np.maximum.at(self.days.view(np.int64), at[found], days[found].view(np.int64))


def _tail_days(session: Session, filters: Filters, ids: list[int], span: DateSpan) -> Any:
    """library_id, last_day (datetime64): the latest fact day of ``ids`` on ``span``. Summed
    for every library by the planner (from the tables in memory: a few ms), then cut to
    ``ids``: asking SQL for hundreds of ids over the raw facts took 10-30 ms."""
    if not ids:
        return pd.DataFrame({"library_id": [], "last_day": pd.to_datetime([])})
    window = replace(filters, date_from=span[0], date_to=span[1], raions=(), library_kinds=(),
                     services=(), tiers=(), formats=())  # fmt: skip
    parts = [aggregate(session, fact, window, ("last_any_day",), ("library_id",), as_dates=False)
             for fact in ("sessions", "requests")]  # fmt: skip
    frame = pd.concat(parts, ignore_index=True).rename(columns={"last_any_day": "last_day"})
    frame = frame[frame["library_id"].isin(ids)]
    return frame.assign(last_day=pd.to_datetime(frame["last_day"]))


def latest_library_days(session: Session, filters: Filters, lookback_days: int) -> pd.DataFrame:
    """library_id, last_day (a date): the latest session or request day of each library in view
    (raion and kind filters, scope; any service, tier, format) on the look-back window ending at
    the period end — libraries without one are left out. As ``last_activity_by_library``."""
    if NAIVE.get() or filters.effective_raions == ():
        return last_activity_by_library(session, filters, lookback_days)
    start = _window_start(filters, lookback_days)
    if start is None:
        return pd.DataFrame(columns=LATEST_COLUMNS)
    frame = _latest(session, filters, start, read_tail=True)
    frame = frame.groupby("library_id", as_index=False)["last_day"].max()
    frame["last_day"] = pd.to_datetime(frame["last_day"]).dt.date
    return frame.astype({"library_id": "int64"})


def _latest(session: Session, filters: Filters, start: dt.date, *, read_tail: bool) -> Any:
    """Latest days per library (datetime64, maybe several rows per library) from ``start`` to
    the period end: :func:`_latest_parts` as one frame."""
    parts = _latest_parts(session, filters, start, read_tail=read_tail)
    frame = pd.concat([pd.DataFrame(part) for part in parts], ignore_index=True)
    return frame.assign(last_day=pd.to_datetime(frame["last_day"]))


def _latest_parts(session: Session, filters: Filters, start: dt.date, *,
                  read_tail: bool) -> list[LatestColumns]:  # fmt: skip
    """Frames of library_id, last_day (datetime64) from ``start`` to the period end:
    :func:`_seek_days`, and the partial last month's days when ``read_tail`` (one frame per
    fact; a library may have a row in each)."""
    last_month = last_rollup_month(session, filters.date_to)
    parts = [_seek_days(session, filters, start, last_month)]
    tail_first = filters.date_to.replace(day=1)
    if read_tail and last_month < tail_first:  # the partial last month, from its days
        window = replace(filters, date_from=max(start, tail_first), services=(), tiers=(),
                         formats=())  # fmt: skip
        for fact in ("sessions", "requests"):
            days = aggregate(session, fact, window, ("last_any_day",), ("library_id",),
                             as_dates=False)  # fmt: skip
            parts.append(_latest_columns(days["library_id"].to_numpy(),
                                         days["last_any_day"].to_numpy()))  # fmt: skip
    return parts


def _seek_days(session: Session, filters: Filters, start: dt.date,
               last_month: dt.date) -> LatestColumns:  # fmt: skip
    """library_id, last_day (datetime64) of each library in view with activity from ``start``'s
    month to ``last_month`` (the in-memory library rollup)."""
    table = library_months(session)
    raions_and_kinds = replace(filters, tiers=())
    latest = table.latest(table.select(start, last_month, raions_and_kinds), "library_id")
    return _latest_columns(latest.index.to_numpy(), latest.to_numpy())


def _latest_columns(library_ids: np.ndarray, days: np.ndarray) -> LatestColumns:
    """library_id, last_day as arrays: a frame of them, or pandas' ``reset_index`` or
    ``rename`` of the frames they come in, costs ~0.5-1 ms each, more than finding them."""
    return {"library_id": library_ids.astype(np.int64), "last_day": days.astype("M8[ns]")}
