"""Bulk writes of generated chunks straight through the DBAPI connection of the session.

SQLite: ``executemany`` of plain tuples (dates as ISO text, as SQLAlchemy stores them);
PostgreSQL: psycopg 3 ``COPY ... FROM STDIN``. Both run inside the session's transaction. The
generated ``month_key`` columns are left to the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import repeat
from typing import Any

import numpy as np
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from data_access.demo import mix
from data_access.demo.facts import RequestChunk, SessionChunk

REQUEST_COLUMNS = (
    "id", "requested_on", "library_id", "ambassador_id", "raion_code", "service_type_code",
    "on_behalf_of", "outcome", "import_batch_id",
)  # fmt: skip
SESSION_COLUMNS = (
    "id", "held_on", "ambassador_id", "library_id", "raion_code", "format", "audience",
    "participants", "import_batch_id",
)  # fmt: skip
LINK_COLUMNS = ("session_id", "service_type_code")
SEQUENCED_TABLES = ("library", "ambassador", "info_session", "service_request", "target",
                    "import_batch")  # fmt: skip
SETVAL = (
    "SELECT setval(pg_get_serial_sequence(:t, 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL)"
)
# Every foreign key of the fact tables, as "rows without their parent" (run after a bulk load
# that skipped the per-row checks).
ORPHANS = (
    "SELECT COUNT(*) FROM {t} f WHERE NOT EXISTS (SELECT 1 FROM library l"
    " WHERE l.id = f.library_id AND l.raion_code = f.raion_code)",
    "SELECT COUNT(*) FROM {t} f WHERE f.ambassador_id IS NOT NULL AND NOT EXISTS"
    " (SELECT 1 FROM ambassador a WHERE a.id = f.ambassador_id)",
    "SELECT COUNT(*) FROM {t} f WHERE f.import_batch_id IS NOT NULL AND NOT EXISTS"
    " (SELECT 1 FROM import_batch b WHERE b.id = f.import_batch_id)",
)
LINK_ORPHANS = (
    "SELECT COUNT(*) FROM service_request f WHERE NOT EXISTS"
    " (SELECT 1 FROM service_type t WHERE t.code = f.service_type_code)",
    "SELECT COUNT(*) FROM info_session_service_type x WHERE NOT EXISTS"
    " (SELECT 1 FROM info_session s WHERE s.id = x.session_id) OR NOT EXISTS"
    " (SELECT 1 FROM service_type t WHERE t.code = x.service_type_code)",
)


class FactWriter:
    """Writes chunks of one generation; knows the lookups from indexes to stored values."""

    def __init__(
        self, session: Session, *, iso_days: np.ndarray, library_units: np.ndarray, batch_id: int
    ) -> None:
        self.session = session
        self.postgres = session.get_bind().dialect.name == "postgresql"
        self.raw: Any = session.connection().connection.driver_connection
        self.iso = iso_days
        self.units = library_units
        self.batch_id = batch_id
        self.codes = np.array(mix.service_codes(), dtype=object)

    def _write(self, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
        cur = self.raw.cursor()
        try:
            if self.postgres:
                with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join("?" * len(columns))
                names = ", ".join(columns)
                sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 - constants
                cur.executemany(sql, rows)
        finally:
            cur.close()

    @staticmethod
    def _ambassador_ids(index: np.ndarray) -> list[Any]:
        ids = (index + 1).astype(object)
        ids[index < 0] = None
        return list(ids.tolist())

    def requests(self, c: RequestChunk) -> None:
        n = len(c.day)
        rows = zip(
            range(c.first_id, c.first_id + n),
            self.iso[c.day].tolist(),
            (c.library + 1).tolist(),
            self._ambassador_ids(c.ambassador),
            self.units[c.library].tolist(),
            self.codes[c.service].tolist(),
            mix.BEHALF_NAMES[c.behalf].tolist(),
            mix.OUTCOME_NAMES[c.outcome].tolist(),
            repeat(self.batch_id, n),
            strict=True,
        )
        self._write("service_request", REQUEST_COLUMNS, rows)

    def sessions(self, c: SessionChunk) -> None:
        n = len(c.day)
        rows = zip(
            range(c.first_id, c.first_id + n),
            self.iso[c.day].tolist(),
            (c.ambassador + 1).tolist(),
            (c.library + 1).tolist(),
            self.units[c.library].tolist(),
            mix.FORMATS[c.online.astype(np.int64)].tolist(),
            mix.AUDIENCE_NAMES[c.audience].tolist(),
            c.participants.tolist(),
            repeat(self.batch_id, n),
            strict=True,
        )
        self._write("info_session", SESSION_COLUMNS, rows)
        links = zip(
            (c.link_row + c.first_id).tolist(), self.codes[c.link_service].tolist(), strict=True
        )
        self._write("info_session_service_type", LINK_COLUMNS, links)


def reset_sequences(session: Session) -> None:
    """After explicit ids on PostgreSQL, move each serial sequence past the largest id."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in SEQUENCED_TABLES:
        sql = f"{SETVAL} FROM {table}"
        session.execute(text(sql), {"t": table})


@contextmanager
def bulk_load(session: Session) -> Iterator[bool]:
    """On PostgreSQL, skip the per-row foreign-key and change-tracking triggers while loading.

    This is what ``pg_restore --disable-triggers`` does (``session_replication_role = replica``,
    for this transaction only); it cuts a 5M-row load by ~4x. It needs the privilege to set that
    parameter; without it the load simply runs with the triggers. Yields whether they were
    skipped: the caller must then check the keys (:func:`check_references`) and rebuild the
    rollups, which the skipped triggers would have marked dirty.
    """
    if session.get_bind().dialect.name != "postgresql":
        yield False
        return
    try:
        with session.begin_nested():
            session.execute(text("SET LOCAL session_replication_role = replica"))
    except DBAPIError:
        yield False
        return
    try:
        yield True
    finally:
        session.execute(text("SET LOCAL session_replication_role = origin"))


def check_references(session: Session) -> int:
    """Number of fact rows whose foreign keys point nowhere (0 for a sound load)."""
    statements = [q.format(t=t) for t in ("service_request", "info_session") for q in ORPHANS]
    return sum(int(session.execute(text(q)).scalar_one()) for q in statements + list(LINK_ORPHANS))
