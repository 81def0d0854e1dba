"""Result cache (Flask-Caching): filesystem by default, Redis when ``REDIS_URL`` is set.

Keys combine a name, the data version and the validated filters (scope included), so a write
makes old entries unreachable and two scopes never share a result. A cache failure is never a
user-facing error: the value is just computed.

Tables computed while answering a request are written once the answer has been sent
(``Response.call_on_close``): packing and pickling the map's two tables took ~6 ms of its
~34 ms answer. Until then the request itself finds them; a later request in the process
writes any that a response never closed (a test client's).
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd
from flask import Flask, Response, after_this_request, g, has_request_context
from flask_caching import Cache

from dashboard.cache_codec import pack, unpack
from dashboard.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")
_PENDING = "eamb_cache_pending"  # on flask.g: this request's tables, written after sending


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
        self._unsent: list[dict[str, Any]] = []  # answered requests' tables not yet written
        self._unsent_lock = threading.Lock()
        server.before_request(self._write_unsent)

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
        key = self.key(name, *parts)
        pending = g.get(_PENDING) if has_request_context() else None
        if pending is not None and key in pending:
            return pending[key]
        try:
            hit = self._cache.get(key)
        except Exception:  # a broken cache must not break the page
            log.warning("cache read failed for %s", name, exc_info=True)
            return None
        return None if hit is None else unpack(hit)

    def store(self, name: str, parts: tuple[object, ...], value: object) -> None:
        """Keep ``value``: a table (or a tuple of tables) computed in a request once its answer
        has been sent, anything else now."""
        if not self._keeps:
            return
        key = self.key(name, *parts)
        snapshot = _snapshot(value)
        if snapshot is not None and has_request_context():
            self._pending()[key] = snapshot
        else:
            self._write(key, value)

    def _write(self, key: str, value: object) -> None:
        try:
            self._cache.set(key, pack(value))
            self._bound_folder()
        except Exception:
            log.warning("cache write failed for %s", key.split(":")[0], exc_info=True)

    def _pending(self) -> dict[str, Any]:
        """This request's tables to write, registered to be written after its answer."""
        pending: dict[str, Any] | None = g.get(_PENDING)
        if pending is None:
            pending = {}
            setattr(g, _PENDING, pending)
            after_this_request(self._write_after_sending)
        return pending

    def _write_after_sending(self, response: Response) -> Response:
        pending = g.get(_PENDING)
        if pending is not None:  # complete now: the request has been answered
            with self._unsent_lock:
                self._unsent.append(pending)
            response.call_on_close(lambda: self._write_pending(pending))
        return response

    def _write_pending(self, pending: dict[str, Any]) -> None:
        with self._unsent_lock:
            if not any(p is pending for p in self._unsent):
                return  # written already
            self._unsent = [p for p in self._unsent if p is not pending]
        for key, value in pending.items():
            self._write(key, value)

    def _write_unsent(self) -> None:
        """Before a request: write the tables of earlier requests whose response was never
        closed (a server closes every response once sent; a test client does not)."""
        if not self._unsent:
            return
        with self._unsent_lock:
            earlier = list(self._unsent)
        for pending in earlier:
            self._write_pending(pending)

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


def _snapshot(value: object) -> Any:
    """``value`` as it is now when it is a table or a tuple with tables (pandas copies on
    write: the caller may go on changing its own without changing this one), else None."""
    if isinstance(value, pd.DataFrame):
        return value.copy(deep=False)
    if type(value) is tuple and any(isinstance(v, pd.DataFrame) for v in value):
        return tuple(v.copy(deep=False) if isinstance(v, pd.DataFrame) else v for v in value)
    return None
