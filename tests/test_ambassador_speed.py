"""The fast paths of the directory, targets and coverage grids give exactly what the
straightforward computations give, on the demo database, for many filter shapes (whole months,
partial edges at one or both ends, both edges in one month, scopes, raions, kinds, tiers,
services, formats)."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from dashboard.baseline import NAIVE
from dashboard.bench.scenarios import random_scenarios
from dashboard.filters import Filters, Vocabulary
from dashboard.url_state import parse_filters, query_params
from data_access.database import Database
from data_access.queries import (
    ambassador_activity,
    coverage_points,
    directory,
    raion_months,
    target_cascade,
    targets,
)
from data_access.queries.breakdowns import activity_by
from data_access.queries.library_latest import latest_library_days, library_activity_latest
from data_access.queries.metrics import dormant_access_points, last_activity_by_library
from data_access.reference import raion_codes, service_types_frame
from tests.conftest import DEMO_UNTIL

D = dt.date


@pytest.fixture(scope="module")
def demo_db(demo_sqlite: Path, tmp_path_factory: pytest.TempPathFactory) -> Database:
    path = tmp_path_factory.mktemp("speed") / "demo.sqlite3"
    shutil.copy(demo_sqlite, path)
    return Database(f"sqlite:///{path}")


def _cases() -> list[Filters]:
    vocab = Vocabulary(raions=raion_codes(), services=frozenset(service_types_frame()["code"]))
    scenarios = random_scenarios(vocab, DEMO_UNTIL, 14, seed=11)
    cases = [parse_filters(query_params(s.search), vocab, DEMO_UNTIL)[0] for s in scenarios]
    rng = random.Random(13)
    for _ in range(6):  # day ranges: partial edges, both edges in one month, the first days
        start = D(2016, 1, 1) + dt.timedelta(days=rng.randrange(0, 3900))
        end = min(start + dt.timedelta(days=rng.choice([3, 20, 45, 400])), DEMO_UNTIL)
        cases.append(Filters(start, end))
    cases += [
        Filters(D(2016, 1, 1), D(2016, 1, 20)),
        Filters(D(2023, 3, 1), D(2026, 11, 25), scope=frozenset({"MD-UN", "MD-CU"})),
        Filters(D(2024, 2, 10), D(2025, 6, 17), raions=("MD-HI", "MD-UN"), tiers=("local",),
                scope=frozenset({"MD-HI"})),
        Filters(D(2025, 1, 1), D(2025, 12, 31), library_kinds=("village",), tiers=("national",)),
    ]  # fmt: skip
    return cases


CASES = _cases()


def _active(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows with any activity (either side may list people or places with none)."""
    return frame[frame[["sessions", "participants", "requests"]].sum(axis=1) > 0]


def _same(fast: pd.DataFrame, slow: pd.DataFrame, key: str) -> None:
    fast = fast.sort_values(key).reset_index(drop=True)
    slow = slow.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(fast, slow, check_dtype=False)


@pytest.mark.parametrize("filters", CASES, ids=lambda f: f.cache_key()[:8])
def test_ambassador_activity_equals_straightforward(demo_db: Database, filters: Filters) -> None:
    activity_filters = directory.activity_filters(filters)
    with demo_db.session() as s:
        ids = directory.ambassador_rows(s, filters)["ambassador_id"]
        fast = ambassador_activity.AmbassadorActivity(s, activity_filters)
        period, last = ambassador_activity.straightforward(s, activity_filters, ids)
        fast_last = fast.last_activity(ids)
        period = period[period["ambassador_id"].isin(ids)]
        _same(_active(fast.period[fast.period["ambassador_id"].isin(ids)]), _active(period),
              "ambassador_id")  # fmt: skip
        _same(fast_last, last, "ambassador_id")
        assert fast_last["last_activity"].map(type).eq(dt.date).all()


