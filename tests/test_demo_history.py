"""The demo data generator follows the program's real history (DESIGN.md 3): the first national
ambassadors and their pilot sessions, the cohorts, the cascade of local librarians, the requests
and access points by the 2018 milestone, nothing outside the program, the demo scale's sizes.

Every expectation is computed with plain SQL on the generated database, not with the generator's
own code. The demo database is generated once per test session (conftest ``demo_sqlite``, with
``until`` fixed) and only read here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from data_access.database import Database
from tests.demo_sql import one, open_demo_db, rows


@pytest.fixture(scope="module")
def demo_db(demo_sqlite: Path) -> Iterator[Database]:
    """The shared demo database (conftest: seed 42, until 2026-11-25); tests only read it."""
    yield from open_demo_db(demo_sqlite)


PROGRAM_START = "2016-03-25"
FIRST_CERTIFICATION = "2016-06-13"
MILESTONE = "2018-06-30"


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
