"""The coverage page's access points: the census units in view, each access point with its
dormant flag and last activity, the dormant list, and the points per unit (see
:mod:`~data_access.queries.coverage` for which filters apply where)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from dashboard.filters import Filters
from data_access.queries.coverage_score import points_by_unit
from data_access.queries.dimensions import dimensions, in_view, raion_names, raions
from data_access.queries.directory import ambassador_names
from data_access.queries.frames import gather, taken
from data_access.queries.library_latest import dormant_last_days
from data_access.queries.versioned import stored

DEFAULT_DORMANT_DAYS = 60
POINT_COLUMNS = [
    "library_id", "code", "name", "locality", "raion_code", "kind", "accredited_on", "lat",
    "lon", "last_day", "dormant",
]  # fmt: skip
DORMANT_COLUMNS = [
    "library_id", "code", "name", "locality", "raion_code", "raion_name", "kind",
    "accredited_on", "last_day", "days_inactive", "ambassadors",
]  # fmt: skip


def program_units(session: Session, filters: Filters) -> pd.DataFrame:
    """The census units in view: raion_code, raion_name, kind, population."""
    units = stored(session, "census_units", _census_units)
    codes = filters.effective_raions
    chosen = units if codes is None else units[units["raion_code"].isin(codes).to_numpy()]
    return chosen.reset_index(drop=True)


def _census_units(session: Session) -> pd.DataFrame:
    frame = raions(session).rename(columns={"name_ro": "raion_name"})
    frame = frame[frame["population"].notna()].astype({"population": "int64"})
    return frame.reset_index(drop=True)


def access_point_details(session: Session, filters: Filters, dormant_days: int) -> pd.DataFrame:
    """Access points (accredited by the period end) in view, with the dormant flag and, for
    the dormant ones, their last activity day (the definition of ``metrics``)."""
    libraries = dimensions(session).libraries
    chosen = libraries["accredited_day"].to_numpy() <= np.datetime64(filters.date_to, "D")
    chosen &= in_view(libraries, filters)
    points = taken(libraries, np.flatnonzero(chosen), POINT_COLUMNS[:9])
    dormant = dormant_last_days(session, filters, points["library_id"], dormant_days)
    at = pd.Index(dormant["library_id"]).get_indexer(points["library_id"])
    # None: not dormant, or never active
    points["last_day"] = gather(dormant["last_day"].to_numpy(object), at, None)
    points["dormant"] = at >= 0
    return points[POINT_COLUMNS]


def dormant_points(
    session: Session, filters: Filters, dormant_days: int = DEFAULT_DORMANT_DAYS, *,
    points: pd.DataFrame | None = None,
) -> pd.DataFrame:  # fmt: skip
    """Dormant access points in view, longest-silent first (never active ones at the top).
    ``points``: :func:`points_in_scope`, when the caller has them (those in view are taken).

    Columns :data:`DORMANT_COLUMNS`: ``last_day`` = last session or request up to the period
    end (None = never), ``days_inactive`` to the period end, ``ambassadors`` = names of the
    library's ambassadors in service at the period end, joined with ", ".
    """
    points = _points_in_view(session, filters, dormant_days, points)
    frame = points[points["dormant"]].copy()
    frame["raion_name"] = frame["raion_code"].map(raion_names(session))
    last = pd.to_datetime(frame["last_day"])
    frame["days_inactive"] = (pd.Timestamp(filters.date_to) - last).dt.days.astype("Int64")
    people = ambassador_names(session, frame["library_id"].tolist(), filters.date_to)
    frame["ambassadors"] = frame["library_id"].map(people).fillna("")
    frame = frame.assign(_last=last).sort_values(["_last", "name"], na_position="first")
    return frame.reset_index(drop=True)[DORMANT_COLUMNS]


def _points_in_view(session: Session, filters: Filters, dormant_days: int,
                    points: pd.DataFrame | None) -> pd.DataFrame:  # fmt: skip
    """:func:`access_point_details`, or those of ``points`` (the scope's) in view: a point's
    row depends on the period end, the kinds and the scope, not on the raion filter."""
    if points is None:
        return access_point_details(session, filters, dormant_days)
    return points[in_view(points, filters)]


def access_points_by_raion(
    session: Session, filters: Filters, dormant_days: int = DEFAULT_DORMANT_DAYS, *,
    points: pd.DataFrame | None = None,
) -> pd.DataFrame:  # fmt: skip
    """Per census unit in view: access_points, dormant_points, active_points, no_active_point
    (``points``: as :func:`dormant_points`)."""
    units = program_units(session, filters)
    return points_by_unit(units, _points_in_view(session, filters, dormant_days, points))


def units_without_active_point(
    session: Session, filters: Filters, dormant_days: int = DEFAULT_DORMANT_DAYS, *,
    points: pd.DataFrame | None = None,
) -> pd.DataFrame:  # fmt: skip
    """The census units in view with no active access point (none at all, or all dormant;
    ``points``: as :func:`dormant_points`)."""
    frame = access_points_by_raion(session, filters, dormant_days, points=points)
    return frame[frame["no_active_point"]].reset_index(drop=True)


def points_in_scope(session: Session, filters: Filters, dormant_days: int) -> pd.DataFrame:
    """Access points of every raion in the viewer's scope (the raion filter set aside), as
    :func:`access_point_details`: they depend on :func:`distance_filters` only."""
    return access_point_details(session, replace(filters, raions=()), dormant_days)
