"""Reading the in-memory tables before gunicorn forks its workers."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from data_access.database import Database
from data_access.queries import warm
from data_access.queries.versioned import STORE_KEY, data_version
from data_access.queries.warm import LOADERS, warm_before_fork
from data_access.schema import init_db


def _held(db: Database) -> set[str]:
    with db.session() as s:
        store = s.info[STORE_KEY]
    return set(store._values)


def test_the_store_is_filled_and_no_connection_is_left_open(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path}/db.sqlite3")
    init_db(db)
    assert warm_before_fork(db)
    assert db.engine.pool.checkedin() == 0  # disposed: a forked worker opens its own
    assert _held(db) == {load.__name__ for load in LOADERS}  # each stored under its name


def test_a_database_not_created_yet_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "missing.sqlite3"
    assert not warm_before_fork(Database(f"sqlite:///{path}"))
    assert not path.exists()


def test_an_unreadable_database_is_only_a_warning(tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "empty.sqlite3"
    path.write_bytes(b"")  # a file with no tables: every read fails
    assert not warm_before_fork(Database(f"sqlite:///{path}"))
    assert "could not read" in caplog.text


def test_the_tables_are_frozen_out_of_the_collector_once_per_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full collection would walk every held table (~150 ms at national scale): they are
    frozen once per data version, the previous version's unfrozen and collected first."""
    monkeypatch.setattr(warm, "_FROZEN", {})
    db = Database(f"sqlite:///{tmp_path}/db.sqlite3")
    init_db(db)
    try:
        assert warm_before_fork(db)
        assert gc.get_freeze_count() > 0
        with db.session() as s:
            version = data_version(s)
        full = gc.get_stats()[2]["collections"]
        warm.freeze_tables(version)  # the same version: nothing to do
        assert gc.get_stats()[2]["collections"] == full
        warm.freeze_tables(version + 1)
        assert gc.get_stats()[2]["collections"] == full + 1
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        db.dispose()
