"""The coverage page: where the network under-serves people.

Coverage measures cover the **35 units with census population** (32 raions, Chișinău, Bălți,
ATU Găgăuzia). Bender (MD-BD) and the left bank (MD-SN) are outside the program: the 2024
census did not enumerate them, so there is no per-capita rate, and they have no program
libraries — counting their localities as "far from an access point" would only add noise.

Filters: the raion filter (within the viewer's scope) chooses the units listed; the library
kind filter applies to access points everywhere on the page; the activity filters (services,
tiers, formats, dates) apply to the citizens-served rate. Two deliberate exceptions:
- the national median is over all census units in the viewer's scope, not only the raions
  selected, so one raion can still be compared with the country;
- the nearest active access point is searched among all access points in the viewer's scope,
  not only in the selected raions: a village near a raion border is served from next door.
  For a restricted viewer this search stays inside their scope (conservative at the edges).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from dashboard.filters import Filters
from data_access.queries.breakdowns import by_raion
from data_access.queries.dimensions import dimensions, in_view, localities, raion_names, raions
from data_access.queries.directory import ambassador_names
from data_access.queries.library_latest import dormant_last_days

DEFAULT_DORMANT_DAYS = 60
DEFAULT_MAX_KM = 10.0
SCORE_WEIGHTS = {
    "activity_gap": 0.40,
    "far_share": 0.25,
    "dormant_share": 0.15,
    "no_active_point": 0.20,
}
SCORE_FORMULA = """Underserved score (0-100, higher = more underserved), per census unit:
    score = 100 * (0.40*A + 0.25*B + 0.15*C + 0.20*D)
A = activity gap = max(0, 1 - rate / national median), rate = citizens served per 10,000
    inhabitants in the period (0 when the median is 0: nobody is below it);
B = share of the unit's localities farther than N km from the nearest active access point;
C = share of the unit's access points that are dormant (0 when it has none; D covers that);
D = 1 when the unit has no active access point at all, else 0.
The page prints the translated text (dashboard/i18n/coverage_text.py, key coverage.score.formula).
"""

RANKING_COLUMNS = [
    "rank", "raion_code", "raion_name", "kind", "population", "participants", "requests",
    "citizens_served", "citizens_served_per_10k", "ratio_to_median",
]  # fmt: skip
POINT_COLUMNS = [
    "library_id", "code", "name", "locality", "raion_code", "kind", "accredited_on", "lat",
    "lon", "last_day", "dormant",
]  # fmt: skip
DORMANT_COLUMNS = [
    "library_id", "code", "name", "locality", "raion_code", "raion_name", "kind",
    "accredited_on", "last_day", "days_inactive", "ambassadors",
]  # fmt: skip
DISTANCE_COLUMNS = [
    "locality_id", "locality", "locality_kind", "raion_code", "raion_name", "lat", "lon",
    "distance_km", "nearest_library_id", "nearest_library", "nearest_library_locality",
]  # fmt: skip
SCORE_COLUMNS = [
    "rank", "raion_code", "raion_name", "population", "citizens_served_per_10k",
    "localities", "far_localities", "access_points", "dormant_points", "active_points",
    *SCORE_WEIGHTS, "score",
]  # fmt: skip


def program_units(session: Session, filters: Filters) -> pd.DataFrame:
    """The census units in view: raion_code, raion_name, kind, population."""
    frame = raions(session, filters).rename(columns={"name_ro": "raion_name"})
    frame = frame[frame["population"].notna()].astype({"population": "int64"})
    return frame.reset_index(drop=True)


def coverage_ranking(session: Session, filters: Filters) -> tuple[pd.DataFrame, float | None]:
    """Census units in view ranked by citizens served per 10,000 inhabitants (rank 1 = most),
    and the median rate over the census units in the viewer's scope (None if there are none).

    Columns :data:`RANKING_COLUMNS`; ``ratio_to_median`` is NaN when the median is 0.
    """
    national = by_raion(session, replace(filters, raions=()))
    national = national[national["population"].notna()]
    rates = national["citizens_served_per_10k"].astype("float64")
    median = float(rates.median()) if len(rates) else None
    raions = filters.effective_raions
    frame = national if raions is None else national[national["raion_code"].isin(raions)]
    frame = frame.rename(columns={"name_ro": "raion_name"}).copy()
    frame["citizens_served_per_10k"] = frame["citizens_served_per_10k"].astype("float64")
    frame["population"] = frame["population"].astype("int64")
    frame["ratio_to_median"] = frame["citizens_served_per_10k"] / median if median else np.nan
    frame["rank"] = frame["citizens_served_per_10k"].rank(ascending=False, method="min")
    frame["rank"] = frame["rank"].astype("int64")
    frame = frame.sort_values(["rank", "raion_code"]).reset_index(drop=True)
    return frame[RANKING_COLUMNS], median


def access_point_details(session: Session, filters: Filters, dormant_days: int) -> pd.DataFrame:
    """Access points (accredited by the period end) in view, with the dormant flag and, for
    the dormant ones, their last activity day (the definition of ``metrics``)."""
    libraries = dimensions(session).libraries
    chosen = libraries["accredited_day"].to_numpy() <= np.datetime64(filters.date_to, "D")
    chosen &= in_view(libraries, filters)
    points = libraries.loc[chosen, POINT_COLUMNS[:9]].reset_index(drop=True)
    dormant = dormant_last_days(session, filters, points["library_id"], dormant_days)
    at = pd.Index(dormant["library_id"]).get_indexer(points["library_id"])
    last_day = np.empty(len(points), dtype=object)  # None: not dormant, or never active
    last_day[at >= 0] = dormant["last_day"].to_numpy(object)[at[at >= 0]]
    points["last_day"], points["dormant"] = last_day, at >= 0
    return points[POINT_COLUMNS]


def dormant_points(
    session: Session, filters: Filters, dormant_days: int = DEFAULT_DORMANT_DAYS
) -> pd.DataFrame:
    """Dormant access points in view, longest-silent first (never active ones at the top).

    Columns :data:`DORMANT_COLUMNS`: ``last_day`` = last session or request up to the period
    end (None = never), ``days_inactive`` to the period end, ``ambassadors`` = names of the
    library's ambassadors in service at the period end, joined with ", ".
    """
    points = access_point_details(session, filters, dormant_days)
    frame = points[points["dormant"]].copy()
    frame["raion_name"] = frame["raion_code"].map(raion_names(session))
    last = pd.to_datetime(frame["last_day"])
    frame["days_inactive"] = (pd.Timestamp(filters.date_to) - last).dt.days.astype("Int64")
    people = ambassador_names(session, frame["library_id"].tolist(), filters.date_to)
    frame["ambassadors"] = frame["library_id"].map(people).fillna("")
    frame = frame.assign(_last=last).sort_values(["_last", "name"], na_position="first")
    return frame.reset_index(drop=True)[DORMANT_COLUMNS]


def access_points_by_raion(
    session: Session, filters: Filters, dormant_days: int = DEFAULT_DORMANT_DAYS
) -> pd.DataFrame:
    """Per census unit in view: access_points, dormant_points, active_points, no_active_point."""
    units = program_units(session, filters)
    return _points_by_unit(units, access_point_details(session, filters, dormant_days))


def _per_unit(units: pd.DataFrame, raion_codes: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each row's position in ``units`` and which rows have one (for ``bincount``s)."""
    at = pd.Index(units["raion_code"]).get_indexer(raion_codes)
    kept = at >= 0
    return at[kept], kept


