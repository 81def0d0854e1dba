"""The demo data generator: the program's real milestones, realism, determinism and rollups.

Every expectation is computed with plain SQL on the generated database, not with the generator's
own code. The demo database is generated once per test session (conftest ``demo_sqlite``, with
``until`` fixed) and only read here.
"""

from __future__ import annotations

import datetime as dt
import functools
import shutil
import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from data_access.database import Database
from data_access.demo import DemoDataError, NationalSize, generate_demo_data, run_demo_data
from data_access.models.base import AUDIENCES
from data_access.pg_cluster import PgCluster
from data_access.reference import service_types_frame
from tests.conftest import DEMO_UNTIL, new_pg_db

UNTIL = DEMO_UNTIL
PROGRAM_START = "2016-03-25"
FIRST_CERTIFICATION = "2016-06-13"
MILESTONE = "2018-06-30"
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
    db = Database(f"sqlite:///{demo_sqlite}")
    try:
        yield db
    finally:
        db.dispose()


def one(db: Database, sql: str, **params: Any) -> Any:
    with db.session() as s:
        return s.execute(text(sql), params).scalar_one()


def rows(db: Database, sql: str, **params: Any) -> list[Any]:
    with db.session() as s:
        return list(s.execute(text(sql), params).all())


# -- the real history (DESIGN.md 3) -----------------------------------------------------------


def test_first_eighteen_national_ambassadors(demo_db: Database) -> None:
    first = rows(
        demo_db,
        "SELECT a.id, l.kind FROM ambassador a JOIN library l ON l.id = a.library_id"
        " WHERE a.tier = 'national' AND a.certified_on = :d",
        d=FIRST_CERTIFICATION,
    )
    assert len(first) == 18
    assert {kind for _, kind in first} == {"village", "raion", "municipal"}
    assert one(demo_db, "SELECT MIN(certified_on) FROM ambassador") == FIRST_CERTIFICATION


def test_pilot_sessions_before_certification(demo_db: Database) -> None:
    window = dict(a=PROGRAM_START, b=FIRST_CERTIFICATION)
    n, participants = rows(
        demo_db,
        "SELECT COUNT(*), SUM(participants) FROM info_session WHERE held_on BETWEEN :a AND :b",
        **window,
    )[0]
    assert 60 <= n <= 75
    assert 550 <= participants <= 650
    outsiders = one(
        demo_db,
        "SELECT COUNT(*) FROM info_session s JOIN ambassador a ON a.id = s.ambassador_id"
        " WHERE s.held_on BETWEEN :a AND :b"
        " AND NOT (a.tier = 'national' AND a.certified_on = :b)",
        **window,
    )
    assert outsiders == 0
    assert (
        one(demo_db, "SELECT COUNT(*) FROM info_session WHERE held_on < :a", a=PROGRAM_START) == 0
    )
    early = "SELECT COUNT(*) FROM service_request WHERE requested_on < :a"
    assert one(demo_db, early, a=PROGRAM_START) == 0


def test_national_cohorts(demo_db: Database) -> None:
    by = "SELECT COUNT(*) FROM ambassador WHERE tier = 'national' AND certified_on <= :d"
    october = rows(
        demo_db,
        "SELECT COUNT(*) FROM ambassador WHERE tier = 'national'"
        " AND certified_on BETWEEN '2016-10-01' AND '2016-10-31'",
    )[0][0]
    assert october == 11
    assert one(demo_db, by, d="2016-12-31") == 29
    assert one(demo_db, by, d=MILESTONE) == 43


def test_cascade_of_local_librarians(demo_db: Database) -> None:
    by_milestone = one(
        demo_db,
        "SELECT COUNT(*) FROM ambassador WHERE tier = 'local' AND certified_on <= :d",
        d=MILESTONE,
    )
    assert 1_220 * 0.9 <= by_milestone <= 1_220 * 1.1
    broken = one(
        demo_db,
        "SELECT COUNT(*) FROM ambassador a LEFT JOIN ambassador t ON t.id = a.trained_by_id"
        " WHERE a.tier = 'local' AND (t.id IS NULL OR t.tier <> 'national'"
        " OR a.certified_on <= t.certified_on)",
    )
    assert broken == 0
    per_year = dict(
        rows(
            demo_db,
            "SELECT substr(certified_on, 1, 4), COUNT(*) FROM ambassador"
            " WHERE tier = 'local' GROUP BY 1",
        )
    )
    assert per_year["2017"] > 300
    later = [per_year.get(str(y), 0) for y in range(2019, 2027)]
    assert all(0 < n < per_year["2017"] / 5 for n in later)  # still training, more slowly


