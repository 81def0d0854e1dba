"""The benchmarks at demo scale, so they keep working (issue 6: CI runs a small smoke version;
the national runs are their own commands). Numbers here are not judged, only that every part
measures something real and reports it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.app_factory import create_app
from dashboard.bench import end_to_end, load, queries
from dashboard.bench.callbacks import callback_cases
from dashboard.bench.databases import BENCH_UNTIL
from dashboard.bench.scenarios import random_scenarios
from data_access.database import Database
from data_access.schema import init_db
from tests.conftest import app_settings


@pytest.fixture(scope="module")
def bench_url(demo_sqlite: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("bench") / "demo.sqlite3"
    shutil.copy(demo_sqlite, path)
    init_db(Database(f"sqlite:///{path}"))
    return f"sqlite:///{path}"


def test_query_benchmark_measures_every_query(bench_url: str) -> None:
    cases = queries.scenario_filters(random_scenarios(queries.vocabulary(), BENCH_UNTIL, 3))
    rows = queries.measure(Database(bench_url), "sqlite", cases)
    assert {r["query"] for r in rows} == set(queries.QUERIES)
    assert all(r["n"] > 0 and r["p95_ms"] >= r["p50_ms"] > 0 for r in rows)


def test_end_to_end_benchmark_measures_every_callback_and_the_browser(
    bench_url: str, tmp_path: Path
) -> None:
    result = end_to_end._engine("sqlite", bench_url, count=2, naive_count=1, with_browser=True,
                                browser_repeats=1)  # fmt: skip
    result["engine"] = "sqlite"
    callbacks = result["callbacks"]
    pages = {row["page"] for row in callbacks}
    assert {"overview", "map", "targets", "coverage", "directory", "presentation", "data"} <= pages
    assert all(row["errors"] == 0 for row in callbacks)
    # every server-side callback of the app, pattern-matching ones included, is measured
    server_side = [k for k, s in create_app(app_settings(bench_url, tmp_path)).callback_map.items()
                   if s.get("callback") is not None]  # fmt: skip
    measured = {row["callback"] for row in callbacks}
    assert len(callbacks) == len(server_side) == len(measured)
    assert measured == {case.name for case in callback_cases(bench_url)}
    assert {
        'shell:{"page":["ALL"],"type":"nav-link"}.href',
        'presentation:{"slide":["ALL"],"type":"pres-slide"}.className',
    } <= measured
    # exports are clicked, so they time a real file, not an early exit
    downloads = [r for r in callbacks if r["callback"].endswith("download.data")]
    assert len(downloads) == 4
    assert all(r["first_kb"] > 1 for r in downloads), [(r["callback"], r["first_kb"]) for r in
                                                        downloads]  # fmt: skip
    data_reads = [r for r in callbacks if r["filter_change"] and r.get("naive_p50_ms")]
    assert data_reads
    assert all(r["speedup_p50"] is not None for r in data_reads)
    assert {page["page"] for page in result["browser"]} == {"/", "/harta"}
    assert all(page["median_settled_ms"] > 0 for page in result["browser"])
    assert result["worker_memory"]["rss_mb"][0] > 0
    text = end_to_end.report([result])
    assert "map:raion-map.figure" in text
    assert "worker memory" in text
    assert isinstance(end_to_end.check(result), list)


def test_load_benchmark_serves_simulated_users_without_errors(bench_url: str) -> None:
    row = load.run_load(bench_url, users=3, seconds=4, workers=2, think=0.3)
    assert row["requests"] > 0
    assert row["errors"] == 0, row["error_kinds"]
    assert row["p95_ms"] >= row["p50_ms"] > 0
