"""Two versions of the dashboard side by side on the same national database.

This virtual machine's speed drifts by up to 2x within minutes, so two benchmark runs of the
same code made apart cannot tell code from machine. This script starts one gunicorn worker for
each version (this checkout, and another one, e.g. a ``git worktree`` of an earlier commit) on
the same database and sends every filter-change data callback every benchmark view, to one
server and then the other, flipping the order each view. It prints p50 / p95 per callback per
version and the mean over all requests.

    git worktree add /tmp/old <commit>
    .venv/bin/python scripts/compare_servers.py --other /tmp/old --engine sqlite

The database must exist (``eambasadori bench`` builds it); the other checkout uses this
environment's packages.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from dashboard.bench.callbacks import ENDPOINT, callback_cases, data_version, is_filter_change
from dashboard.bench.catalog import SHELL, dumps, fed_back_values, page_path
from dashboard.bench.databases import BENCH_UNTIL, postgres_database, sqlite_database
from dashboard.bench.queries import vocabulary
from dashboard.bench.scenarios import random_scenarios
from dashboard.bench.server import Client, gunicorn
from dashboard.bench.stats import cpu_probe, percentile

HERE = Path(__file__).resolve().parents[1]


def compare(url: str, other: Path, count: int) -> None:
    cases = [
        c for c in callback_cases(url)
        if is_filter_change(c) and c.page != SHELL and not c.name.startswith("data:")
    ]  # fmt: skip
    version = data_version(url)
    views = random_scenarios(vocabulary(), BENCH_UNTIL, count)
    with (
        tempfile.TemporaryDirectory() as a,
        tempfile.TemporaryDirectory() as b,
        gunicorn(url, cache_dir=a, checkout=other) as other_server,
        gunicorn(url, cache_dir=b, checkout=HERE) as this_server,
    ):
        servers = {"other": other_server, "this": this_server}
        clients = {name: Client(s.port) for name, s in servers.items()}
        print(f"machine speed probe before: {cpu_probe()} s")
        print("| callback | other p50 / p95 ms | this p50 / p95 ms |\n|---|---|---|")
        every: dict[str, list[float]] = {name: [] for name in servers}
        try:
            for case in cases:
                path = page_path(case.page)
                fed = {name: fed_back_values(case, client.post(
                    ENDPOINT, dumps(case.body("", version, path, {}))).body or {})
                    for name, client in clients.items()}  # fmt: skip
                times: dict[str, list[float]] = {name: [] for name in servers}
                for i, view in enumerate(views):
                    for name in ("other", "this") if i % 2 else ("this", "other"):
                        body = dumps(case.body(view.search, version, path, fed[name]))
                        reply = clients[name].post(ENDPOINT, body)
                        if reply.status >= 500:
                            raise RuntimeError(f"{name}: {case.name} failed on {view.search}")
                        times[name].append(reply.ms)
                cells = [f"{percentile(times[n], 50):.0f} / {percentile(times[n], 95):.0f}"
                         for n in ("other", "this")]  # fmt: skip
                print(f"| {case.name} | {cells[0]} | {cells[1]} |", flush=True)
                for name in servers:
                    every[name] += times[name]
            for name, values in every.items():
                print(f"{name}: mean {statistics.mean(values):.1f} ms over {len(values)} requests")
            print(f"machine speed probe after: {cpu_probe()} s")
        finally:
            for client in clients.values():
                client.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--other", type=Path, required=True, help="the other checkout")
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--count", type=int, default=30, help="random views besides the default")
    args = parser.parse_args()
    if args.engine == "sqlite":
        db = sqlite_database("national")
        compare(db.engine.url.render_as_string(hide_password=False), args.other, args.count)
        return
    with postgres_database("national") as (db, _):
        compare(db.engine.url.render_as_string(hide_password=False), args.other, args.count)


if __name__ == "__main__":
    main()
