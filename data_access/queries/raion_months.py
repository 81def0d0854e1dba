"""Activity per raion over many target periods from one monthly table.

The targets page shows every target overlapping the filter's dates: over the whole program that
is ten yearly periods, each needing the activity per raion. Reading it per period costs two
queries each; here the months of all the periods are summed once per month and raion (from the
per-library rollup in memory) into running totals, and each period is one subtraction. That
is exact for a period that starts on a month's first day and whose as-of month holds nothing
after the as-of day; any other period is read on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cached_property

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from dashboard.filters import Filters
from data_access.queries.month_rows import library_months
from data_access.queries.month_spans import last_rollup_month
from data_access.queries.planner import month_key

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
    def monthly(self) -> _Cumulative | None:
        """Running totals per month and raion (None: nothing in those months), from the
        per-library monthly rollup held in memory."""
        first = min(s for s, _ in self.spans)
        last = max(a for _, a in self.spans)
        table = library_months(self.session)
        rows = table.select(first, last, Filters(first, last, scope=self.scope))
        frame = table.group_sums(rows, ("month_key", "raion_code"))
        if frame.empty:
            return None
        by = ["month_key", "raion_code"]
        return _Cumulative(frame.set_index(by)[ACTIVITY].unstack(fill_value=0).sort_index())

    def sums(self, start: dt.date, as_of: dt.date) -> pd.DataFrame | None:
        """sessions, participants, requests, citizens_served indexed by raion_code over
        ``[start, as_of]``, or None when the monthly read cannot answer exactly."""
        if not self.spans or not self._month_aligned(start, as_of):
            return None
        if start < min(s for s, _ in self.spans) or as_of > max(a for _, a in self.spans):
            return None
        totals = self.monthly
        if totals is None:
            frame = pd.DataFrame(0, index=pd.Index([], name="raion_code"), columns=ACTIVITY)
        else:
            frame = totals.between(month_key(start), month_key(as_of))
        frame["citizens_served"] = frame["participants"] + frame["requests"]
        return frame


class _Cumulative:
    """A month x (measure, raion) table as running totals: any span of months is one
    subtraction (a target page asks for a dozen periods)."""

    def __init__(self, table: pd.DataFrame) -> None:
        self.keys = table.index.to_numpy()
        self.raions = table["sessions"].columns
        values = np.stack([table[m].to_numpy("int64") for m in ACTIVITY])  # measure, month, raion
        zero = np.zeros((len(ACTIVITY), 1, len(self.raions)), dtype="int64")
        self.totals = np.concatenate([zero, values.cumsum(axis=1)], axis=1)

    def between(self, first: int, last: int) -> pd.DataFrame:
        """Sums over months ``first`` to ``last``: raions with activity in them, as SQL."""
        lo = int(np.searchsorted(self.keys, first, "left"))
        hi = int(np.searchsorted(self.keys, last, "right"))
        sums = self.totals[:, max(lo, hi), :] - self.totals[:, lo, :]
        frame = pd.DataFrame(sums.T, index=pd.Index(self.raions, name="raion_code"),
                             columns=ACTIVITY)  # fmt: skip
        return frame[sums.sum(axis=0) > 0]
