"""Coverage without a database: projected distances against great-circle values, the nearest
access point (ties, pairs within a radius, speed), far counts and the underserved score on
hand-made cases, and the score's printed formula."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from dashboard.i18n import t
from data_access import geo
from data_access.queries import coverage
from data_access.reference import localities_frame
from tests.geo_truth import haversine_km
from tests.geo_truth import place as _place


def _projected_km(a: pd.Series, b: pd.Series) -> float:
    x, y = geo.project([a["lon"], b["lon"]], [a["lat"], b["lat"]])
    return float(np.hypot(x[1] - x[0], y[1] - y[0]) / 1000)


# --- geometry (no database) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "approx_km"),
    [
        (("Chișinău", "MD-CU"), ("Bălți", "MD-BA"), 109.3),
        (("Chișinău", "MD-CU"), ("Cahul", "MD-CA"), 132.9),
        (("Bălți", "MD-BA"), ("Sadovoe", "MD-BA"), 10.0),  # around the default threshold
        (("Bălți", "MD-BA"), ("Elizaveta", "MD-BA"), 7.0),
        (("Blindești", "MD-UN"), ("Zagarancea", "MD-UN"), 10.0),
    ],
)
def test_projected_distance_agrees_with_great_circle(
    first: tuple[str, str], second: tuple[str, str], approx_km: float
) -> None:
    a, b = _place(*first), _place(*second)
    truth = haversine_km(a["lat"], a["lon"], b["lat"], b["lon"])
    assert truth == pytest.approx(approx_km, rel=0.02)
    assert _projected_km(a, b) == pytest.approx(truth, rel=0.005)


def test_nearest_with_a_library_exactly_at_a_locality() -> None:
    places = pd.DataFrame(
        {"lat": [47.76291, 47.77640, 47.78177], "lon": [27.92854, 27.79610, 28.01738]},
        index=[10, 11, 12],
    )  # Bălți, Sadovoe, Elizaveta
    libraries = pd.DataFrame({"lat": [47.76291, 46.33352], "lon": [27.92854, 28.96165]},
                             index=[501, 502])  # Bălți, Basarabeasca  # fmt: skip
    result = geo.nearest(places, libraries)
    assert result.index.tolist() == [10, 11, 12]
    assert result["target"].tolist() == [501, 501, 501]
    assert result["distance_km"].tolist() == pytest.approx([0.0, 10.04, 6.98], abs=0.01)
    assert result.loc[10, "distance_km"] == 0.0
    far = coverage.is_far(result["distance_km"], 10.0)
    assert far.tolist() == [False, True, False]  # Sadovoe is 10.04 km away
    assert not coverage.is_far(result["distance_km"], 10.1).any()
    assert coverage.is_far(pd.Series([10.0, np.nan]), 10.0).tolist() == [False, True]
    nobody = geo.nearest(places, libraries.iloc[:0])
    assert nobody["distance_km"].isna().all()
    assert nobody["target"].isna().all()


def test_nearest_is_fast_for_every_locality() -> None:
    places = localities_frame()[["lat", "lon"]]
    rng = np.random.default_rng(7)
    libraries = places.sample(1_400, random_state=3).reset_index(drop=True)
    libraries = libraries + rng.normal(0, 0.01, libraries.shape)
    geo.nearest(places, libraries)  # the first call builds the CRS and the transformer
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        geo.nearest(places, libraries)
        timings.append(time.perf_counter() - start)
    assert min(timings) < 0.2


def test_far_counts_on_hand_made_distances() -> None:
    units = pd.DataFrame({"raion_code": ["MD-AA", "MD-BB", "MD-CC"],
                          "raion_name": ["A", "B", "C"]})  # fmt: skip
    distances = pd.DataFrame({
        "locality_id": [1, 2, 3, 4, 5],
        "raion_code": ["MD-AA", "MD-AA", "MD-AA", "MD-BB", "MD-BB"],
        "distance_km": [0.0, 10.0, 10.5, np.nan, 3.0],
    })  # fmt: skip
    frame = coverage.far_counts(distances, units, 10.0).set_index("raion_code")
    assert frame["localities"].to_dict() == {"MD-AA": 3, "MD-BB": 2, "MD-CC": 0}
    assert frame["far_localities"].to_dict() == {"MD-AA": 1, "MD-BB": 1, "MD-CC": 0}
    assert frame["far_share"].tolist() == pytest.approx([1 / 3, 0.5, 0.0])


# --- the score (pure) ------------------------------------------------------------------------


def _components(*rows: tuple) -> pd.DataFrame:
    columns = ["raion_code", "citizens_served_per_10k", "localities", "far_localities",
               "access_points", "dormant_points", "active_points"]  # fmt: skip
    return pd.DataFrame(list(rows), columns=columns)


def test_score_on_a_hand_made_case() -> None:
    frame = _components(
        # rate, localities, far, points, dormant, active
        ("MD-XX", 5.0, 4, 1, 4, 1, 3),  # A .5, B .25, C .25, D 0 -> 20 + 6.25 + 3.75 = 30
        ("MD-YY", 0.0, 10, 10, 0, 0, 0),  # A 1, B 1, C 0, D 1 -> 40 + 25 + 20 = 85
        ("MD-ZZ", 20.0, 5, 0, 2, 2, 0),  # A 0, B 0, C 1, D 1 -> 15 + 20 = 35
        ("MD-WW", 10.0, 0, 0, 1, 0, 1),  # at the median, nothing missing -> 0
        ("MD-VV", 0.0, 3, 3, 2, 2, 0),  # everything wrong -> 100
    )
    scored = coverage.score_frame(frame, median=10.0).set_index("raion_code")
    assert scored["score"].to_dict() == {"MD-VV": 100.0, "MD-YY": 85.0, "MD-ZZ": 35.0,
                                         "MD-XX": 30.0, "MD-WW": 0.0}  # fmt: skip
    assert scored.index.tolist() == ["MD-VV", "MD-YY", "MD-ZZ", "MD-XX", "MD-WW"]
    assert scored["rank"].tolist() == [1, 2, 3, 4, 5]
    xx = scored.loc["MD-XX"]
    assert (xx["activity_gap"], xx["far_share"], xx["dormant_share"], xx["no_active_point"]) == (
        0.5, 0.25, 0.25, 0.0)  # fmt: skip
    # With a zero median nobody is below it: the activity term vanishes.
    flat = coverage.score_frame(frame, median=0.0).set_index("raion_code")
    assert flat.loc["MD-YY", "score"] == 45.0
    assert (flat["activity_gap"] == 0).all()


def test_score_weights_sum_to_one_and_match_the_printed_formula() -> None:
    assert sum(coverage.SCORE_WEIGHTS.values()) == pytest.approx(1.0)
    for lang, decimal in (("ro", ","), ("en", "."), ("ru", ",")):
        text = t("coverage.score.formula", lang, km=10, days=60)
        for weight in coverage.SCORE_WEIGHTS.values():
            assert f"{weight:.2f}".replace(".", decimal) in text, (lang, weight)
        assert "10 km" in text or "10 км" in text
        assert "60" in text
    assert "ș" in t("coverage.score.formula", "ro") or "ț" in t("coverage.score.formula", "ro")


def test_nearest_takes_the_first_of_equidistant_points() -> None:
    from data_access import geo

    places = pd.DataFrame({"lat": [47.0, 46.5], "lon": [28.8, 28.5]})
    twins = pd.DataFrame({"lat": [47.1, 47.1, 46.0], "lon": [28.9, 28.9, 28.0]}, index=[7, 3, 9])
    assert geo.nearest(places, twins)["target"].tolist() == [7, 9]
    assert geo.nearest(places, twins.loc[[3, 7, 9]])["target"].tolist() == [3, 9]


def test_near_pairs_give_the_nearest_allowed_point_within_their_radius() -> None:
    places = pd.DataFrame({"lat": [47.0, 46.5], "lon": [28.8, 28.5]})
    twins = pd.DataFrame({"lat": [47.1, 47.1, 46.0, 47.0], "lon": [28.9, 28.9, 28.0, 28.81]})
    pairs = geo.pairs_within(places, twins, 30.0)
    everyone = np.ones(4, dtype=bool)
    at, distance = pairs.nearest_allowed(everyone)
    assert at.tolist() == [3, -1]  # nothing within 30 km of the second place
    assert distance[0] == pytest.approx(geo.nearest(places, twins)["distance_km"][0])
    assert np.isnan(distance[1])
    at, distance = pairs.nearest_allowed(np.array([True, True, True, False]))
    assert at.tolist() == [0, -1]  # equidistant twins: the first, as :func:`geo.nearest`
    at, _ = pairs.nearest_allowed(np.array([False, True, True, False]))
    assert at.tolist() == [1, -1]
    at, distance = pairs.nearest_allowed(np.zeros(4, dtype=bool))
    assert at.tolist() == [-1, -1]
    assert np.isnan(distance).all()
