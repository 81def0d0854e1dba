"""Actual values behind the targets: which targets a viewer sees, and each one's actual.

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
- The raion filter hides raion and ambassador targets of other raions; national targets stay.

Actuals are grouped: per target period, one query per fact grouped by raion answers every
national and raion target of that period (see :class:`PeriodActuals`).

Ambassador targets name the ambassador by id (``scope_value = "17"``); a code is accepted too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from dashboard.filters import Filters
from dashboard.periods import PROGRAM_START
from dashboard.target_math import LEVEL_METRICS, progress
from data_access.models import Ambassador, Library, Target
from data_access.models.base import TARGET_METRICS, TARGET_SCOPES
from data_access.queries.breakdowns import activity_by
from data_access.queries.dimensions import raion_names
from data_access.queries.frames import read_frame
from data_access.queries.metrics import access_point_frame, active_ambassadors
from data_access.queries.planner import aggregate
from data_access.queries.raion_months import RaionMonths
from data_access.queries.versioned import stored

ACTIVITY_METRICS = ("sessions", "participants", "requests", "citizens_served")
PROGRESS_COLUMNS = ["attainment", "share_elapsed", "pace", "projected", "status"]


def is_visible(scope_kind: str, raion: object, filters: Filters) -> bool:
    """National targets always; others when their raion (the ambassador's library's raion for
    ambassador targets) is among the raions in view; unplaceable ones only when unrestricted."""
    if scope_kind == "national":
        return True
    raions = filters.effective_raions
    if raions is None:
        return True
    return isinstance(raion, str) and raion in raions


def resolve_ambassadors(session: Session, values: list[str]) -> pd.DataFrame:
    """Ambassador scope values (the id, or the code) -> id, name, raion of their library."""
    ids = [int(v) for v in values if v.isdigit()]
    codes = [v for v in values if not v.isdigit()]
    stmt = (
        select(Ambassador.id, Ambassador.code, Ambassador.display_name, Library.raion_code)
        .join(Library, Library.id == Ambassador.library_id)
        .where(or_(Ambassador.id.in_(ids), Ambassador.code.in_(codes)))
    )
    rows = read_frame(session, stmt, ["id", "code", "name", "raion"])
    by_id = rows.assign(key=rows["id"].astype(str))
    by_code = rows[rows["code"].isin(codes)].assign(key=lambda f: f["code"])
    return pd.concat([by_id, by_code]).drop_duplicates("key").set_index("key")


def read_targets(session: Session) -> pd.DataFrame:
    """Every target, with its ambassador (by id or code) resolved, its scope's raion and name:
    a few hundred rows, held in memory per data version (:func:`load_targets`)."""
    stmt = select(
        Target.id, Target.metric, Target.scope_kind, Target.scope_value, Target.period_start,
        Target.period_end, Target.value,
    )  # fmt: skip
    columns = ["target_id", "metric", "scope_kind", "scope_value", "period_start",
               "period_end", "target"]  # fmt: skip
    frame = read_frame(session, stmt, columns)
    if frame.empty:  # the types the rows would give
        frame = frame.astype({"target_id": "int64", "metric": "str", "scope_kind": "str",
                              "scope_value": "str", "target": "float64"})  # fmt: skip
    is_amb = frame["scope_kind"] == "ambassador"
    people = resolve_ambassadors(session, frame.loc[is_amb, "scope_value"].tolist())
    names = raion_names(session)
    frame["ambassador_id"] = pd.array(
        [people["id"].get(v) if a else None for v, a in zip(frame["scope_value"], is_amb,
                                                              strict=True)],
        dtype="Int64",
    )  # fmt: skip
    frame["scope_raion"] = [
        people["raion"].get(v) if a else (v if k == "raion" else None)
        for v, a, k in zip(frame["scope_value"], is_amb, frame["scope_kind"], strict=True)
    ]
    frame["scope_name"] = [
        people["name"].get(v) if a else names.get(v)
        for v, a in zip(frame["scope_value"], is_amb, strict=True)
    ]
    return frame


def load_targets(session: Session, filters: Filters,
                 scope_kind: str | None = None) -> pd.DataFrame:  # fmt: skip
    """The targets visible under ``filters`` whose period overlaps the filter's dates (of one
    ``scope_kind`` when given).

    Columns: target_id, metric, scope_kind, scope_value, period_start, period_end, target,
    ambassador_id (Int64, ambassador targets), scope_raion, scope_name.
    """
    frame = stored(session, "targets", read_targets)
    chosen = ((frame["period_start"] <= filters.date_to)
              & (frame["period_end"] >= filters.date_from)).to_numpy(bool)  # fmt: skip
    if scope_kind is not None:
        chosen = chosen & (frame["scope_kind"] == scope_kind).to_numpy()
    frame = frame[chosen]
    visible = [
        is_visible(k, r, filters)
        for k, r in zip(frame["scope_kind"], frame["scope_raion"], strict=True)
    ]
    frame = frame[np.array(visible, dtype=bool)]
    order = frame["scope_kind"].map({k: i for i, k in enumerate(TARGET_SCOPES)})
    metric_order = frame["metric"].map({m: i for i, m in enumerate(TARGET_METRICS)})
    return (
        frame.assign(_k=order, _m=metric_order)
        .sort_values(["period_start", "period_end", "_k", "scope_value", "_m"], na_position="first")
        .drop(columns=["_k", "_m"])
        .reset_index(drop=True)
    )


class PeriodActuals:
    """Actual values of every metric over ``[start, as_of]`` within ``scope``, computed lazily
    with grouped queries: one per fact answers every national and raion target of the period."""

    def __init__(self, session: Session, scope: frozenset[str] | None, start: dt.date,
                 as_of: dt.date, accredited: pd.DataFrame,
                 months: RaionMonths | None = None) -> None:  # fmt: skip
        self.session = session
        self.filters = Filters(start, as_of, scope=scope)
        self.accredited = accredited  # library_id, raion_code, accredited_on (within scope)
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
        if int(ambassador_id) not in self._libraries:
            stmt = select(Ambassador.library_id).where(Ambassador.id == int(ambassador_id))
            self._libraries[int(ambassador_id)] = self.session.scalar(stmt) or -1
        return self._libraries[int(ambassador_id)]

    def access_points(self, scope_kind: str, key: object, day: dt.date) -> int:
        """Libraries accredited on or before ``day`` in the scope."""
        a = self.accredited
        mask = a["accredited_day"] <= pd.Timestamp(day)
        if scope_kind == "raion":
            mask &= a["raion_code"] == key
        elif scope_kind == "ambassador":
            mask &= a["library_id"] == self._library_of(key)
        return int(mask.sum())

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


class ActualsByPeriod:
    """One :class:`PeriodActuals` per (period start, as-of day), sharing the accredited list."""

    def __init__(self, session: Session, filters: Filters, today: dt.date) -> None:
        self.session, self.scope, self.today = session, filters.scope, today
        self.periods: dict[tuple[dt.date, dt.date], PeriodActuals] = {}
        self.months = RaionMonths(session, self.scope)

    @cached_property
    def accredited(self) -> pd.DataFrame:
        latest = max(self.today, PROGRAM_START)
        frame = access_point_frame(self.session, Filters(PROGRAM_START, latest, scope=self.scope))
        return frame.assign(accredited_day=pd.to_datetime(frame["accredited_on"]))

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


def scope_key(row: Mapping[str, Any]) -> object:
    """The key :meth:`PeriodActuals.value` expects: raion code, ambassador id or None."""
    if row["scope_kind"] == "ambassador":
        return None if pd.isna(row["ambassador_id"]) else int(row["ambassador_id"])
    return row["scope_value"]


def _progress_columns(actual: float, row: Mapping[str, Any], today: dt.date,
                      baseline: float) -> dict[str, object]:  # fmt: skip
    p = progress(0.0 if np.isnan(actual) else actual, row["target"], row["period_start"],
                 row["period_end"], today, baseline=baseline)  # fmt: skip
    return {"attainment": p.attainment, "share_elapsed": p.share_elapsed, "pace": p.pace,
            "projected": p.projected, "status": p.status}  # fmt: skip


def with_progress(targets: pd.DataFrame, actuals: ActualsByPeriod, today: dt.date) -> pd.DataFrame:
    """``targets`` (as from :func:`load_targets`) plus actual, baseline, as_of and progress."""
    records = []
    actuals.plan(targets["period_start"], targets["period_end"])
    for row in targets.to_dict("records"):
        period = actuals.period(row["period_start"], row["period_end"])
        actual, baseline, as_of = np.nan, 0.0, None
        if period is not None:
            key = scope_key(row)
            actual = period.value(row["metric"], row["scope_kind"], key)
            baseline = period.baseline(row["metric"], row["scope_kind"], key)
            as_of = period.filters.date_to
        records.append({"actual": actual, "baseline": baseline, "as_of": as_of,
                        **_progress_columns(actual, row, today, baseline)})  # fmt: skip
    extra = pd.DataFrame.from_records(
        records, index=targets.index, columns=["actual", "baseline", "as_of", *PROGRESS_COLUMNS]
    )
    numbers = ["actual", "baseline", "attainment", "share_elapsed", "pace", "projected"]
    extra[numbers] = extra[numbers].astype("float64")  # None -> NaN: undefined, shown as "—"
    return pd.concat([targets, extra], axis=1)
