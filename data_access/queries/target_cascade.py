"""The targets page's ambassador table: each national ambassador with their own activity,
their cascade (the local ambassadors they trained and those locals' activity) and their
ambassador targets with progress.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from sqlalchemy.orm import Session

from dashboard.filters import Filters
from dashboard.target_math import NO_TARGET
from data_access.models.base import AMBASSADOR_TIERS
from data_access.queries.ambassador_activity import AmbassadorActivity
from data_access.queries.dimensions import dimensions
from data_access.queries.directory import activity_filters, ambassador_rows, directory_columns
from data_access.queries.frames import gather
from data_access.queries.target_actuals import (
    PROGRESS_COLUMNS,
    ActualsByPeriod,
    rows_of,
    with_progress,
)
from data_access.queries.target_list import load_targets, shown

ACTIVITY = ("sessions", "participants", "requests")
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
TARGET_SOURCES = {  # the page's target columns that with_progress names otherwise
    "target_metric": "metric", "target_period_start": "period_start",
    "target_period_end": "period_end", "target_actual": "actual",
}  # fmt: skip
TARGET_NUMBERS = {"target", "target_actual", "attainment", "share_elapsed", "pace", "projected"}


def _locals(session: Session, filters: Filters, nationals: pd.Series) -> pd.DataFrame:
    """local_id, ambassador_id: the locals these nationals trained (certified by the period
    end, within scope, whichever raion), from the people held in memory."""
    a = dimensions(session).ambassadors
    trainer = a["trained_by_id"].to_numpy(np.float64)  # NaN: trained by nobody recorded
    keep = a["tier_code"].to_numpy() == AMBASSADOR_TIERS.index("local")
    keep &= np.isin(trainer, nationals.to_numpy(np.float64))
    keep &= a["certified_day"].to_numpy() <= np.datetime64(filters.date_to, "D")
    if filters.scope is not None:
        keep &= a["raion_code"].isin(sorted(filters.scope)).to_numpy(bool)
    return pd.DataFrame({"local_id": a["ambassador_id"].to_numpy(np.int64)[keep],
                         "ambassador_id": trainer[keep].astype(np.int64)})  # fmt: skip


def _cascade(locals_: pd.DataFrame, activity: pd.DataFrame,
             national_ids: ArrayLike) -> dict[str, np.ndarray]:  # fmt: skip
    """Per national ambassador (``national_ids``, in that order): the locals they trained and
    those locals' activity in the period (``activity``: per ambassador, as
    :class:`AmbassadorActivity` reads it): locals_trained, locals_active and cascade_sessions,
    _participants and _requests, one value per national."""
    nationals = pd.Index(national_ids)
    owner = nationals.get_indexer(locals_["ambassador_id"])
    at = pd.Index(activity["ambassador_id"]).get_indexer(locals_["local_id"])
    owner, at = owner[owner >= 0], at[owner >= 0]
    n = len(nationals)
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
    people = directory_columns(national, nationals, activity)
    columns = {c: people[c] for c in CASCADE_COLUMNS if c in people}
    columns |= _cascade(locals_, activity.period, people["ambassador_id"])
    columns["cascade_citizens_served"] = (
        columns["cascade_participants"] + columns["cascade_requests"]
    )
    columns["total_citizens_served"] = (
        np.asarray(people["citizens_served"], np.int64) + columns["cascade_citizens_served"]
    )
    return _with_targets(columns, ambassador_targets(session, filters, today))


def ambassador_targets(session: Session, filters: Filters, today: dt.date) -> pd.DataFrame:
    """The visible ambassador targets overlapping the filter's dates, with progress: cut from
    the table of every period (built once per data version, scope and day, as the targets
    page's other tables)."""
    actuals = ActualsByPeriod(session, filters, today)
    return actuals.per_view(
        "ambassadors", filters,
        lambda f: with_progress(load_targets(session, f, "ambassador"), actuals, today),
        lambda every, f: rows_of(every, shown(every, f)),
    )  # fmt: skip


def _with_targets(people: pd.DataFrame | dict[str, Any], targets: pd.DataFrame) -> pd.DataFrame:
    """``people`` (a frame, or its :data:`CASCADE_COLUMNS` as arrays) with their ``targets``
    (as :func:`with_progress` gives them, ``ambassador_id`` maybe NA): one row per target, in
    the targets' order, and one row with ``no_target`` for a person without any (a left join,
    by positions: pandas' merge costs more than the rest)."""
    ids = targets["ambassador_id"]
    known = np.flatnonzero(ids.notna().to_numpy())
    owner = pd.Index(people["ambassador_id"]).get_indexer(ids.iloc[known].to_numpy(np.int64))
    known, owner = known[owner >= 0], owner[owner >= 0]
    size = len(people["ambassador_id"])
    counts = np.bincount(owner, minlength=size)
    left = np.repeat(np.arange(size), np.maximum(counts, 1))
    right = np.full(len(left), -1, dtype=np.int64)
    right[counts[left] > 0] = known[np.lexsort((known, owner))]  # by person, then target order
    found = right >= 0  # else -1: no target (missing values, as a merge leaves them)
    columns = {c: _take(people[c], left) for c in CASCADE_COLUMNS}
    for column in AMBASSADOR_TARGET_COLUMNS[len(CASCADE_COLUMNS) :]:
        source = targets[TARGET_SOURCES.get(column, column)]
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


def _take(values: Any, rows: np.ndarray) -> Any:
    if isinstance(values, np.ndarray):
        return values[rows]
    if isinstance(values, pd.Series):
        values = values.array
    return values.take(rows)
