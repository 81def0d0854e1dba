"""The demo data looks real: activity up to the present, seasons and growth, online sessions
after COVID, dormant access points, underserved raions, the audiences and the service mix, the
outcomes, leavers who fall silent, libraries at real localities with real-looking names.

Every expectation is computed with plain SQL on the generated database, not with the generator's
own code. The demo database is generated once per test session (conftest ``demo_sqlite``, with
``until`` fixed) and only read here.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterator
from pathlib import Path

import pytest

from data_access.database import Database
from data_access.models.base import AUDIENCES
from data_access.reference import service_types_frame
from tests.demo_sql import UNTIL, one, open_demo_db, rows


@pytest.fixture(scope="module")
def demo_db(demo_sqlite: Path) -> Iterator[Database]:
    """The shared demo database (conftest: seed 42, until 2026-11-25); tests only read it."""
    yield from open_demo_db(demo_sqlite)


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
