"""The planner's answers (rollups in SQL and the tables held in memory) equal the raw facts'
answers for the groupings the pages use, under each kind of filter, over periods with partial
edge months."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from dashboard.baseline import NAIVE
from dashboard.filters import Filters
from data_access.database import Database
from data_access.queries.frames import combine_parts
from data_access.queries.planner import _plan, aggregate, aggregate_parts, typed_result
from data_access.queries.sources import MAX_MEASURES

D = dt.date
PERIODS = [(D(2019, 3, 10), D(2021, 5, 20)), (D(2024, 2, 3), D(2024, 2, 27)),
           (D(2016, 4, 1), D(2026, 11, 25))]  # fmt: skip
SHAPES = {
    "none": {},
    "raions": {"raions": ("MD-UN", "MD-CU", "MD-BS")},
    "kinds": {"library_kinds": ("village",)},
    "tiers": {"tiers": ("local",)},
    "formats": {"formats": ("online",)},
    "services": {"services": ("cazier", "mpay")},
    "services and tiers": {"services": ("cazier", "mpay"), "tiers": ("national",)},
    "scope": {"scope": frozenset({"MD-CU", "MD-SO"})},
}
GROUPINGS = [(), ("raion_code",), ("library_kind",), ("month_key",), ("ambassador_id",),
             ("library_id",)]  # fmt: skip
PER_PERSON = [("ambassador_id",), ("library_id",)]
FACTS = {"sessions": ("sessions", "participants"), "requests": ("requests",)}


@pytest.fixture(scope="module")
def demo_db(demo_sqlite: Path) -> Database:
    return Database(f"sqlite:///{demo_sqlite}")


def _sorted(frame: pd.DataFrame, by: tuple[str, ...]) -> dict[str, list[object]]:
    frame = frame.dropna(subset=[b for b in by if b.endswith("_id")])
    return frame.sort_values(list(by)).reset_index(drop=True).to_dict("list") if by else (
        frame.to_dict("list"))  # fmt: skip


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("fact", FACTS)
def test_planner_answers_equal_the_raw_facts(demo_db: Database, fact: str, shape: str) -> None:
    held_pieces = 0
    with demo_db.session() as s:
        for first, last in PERIODS:
            filters = Filters(first, last, **SHAPES[shape])  # type: ignore[arg-type]
            for by in GROUPINGS:
                # per person or library also the fact's latest day (a format filter reads the
                # other fact's whole months, latest days included, from memory)
                latest = ("last_day",) if by in PER_PERSON else ()
                measures = (*FACTS[fact], *latest)
                plan = _plan(s, fact, filters, measures, by, True, in_memory=True)  # type: ignore[arg-type]
                held_pieces += (plan.months is not None) + len(plan.day_spans)
                fast = aggregate(s, fact, filters, measures, by)  # type: ignore[arg-type]
                token = NAIVE.set(True)
                try:
                    slow = aggregate(s, fact, filters, measures, by)  # type: ignore[arg-type]
                finally:
                    NAIVE.reset(token)
                assert _sorted(fast, by) == _sorted(slow, by), (first, by)
    # the sessions' months in memory know neither services nor formats (the requests' know
    # services per person and library)
    if fact == "sessions" and shape in ("services", "formats", "services and tiers"):
        assert held_pieces == 0
    else:
        assert held_pieces > 0  # memory answered some of it: the comparison tested that path


def test_a_service_filters_edge_days_read_only_that_services_requests(demo_db: Database) -> None:
    """Per library under a service filter, a partial month comes from the requests themselves
    (no day rollup holds both): SQLite seeks the service-led index, not every request of the
    days (migration 0015)."""
    filters = Filters(D(2024, 2, 3), D(2024, 2, 27), services=("cazier",))
    with demo_db.session() as s:
        plan = _plan(s, "requests", filters, ("requests",), ("library_id",), True, in_memory=False)
        bound = plan.bound()
        assert bound is not None
        sql = bound.compile(dialect=s.get_bind().dialect, compile_kwargs={"literal_binds": True})
        rows = s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}").all()
    steps = " | ".join(str(row[-1]) for row in rows)
    assert "service_request USING COVERING INDEX ix_service_request_service_day_cover" in steps


@pytest.mark.parametrize("by", PER_PERSON)
def test_format_filter_reads_request_days_from_memory(demo_db: Database, by: tuple[str]) -> None:
    """Requests have no format: under a format filter their whole months per person or library,
    latest days included, come from the rollups in memory (their equality with the facts is
    the test above)."""
    filters = Filters(*PERIODS[0], formats=("online",))
    measures = ("requests", "last_day")
    with demo_db.session() as s:
        plan = _plan(s, "requests", filters, measures, by, True, in_memory=True)
        assert plan.months is not None
        frame = aggregate(s, "requests", filters, measures, by, as_dates=False)
    assert frame["last_day"].dtype.kind == "M"
    assert frame["last_day"].notna().all()


@pytest.mark.parametrize("shape", ["none", "tiers", "services", "services and tiers", "formats"])
@pytest.mark.parametrize("fact", FACTS)
def test_the_parts_of_an_answer_add_up_to_it(demo_db: Database, fact: str, shape: str) -> None:
    """``aggregate_parts`` (what the directory and the map add up with their other parts)."""
    with demo_db.session() as s:
        for first, last in PERIODS:
            filters = Filters(first, last, **SHAPES[shape])  # type: ignore[arg-type]
            for by in PER_PERSON:
                parts = aggregate_parts(s, fact, filters, FACTS[fact], by)  # type: ignore[arg-type]
                assert parts, (first, by)
                summed = combine_parts(parts, by, FACTS[fact], MAX_MEASURES, regroup=True)
                whole = aggregate(s, fact, filters, FACTS[fact], by)  # type: ignore[arg-type]
                assert _sorted(typed_result(summed, FACTS[fact], by, as_dates=True), by) == (
                    _sorted(whole, by)), (first, by)  # fmt: skip
