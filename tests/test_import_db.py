"""Importing into a real database (SQLite and PostgreSQL): valid files are imported, whatever
their format, headers, column order, names, encodings or template. Validation, idempotency and the
audit trail are in tests/test_import_db_audit.py."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from sqlalchemy import select

from data_access.database import Database
from data_access.importing import import_file, inspect_file, template_bytes
from data_access.models import InfoSession, ServiceRequest
from tests.test_import_fixtures import (
    REQUEST_HEADER,
    SESSION_HEADER,
    TODAY,
    batches,
    counts,
    csv_bytes,
    request_rows,
    rollups_match_facts,
    seed_people,
    session_rows,
    version,
    xlsx_bytes,
)


@pytest.fixture
def people_db(db: Database) -> Database:
    seed_people(db)
    return db


def test_sessions_csv_and_requests_xlsx_are_imported(people_db: Database) -> None:
    db = people_db
    before = version(db)
    sessions = csv_bytes(SESSION_HEADER, session_rows("S", 6), delimiter=";", encoding="utf-8-sig")
    report = import_file(
        db, "C:\\rapoarte\\sesiuni.csv", sessions, created_by="tester", today=TODAY
    )
    assert (report.status, report.kind, report.rows, report.inserted) == (
        "imported",
        "sessions",
        6,
        6,
    )
    assert report.file_name == "sesiuni.csv"

    english = [
        "date",
        "raion",
        "library",
        "ambassador",
        "service",
        "on_behalf_of",
        "outcome",
        "report_ref",
    ]
    rows: list[list[object]] = [list(r) for r in request_rows("R", 4)]
    rows[0][0] = dt.datetime(2024, 3, 1)  # an Excel date cell
    rows[1][0] = 45352  # an Excel serial number: 2024-03-01
    rows[2][5:7] = ["self", "submitted"]
    report = import_file(
        db, "cereri.xlsx", xlsx_bytes(english, rows), created_by="tester", today=TODAY
    )
    assert (report.status, report.kind, report.inserted) == ("imported", "requests", 4)

    assert counts(db) == {"sessions": 6, "links": 6, "requests": 4, "batches": 2}
    assert rollups_match_facts(db)
    assert version(db) > before
    with db.session() as s:
        first = s.execute(select(InfoSession).where(InfoSession.source_ref == "S-1")).scalar_one()
        assert (first.held_on, first.format, first.audience, first.raion_code) == (
            dt.date(2024, 1, 1),
            "in_person",
            "citizens",
            "MD-UN",
        )
        req = s.execute(
            select(ServiceRequest).where(ServiceRequest.source_ref == "R-1")
        ).scalar_one()
        assert (req.requested_on, req.ambassador_id, req.on_behalf_of) == (
            dt.date(2024, 3, 1),
            None,
            "relative_abroad",
        )
    assert batches(db) == [("sesiuni.csv", "imported", 6, 6), ("cereri.xlsx", "imported", 4, 4)]


ENGLISH_SESSION_HEADER = ["date", "raion", "library", "ambassador", "format", "audience",
                          "participants", "services", "report_ref"]  # fmt: skip


def test_sessions_with_english_headers_are_imported(people_db: Database) -> None:
    db = people_db
    rows = session_rows("E", 3)
    rows[0][4:6] = ["in person", "citizens"]  # English values under the English headers
    order = [8, 0, 2, 1, 3, 6, 5, 4, 7]  # column order does not matter either
    header = [ENGLISH_SESSION_HEADER[i] for i in order]
    content = csv_bytes(header, [[row[i] for i in order] for row in rows])
    report = import_file(db, "sessions.csv", content, created_by="tester", today=TODAY)
    assert (report.status, report.kind, report.rows, report.inserted) == (
        "imported",
        "sessions",
        3,
        3,
    )
    assert counts(db) == {"sessions": 3, "links": 3, "requests": 0, "batches": 1}
    with db.session() as s:
        first = s.execute(select(InfoSession).where(InfoSession.source_ref == "E-1")).scalar_one()
        assert (first.held_on, first.format, first.audience, first.participants) == (
            dt.date(2024, 1, 1),
            "in_person",
            "citizens",
            1,
        )
    assert rollups_match_facts(db)


def test_names_codes_and_missing_ambassadors(people_db: Database) -> None:
    db = people_db
    rows = [
        [
            "2024-05-02",
            "Ungheni",
            "biblioteca publica din satul zagarancea",
            "maria rusu",
            "sine",
            "",
            "",
            "N-1",
        ],
        ["2024-05-03", "MD-CU", "L3", "", "pensie", "alta persoana", "depus", "N-2"],
        ["2024-05-04", "MD-CU", "L3", "Nobody", "Cazier judiciar", "self", "failed", "N-3"],
    ]
    header = [
        "data",
        "raion",
        "biblioteca",
        "ambasador",
        "in_numele",
        "serviciu",
        "rezultat",
        "cod_raport",
    ]
    # columns in another order; row 1 puts values in the wrong columns on purpose
    report = inspect_file(db, "r.csv", csv_bytes(header, rows), today=TODAY)
    assert sorted((e.row, e.column, e.code) for e in report.errors) == [
        (2, "rezultat", "required"),
        (2, "serviciu", "required"),
        (3, "in_numele", "on_behalf_of_invalid"),
        (3, "serviciu", "service_unknown"),
        (4, "ambasador", "ambassador_unknown"),
        (4, "in_numele", "on_behalf_of_invalid"),
        (4, "serviciu", "service_unknown"),
    ]
    fixed = [
        [
            "2024-05-02",
            "Ungheni",
            "biblioteca publica din satul zagarancea",
            "maria rusu",
            "sine",
            "Cazier judiciar",
            "finalizat",
            "N-1",
        ],
        ["2024-05-03", "MD-CU", "L3", "", "alta persoana", "pensie", "depus", "N-2"],
    ]
    report = import_file(db, "r.csv", csv_bytes(header, fixed), created_by="t", today=TODAY)
    assert report.status == "imported", report.messages("en")
    with db.session() as s:
        stored = s.execute(
            select(
                ServiceRequest.library_id,
                ServiceRequest.ambassador_id,
                ServiceRequest.service_type_code,
            ).order_by(ServiceRequest.source_ref)
        ).all()
    assert [tuple(r) for r in stored] == [(1, 2, "cazier"), (3, None, "pensie")]


def test_filled_in_templates_import_cleanly(people_db: Database) -> None:
    db = people_db
    book = openpyxl.load_workbook(io.BytesIO(template_bytes("sessions", xlsx=True)))
    sheet = book.worksheets[0]
    for row in session_rows("T", 3):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    assert import_file(db, "t.xlsx", out.getvalue(), created_by="t", today=TODAY).inserted == 3
    csv_template = template_bytes("requests", xlsx=False)
    filled = csv_template + csv_bytes([], request_rows("U", 2), delimiter=";").lstrip(b"\r\n")
    report = import_file(db, "u.csv", filled, created_by="t", today=TODAY)
    assert report.inserted == 2, report.messages("en")
    empty = import_file(db, "e.csv", csv_template, created_by="t", today=TODAY)
    assert [e.code for e in empty.errors] == ["file_no_rows"]


def test_windows_encodings_and_russian_values(people_db: Database) -> None:
    db = people_db
    ro = [
        [
            "15.01.2024",
            "r. Ungheni",
            "L2",
            "Ana Popescu",
            "faţă în faţă",
            "cetăţeni",
            "8",
            "Cazier judiciar; Plata serviciilor comunale prin MPay",
            "W-1",
        ]
    ]
    sessions = csv_bytes(SESSION_HEADER, ro, delimiter=";", encoding="cp1250")
    report = import_file(db, "s.csv", sessions, created_by="t", today=TODAY)
    assert report.inserted == 1, report.messages("en")
    ru = [
        [
            "16/01/2024",
            "MD-CU",
            "L3",
            "Elena Ceban",
            "Справка о судимости",
            "родственник за рубежом",
            "выполнено",
            "W-2",
        ]
    ]
    requests = csv_bytes(REQUEST_HEADER, ru, delimiter=";", encoding="cp1251")
    report = import_file(db, "r.csv", requests, created_by="t", today=TODAY)
    assert report.inserted == 1, report.messages("en")
    with db.session() as s:
        req = s.execute(select(ServiceRequest)).scalar_one()
        assert (req.service_type_code, req.on_behalf_of, req.outcome) == (
            "cazier",
            "relative_abroad",
            "completed",
        )
    assert counts(db)["links"] == 2
