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
from data_access.queries.coverage_points import DEFAULT_DORMANT_DAYS, points_in_scope, program_units
from data_access.queries.coverage_score import (
    SCORE_WEIGHTS,
    far_counts,
    is_far,
    points_by_unit,
    rank_order,
    score_frame,
)
from data_access.queries.dimensions import dimensions, localities
from data_access.queries.frames import gather, taken_columns
from data_access.queries.versioned import stored

DEFAULT_MAX_KM = 10.0
NEAR_KM = 15.0  # locality-library pairs held in memory: a nearer active point needs no search
RANKING_COLUMNS = [
    "rank", "raion_code", "raion_name", "kind", "population", "participants", "requests",
    "citizens_served", "citizens_served_per_10k", "ratio_to_median",
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


def coverage_ranking(session: Session, filters: Filters) -> tuple[pd.DataFrame, float | None]:
    """Census units in view ranked by citizens served per 10,000 inhabitants (rank 1 = most),
    and the median rate over the census units in the viewer's scope (None if there are none).

    Columns :data:`RANKING_COLUMNS`; ``ratio_to_median`` is NaN when the median is 0.
    """
    national = by_raion(session, replace(filters, raions=()))
    census = national["population"].notna().to_numpy()
    rate = national["citizens_served_per_10k"].to_numpy(np.float64)
    median = float(pd.Series(rate[census]).median()) if census.any() else None
    raions = filters.effective_raions
    chosen = census if raions is None else census & national["raion_code"].isin(raions).to_numpy()
    rows = np.flatnonzero(chosen)  # on arrays: ~35 units, pandas' per-call cost would dominate
    columns = taken_columns(national, rows, ["raion_code", "name_ro", "kind", "participants",
                                             "requests", "citizens_served"])  # fmt: skip
    columns["raion_name"] = columns.pop("name_ro")
    columns["population"] = national["population"].to_numpy()[rows].astype(np.int64)
    columns["citizens_served_per_10k"] = rate[rows]
    columns["ratio_to_median"] = rate[rows] / median if median else np.full(len(rows), np.nan)
    rank = pd.Series(rate[rows]).rank(ascending=False, method="min").to_numpy(np.int64)
    columns["rank"] = rank
    order = rank_order(rank, columns["raion_code"])
    return pd.DataFrame({c: columns[c].take(order) for c in RANKING_COLUMNS}), median


def distance_filters(filters: Filters) -> Filters:
    """The part of ``filters`` the locality distances depend on: the period end (which access
    points exist and which are dormant: any activity counts), the library kinds and the
    viewer's scope. Equal for every view that shares them, so they can share one result."""
    return Filters(filters.date_to, filters.date_to, library_kinds=filters.library_kinds,
                   scope=filters.scope)  # fmt: skip


def locality_distances(session: Session, filters: Filters,
                       dormant_days: int = DEFAULT_DORMANT_DAYS, *,
                       points: pd.DataFrame | None = None) -> pd.DataFrame:  # fmt: skip
    """Every locality of the census units in view with the nearest active access point
    (``points``: :func:`points_in_scope`, when the caller has them).

    Columns :data:`DISTANCE_COLUMNS`; ``distance_km`` is NaN (and the library missing) when
    there is no active access point at all within the viewer's scope.
    """
    units = program_units(session, filters)
    if points is None:
        points = points_in_scope(session, filters, dormant_days)
    return _distances(session, units, points)


def _distances(session: Session, units: pd.DataFrame, points: pd.DataFrame) -> pd.DataFrame:
    places = localities(session)
    in_units = places["raion_code"].isin(units["raion_code"]).to_numpy()
    libraries = dimensions(session).libraries
    active_ids = points["library_id"].to_numpy()[~points["dormant"].to_numpy(bool)]
    active = pd.Index(libraries["library_id"]).get_indexer(active_ids)
    allowed = np.zeros(len(libraries), dtype=bool)
    allowed[active[active >= 0]] = True
    at, distance = _nearest_allowed(session, places, libraries, allowed, in_units)
    rows = np.flatnonzero(in_units)  # the columns taken once, one frame at the end
    columns = taken_columns(places, rows, [c for c in DISTANCE_COLUMNS[:7] if c != "raion_name"])
    names = dict(zip(units["raion_code"], units["raion_name"], strict=True))
    columns["raion_name"] = np.array([names.get(c) for c in columns["raion_code"]], object)
    columns["distance_km"] = distance[rows]
    at = at[rows]  # library positions (-1: no active point at all)
    for column, source in zip(DISTANCE_COLUMNS[-3:], ["library_id", "name", "locality"],
                              strict=True):  # fmt: skip
        columns[column] = gather(libraries[source].to_numpy(object), at, None)
    columns["nearest_library_id"] = pd.array(columns["nearest_library_id"], dtype="Int64")
    return pd.DataFrame({c: columns[c] for c in DISTANCE_COLUMNS})


def _nearest_allowed(
    session: Session,
    places: pd.DataFrame,
    libraries: pd.DataFrame,
    allowed: np.ndarray,
    wanted: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Per locality, the position in ``libraries`` of the nearest ``allowed`` one and the
    distance to it (-1 and NaN when none is allowed): from the pairs within
    :data:`NEAR_KM` (read once per data version), the spatial index searched only for the
    ``wanted`` localities with no allowed library that near."""
    from data_access import geo  # geopandas is loaded on the coverage page only (~15 MB)

    pairs = stored(session, "coverage.locality_pairs",
                   lambda s: geo.pairs_within(places, libraries, NEAR_KM))  # fmt: skip
    at, distance = pairs.nearest_allowed(allowed)
    missing = np.flatnonzero(wanted & (at < 0))
    choice = np.flatnonzero(allowed)
    if len(missing) and len(choice):
        found = geo.nearest(places.iloc[missing], libraries.iloc[choice].reset_index(drop=True))
        at[missing] = choice[found["target"].to_numpy(np.int64)]
        distance[missing] = found["distance_km"].to_numpy()
    return at, distance


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


def far_counts_by_raion(
    session: Session,
    filters: Filters,
    max_km: float = DEFAULT_MAX_KM,
    dormant_days: int = DEFAULT_DORMANT_DAYS,
) -> pd.DataFrame:
    """Per census unit in view: localities, far_localities, far_share."""
    distances = locality_distances(session, filters, dormant_days)
    return far_counts(distances, program_units(session, filters), max_km)


def underserved_scores(
    session: Session,
    filters: Filters,
    max_km: float = DEFAULT_MAX_KM,
    dormant_days: int = DEFAULT_DORMANT_DAYS,
    places: pd.DataFrame | None = None,
    *,
    ranking: tuple[pd.DataFrame, float | None] | None = None,
    points: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per census unit in view with the components and the score (0-100, higher =
    more underserved), most underserved first. Columns :data:`SCORE_COLUMNS`. When the caller
    has them: ``places`` (:func:`locality_distances` of :func:`distance_filters`), ``ranking``
    (:func:`coverage_ranking`) and ``points`` (:func:`points_in_scope`)."""
    ranking_frame, median = ranking or coverage_ranking(session, filters)
    units = program_units(session, filters)
    in_scope = points if points is not None else points_in_scope(session, filters, dormant_days)
    per_unit = points_by_unit(units, in_scope)  # (it counts the units' own points only)
    if places is None:
        places = _distances(session, units, in_scope)
    far = far_counts(places, units, max_km)  # (the units' own localities only)
    # the ranking's units with their points and far localities (what inner merges on the raion
    # code give, by position: each merge would cost more than the score)
    codes = ranking_frame["raion_code"].to_numpy()
    at_points = pd.Index(per_unit["raion_code"]).get_indexer(codes)
    at_far = pd.Index(far["raion_code"]).get_indexer(codes)
    rows = np.flatnonzero((at_points >= 0) & (at_far >= 0))
    columns = taken_columns(ranking_frame, rows, ["raion_code", "raion_name", "population",
                                                  "citizens_served_per_10k"])  # fmt: skip
    for source, at, names in ((per_unit, at_points, ("access_points", "dormant_points",
                                                     "active_points")),
                              (far, at_far, ("localities", "far_localities"))):  # fmt: skip
        for name in names:
            columns[name] = source[name].to_numpy()[at[rows]]
    return score_frame(pd.DataFrame(columns), median)[SCORE_COLUMNS]