def _points_by_unit(units: pd.DataFrame, points: pd.DataFrame) -> pd.DataFrame:
    at, kept = _per_unit(units, points["raion_code"])
    dormant = points["dormant"].to_numpy(bool)[kept]
    frame = units.copy()
    frame["access_points"] = np.bincount(at, minlength=len(units)).astype("int64")
    frame["dormant_points"] = np.bincount(at[dormant], minlength=len(units)).astype("int64")
    frame["active_points"] = frame["access_points"] - frame["dormant_points"]
    frame["no_active_point"] = frame["active_points"] == 0
    return frame


def units_without_active_point(
    session: Session, filters: Filters, dormant_days: int = DEFAULT_DORMANT_DAYS
) -> pd.DataFrame:
    """The census units in view with no active access point (none at all, or all dormant)."""
    frame = access_points_by_raion(session, filters, dormant_days)
    return frame[frame["no_active_point"]].reset_index(drop=True)


def distance_filters(filters: Filters) -> Filters:
    """The part of ``filters`` the locality distances depend on: the period end (which access
    points exist and which are dormant: any activity counts), the library kinds and the
    viewer's scope. Equal for every view that shares them, so they can share one result."""
    return Filters(filters.date_to, filters.date_to, library_kinds=filters.library_kinds,
                   scope=filters.scope)  # fmt: skip


def locality_distances(
    session: Session, filters: Filters, dormant_days: int = DEFAULT_DORMANT_DAYS
) -> pd.DataFrame:
    """Every locality of the census units in view with the nearest active access point.

    Columns :data:`DISTANCE_COLUMNS`; ``distance_km`` is NaN (and the library missing) when
    there is no active access point at all within the viewer's scope.
    """
    units = program_units(session, filters)
    return _distances(session, units, _points_in_scope(session, filters, dormant_days))


def _points_in_scope(session: Session, filters: Filters, dormant_days: int) -> pd.DataFrame:
    """Access points of every raion in the viewer's scope (the raion filter set aside)."""
    return access_point_details(session, replace(filters, raions=()), dormant_days)


def _distances(session: Session, units: pd.DataFrame, points: pd.DataFrame) -> pd.DataFrame:
    places = localities(session)
    places = places[places["raion_code"].isin(units["raion_code"])].reset_index(drop=True)
    places["raion_name"] = places["raion_code"].map(
        dict(zip(units["raion_code"], units["raion_name"], strict=True))
    )
    active = points[~points["dormant"]].reset_index(drop=True)
    from data_access import geo  # geopandas is loaded on the coverage page only (~15 MB)

    nearest = geo.nearest(places, active)
    places["distance_km"] = nearest["distance_km"].to_numpy()
    at = nearest["target"].to_numpy()  # row positions in ``active``; missing: no active point
    found = pd.notna(at)
    rows = np.where(found, at, 0).astype(np.int64)  # any position where none was found
    for column, source in zip(DISTANCE_COLUMNS[-3:], ["library_id", "name", "locality"],
                              strict=True):  # fmt: skip
        values = np.empty(len(at), dtype=object)  # None where nothing was found
        if len(active):
            values[found] = active[source].to_numpy(object)[rows[found]]
        places[column] = values
    places["nearest_library_id"] = places["nearest_library_id"].astype("Int64")
    return places[DISTANCE_COLUMNS]


