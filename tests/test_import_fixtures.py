"""Builders shared by the importer tests: seeded people, report files in every shape.

All fixture files are built here, in the tests (no binary fixtures in the repository).
Libraries and ambassadors come from tests/handmade.py: L1 Zagarancea and L2 Ungheni raion
library (MD-UN), L3 Chișinău (MD-CU), L4 Roșu (MD-CA); A1 Ana Popescu @L2, A2 Maria Rusu @L1,
A3 Elena Ceban @L3, A4 Ion Țurcanu @L4.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Sequence

import openpyxl
from sqlalchemy import func, insert, select

from data_access.database import Database
from data_access.models import (
    Ambassador,
    DataState,
    ImportBatch,
    InfoSession,
    InfoSessionServiceType,
    Library,
    RollupRequestMonth,
    RollupSessionMonth,
    ServiceRequest,
)
from tests.handmade import AMBASSADORS, LIBRARIES

TODAY = dt.date(2025, 6, 30)
SESSION_HEADER = [
    "data",
    "raion",
    "biblioteca",
    "ambasador",
    "format",
    "public",
    "participanti",
    "servicii",
    "cod_raport",
]
REQUEST_HEADER = [
    "data",
    "raion",
    "biblioteca",
    "ambasador",
    "serviciu",
    "in_numele",
    "rezultat",
    "cod_raport",
]


def seed_people(db: Database) -> None:
    with db.write_session() as session:
        session.execute(insert(Library), LIBRARIES)
        session.execute(insert(Ambassador), AMBASSADORS)


def session_rows(prefix: str, n: int, start: dt.date = dt.date(2024, 1, 1)) -> list[list[str]]:
    """``n`` valid session rows spread over a few months, references ``prefix-1..n``."""
    people = [
        ("Ungheni", "L2", "A1"),
        ("r. Ungheni", "L1", "Maria Rusu"),
        ("mun. Chișinău", "L3", "Elena Ceban"),
    ]
    rows = []
    for i in range(n):
        raion, library, ambassador = people[i % len(people)]
        day = start + dt.timedelta(days=7 * i)
        rows.append(
            [
                day.isoformat(),
                raion,
                library,
                ambassador,
                "online" if i % 2 else "față în față",
                "cetățeni",
                str(i + 1),
                "cazier",
                f"{prefix}-{i + 1}",
            ]
        )
    return rows


def request_rows(prefix: str, n: int) -> list[list[str]]:
    rows = []
    for i in range(n):
        ambassador = "" if i % 3 == 0 else "A1"
        day = dt.date(2024, 2, 1) + dt.timedelta(days=i)
        rows.append(
            [
                day.isoformat(),
                "MD-UN",
                "L2",
                ambassador,
                "cazier",
                "rudă peste hotare",
                "finalizat",
                f"{prefix}-{i + 1}",
            ]
        )
    return rows


def csv_bytes(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezip(
    content: bytes, extra: dict[str, bytes], replace: dict[str, bytes] | None = None
) -> bytes:
    """A copy of the zip ``content`` with entries added or replaced."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = replace.get(info.filename, src.read(info.filename))
            dst.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED)
        for name, data in extra.items():
            dst.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {
            "sessions": s.scalar(select(func.count()).select_from(InfoSession)) or 0,
            "links": s.scalar(select(func.count()).select_from(InfoSessionServiceType)) or 0,
            "requests": s.scalar(select(func.count()).select_from(ServiceRequest)) or 0,
            "batches": s.scalar(select(func.count()).select_from(ImportBatch)) or 0,
        }


def version(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(DataState.version)) or 0)


def rollups_match_facts(db: Database) -> bool:
    with db.session() as s:
        facts = (
            s.scalar(select(func.count()).select_from(InfoSession)) or 0,
            s.scalar(select(func.coalesce(func.sum(InfoSession.participants), 0))) or 0,
            s.scalar(select(func.count()).select_from(ServiceRequest)) or 0,
        )
        rolled = (
            s.scalar(select(func.coalesce(func.sum(RollupSessionMonth.sessions), 0))) or 0,
            s.scalar(select(func.coalesce(func.sum(RollupSessionMonth.participants), 0))) or 0,
            s.scalar(select(func.coalesce(func.sum(RollupRequestMonth.requests), 0))) or 0,
        )
    return tuple(map(int, facts)) == tuple(map(int, rolled))


def batches(db: Database) -> list[tuple[str, str, int, int]]:
    """(file_name, status, rows, inserted) of every import_batch, oldest first."""
    with db.session() as s:
        rows = s.execute(
            select(
                ImportBatch.file_name, ImportBatch.status, ImportBatch.rows, ImportBatch.inserted
            ).order_by(ImportBatch.id)
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]
