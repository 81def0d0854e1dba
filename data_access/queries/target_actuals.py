"""Actual values behind the targets (which targets a viewer sees:
:mod:`~data_access.queries.target_list`).

How actuals are computed (one definition, the same as :func:`metrics.metric_value`):

- over ``[period_start, min(period_end, today)]``, whatever the filter's dates: the filter's
  date range only chooses *which* targets are shown (those whose period overlaps it);
- over the target's own scope: national = every raion, raion = that raion, ambassador =
  that ambassador's sessions and requests wherever they happened. The service, format, tier
  and library-kind filters do not apply: a target is set on the whole metric;
- always within the viewer's ``scope``. A restricted viewer (regional coordinator) sees the
  targets of their raions and of their raions' ambassadors, plus the national targets with
  actuals computed **within their scope only** (``partial_scope`` is then true, so the page
  can say so): data outside a viewer's scope never enters a number they see.

Actuals are grouped: per target period, one query per fact grouped by raion answers every
national and raion target of that period (see :class:`PeriodActuals`). Since they depend on
neither the filter's dates nor its other values, each is computed once per data version, viewer
scope and day (:class:`KnownActuals`) and shared by every view that shows that target.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any, cast

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from dashboard.baseline import NAIVE
from dashboard.filters import Filters
from dashboard.periods import PROGRAM_START
from dashboard.target_math import LEVEL_METRICS, progress
from data_access.queries.accredited_days import AccreditedDays
from data_access.queries.breakdowns import activity_by
from data_access.queries.dimensions import dimensions
from data_access.queries.metrics import access_point_frame, active_ambassadors
from data_access.queries.planner import aggregate
from data_access.queries.raion_months import RaionMonths
from data_access.queries.target_list import every_period
from data_access.queries.versioned import stored

ACTIVITY_METRICS = ("sessions", "participants", "requests", "citizens_served")
PROGRESS_COLUMNS = ["attainment", "share_elapsed", "pace", "projected", "status"]


class PeriodActuals:
    """Actual values of every metric over ``[start, as_of]`` within ``scope``, computed lazily
    with grouped queries: one per fact answers every national and raion target of the period."""

    def __init__(self, session: Session, scope: frozenset[str] | None, start: dt.date,
                 as_of: dt.date, accredited: AccreditedDays,
                 months: RaionMonths | None = None) -> None:  # fmt: skip
        self.session = session
        self.filters = Filters(start, as_of, scope=scope)
        self.accredited = accredited  # the access points within scope
        self.months = months  # the monthly read shared by the periods of one page
        self._libraries: dict[int, int] = {}
        self._lookups: dict[tuple[str, str], dict[Any, float]] = {}

    @cached_property
    def by_raion(self) -> pd.DataFrame:
        f = self.filters
        shared = None if self.months is None else self.months.sums(f.date_from, f.date_to)
        if shared is not None:
            return shared
        s = aggregate(self.session, "sessions", f, ("sessions", "participants"), ("raion_code",))
        r = aggregate(self.session, "requests", f, ("requests",), ("raion_code",))
        frame = s.merge(r, on="raion_code", how="outer").set_index("raion_code")
        frame = frame.fillna(0).astype("int64")
        frame["citizens_served"] = frame["participants"] + frame["requests"]
        return frame

    @cached_property
    def active_pairs(self) -> pd.DataFrame:
        """(raion_code, ambassador_id) with at least one session or request."""
        f, by = self.filters, ("raion_code", "ambassador_id")
        s = aggregate(self.session, "sessions", f, ("sessions",), by)
        r = aggregate(self.session, "requests", f, ("requests",), by)
        pairs = pd.concat([s[s["sessions"] > 0][list(by)], r[r["requests"] > 0][list(by)]])
        pairs = pairs.dropna(subset=["ambassador_id"]).drop_duplicates()
        return pairs.astype({"ambassador_id": "int64"})

    @cached_property
    def by_ambassador(self) -> pd.DataFrame:
        frame = activity_by(self.session, self.filters, "ambassador_id", latest=False)
        frame = frame.set_index("ambassador_id")
        frame["citizens_served"] = frame["participants"] + frame["requests"]
        return frame

    def _library_of(self, ambassador_id: object) -> int:
        if not isinstance(ambassador_id, int | np.integer):
            return -1
        if not self._libraries:  # every ambassador's library, from the dimensions in memory
            people = dimensions(self.session).ambassadors
            self._libraries = dict(zip(people["ambassador_id"], people["library_id"], strict=True))
        return int(self._libraries.get(int(ambassador_id), -1))

    def access_points(self, scope_kind: str, key: object, day: dt.date) -> int:
        """Libraries accredited on or before ``day`` in the scope."""
        if scope_kind == "raion":
            return self.accredited.count(day, raion=key)
        if scope_kind == "ambassador":
            return self.accredited.count(day, library=self._library_of(key))
        return self.accredited.count(day)

    def value(self, metric: str, scope_kind: str, key: object) -> float:
        """The actual of ``metric`` for a scope (``key``: raion code or ambassador id)."""
        if metric == "access_points":
            return float(self.access_points(scope_kind, key, self.filters.date_to))
        if metric == "active_ambassadors":
            if scope_kind == "national":  # one count, not every (raion, ambassador) pair
                return float(active_ambassadors(self.session, self.filters))
            pairs = self.active_pairs
            if scope_kind == "raion":
                pairs = pairs[pairs["raion_code"] == key]
            elif scope_kind == "ambassador":
                pairs = pairs[pairs["ambassador_id"] == key]
            return float(pairs["ambassador_id"].nunique())
        if metric not in ACTIVITY_METRICS:
            raise ValueError(f"unknown metric {metric!r}")
        if scope_kind == "national":
            return float(self.by_raion[metric].sum())
        if key is None or key is pd.NA:
            return 0.0
        return self._values(scope_kind, metric).get(key, 0.0)

    def _values(self, scope_kind: str, metric: str) -> dict[Any, float]:
        """One metric per raion or per ambassador as a plain dict (looked up once per row)."""
        if (scope_kind, metric) not in self._lookups:
            table = self.by_ambassador if scope_kind == "ambassador" else self.by_raion
            self._lookups[scope_kind, metric] = table[metric].astype(float).to_dict()
        return self._lookups[scope_kind, metric]

    def baseline(self, metric: str, scope_kind: str, key: object) -> float:
        """The level at the period start (for level metrics), else 0."""
        if metric not in LEVEL_METRICS:
            return 0.0
        day_before = self.filters.date_from - dt.timedelta(days=1)
        return float(self.access_points(scope_kind, key, day_before))


# (metric, scope kind, scope key, period start, period end)
ActualKey = tuple[str, str, object, dt.date, dt.date]
# (actual, baseline, as-of day): what :func:`with_progress` adds to a target
Actual = tuple[float, float, dt.date | None]
# an Actual followed by the values of PROGRESS_COLUMNS
ProgressRow = tuple[Any, ...]


class KnownActuals:
    """The actuals (and progress rows) computed so far for one viewer scope, on one day (a new
    day starts afresh: an as-of day moves with it). Held per data version: a write makes a new
    one. Thread-safe enough: a value is a pure function of its key, so two threads can only
    store the same."""

    def __init__(self) -> None:
        self.day: dt.date | None = None
        self.values: dict[ActualKey, Actual] = {}
        self.rows: dict[tuple[ActualKey, float], ProgressRow] = {}
        self.tables: dict[object, pd.DataFrame] = {}  # whole tables built from them (read-only)

    def on(self, today: dt.date) -> KnownActuals:
        if self.day != today:
            self.values, self.rows, self.tables, self.day = {}, {}, {}, today
        return self


class ActualsByPeriod:
    """One :class:`PeriodActuals` per (period start, as-of day), sharing the accredited list;
    and the actuals already known for this scope and day (:class:`KnownActuals`)."""

    def __init__(self, session: Session, filters: Filters, today: dt.date) -> None:
        self.session, self.scope, self.today = session, filters.scope, today
        self.periods: dict[tuple[dt.date, dt.date], PeriodActuals] = {}
        self.months = RaionMonths(session, self.scope)
        if NAIVE.get():  # the naive way (the benchmark's baseline) remembers nothing
            known = KnownActuals()
        else:
            known = stored(session, f"target_actuals/{filters.scope_key()}",
                           lambda _: KnownActuals(), release=False)  # fmt: skip
        self.remembered = known.on(today)
        self.known = self.remembered.values

    def per_view(self, name: object, filters: Filters,
                 build: Callable[[Filters], pd.DataFrame],
                 cut: Callable[[pd.DataFrame, Filters], pd.DataFrame]) -> pd.DataFrame:  # fmt: skip
        """The table ``build`` makes for ``filters``: built once over every period (per data
        version, viewer scope and day, remembered with these actuals) and ``cut`` to the
        view's rows; the naive way builds it for the view alone, remembering nothing."""
        if NAIVE.get():
            return build(filters)
        tables = self.remembered.tables
        if name not in tables:
            tables[name] = build(every_period(filters))
        return cut(tables[name], filters)

    @cached_property
    def accredited(self) -> AccreditedDays:
        latest = max(self.today, PROGRAM_START)
        frame = access_point_frame(self.session, Filters(PROGRAM_START, latest, scope=self.scope))
        return AccreditedDays(frame)

    def plan(self, starts: Iterable[dt.date], ends: Iterable[dt.date]) -> None:
        """Announce the periods about to be asked for, so their activity per raion is read in
        one go (:class:`RaionMonths`)."""
        spans = {(s, min(e, self.today)) for s, e in zip(starts, ends, strict=True)}
        self.months.plan(sorted(span for span in spans if span[0] <= self.today))

    def period(self, start: dt.date, end: dt.date) -> PeriodActuals | None:
        """None when the period has not started yet."""
        if self.today < start:
            return None
        as_of = min(end, self.today)
        if (start, as_of) not in self.periods:
            self.periods[(start, as_of)] = PeriodActuals(
                self.session, self.scope, start, as_of, self.accredited, self.months
            )
        return self.periods[(start, as_of)]


