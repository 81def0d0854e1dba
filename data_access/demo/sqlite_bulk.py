"""SQLite's side of a bulk load: the fact tables' indexes and triggers set aside until the end.

Kept in place, every generated row updates five indexes of ``service_request`` (three of them
in key orders far from the insertion order) and fires a change-tracking trigger: at national
scale the 5 million requests took ~370 s to write and the rollups, read through those indexes,
~400 s. Dropped first and created again once the rollups are built, the rows go in at the
table's end, each index is built from one sort, and the rollups scan the table in order.

SQLite's schema changes are transactional: a process killed before the commit leaves the
indexes and triggers as they were, with no rows (tested).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from data_access.database import SQLITE_CACHE_KIB

FACT_TABLES = ("service_request", "info_session", "info_session_service_type")
# 1 GB at most, taken only as pages are read: the sorts of the index builds and of the rollups'
# GROUP BYs stay in memory. The connection's usual cache is put back afterwards.
BULK_CACHE_KIB = 1_000_000

# The autoindexes of primary keys and UNIQUE constraints have no SQL: they stay.
_DEFINITIONS = text(
    "SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN :tables"
    " AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name"
).bindparams(bindparam("tables", FACT_TABLES, expanding=True))


@contextmanager
def facts_unindexed(session: Session) -> Iterator[None]:
    """Within the session's transaction on SQLite: drop the fact tables' own indexes and
    triggers, and create them again from their stored SQL on leaving (not on an error: the
    rollback restores them). Does nothing on other databases."""
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    definitions = session.execute(_DEFINITIONS).all()
    session.execute(text(f"PRAGMA cache_size = -{BULK_CACHE_KIB}"))
    try:
        for kind, name, _sql in definitions:
            session.execute(text(f'DROP {kind.upper()} "{name}"'))
        yield
        for _kind, _name, sql in definitions:
            session.execute(text(sql))
    finally:
        session.execute(text(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}"))
