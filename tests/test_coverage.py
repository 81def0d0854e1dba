"""Coverage: distances against great-circle values, dormant access points, far localities and
the underserved score, each on a hand-made case."""

from __future__ import annotations

import datetime as dt
import math
import shutil
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import insert

from dashboard.filters import Filters
from dashboard.i18n import t
from data_access import geo
from data_access.database import Database
from data_access.models import Ambassador, Library
from data_access.queries import coverage, coverage_points, metrics
from data_access.queries.dimensions import localities
from data_access.queries.libraries import library_markers
from data_access.reference import localities_frame
from data_access.writes import SessionRecord, add_sessions
from tests.handmade_program import seed_program

D = dt.date
EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def _place(name: str, raion: str) -> pd.Series:
    frame = localities_frame()
    return frame[(frame["name_ro"] == name) & (frame["raion_code"] == raion)].iloc[0]


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


def test_the_median_is_not_called_national_for_a_viewer_limited_to_some_raions() -> None:
    """The median is over the census units of the viewer's scope (see the ranking test below):
    the page's texts describe it that way, and say when that is the whole country."""
    expected = {"ro": ("la care aveți acces", "toată țara", "la care aveți acces"),
                "en": ("you have access to", "whole country", "you have access to"),
                "ru": ("к которым у вас есть доступ", "вся страна", "доступным вам")}  # fmt: skip
    for lang, (scope_words, unscoped_words, median_words) in expected.items():
        formula = t("coverage.score.formula", lang, km=10, days=60).lower()
        median = t("coverage.median", lang, value=1).lower()
        for text in (formula, median):
            assert not any(word in text for word in ("națion", "national", "национал")), text
        assert scope_words in formula
        assert unscoped_words in formula
        assert median_words in median


# --- on the database -------------------------------------------------------------------------


@pytest.fixture
def program_db(db: Database) -> Database:
    seed_program(db)
    return db


def test_dormant_points_hand_made(program_db: Database) -> None:
    spring = Filters(D(2024, 3, 1), D(2024, 5, 31))
    with program_db.session() as s:
        frame = coverage_points.dormant_points(s, spring)
        longer = coverage_points.dormant_points(s, spring, dormant_days=100)
        reference = metrics.dormant_access_points(s, spring)
        winter = coverage_points.dormant_points(s, Filters(D(2024, 1, 1), D(2024, 2, 29)))
        without = coverage_points.units_without_active_point(s, spring)
    assert list(frame.columns) == coverage_points.DORMANT_COLUMNS
    # Cut-off 1 April: L2 last active 20 January, L1 on 29 February. L3 is accredited only in
    # June, L4 never: neither is an access point yet.
    assert frame["code"].tolist() == ["L2", "L1"]  # longest silent first
    assert frame["last_day"].tolist() == [D(2024, 1, 20), D(2024, 2, 29)]
    assert frame["days_inactive"].tolist() == [132, 92]
    assert frame["ambassadors"].tolist() == ["Ana Popescu, Vasile Lungu", "Maria Rusu"]
    assert frame["raion_name"].tolist() == ["Ungheni", "Ungheni"]
    assert sorted(frame["library_id"]) == sorted(reference["library_id"])
    assert longer["code"].tolist() == ["L2"]  # cut-off 21 February: L1 is active again
    assert winter.empty
    # Ungheni has two access points, both dormant; Chișinău has none yet.
    assert {"MD-UN", "MD-CU", "MD-CA"} <= set(without["raion_code"])
    un = without.set_index("raion_code").loc["MD-UN"]
    assert (un["access_points"], un["dormant_points"], un["active_points"]) == (2, 2, 0)


@pytest.mark.parametrize("view", [
    Filters(D(2024, 3, 1), D(2024, 5, 31)), Filters(D(2024, 3, 1), D(2024, 5, 31), ("MD-UN",)),
    Filters(D(2024, 1, 1), D(2024, 7, 31), ("MD-CU", "MD-CA"), library_kinds=("village",)),
    Filters(D(2024, 5, 1), D(2024, 5, 31), scope=frozenset({"MD-UN"})),
    Filters(D(2024, 5, 1), D(2024, 5, 31), ("MD-CU",), scope=frozenset({"MD-UN"})),
])  # fmt: skip
def test_dormant_lists_taken_from_the_scopes_points_equal_their_own_read(
    program_db: Database, view: Filters
) -> None:
    """The coverage page reads its scope's access points once (whatever raions are in view)
    and takes the dormant list and the units without an active point from them."""
    with program_db.session() as s:
        for days in (30, 60, 100):
            points = coverage_points.points_in_scope(s, coverage.distance_filters(view), days)
            pd.testing.assert_frame_equal(
                coverage_points.dormant_points(s, view, days, points=points),
                coverage_points.dormant_points(s, view, days),
            )
            pd.testing.assert_frame_equal(
                coverage_points.units_without_active_point(s, view, days, points=points),
                coverage_points.units_without_active_point(s, view, days),
            )