def scope_key(scope_kind: str, scope_value: object, ambassador_id: object) -> object:
    """The key :meth:`PeriodActuals.value` expects: raion code, ambassador id or None."""
    if scope_kind == "ambassador":
        return None if pd.isna(ambassador_id) else int(cast(int, ambassador_id))
    return scope_value


def with_progress(targets: pd.DataFrame, actuals: ActualsByPeriod, today: dt.date) -> pd.DataFrame:
    """``targets`` (as from :func:`load_targets`) plus actual, baseline, as_of and progress.

    Each row's values are a pure function of its key and target on the day, remembered with
    the actuals: the targets pages ask for the same few hundred rows on every filter change."""
    n = len(targets)
    columns = [targets[c].tolist() for c in ("metric", "scope_kind", "scope_value",
                                             "period_start", "period_end", "target")]  # fmt: skip
    people = (targets["ambassador_id"].astype(object).tolist() if "ambassador_id" in targets
              else [None] * n)  # fmt: skip
    keys: list[tuple[ActualKey, float]] = [
        ((metric, kind, scope_key(kind, value, person), start, end), float(target))
        for metric, kind, value, start, end, target, person in zip(*columns, people, strict=True)
    ]
    rows = actuals.remembered.rows
    missing = [key for key in keys if key not in rows]
    unknown = [key for key, _ in missing if key not in actuals.known]
    actuals.plan((key[3] for key in unknown), (key[4] for key in unknown))
    for key, target in missing:
        actual, baseline, as_of = actuals.known.get(key) or _actual(actuals, key)
        rows[key, target] = (actual, baseline, as_of,
                             *_progress_values(actual, key, target, today, baseline))  # fmt: skip
    values = list(zip(*(rows[key] for key in keys), strict=True)) if n else [()] * 8
    extra = pd.DataFrame(
        {name: list(column) for name, column in
         zip(["actual", "baseline", "as_of", *PROGRESS_COLUMNS], values, strict=True)},
        index=targets.index,
    )  # fmt: skip
    numbers = ["actual", "baseline", "attainment", "share_elapsed", "pace", "projected"]
    extra[numbers] = extra[numbers].astype("float64")  # None -> NaN: undefined, shown as "—"
    extra["as_of"] = extra["as_of"].astype(object)
    if not n:  # as the rows would give: statuses are text
        extra["status"] = extra["status"].astype(object)
    return pd.concat([targets, extra], axis=1)


