"""The demo generator's SQLite bulk load sets the fact tables' indexes and triggers aside and
puts them back exactly: after a load, after an error, and after a process killed mid-load."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from data_access.database import SQLITE_CACHE_KIB, Database
from data_access.demo import NationalSize, generate_demo_data
from data_access.demo.sqlite_bulk import facts_unindexed
from tests.conftest import DEMO_UNTIL

REPO = Path(__file__).resolve().parents[1]
TINY = NationalSize(requests=8_000, sessions=600, ambassadors=120, libraries=80, years=2)
DEFINITIONS = (
    "SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN"
    " ('service_request', 'info_session', 'info_session_service_type')"
    " AND sql IS NOT NULL AND type IN ('index', 'trigger') ORDER BY type, name"
)


def _database(template: Path, folder: Path) -> Database:
    path = folder / "bulk.sqlite3"
    shutil.copy(template, path)
    return Database(f"sqlite:///{path}")


def _definitions(db: Database) -> list[tuple[str, str, str]]:
    with db.session() as s:
        return [tuple(row) for row in s.execute(text(DEFINITIONS)).all()]  # type: ignore[misc]


def _cache_size(db: Database) -> int:
    with db.session() as s:
        return int(s.execute(text("PRAGMA cache_size")).scalar_one())


def test_a_load_ends_with_every_index_and_trigger_as_before(
    sqlite_template: Path, tmp_path: Path
) -> None:
    db = _database(sqlite_template, tmp_path)
    try:
        before = _definitions(db)
        assert {kind for kind, *_ in before} == {"index", "trigger"}
        generate_demo_data(db, scale="national", seed=5, until=DEMO_UNTIL, national_size=TINY)
        assert _definitions(db) == before
        assert _cache_size(db) == -SQLITE_CACHE_KIB
        with db.write_session() as s:  # the change-tracking trigger fires again
            s.execute(text("DELETE FROM rollup_dirty"))
            s.execute(text("DELETE FROM service_request WHERE id = (SELECT MAX(id) FROM"
                           " service_request)"))  # fmt: skip
            assert s.execute(text("SELECT COUNT(*) FROM rollup_dirty")).scalar_one() == 1
            s.rollback()
        with db.session() as s:  # and the planner has the day index to read a month by
            plan = " ".join(str(r[-1]) for r in s.execute(text(
                "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM service_request"
                " WHERE requested_on BETWEEN '2025-01-01' AND '2025-01-31'")))  # fmt: skip
            assert "ix_service_request_day_cover" in plan
    finally:
        db.dispose()


def _fail_inside(db: Database, seen: list[object]) -> None:
    with db.write_session() as s, facts_unindexed(s):
        seen.append(list(s.execute(text(DEFINITIONS)).all()))
        raise RuntimeError("stop")


def test_an_error_inside_puts_everything_back(sqlite_template: Path, tmp_path: Path) -> None:
    db = _database(sqlite_template, tmp_path)
    try:
        before = _definitions(db)
        seen_inside: list[object] = []
        with pytest.raises(RuntimeError, match="stop"):
            _fail_inside(db, seen_inside)
        assert seen_inside == [[]]  # set aside inside
        assert _definitions(db) == before
        assert _cache_size(db) == -SQLITE_CACHE_KIB
    finally:
        db.dispose()


def test_a_process_killed_mid_load_leaves_the_schema_and_no_rows(
    sqlite_template: Path, tmp_path: Path
) -> None:
    db = _database(sqlite_template, tmp_path)
    before = _definitions(db)
    db.dispose()
    # The process ends abruptly (no rollback, no cleanup) once the requests are written.
    script = textwrap.dedent(f"""
        import datetime as dt, os
        from data_access.database import Database
        from data_access.demo import NationalSize, generate_demo_data

        def progress(message):
            if "requests written" in message:
                os._exit(9)

        generate_demo_data(Database("sqlite:///{tmp_path / "bulk.sqlite3"}"), scale="national",
                           seed=5, until=dt.date.fromisoformat("{DEMO_UNTIL}"),
                           national_size=NationalSize(**{TINY.__dict__!r}), progress=progress)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=300,
                          cwd=REPO)  # fmt: skip
    assert done.returncode == 9, done.stderr.decode()
    db = Database(f"sqlite:///{tmp_path / 'bulk.sqlite3'}")
    try:
        assert _definitions(db) == before
        with db.session() as s:
            for table in ("service_request", "info_session", "library", "ambassador"):
                assert s.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one() == 0
    finally:
        db.dispose()