def test_requests_by_milestone(demo_db: Database) -> None:
    n = one(demo_db, "SELECT COUNT(*) FROM service_request WHERE requested_on <= :d", d=MILESTONE)
    assert 14_000 * 0.9 <= n <= 14_000 * 1.1


def test_every_populated_unit_has_an_access_point_by_2018(demo_db: Database) -> None:
    missing = rows(
        demo_db,
        "SELECT r.code FROM raion r WHERE r.population IS NOT NULL AND NOT EXISTS ("
        " SELECT 1 FROM library l WHERE l.raion_code = r.code AND l.accredited_on <= :d)",
        d=MILESTONE,
    )
    assert missing == []
    assert one(demo_db, "SELECT COUNT(*) FROM raion WHERE population IS NOT NULL") == 35


def test_nothing_outside_the_program(demo_db: Database) -> None:
    outside = "('MD-BD', 'MD-SN')"
    for table in ("library", "info_session", "service_request"):
        assert one(demo_db, f"SELECT COUNT(*) FROM {table} WHERE raion_code IN {outside}") == 0


def test_sizes_of_the_demo_scale(demo_db: Database) -> None:
    assert 900 <= one(demo_db, "SELECT COUNT(*) FROM library") <= 1_100
    assert 1_350 <= one(demo_db, "SELECT COUNT(*) FROM ambassador") <= 1_500
    assert 150_000 <= one(demo_db, "SELECT COUNT(*) FROM service_request") <= 250_000
    assert 15_000 <= one(demo_db, "SELECT COUNT(*) FROM info_session") <= 30_000


# -- realism ----------------------------------------------------------------------------------


def test_activity_reaches_the_present(demo_db: Database) -> None:
    week_before = (UNTIL - dt.timedelta(days=7)).isoformat()
    last_session = one(demo_db, "SELECT MAX(held_on) FROM info_session")
    last_request = one(demo_db, "SELECT MAX(requested_on) FROM service_request")
    assert week_before <= last_session <= UNTIL.isoformat()
    assert week_before <= last_request <= UNTIL.isoformat()


def _per_day(db: Database, where: str) -> float:
    n = one(db, f"SELECT COUNT(*) FROM service_request WHERE {where}")
    days = one(db, f"SELECT COUNT(DISTINCT requested_on) FROM service_request WHERE {where}")
    return n / days


def test_seasonality_and_growth(demo_db: Database) -> None:
    years = "requested_on BETWEEN '2021-01-01' AND '2025-12-31'"
    month = "CAST(substr(requested_on, 6, 2) AS INTEGER)"
    summer = _per_day(demo_db, f"{years} AND {month} IN (7, 8)")
    spring = _per_day(demo_db, f"{years} AND {month} IN (3, 4, 5)")
    assert summer < 0.8 * spring
    holidays = one(
        demo_db,
        f"SELECT COUNT(*) FROM service_request WHERE {years}"
        " AND (substr(requested_on, 6, 5) >= '12-25' OR substr(requested_on, 6, 5) <= '01-08')",
    )
    october = one(
        demo_db,
        f"SELECT COUNT(*) FROM service_request WHERE {years}"
        " AND substr(requested_on, 6, 5) BETWEEN '10-10' AND '10-24'",
    )
    assert holidays < 0.6 * october  # fifteen days each
    tax = one(
        demo_db,
        f"SELECT 1.0 * SUM({month} BETWEEN 2 AND 5) / COUNT(*) FROM service_request"
        " WHERE service_type_code = 'declaratie_fiscala'",
    )
    assert tax > 0.6  # a third of the year, most of the tax declarations
    per_year = dict(
        rows(demo_db, "SELECT substr(requested_on, 1, 4), COUNT(*) FROM service_request GROUP BY 1")
    )
    assert per_year["2017"] < per_year["2019"] < per_year["2022"] < per_year["2025"]


