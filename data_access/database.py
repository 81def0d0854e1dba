"""The one database handle of an app or command: engine + session factory (STYLE.md 3)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from data_access.queries.versioned import STORE_KEY, VersionedStore

SQLITE_BUSY_TIMEOUT_MS = 30_000
# 2 MB: the OS page cache does the rest (and is shared). 4 MB made the pages ~30% faster at
# national scale but each worker ~8 MB larger (over the 150 MB budget; README).
SQLITE_CACHE_KIB = 2_048
WRITE_OPTION = "eambasadori_writer"


class DatabaseUnavailableError(RuntimeError):
    """The database cannot be reached; the UI shows a banner instead of a traceback."""


def _on_sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # Python's sqlite3 opens transactions lazily; we take over so that BEGIN IMMEDIATE is possible.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cur.execute("PRAGMA temp_store=MEMORY")
    mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
    if str(mode).lower() not in {"wal", "memory"}:
        cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


def _on_sqlite_begin(conn: Any) -> None:
    # Writers take the lock at BEGIN, so two writers queue on busy_timeout instead of failing
    # with "database is locked" when one upgrades a read lock.
    writer = conn.get_execution_options().get(WRITE_OPTION)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")


class Database:
    """Owns the engine and hands out short sessions. One per app process / CLI command."""

    def __init__(self, url: str, *, pool_size: int = 5, echo: bool = False) -> None:
        self.url = make_url(url)
        self.engine: Engine = self._create_engine(pool_size, echo)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # small tables held in memory once per data version, shared by this process's sessions
        self.store = VersionedStore()
        writer = self.engine.execution_options(**{WRITE_OPTION: True})
        self._write_sessions = sessionmaker(writer, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def _create_engine(self, pool_size: int, echo: bool) -> Engine:
        if self.url.get_backend_name() == "sqlite":
            # One connection kept: each holds its own page cache and parsed schema (~7 MB per
            # worker process); a thread that needs another opens it (~2 ms) and closes it after.
            engine = create_engine(self.url, echo=echo, connect_args={"timeout": 30},
                                   pool_size=1, max_overflow=pool_size * 2)  # fmt: skip
            event.listen(engine, "connect", _on_sqlite_connect)
            event.listen(engine, "begin", _on_sqlite_begin)
            return engine
        connect_args: dict[str, Any] = {"connect_timeout": 5}
        if self.url.get_backend_name() == "postgresql":
            # JIT and parallel workers cost more than they save on these small aggregate
            # queries (DESIGN.md 10): a day-edge read took 9.3 ms with two workers, 7.6 without.
            connect_args["options"] = "-c jit=off -c max_parallel_workers_per_gather=0"
        return create_engine(
            self.url,
            echo=echo,
            pool_size=pool_size,
            max_overflow=pool_size,
            pool_pre_ping=True,
            pool_recycle=1800,
            connect_args=connect_args,
        )

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session; rolled back at the end (reads never write)."""
        with self._sessions() as session:
            session.info[STORE_KEY] = self.store
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """A write transaction: committed on success, rolled back entirely on any error.

        On SQLite it starts with BEGIN IMMEDIATE so concurrent writers wait for each other.
        """
        with self._write_sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def ensure_sqlite_folder(self) -> None:
        """Create the folder of a SQLite file (first start); a no-op for other databases."""
        database = self.url.database or ""
        if self.is_sqlite and database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)

    def dispose(self) -> None:
        self.engine.dispose()