def test_coverage_ranking_and_median(program_db: Database) -> None:
    jan_feb = Filters(D(2024, 1, 1), D(2024, 2, 29))
    with program_db.session() as s:
        ranking, median = coverage.coverage_ranking(s, jan_feb)
        two, two_median = coverage.coverage_ranking(s, replace(jan_feb, scope=frozenset({
            "MD-UN", "MD-CU"})))  # fmt: skip
        one, one_median = coverage.coverage_ranking(s, replace(jan_feb, raions=("MD-CU",)))
    assert list(ranking.columns) == coverage.RANKING_COLUMNS
    assert len(ranking) == 35  # no Bender, no left bank
    assert not {"MD-BD", "MD-SN"} & set(ranking["raion_code"])
    assert ranking["raion_code"].tolist()[:2] == ["MD-UN", "MD-CU"]
    assert ranking["citizens_served_per_10k"].iloc[0] == pytest.approx(41 / 75_804 * 10_000)
    assert median == 0.0  # 33 of the 35 units had no activity
    assert ranking["ratio_to_median"].isna().all()
    un_rate, cu_rate = 41 / 75_804 * 10_000, 6 / 720_128 * 10_000
    assert two_median == pytest.approx((un_rate + cu_rate) / 2)
    assert two.set_index("raion_code").loc["MD-CU", "ratio_to_median"] == pytest.approx(
        cu_rate / two_median)  # fmt: skip
    assert one["raion_code"].tolist() == ["MD-CU"]  # the median stays national
    assert one_median == median


BALTI_LIBRARY = dict(id=10, code="L10", name="Biblioteca Municipală Bălți", locality="Bălți",
                     raion_code="MD-BA", kind="municipal", lat=47.76291, lon=27.92854,
                     accredited_on=D(2023, 1, 1))  # fmt: skip
BASARABEASCA_LIBRARY = dict(id=11, code="L11", name="Biblioteca orășenească Basarabeasca",
                            locality="Basarabeasca", raion_code="MD-BS", kind="town",
                            lat=46.33352, lon=28.96165, accredited_on=D(2023, 1, 1))  # fmt: skip


@pytest.fixture
def map_db(db: Database) -> Database:
    """Two access points exactly at real localities: Bălți (active: a session on 20 February)
    and Basarabeasca (never active, so dormant)."""
    with db.write_session() as s:
        s.execute(insert(Library), [BALTI_LIBRARY, BASARABEASCA_LIBRARY])
        s.execute(insert(Ambassador), [dict(
            id=10, code="A10", display_name="Irina Bălan", library_id=10, tier="national",
            trained_by_id=None, certified_on=D(2016, 6, 13), left_on=None)])  # fmt: skip
        add_sessions(s, [SessionRecord(D(2024, 2, 20), 10, 10, "in_person", "citizens", 25,
                                       ("cazier",), "B1")])  # fmt: skip
    return db


WINTER = Filters(D(2024, 1, 1), D(2024, 2, 29))


