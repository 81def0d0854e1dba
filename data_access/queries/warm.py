"""Fill a process's in-memory store for a new data version before anyone asks.

The store (:mod:`~data_access.queries.versioned`) reads its tables on first use after each
data change: about two seconds at national scale, which would otherwise land on the first
person to change a filter after an import. The live-refresh check notices a new version every
few seconds; :class:`StoreWarmer` then reads everything in a background thread.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from data_access.database import Database
from data_access.queries.day_rows import request_person_days
from data_access.queries.dimensions import dimensions, localities
from data_access.queries.fact_days import fact_days
from data_access.queries.month_rows import ambassador_months, library_months
from data_access.queries.service_masks import service_bits
from data_access.queries.service_months import ambassador_services, library_services
from data_access.queries.session_rows import session_rows
from data_access.queries.versioned import data_version
from data_access.queries.warm_sql import warm_statements

log = logging.getLogger(__name__)
LOADERS: tuple[Callable[[Session], Any], ...] = (
    dimensions, library_months, ambassador_months, localities, request_person_days, fact_days,
    session_rows, ambassador_services, library_services, service_bits,
)  # fmt: skip


def warm_store(db: Database) -> int:
    """Read every stored value of the current data version (what is current costs nothing);
    the version read."""
    with db.session() as session:
        for load in LOADERS:
            warm = getattr(load(session), "warm", None)
            if callable(warm):  # what its first use would build: built now, shared if forked
                warm()
        warm_statements(session)  # once per process and kind of database
        return data_version(session)


_FROZEN: dict[str, int] = {}  # "version": the data version whose tables gc.freeze() holds


def freeze_tables(version: int) -> None:
    """Move the tables held for ``version`` (everything alive now) out of the cyclic garbage
    collector's reach (``gc.freeze``), once per data version. A full collection walks every
    tracked object: ~150 ms with the national tables held, a pause for whichever request
    triggers one (and gunicorn's forked workers would touch, so copy, the pages it walks). The
    previous version's tables are unfrozen and collected first, so no cycle among them stays
    for good."""
    if _FROZEN.get("version") == version:
        return
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    _FROZEN["version"] = version


def warm_before_fork(db: Database) -> bool:
    """Fill the store in a process about to fork its workers (gunicorn ``--preload``), then
    close its connections (a worker must never share one). Workers inherit the tables held in
    memory as pages shared with every sibling, instead of each reading its own copy (~45 MB at
    national scale) until the data changes; they are frozen out of the garbage collector's
    reach (:func:`freeze_tables`). False, and a warning, when the database cannot be
    read yet (each worker then reads for itself, as without this)."""
    file = db.url.database or ""
    if db.is_sqlite and file not in ("", ":memory:") and not Path(file).exists():
        return False  # not created yet: connecting would leave an empty file behind
    try:
        version = warm_store(db)
    except SQLAlchemyError:
        log.warning("could not read the in-memory tables before forking", exc_info=True)
        return False
    finally:
        db.dispose()
    freeze_tables(version)
    return True


class StoreWarmer:
    """Warms ``db``'s store once per data version, in a daemon thread."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._version: int | None = None  # warming started for it
        self._warm_version: int | None = None  # warming finished for it
        self._thread: threading.Thread | None = None

    def ensure(self, version: int) -> threading.Thread | None:
        """Start warming for ``version`` unless already done or under way; the thread."""
        with self._lock:
            if self._version == version:
                return None
            self._version = version
        thread = threading.Thread(target=self._warm, name="store-warmer", daemon=True)
        self._thread = thread
        thread.start()
        return thread

    def wait(self, timeout: float | None = None) -> None:
        """Until the latest warming is over (before disposing of the database's engine)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def is_warm(self, version: int) -> bool:
        return self._warm_version == version

    def _warm(self) -> None:
        version = self._version
        try:
            read = warm_store(self.db)
        except SQLAlchemyError:  # requests read what they need themselves
            log.warning("warming the in-memory store failed", exc_info=True)
            with self._lock:
                self._version = None
            return
        freeze_tables(read)
        self._warm_version = version
