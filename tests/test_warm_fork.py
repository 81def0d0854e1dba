"""Reading the in-memory tables before gunicorn forks its workers."""

from __future__ import annotations

from pathlib import Path

from data_access.database import Database
from data_access.queries.versioned import STORE_KEY
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
