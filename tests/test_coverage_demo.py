"""Coverage on the demo data: the locality distances and access points a view reads depend only
on what they should (so views share them), and they equal a spatial search over the active
points alone."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.filters import Filters
from data_access import geo
from data_access.database import Database
from data_access.queries import coverage, coverage_points
from data_access.queries.dimensions import localities

D = dt.date


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
