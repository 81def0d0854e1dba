"""The targets a viewer sees, with their scopes resolved (people, raions, names).

- National targets always; raion and ambassador targets when their raion (an ambassador's:
  their library's) is among the raions in view, within the viewer's scope. The raion filter
  hides raion and ambassador targets of other raions; national targets stay.
- Ambassador targets name the ambassador by id (``scope_value = "17"``); a code is accepted too.
- The table is read once per data version (:mod:`~data_access.queries.versioned`) and chosen
  per view in pandas.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from dashboard.filters import Filters
from data_access.models import Ambassador, Library, Target
from data_access.models.base import TARGET_METRICS, TARGET_SCOPES
from data_access.queries.dimensions import raion_names
from data_access.queries.frames import read_frame
from data_access.queries.versioned import stored


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
    ``scope_kind`` when given), ordered by period, scope kind, scope and metric.

    Columns: target_id, metric, scope_kind, scope_value, period_start, period_end, target,
    ambassador_id (Int64, ambassador targets), scope_raion, scope_name.
    """
    frame = stored(session, "targets", _sorted_targets)
    chosen = shown(frame, filters)
    if scope_kind is not None:
        chosen = chosen & (frame["scope_kind"].to_numpy(object) == scope_kind)
    return frame[chosen].reset_index(drop=True)


def every_period(filters: Filters) -> Filters:
    """The viewer's scope over every period: a table of targets for it holds every view's
    rows (the dates and the raion filter only choose which are shown), so it can be built once
    per data version, scope and day instead of once per view."""
    return Filters(dt.date.min, dt.date.max, scope=filters.scope)


def shown(frame: pd.DataFrame, filters: Filters) -> np.ndarray:
    """Which rows of a targets frame (period_start, period_end, scope_kind, scope_raion) are
    visible under ``filters`` (:func:`is_visible`) with a period overlapping their dates."""
    chosen = ((frame["period_start"] <= filters.date_to)
              & (frame["period_end"] >= filters.date_from)).to_numpy(bool)  # fmt: skip
    raions = filters.effective_raions
    if raions is None:
        return chosen
    national = frame["scope_kind"].to_numpy(object) == "national"
    return chosen & (national | frame["scope_raion"].isin(list(raions)).to_numpy(bool))


def _sorted_targets(session: Session) -> pd.DataFrame:
    """:func:`read_targets` in :func:`load_targets`' order: a subset of it keeps it."""
    frame = read_targets(session)
    order = frame["scope_kind"].map({k: i for i, k in enumerate(TARGET_SCOPES)})
    metric_order = frame["metric"].map({m: i for i, m in enumerate(TARGET_METRICS)})
    return (
        frame.assign(_k=order, _m=metric_order)
        .sort_values(["period_start", "period_end", "_k", "scope_value", "_m"], na_position="first")
        .drop(columns=["_k", "_m"])
        .reset_index(drop=True)
    )
