"""A period's partial edge months read in one pass (``aggregate_days``) give what reading each
edge on its own and adding them up gives, from memory and from SQL alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from dashboard.filters import Filters
from data_access.database import Database
from data_access.queries.edge_days import aggregate_days
from data_access.queries.frames import combine_parts
from data_access.queries.planner import aggregate, held_days_answer
from data_access.queries.raw import Fact
from data_access.queries.sources import MAX_MEASURES

D = dt.date
EDGES = [(D(2023, 9, 12), D(2023, 9, 30)), (D(2024, 2, 1), D(2024, 2, 27))]
FILTERS = {
    "none": {},
    "raions": {"raions": ("MD-UN", "MD-CU")},
    "tiers": {"tiers": ("local",)},
    "services": {"services": ("cazier", "pensie")},  # requests: SQL, span by span
    "formats": {"formats": ("online",)},
}
READS: list[tuple[Fact, tuple[str, ...]]] = [
    ("sessions", ("sessions", "participants", "last_any_day")),
    ("requests", ("requests", "last_any_day")),
]


@pytest.fixture(scope="module")
def demo_db(demo_sqlite: Path) -> Database:
    return Database(f"sqlite:///{demo_sqlite}")


def _rows(frame: pd.DataFrame, by: tuple[str, ...]) -> list[tuple[object, ...]]:
    frame = frame.dropna(subset=list(by)) if by else frame
    return sorted(frame.astype(object).itertuples(index=False, name=None), key=repr)


@pytest.mark.parametrize("shape", FILTERS)
def test_edges_at_once_equal_each_edge_added_up(demo_db: Database, shape: str) -> None:
    filters = Filters(EDGES[0][0], EDGES[-1][1], **FILTERS[shape])  # type: ignore[arg-type]
    nonempty = 0
    with demo_db.session() as s:
        for fact, measures in READS:
            for by in (("ambassador_id",), ("library_id",)):
                at_once = aggregate_days(s, fact, filters, EDGES, measures, by, as_dates=False)
                each = [aggregate(s, fact, replace(filters, date_from=a, date_to=b), measures,
                                  by, as_dates=False) for a, b in EDGES]  # fmt: skip
                added = combine_parts(each, by, measures, MAX_MEASURES)
                assert _rows(at_once, by) == _rows(added, by), (fact, by)
                nonempty += len(at_once) > 0
    assert nonempty == 4  # every read found someone: the comparison compared rows


def test_the_requests_edges_come_from_memory_without_a_service_filter(demo_db: Database) -> None:
    filters = Filters(*EDGES[0])
    with demo_db.session() as s:
        assert held_days_answer(s, "requests", filters, ("requests",), ("ambassador_id",))
        assert not held_days_answer(s, "requests", replace(filters, services=("cazier",)),
                                    ("requests",), ("ambassador_id",))  # fmt: skip


def test_no_spans_is_an_error(demo_db: Database) -> None:
    with demo_db.session() as s, pytest.raises(ValueError, match="no days"):
        aggregate_days(s, "requests", Filters(*EDGES[0]), [], ("requests",), ())
