"""Writing a validated file: one transaction, serialized with other imports, idempotent.

- The ``import_batch`` row is committed first, in its own small transaction, as ``failed`` with
  the message "in progress"; the import transaction turns it into ``imported``/``duplicate``. So a
  process killed mid-import leaves the audit row saying so and not a single fact row.
- Imports are serialized: on PostgreSQL by a transaction-level advisory lock (waiting at most
  :data:`LOCK_TIMEOUT`), on SQLite by ``BEGIN IMMEDIATE`` in :meth:`Database.write_session`
  (waiting at most the busy timeout). A wait that runs out is reported as "busy, try again".
- Inside the lock, report references already in the database are looked up again and skipped, so
  two imports of the same file at once insert it exactly once and never hit the unique index.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from data_access.database import Database
from data_access.importing.report import DUPLICATE, FAILED, IMPORTED, ImportReport
from data_access.importing.validate import Validated
from data_access.models import ImportBatch, InfoSession, ServiceRequest
from data_access.writes import RequestRecord, SessionRecord, add_requests, add_sessions

log = logging.getLogger(__name__)

IMPORT_LOCK_ID = 7_260_002  # PostgreSQL advisory lock: one import at a time
LOCK_TIMEOUT = "120s"
IN_CHUNK = 500  # references per IN (...) query
IN_PROGRESS = "in progress"
BUSY_SQLSTATES = {"55P03", "40001", "40P01"}  # lock timeout, serialization failure, deadlock


@dataclass
class Hooks:
    """Test seams (a subprocess test pauses half-way through an import and is killed there)."""

    after_first_half: Callable[[], None] | None = None
    before_lock: Callable[[], None] | None = None


HOOKS = Hooks()


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def existing_refs(session: Session, kind: str, refs: Sequence[str]) -> set[str]:
    """Which of ``refs`` are already stored as ``source_ref`` of ``kind`` facts."""
    column = InfoSession.source_ref if kind == "sessions" else ServiceRequest.source_ref
    found: set[str] = set()
    for chunk in _chunks(sorted(set(refs)), IN_CHUNK):
        found.update(r for r in session.scalars(select(column).where(column.in_(chunk))) if r)
    return found


def previous_import(session: Session, sha256: str) -> dt.datetime | None:
    """When the same bytes were last imported successfully, if ever."""
    stmt = select(func.max(ImportBatch.created_at)).where(
        ImportBatch.sha256 == sha256, ImportBatch.status == IMPORTED
    )
    return session.scalar(stmt)


def batch_kind(report: ImportReport) -> str:
    """``import_batch.kind`` allows sessions/requests/demo only; an unrecognised file is filed
    under the kind its name suggests (sessions by default), the message says it was unknown."""
    if report.kind:
        return report.kind
    name = report.file_name.lower()
    return "requests" if any(w in name for w in ("cerer", "request", "solicit")) else "sessions"


def insert_batch(db: Database, report: ImportReport, created_by: str, message: str) -> int:
    """Insert an ``import_batch`` row in its own transaction; returns its id."""
    values = {
        "file_name": report.file_name,
        "sha256": report.sha256,
        "kind": batch_kind(report),
        "rows": report.rows,
        "inserted": report.inserted,
        "status": report.status,
        "message": message,
        "created_at": dt.datetime.now(dt.UTC),
        "created_by": created_by[:120],
    }
    with db.write_session() as session:
        batch_id = session.scalar(insert(ImportBatch).values(**values).returning(ImportBatch.id))
    assert batch_id is not None
    return batch_id


def write_batch(db: Database, report: ImportReport, created_by: str, message: str) -> int | None:
    """:func:`insert_batch` for a final status; ``None`` if even that failed (logged)."""
    try:
        return insert_batch(db, report, created_by, message)
    except SQLAlchemyError:
        log.exception("could not record import batch for %s", report.file_name)
        return None


def _finish_batch(db: Database, report: ImportReport) -> None:
    if report.batch_id is None:
        return
    try:
        with db.write_session() as session:
            session.execute(
                update(ImportBatch)
                .where(ImportBatch.id == report.batch_id)
                .values(status=report.status, inserted=0, message=report.audit_message())
            )
    except SQLAlchemyError:
        log.exception("could not update import batch %s", report.batch_id)


def _lock(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'"))
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": IMPORT_LOCK_ID})


def _insert(session: Session, kind: str, records: list[SessionRecord | RequestRecord],
            batch_id: int) -> int:  # fmt: skip
    hook = HOOKS.after_first_half
    parts = [records[: len(records) // 2], records[len(records) // 2 :]] if hook else [records]
    inserted = 0
    for number, part in enumerate(parts):
        if kind == "sessions":
            sessions = [r for r in part if isinstance(r, SessionRecord)]
            inserted += add_sessions(session, sessions, import_batch_id=batch_id)
        else:
            # The ORM's bulk insert starts a new statement whenever the set of NULL columns
            # changes; grouping requests without an ambassador keeps it to a few statements.
            requests = [r for r in part if isinstance(r, RequestRecord)]
            requests.sort(key=lambda r: r.ambassador_id is None)
            inserted += add_requests(session, requests, import_batch_id=batch_id)
        if hook is not None and number == 0:
            session.flush()
            hook()
    return inserted


def _failure_code(exc: SQLAlchemyError) -> str:
    if isinstance(exc, IntegrityError):
        return "conflict"  # another writer stored the same reference between check and insert
    if isinstance(exc, DBAPIError):
        sqlstate = getattr(exc.orig, "sqlstate", None)
        if sqlstate in BUSY_SQLSTATES:
            return "busy"
        if isinstance(exc, OperationalError) and "locked" in str(exc.orig).lower():
            return "busy"
    return "error"


def store(db: Database, report: ImportReport, validated: Validated, created_by: str) -> None:
    """Insert the new records of ``validated`` atomically; fills in ``report``."""
    kind = validated.kind
    assert kind is not None
    report.status = FAILED
    try:
        report.batch_id = insert_batch(db, report, created_by, IN_PROGRESS)
    except SQLAlchemyError as exc:  # e.g. SQLite still locked by another import after 30 s
        log.warning("could not start the import of %s: %s", report.file_name, exc)
        report.failure = _failure_code(exc)
        return
    try:
        if HOOKS.before_lock is not None:
            HOOKS.before_lock()
        with db.write_session() as session:
            _lock(session)
            present = existing_refs(
                session, kind, [r.source_ref or "" for _, r in validated.records]
            )
            new = [r for _, r in validated.records if r.source_ref not in present]
            report.duplicate_rows = [n for n, r in validated.records if r.source_ref in present]
            report.inserted = _insert(session, kind, new, report.batch_id) if new else 0
            report.status = IMPORTED if report.inserted else DUPLICATE
            session.execute(
                update(ImportBatch)
                .where(ImportBatch.id == report.batch_id)
                .values(
                    status=report.status, inserted=report.inserted, message=report.audit_message()
                )
            )
    except SQLAlchemyError as exc:
        log.warning("import of %s failed: %s", report.file_name, exc)
        report.status, report.failure = FAILED, _failure_code(exc)
        report.inserted, report.duplicate_rows = 0, []
        _finish_batch(db, report)