def test_online_sessions_after_covid(demo_db: Database) -> None:
    share = "SELECT AVG(format = 'online') FROM info_session WHERE held_on BETWEEN :a AND :b"
    assert one(demo_db, share, a="2016-01-01", b="2020-02-29") < 0.03
    assert one(demo_db, share, a="2020-03-15", b="2020-12-31") > 0.3
    assert one(demo_db, share, a="2021-01-01", b="2026-12-31") > 0.15


def test_dormant_access_points(demo_db: Database) -> None:
    access_points, dormant = rows(
        demo_db,
        "SELECT COUNT(*), SUM(COALESCE(last_day, '') < :cut) FROM library l LEFT JOIN ("
        " SELECT library_id, MAX(day) AS last_day FROM ("
        "  SELECT library_id, held_on AS day FROM info_session"
        "  UNION ALL SELECT library_id, requested_on FROM service_request) GROUP BY library_id"
        ") a ON a.library_id = l.id WHERE l.accredited_on <= :until",
        cut=(UNTIL - dt.timedelta(days=60)).isoformat(),
        until=UNTIL.isoformat(),
    )[0]
    assert 0.05 * access_points <= dormant <= 0.3 * access_points


def test_underserved_raions(demo_db: Database) -> None:
    since = (UNTIL - dt.timedelta(days=365)).isoformat()
    served = rows(
        demo_db,
        "SELECT r.code, r.population,"
        " (SELECT COUNT(*) FROM service_request q WHERE q.raion_code = r.code"
        "  AND q.requested_on > :since)"
        " + (SELECT COALESCE(SUM(participants), 0) FROM info_session s"
        "  WHERE s.raion_code = r.code AND s.held_on > :since)"
        " FROM raion r WHERE r.population IS NOT NULL",
        since=since,
    )
    per_capita = {code: n / pop * 10_000 for code, pop, n in served}
    median = statistics.median(per_capita.values())
    underserved = [c for c, v in per_capita.items() if v < 0.4 * median]
    assert 2 <= len(underserved) <= 4


def test_audiences_and_service_mix(demo_db: Database) -> None:
    audiences = {a for (a,) in rows(demo_db, "SELECT DISTINCT audience FROM info_session")}
    assert audiences == set(AUDIENCES)
    share = dict(
        rows(
            demo_db,
            "SELECT service_type_code, 1.0 * COUNT(*) / (SELECT COUNT(*) FROM service_request)"
            " FROM service_request GROUP BY 1",
        )
    )
    assert set(share) == set(service_types_frame()["code"])
    assert share["cazier"] > 0.1
    assert share["mpay_utilitati"] > 0.08
    top = sorted(share.values())[-8:]
    for rare in ("extras_rsud", "inregistrare_afacere", "semnatura_mobila"):
        assert share[rare] < min(top)
    covered = {
        c
        for (c,) in rows(
            demo_db, "SELECT DISTINCT service_type_code FROM info_session_service_type"
        )
    }
    assert covered == set(share)


def test_on_behalf_outcomes_and_staff_assisted(demo_db: Database) -> None:
    def ratio(condition: str) -> float:
        return float(one(demo_db, f"SELECT AVG({condition}) FROM service_request"))

    assert 0.20 <= ratio("on_behalf_of = 'relative_abroad'") <= 0.35
    assert 0.03 <= ratio("outcome = 'failed'") <= 0.06
    assert ratio("outcome = 'completed'") > 0.7
    assert ratio("outcome = 'submitted'") > ratio("outcome = 'failed'")
    assert 0.02 <= ratio("ambassador_id IS NULL") <= 0.08


