"""Rollups + edges give exactly what the raw facts give, for many realistic filter shapes."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.baseline import NAIVE
from dashboard.bench.scenarios import random_scenarios
from dashboard.filters import Filters, Vocabulary
from dashboard.url_state import parse_filters, query_params
from data_access.database import Database
from data_access.queries import breakdowns, metrics
from data_access.queries.kpi_panel import current_kpis, place_pairs
from data_access.queries.libraries import library_activity, map_frames
from data_access.queries.range_pieces import split_periods, split_years
from data_access.reference import raion_codes, service_types_frame
from data_access.schema import init_db
from tests.conftest import DEMO_UNTIL
from tests.sql_log import statements_run


@pytest.fixture(scope="module")
def demo_db(demo_sqlite: Path, tmp_path_factory: pytest.TempPathFactory) -> Database:
    path = tmp_path_factory.mktemp("equiv") / "demo.sqlite3"
    shutil.copy(demo_sqlite, path)
    db = Database(f"sqlite:///{path}")
    init_db(db)  # also proves a demo database upgrades cleanly
    return db


def _cases() -> list[Filters]:
    vocab = Vocabulary(raions=raion_codes(), services=frozenset(service_types_frame()["code"]))
    scenarios = random_scenarios(vocab, DEMO_UNTIL, 25, seed=3)
    cases = [parse_filters(query_params(s.search), vocab, DEMO_UNTIL)[0] for s in scenarios]
    rng = random.Random(5)
    for _ in range(10):  # arbitrary day ranges, including both edges inside one month
        start = dt.date(2016, 4, 1) + dt.timedelta(days=rng.randrange(0, 3800))
        end = min(start + dt.timedelta(days=rng.choice([3, 20, 45, 400])), DEMO_UNTIL)
        cases.append(Filters(start, end))
    return cases


CASES = _cases()


def _raw(fn, *args):  # type: ignore[no-untyped-def]
    token = NAIVE.set(True)
    try:
        return fn(*args)
    finally:
        NAIVE.reset(token)


@pytest.mark.parametrize("filters", CASES, ids=lambda f: f.cache_key()[:8])
def test_rollup_answers_equal_raw_answers(demo_db: Database, filters: Filters) -> None:
    with demo_db.session() as s:
        assert metrics.activity_totals(s, filters) == _raw(metrics.activity_totals, s, filters)
        assert metrics.active_ambassadors(s, filters) == _raw(
            metrics.active_ambassadors, s, filters
        )
        dormant = _raw(metrics.dormant_access_points, s, filters, 60, 60)
        assert place_pairs(s, filters, 60)[1] == len(dormant)
        assert current_kpis(s, filters, 60) == _raw(metrics.kpis, s, filters, 60)
        fast = breakdowns.by_month(s, filters).reset_index(drop=True)
        slow = _raw(breakdowns.by_month, s, filters).reset_index(drop=True)
        assert fast.to_dict("list") == slow.to_dict("list")
        fast = breakdowns.by_raion(s, filters)
        assert fast.equals(_raw(breakdowns.by_raion, s, filters))
        fast = breakdowns.by_service(s, filters).set_index("service_type_code")
        slow = _raw(breakdowns.by_service, s, filters).set_index("service_type_code")
        assert (
            fast[["requests", "sessions"]]
            .sort_index()
            .equals(slow[["requests", "sessions"]].sort_index())
        )
        fast = library_activity(s, filters, 365).set_index("library_id").sort_index()
        slow = _raw(library_activity, s, filters, 365).set_index("library_id").sort_index()
        columns = ["sessions", "participants", "requests"]
        assert fast[columns].fillna(0).astype(int).equals(slow[columns].fillna(0).astype(int))
        assert pd.to_datetime(fast["last_day"]).equals(pd.to_datetime(slow["last_day"]))
        for key in ("ambassador_id", "library_id"):  # latest days from the rollups in memory
            fast = breakdowns.activity_by(s, filters, key).sort_values(key)
            slow = _raw(breakdowns.activity_by, s, filters, key).sort_values(key)
            assert fast.to_dict("list") == slow.to_dict("list"), key


@pytest.mark.parametrize(
    ("months", "pieces"),
    [
        # nothing happened before the program's first month: 2016 reads as a whole year
        ((201603, 202611), [("year", (2016, 2026))]),
        ((201907, 202212), [("month", (201907, 201912)), ("year", (2020, 2022))]),
        ((202001, 202406), [("year", (2020, 2023)), ("month", (202401, 202406))]),
        ((202003, 202010), [("month", (202003, 202010))]),
        ((202105, 202203), [("month", (202105, 202203))]),
    ],
)
def test_whole_years_are_read_from_yearly_rollups(
    demo_db: Database, months: tuple[int, int], pieces: list[tuple[str, tuple[int, int]]]
) -> None:
    with demo_db.session() as s:
        assert split_years(s, "requests", months) == pieces


@pytest.mark.parametrize(
    ("months", "pieces"),
    [
        # two years from an August: 2 months, a quarter, the year, 2 quarters, a month
        ((202308, 202507), [("month", (202308, 202309)), ("quarter", (20234, 20234)),
                            ("year", (2024, 2024)), ("quarter", (20251, 20252)),
                            ("month", (202507, 202507))]),
        # quarters across a new year, months on both sides
        ((202105, 202204), [("month", (202105, 202106)), ("quarter", (20213, 20221)),
                            ("month", (202204, 202204))]),
        ((202311, 202402), [("month", (202311, 202402))]),  # no whole quarter
        ((202410, 202412), [("quarter", (20244, 20244))]),
    ],
)  # fmt: skip
def test_whole_quarters_between_years_and_months(
    demo_db: Database, months: tuple[int, int], pieces: list[tuple[str, tuple[int, int]]]
) -> None:
    with demo_db.session() as s:
        assert split_periods(s, "requests", months) == pieces


def test_a_view_with_no_access_point_yet(demo_db: Database) -> None:
    """Summer 2016, town libraries: none accredited yet, some already active (found by the
    load run: the empty list of access points once failed to merge with the latest days)."""
    vocab = Vocabulary(raions=raion_codes(), services=frozenset(service_types_frame()["code"]))
    search = "?de=2016-06-14&pana=2016-08-24&tip=town&nivel=local&format=online"
    filters = parse_filters(query_params(search), vocab, DEMO_UNTIL)[0]
    with demo_db.session() as s:
        pairs, dormant = place_pairs(s, filters, 60)
        assert pairs["access_points"][0] == 0
        assert dormant == len(_raw(metrics.dormant_access_points, s, filters, 60, 60)) == 0


@pytest.mark.parametrize("filters", CASES, ids=lambda f: f.cache_key()[:8])
def test_map_frames_from_one_library_read_equal_raw_answers(demo_db: Database,
                                                            filters: Filters) -> None:  # fmt: skip
    """The map sums its raions from the per-library activity it reads for the markers."""
    with demo_db.session() as s:
        raions, markers = map_frames(s, filters, 60)
        raw_raions, raw_markers = _raw(map_frames, s, filters, 60)
    counts = ["raion_code", *breakdowns.ACTIVITY, "citizens_served"]
    assert raions[counts].to_dict("list") == raw_raions[counts].to_dict("list")
    rates = raions["citizens_served_per_10k"].to_numpy()
    assert np.allclose(rates, raw_raions["citizens_served_per_10k"].to_numpy(), equal_nan=True)
    shown = ["library_id", *breakdowns.ACTIVITY, "marker_class", "visible", "last_day"]
    assert markers[shown].to_dict("list") == raw_markers[shown].to_dict("list")
    days, raw_days = markers["days_since_activity"], raw_markers["days_since_activity"]
    assert np.array_equal(days.to_numpy(), raw_days.to_numpy(), equal_nan=True)


@pytest.mark.parametrize(
    "search",
    [
        "?de=2021-12-01&pana=2022-11-30&serviciu=programare_acte&format=in_person",
        "?de=2024-12-01&pana=2025-11-25&serviciu=act_casatorie,asigurare_medicala",
        "?de=2019-04-09&pana=2021-02-17&format=online&raion=MD-CA,MD-UN",
        "?de=2022-07-01&pana=2022-12-31&serviciu=pensie&nivel=local&tip=village",
    ],
)
def test_active_ambassadors_under_a_service_read_whole_quarters(demo_db: Database,
                                                                search: str) -> None:  # fmt: skip
    """Under a service or format filter, the whole quarters between a range's years and edge
    months come from the quarterly twin: fewer rows, the same people as the raw facts."""
    vocab = Vocabulary(raions=raion_codes(), services=frozenset(service_types_frame()["code"]))
    filters = parse_filters(query_params(search), vocab, DEMO_UNTIL)[0]
    with statements_run(demo_db.engine) as statements, demo_db.session() as s:
        fast = metrics.active_ambassadors(s, filters)
        assert fast == _raw(metrics.active_ambassadors, s, filters) > 0
    assert any("rollup_ambassador_service_quarter" in sql for sql in statements)
