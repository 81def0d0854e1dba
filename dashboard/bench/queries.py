"""``eambasadori bench-queries``: p50/p95 of every query over realistic random filters."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from dashboard.bench.databases import BENCH_UNTIL, postgres_database, sqlite_database
from dashboard.bench.scenarios import Scenario, random_scenarios
from dashboard.bench.stats import (
    cpu_probe,
    machine,
    speed_note,
    summarize,
    table,
    write_json,
)
from dashboard.filters import Filters, Vocabulary
from dashboard.url_state import parse_filters, query_params
from data_access.database import Database
from data_access.queries import breakdowns, directory, metrics
from data_access.queries.libraries import map_frames
from data_access.queries.library_latest import dormant_last_days, latest_library_days
from data_access.queries.warm import warm_store
from data_access.reference import raion_codes, service_types_frame

QueryFn = Callable[[Session, Filters], Any]
QUERIES: dict[str, QueryFn] = {
    "activity_totals": metrics.activity_totals,
    "active_ambassadors": metrics.active_ambassadors,
    "access_points": metrics.access_point_frame,
    "dormant_access_points": lambda s, f: dormant_last_days(
        s, f, metrics.access_point_frame(s, f)["library_id"], 60
    ),
    "by_month": breakdowns.by_month,
    "by_raion": breakdowns.by_raion,
    "by_service": breakdowns.by_service,
    "by_audience": lambda s, f: breakdowns.by_session_dimension(s, f, "audience"),
    "by_format": lambda s, f: breakdowns.by_session_dimension(s, f, "format"),
    "request_profile": breakdowns.request_profile,
    "activity_by_library": lambda s, f: breakdowns.activity_by(s, f, "library_id"),
    "activity_by_ambassador": lambda s, f: breakdowns.activity_by(s, f, "ambassador_id"),
    # what the map, directory and coverage pages read per library and per ambassador
    "map_frames": lambda s, f: map_frames(s, f, 60),
    "latest_library_days": lambda s, f: latest_library_days(s, f, metrics.LOOKBACK_DAYS),
    "ambassadors_directory": directory.ambassadors_directory,
}


def vocabulary() -> Vocabulary:
    return Vocabulary(raions=raion_codes(), services=frozenset(service_types_frame()["code"]))


def scenario_filters(scenarios: list[Scenario]) -> list[tuple[Scenario, Filters]]:
    vocab = vocabulary()
    return [(s, parse_filters(query_params(s.search), vocab, BENCH_UNTIL)[0]) for s in scenarios]


def measure(
    db: Database, engine: str, cases: list[tuple[Scenario, Filters]]
) -> list[dict[str, Any]]:
    warm_store(db)  # what a server holds in memory before it is ready (GET /healthz)
    # ... and, as app.py does after warming, out of the collector's reach: otherwise a full
    # collection walks the ~140,000 objects held (40-150 ms) inside whichever query it hits
    gc.freeze()
    try:
        return _measure(db, engine, cases)
    finally:
        gc.unfreeze()


def _measure(
    db: Database, engine: str, cases: list[tuple[Scenario, Filters]]
) -> list[dict[str, Any]]:
    rows = []
    with db.session() as session:
        for fn in QUERIES.values():  # warm-up: the first query pays for connection and caches
            fn(session, cases[0][1])
        for name, fn in QUERIES.items():
            timings: dict[bool, list[float]] = {True: [], False: []}
            for scenario, filters in cases:
                start = time.perf_counter()
                fn(session, filters)
                timings[scenario.filtered].append((time.perf_counter() - start) * 1000)
            for filtered, samples in timings.items():
                stats = summarize(samples)
                target = 20 if filtered else 50
                rows.append(
                    {
                        "engine": engine,
                        "query": name,
                        "filters": "filtered" if filtered else "unfiltered",
                        **stats,
                        "target_ms": target,
                        "ok": stats["p95_ms"] <= target,
                    }
                )
    return rows


def run(
    count: int = 40,
    engines: tuple[str, ...] = ("sqlite", "postgresql"),
    scale: str = "national",
    output: Path | None = None,
) -> int:
    cases = scenario_filters(random_scenarios(vocabulary(), BENCH_UNTIL, count))
    rows: list[dict[str, Any]] = []
    probe = cpu_probe()
    if "sqlite" in engines:
        rows += measure(sqlite_database(scale), "sqlite", cases)
    if "postgresql" in engines:
        with postgres_database(scale) as (db, _cluster):
            rows += measure(db, "postgresql", cases)
    columns = ["engine", "query", "filters", "n", "p50_ms", "p95_ms", "max_ms", "target_ms", "ok"]
    info = machine(probe)
    print(table(rows, columns))
    print(speed_note(info))
    path = output or Path("artifacts/bench/queries.json")
    write_json(
        path,
        {
            "machine": info,
            "scale": scale,
            "scenarios": [c[0].search for c in cases],
            "results": rows,
        },
    )
    print(f"\nwritten {path}")
    return 0 if all(r["ok"] for r in rows) else 1