@pytest.mark.parametrize("filters", CASES, ids=lambda f: f.cache_key()[:8])
def test_grids_equal_their_naive_baseline(demo_db: Database, filters: Filters) -> None:
    """The whole grids against the same code in the naive baseline (raw facts, no fast path)."""
    with demo_db.session() as s:
        fast = [directory.ambassadors_directory(s, filters),
                target_cascade.attainment_by_ambassador(s, filters, DEMO_UNTIL),
                directory.libraries_directory(s, filters),
                coverage_points.dormant_points(s, filters, 45)]  # fmt: skip
        token = NAIVE.set(True)
        try:
            slow = [directory.ambassadors_directory(s, filters),
                    target_cascade.attainment_by_ambassador(s, filters, DEMO_UNTIL),
                    directory.libraries_directory(s, filters),
                    coverage_points.dormant_points(s, filters, 45)]  # fmt: skip
        finally:
            NAIVE.reset(token)
    for f, w in zip(fast, slow, strict=True):
        pd.testing.assert_frame_equal(f, w)


@pytest.mark.parametrize("filters", CASES, ids=lambda f: f.cache_key()[:8])
def test_library_activity_equals_straightforward(demo_db: Database, filters: Filters) -> None:
    with demo_db.session() as s:
        for lookback in (45, 365, 3 * 365):
            fast = latest_library_days(s, filters, lookback)
            _same(fast, last_activity_by_library(s, filters, lookback), "library_id")
        both = library_activity_latest(s, filters, 3 * 365)
        period = activity_by(s, filters, "library_id").drop(columns=["last_day"])
        _same(_active(both).drop(columns=["last_day"]), _active(period), "library_id")
        last = both.dropna(subset=["last_day"])[["library_id", "last_day"]]
        last = last.assign(last_day=last["last_day"].dt.date)  # as the straight answer's
        _same(last, last_activity_by_library(s, filters, 3 * 365), "library_id")
        points = coverage_points.access_point_details(s, filters, 60)
        dormant = dormant_access_points(s, filters, 60)
        assert sorted(points.loc[points["dormant"], "library_id"]) == sorted(dormant["library_id"])


@pytest.mark.parametrize(
    "filters",
    [Filters(D(2016, 1, 1), DEMO_UNTIL), Filters(D(2019, 5, 1), D(2023, 8, 17)),
     Filters(D(2017, 1, 1), D(2021, 12, 31), scope=frozenset({"MD-UN", "MD-CU", "MD-CA"}))],
)  # fmt: skip
def test_targets_read_once_for_every_period(
    demo_db: Database, filters: Filters, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Activity per raion of many periods from one monthly read = one read per period."""
    for today in (DEMO_UNTIL, D(2023, 6, 14)):
        with demo_db.session() as s:
            fast = (targets.targets_table(s, filters, today),
                    targets.attainment_by_raion(s, filters, today))  # fmt: skip
        with monkeypatch.context() as m, demo_db.session() as s:
            m.setattr(raion_months, "MIN_PERIODS", 10**6)
            slow = (targets.targets_table(s, filters, today),
                    targets.attainment_by_raion(s, filters, today))  # fmt: skip
        for f, w in zip(fast, slow, strict=True):
            pd.testing.assert_frame_equal(f, w)


def test_scoped_directory_keeps_activity_within_scope(demo_db: Database) -> None:
    """A restricted viewer's numbers never count what happened outside their scope."""
    whole = Filters(D(2025, 1, 1), D(2025, 12, 31))
    scoped = replace(whole, scope=frozenset({"MD-UN"}))
    with demo_db.session() as s:
        everyone = directory.ambassadors_directory(s, whole).set_index("ambassador_id")
        mine = directory.ambassadors_directory(s, scoped).set_index("ambassador_id")
    assert set(mine.index) <= set(everyone.index)
    assert (mine["sessions"] <= everyone.loc[mine.index, "sessions"]).all()
