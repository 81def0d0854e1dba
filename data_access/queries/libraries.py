"""Libraries as places on the map: position, kind, ambassadors, activity and dormancy."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from dashboard.baseline import NAIVE
from dashboard.filters import Filters
from dashboard.periods import PROGRAM_START
from data_access.models import Ambassador, Library, RollupLibraryMonth
from data_access.queries.breakdowns import activity_by
from data_access.queries.frames import read_frame
from data_access.queries.metrics import last_activity_by_library
from data_access.queries.planner import split_range


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
    day within ``lookback_days`` before the period end (NaT when older or never).

    Usually one scan of the library rollup answers it all; otherwise (service, tier or format
    filters, or partial months) the general per-fact queries do.
    """
    fast = _library_activity_from_rollup(session, filters, lookback_days)
    if fast is not None:
        return fast
    activity = activity_by(session, filters, "library_id").drop(columns=["last_day"])
    last = last_activity_by_library(session, filters, lookback_days)
    frame = activity.merge(last, on="library_id", how="outer")
    for column in ("sessions", "participants", "requests"):
        frame[column] = frame[column].fillna(0).astype("int64")
    return frame.reindex(columns=LIBRARY_ACTIVITY_COLUMNS)


def _whole_months(session: Session, first: dt.date, last: dt.date) -> tuple[int, int] | None:
    """The month-key range when both facts read ``[first, last]`` from whole months only."""
    spans = [split_range(session, fact, first, last) for fact in ("sessions", "requests")]
    if spans[0] != spans[1] or spans[0][0] is None or spans[0][1]:
        return None
    return spans[0][0]


def _library_activity_from_rollup(
    session: Session, filters: Filters, lookback_days: int
) -> pd.DataFrame | None:
    if NAIVE.get() or filters.services or filters.tiers or filters.formats:
        return None
    raions = filters.effective_raions
    if raions == ():
        return pd.DataFrame(columns=LIBRARY_ACTIVITY_COLUMNS)
    window_start = max(PROGRAM_START, filters.date_to - dt.timedelta(days=lookback_days))
    months = _whole_months(session, filters.date_from, filters.date_to)
    window_months = _whole_months(session, window_start.replace(day=1), filters.date_to)
    if months is None or window_months is None:
        return None
    m = RollupLibraryMonth
    first, last = min(months[0], window_months[0]), max(months[1], window_months[1])
    in_period = m.month_key.between(*months)

    def period_sum(column: Any) -> Any:
        return func.sum(case((in_period, column), else_=0))

    stmt = (
        select(
            m.library_id,
            period_sum(m.sessions),
            period_sum(m.participants),
            period_sum(m.requests),
            func.max(case((m.month_key >= window_months[0], m.last_day), else_=None)),
        )
        .where(m.month_key.between(first, last))
        .group_by(m.library_id)
    )
    if raions is not None:
        stmt = stmt.where(m.raion_code.in_(raions))
    if filters.library_kinds:
        stmt = stmt.where(m.library_kind.in_(filters.library_kinds))
    frame = read_frame(session, stmt, LIBRARY_ACTIVITY_COLUMNS)
    frame["last_day"] = pd.to_datetime(frame["last_day"]).dt.date
    return frame


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
