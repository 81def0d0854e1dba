"""Distances worked out independently of data_access.geo, for the coverage tests: great-circle
distances (haversine) and the real localities of the reference data."""

from __future__ import annotations

import math

import pandas as pd

from data_access.reference import localities_frame

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def place(name: str, raion: str) -> pd.Series:
    """The reference locality called ``name`` in ``raion``."""
    frame = localities_frame()
    return frame[(frame["name_ro"] == name) & (frame["raion_code"] == raion)].iloc[0]
