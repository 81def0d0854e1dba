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
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from dashboard.baseline import NAIVE
from dashboard.filters import Filters
from dashboard.periods import PROGRAM_START
from data_access.queries.breakdowns import activity_by
from data_access.queries.edge_days import aggregate_days
from data_access.queries.frames import gather
from data_access.queries.held_latest import FACT_MEASURES, ActivityParts, add_period
from data_access.queries.month_rows import ambassador_months, day_numbers
from data_access.queries.month_spans import Span, split_period
from data_access.queries.versioned import recent


class AmbassadorActivity:
    """``filters`` are the activity filters: the raion and kind filters (which choose *whom* to
    list) and the tier filter (a property of the person, applied to the list) set aside."""

    def __init__(self, session: Session, filters: Filters) -> None:
        self.session, self.filters = session, filters
        self.history = Filters(PROGRAM_START, filters.date_to, scope=filters.scope)
        self.fast = not NAIVE.get() and filters.effective_raions != ()
        self._last = pd.Series(dtype="datetime64[ns]")
        if self.fast:  # the directory and the targets page read the same: kept for the other
            self.period, self._last = recent(session, "ambassador_activity",
                                             filters.cache_key(), self._read)  # fmt: skip
        else:
            self.period = _period(session, filters)

    def _read(self) -> tuple[pd.DataFrame, pd.Series]:
        """The period's activity and everyone's latest day (both read-only: shared)."""
        f = self.filters
        split = split_period(self.session, f.date_from, f.date_to)
        sums = not (f.services or f.formats or f.tiers)  # else the period is the planner's
        parts = ActivityParts()  # each source added as arrays: no frame is stacked or copied
        self._add_months(parts, split.whole if sums else None, split.last_month)
        tail = (f.date_to.replace(day=1), f.date_to)
        if split.last_month < tail[0] and not (sums and tail in split.edges):
            # the partial last month's latest days (any activity, within scope)
            self._add_days(parts, self.history, [tail])
        if sums:
            if split.edges:
                self._add_days(parts, f, split.edges, counts=True)
        else:
            add_period(parts, self.session, f, "ambassador_id")
        columns = parts.columns("ambassador_id")
        latest, ids = columns.pop("last_day"), columns["ambassador_id"]
        dated = ~np.isnat(latest)
        last = pd.Series(latest[dated], index=pd.Index(ids[dated], name="ambassador_id"))
        return pd.DataFrame(columns), last

    def _add_months(self, parts: ActivityParts, whole: Span | None, last: dt.date) -> None:
        """From the in-memory ambassador rollup: everyone's latest day up to ``last``'s month
        (within scope), and the period's sums over its ``whole`` months (none without them)."""
        table = ambassador_months(self.session)
        if self.filters.effective_raions is None:  # everywhere: one search per person
            latest = table.latest_up_to(last, "ambassador_id")
        else:
            latest = table.latest(table.select(PROGRAM_START, last, self.filters), "ambassador_id")
        ids = latest.index.to_numpy(np.int64)
        parts.add(ids, np.arange(len(ids)), {}, day_numbers(latest.to_numpy("M8[ns]")))
        if whole is not None:
            parts.add_whole_months(table, whole, "ambassador_id", self.filters)

    def _add_days(self, parts: ActivityParts, filters: Filters, spans: Sequence[Span], *,
                  counts: bool = False) -> None:  # fmt: skip
        """Each fact's latest day per ambassador over the days of ``spans`` (partial months of
        the period) under ``filters``, and (``counts``) its sums there."""
        for fact, measures in FACT_MEASURES.items():
            summed = measures if counts else ()
            frame = aggregate_days(self.session, fact, filters, spans, (*summed, "last_any_day"),
                                   ("ambassador_id",), as_dates=False)  # fmt: skip
            parts.add_frame(frame, "ambassador_id", summed, "last_any_day")  # no id: left out

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