def test_session_participants_and_services(demo_db: Database) -> None:
    bounds = {
        f: (lo, hi)
        for f, lo, hi in rows(
            demo_db,
            "SELECT format, MIN(participants), MAX(participants) FROM info_session GROUP BY 1",
        )
    }
    assert bounds["in_person"][0] >= 4
    assert bounds["in_person"][1] <= 25
    assert bounds["online"][0] >= 5
    assert bounds["online"][1] <= 60
    assert 8 <= one(demo_db, "SELECT AVG(participants) FROM info_session") <= 12
    per_session = rows(
        demo_db,
        "SELECT MIN(k), MAX(k), COUNT(*) FROM (SELECT s.id, COUNT(x.session_id) AS k"
        " FROM info_session s LEFT JOIN info_session_service_type x ON x.session_id = s.id"
        " GROUP BY s.id)",
    )[0]
    assert per_session[:2] == (1, 3)


def test_leavers_are_silent_after_leaving(demo_db: Database) -> None:
    assert one(demo_db, "SELECT COUNT(*) FROM ambassador WHERE left_on IS NOT NULL") > 20
    for table, day in (("info_session", "held_on"), ("service_request", "requested_on")):
        after = one(
            demo_db,
            f"SELECT COUNT(*) FROM {table} f JOIN ambassador a ON a.id = f.ambassador_id"
            f" WHERE a.left_on IS NOT NULL AND f.{day} >= a.left_on",
        )
        assert after == 0


def test_libraries_at_real_localities(demo_db: Database) -> None:
    # Every library lies near a locality of the same name in its raion (city branches spread
    # over their city; elsewhere within 300 m, 700 m where the locality point is approximate).
    far = rows(
        demo_db,
        "SELECT l.code, MIN((l.lat - c.lat) * (l.lat - c.lat) * 111.2 * 111.2"
        " + (l.lon - c.lon) * (l.lon - c.lon) * 75.8 * 75.8) AS d2, MAX(c.coord_source), l.kind"
        " FROM library l JOIN locality c ON c.name_ro = l.locality AND c.raion_code = l.raion_code"
        " GROUP BY l.id",
    )
    assert len(far) == one(demo_db, "SELECT COUNT(*) FROM library")
    for code, d2, source, kind in far:
        limit_km = 5.2 if kind == "municipal" else 0.72 if source == "approximate" else 0.31
        assert d2**0.5 <= limit_km, code
    kinds = dict(rows(demo_db, "SELECT kind, COUNT(*) FROM library GROUP BY 1"))
    assert kinds["raion"] >= 30
    assert kinds["village"] > 700
    assert kinds["town"] > 10
    centres = rows(
        demo_db,
        "SELECT l.kind FROM library l JOIN locality c ON c.name_ro = l.locality"
        " AND c.raion_code = l.raion_code WHERE c.is_raion_center AND l.raion_code IN ('MD-CU',"
        " 'MD-BA', 'MD-UN', 'MD-CA') GROUP BY l.id",
    )
    assert {k for (k,) in centres} == {"municipal", "raion"}


def test_names_and_codes(demo_db: Database) -> None:
    names = [n for (n,) in rows(demo_db, "SELECT name FROM library")]
    assert all(n.startswith("Biblioteca ") for n in names)
    assert any("ș" in n or "ț" in n or "ă" in n or "î" in n or "â" in n for n in names)
    codes = [c for (c,) in rows(demo_db, "SELECT code FROM library")]
    assert len(set(codes)) == len(codes)
    assert all(len(c) == 10 and c.startswith("BP-") for c in codes)
    assert one(demo_db, "SELECT code FROM ambassador WHERE id = 1") == "AMB-0001"
    people = [n for (n,) in rows(demo_db, "SELECT display_name FROM ambassador")]
    assert all(len(p.split()) >= 2 for p in people)
    assert len(set(people)) > 0.95 * len(people)


def test_accreditation_follows_the_first_ambassador(demo_db: Database) -> None:
    mismatched = one(
        demo_db,
        "SELECT COUNT(*) FROM library l LEFT JOIN (SELECT library_id, MIN(certified_on) AS first"
        " FROM ambassador GROUP BY library_id) a ON a.library_id = l.id"
        " WHERE l.accredited_on IS NOT a.first",
    )
    assert mismatched == 0
    never = one(demo_db, "SELECT COUNT(*) FROM library WHERE accredited_on IS NULL")
    assert 0 < never < 0.15 * one(demo_db, "SELECT COUNT(*) FROM library")


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
