"""Result cache (Flask-Caching): filesystem by default, Redis when ``REDIS_URL`` is set.

Keys combine a name, the data version and the validated filters (scope included), so a write
makes old entries unreachable and two scopes never share a result. A cache failure is never a
user-facing error: the value is just computed.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask
from flask_caching import Cache

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
        config["CACHE_THRESHOLD"] = 5000
    return config


class ResultCache:
    def __init__(self, server: Flask, settings: Settings) -> None:
        self._cache = Cache(server, config=cache_config(settings))

    @staticmethod
    def key(name: str, *parts: object) -> str:
        digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:40]
        return f"{name}:{digest}"

    def get_or_compute(self, name: str, parts: tuple[object, ...], compute: Callable[[], T]) -> T:
        key = self.key(name, *parts)
        try:
            hit = self._cache.get(key)
        except Exception:  # a broken cache must not break the page
            log.warning("cache read failed for %s", name, exc_info=True)
            hit = None
        if hit is not None:
            return hit
        value = compute()
        try:
            self._cache.set(key, value)
        except Exception:
            log.warning("cache write failed for %s", name, exc_info=True)
        return value

    def clear(self) -> None:
        try:
            self._cache.clear()
        except Exception:
            log.warning("cache clear failed", exc_info=True)
