"""The importer's entry points: inspect (dry run), import, history."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import PureWindowsPath

import pandas as pd
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from data_access.database import Database
from data_access.importing import load
from data_access.importing.formats import KINDS, ImportLimits
from data_access.importing.lookup import load_lookup
from data_access.importing.readers import read_table
from data_access.importing.report import (
    DUPLICATE,
    FAILED,
    REJECTED,
    VALID,
    ImportFileError,
    ImportReport,
    RowError,
)
from data_access.importing.validate import Validated, validate_table
from data_access.models import ImportBatch

DEFAULT_LIMITS = ImportLimits()
HISTORY_COLUMNS = ["id", "created_at", "created_by", "file_name", "kind", "rows", "inserted",
                   "status", "message", "sha256"]  # fmt: skip


def clean_file_name(file_name: str) -> str:
    """The base name only (browsers and Windows paths), at most 255 characters."""
    name = PureWindowsPath(file_name.replace("\x00", "")).name.strip()
    return (name or "upload")[:255]


def _prepare(
    db: Database,
    file_name: str,
    content: bytes,
    kind: str | None,
    today: dt.date | None,
    limits: ImportLimits,
) -> tuple[ImportReport, Validated | None]:
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    report = ImportReport(
        file_name=clean_file_name(file_name),
        sha256=hashlib.sha256(content).hexdigest(),
        kind=kind,
    )
    try:
        table = read_table(report.file_name, content, limits)
    except ImportFileError as exc:
        report.errors = [RowError(None, None, exc.code, exc.params)]
        return report, None
    report.rows = len(table.rows)
    try:
        with db.session() as session:
            lookup = load_lookup(session)
            report.previous_import = load.previous_import(session, report.sha256)
    except SQLAlchemyError:
        report.status, report.failure = FAILED, "unavailable"
        return report, None
    validated = validate_table(table, kind, lookup, today or dt.date.today())
    report.kind, report.errors = validated.kind, validated.errors
    return report, validated


def inspect_file(
    db: Database,
    file_name: str,
    content: bytes,
    kind: str | None = None,
    *,
    today: dt.date | None = None,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> ImportReport:
    """Validate ``content`` as it would be imported (a dry run). Writes nothing.

    Status ``valid`` (would import), ``duplicate`` (every row is already stored) or ``rejected``.
    """
    report, validated = _prepare(db, file_name, content, kind, today, limits)
    report.dry_run = True
    if report.failure:
        return report
    if validated is None or report.errors or validated.kind is None:
        report.status = REJECTED
        return report
    refs = [r.source_ref or "" for _, r in validated.records]
    try:
        with db.session() as session:
            present = load.existing_refs(session, validated.kind, refs)
    except SQLAlchemyError:
        report.status, report.failure = FAILED, "unavailable"
        return report
    report.duplicate_rows = [n for n, r in validated.records if r.source_ref in present]
    report.status = DUPLICATE if len(report.duplicate_rows) == len(validated.records) else VALID
    return report


def import_file(
    db: Database,
    file_name: str,
    content: bytes,
    kind: str | None = None,
    *,
    created_by: str,
    today: dt.date | None = None,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> ImportReport:
    """Validate and import ``content`` entirely or not at all; always writes an ``import_batch``.

    Statuses: ``imported`` (new rows stored; rows already present are listed as duplicates),
    ``duplicate`` (nothing new), ``rejected`` (errors: nothing stored), ``failed`` (the database
    refused or was busy: nothing stored; ``report.failure`` says why).
    """
    report, validated = _prepare(db, file_name, content, kind, today, limits)
    if report.failure:
        report.batch_id = load.write_batch(db, report, created_by, report.audit_message())
        return report
    if validated is None or report.errors or validated.kind is None:
        report.status = REJECTED
        report.batch_id = load.write_batch(db, report, created_by, report.audit_message())
        return report
    load.store(db, report, validated, created_by)
    return report


def import_history(db: Database, limit: int = 50) -> pd.DataFrame:
    """The latest ``limit`` import attempts, newest first."""
    b = ImportBatch
    columns = [getattr(b, name) for name in HISTORY_COLUMNS]
    stmt = select(*columns).order_by(b.id.desc()).limit(limit)
    with db.session() as session:
        rows = session.execute(stmt).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=HISTORY_COLUMNS)
