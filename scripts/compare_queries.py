"""Two versions of the query layer side by side on the same national database.

The query benchmark's counterpart of ``compare_servers.py``: this virtual machine's speed drifts
by up to 2x within minutes, so two runs of ``eambasadori bench-queries`` made apart cannot tell
code from machine. This script starts one process for each version (this checkout, and another
one, e.g. a ``git worktree`` of an earlier commit), each holding its warmed store out of the
collector's reach as a server does, and times every query of the benchmark on every view in
one process and then the other, flipping the order each view. It prints p50 / p95 per query,
filtered and unfiltered, for each version, and the mean over all calls.

    git worktree add /tmp/old <commit>
    .venv/bin/python scripts/compare_queries.py --other /tmp/old --engine postgresql

The database must exist (``eambasadori bench-queries`` builds it); the other checkout uses this
environment's packages.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

from dashboard.bench.databases import BENCH_UNTIL, postgres_database, sqlite_database
from dashboard.bench.queries import QUERIES, vocabulary
from dashboard.bench.scenarios import random_scenarios
from dashboard.bench.stats import cpu_probe, percentile

HERE = Path(__file__).resolve().parents[1]

# One version's process: warms up as the benchmark does, then times the query it is sent (a
# name and a view's number per line) and answers with the milliseconds.
WORKER = """
import gc, sys, time
sys.path.insert(0, sys.argv[1])
from dashboard.bench.databases import BENCH_UNTIL
from dashboard.bench.queries import QUERIES, scenario_filters, vocabulary
from dashboard.bench.scenarios import random_scenarios
from data_access.database import Database
from data_access.queries.warm import warm_store
views = scenario_filters(random_scenarios(vocabulary(), BENCH_UNTIL, int(sys.argv[3])))
db = Database(sys.argv[2])
warm_store(db)
gc.freeze()
with db.session() as session:
    for fn in QUERIES.values():
        fn(session, views[0][1])
    print("ready", flush=True)
    for line in sys.stdin:
        name, i = line.split()
        start = time.perf_counter()
        QUERIES[name](session, views[int(i)][1])
        print((time.perf_counter() - start) * 1000, flush=True)
"""


class Version:
    """One checkout's worker process."""

    def __init__(self, checkout: Path, url: str, count: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(checkout), url, str(count)],
            cwd=checkout, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        if self._line() != "ready":
            raise RuntimeError(f"{checkout}: the worker did not start")

    def time(self, name: str, view: int) -> float:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{name} {view}\n")
        self.process.stdin.flush()
        return float(self._line())

    def _line(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=60)


def compare(url: str, other: Path, count: int, queries: list[str]) -> None:
    views = random_scenarios(vocabulary(), BENCH_UNTIL, count)
    versions = {"other": Version(other, url, count), "this": Version(HERE, url, count)}
    try:
        print(f"machine speed probe before: {cpu_probe()} s")
        print("| query | views | other p50 / p95 ms | this p50 / p95 ms |\n|---|---|---|---|")
        every: dict[str, list[float]] = {name: [] for name in versions}
        within = dict.fromkeys(versions, 0)
        for query in queries:
            times: dict[tuple[str, bool], list[float]] = {
                (name, f): [] for name in versions for f in (True, False)
            }
            for i, view in enumerate(views):
                for name in ("other", "this") if i % 2 else ("this", "other"):
                    times[(name, view.filtered)].append(versions[name].time(query, i))
            for filtered in (True, False):
                target = 20 if filtered else 50
                for name in versions:
                    within[name] += percentile(times[(name, filtered)], 95) <= target
                cells = [_cell(times[(n, filtered)]) for n in versions]
                kind = "filtered" if filtered else "unfiltered"
                print(f"| {query} | {kind} | {cells[0]} | {cells[1]} |", flush=True)
            for (name, _), values in times.items():
                every[name] += values
        for name, values in every.items():
            print(f"{name}: mean {statistics.mean(values):.2f} ms over {len(values)} calls, "
                  f"{within[name]} of {2 * len(queries)} within target at p95")  # fmt: skip
        print(f"machine speed probe after: {cpu_probe()} s")
    finally:
        for version in versions.values():
            version.close()


def _cell(values: list[float]) -> str:
    return f"{percentile(values, 50):.1f} / {percentile(values, 95):.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--other", type=Path, required=True, help="the other checkout")
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--count", type=int, default=40, help="random views besides the default")
    parser.add_argument("--query", action="append", choices=list(QUERIES),
                        help="only this query (repeatable; default: every one)")  # fmt: skip
    args = parser.parse_args()
    other, queries = args.other.resolve(), args.query or list(QUERIES)
    if args.engine == "sqlite":
        db = sqlite_database("national")
        compare(db.engine.url.render_as_string(hide_password=False), other, args.count, queries)
        return
    with postgres_database("national") as (db, _):
        compare(db.engine.url.render_as_string(hide_password=False), other, args.count, queries)


if __name__ == "__main__":
    main()