def rows_of(table: pd.DataFrame, chosen: np.ndarray) -> pd.DataFrame:
    """The ``chosen`` rows of a table :func:`with_progress` made, numbered from 0; none typed
    as :func:`with_progress` types no rows (statuses as objects)."""
    if chosen.any():
        return table[chosen].reset_index(drop=True)
    empty = table.iloc[:0].reset_index(drop=True)
    empty["status"] = empty["status"].astype(object)  # (a frame's astype costs ~10x this)
    return empty


def _progress_values(actual: float, key: ActualKey, target: float, today: dt.date,
                     baseline: float) -> tuple[Any, ...]:  # fmt: skip
    p = progress(0.0 if np.isnan(actual) else actual, target, key[3], key[4], today,
                 baseline=baseline)  # fmt: skip
    return p.attainment, p.share_elapsed, p.pace, p.projected, p.status


def _actual(actuals: ActualsByPeriod, key: ActualKey) -> Actual:
    """Compute the actual of ``key`` and remember it (NaN before the period starts)."""
    metric, scope_kind, scope, start, end = key
    period = actuals.period(start, end)
    found: Actual = (np.nan, 0.0, None)
    if period is not None:
        found = (period.value(metric, scope_kind, scope),
                 period.baseline(metric, scope_kind, scope), period.filters.date_to)  # fmt: skip
    actuals.known[key] = found
    return found
