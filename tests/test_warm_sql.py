"""The SQL parts of the pages' plans are compiled ahead (once per process and kind of
database), so a view of a new kind of filter compiles nothing; compiled ahead on PostgreSQL
too, and nothing for a database without enough data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import data_access.queries.plan_text as plan_text
import data_access.queries.warm_sql as warm_sql
from dashboard.filters import Filters
from data_access.database import Database
from data_access.queries import breakdowns, metrics
from data_access.queries.libraries import map_frames
from data_access.queries.versioned import Recent
from data_access.queries.warm import warm_store
from tests.handmade import seed_handmade

D = dt.date


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A process that has compiled nothing yet; the statements compiled, as they are."""
    monkeypatch.setattr(warm_sql, "_warmed", set())
    monkeypatch.setattr(plan_text, "_compiled", Recent(2048))
    seen: list[str] = []
    compile_one = plan_text._compile

    def counted(*args: Any, **kwargs: Any) -> plan_text.Compiled:
        compiled = compile_one(*args, **kwargs)
        seen.append(compiled.sql)
        return compiled

    monkeypatch.setattr(plan_text, "_compile", counted)
    return seen


def test_views_after_warming_compile_nothing(demo_sqlite: Path, compiles: list[str]) -> None:
    db = Database(f"sqlite:///{demo_sqlite}")
    warm_store(db)  # what a server does before it is ready
    assert len(compiles) > 100  # the parts of the pages' plans
    with db.session() as s:
        span = warm_sql.long_range(s)
        assert warm_sql.warm_statements(s) == 0  # once per process and kind of database
    assert span is not None
    assert (span[0].day, span[0].month % 3, span[1].day, span[1].month % 3) == (17, 1, 13, 0)
    compiles.clear()
    views = [Filters(D(2019, 2, 11), D(2021, 8, 3), services=("cazier",), tiers=("local",)),
             Filters(D(2023, 5, 6), D(2023, 11, 20), raions=("MD-UN",), services=("pensie",)),
             Filters(D(2017, 1, 9), D(2024, 12, 30), library_kinds=("village",)),
             Filters(D(2024, 2, 3), D(2024, 2, 27), formats=("online",),
                     services=("declaratie_fiscala",))]  # fmt: skip
    with db.session() as s:
        for filters in views:
            metrics.activity_totals(s, filters)
            breakdowns.by_service(s, filters)
            breakdowns.request_profile(s, filters)
            breakdowns.activity_by(s, filters, "ambassador_id")
            map_frames(s, filters, 60)
    db.dispose()
    assert compiles == []


def test_warming_compiles_the_parts_for_each_engine(db: Database, compiles: list[str]) -> None:
    seed_handmade(db)
    with db.session() as s:
        positional = s.get_bind().dialect.positional
        plans = warm_sql.warm_statements(s, (D(2023, 10, 17), D(2024, 3, 13)))
    assert plans >= len(warm_sql.PAGE_AGGREGATES) * 2 ** len(warm_sql.EXAMPLES) // 2
    parts = [sql for sql in compiles if "plan_parts" not in sql]  # not the grouping around
    assert parts
    # each engine's own placeholders for a part's span; lists expanded when run
    assert all(("BETWEEN ? AND ?" if positional else "%(first_0)s") in sql for sql in parts)
    assert any("POSTCOMPILE_services" in sql for sql in parts)


def test_too_little_data_warms_nothing(db: Database, compiles: list[str]) -> None:
    with db.session() as s:  # an empty database: no range to plan
        assert warm_sql.long_range(s) is None
        assert warm_sql.warm_statements(s) == 0
    assert compiles == []
