"""The result cache on Redis (``REDIS_URL``), as production runs it with several workers: a real
throwaway ``redis-server`` on loopback. Set ``EAMB_REQUIRE_REDIS=1`` (the README's test command
does) to make a missing ``redis-server`` an error instead of a skip."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import redis

from dashboard.app_factory import create_app
from dashboard.cache import cache_config
from dashboard.settings import Settings
from data_access.pg_cluster import free_port
from tests.conftest import app_settings
from tests.test_output_cache import _statements, _trend

SEARCH = "?raion=MD-UN&de=2024-01-01&pana=2024-12-31"


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("EAMB_REQUIRE_REDIS") == "1":
            pytest.fail("redis-server is required but was not found")
        pytest.skip("redis-server not found")
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                redis.Redis.from_url(url).ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _redis_settings(demo_sqlite: Path, tmp_path: Path, url: str) -> Settings:
    """The app's settings as ``REDIS_URL`` makes them, on the demo database."""
    from_env = Settings.from_env({"REDIS_URL": url, "CACHE_TYPE": "FileSystemCache"})
    base = app_settings(f"sqlite:///{demo_sqlite}", tmp_path)
    return replace(base, cache_type=from_env.cache_type, redis_url=from_env.redis_url)


def test_redis_url_selects_redis_over_any_other_cache_type(tmp_path: Path) -> None:
    settings = Settings.from_env({"REDIS_URL": " redis://cache:6379/0 ", "CACHE_TYPE": "Null"})
    assert settings.cache_type == "RedisCache"
    assert cache_config(settings)["CACHE_REDIS_URL"] == "redis://cache:6379/0"
    assert Settings.from_env({}).cache_type == "FileSystemCache"
    # the benchmark's naive baseline never caches, whatever else is set
    naive = {"REDIS_URL": "redis://cache:6379/0", "EAMBASADORI_NAIVE_BASELINE": "1"}
    assert Settings.from_env(naive).cache_type == "NullCache"


def test_two_workers_share_one_redis_cache(
    redis_url: str, demo_sqlite: Path, tmp_path: Path
) -> None:
    redis.Redis.from_url(redis_url).flushdb()
    settings = _redis_settings(demo_sqlite, tmp_path, redis_url)
    first, second = create_app(settings), create_app(settings)  # two workers, one Redis
    answer = _trend(first.server.test_client(), 1)
    assert any(sum(trace.get("y") or []) for trace in answer["data"])
    assert redis.Redis.from_url(redis_url).keys("eamb:*"), "the answer was stored in Redis"
    statements = _statements(second)
    _trend(second.server.test_client(), version=2)  # its own start-up reads, and a new version
    assert statements, "another data version is computed"
    statements.clear()
    assert _trend(second.server.test_client(), 1) == answer
    assert statements == [], "the second worker reads the first one's answer from Redis"


def test_another_scope_never_gets_a_result_cached_in_redis(
    redis_url: str, demo_sqlite: Path, tmp_path: Path
) -> None:
    redis.Redis.from_url(redis_url).flushdb()
    settings = _redis_settings(demo_sqlite, tmp_path, redis_url)
    everyone, coordinator = create_app(settings), create_app(settings)
    assert any(sum(t.get("y") or []) for t in _trend(everyone.server.test_client(), 1)["data"])
    coordinator.server.extensions["eambasadori"].scope = lambda: frozenset({"MD-CU"})
    scoped = _trend(coordinator.server.test_client(), 1)
    assert not any(sum(trace.get("y") or []) for trace in scoped["data"])  # Ungheni: not theirs


def test_an_unreachable_redis_only_costs_the_cache(demo_sqlite: Path, tmp_path: Path) -> None:
    settings = _redis_settings(demo_sqlite, tmp_path, f"redis://127.0.0.1:{free_port()}/0")
    app = create_app(settings)
    start = time.monotonic()
    answer = _trend(app.server.test_client(), 1)
    assert any(sum(trace.get("y") or []) for trace in answer["data"])  # computed, not an error
    assert time.monotonic() - start < 30
