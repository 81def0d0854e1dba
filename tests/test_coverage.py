"""Coverage on the database, each on a hand-made case: dormant access points, the ranking and
its median (and how the page's texts name that median), far localities against great-circle
distances, the underserved score, the units with no active point and the map's library markers.
The pure parts are in tests/test_coverage_geometry.py; the demo data's in
tests/test_coverage_demo.py."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

import pandas as pd
import pytest
from sqlalchemy import insert

from dashboard.filters import Filters
from dashboard.i18n import t
from data_access.database import Database
from data_access.models import Ambassador, Library
from data_access.queries import coverage, coverage_points, metrics
from data_access.queries.libraries import library_markers
from data_access.reference import localities_frame
from data_access.writes import SessionRecord, add_sessions
from tests.geo_truth import haversine_km
from tests.geo_truth import place as _place
from tests.handmade_program import seed_program

D = dt.date


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
