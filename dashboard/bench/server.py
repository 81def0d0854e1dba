"""Run the app under gunicorn on loopback for a benchmark, and talk to it over HTTP."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from data_access.pg_cluster import free_port


@dataclass
class Reply:
    status: int
    ms: float
    raw_bytes: int  # uncompressed JSON size
    wire_bytes: int  # as sent (gzip)
    body: Any


class Client:
    """A keep-alive HTTP client posting Dash callback requests (gzip accepted, like a browser)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def post(self, path: str, payload: bytes) -> Reply:
        headers = {"Content-Type": "application/json", "Accept-Encoding": "gzip"}
        return self._request("POST", path, payload, headers)

    def get(self, path: str) -> Reply:
        return self._request("GET", path, None, {"Accept-Encoding": "gzip"})

    def _request(self, method: str, path: str, payload: bytes | None,
                 headers: dict[str, str]) -> Reply:  # fmt: skip
        start = time.perf_counter()
        try:
            self.conn.request(method, path, body=payload, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            raise
        ms = (time.perf_counter() - start) * 1000
        raw = gzip.decompress(data) if response.getheader("Content-Encoding") == "gzip" else data
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        return Reply(response.status, ms, len(raw), len(data), body)

    def close(self) -> None:
        self.conn.close()


@dataclass
class Served:
    port: int
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(p) for p in children.read_text().split()]
        except OSError:
            return []

    def worker_rss_mb(self) -> list[float]:
        """Resident memory of each worker (pages shared with the master counted in full)."""
        return [self._memory_kb(pid, "/status", "VmRSS:") for pid in self.worker_pids()]

    def worker_pss_mb(self) -> list[float]:
        """Proportional memory of each worker: private pages plus its share of the pages it
        shares with the master and the other workers (``--preload`` shares the app's code)."""
        return [self._memory_kb(pid, "/smaps_rollup", "Pss:") for pid in self.worker_pids()]

    @staticmethod
    def _memory_kb(pid: int, file: str, field: str) -> float:
        try:
            text = Path(f"/proc/{pid}{file}").read_text()
        except OSError:
            return float("nan")
        line = next((ln for ln in text.splitlines() if ln.startswith(field)), None)
        return round(int(line.split()[1]) / 1024, 1) if line else float("nan")


@contextmanager
def gunicorn(
    database_url: str,
    *,
    workers: int = 1,
    env: dict[str, str] | None = None,
    cache_dir: str | None = None,
    checkout: Path | None = None,
) -> Iterator[Served]:
    """``gunicorn --workers N --preload app:server`` on a free loopback port, running this
    project's code or another ``checkout``'s (its folder first on the path)."""
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DB_POOL_SIZE": "4",
        "REFRESH_SECONDS": "3600",
        **(env or {}),
    }
    if cache_dir:
        environment["CACHE_DIR"] = cache_dir
    root = checkout or Path(__file__).resolve().parents[2]
    if checkout is not None:
        environment["PYTHONPATH"] = str(checkout)
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(workers),
        "--preload",
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "300",
        "--log-level",
        "warning",
        "app:server",
    ]
    process = subprocess.Popen(command, cwd=root, env=environment)
    served = Served(port, process)
    try:
        wait_until_ready(served, workers)
        yield served
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """gunicorn's graceful stop (SIGTERM); killed if it has not ended in 30 s."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def wait_until_ready(served: Served, workers: int, timeout: float = 180) -> None:
    """Until every worker has answered ``/healthz`` with its in-memory store warm (a server
    that has been running holds it: measuring its first reads would measure start-up)."""
    deadline = time.monotonic() + timeout
    warm: set[int] = set()
    while time.monotonic() < deadline:
        if served.process.poll() is not None:
            raise RuntimeError("gunicorn exited during start-up")
        try:
            client = Client(served.port)
            reply = client.get("/healthz")
            client.close()
        except OSError:
            time.sleep(0.3)
            continue
        state = reply.body if reply.status == 200 and isinstance(reply.body, dict) else {}
        if state.get("ready"):
            warm.add(int(state["pid"]))
            if len(warm) >= workers:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not become ready in time")
