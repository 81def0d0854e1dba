"""The directory page: every ambassador and every library with its activity in the period.

The raion and library-kind filters select *whom* to list (by the ambassador's or library's own
library); the activity numbers are over the filtered period, services, formats and tiers, and
always within the viewer's ``scope``. Activity is aggregated in SQL (in as few reads as the
rollups allow: :mod:`~data_access.queries.ambassador_activity`,
:mod:`~data_access.queries.library_latest`) and joined to the small dimension tables here; fact
tables are never loaded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from dashboard.filters import Filters
from data_access.queries.ambassador_activity import AmbassadorActivity
from data_access.queries.dimensions import dimensions, in_view
from data_access.queries.frames import datetimes, gather, taken_columns
from data_access.queries.library_latest import library_activity_latest
from data_access.queries.metrics import LOOKBACK_DAYS

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


def ambassador_names(session: Session, library_ids: list[int], day: dt.date) -> pd.Series:
    """Names of each library's ambassadors in service on ``day``, in name order, joined with
    ", " (indexed by library id). Joined in a plain loop: pandas' groupby with a Python
    aggregate costs ~10x more for these few thousand names."""
    dims = dimensions(session)
    people = dims.ambassadors
    rows = np.flatnonzero(dims.serving(day) & people["library_id"].isin(library_ids).to_numpy())
    names = people["name"].to_numpy()[rows]
    order = np.argsort(names, kind="stable")
    libraries = people["library_id"].to_numpy()[rows][order].tolist()
    joined: dict[int, list[str]] = {}
    for library, name in zip(libraries, names[order].tolist(), strict=True):
        joined.setdefault(library, []).append(name)
    index = pd.Index(sorted(joined), dtype="int64", name="library_id")
    return pd.Series([", ".join(joined[i]) for i in index], index=index, name="name", dtype="str")


def activity_filters(filters: Filters) -> Filters:
    """The filters on the activity of listed ambassadors: the raion and kind filters choose whom
    to list (by their own library), not where they worked; the tier filter is a property of the
    person, applied to the list (each person's activity is all of their own tier)."""
    return replace(filters, raions=(), library_kinds=(), tiers=())


def ambassador_rows(session: Session, filters: Filters) -> pd.DataFrame:
    """The people the raion, kind and tier filters choose, certified by the period end:
    ambassador_id, left_day, name_rank and ``position`` (their row in
    :attr:`Dimensions.ambassadors`, where :func:`directory_columns` takes the rest from: the
    names and codes are Python strings, each taken costs a cache miss, so they are taken once,
    for the rows listed)."""
    people = dimensions(session).ambassadors
    chosen = people["certified_day"].to_numpy() <= np.datetime64(filters.date_to, "D")
    chosen &= in_view(people, filters)
    if filters.tiers:
        chosen &= people["tier"].isin(filters.tiers).to_numpy()
    positions = np.flatnonzero(chosen)
    columns = taken_columns(people, positions, ["ambassador_id", "left_day", "name_rank"])
    return pd.DataFrame({**columns, "position": positions}, copy=False)


def ambassadors_directory(session: Session, filters: Filters) -> pd.DataFrame:
    """One row per ambassador in view (columns :data:`AMBASSADOR_COLUMNS`).

    Listed: ambassadors of the libraries in view (raion, kind) and of the selected tiers who
    were in service at some point of the period, *including those with no activity* (the
    inactive ones are what managers look for), plus anyone with activity in the period.
    ``active`` = any session or request in the period; ``last_activity`` = latest activity up
    to the period end (any service); ``days_since_activity`` is counted to the period end.
    """
    people = ambassador_rows(session, filters)
    activity = AmbassadorActivity(session, activity_filters(filters))
    return directory_rows(filters, people, activity)


def directory_rows(filters: Filters, people: pd.DataFrame,
                   activity: AmbassadorActivity) -> pd.DataFrame:  # fmt: skip
    """:func:`ambassadors_directory` from :func:`ambassador_rows` and their activity (read with
    these filters' :func:`activity_filters`, for these people at least)."""
    return pd.DataFrame(directory_columns(filters, people, activity), copy=False)


def directory_columns(filters: Filters, people: pd.DataFrame,
                      activity: AmbassadorActivity) -> dict[str, Any]:  # fmt: skip
    """:func:`directory_rows` as its columns (for callers that add more before the frame),
    ``people`` as :func:`ambassador_rows` gives them for ``activity``'s session."""
    ids = people["ambassador_id"].to_numpy(np.int64)
    period = activity.period
    at = pd.Index(period["ambassador_id"]).get_indexer(ids)
    counts = {c: gather(period[c].to_numpy(np.int64), at, 0) for c in ACTIVITY}
    active = (counts["sessions"] + counts["requests"]) > 0
    left = people["left_day"].to_numpy("M8[D]")
    in_service = np.isnat(left) | (left >= np.datetime64(filters.date_from, "D"))
    # the rows listed, in name order, each column taken once and the frame built at the end
    # (pandas' row selection and column inserts cost several times the taking)
    rows = np.flatnonzero(in_service | active)
    rows = rows[np.argsort(people["name_rank"].to_numpy()[rows], kind="stable")]
    everyone = dimensions(activity.session).ambassadors
    columns = taken_columns(everyone, people["position"].to_numpy()[rows], AMBASSADOR_COLUMNS[:13])
    columns["trained_by_id"] = pd.array(columns["trained_by_id"], dtype="Int64")
    for column in ACTIVITY:
        columns[column] = counts[column][rows]
    columns["citizens_served"] = columns["participants"] + columns["requests"]
    columns["active"] = active[rows]
    last = activity.latest_days(ids[rows])
    columns["last_activity"] = last.astype(object)  # dates; None: none up to the period end
    gap = np.datetime64(filters.date_to, "D") - last
    days = pd.array(np.where(np.isnat(gap), 0, gap.astype("int64")), dtype="Int64")
    days[np.isnat(gap)] = pd.NA  # no activity up to the period end
    columns["days_since_activity"] = days
    return columns


def libraries_directory(session: Session, filters: Filters, dormant_days: int = 60) -> pd.DataFrame:
    """One row per library in view (columns :data:`LIBRARY_COLUMNS`).

    ``is_access_point`` = accredited on or before the period end; ``dormant`` = an access point
    with no activity in the ``dormant_days`` before the period end (the KPI definition);
    ``ambassadors_in_service`` = its ambassadors (of the selected tiers) certified and not left
    by the period end — not "active ambassadors", which is an activity metric.
    """
    dims = dimensions(session)
    libraries = dims.libraries
    staff = dims.staff_counts(dims.serving(filters.date_to, filters.tiers))
    # the rows listed, in raion and name order: each column taken once, one frame at the end
    rows = np.flatnonzero(in_view(libraries, filters))
    rows = rows[np.argsort(libraries["directory_rank"].to_numpy()[rows], kind="stable")]
    columns = taken_columns(libraries, rows, LIBRARY_COLUMNS[:8])
    accredited = libraries["accredited_day"].to_numpy()[rows]
    is_point = accredited <= np.datetime64(filters.date_to, "D")  # NaT: False
    columns["is_access_point"] = is_point
    columns["ambassadors_in_service"] = staff[rows]
    activity = library_activity_latest(session, filters, LOOKBACK_DAYS)
    at = pd.Index(activity["library_id"]).get_indexer(np.asarray(columns["library_id"]))
    for column in ACTIVITY:
        columns[column] = gather(activity[column].to_numpy(np.int64), at, 0)
    columns["citizens_served"] = columns["participants"] + columns["requests"]
    days = datetimes(activity["last_day"]).astype("M8[D]")
    last = gather(days, at, np.datetime64("NaT"))
    columns["last_activity"] = last.astype(object)  # dates; None: none up to the period end
    cutoff = np.datetime64(filters.date_to - dt.timedelta(days=dormant_days), "D")
    columns["dormant"] = is_point & (np.isnat(last) | (last < cutoff))
    return pd.DataFrame(columns, copy=False)
