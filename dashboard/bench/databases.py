"""Build or reuse the national-scale benchmark databases (SQLite file, local PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import func, select, text

from dashboard.settings import DEFAULT_DATA_DIR
from data_access.database import Database
from data_access.demo.generator import refresh_statistics
from data_access.models import Base, InfoSession, Library, ServiceRequest
from data_access.pg_cluster import PgCluster, free_port
from data_access.schema import init_db

BENCH_UNTIL = dt.date(2026, 11, 25)
PG_BENCH_DIR = Path("/var/tmp/eambasadori-bench-pg")
# Room for every rollup and its indexes (~1.5 GB at national scale), as a production server
# would give them (README): PostgreSQL then answers from its own cache, not from files the
# operating system may have dropped since the last read.
PG_BENCH_SHARED_BUFFERS = "3GB"


def bench_dir() -> Path:
    return DEFAULT_DATA_DIR / "bench"


def _ensure_filled(db: Database, scale: str, log: bool = True) -> None:
    from data_access.demo import generate_demo_data

    init_db(db)
    with db.session() as s:
        empty = not s.scalar(select(func.count()).select_from(Library))
    if empty:
        progress = print if log else None
        generate_demo_data(db, scale=scale, until=BENCH_UNTIL, progress=progress)


def sqlite_database(scale: str = "national") -> Database:
    path = bench_dir() / f"{scale}.sqlite3"
    db = Database(f"sqlite:///{path}")
    _ensure_filled(db, scale)
    warm_up(db)
    return db


def warm_up(db: Database) -> None:
    """Read every rollup and the facts' day indexes once, as a server in its steady state has
    them in memory: the measurements then show the queries, not the first reads from disk."""
    if db.engine.dialect.name == "postgresql":
        _prewarm(db)
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name.startswith("rollup_"):
                conn.execute(select(func.count()).select_from(table)).scalar()
        for day in (ServiceRequest.requested_on, InfoSession.held_on):
            conn.execute(select(func.count(day)).where(day >= dt.date(2000, 1, 1))).scalar()


def _prewarm(db: Database) -> None:
    """Load every rollup table and index into PostgreSQL's shared buffers (``pg_prewarm``): a
    sequential scan would pass through a small ring of buffers and leave them cold."""
    rollups = [t.name for t in Base.metadata.sorted_tables if t.name.startswith("rollup_")]
    with db.engine.begin() as conn:
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_prewarm"))
        relations = conn.execute(
            text("SELECT c.oid::regclass::text FROM pg_class c WHERE c.relname = ANY(:names) "
                 "UNION ALL SELECT i.indexrelid::regclass::text FROM pg_index i "
                 "JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname = ANY(:names)"),
            {"names": rollups},
        ).scalars().all()  # fmt: skip
        for relation in relations:
            conn.execute(text("SELECT pg_prewarm(CAST(:r AS regclass))"), {"r": relation})


@contextmanager
def postgres_database(
    scale: str = "national", pool_size: int = 5
) -> Iterator[tuple[Database, PgCluster]]:
    """A local cluster kept under the bench folder between runs, started for this run only."""
    # Not under the home folder: the server runs as the postgres user, who cannot enter /root.
    cluster = PgCluster(base_dir=PG_BENCH_DIR, port=free_port(),
                        shared_buffers=PG_BENCH_SHARED_BUFFERS)  # fmt: skip
    if cluster.stop_leftover():
        print(f"stopped a PostgreSQL server an earlier run left running on {PG_BENCH_DIR}")
    cluster.start()
    try:
        url = cluster.url(scale)
        try:
            db = Database(url, pool_size=pool_size)
            with db.engine.connect():
                pass
        except Exception:
            url = cluster.create_database(scale)
            db = Database(url, pool_size=pool_size)
        _ensure_filled(db, scale)
        refresh_statistics(db)
        warm_up(db)
        yield db, cluster
        db.dispose()
    finally:
        cluster.stop()
