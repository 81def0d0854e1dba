"""The demo data generator's bookkeeping (targets, audit trail, dataset facts, rollups) and its
determinism; it refuses a database with program data; the CLI, the national scale at a tiny size
and PostgreSQL. Its history is checked in tests/test_demo_history.py, its realism in
tests/test_demo_realism.py.

Every expectation is computed with plain SQL on the generated database, not with the generator's
own code. The demo database is generated once per test session (conftest ``demo_sqlite``, with
``until`` fixed) and only read here.
"""

from __future__ import annotations

import datetime as dt
import functools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from data_access.database import Database
from data_access.demo import DemoDataError, NationalSize, generate_demo_data, run_demo_data
from data_access.pg_cluster import PgCluster
from tests.conftest import new_pg_db
from tests.demo_sql import UNTIL, one, open_demo_db, rows

TINY_NATIONAL = NationalSize(
    requests=20_000, sessions=1_500, ambassadors=240, libraries=150, years=3
)


def _copy_template(template: Path, folder: Path, name: str) -> Database:
    path = folder / name
    shutil.copy(template, path)
    return Database(f"sqlite:///{path}")


@pytest.fixture(scope="module")
def demo_db(demo_sqlite: Path) -> Iterator[Database]:
    """The shared demo database (conftest: seed 42, until 2026-11-25); tests only read it."""
    yield from open_demo_db(demo_sqlite)


# -- bookkeeping: targets, audit trail, dataset facts, rollups -------------------------------


def test_targets(demo_db: Database) -> None:
    national = rows(
        demo_db,
        "SELECT metric, COUNT(DISTINCT period_start), MIN(period_start), MAX(period_end)"
        " FROM target WHERE scope_kind = 'national' GROUP BY 1",
    )
    assert {m for m, *_ in national} == {
        "sessions", "participants", "requests", "citizens_served", "active_ambassadors",
        "access_points",
    }  # fmt: skip
    for _metric, years, first, last in national:
        assert (years, first, last) == (UNTIL.year - 2016, "2017-01-01", f"{UNTIL.year}-12-31")
    per_raion = rows(
        demo_db,
        "SELECT metric, COUNT(DISTINCT scope_value) FROM target WHERE scope_kind = 'raion'"
        " GROUP BY 1",
    )
    assert sorted(per_raion) == [("requests", 35), ("sessions", 35)]
    # Last year's targets: 10-20% above the year before, so some raions fall behind.
    year = UNTIL.year - 1
    attainment = rows(
        demo_db,
        "SELECT t.scope_value, 1.0 * (SELECT COUNT(*) FROM service_request q"
        " WHERE q.raion_code = t.scope_value AND q.requested_on BETWEEN t.period_start"
        " AND t.period_end) / t.value FROM target t WHERE t.metric = 'requests'"
        " AND t.scope_kind = 'raion' AND t.period_start = :p",
        p=f"{year}-01-01",
    )
    behind = [code for code, a in attainment if a < 0.9]
    assert 3 <= len(behind) < 35
    assert all(0.1 < a < 1.6 for _, a in attainment)


def test_import_batch_and_dataset_info(demo_db: Database) -> None:
    batch = rows(
        demo_db,
        "SELECT file_name, kind, status, rows, created_by, length(sha256) FROM import_batch",
    )
    facts = one(
        demo_db,
        "SELECT (SELECT COUNT(*) FROM info_session) + (SELECT COUNT(*) FROM service_request)",
    )
    assert batch == [
        ("demo-data (scale=demo, seed=42)", "demo", "imported", facts, "eambasadori demo-data", 64)
    ]
    info = dict(rows(demo_db, "SELECT key, value FROM dataset_info"))
    assert info["demo"] == "true"
    assert info["demo_scale"] == "demo"
    assert info["demo_seed"] == "42"
    assert info["generated_until"] == UNTIL.isoformat()
    assert dt.datetime.fromisoformat(info["generated_at"])


