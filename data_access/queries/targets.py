"""The targets page: every target with its actual, attainment, pace, projection and status,
the raion and ambassador tables (with the national ambassadors' cascade) and the cumulative
progress chart. How actuals are computed and who sees which target: see
:mod:`data_access.queries.target_actuals`.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.filters import Filters
from dashboard.periods import add_months, month_end
from dashboard.target_math import NO_TARGET, share_elapsed
from data_access.models import Target
from data_access.models.base import TARGET_METRICS, TARGET_SCOPES
from data_access.queries.ambassador_activity import AmbassadorActivity
from data_access.queries.dimensions import dimensions, raions
from data_access.queries.directory import activity_filters, ambassador_rows, directory_rows
from data_access.queries.frames import gather
from data_access.queries.planner import aggregate, month_key
from data_access.queries.target_actuals import (
    PROGRESS_COLUMNS,
    ActualsByPeriod,
    PeriodActuals,
    with_progress,
)
from data_access.queries.target_list import is_visible, load_targets, resolve_ambassadors

TARGET_COLUMNS = [
    "target_id", "metric", "scope_kind", "scope_value", "scope_raion", "scope_name",
    "ambassador_id", "period_start", "period_end", "as_of", "target", "actual", "baseline",
    *PROGRESS_COLUMNS, "partial_scope",
]  # fmt: skip
ACTIVITY = ("sessions", "participants", "requests")
RAION_COLUMNS = [
    "raion_code", "raion_name", "population", "metric", "period_start", "period_end", "as_of",
    "target_id", "target", "actual", "actual_per_10k", *PROGRESS_COLUMNS,
]  # fmt: skip
CASCADE_COLUMNS = [
    "ambassador_id", "code", "name", "library_name", "raion_code", "raion_name", "sessions",
    "participants", "requests", "citizens_served", "last_activity", "locals_trained",
    "locals_active", "cascade_sessions", "cascade_participants", "cascade_requests",
    "cascade_citizens_served", "total_citizens_served",
]  # fmt: skip
AMBASSADOR_TARGET_COLUMNS = [
    *CASCADE_COLUMNS, "target_id", "target_metric", "target_period_start", "target_period_end",
    "target", "target_actual", *PROGRESS_COLUMNS,
]  # fmt: skip
PROGRESS_FRAME_COLUMNS = ["month_key", "day", "actual", "target_line"]
TARGET_NUMBERS = {"target", "target_actual", "attainment", "share_elapsed", "pace", "projected"}


def targets_table(session: Session, filters: Filters, today: dt.date) -> pd.DataFrame:
    """Every visible target overlapping the filter's dates, with its progress as of ``today``.

    Columns :data:`TARGET_COLUMNS`. ``actual`` is NaN before the period starts; ``baseline``
    is the level at the period start for level metrics (``access_points``), else 0;
    ``attainment``/``pace``/``projected`` are NaN where undefined (zero target, not started:
    shown as "—"); ``status`` is one of :data:`dashboard.target_math.STATUSES`.
    """
    targets = load_targets(session, filters)
    frame = with_progress(targets, ActualsByPeriod(session, filters, today), today)
    frame["partial_scope"] = (frame["scope_kind"] == "national") & (filters.scope is not None)
    return frame.reindex(columns=TARGET_COLUMNS)


def _population(session: Session, filters: Filters, extra: set[str]) -> pd.DataFrame:
    frame = raions(session, filters).rename(columns={"name_ro": "raion_name"})
    frame = frame[frame["population"].notna() | frame["raion_code"].isin(extra)]
    return frame[RAION_COLUMNS[:3]].reset_index(drop=True)


def attainment_by_raion(
    session: Session, filters: Filters, today: dt.date, metric: str | None = None
) -> pd.DataFrame:
    """Raion targets side by side: for every (metric, period) of the visible raion targets
    overlapping the filter's dates, one row per raion in view — the census units, plus any
    raion with a target — with its actual, and its target if it has one (else ``no_target``).

    Columns :data:`RAION_COLUMNS`; ``actual_per_10k`` is NaN where there is no population.
    """
    targets = load_targets(session, filters, "raion")
    if metric is not None:
        targets = targets[targets["metric"] == metric]
    if targets.empty:
        return pd.DataFrame(columns=RAION_COLUMNS)
    units = _population(session, filters, set(targets["scope_value"]))
    actuals = ActualsByPeriod(session, filters, today)
    actuals.plan(targets["period_start"], targets["period_end"])  # one read for every period
    group_keys = ["metric", "period_start", "period_end"]
    groups = targets[group_keys].drop_duplicates()
    rows = groups.merge(units, how="cross").merge(
        targets[[*group_keys, "scope_value", "target_id", "target"]], how="left",
        left_on=[*group_keys, "raion_code"], right_on=[*group_keys, "scope_value"],
    ).drop(columns=["scope_value"])  # fmt: skip
    rows["scope_kind"], rows["scope_value"] = "raion", rows["raion_code"]
    frame = with_progress(rows.fillna({"target": 0.0}), actuals, today)
    frame.loc[rows["target"].isna(), "status"] = NO_TARGET
    frame["target"] = rows["target"]
    population = pd.to_numeric(frame["population"], errors="coerce")
    frame["actual_per_10k"] = frame["actual"] / population * 10_000
    frame["target_id"] = frame["target_id"].astype("Int64")
    frame = frame.sort_values(["metric", "period_start", "period_end", "raion_code"])
    return frame.reset_index(drop=True).reindex(columns=RAION_COLUMNS)


def _locals(session: Session, filters: Filters, nationals: pd.Series) -> pd.DataFrame:
    """local_id, ambassador_id: the locals these nationals trained (certified by the period
    end, within scope, whichever raion), from the people held in memory."""
    a = dimensions(session).ambassadors
    keep = (a["tier"].to_numpy() == "local") & a["trained_by_id"].isin(nationals).to_numpy()
    keep &= a["certified_day"].to_numpy() <= np.datetime64(filters.date_to, "D")
    if filters.scope is not None:
        keep &= a["raion_code"].isin(sorted(filters.scope)).to_numpy()
    chosen = a.loc[keep, ["ambassador_id", "trained_by_id"]]
    return pd.DataFrame({"local_id": chosen["ambassador_id"].to_numpy(np.int64),
                         "ambassador_id": chosen["trained_by_id"].to_numpy(np.int64)})  # fmt: skip


def _cascade(locals_: pd.DataFrame, activity: pd.DataFrame,
             national_ids: pd.Series) -> dict[str, np.ndarray]:  # fmt: skip
    """Per national ambassador (``national_ids``, in that order): the locals they trained and
    those locals' activity in the period (``activity``: per ambassador, as
    :class:`AmbassadorActivity` reads it): locals_trained, locals_active and cascade_sessions,
    _participants and _requests, one value per national."""
    owner = pd.Index(national_ids).get_indexer(locals_["ambassador_id"])
    at = pd.Index(activity["ambassador_id"]).get_indexer(locals_["local_id"])
    owner, at = owner[owner >= 0], at[owner >= 0]
    n = len(national_ids)
    done = {m: gather(activity[m].to_numpy(np.int64), at, 0) for m in ACTIVITY}
    active = (done["sessions"] + done["requests"]) > 0

    def total(weights: np.ndarray | None) -> np.ndarray:
        return np.rint(np.bincount(owner, weights=weights, minlength=n)).astype(np.int64)

    return {"locals_trained": total(None), "locals_active": total(active.astype(np.float64)),
            **{f"cascade_{m}": total(done[m].astype(np.float64)) for m in ACTIVITY}}  # fmt: skip


def attainment_by_ambassador(session: Session, filters: Filters, today: dt.date) -> pd.DataFrame:
    """National ambassadors with their own activity and their cascade in the filtered period,
    and their ambassador targets (one row per target; one row with ``no_target`` if none).

    Nationals are chosen like in the directory (library in the raion/kind filters, in service
    during the period). The cascade counts the locals they trained (``trained_by_id``) within
    the viewer's scope, in any raion: ``locals_trained`` (certified by the period end, leavers
    included), ``locals_active`` (with activity in the period) and the locals' summed activity.
    Columns :data:`AMBASSADOR_TARGET_COLUMNS`.
    """
    if filters.tiers and "national" not in filters.tiers:
        return pd.DataFrame(columns=AMBASSADOR_TARGET_COLUMNS)
    national = Filters(filters.date_from, filters.date_to, filters.raions, filters.services,
                       filters.library_kinds, ("national",), filters.formats,
                       scope=filters.scope)  # fmt: skip
    nationals = ambassador_rows(session, national)
    locals_ = _locals(session, national, nationals["ambassador_id"])
    activity = AmbassadorActivity(session, activity_filters(national))  # read once
    people = directory_rows(national, nationals, activity)
    frame = people.assign(**_cascade(locals_, activity.period, people["ambassador_id"]))
    frame["cascade_citizens_served"] = frame["cascade_participants"] + frame["cascade_requests"]
    frame["total_citizens_served"] = frame["citizens_served"] + frame["cascade_citizens_served"]
    frame = frame[CASCADE_COLUMNS]
    targets = load_targets(session, filters, "ambassador")
    targets = with_progress(targets, ActualsByPeriod(session, filters, today), today)
    targets = targets.rename(columns={
        "metric": "target_metric", "period_start": "target_period_start",
        "period_end": "target_period_end", "actual": "target_actual",
    })  # fmt: skip
    return _with_targets(frame, targets)


def _with_targets(people: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """``people`` with their ``targets`` (renamed target columns, ``ambassador_id`` maybe NA):
    one row per target, in the targets' order, and one row with ``no_target`` for a person
    without any (a left join, by positions: pandas' merge costs more than the rest)."""
    ids = targets["ambassador_id"]
    known = np.flatnonzero(ids.notna().to_numpy())
    owner = pd.Index(people["ambassador_id"]).get_indexer(ids.iloc[known].to_numpy(np.int64))
    known, owner = known[owner >= 0], owner[owner >= 0]
    counts = np.bincount(owner, minlength=len(people))
    left = np.repeat(np.arange(len(people)), np.maximum(counts, 1))
    right = np.full(len(left), -1, dtype=np.int64)
    right[counts[left] > 0] = known[np.lexsort((known, owner))]  # by person, then target order
    found = right >= 0  # else -1: no target (missing values, as a merge leaves them)
    columns = {c: people[c].array.take(left) for c in CASCADE_COLUMNS}
    for column in AMBASSADOR_TARGET_COLUMNS[len(CASCADE_COLUMNS) :]:
        source = targets[column]
        if column in TARGET_NUMBERS:
            values = np.full(len(right), np.nan)
            values[found] = source.to_numpy(np.float64)[right[found]]
            columns[column] = values
        else:
            typed = source.astype("Int64") if column == "target_id" else source
            columns[column] = typed.array.take(right, allow_fill=True)
    frame = pd.DataFrame(columns)  # at once: column by column costs several times more
    frame["status"] = frame["status"].fillna(NO_TARGET)
    return frame


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    first, months = start.replace(day=1), []
    while first <= end:
        months.append(first)
        first = add_months(first, 1)
    return months


def _lookup_target(session: Session, metric: str, scope_kind: str, scope_value: str | None,
                   start: dt.date, end: dt.date) -> float | None:  # fmt: skip
    value_clause = (Target.scope_value.is_(None) if scope_value is None
                    else Target.scope_value == scope_value)  # fmt: skip
    stmt = select(Target.value).where(
        Target.metric == metric, Target.scope_kind == scope_kind, value_clause,
        Target.period_start == start, Target.period_end == end,
    )  # fmt: skip
    return session.scalar(stmt)


def _monthly_values(period: PeriodActuals, metric: str, scope_kind: str, key: object) -> pd.Series:
    """Activity per month key in the period (to as-of), for a flow metric or new actives."""
    f = period.filters
    by: tuple[str, ...] = ("month_key", "ambassador_id") if scope_kind == "ambassador" else (
        "month_key",)  # fmt: skip
    if scope_kind == "raion":
        f = Filters(f.date_from, f.date_to, raions=(str(key),), scope=f.scope)
    if metric == "active_ambassadors":
        by = ("month_key", "ambassador_id")
    s = aggregate(period.session, "sessions", f, ("sessions", "participants"), by)
    r = aggregate(period.session, "requests", f, ("requests",), by)
    frame = s.merge(r, on=list(by), how="outer").fillna({"sessions": 0, "participants": 0,
                                                          "requests": 0})  # fmt: skip
    if "ambassador_id" in by:
        frame = frame.dropna(subset=["ambassador_id"])
        if scope_kind == "ambassador":
            frame = frame[frame["ambassador_id"] == key]
    if metric == "active_ambassadors":
        active = frame[(frame["sessions"] + frame["requests"]) > 0]
        first = active.groupby("ambassador_id")["month_key"].min()
        return first.value_counts().astype("float64")
    frame["citizens_served"] = frame["participants"] + frame["requests"]
    return frame.groupby("month_key")[metric].sum().astype("float64")


def cumulative_progress(
    session: Session,
    filters: Filters,
    metric: str,
    period_start: dt.date,
    period_end: dt.date,
    today: dt.date,
    scope_kind: str = "national",
    scope_value: str | None = None,
    *,
    target_value: float | None = None,
) -> pd.DataFrame:
    """Cumulative actual against the linear target line, one row per month of the period.

    Columns :data:`PROGRESS_FRAME_COLUMNS`: ``day`` is the last day of the month within the
    period, or ``today`` in the current month; ``actual`` is cumulative from the period start
    to ``day`` (NaN for months after today; for ``access_points`` the level on ``day``);
    ``target_line`` is the target prorated by the share of the period elapsed at ``day``
    (for level metrics, from the level at the period start). The target value is looked up
    unless given; without one the line is NaN. Empty when the scope is outside the viewer's.
    """
    if metric not in TARGET_METRICS or scope_kind not in TARGET_SCOPES:
        raise ValueError(f"unknown metric or scope {metric!r}/{scope_kind!r}")
    key: object = scope_value
    if scope_kind == "ambassador":
        people = resolve_ambassadors(session, [scope_value or ""])
        if people.empty:
            return pd.DataFrame(columns=PROGRESS_FRAME_COLUMNS)
        key, raion = int(people["id"].iloc[0]), people["raion"].iloc[0]
    else:
        raion = scope_value
    if not is_visible(scope_kind, raion, filters):
        return pd.DataFrame(columns=PROGRESS_FRAME_COLUMNS)
    if target_value is None:
        target_value = _lookup_target(session, metric, scope_kind, scope_value, period_start,
                                      period_end)  # fmt: skip
    goal = np.nan if target_value is None else float(target_value)
    rows = []
    for first in _months(period_start, period_end):
        begins, last = max(first, period_start), min(month_end(first), period_end)
        started = begins <= today
        rows.append({"month_key": month_key(first), "started": started,
                     "day": today if started and today < last else last})  # fmt: skip
    frame = pd.DataFrame(rows)
    period = ActualsByPeriod(session, filters, today).period(period_start, period_end)
    baseline = 0.0
    if period is None:
        frame["actual"] = np.nan
    elif metric == "access_points":
        baseline = period.baseline(metric, scope_kind, key)
        frame["actual"] = [float(period.access_points(scope_kind, key, d)) for d in frame["day"]]
    else:
        monthly = _monthly_values(period, metric, scope_kind, key)
        frame["actual"] = frame["month_key"].map(monthly).fillna(0.0).cumsum()
    frame.loc[~frame["started"], "actual"] = np.nan
    shares = [share_elapsed(period_start, period_end, d) for d in frame["day"]]
    frame["target_line"] = baseline + (goal - baseline) * np.array(shares)
    return frame[PROGRESS_FRAME_COLUMNS]
