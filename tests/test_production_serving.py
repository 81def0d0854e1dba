"""Production serving as the README documents it: its own gunicorn command (3 workers,
``--preload``), run on loopback against a copy of the demo database, answering gzip-compressed
callback requests from every worker."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from dashboard.bench.callbacks import callback_cases
from dashboard.bench.catalog import dumps
from dashboard.bench.server import Client, Served, stop, wait_until_ready
from data_access.pg_cluster import free_port

ROOT = Path(__file__).resolve().parents[1]
TREND = "overview:trend-graph.figure"


def readme_gunicorn_command() -> list[str]:
    """The gunicorn line of the README's production section, as a newcomer would type it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith("gunicorn "))
    return shlex.split(line.split("#")[0])


@pytest.fixture(scope="module")
def served(demo_sqlite: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("production")
    database = folder / "demo.sqlite3"
    database.write_bytes(demo_sqlite.read_bytes())
    command = readme_gunicorn_command()
    port = free_port()
    command[command.index("--bind") + 1] = f"127.0.0.1:{port}"  # loopback only in a test
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}",
                   "CACHE_DIR": str(folder / "cache"), "REFRESH_SECONDS": "3600"}  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", *command, "--log-level", "warning"], cwd=ROOT, env=environment
    )
    server = Served(port, process)
    try:
        wait_until_ready(server, workers=3)  # three different worker pids answered /healthz
        yield server
    finally:
        stop(process)


def test_the_readme_command_runs_three_preloaded_workers(served: Served) -> None:
    command = readme_gunicorn_command()
    assert command[command.index("--workers") + 1] == "3"
    assert "--preload" in command
    assert len(served.worker_pids()) == 3
    # --preload: the master built the app (and loaded its geometry libraries) before forking
    master_maps = Path(f"/proc/{served.process.pid}/maps").read_text()
    assert "shapely" in master_maps


def test_callbacks_are_gzip_compressed_and_every_worker_answers_alike(
    served: Served, demo_sqlite: Path
) -> None:
    case = next(c for c in callback_cases(f"sqlite:///{demo_sqlite}") if c.name == TREND)
    body = dumps(case.body("?raion=MD-UN&perioada=program", 1, "/", {}))

    def ask(_: int) -> tuple[int, int, int, str, int]:
        client = Client(served.port)
        try:
            reply = client.post("/_dash-update-component", body)
            worker = client.get("/healthz").body["pid"]
        finally:
            client.close()
        figure = reply.body["response"]["trend-graph"]["figure"]
        assert any(sum(trace.get("y") or []) for trace in figure["data"])
        return reply.status, reply.wire_bytes, reply.raw_bytes, json.dumps(figure), worker

    with ThreadPoolExecutor(6) as pool:
        replies = list(pool.map(ask, range(24)))
    assert {reply[0] for reply in replies} == {200}
    # the client decompresses only a gzip-encoded answer: fewer bytes on the wire than in JSON
    assert all(wire < raw / 2 for _, wire, raw, _, _ in replies)
    assert len({reply[3] for reply in replies}) == 1, "every worker gives the same answer"
    assert len({reply[4] for reply in replies}) >= 2, "the requests were spread over workers"