def test_rollups_are_current(demo_db: Database) -> None:
    assert one(demo_db, "SELECT COUNT(*) FROM rollup_dirty") == 0
    assert one(demo_db, "SELECT version FROM data_state") > 0
    assert one(demo_db, "SELECT SUM(requests) FROM rollup_request_month") == one(
        demo_db, "SELECT COUNT(*) FROM service_request"
    )
    by_raion = "SELECT raion_code, {m} FROM {t} GROUP BY 1 ORDER BY 1"
    assert rows(
        demo_db, by_raion.format(m="SUM(requests)", t="rollup_request_library_month")
    ) == rows(demo_db, by_raion.format(m="COUNT(*)", t="service_request"))
    assert rows(
        demo_db, by_raion.format(m="SUM(sessions), SUM(participants)", t="rollup_session_month")
    ) == rows(demo_db, by_raion.format(m="COUNT(*), SUM(participants)", t="info_session"))
    per_month = "SELECT month_key, {m} FROM {t} GROUP BY 1 ORDER BY 1"
    assert rows(
        demo_db, per_month.format(m="SUM(requests), SUM(sessions)", t="rollup_ambassador_month")
    ) == rows(
        demo_db,
        "SELECT month_key, SUM(r), SUM(s) FROM ("
        " SELECT month_key, 1 AS r, 0 AS s FROM service_request WHERE ambassador_id IS NOT NULL"
        " UNION ALL SELECT month_key, 0, 1 FROM info_session) GROUP BY 1 ORDER BY 1",
    )


# -- determinism, refusal, other engines and scales ----------------------------------------

CHECKSUMS = (
    "SELECT COUNT(*), SUM(participants), SUM(id * participants) FROM info_session",
    "SELECT COUNT(*), SUM(library_id), SUM(COALESCE(ambassador_id, 0)) FROM service_request",
    "SELECT raion_code, COUNT(*) FROM service_request GROUP BY 1 ORDER BY 1",
    "SELECT service_type_code, COUNT(*) FROM info_session_service_type GROUP BY 1 ORDER BY 1",
    "SELECT COUNT(*), SUM(lat), SUM(lon), MAX(name), MIN(accredited_on) FROM library",
    "SELECT COUNT(*), MAX(display_name), SUM(trained_by_id), MAX(left_on) FROM ambassador",
    "SELECT metric, SUM(value) FROM target GROUP BY 1 ORDER BY 1",
)


def test_same_seed_same_data(demo_db: Database, sqlite_template: Path, tmp_path: Path) -> None:
    again = _copy_template(sqlite_template, tmp_path, "again.sqlite3")
    try:
        generate_demo_data(again, seed=42, until=UNTIL)
        for sql in CHECKSUMS:
            assert rows(again, sql) == rows(demo_db, sql), sql
    finally:
        again.dispose()


def test_refuses_a_database_with_program_data(demo_db: Database) -> None:
    with pytest.raises(DemoDataError, match="already holds program data"):
        generate_demo_data(demo_db, until=UNTIL)


def test_cli_generates_then_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import data_access.demo.cli as cli

    tiny = functools.partial(generate_demo_data, national_size=TINY_NATIONAL)
    monkeypatch.setattr(cli, "generate_demo_data", tiny)
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    assert run_demo_data(url, "national", 7, UNTIL) == 0  # migrates a new file itself
    out = capsys.readouterr().out
    assert "requests:" in out
    assert "libraries:" in out
    assert run_demo_data(url, "national", 7, UNTIL) == 2
    assert "already holds program data" in capsys.readouterr().err


