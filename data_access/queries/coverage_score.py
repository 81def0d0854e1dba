"""The coverage page's per-unit arithmetic, pure (no database): access points and far
localities counted per census unit, and the underserved score that combines them."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

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


def per_unit(units: pd.DataFrame, raion_codes: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each row's position in ``units`` and which rows have one (for ``bincount``s)."""
    at = pd.Index(units["raion_code"]).get_indexer(raion_codes)
    kept = at >= 0
    return at[kept], kept


def points_by_unit(units: pd.DataFrame, points: pd.DataFrame) -> pd.DataFrame:
    """``units`` with their access points, dormant and active ones counted (points of other
    units left out)."""
    at, kept = per_unit(units, points["raion_code"])
    dormant = points["dormant"].to_numpy(bool)[kept]
    columns: dict[str, Any] = {c: units[c].array for c in units.columns}
    access = np.bincount(at, minlength=len(units)).astype("int64")
    idle = np.bincount(at[dormant], minlength=len(units)).astype("int64")
    columns |= {"access_points": access, "dormant_points": idle, "active_points": access - idle,
                "no_active_point": access - idle == 0}  # fmt: skip
    return pd.DataFrame(columns)


def is_far(distances: pd.Series, max_km: float) -> pd.Series:
    """Farther than ``max_km`` (exactly ``max_km`` is not far); no active point at all is far."""
    return (distances > max_km) | distances.isna()


def far_counts(distances: pd.DataFrame, units: pd.DataFrame, max_km: float) -> pd.DataFrame:
    """Per unit: ``localities``, ``far_localities`` and ``far_share`` (pure; localities of
    other units left out)."""
    at, kept = per_unit(units, distances["raion_code"])
    far = is_far(distances["distance_km"], max_km).to_numpy(bool)[kept]
    places = np.bincount(at, minlength=len(units)).astype("int64")
    far_places = np.bincount(at[far], minlength=len(units)).astype("int64")
    return pd.DataFrame({"raion_code": units["raion_code"].array,
                         "raion_name": units["raion_name"].array, "localities": places,
                         "far_localities": far_places,
                         "far_share": _share(far_places.astype(np.float64), places)})  # fmt: skip


def score_frame(components: pd.DataFrame, median: float | None) -> pd.DataFrame:
    """Add the :data:`SCORE_FORMULA` components and the score (pure; sorted, ranked).

    ``components`` needs citizens_served_per_10k, localities, far_localities, access_points,
    dormant_points and active_points. Computed on arrays (a few dozen units: pandas' per-call
    cost would be most of it).
    """
    columns: dict[str, Any] = {c: components[c].array for c in components.columns}
    number = {c: components[c].to_numpy(np.float64) for c in
              ("citizens_served_per_10k", "localities", "far_localities", "access_points",
               "dormant_points", "active_points")}  # fmt: skip
    if median and median > 0:
        columns["activity_gap"] = np.clip(1 - number["citizens_served_per_10k"] / median, 0, 1)
    else:
        columns["activity_gap"] = np.zeros(len(components))
    columns["far_share"] = _share(number["far_localities"], number["localities"])
    columns["dormant_share"] = _share(number["dormant_points"], number["access_points"])
    columns["no_active_point"] = (number["active_points"] == 0).astype(np.float64)
    weighted = np.zeros(len(components))
    for name, weight in SCORE_WEIGHTS.items():  # in the formula's order
        weighted = weighted + columns[name] * weight
    columns["score"] = np.round(100 * weighted, 1)
    rank = pd.Series(columns["score"]).rank(ascending=False, method="min").to_numpy(np.int64)
    columns["rank"] = rank
    order = rank_order(rank, components["raion_code"])
    return pd.DataFrame({c: v.take(order) for c, v in columns.items()})


def rank_order(rank: np.ndarray, codes: Any) -> np.ndarray:
    """Positions ordered by rank, then raion code (ranks tie; codes do not)."""
    keys = list(zip(rank.tolist(), list(codes), strict=True))
    return np.array(sorted(range(len(keys)), key=keys.__getitem__), np.int64)


def _share(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """``part / whole``, 0 where ``whole`` is 0."""
    return np.divide(part, whole, out=np.zeros(len(part)), where=whole > 0)
