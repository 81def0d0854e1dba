"""Distances on the ground, computed with geopandas in a projected CRS (no database here).

Coordinates are WGS 84 latitude/longitude. They are projected to **EPSG:4026, MOLDREF99 /
Moldova TM**, the national transverse Mercator grid centred on 28.4°E: across Moldova its
straight-line distances differ from true geodesic ones by at most ~0.01% (UTM 35N: 0.04%,
Stereo70: 0.07%), so metres in this plane are metres on the ground. The CRS and the
transformer are built once per process (the first build costs ~40 ms, later calls nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

GEOGRAPHIC_CRS = "EPSG:4326"
PROJECTED_CRS = "EPSG:4026"  # MOLDREF99 / Moldova TM


@cache
def projected_crs() -> pyproj.CRS:
    return pyproj.CRS.from_user_input(PROJECTED_CRS)


@cache
def _transformer() -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(GEOGRAPHIC_CRS, projected_crs(), always_xy=True)


def project(lon: object, lat: object) -> tuple[np.ndarray, np.ndarray]:
    """Projected ``(x, y)`` in metres of longitude/latitude arrays."""
    x, y = _transformer().transform(
        np.asarray(lon, dtype="float64"), np.asarray(lat, dtype="float64")
    )
    return np.asarray(x, dtype="float64"), np.asarray(y, dtype="float64")


def points(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    """The ``lat``/``lon`` of ``frame`` as projected points (geometry only, index kept)."""
    x, y = project(frame["lon"], frame["lat"])
    return gpd.GeoDataFrame(
        geometry=gpd.points_from_xy(x, y), index=frame.index, crs=projected_crs()
    )


def nearest(sources: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """For each row of ``sources``, the nearest row of ``targets`` and the distance to it.

    Both frames need ``lat`` and ``lon``. Returns a frame indexed like ``sources`` with
    ``target`` (the index label of the nearest target; the first one on ties) and
    ``distance_km``. With no targets at all, ``target`` is missing and the distance is NaN.
    """
    if sources.empty or targets.empty:
        return pd.DataFrame(
            {"target": pd.Series(pd.NA, index=sources.index, dtype="object"),
             "distance_km": np.full(len(sources), np.nan)},
            index=sources.index,
        )  # fmt: skip
    left, right = points(sources), points(targets)
    # the spatial index's nearest query (what sjoin_nearest runs, without its joins: ~2x faster)
    pairs, distance_m = right.sindex.nearest(left.geometry, return_all=False, return_distance=True)
    order = np.argsort(pairs[0], kind="stable")
    return pd.DataFrame(
        {"target": right.index.to_numpy()[pairs[1][order]],
         "distance_km": distance_m[order] / 1000.0},
        index=sources.index,
    )  # fmt: skip


@dataclass(frozen=True)
class NearPairs:
    """Every (source, target) pair at most ``radius_km`` apart, as row positions of the two
    frames, ordered by source, then distance, then target position."""

    sources: int  # how many sources there were
    radius_km: float
    source: np.ndarray  # int32
    target: np.ndarray  # int32
    distance_km: np.ndarray  # float64

    def nearest_allowed(self, allowed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each source, the position of its nearest ``allowed`` target (a boolean mask over
        the targets) within the radius and the distance to it: -1 and NaN when there is none
        that near. On ties the lowest target position, like :func:`nearest`."""
        keep = np.flatnonzero(allowed[self.target])
        source = self.source[keep]
        first = keep[np.flatnonzero(np.r_[True, source[1:] != source[:-1]])] if len(keep) else keep
        position = np.full(self.sources, -1, dtype=np.int64)
        distance = np.full(self.sources, np.nan)
        position[self.source[first]] = self.target[first]
        distance[self.source[first]] = self.distance_km[first]
        return position, distance


def pairs_within(sources: pd.DataFrame, targets: pd.DataFrame, radius_km: float) -> NearPairs:
    """The pairs of ``sources`` and ``targets`` rows (both with ``lat`` and ``lon``) at most
    ``radius_km`` apart, found with the targets' spatial index (distances as :func:`nearest`
    measures them). Built once, they answer "the nearest of these targets" for any subset of
    the targets with a few array operations (:meth:`NearPairs.nearest_allowed`)."""
    left, right = points(sources).geometry.array, points(targets).geometry
    pairs = right.sindex.query(left, predicate="dwithin", distance=radius_km * 1000.0)
    distance_km = shapely.distance(left[pairs[0]], right.array[pairs[1]]) / 1000.0
    order = np.lexsort((pairs[1], distance_km, pairs[0]))
    return NearPairs(len(sources), radius_km, pairs[0][order].astype(np.int32),
                     pairs[1][order].astype(np.int32), distance_km[order])  # fmt: skip
