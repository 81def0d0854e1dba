"""Shared fixtures: databases on SQLite and on a real, throwaway PostgreSQL cluster.

Each test gets its own database, copied from a migrated template (fast, isolated).
Set ``EAMB_REQUIRE_POSTGRES=1`` (the README's test command does) to make a missing PostgreSQL
an error instead of a skip.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from data_access.database import Database
from data_access.pg_cluster import PgCluster, find_pg_bin
from data_access.schema import init_db

_counter = itertools.count()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    if find_pg_bin() is None:
        if os.environ.get("EAMB_REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL server binaries are required but were not found")
        pytest.skip("PostgreSQL server binaries not found")
    cluster = PgCluster().start()
    try:
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture(scope="session")
def pg_template(pg_cluster: PgCluster) -> str:
    """Name of a PostgreSQL database with every migration and the reference data applied."""
    name = "eamb_template"
    db = Database(pg_cluster.create_database(name))
    init_db(db)
    db.dispose()
    return name


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = Database(f"sqlite:///{path}")
    init_db(db)
    db.dispose()
    return path


def new_sqlite_db(template: Path, folder: Path) -> Database:
    path = folder / f"db{next(_counter)}.sqlite3"
    shutil.copy(template, path)
    return Database(f"sqlite:///{path}")


def new_pg_db(cluster: PgCluster, template: str) -> Database:
    return Database(cluster.create_database(f"t{os.getpid()}_{next(_counter)}", template))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated database with reference data, on each engine."""
    if request.param == "sqlite":
        database = new_sqlite_db(request.getfixturevalue("sqlite_template"), tmp_path)
    else:
        database = new_pg_db(
            request.getfixturevalue("pg_cluster"), request.getfixturevalue("pg_template")
        )
    try:
        yield database
    finally:
        database.dispose()
