"""Per-ambassador activity in a period and latest activity up to its end, in few reads.

The directory and the targets' cascade need, per ambassador, the period's sessions, participants
and requests (under the service and format filters, within scope) and the latest activity of any
kind up to the period end (within scope, however long ago). Read straightforwardly that is two
aggregates over the period and two over the whole history (~0.5 s at national scale).

Here the ambassador rollup, held in memory (:mod:`~data_access.queries.month_rows`), gives the
period's sums over its whole months and everyone's latest day up to its last whole month;
partial edge months are read over just their days (the planner). With service, format or tier
filters (which that rollup cannot apply) the period comes from the planner and the rollup gives
only the latest days; in the naive
baseline everything is computed straightforwardly (:func:`straightforward`, the tests' oracle).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from dashboard.baseline import NAIVE
from dashboard.filters import Filters
from dashboard.periods import PROGRAM_START
from data_access.queries.breakdowns import ACTIVITY, activity_by
from data_access.queries.frames import gather
from data_access.queries.held_latest import ActivityParts
from data_access.queries.month_rows import ambassador_months
from data_access.queries.month_spans import Span, split_period
from data_access.queries.planner import aggregate


class AmbassadorActivity:
    """``filters`` are the activity filters: the raion and kind filters (which choose *whom* to
    list) and the tier filter (a property of the person, applied to the list) set aside."""

    def __init__(self, session: Session, filters: Filters) -> None:
        self.session, self.filters = session, filters
        self.history = Filters(PROGRAM_START, filters.date_to, scope=filters.scope)
        self.fast = not NAIVE.get() and filters.effective_raions != ()
        self._last = pd.Series(dtype="datetime64[ns]")
        self.period = self._read() if self.fast else _period(session, filters)

    def _read(self) -> pd.DataFrame:
        f = self.filters
        split = split_period(self.session, f.date_from, f.date_to)
        sums = not (f.services or f.formats or f.tiers)  # else the period is the planner's
        frames = [self._months(split.whole if sums else None, split.last_month)]
        tail = (f.date_to.replace(day=1), f.date_to)
        if split.last_month < tail[0] and not (sums and tail in split.edges):
            frames.append(self._latest(tail))  # the partial last month's latest days
        if sums:
            frames += [self._edge(span) for span in split.edges]
        else:
            frames.append(_period(self.session, f))
        parts = ActivityParts()
        for frame in frames:
            measures = tuple(m for m in ACTIVITY if m in frame)
            parts.add_frame(frame, "ambassador_id", measures,
                            "last_day" if "last_day" in frame else None)  # fmt: skip
        period = parts.combined("ambassador_id")
        self._last = period.set_index("ambassador_id")["last_day"].dropna()
        return period[["ambassador_id", *ACTIVITY]]

    def _months(self, whole: Span | None, last: dt.date) -> pd.DataFrame:
        """From the in-memory ambassador rollup: everyone's latest day up to ``last``'s month
        (within scope), and the period's sums over its ``whole`` months (none without them)."""
        table = ambassador_months(self.session)
        if self.filters.effective_raions is None:  # everywhere: one search per person
            latest = table.latest_up_to(last, "ambassador_id")
        else:
            latest = table.latest(table.select(PROGRAM_START, last, self.filters), "ambassador_id")
        frames = [latest.reset_index().assign(**dict.fromkeys(ACTIVITY, 0))]
        if whole is not None:
            rows = table.select(whole[0], whole[1], self.filters)
            frames.append(table.sums(rows, "ambassador_id").assign(last_day=pd.NaT))
        return _stack(*frames)

    def _edge(self, span: Span) -> pd.DataFrame:
        """The period's sums (and latest days) over one partial month's days."""
        f = replace(self.filters, date_from=span[0], date_to=span[1])
        s = aggregate(self.session, "sessions", f, ("sessions", "participants", "last_any_day"),
                      ("ambassador_id",), as_dates=False)  # fmt: skip
        r = aggregate(self.session, "requests", f, ("requests", "last_any_day"), ("ambassador_id",),
                      as_dates=False)  # fmt: skip
        return _stack(s, r.dropna(subset=["ambassador_id"]))

    def _latest(self, span: Span) -> pd.DataFrame:
        """Latest day of any activity per ambassador over ``span`` (within scope)."""
        f = replace(self.history, date_from=span[0], date_to=span[1])
        parts = [aggregate(self.session, fact, f, ("last_any_day",), ("ambassador_id",),
                           as_dates=False) for fact in ("sessions", "requests")]  # fmt: skip
        return _stack(*(p.dropna(subset=["ambassador_id"]) for p in parts))

    def latest_days(self, ids: np.ndarray) -> np.ndarray:
        """The latest day of any activity up to the period end of each of ``ids``
        (datetime64[D], NaT when none), in their order."""
        last = self._last if self.fast else _straightforward_last(self.session, self.history)
        return gather(last.to_numpy("M8[D]"), last.index.get_indexer(ids), np.datetime64("NaT"))

    def last_activity(self, ids: Iterable[int]) -> pd.DataFrame:
        """ambassador_id, last_activity (a date; NaN when none up to the period end)."""
        wanted = pd.Index(pd.unique(pd.Series(list(ids), dtype="int64")))
        last = self._last if self.fast else _straightforward_last(self.session, self.history)
        return _last_frame(last[last.index.isin(wanted)])