def test_far_localities_with_libraries_at_localities(map_db: Database) -> None:
    with map_db.session() as s:
        distances = coverage.locality_distances(s, WINTER)
        far = coverage.far_localities(s, WINTER, max_km=10)
        counts = coverage.far_counts_by_raion(s, WINTER, max_km=10).set_index("raion_code")
        wider = coverage.far_counts_by_raion(s, WINTER, max_km=10.1).set_index("raion_code")
    assert list(distances.columns) == coverage.DISTANCE_COLUMNS
    assert len(distances) == len(localities_frame()) - 2 - 147  # minus Bender's and MD-SN's
    assert not {"MD-BD", "MD-SN"} & set(distances["raion_code"])
    assert distances["nearest_library_id"].eq(10).all()  # Basarabeasca's point is dormant
    balti = distances[distances["raion_code"] == "MD-BA"].set_index("locality")
    assert balti.loc["Bălți", "distance_km"] == 0.0
    assert balti.loc["Bălți", "nearest_library"] == "Biblioteca Municipală Bălți"
    for name in ("Elizaveta", "Sadovoe"):
        place = _place(name, "MD-BA")
        truth = haversine_km(47.76291, 27.92854, place["lat"], place["lon"])
        assert balti.loc[name, "distance_km"] == pytest.approx(truth, rel=0.005)
    assert (counts.loc["MD-BA", "localities"], counts.loc["MD-BA", "far_localities"]) == (3, 1)
    assert wider.loc["MD-BA", "far_localities"] == 0
    assert (counts.loc["MD-BS", "localities"], counts.loc["MD-BS", "far_localities"]) == (10, 10)
    assert far["distance_km"].is_monotonic_decreasing
    # Against great-circle distances to Bălți (the only active point), away from the edge.
    truth = distances.apply(lambda r: haversine_km(47.76291, 27.92854, r["lat"], r["lon"]),
                            axis=1)  # fmt: skip
    far_ids = set(far["locality_id"])
    assert set(distances.loc[truth > 10 * 1.005, "locality_id"]) <= far_ids
    assert not set(distances.loc[truth < 10 * 0.995, "locality_id"]) & far_ids
    assert 1_400 < len(far) < len(distances)


def test_underserved_scores_hand_made(map_db: Database) -> None:
    # A coordinator of Bălți and Basarabeasca: the median is over their two units.
    scoped = replace(WINTER, scope=frozenset({"MD-BA", "MD-BS"}))
    with map_db.session() as s:
        frame = coverage.underserved_scores(s, scoped, max_km=5)
        national = coverage.underserved_scores(s, replace(WINTER, raions=("MD-BA", "MD-BS")),
                                               max_km=5)  # fmt: skip
    assert list(frame.columns) == coverage.SCORE_COLUMNS
    rows = frame.set_index("raion_code")
    # Bălți: 25 citizens served, above the median (half its own rate): A = 0; 2 of 3
    # localities beyond 5 km: B = 2/3; its one point is active: C = 0, D = 0 -> 16.7.
    ba = rows.loc["MD-BA"]
    assert ba["citizens_served_per_10k"] == pytest.approx(25 / 94_546 * 10_000)
    assert (ba["activity_gap"], ba["dormant_share"], ba["no_active_point"]) == (0, 0, 0)
    assert ba["far_share"] == pytest.approx(2 / 3)
    assert ba["score"] == 16.7
    # Basarabeasca: nothing served (A = 1), every locality far (B = 1), its one point dormant
    # (C = 1, D = 1) -> 100.
    bs = rows.loc["MD-BS"]
    assert (bs["activity_gap"], bs["far_share"], bs["dormant_share"], bs["no_active_point"]) == (
        1, 1, 1, 1)  # fmt: skip
    assert (bs["score"], bs["rank"]) == (100.0, 1)
    assert frame["raion_code"].tolist() == ["MD-BS", "MD-BA"]
    # Unrestricted, the median is over all 35 units and is 0: A = 0 -> 25 + 15 + 20 = 60.
    assert national.set_index("raion_code").loc["MD-BS", "score"] == 60.0


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


def test_locality_distances_and_points_depend_only_on_the_period_end_kinds_and_scope(
    demo_sqlite: Path, tmp_path: Path
) -> None:
    """What lets every view sharing those share one distance result (the coverage page)."""
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_sqlite, path)
    db = Database(f"sqlite:///{path}")
    end = dt.date(2025, 6, 30)
    views = [
        Filters(dt.date(2025, 1, 1), end),
        Filters(dt.date(2019, 3, 4), end, raions=("MD-UN",), services=("cazier",),
                tiers=("local",), formats=("online",)),
        Filters(dt.date(2025, 6, 1), end, library_kinds=("village",)),
        Filters(dt.date(2024, 2, 1), end, library_kinds=("village",), services=("pensie",),
                scope=frozenset({"MD-UN", "MD-CU", "MD-SO"})),
    ]  # fmt: skip
    with db.session() as s:
        for f in views:
            for days in (30, 60):
                got = coverage.locality_distances(s, replace(f, raions=()), days)
                shared = coverage.locality_distances(s, coverage.distance_filters(f), days)
                pd.testing.assert_frame_equal(got, shared)
                points = coverage_points.points_in_scope(s, f, days)  # what the distances stand on
                pd.testing.assert_frame_equal(
                    points, coverage_points.points_in_scope(s, coverage.distance_filters(f), days)
                )
                # the score from pieces the page shares equals the score read alone
                pd.testing.assert_frame_equal(
                    coverage.underserved_scores(s, f, 10, days),
                    coverage.underserved_scores(
                        s,
                        f,
                        10,
                        days,
                        shared,
                        points=points,
                        ranking=coverage.coverage_ranking(s, f),
                    ),
                )
        assert not coverage.locality_distances(s, views[2], 60).equals(
            coverage.locality_distances(s, views[0], 60))  # the kind filter matters  # fmt: skip
    db.dispose()


