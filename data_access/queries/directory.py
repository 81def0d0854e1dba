"""The directory page: every ambassador and every library with its activity in the period.

The raion and library-kind filters select *whom* to list (by the ambassador's or library's own
library); the activity numbers are over the filtered period, services, formats and tiers, and
always within the viewer's ``scope``. Activity is aggregated in SQL (``activity_by``) and joined
to the small dimension tables here; fact tables are never loaded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from dashboard.filters import Filters
from dashboard.periods import PROGRAM_START
from data_access.models import Ambassador, Library, Raion
from data_access.queries.breakdowns import activity_by
from data_access.queries.frames import read_frame
from data_access.queries.metrics import last_activity_by_library

ACTIVITY = ["sessions", "participants", "requests"]
AMBASSADOR_COLUMNS = [
    "ambassador_id", "code", "name", "tier", "library_id", "library_code", "library_name",
    "raion_code", "raion_name", "trained_by_id", "trained_by", "certified_on", "left_on",
    "sessions", "participants", "requests", "citizens_served", "active", "last_activity",
    "days_since_activity",
]  # fmt: skip
LIBRARY_COLUMNS = [
    "library_id", "code", "name", "kind", "locality", "raion_code", "raion_name",
    "accredited_on", "is_access_point", "ambassadors_in_service", "sessions", "participants",
    "requests", "citizens_served", "last_activity", "dormant",
]  # fmt: skip


def library_clauses(filters: Filters) -> list[ColumnElement[bool]]:
    """Raion (within scope) and kind conditions on :class:`Library`."""
    clauses: list[ColumnElement[bool]] = []
    raions = filters.effective_raions
    if raions is not None:
        clauses.append(Library.raion_code.in_(raions))
    if filters.library_kinds:
        clauses.append(Library.kind.in_(filters.library_kinds))
    return clauses


def in_service_on(day: dt.date) -> ColumnElement[bool]:
    """Certified on or before ``day`` and not left by then."""
    return and_(
        Ambassador.certified_on <= day,
        or_(Ambassador.left_on.is_(None), Ambassador.left_on > day),
    )


def ambassador_activity(session: Session, filters: Filters) -> pd.DataFrame:
    """Activity per ambassador wherever it happened (within scope): the raion and kind filters
    choose ambassadors by their own library, so they do not restrict the facts here."""
    return activity_by(session, replace(filters, raions=(), library_kinds=()), "ambassador_id")


def _last_activity_by_ambassador(session: Session, filters: Filters) -> pd.DataFrame:
    """Latest session or request day of each ambassador up to the period end (any service)."""
    history = Filters(PROGRAM_START, filters.date_to, scope=filters.scope)
    if history.date_from > history.date_to:
        return pd.DataFrame(columns=["ambassador_id", "last_activity"])
    frame = activity_by(session, history, "ambassador_id")
    return frame[["ambassador_id", "last_day"]].rename(columns={"last_day": "last_activity"})


def _ambassador_rows(session: Session, filters: Filters) -> pd.DataFrame:
    trainer = aliased(Ambassador)
    stmt = (
        select(
            Ambassador.id, Ambassador.code, Ambassador.display_name, Ambassador.tier,
            Ambassador.library_id, Library.code, Library.name, Library.raion_code, Raion.name_ro,
            Ambassador.trained_by_id, trainer.display_name, Ambassador.certified_on,
            Ambassador.left_on,
        )
        .join(Library, Library.id == Ambassador.library_id)
        .join(Raion, Raion.code == Library.raion_code)
        .outerjoin(trainer, trainer.id == Ambassador.trained_by_id)
        .where(Ambassador.certified_on <= filters.date_to, *library_clauses(filters))
    )  # fmt: skip
    if filters.tiers:
        stmt = stmt.where(Ambassador.tier.in_(filters.tiers))
    columns = AMBASSADOR_COLUMNS[:13]
    return read_frame(session, stmt, columns)


def ambassadors_directory(session: Session, filters: Filters) -> pd.DataFrame:
    """One row per ambassador in view (columns :data:`AMBASSADOR_COLUMNS`).

    Listed: ambassadors of the libraries in view (raion, kind) and of the selected tiers who
    were in service at some point of the period, *including those with no activity* (the
    inactive ones are what managers look for), plus anyone with activity in the period.
    ``active`` = any session or request in the period; ``last_activity`` = latest activity up
    to the period end (any service); ``days_since_activity`` is counted to the period end.
    """
    people = _ambassador_rows(session, filters)
    activity = ambassador_activity(session, filters).drop(columns=["last_day"])
    frame = people.merge(activity, on="ambassador_id", how="left")
    for column in ACTIVITY:
        frame[column] = frame[column].fillna(0).astype("int64")
    frame["citizens_served"] = frame["participants"] + frame["requests"]
    frame["active"] = (frame["sessions"] + frame["requests"]) > 0
    in_service = frame["left_on"].isna() | (
        pd.to_datetime(frame["left_on"]) >= pd.Timestamp(filters.date_from)
    )
    frame = frame[in_service | frame["active"]]
    frame = frame.merge(_last_activity_by_ambassador(session, filters), on="ambassador_id",
                        how="left")  # fmt: skip
    frame["days_since_activity"] = _days_before(frame["last_activity"], filters.date_to)
    frame["trained_by_id"] = frame["trained_by_id"].astype("Int64")
    frame = frame.sort_values(["name", "ambassador_id"]).reset_index(drop=True)
    return frame[AMBASSADOR_COLUMNS]


def _days_before(days: pd.Series, end: dt.date) -> pd.Series:
    """Whole days from each date to ``end`` (NaN where there is no date)."""
    return (pd.Timestamp(end) - pd.to_datetime(days)).dt.days.astype("Int64")


def libraries_directory(session: Session, filters: Filters, dormant_days: int = 60) -> pd.DataFrame:
    """One row per library in view (columns :data:`LIBRARY_COLUMNS`).

    ``is_access_point`` = accredited on or before the period end; ``dormant`` = an access point
    with no activity in the ``dormant_days`` before the period end (the KPI definition);
    ``ambassadors_in_service`` = its ambassadors (of the selected tiers) certified and not left
    by the period end — not "active ambassadors", which is an activity metric.
    """
    stmt = (
        select(Library.id, Library.code, Library.name, Library.kind, Library.locality,
               Library.raion_code, Raion.name_ro, Library.accredited_on)
        .join(Raion, Raion.code == Library.raion_code)
        .where(*library_clauses(filters))
    )  # fmt: skip
    libraries = read_frame(session, stmt, LIBRARY_COLUMNS[:8])
    staff = select(Ambassador.library_id, func.count().label("n")).where(
        in_service_on(filters.date_to)
    )
    if filters.tiers:
        staff = staff.where(Ambassador.tier.in_(filters.tiers))
    counts = read_frame(
        session,
        staff.group_by(Ambassador.library_id),
        ["library_id", "ambassadors_in_service"],
    )
    activity = activity_by(session, filters, "library_id").drop(columns=["last_day"])
    last = last_activity_by_library(session, filters).rename(columns={"last_day": "last_activity"})
    frame = libraries.merge(counts, on="library_id", how="left")
    frame = frame.merge(activity, on="library_id", how="left").merge(last, on="library_id",
                                                                     how="left")  # fmt: skip
    for column in ["ambassadors_in_service", *ACTIVITY]:
        frame[column] = frame[column].fillna(0).astype("int64")
    frame["citizens_served"] = frame["participants"] + frame["requests"]
    accredited = pd.to_datetime(frame["accredited_on"])
    frame["is_access_point"] = (accredited <= pd.Timestamp(filters.date_to)).fillna(False)
    cutoff = pd.Timestamp(filters.date_to - dt.timedelta(days=dormant_days))
    last_seen = pd.to_datetime(frame["last_activity"])
    frame["dormant"] = frame["is_access_point"] & (last_seen.isna() | (last_seen < cutoff))
    frame = frame.sort_values(["raion_name", "name", "library_id"]).reset_index(drop=True)
    return frame[LIBRARY_COLUMNS]
