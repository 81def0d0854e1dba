"""Libraries as places on the map: position, kind, ambassadors, activity and dormancy."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from dashboard.filters import Filters
from data_access.models import Ambassador, Library
from data_access.queries.frames import read_frame
from data_access.queries.library_latest import library_activity_latest


def library_roster(session: Session, on: dt.date) -> pd.DataFrame:
    """Every library with its national and local ambassadors still serving on ``on``."""
    amb = Ambassador
    serving = (amb.certified_on <= on) & or_(amb.left_on.is_(None), amb.left_on > on)
    counts = (
        select(
            amb.library_id,
            func.sum(case((serving & (amb.tier == "national"), 1), else_=0)).label("national"),
            func.sum(case((serving & (amb.tier == "local"), 1), else_=0)).label("local"),
        )
        .group_by(amb.library_id)
        .subquery()
    )
    lib = Library
    stmt = (
        select(
            lib.id, lib.code, lib.name, lib.locality, lib.raion_code, lib.kind, lib.lat, lib.lon,
            lib.accredited_on, func.coalesce(counts.c.national, 0),
            func.coalesce(counts.c.local, 0),
        )
        .outerjoin(counts, counts.c.library_id == lib.id)
        .order_by(lib.id)
    )  # fmt: skip
    columns = ["library_id", "code", "name", "locality", "raion_code", "kind", "lat", "lon",
               "accredited_on", "national_ambassadors", "local_ambassadors"]  # fmt: skip
    return read_frame(session, stmt, columns)


LIBRARY_ACTIVITY_COLUMNS = ["library_id", "sessions", "participants", "requests", "last_day"]


def library_activity(session: Session, filters: Filters, lookback_days: int) -> pd.DataFrame:
    """Per library: this period's sessions, participants and requests, and the latest activity
    day within ``lookback_days`` before the period end (NaT when older or never)."""
    frame = library_activity_latest(session, filters, lookback_days)
    return frame.reindex(columns=LIBRARY_ACTIVITY_COLUMNS)


MARKER_LOOKBACK_DAYS = 365  # the map's "days since last activity" looks back one year


def library_markers(session: Session, filters: Filters, dormant_days: int,
                    roster: pd.DataFrame | None = None) -> pd.DataFrame:  # fmt: skip
    """One row per library for the map: position, this period's activity, days since the last
    activity, marker class (national / local / none / dormant) and whether it is in view.
    ``roster``: :func:`library_roster` on the period end, when the caller has it already."""
    roster = library_roster(session, filters.date_to) if roster is None else roster
    frame = roster.merge(
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
