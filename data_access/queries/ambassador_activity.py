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

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.baseline import NAIVE
from dashboard.filters import Filters
from dashboard.periods import PROGRAM_START
from data_access.queries.breakdowns import ACTIVITY, activity_by
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
        period = pd.concat(frames, ignore_index=True).groupby("ambassador_id", as_index=False)
        period = period.agg({**dict.fromkeys(ACTIVITY, "sum"), "last_day": "max"})
        self._last = period.set_index("ambassador_id")["last_day"].dropna()
        # int64 ids even when nobody was active (an empty read comes back untyped)
        return period[["ambassador_id", *ACTIVITY]].astype({"ambassador_id": "int64"})

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
                      ("ambassador_id",))  # fmt: skip
        r = aggregate(self.session, "requests", f, ("requests", "last_any_day"), ("ambassador_id",))
        return _stack(s, r.dropna(subset=["ambassador_id"]))

    def _latest(self, span: Span) -> pd.DataFrame:
        """Latest day of any activity per ambassador over ``span`` (within scope)."""
        f = replace(self.history, date_from=span[0], date_to=span[1])
        parts = [aggregate(self.session, fact, f, ("last_any_day",), ("ambassador_id",))
                 for fact in ("sessions", "requests")]  # fmt: skip
        return _stack(*(p.dropna(subset=["ambassador_id"]) for p in parts))

    def last_activity(self, ids: Iterable[int]) -> pd.DataFrame:
        """ambassador_id, last_activity (a date; NaN when none up to the period end)."""
        wanted = pd.Index(pd.unique(pd.Series(list(ids), dtype="int64")))
        last = self._last if self.fast else _straightforward_last(self.session, self.history)
        return _last_frame(last[last.index.isin(wanted)])


def _stack(*parts: pd.DataFrame) -> pd.DataFrame:
    """Per-fact aggregates (ambassador_id, some of the sums, last_any_day) as one long frame."""
    frame = pd.concat(parts, ignore_index=True).rename(columns={"last_any_day": "last_day"})
    frame = frame.reindex(columns=["ambassador_id", *ACTIVITY, "last_day"])
    frame[ACTIVITY] = frame[ACTIVITY].fillna(0).astype("int64")
    frame["ambassador_id"] = frame["ambassador_id"].astype("int64")
    frame["last_day"] = pd.to_datetime(frame["last_day"])
    return frame


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
