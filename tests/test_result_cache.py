"""The filesystem result cache stays bounded and fast however many views it has seen."""

from __future__ import annotations

import time
from pathlib import Path

from flask import Flask

from dashboard.cache import ResultCache, count_files
from dashboard.settings import Settings


def test_filesystem_cache_is_bounded_and_writes_stay_fast(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    settings = Settings(cache_type="FileSystemCache", cache_dir=str(folder), cache_max_files=200)
    cache = ResultCache(Flask(__name__), settings)
    timings = []
    for i in range(1000):
        start = time.perf_counter()
        assert cache.get_or_compute("view", (i,), lambda i=i: {"value": i}) == {"value": i}
        timings.append(time.perf_counter() - start)
        assert count_files(str(folder)) <= 200 + 200 // 20
    assert cache.get_or_compute("view", (999,), lambda: "recomputed") == {"value": 999}
    # no write pays for reading the whole folder (cachelib's pruning did, at every write)
    assert sorted(timings)[int(len(timings) * 0.99)] < 0.05
