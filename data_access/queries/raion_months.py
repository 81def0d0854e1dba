"""Activity per raion over many target periods from one monthly read per fact.

The targets page shows every target overlapping the filter's dates: over the whole program that
is ten yearly periods, each needing the activity per raion. Reading it per period costs two
queries each; here the months of all the periods are read once, grouped by month and raion, and
each period sums its months. That is exact for a period that starts on a month's first day and
whose as-of month holds nothing after the as-of day; any other period is read on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cached_property

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.filters import Filters
from data_access.queries.month_spans import last_rollup_month
from data_access.queries.planner import aggregate, month_key

ACTIVITY = ["sessions", "participants", "requests"]
MIN_PERIODS = 3  # fewer periods are read faster one by one


class RaionMonths:
    """Monthly activity per raion within ``scope`` over the periods :meth:`plan` announced."""

    def __init__(self, session: Session, scope: frozenset[str] | None) -> None:
        self.session, self.scope = session, scope
        self.spans: list[tuple[dt.date, dt.date]] = []
        self._aligned: dict[dt.date, bool] = {}

    def plan(self, spans: Iterable[tuple[dt.date, dt.date]]) -> None:
        """Announce (start, as-of) periods before the first :meth:`sums` (later ones are read
        on their own)."""
        if "monthly" not in self.__dict__:
            aligned = [(s, a) for s, a in spans if self._month_aligned(s, a)]
            self.spans += aligned if len(aligned) >= MIN_PERIODS else []

    def _month_aligned(self, start: dt.date, as_of: dt.date) -> bool:
        if start.day != 1 or start > as_of:
            return False
        if as_of not in self._aligned:
            self._aligned[as_of] = last_rollup_month(self.session, as_of) == as_of.replace(day=1)
        return self._aligned[as_of]

    @cached_property
    def monthly(self) -> dict[str, pd.DataFrame]:
        """Per measure, a month x raion table (months in order), zeros where nothing."""
        first = min(s for s, _ in self.spans)
        last = max(a for _, a in self.spans)
        f, by = Filters(first, last, scope=self.scope), ("month_key", "raion_code")
        s = aggregate(self.session, "sessions", f, ("sessions", "participants"), by)
        r = aggregate(self.session, "requests", f, ("requests",), by)
        frame = s.merge(r, on=list(by), how="outer")
        frame[ACTIVITY] = frame[ACTIVITY].fillna(0).astype("int64")
        table = frame.set_index(list(by))[ACTIVITY].unstack(fill_value=0).sort_index()
        return {m: table[m] for m in ACTIVITY} if len(frame) else {}

    def sums(self, start: dt.date, as_of: dt.date) -> pd.DataFrame | None:
        """sessions, participants, requests, citizens_served indexed by raion_code over
        ``[start, as_of]``, or None when the monthly read cannot answer exactly."""
        if not self.spans or not self._month_aligned(start, as_of):
            return None
        if start < min(s for s, _ in self.spans) or as_of > max(a for _, a in self.spans):
            return None
        tables = self.monthly
        if not tables:
            frame = pd.DataFrame(0, index=pd.Index([], name="raion_code"), columns=ACTIVITY)
        else:
            months = slice(month_key(start), month_key(as_of))
            frame = pd.DataFrame({m: tables[m].loc[months].sum() for m in ACTIVITY})
            frame = frame[frame.sum(axis=1) > 0]  # raions with activity in the period, as SQL
        frame = frame.astype("int64")
        frame["citizens_served"] = frame["participants"] + frame["requests"]
        return frame
