"""Libraries as places on the map: position, kind, ambassadors, activity and dormancy."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from dashboard.baseline import NAIVE
from dashboard.filters import Filters
from data_access.queries.breakdowns import by_raion, by_raion_of_libraries
from data_access.queries.dimensions import Dimensions, dimensions, in_view
from data_access.queries.frames import datetimes, gather
from data_access.queries.library_latest import library_activity_latest

ROSTER_COLUMNS = ["library_id", "code", "name", "locality", "raion_code", "kind", "lat", "lon",
                  "accredited_on"]  # fmt: skip


def library_roster(session: Session, on: dt.date) -> pd.DataFrame:
    """Every library with its national and local ambassadors still serving on ``on``."""
    return pd.DataFrame(_roster_columns(session, on))


def _roster_columns(session: Session, on: dt.date) -> dict[str, Any]:
    """:func:`library_roster`'s columns (a new dict of shared, read-only arrays)."""
    dims = dimensions(session)
    return dict(dims.remember(("roster", on), lambda: _read_roster(dims, on)))


def _read_roster(dims: Dimensions, on: dt.date) -> dict[str, Any]:
    columns: dict[str, Any] = {c: dims.libraries[c].array for c in ROSTER_COLUMNS}
    for tier in ("national", "local"):
        columns[f"{tier}_ambassadors"] = dims.staff_counts(dims.serving(on, (tier,)))
    return columns


def library_activity(session: Session, filters: Filters, lookback_days: int) -> pd.DataFrame:
    """Per library: this period's sessions, participants and requests, and the latest activity
    day within ``lookback_days`` before the period end (datetime64; NaT when older or never)."""
    return library_activity_latest(session, filters, lookback_days)  # columns in that order


MARKER_LOOKBACK_DAYS = 365  # the map's "days since last activity" looks back one year


def map_frames(session: Session, filters: Filters,
               dormant_days: int) -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    """The map's raions (:func:`breakdowns.by_raion` of every raion in scope: the choropleth
    does not follow the raion filter) and its library markers, from one per-library read."""
    national = replace(filters, raions=())
    if NAIVE.get():
        return by_raion(session, national), library_markers(session, filters, dormant_days)
    activity = library_activity(session, national, MARKER_LOOKBACK_DAYS)
    markers = library_markers(session, filters, dormant_days, activity)
    return by_raion_of_libraries(session, national, activity), markers


def library_markers(session: Session, filters: Filters, dormant_days: int,
                    activity: pd.DataFrame | None = None) -> pd.DataFrame:  # fmt: skip
    """One row per library for the map: position, this period's activity, days since the last
    activity, marker class (national / local / none / dormant) and whether it is in view.

    ``activity`` (as :func:`library_activity`) may be given, read for a wider view (the raion
    filter dropped): the libraries out of ``filters``' view show none of it."""
    frame = _roster_columns(session, filters.date_to)  # arrays: one frame built at the end
    if activity is None:
        activity = library_activity(session, filters, MARKER_LOOKBACK_DAYS)
    shown = in_view(dimensions(session).libraries, filters)  # in roster order
    at = pd.Index(activity["library_id"]).get_indexer(frame["library_id"])
    at[~shown] = -1
    for column in ("sessions", "participants", "requests"):
        frame[column] = gather(activity[column].to_numpy(np.int64), at, 0)
    end = np.datetime64(filters.date_to, "D")
    days = datetimes(activity["last_day"]).astype("M8[D]")
    last = gather(days, at, np.datetime64("NaT"))
    frame["last_day"] = last.astype(object)  # dates; None: none in the look-back
    frame["citizens_served"] = frame["participants"] + frame["requests"]
    gap = end - last
    days = np.where(np.isnat(gap), np.nan, gap.astype("int64"))  # NaN: none in the look-back
    frame["days_since_activity"] = days
    accredited = dimensions(session).libraries["accredited_day"].to_numpy()  # roster order
    is_point = accredited <= end  # NaT: never accredited
    dormant = is_point & (np.isnan(days) | (days > dormant_days))
    national = frame["national_ambassadors"] > 0
    local = frame["local_ambassadors"] > 0
    tier = np.where(national, "national", np.where(local, "local", "none"))
    frame["marker_class"] = np.where(dormant, "dormant", tier)
    frame["visible"] = shown & (is_point | (frame["citizens_served"] > 0))
    return pd.DataFrame(frame, copy=False)
