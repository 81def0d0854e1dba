"""Shared fixtures: databases on SQLite and on a real, throwaway PostgreSQL cluster.

Each test gets its own database, copied from a migrated template (fast, isolated).
Set ``EAMB_REQUIRE_POSTGRES=1`` (the README's test command does) to make a missing PostgreSQL
an error instead of a skip.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from dash import Dash
from flask.testing import FlaskClient

from dashboard.settings import Settings
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


DEMO_UNTIL = dt.date(2026, 11, 25)


@pytest.fixture(scope="session")
def demo_sqlite(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the default demo data set (until 2026-11-25), generated once."""
    from data_access.demo import generate_demo_data

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    shutil.copy(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    generate_demo_data(db, scale="demo", seed=42, until=DEMO_UNTIL)
    db.dispose()
    return path


@pytest.fixture
def demo_copy(demo_sqlite: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database for a test that writes."""
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_sqlite, path)
    return path


@contextmanager
def served(app: Dash) -> Iterator[FlaskClient]:
    """A test client of ``app``. Afterwards the app's store warmer is waited for and its
    database closed: the background warmers of finished tests would otherwise pile up in this
    process, each slower than the last, and starve the tests that follow."""
    app_ctx = app.server.extensions["eambasadori"]
    try:
        yield app.server.test_client()
    finally:
        app_ctx.warmer.wait(timeout=120)
        app_ctx.db.dispose()


def app_settings(database_url: str, tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = dict(
        database_url=database_url,
        cache_type="NullCache",
        cache_dir=str(tmp_path / "cache"),
        today=DEMO_UNTIL,
        demo_data_on_first_start=False,
    )
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def demo_client(
    demo_sqlite: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FlaskClient]:
    """One demo app for the read-only HTTP tests of several modules (the program pages, the
    overview's callbacks): building it and reading its store takes seconds, so it is built once
    per test process. Its tests only read; a test that writes builds its own app."""
    from dashboard.app_factory import create_app

    settings = app_settings(f"sqlite:///{demo_sqlite}", tmp_path_factory.mktemp("app"))
    with served(create_app(settings)) as client:
        yield client
