"""Per-ambassador activity in a period and latest activity up to its end, in few reads.

The directory and the targets' cascade need, per ambassador, the period's sessions, participants
and requests (under the service and format filters, within scope) and the latest activity of any
kind up to the period end (within scope, however long ago). Read straightforwardly that is two
aggregates over the period and two over the whole history (~0.5 s at national scale).

Here one scan of the ambassador rollup over the period's whole months and the few months before
it gives the period's sums and the latest day of everyone active lately; partial edge months are
read from the facts over just their days (the planner). The few people silent since are looked up
with index seeks on the rollup's (month, ambassador) key, going back until found, and only for
the ambassadors actually listed. With service, format or tier filters (which this scan does not
apply) the period comes from the planner and the scan gives only the latest days; in the naive
baseline everything is computed straightforwardly (:func:`straightforward`, the tests' oracle).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import pandas as pd
from sqlalchemy import String, case, func, select, type_coerce, union_all
from sqlalchemy.orm import Session

from dashboard.baseline import NAIVE
from dashboard.filters import Filters
from dashboard.periods import PROGRAM_START, add_months
from data_access.models import YEAR_TWINS, RollupAmbassadorMonth
from data_access.models.base import table_of
from data_access.queries.breakdowns import ACTIVITY, activity_by
from data_access.queries.frames import read_frame
from data_access.queries.month_spans import Span, split_period
from data_access.queries.planner import aggregate, month_key, years_and_months

RECENT_MONTHS = 3  # the scan reaches at least this many months back from the period end
FIRST_STEP_MONTHS = 12  # then the silent people are sought this far back, doubling each time
# Seeking (month, ambassador) keys beats scanning whole months (~2,000 rows each at national
# scale) up to about this many keys (SQLite: ~1 us a seek, ~1 us a scanned and grouped row).
MAX_SEEKS = 40_000


def _month_keys(first: dt.date, last: dt.date) -> list[int]:
    """Month keys from ``first``'s month to ``last``'s (both firsts of months)."""
    keys, day = [], first
    while day <= last:
        keys.append(month_key(day))
        day = add_months(day, 1)
    return keys


class AmbassadorActivity:
    """``filters`` are the activity filters: the raion and kind filters (which choose *whom* to
    list) and the tier filter (a property of the person, applied to the list) set aside.
    ``ids``: the ambassadors whose activity is needed (others may be left out, or not)."""

    def __init__(self, session: Session, filters: Filters,
                 ids: Iterable[int] | None = None) -> None:  # fmt: skip
        self.session, self.filters = session, filters
        self.ids = None if ids is None else sorted({int(i) for i in ids})
        self.history = Filters(PROGRAM_START, filters.date_to, scope=filters.scope)
        self.fast = not NAIVE.get() and filters.effective_raions != ()
        self.recent = PROGRAM_START  # where the scan starts; earlier days are sought
        self._last = pd.Series(dtype="datetime64[ns]")
        self.period = self._read() if self.fast else _period(session, filters)

    # --- the period, and the latest days of the recently active ----------------------------

    def _read(self) -> pd.DataFrame:
        f = self.filters
        split = split_period(self.session, f.date_from, f.date_to)
        # Everything before ``self.recent`` is sought by :meth:`last_activity` when needed.
        recent = min(f.date_from.replace(day=1), add_months(f.date_to, 1 - RECENT_MONTHS))
        self.recent = max(recent, PROGRAM_START)
        sums = not (f.services or f.formats or f.tiers)  # else the period is the planner's
        frames = [self._scan(split.whole if sums else None, split.last_month)]
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

    def _scan(self, whole: Span | None, last: dt.date) -> pd.DataFrame:
        """One rollup scan from the recent start to ``last``'s month: the latest days, and the
        period's sums over its ``whole`` months (none without them)."""
        m = RollupAmbassadorMonth
        months = _month_keys(self.recent, last)
        if self.ids is not None and len(self.ids) * len(months) <= MAX_SEEKS:
            # a few people: (month, ambassador) seeks on the key instead of a scan of everyone
            rows: Any = table_of(m)
            where = [m.month_key.in_(months), m.ambassador_id.in_(self.ids)]
        else:
            rows, where = self._rows(whole, month_key(self.recent), month_key(last)), []
        c = rows.c
        sums: list[Any] = []
        if whole is not None and whole == (self.recent, last):  # every month scanned counts
            sums = [func.sum(c[name]) for name in ACTIVITY]
        elif whole is not None:
            in_period = c.month_key.between(month_key(whole[0]), month_key(whole[1]))
            sums = [func.sum(case((in_period, c[name]), else_=0)) for name in ACTIVITY]
        stmt = select(c.ambassador_id, *sums, _latest_day(c)).where(*where)
        frame = self._rollup_frame(stmt.group_by(c.ambassador_id), ACTIVITY if sums else [], c)
        for name in ACTIVITY:
            frame[name] = pd.to_numeric(frame[name]).fillna(0).astype("int64") if sums else 0
        return frame

    def _rows(self, whole: Span | None, first: int, last: int) -> Any:
        """The ambassador rollup's rows of months ``first`` to ``last``, the period's whole
        years among them as rows of the yearly twin (with a month key inside that year)."""
        m = table_of(RollupAmbassadorMonth)
        columns = ["ambassador_id", "raion_code", *ACTIVITY, "last_session_day",
                   "last_request_day"]  # fmt: skip
        months = select(m.c.month_key, *(m.c[n] for n in columns))
        months = months.where(m.c.month_key.between(first, last))
        years = None
        if whole is not None:
            years, _ = years_and_months(month_key(whole[0]), month_key(whole[1]))
        if years is None:
            return months.subquery()
        y = YEAR_TWINS[m.name]
        keep = ~m.c.month_key.between(years[0] * 100 + 1, years[1] * 100 + 12)
        return union_all(
            months.where(keep),
            select((y.c.year * 100 + 1).label("month_key"), *(y.c[n] for n in columns))
            .where(y.c.year.between(*years)),
        ).subquery()  # fmt: skip

    def _rollup_frame(self, stmt: Any, sums: list[str], c: Any = None) -> pd.DataFrame:
        raions = self.filters.effective_raions
        if raions is not None:
            column = RollupAmbassadorMonth.raion_code if c is None else c.raion_code
            stmt = stmt.where(column.in_(raions))
        frame = read_frame(self.session, stmt, ["ambassador_id", *sums, "last_day"])
        frame["last_day"] = pd.to_datetime(frame["last_day"])
        return frame

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

    # --- the latest day of anyone listed ---------------------------------------------------

    def last_activity(self, ids: Iterable[int]) -> pd.DataFrame:
        """ambassador_id, last_activity (a date; NaN when none up to the period end)."""
        wanted = pd.Index(pd.unique(pd.Series(list(ids), dtype="int64")))
        if not self.fast:
            last = _straightforward_last(self.session, self.history)
        else:
            last = self._last
            missing = wanted.difference(last.index)
            older = self._seek(missing.tolist()) if len(missing) else None
            if older is not None:
                last = pd.concat([last, older])
        return _last_frame(last[last.index.isin(wanted)])

    def _seek(self, ids: list[int]) -> pd.Series:
        """Latest day of ``ids`` before the recent start: (month, ambassador) seeks, a year back,
        then twice as far, and so on, each step only for those still not found."""
        m, found = RollupAmbassadorMonth, []
        end, step = add_months(self.recent, -1), FIRST_STEP_MONTHS
        while ids and end >= PROGRAM_START:
            start = max(PROGRAM_START, add_months(end, 1 - step))
            stmt = select(m.ambassador_id, _latest_day()).where(
                m.month_key.in_(_month_keys(start, end)), m.ambassador_id.in_(ids)
            ).group_by(m.ambassador_id)  # fmt: skip
            frame = self._rollup_frame(stmt, []).dropna(subset=["last_day"])
            found.append(frame.set_index("ambassador_id")["last_day"])
            ids = sorted(set(ids) - set(frame["ambassador_id"].tolist()))
            end, step = add_months(start, -1), step * 2
        return pd.concat(found) if found else pd.Series(dtype="datetime64[ns]")


def _latest_day(c: Any = None) -> Any:
    """The later of the latest session and request days of a group, as ISO text on SQLite
    (parsed once by pandas, not per value by the driver layer)."""
    m = table_of(RollupAmbassadorMonth).c if c is None else c
    s, r = func.max(m.last_session_day), func.max(m.last_request_day)
    return type_coerce(case((r.is_(None), s), (s.is_(None), r), (s >= r, s), else_=r), String)


def _stack(*parts: pd.DataFrame) -> pd.DataFrame:
    """Per-fact aggregates (ambassador_id, some of the sums, last_any_day) as one long frame."""
    frame = pd.concat(parts, ignore_index=True).rename(columns={"last_any_day": "last_day"})
    frame = frame.reindex(columns=["ambassador_id", *ACTIVITY, "last_day"])
    frame[ACTIVITY] = frame[ACTIVITY].fillna(0).astype("int64")
    frame["ambassador_id"] = frame["ambassador_id"].astype("int64")
    frame["last_day"] = pd.to_datetime(frame["last_day"])
    return frame


def _period(session: Session, filters: Filters) -> pd.DataFrame:
    return activity_by(session, filters, "ambassador_id").drop(columns=["last_day"])


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
