"""Reading the in-memory tables before gunicorn forks its workers."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.filters import Filters
from data_access.database import Database
from data_access.queries import warm
from data_access.queries.day_rows import read_day_rows
from data_access.queries.month_rows import read_ambassador_months
from data_access.queries.versioned import STORE_KEY, data_version
from data_access.queries.warm import LOADERS, warm_before_fork
from data_access.schema import init_db
from tests.handmade import seed_handmade

D = dt.date


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


def test_warming_the_held_tables_builds_what_first_use_builds(db: Database) -> None:
    """``warm_store`` builds the codes and history the first queries would (shared by forked
    workers): the same as first use builds them, so answers cannot differ."""
    seed_handmade(db)
    with db.session() as s:
        warmed_days, fresh_days = read_day_rows(s), read_day_rows(s)
        warmed_months, fresh_months = read_ambassador_months(s), read_ambassador_months(s)
    assert warmed_days is not None
    assert fresh_days is not None
    warmed_days.warm()
    warmed_months.warm()
    assert ("ambassador_id",) in warmed_days._by
    assert "raion_code" in warmed_days._place_codes.columns
    assert "ambassador_id" in warmed_months._histories
    for by in [(), ("ambassador_id",), ("library_id",), ("raion_code",), ("library_kind",)]:
        got, want = warmed_days.codes(by), fresh_days.codes(by)
        np.testing.assert_array_equal(got[0], want[0])
        pd.testing.assert_frame_equal(got[1], want[1])
    views = [
        Filters(D(2024, 1, 1), D(2024, 3, 31), raions=("MD-UN",)),
        Filters(D(2024, 1, 1), D(2024, 3, 31), library_kinds=("village",), tiers=("local",)),
        Filters(D(2024, 1, 1), D(2024, 3, 31), scope=frozenset({"MD-CU", "MD-CA"})),
    ]
    for view in views:
        np.testing.assert_array_equal(warmed_days.kept_groups(view), fresh_days.kept_groups(view))
    for last in (D(2023, 12, 31), D(2024, 2, 10), D(2024, 3, 31)):
        got = warmed_months.latest_up_to(last, "ambassador_id")
        pd.testing.assert_series_equal(got, fresh_months.latest_up_to(last, "ambassador_id"))
