"""Libraries as places on the map: position, kind, ambassadors, activity and dormancy."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.filters import Filters
from data_access.queries.dimensions import dimensions
from data_access.queries.library_latest import library_activity_latest

ROSTER_COLUMNS = ["library_id", "code", "name", "locality", "raion_code", "kind", "lat", "lon",
                  "accredited_on"]  # fmt: skip


def library_roster(session: Session, on: dt.date) -> pd.DataFrame:
    """Every library with its national and local ambassadors still serving on ``on``."""
    dims = dimensions(session)
    frame = dims.libraries[ROSTER_COLUMNS].copy()
    for tier in ("national", "local"):
        frame[f"{tier}_ambassadors"] = dims.staff_counts(dims.serving(on, (tier,)))
    return frame


LIBRARY_ACTIVITY_COLUMNS = ["library_id", "sessions", "participants", "requests", "last_day"]


def library_activity(session: Session, filters: Filters, lookback_days: int) -> pd.DataFrame:
    """Per library: this period's sessions, participants and requests, and the latest activity
    day within ``lookback_days`` before the period end (NaT when older or never)."""
    frame = library_activity_latest(session, filters, lookback_days)
    return frame.reindex(columns=LIBRARY_ACTIVITY_COLUMNS)


MARKER_LOOKBACK_DAYS = 365  # the map's "days since last activity" looks back one year


def library_markers(session: Session, filters: Filters, dormant_days: int) -> pd.DataFrame:
    """One row per library for the map: position, this period's activity, days since the last
    activity, marker class (national / local / none / dormant) and whether it is in view."""
    frame = library_roster(session, filters.date_to).merge(
        library_activity(session, filters, MARKER_LOOKBACK_DAYS), on="library_id", how="left"
    )
    for column in ("sessions", "participants", "requests"):
        frame[column] = frame[column].fillna(0).astype("int64")
    frame["citizens_served"] = frame["participants"] + frame["requests"]
    since = pd.to_datetime(frame["last_day"])
    frame["days_since_activity"] = (pd.Timestamp(filters.date_to) - since).dt.days
    accredited = pd.to_datetime(frame["accredited_on"])
    is_point = accredited.notna() & (accredited <= pd.Timestamp(filters.date_to))
    dormant = is_point & (
        frame["days_since_activity"].isna() | (frame["days_since_activity"] > dormant_days)
    )
    has_national = frame["national_ambassadors"].gt(0)
    tier = has_national.map({True: "national", False: "local"})
    tier = tier.where(has_national | frame["local_ambassadors"].gt(0), "none")
    frame["marker_class"] = tier.where(~dormant, "dormant")
    raions = filters.effective_raions
    in_view = frame["raion_code"].isin(raions) if raions is not None else True
    if filters.library_kinds:
        in_view = in_view & frame["kind"].isin(filters.library_kinds)
    frame["visible"] = in_view & (is_point | frame["citizens_served"].gt(0))
    return frame
