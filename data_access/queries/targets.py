"""The targets page: every target with its actual, attainment, pace, projection and status,
the raion table and the cumulative progress chart (the ambassador table, with the national
ambassadors' cascade: :mod:`data_access.queries.target_cascade`). How actuals are computed and
who sees which target: see :mod:`data_access.queries.target_actuals`.
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
from data_access.queries.dimensions import raions
from data_access.queries.planner import aggregate, month_key
from data_access.queries.target_actuals import (
    PROGRESS_COLUMNS,
    ActualsByPeriod,
    PeriodActuals,
    rows_of,
    with_progress,
)
from data_access.queries.target_list import (
    is_visible,
    load_targets,
    resolve_ambassadors,
    shown,
)

TARGET_COLUMNS = [
    "target_id", "metric", "scope_kind", "scope_value", "scope_raion", "scope_name",
    "ambassador_id", "period_start", "period_end", "as_of", "target", "actual", "baseline",
    *PROGRESS_COLUMNS, "partial_scope",
]  # fmt: skip
RAION_COLUMNS = [
    "raion_code", "raion_name", "population", "metric", "period_start", "period_end", "as_of",
    "target_id", "target", "actual", "actual_per_10k", *PROGRESS_COLUMNS,
]  # fmt: skip
PROGRESS_FRAME_COLUMNS = ["month_key", "day", "actual", "target_line"]


def targets_table(session: Session, filters: Filters, today: dt.date) -> pd.DataFrame:
    """Every visible target overlapping the filter's dates, with its progress as of ``today``.

    Columns :data:`TARGET_COLUMNS`. ``actual`` is NaN before the period starts; ``baseline``
    is the level at the period start for level metrics (``access_points``), else 0;
    ``attainment``/``pace``/``projected`` are NaN where undefined (zero target, not started:
    shown as "—"); ``status`` is one of :data:`dashboard.target_math.STATUSES`.
    """
    actuals = ActualsByPeriod(session, filters, today)
    return actuals.per_view("targets", filters,
                            lambda f: _targets_table(session, f, actuals, today),
                            lambda every, f: rows_of(every, shown(every, f)))  # fmt: skip


def _targets_table(session: Session, filters: Filters, actuals: ActualsByPeriod,
                   today: dt.date) -> pd.DataFrame:  # fmt: skip
    targets = load_targets(session, filters)
    frame = with_progress(targets, actuals, today)
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
    actuals = ActualsByPeriod(session, filters, today)
    return actuals.per_view(("raions", metric), filters,
                            lambda f: _raion_table(session, f, actuals, today, metric),
                            _raion_view)  # fmt: skip


def _raion_view(every: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of ``every`` (a raion table over every period) that :func:`_raion_table` gives
    for ``filters``: periods overlapping the dates, raions in view, (metric, period) groups
    with a visible target, and a raion without population only where it has a target."""
    chosen = ((every["period_start"] <= filters.date_to)
              & (every["period_end"] >= filters.date_from)).to_numpy(bool)  # fmt: skip
    raions = filters.effective_raions
    if raions is not None:
        chosen = chosen & every["raion_code"].isin(list(raions)).to_numpy(bool)
    rows = every[chosen]
    targeted = rows["target_id"].notna()
    in_group = targeted.groupby([rows["metric"], rows["period_start"], rows["period_end"]],
                                sort=False).transform("any")  # fmt: skip
    with_target = rows["raion_code"].isin(rows.loc[targeted, "raion_code"].unique())
    rows = rows[in_group & (rows["population"].notna() | with_target)]
    if rows.empty:  # as an empty view has always been: untyped
        return pd.DataFrame(columns=RAION_COLUMNS)
    return rows.reset_index(drop=True)


def _raion_table(session: Session, filters: Filters, actuals: ActualsByPeriod, today: dt.date,
                 metric: str | None) -> pd.DataFrame:  # fmt: skip
    targets = load_targets(session, filters, "raion")
    if metric is not None:
        targets = targets[targets["metric"] == metric]
    if targets.empty:
        return pd.DataFrame(columns=RAION_COLUMNS)
    units = _population(session, filters, set(targets["scope_value"]))
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
