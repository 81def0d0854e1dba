"""Every callback of every page over HTTP, against gunicorn, optimised and naive side by side."""

from __future__ import annotations

import tempfile
from typing import Any

from dash import html

from callbacks.shell import PAGE_LAYOUTS
from dashboard.app_factory import create_app
from dashboard.bench.catalog import (
    SHELL,
    CallbackCase,
    catalog,
    dumps,
    fed_back_values,
    flat,
    page_path,
)
from dashboard.bench.scenarios import Scenario
from dashboard.bench.server import Client, Served, gunicorn
from dashboard.bench.stats import summarize
from dashboard.pages import PAGES
from dashboard.settings import Settings
from data_access.database import Database
from data_access.queries.versioned import data_version as session_data_version
from layouts import ids
from layouts.filter_panel import filter_panel
from layouts.shell import navbar, root_layout

ENDPOINT = "/_dash-update-component"


def callback_cases(database_url: str) -> list[CallbackCase]:
    """The app's callbacks with the values its layouts give their inputs."""
    settings = Settings(database_url=database_url, cache_type="NullCache")
    app = create_app(settings)
    ctx = app.server.extensions["eambasadori"]
    filters, _, _ = ctx.parse("")
    panel = filter_panel(filters, ctx.filter_options, "ro", "2026-11-25")
    # the navigation bar is drawn by a callback: its links are not in the static skeleton
    bar = navbar(PAGES[0], "ro", "", is_demo=False, updated_text="")
    return catalog(app, PAGE_LAYOUTS, html.Div([root_layout(1000, 0, panel), bar]))


def data_version(database_url: str) -> int:
    db = Database(database_url)
    try:
        with db.session() as s:
            return session_data_version(s)
    finally:
        db.dispose()


def is_filter_change(case: CallbackCase) -> bool:
    """Runs when the filters change: reads the URL as an input, or is a server-side grid's
    block request (the grid asks again whenever the filters change)."""
    inputs = flat(case.inputs)
    reads_url = any(d["id"] == ids.URL and d["property"] == "search" for d in inputs)
    grid = any(d["property"] == "getRowsRequest" for d in inputs)
    return reads_url or grid


def measure_case(
    client: Client,
    case: CallbackCase,
    scenarios: list[Scenario],
    version: int,
    with_cache_hit: bool,
) -> dict[str, Any]:
    path = page_path(case.page) if case.page != SHELL else "/"
    first = client.post(ENDPOINT, dumps(case.body("", version, path, {})))
    fed = fed_back_values(case, first.body or {})
    timings, raw_sizes, wire_sizes, errors = [], [], [], 0
    for scenario in scenarios:
        reply = client.post(ENDPOINT, dumps(case.body(scenario.search, version, path, fed)))
        if reply.status >= 500:
            errors += 1
        timings.append(reply.ms)
        raw_sizes.append(reply.raw_bytes)
        wire_sizes.append(reply.wire_bytes)
    result: dict[str, Any] = {
        "callback": case.name,
        "page": case.page,
        "filter_change": is_filter_change(case),
        "first_ms": round(first.ms, 1),
        "first_kb": round(first.raw_bytes / 1024, 1),
        **summarize(timings),
        "max_kb": round(max(raw_sizes) / 1024, 1),
        "max_gzip_kb": round(max(wire_sizes) / 1024, 1),
        "errors": errors,
        "samples_ms": [round(t, 2) for t in timings],
    }
    if with_cache_hit:  # the default view again: now from the cache
        client.post(ENDPOINT, dumps(case.body("", version, path, fed)))
        hits = [
            client.post(ENDPOINT, dumps(case.body("", version, path, fed))).ms for _ in range(5)
        ]
        result["cached_default_ms"] = round(sorted(hits)[2], 2)
    return result


def measure_server(
    served: Served,
    cases: list[CallbackCase],
    scenarios: list[Scenario],
    version: int,
    with_cache_hit: bool,
) -> list[dict[str, Any]]:
    client = Client(served.port)
    try:
        return [measure_case(client, c, scenarios, version, with_cache_hit) for c in cases]
    finally:
        client.close()


def run_engine(database_url: str, scenarios: list[Scenario], naive_count: int) -> dict[str, Any]:
    """Optimised server (1 worker, cache on) and naive server measured on the same scenarios."""
    cases = callback_cases(database_url)
    version = data_version(database_url)
    with (
        tempfile.TemporaryDirectory() as cache_dir,
        gunicorn(database_url, cache_dir=cache_dir) as fast,
    ):
        optimised = measure_server(fast, cases, scenarios, version, with_cache_hit=True)
        memory = {"rss_mb": fast.worker_rss_mb(), "pss_mb": fast.worker_pss_mb()}
    naive_scenarios = scenarios[:naive_count]
    with gunicorn(database_url, env={"EAMBASADORI_NAIVE_BASELINE": "1"}) as slow:
        naive = measure_server(slow, cases, naive_scenarios, version, with_cache_hit=False)
    by_name = {row["callback"]: row for row in naive}
    for row in optimised:
        base = by_name.get(row["callback"])
        if base is None:
            continue
        same = summarize(row["samples_ms"][: len(base["samples_ms"])])  # the same scenarios
        row["naive_p50_ms"], row["naive_p95_ms"] = base["p50_ms"], base["p95_ms"]
        row["speedup_p50"] = _ratio(base["p50_ms"], same["p50_ms"])
        row["speedup_p95"] = _ratio(base["p95_ms"], same["p95_ms"])
    return {"callbacks": optimised, "worker_memory": memory}


def _ratio(naive_ms: float, fast_ms: float) -> float | None:
    return round(naive_ms / fast_ms, 1) if fast_ms > 0 else None
