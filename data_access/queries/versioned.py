"""Values read from the database once per data version and shared by a process's sessions.

Some tables are small enough to hold in memory and are read on nearly every filter change: the
people and places (:mod:`~data_access.queries.dimensions`), the per-person and per-library
monthly rollups (:mod:`~data_access.queries.month_rows`). A :class:`VersionedStore` (one per
:class:`~data_access.database.Database`, handed to its sessions) keeps each value of the latest
data version it has seen; every write moves the version, so a value is never stale. Without a
store (a bare session) values are read afresh, with the same result.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextvars import ContextVar
from typing import Any, TypeVar, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access.models import DataState

STORE_KEY = "versioned_store"
T = TypeVar("T")


# Inside :func:`one_read_of_the_version`: the version each database's first session read.
_SHARED_VERSION: ContextVar[dict[int, int] | None] = ContextVar("shared_version", default=None)


def data_version(session: Session) -> int:
    """The data version this session sees (read once per session, or once per
    :func:`one_read_of_the_version` block and database)."""
    if "data_version" not in session.info:
        shared = _SHARED_VERSION.get()
        bind = id(session.get_bind())
        if shared is not None and bind in shared:
            session.info["data_version"] = shared[bind]
        else:
            version = int(session.scalar(select(DataState.version)) or 0)
            session.info["data_version"] = version
            if shared is not None:
                shared[bind] = version
    return int(session.info["data_version"])


@contextlib.contextmanager
def one_read_of_the_version() -> Iterator[None]:
    """Within the block (one callback, which opens a short session per partial result), the
    version is read by the first session only. A write landing in between can only make a
    later read newer than its label: a value stored under a version is never older than it."""
    token = _SHARED_VERSION.set({})
    try:
        yield
    finally:
        _SHARED_VERSION.reset(token)


class VersionedStore:
    """Named values of the latest data version seen (thread-safe). Treat values as read-only:
    they are shared between requests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: dict[str, tuple[int, Any]] = {}
        self._reading: dict[str, threading.Lock] = {}

    def get(self, session: Session, name: str, read: Callable[[Session], T], *,
            release: bool = True) -> T:  # fmt: skip
        """``read(session)`` of the session's data version, read once. ``release``: hand the
        memory the read freed back to the system (a full collection: for large reads only)."""
        version = data_version(session)
        held = self._values.get(name)
        if held is not None and held[0] == version:
            return cast(T, held[1])
        with self._lock:
            reading = self._reading.setdefault(name, threading.Lock())
        with reading:  # one read per value at a time: others wait for it instead of repeating it
            held = self._values.get(name)
            if held is not None and held[0] == version:
                return cast(T, held[1])
            value = read(session)
            self._values[name] = (version, value)
        if release:
            release_free_memory()
        return value


def release_free_memory() -> None:
    """Hand the heap's free pages back to the system (glibc). Reading a table makes many
    short-lived Python objects; without this a worker keeps their pages for good (~30 MB
    after the monthly rollups at national scale). A no-op elsewhere."""
    gc.collect()
    trim_heap()


def trim_heap() -> None:
    """Return the free pages inside the C heap to the system (glibc's ``malloc_trim``; a no-op
    elsewhere): pandas and SQLite free memory in the middle of the heap, which glibc would
    otherwise keep for good (~7 MB per worker after a few hundred filter changes)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def has_store(session: Session) -> bool:
    """Whether the session comes with a store (a database's sessions do; a bare one does not,
    and reading a large table for it alone costs more than asking the database)."""
    return isinstance(session.info.get(STORE_KEY), VersionedStore)


def stored(session: Session, name: str, read: Callable[[Session], T], *,
           release: bool = True) -> T:  # fmt: skip
    """``read(session)`` of the session's data version: from its store, or read now."""
    store = session.info.get(STORE_KEY)
    if isinstance(store, VersionedStore):
        return store.get(session, name, read, release=release)
    return read(session)


def held(session: Session, name: str, read: Callable[[Session], T | None]) -> T | None:
    """What :func:`stored` gives for a session with a store, None for a bare one: a large
    table read for a one-off session's single answer costs more than asking SQL."""
    return stored(session, name, read) if has_store(session) else None


class Recent:
    """The values of the last ``size`` keys asked for (thread-safe): a view's value that
    several pages compute alike, kept for the next page instead of computed again. Treat
    values as read-only."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._values: OrderedDict[Hashable, Any] = OrderedDict()

    def __len__(self) -> int:
        return len(self._values)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return cast(T, self._values[key])
        value = compute()  # outside the lock: two threads may both compute one key, alike
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value


def recent(session: Session, name: str, key: Hashable, compute: Callable[[], T],
           size: int = 8) -> T:  # fmt: skip
    """``compute()`` for ``key``, shared with the session's store's last ``size`` keys of
    ``name`` in this data version; computed afresh for a bare session."""
    if not has_store(session):
        return compute()
    return stored(session, name, lambda _: Recent(size), release=False).get(key, compute)