def is_far(distances: pd.Series, max_km: float) -> pd.Series:
    """Farther than ``max_km`` (exactly ``max_km`` is not far); no active point at all is far."""
    return (distances > max_km) | distances.isna()


def far_localities(
    session: Session,
    filters: Filters,
    max_km: float = DEFAULT_MAX_KM,
    dormant_days: int = DEFAULT_DORMANT_DAYS,
) -> pd.DataFrame:
    """Localities farther than ``max_km`` from an active access point, farthest first."""
    frame = locality_distances(session, filters, dormant_days)
    frame = frame[is_far(frame["distance_km"], max_km)]
    frame = frame.sort_values(["distance_km", "locality_id"], ascending=[False, True],
                              na_position="first")  # fmt: skip
    return frame.reset_index(drop=True)


def far_counts(distances: pd.DataFrame, units: pd.DataFrame, max_km: float) -> pd.DataFrame:
    """Per unit: ``localities``, ``far_localities`` and ``far_share`` (pure)."""
    at, kept = _per_unit(units, distances["raion_code"])
    far = is_far(distances["distance_km"], max_km).to_numpy(bool)[kept]
    frame = units[["raion_code", "raion_name"]].copy()
    frame["localities"] = np.bincount(at, minlength=len(units)).astype("int64")
    frame["far_localities"] = np.bincount(at[far], minlength=len(units)).astype("int64")
    share = frame["far_localities"] / frame["localities"].where(frame["localities"] > 0)
    frame["far_share"] = share.fillna(0.0)
    return frame


def far_counts_by_raion(
    session: Session,
    filters: Filters,
    max_km: float = DEFAULT_MAX_KM,
    dormant_days: int = DEFAULT_DORMANT_DAYS,
) -> pd.DataFrame:
    """Per census unit in view: localities, far_localities, far_share."""
    distances = locality_distances(session, filters, dormant_days)
    return far_counts(distances, program_units(session, filters), max_km)


def score_frame(components: pd.DataFrame, median: float | None) -> pd.DataFrame:
    """Add the :data:`SCORE_FORMULA` components and the score (pure; sorted, ranked).

    ``components`` needs citizens_served_per_10k, localities, far_localities, access_points,
    dormant_points and active_points.
    """
    frame = components.copy()
    rate = frame["citizens_served_per_10k"].astype("float64")
    if median and median > 0:
        frame["activity_gap"] = (1 - rate / median).clip(lower=0.0, upper=1.0)
    else:
        frame["activity_gap"] = 0.0
    localities = frame["localities"].where(frame["localities"] > 0)
    frame["far_share"] = (frame["far_localities"] / localities).fillna(0.0)
    points = frame["access_points"].where(frame["access_points"] > 0)
    frame["dormant_share"] = (frame["dormant_points"] / points).fillna(0.0)
    frame["no_active_point"] = (frame["active_points"] == 0).astype("float64")
    weighted = frame[list(SCORE_WEIGHTS)].mul(pd.Series(SCORE_WEIGHTS)).sum(axis=1)
    frame["score"] = (100 * weighted).round(1)
    frame["rank"] = frame["score"].rank(ascending=False, method="min").astype("int64")
    return frame.sort_values(["rank", "raion_code"]).reset_index(drop=True)


def underserved_scores(
    session: Session,
    filters: Filters,
    max_km: float = DEFAULT_MAX_KM,
    dormant_days: int = DEFAULT_DORMANT_DAYS,
    places: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per census unit in view with the components and the score (0-100, higher =
    more underserved), most underserved first. Columns :data:`SCORE_COLUMNS`. ``places``:
    :func:`locality_distances` of :func:`distance_filters`, when the caller has them."""
    ranking, median = coverage_ranking(session, filters)
    units = program_units(session, filters)
    in_scope = _points_in_scope(session, filters, dormant_days)  # read once, used twice
    points = _points_by_unit(units, in_scope[in_scope["raion_code"].isin(units["raion_code"])])
    if places is None:
        places = _distances(session, units, in_scope)
    far = far_counts(places[places["raion_code"].isin(units["raion_code"])], units, max_km)
    frame = ranking[["raion_code", "raion_name", "population", "citizens_served_per_10k"]]
    frame = frame.merge(points[["raion_code", "access_points", "dormant_points",
                                "active_points"]], on="raion_code")  # fmt: skip
    frame = frame.merge(far[["raion_code", "localities", "far_localities"]], on="raion_code")
    return score_frame(frame, median)[SCORE_COLUMNS]