@pytest.mark.parametrize(
    ("view", "searched"),
    [
        (Filters(D(2017, 1, 1), D(2017, 6, 30)), True),  # few active points
        (Filters(D(2020, 1, 1), D(2020, 12, 31), library_kinds=("village",)), False),
        (Filters(D(2025, 1, 1), D(2025, 6, 30)), False),
        (Filters(D(2025, 1, 1), D(2025, 6, 30), library_kinds=("municipal", "raion")), True),
        (Filters(D(2025, 1, 1), D(2025, 6, 30), scope=frozenset({"MD-UN", "MD-BS"})), False),
    ],
)
def test_locality_distances_equal_a_search_over_the_active_points(
    demo_sqlite: Path, view: Filters, searched: bool
) -> None:
    """The pairs held in memory (and the search for what they miss) find what a spatial index
    search over the active points alone finds: the same distance and the same library."""
    db = Database(f"sqlite:///{demo_sqlite}")
    with db.session() as s:
        points = coverage_points.points_in_scope(s, view, 60)
        got = coverage.locality_distances(s, view, 60)
        units = coverage_points.program_units(s, view)
        active = points[~points["dormant"]].reset_index(drop=True)
        places = localities(s)
        places = places[places["raion_code"].isin(units["raion_code"])].reset_index(drop=True)
        expected = geo.nearest(places, active)
    db.dispose()
    assert got["locality_id"].tolist() == places["locality_id"].tolist()
    np.testing.assert_array_equal(got["distance_km"], expected["distance_km"])
    assert 0 < len(active) < len(points) or view.library_kinds  # dormant points set aside
    found = expected["target"].notna().to_numpy()
    wanted = active["library_id"].to_numpy()[expected["target"][found].astype(int)]
    assert got["nearest_library_id"][found].tolist() == wanted.tolist()
    # some localities had no active point within the pairs' radius: the search found theirs
    assert (got["distance_km"] > coverage.NEAR_KM).any() == searched


def test_localities_with_no_active_point_in_scope(map_db: Database) -> None:
    """Basarabeasca's only point is dormant: for its coordinator nothing is near, anywhere."""
    scoped = replace(WINTER, scope=frozenset({"MD-BS"}))
    with map_db.session() as s:
        distances = coverage.locality_distances(s, scoped)
        counts = coverage.far_counts_by_raion(s, scoped, max_km=10).set_index("raion_code")
    assert len(distances) == 10
    assert set(distances["raion_code"]) == {"MD-BS"}
    assert distances["distance_km"].isna().all()
    assert distances["nearest_library_id"].isna().all()
    assert distances["nearest_library"].isna().all()
    assert (counts.loc["MD-BS", "localities"], counts.loc["MD-BS", "far_localities"]) == (10, 10)


def test_library_markers_hand_made(map_db: Database) -> None:
    """The map's markers: Bălți active with its national ambassador, Basarabeasca dormant."""
    with map_db.session() as s:
        frame = library_markers(s, WINTER, dormant_days=60).set_index("code")
        later = library_markers(s, replace(WINTER, date_to=D(2024, 5, 1)), 60).set_index("code")
        only_towns = library_markers(s, replace(WINTER, library_kinds=("town",)), 60)
    balti, bs = frame.loc["L10"], frame.loc["L11"]
    assert (balti["sessions"], balti["participants"], balti["citizens_served"]) == (1, 25, 25)
    assert balti["last_day"] == D(2024, 2, 20)
    assert balti["days_since_activity"] == 9
    assert balti["marker_class"] == "national"
    assert bs["sessions"] == 0
    assert bs["last_day"] is None
    assert math.isnan(bs["days_since_activity"])
    assert bs["marker_class"] == "dormant"
    assert frame["visible"].to_dict() == {"L10": True, "L11": True}
    # 1 May: 71 days since 20 February, over the 60: Bălți is dormant too
    assert later.loc["L10", "days_since_activity"] == 71
    assert later.loc["L10", "marker_class"] == "dormant"
    assert only_towns.set_index("code")["visible"].to_dict() == {"L10": False, "L11": True}
