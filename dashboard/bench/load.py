"""``eambasadori load``: simulated users clicking through pages with random filters against
gunicorn (3 workers, ``--preload``) on loopback, for a bounded time."""

from __future__ import annotations

import random
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from dashboard.bench.callbacks import ENDPOINT, callback_cases, data_version
from dashboard.bench.catalog import SHELL, CallbackCase, dumps, flat, page_path
from dashboard.bench.databases import BENCH_UNTIL, postgres_database, sqlite_database
from dashboard.bench.queries import vocabulary
from dashboard.bench.scenarios import Scenario, random_scenarios
from dashboard.bench.server import Client, gunicorn
from dashboard.bench.stats import (
    cpu_probe,
    machine,
    speed_note,
    summarize,
    table,
    write_json,
)

PAGE_WEIGHTS = {
    "overview": 35,
    "map": 25,
    "targets": 10,
    "coverage": 10,
    "directory": 10,
    "presentation": 5,
    "data": 5,
}
TARGET_P95_MS = 300
# A user reads a page before the next click: on average this long (0.5x to 1.5x at random).
# 0 turns the run into a stress test (every user clicking without pause).
THINK_SECONDS = 2.0


def _user(
    port: int,
    pages: dict[str, list[CallbackCase]],
    scenarios: list[Scenario],
    version: int,
    deadline: float,
    seed: int,
    out: dict[str, Any],
    think: float,
) -> None:
    rng = random.Random(seed)
    client = Client(port)
    names, weights = zip(*[(p, w) for p, w in PAGE_WEIGHTS.items() if p in pages], strict=True)
    while time.monotonic() < deadline:
        page = rng.choices(names, weights)[0]
        scenario = rng.choice(scenarios)
        for case in [*pages.get(SHELL, []), *pages[page]]:
            try:
                reply = client.post(
                    ENDPOINT,
                    dumps(case.body(scenario.search, version, page_path(page), {}, click=False)),
                )
                out["latencies"].append(reply.ms)
                if reply.status >= 500:
                    out["errors"]["http_" + str(reply.status)] += 1
            except OSError as exc:
                out["errors"][type(exc).__name__] += 1
            if time.monotonic() >= deadline:
                break
        pause = think * rng.uniform(0.5, 1.5)
        time.sleep(max(0.0, min(pause, deadline - time.monotonic())))
    client.close()


def run_load(database_url: str, users: int, seconds: int, workers: int,
             think: float = THINK_SECONDS) -> dict[str, Any]:  # fmt: skip
    cases = [c for c in callback_cases(database_url) if c.page != SHELL or _is_route(c)]
    pages: dict[str, list[CallbackCase]] = {}
    for case in cases:
        pages.setdefault(case.page, []).append(case)
    scenarios = random_scenarios(vocabulary(), BENCH_UNTIL, 200, seed=11)
    version = data_version(database_url)
    out: dict[str, Any] = {"latencies": [], "errors": Counter()}
    with (
        tempfile.TemporaryDirectory() as cache_dir,  # a fresh result cache, as after a deploy
        gunicorn(database_url, workers=workers, cache_dir=cache_dir) as served,
    ):
        deadline = time.monotonic() + seconds
        started = time.monotonic()
        threads = [
            threading.Thread(
                target=_user,
                args=(served.port, pages, scenarios, version, deadline, i, out, think),
                daemon=True,
            )
            for i in range(users)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=seconds + 300)
        elapsed = time.monotonic() - started
        memory = {"rss_mb": served.worker_rss_mb(), "pss_mb": served.worker_pss_mb()}
    stats = summarize(out["latencies"])
    return {
        "users": users,
        "seconds": seconds,
        "workers": workers,
        "think_s": think,
        "requests": stats["n"],
        "requests_per_s": round(stats["n"] / elapsed, 1),
        "p50_ms": stats["p50_ms"],
        "p95_ms": stats["p95_ms"],
        "max_ms": stats["max_ms"],
        "errors": sum(out["errors"].values()),
        "error_kinds": dict(out["errors"]),
        "worker_rss_mb": memory["rss_mb"],
        "worker_pss_mb": memory["pss_mb"],
    }


def _is_route(case: CallbackCase) -> bool:
    """From the shell, only the router runs on every page view (and returns quickly)."""
    return any(o["id"] == "navbar" for o in flat(case.outputs))


def run(
    users: int = 25,
    seconds: int = 60,
    workers: int = 3,
    engines: tuple[str, ...] = ("sqlite",),
    scale: str = "national",
    output: Path | None = None,
    think: float = THINK_SECONDS,
) -> int:
    rows = []
    probe = cpu_probe()
    if "sqlite" in engines:
        url = sqlite_database(scale).url.render_as_string(hide_password=False)
        rows.append({"engine": "sqlite", **run_load(url, users, seconds, workers, think)})
    if "postgresql" in engines:
        with postgres_database(scale, pool_size=workers * 2) as (db, _cluster):
            url = db.url.render_as_string(hide_password=False)
            rows.append({"engine": "postgresql", **run_load(url, users, seconds, workers, think)})
    columns = [
        "engine",
        "users",
        "seconds",
        "workers",
        "think_s",
        "requests",
        "requests_per_s",
        "p50_ms",
        "p95_ms",
        "max_ms",
        "errors",
        "worker_rss_mb",
        "worker_pss_mb",
    ]
    info = machine(probe)
    print(table(rows, columns))
    print(speed_note(info))
    path = output or Path("artifacts/bench/load.json")
    write_json(path, {"machine": info, "scale": scale, "results": rows})
    print(f"\nwritten {path}")
    ok = all(r["errors"] == 0 and r["p95_ms"] <= TARGET_P95_MS for r in rows)
    return 0 if ok else 1
