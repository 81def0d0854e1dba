"""Importing into a real database (SQLite and PostgreSQL): validation (every error reported at
once, nothing imported), idempotency (a re-import adds nothing), dry runs, a database failure
reported not raised, and the audit history of every attempt."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from data_access.database import Database
from data_access.importing import import_file, import_history, inspect_file
from data_access.importing import load as load_module
from tests.test_import_fixtures import (
    REQUEST_HEADER,
    SESSION_HEADER,
    TODAY,
    batches,
    counts,
    csv_bytes,
    request_rows,
    seed_people,
    session_rows,
    version,
)


@pytest.fixture
def people_db(db: Database) -> Database:
    seed_people(db)
    return db


def _bad_sessions() -> bytes:
    rows = session_rows("B", 9)
    rows[0][0] = "2031-01-01"  # future
    rows[1][0] = "12.12.2015"  # before the program
    rows[2][1] = "Atlantida"  # unknown raion
    rows[3][2] = "L9"  # unknown library
    rows[4][1] = "Cahul"  # L1 is in Ungheni
    rows[5][1:4] = ["Ungheni", "L1", "A3"]  # A3 works at L3, not at L1
    rows[6][6] = "-4"
    rows[7][6] = "multi"
    rows[8][7] = "cazier; horoscop"
    rows[8][8] = "B-1"  # duplicate reference in the file
    return csv_bytes(SESSION_HEADER, rows)


EXPECTED_ERRORS = [
    (2, "data", "date_future"),
    (3, "data", "date_too_early"),
    (4, "raion", "raion_unknown"),
    (5, "biblioteca", "library_unknown"),
    (6, "biblioteca", "library_raion_mismatch"),
    (7, "ambasador", "ambassador_library_mismatch"),
    (8, "participanti", "participants_negative"),
    (9, "participanti", "participants_not_number"),
    (10, "cod_raport", "report_ref_duplicate_in_file"),
    (10, "servicii", "service_unknown"),
]


def test_every_error_is_reported_at_once_and_nothing_is_imported(people_db: Database) -> None:
    db = people_db
    report = import_file(db, "rau.csv", _bad_sessions(), created_by="t", today=TODAY)
    assert report.status == "rejected"
    assert sorted((e.row, e.column, e.code) for e in report.errors) == EXPECTED_ERRORS
    assert counts(db)["sessions"] == 0
    assert batches(db) == [("rau.csv", "rejected", 9, 0)]  # the audit survives the rollback
    ro, en, ru = (report.messages(lang) for lang in ("ro", "en", "ru"))
    assert "Rândul 6, coloana „biblioteca”: Biblioteca „L1” este în Ungheni, nu în Cahul." in ro
    assert "Row 10, column “servicii”: The service “horoscop” is not known" in " ".join(en)
    assert any(line.startswith("Строка 2, столбец «data»: Дата 2031-01-01") for line in ru)
    assert len(ro) == 1 + len(EXPECTED_ERRORS)  # the summary, then one line per error
    history = import_history(db)
    assert "library_raion_mismatch" in history.loc[0, "message"]


def test_reimport_adds_nothing_and_says_so(people_db: Database) -> None:
    db = people_db
    content = csv_bytes(SESSION_HEADER, session_rows("S", 5))
    assert import_file(db, "a.csv", content, created_by="t", today=TODAY).inserted == 5
    after_first = version(db)
    again = import_file(db, "a-copy.csv", content, created_by="t", today=TODAY)
    assert (again.status, again.inserted, again.duplicate_rows) == ("duplicate", 0, [2, 3, 4, 5, 6])
    assert again.previous_import is not None
    assert again.ok
    assert any("already imported" in line for line in again.messages("en"))
    assert version(db) == after_first  # nothing changed: dashboards need not refresh

    overlapping = csv_bytes(SESSION_HEADER, session_rows("S", 7))  # S-6, S-7 are new
    partial = import_file(db, "b.csv", overlapping, created_by="t", today=TODAY)
    assert (partial.status, partial.inserted, partial.duplicates) == ("imported", 2, 5)
    assert counts(db)["sessions"] == 7
    assert [b[1] for b in batches(db)] == ["imported", "duplicate", "imported"]


def test_dry_run_validates_and_writes_nothing(people_db: Database) -> None:
    db = people_db
    content = csv_bytes(REQUEST_HEADER, request_rows("R", 3))
    dry = inspect_file(db, "r.csv", content, today=TODAY)
    assert (dry.status, dry.dry_run, dry.kind, dry.rows) == ("valid", True, "requests", 3)
    assert counts(db) == {"sessions": 0, "links": 0, "requests": 0, "batches": 0}
    assert inspect_file(db, "bad.csv", _bad_sessions(), today=TODAY).status == "rejected"
    import_file(db, "r.csv", content, created_by="t", today=TODAY)
    assert inspect_file(db, "r.csv", content, today=TODAY).status == "duplicate"


def test_a_database_failure_is_reported_not_raised(
    people_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = people_db

    def locked(*_args: object, **_kwargs: object) -> int:
        raise OperationalError("INSERT ...", {}, Exception("database is locked"))

    monkeypatch.setattr(load_module, "add_sessions", locked)
    content = csv_bytes(SESSION_HEADER, session_rows("S", 3))
    report = import_file(db, "a.csv", content, created_by="t", today=TODAY)
    assert (report.status, report.failure, report.ok) == ("failed", "busy", False)
    assert any("try again" in line for line in report.messages("en"))
    assert counts(db)["sessions"] == 0
    assert batches(db) == [("a.csv", "failed", 3, 0)]
    assert "failure=busy" in import_history(db).loc[0, "message"]


def test_history_lists_attempts_newest_first(people_db: Database) -> None:
    db = people_db
    import_file(
        db,
        "one.csv",
        csv_bytes(SESSION_HEADER, session_rows("S", 2)),
        created_by="ana",
        today=TODAY,
    )
    import_file(db, "two.csv", b"", created_by="ion", today=TODAY)
    history = import_history(db, limit=10)
    assert list(history["file_name"]) == ["two.csv", "one.csv"]
    assert list(history["status"]) == ["rejected", "imported"]
    assert list(history["created_by"]) == ["ion", "ana"]
    assert {"created_at", "sha256", "rows", "inserted", "kind", "message"} <= set(history.columns)
