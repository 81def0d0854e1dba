"""Result cache (Flask-Caching): filesystem by default, Redis when ``REDIS_URL`` is set.

Keys combine a name, the data version and the validated filters (scope included), so a write
makes old entries unreachable and two scopes never share a result. A cache failure is never a
user-facing error: the value is just computed.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask
from flask_caching import Cache

from dashboard.cache_codec import pack, unpack
from dashboard.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")


def cache_config(settings: Settings) -> dict[str, Any]:
    config: dict[str, Any] = {
        "CACHE_TYPE": settings.cache_type,
        "CACHE_DEFAULT_TIMEOUT": settings.cache_timeout_seconds,
        "CACHE_KEY_PREFIX": "eamb:",
    }
    if settings.cache_type == "RedisCache":
        config["CACHE_REDIS_URL"] = settings.redis_url
    elif settings.cache_type == "NullCache":
        config["CACHE_NO_NULL_WARNING"] = True  # chosen on purpose (tests, benchmarks' baseline)
    elif settings.cache_type == "FileSystemCache":
        config["CACHE_DIR"] = settings.cache_dir
        # cachelib's own pruning, once the threshold is reached, reads every file of the cache
        # on every write (~150 ms at 5,000 files); ResultCache bounds the folder instead.
        config["CACHE_THRESHOLD"] = 0
    return config


def count_files(folder: str) -> int:
    try:
        with os.scandir(folder) as entries:
            return sum(1 for _ in entries)
    except OSError:
        return 0


class ResultCache:
    def __init__(self, server: Flask, settings: Settings) -> None:
        self._cache = Cache(server, config=cache_config(settings))
        self._folder = settings.cache_dir if settings.cache_type == "FileSystemCache" else None
        self._max_files = settings.cache_max_files
        self._writes = 0
        self._keeps = settings.cache_type != "NullCache"  # else packing values is wasted work

    @staticmethod
    def key(name: str, *parts: object) -> str:
        digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:40]
        return f"{name}:{digest}"

    def get_or_compute(
        self,
        name: str,
        parts: tuple[object, ...],
        compute: Callable[[], T],
        *,
        on_reuse: bool = False,
    ) -> T:
        """The stored value, else ``compute()`` stored. With ``on_reuse`` a value is stored
        only when asked for a second time (the first time leaves a small mark): for large
        values that are often asked for once, whose storing costs a good part of computing
        them (a grid's whole table: the next page needs it, a filter change does not)."""
        hit = self.lookup(name, parts)
        if hit is not None:
            return hit
        value = compute()
        if not on_reuse or self.lookup(f"{name}.asked", parts) is not None:
            self.store(name, parts, value)
        else:
            self.store(f"{name}.asked", parts, True)
        return value

    def lookup(self, name: str, parts: tuple[object, ...]) -> Any:
        """The value stored under ``name`` and ``parts``, or None (also when the cache fails)."""
        try:
            hit = self._cache.get(self.key(name, *parts))
        except Exception:  # a broken cache must not break the page
            log.warning("cache read failed for %s", name, exc_info=True)
            return None
        return None if hit is None else unpack(hit)

    def store(self, name: str, parts: tuple[object, ...], value: object) -> None:
        if not self._keeps:
            return
        try:
            self._cache.set(self.key(name, *parts), pack(value))
            self._bound_folder()
        except Exception:
            log.warning("cache write failed for %s", name, exc_info=True)

    def _bound_folder(self) -> None:
        """Empty the filesystem cache when it has grown past its bound (checked every few
        writes: a count of the folder's entries). Entries of old data versions are garbage
        anyway; the current ones are recomputed on demand."""
        self._writes += 1
        if self._folder is None or self._writes % max(1, self._max_files // 20):
            return
        if count_files(self._folder) > self._max_files:
            self.clear()

    def clear(self) -> None:
        try:
            self._cache.clear()
        except Exception:
            log.warning("cache clear failed", exc_info=True)