def test_national_scale_at_a_tiny_size(sqlite_template: Path, tmp_path: Path) -> None:
    db = _copy_template(sqlite_template, tmp_path, "national.sqlite3")
    try:
        summary = generate_demo_data(
            db, scale="national", seed=3, until=UNTIL, national_size=TINY_NATIONAL
        )
        n = one(db, "SELECT COUNT(*) FROM service_request")
        assert n == summary.requests
        assert 0.85 * TINY_NATIONAL.requests <= n <= 1.15 * TINY_NATIONAL.requests
        sessions = one(db, "SELECT COUNT(*) FROM info_session")
        assert 0.85 * TINY_NATIONAL.sessions <= sessions <= 1.25 * TINY_NATIONAL.sessions
        assert abs(one(db, "SELECT COUNT(*) FROM ambassador") - TINY_NATIONAL.ambassadors) <= 12
        first_day = (UNTIL.replace(year=UNTIL.year - TINY_NATIONAL.years)).isoformat()
        assert one(db, "SELECT MIN(requested_on) FROM service_request") > first_day
        assert (
            one(db, "SELECT MAX(requested_on) FROM service_request")
            > (UNTIL - dt.timedelta(days=7)).isoformat()
        )
        assert one(db, "SELECT SUM(requests) FROM rollup_request_month") == n
        assert one(db, "SELECT value FROM dataset_info WHERE key = 'demo_scale'") == "national"
    finally:
        db.dispose()


@pytest.mark.postgres
def test_demo_scale_on_postgresql(
    pg_cluster: PgCluster, pg_template: str, demo_db: Database
) -> None:
    db = new_pg_db(pg_cluster, pg_template)
    try:
        messages: list[str] = []
        generate_demo_data(db, seed=42, until=UNTIL, progress=messages.append)
        assert any("bulk load" in m for m in messages)  # the cluster's superuser may skip triggers
        assert one(db, "SELECT COUNT(*) FROM ambassador WHERE tier = 'national'"
                       " AND certified_on = :d", d=dt.date(2016, 6, 13)) == 18  # fmt: skip
        local = "SELECT COUNT(*) FROM ambassador WHERE tier = 'local' AND certified_on <= :d"
        assert 1_098 <= one(db, local, d=dt.date(2018, 6, 30)) <= 1_342
        early = "SELECT COUNT(*) FROM service_request WHERE requested_on <= :d"
        assert 12_600 <= one(db, early, d=dt.date(2018, 6, 30)) <= 15_400
        assert one(db, "SELECT SUM(requests) FROM rollup_request_month") == one(
            db, "SELECT COUNT(*) FROM service_request"
        )
        # Explicit ids were used: the sequences must continue after them.
        next_id = one(db, "SELECT nextval(pg_get_serial_sequence('service_request', 'id'))")
        assert next_id == one(db, "SELECT MAX(id) FROM service_request") + 1
        # The same seed gives the same data on both engines.
        for sql in CHECKSUMS[:4]:
            assert rows(db, sql) == rows(demo_db, sql), sql
    finally:
        db.dispose()


@pytest.mark.postgres
def test_postgresql_without_the_bulk_load_privilege(
    pg_cluster: PgCluster, pg_template: str
) -> None:
    # An ordinary role cannot skip the per-row triggers: the load must still work, with them.
    owner = new_pg_db(pg_cluster, pg_template)
    role = f"writer_{owner.url.database}"
    with owner.engine.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        conn.execute(text(f'GRANT ALL ON ALL TABLES IN SCHEMA public TO "{role}"'))
        conn.execute(text(f'GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "{role}"'))
    db = Database(owner.url.set(username=role).render_as_string(hide_password=False))
    try:
        messages: list[str] = []
        summary = generate_demo_data(
            db, scale="national", seed=5, until=UNTIL, national_size=TINY_NATIONAL,
            progress=messages.append,
        )  # fmt: skip
        assert not any("bulk load" in m for m in messages)
        assert one(db, "SELECT COUNT(*) FROM service_request") == summary.requests
        assert one(db, "SELECT SUM(requests) FROM rollup_request_month") == summary.requests
        assert one(db, "SELECT COUNT(*) FROM rollup_dirty") == 0
    finally:
        db.dispose()
        owner.dispose()