def _stack(*parts: pd.DataFrame) -> pd.DataFrame:
    """Per-fact aggregates (ambassador_id, some of the sums, a latest day as ``last_any_day``
    or ``last_day``) as one long frame with every column. Built from numpy columns: this runs
    several times per filter change, and pandas' concat and reindex cost more than the reads."""
    columns = {"ambassador_id": np.concatenate([p["ambassador_id"].to_numpy(np.int64)
                                                for p in parts])}  # fmt: skip
    for m in ACTIVITY:
        columns[m] = np.concatenate([p[m].to_numpy(np.int64) if m in p else
                                     np.zeros(len(p), np.int64) for p in parts])  # fmt: skip
    columns["last_day"] = np.concatenate([_latest_days(p) for p in parts])
    return pd.DataFrame(columns)


def _latest_days(part: pd.DataFrame) -> np.ndarray:
    """A part's latest days as datetime64[ns] (NaT where none): the planner gives dates."""
    name = next((n for n in ("last_any_day", "last_day") if n in part), None)
    if name is None:
        return np.full(len(part), np.datetime64("NaT"), dtype="M8[ns]")
    if part[name].dtype.kind == "M":
        return part[name].to_numpy("M8[ns]")
    days = [None if d is pd.NaT else d for d in part[name].tolist()]  # dates, None or NaT
    return np.array(days, dtype="M8[D]").astype("M8[ns]")


def _period(session: Session, filters: Filters) -> pd.DataFrame:
    return activity_by(session, filters, "ambassador_id", latest=False)


def _straightforward_last(session: Session, history: Filters) -> pd.Series:
    frame = activity_by(session, history, "ambassador_id")
    return frame.set_index("ambassador_id")["last_day"].dropna().pipe(pd.to_datetime)


def straightforward(session: Session, filters: Filters, ids: Iterable[int]) -> tuple[
        pd.DataFrame, pd.DataFrame]:  # fmt: skip
    """(period activity, latest activity of ``ids``) as two plain aggregates each: the oracle."""
    period = _period(session, filters)
    last = _straightforward_last(session, Filters(PROGRAM_START, filters.date_to,
                                                  scope=filters.scope))  # fmt: skip
    return period, _last_frame(last[last.index.isin(list(ids))])


def _last_frame(last: pd.Series) -> pd.DataFrame:
    """ambassador_id, last_activity (date objects) from days indexed by ambassador."""
    frame = pd.DataFrame({"ambassador_id": last.index.astype("int64"),
                          "last_activity": pd.to_datetime(last.to_numpy()).date})  # fmt: skip
    return frame.astype({"last_activity": object})
