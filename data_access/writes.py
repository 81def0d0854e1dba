"""The app's write path for activity: add sessions and requests, then bring the rollups current.

Importers, the ``add-session`` command and tests all write through here (bulk generators write
faster but finish with the same :func:`data_access.rollups.refresh_dirty` / ``rebuild_all``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from data_access.models import InfoSession, InfoSessionServiceType, Library, ServiceRequest
from data_access.models.base import table_of
from data_access.rollups import refresh_dirty


@dataclass(frozen=True)
class SessionRecord:
    held_on: dt.date
    ambassador_id: int
    library_id: int
    format: str
    audience: str
    participants: int
    services: tuple[str, ...]
    source_ref: str | None = None


@dataclass(frozen=True)
class RequestRecord:
    requested_on: dt.date
    library_id: int
    ambassador_id: int | None
    service_type_code: str
    on_behalf_of: str
    outcome: str
    source_ref: str | None = None


def _raion_of_libraries(session: Session, library_ids: Iterable[int]) -> dict[int, str]:
    ids = sorted(set(library_ids))
    rows = session.execute(select(Library.id, Library.raion_code).where(Library.id.in_(ids)))
    return dict(rows.all())


def add_sessions(
    session: Session, records: Sequence[SessionRecord], import_batch_id: int | None = None
) -> int:
    """Insert sessions with their service types; returns how many were inserted."""
    if not records:
        return 0
    raions = _raion_of_libraries(session, (r.library_id for r in records))
    rows = [
        {
            "held_on": r.held_on,
            "ambassador_id": r.ambassador_id,
            "library_id": r.library_id,
            "raion_code": raions.get(r.library_id),
            "format": r.format,
            "audience": r.audience,
            "participants": r.participants,
            "source_ref": r.source_ref,
            "import_batch_id": import_batch_id,
        }
        for r in records
    ]
    stmt = insert(InfoSession).returning(InfoSession.id, sort_by_parameter_order=True)
    ids = list(session.scalars(stmt, rows))
    links = [
        {"session_id": session_id, "service_type_code": code}
        for session_id, record in zip(ids, records, strict=True)
        for code in dict.fromkeys(record.services)
    ]
    if links:
        session.execute(insert(InfoSessionServiceType), links)
    refresh_dirty(session)
    return len(ids)


def add_requests(
    session: Session, records: Sequence[RequestRecord], import_batch_id: int | None = None
) -> int:
    """Insert assisted e-service requests; returns how many were inserted."""
    if not records:
        return 0
    raions = _raion_of_libraries(session, (r.library_id for r in records))
    rows = [
        {
            "requested_on": r.requested_on,
            "library_id": r.library_id,
            "ambassador_id": r.ambassador_id,
            "raion_code": raions.get(r.library_id),
            "service_type_code": r.service_type_code,
            "on_behalf_of": r.on_behalf_of,
            "outcome": r.outcome,
            "source_ref": r.source_ref,
            "import_batch_id": import_batch_id,
        }
        for r in records
    ]
    # Core insert: one executemany, whatever mix of NULL ambassadors the rows have (the ORM's
    # bulk insert would start a new statement every time the set of NULL columns changes).
    session.execute(insert(table_of(ServiceRequest)), rows)
    refresh_dirty(session)
    return len(rows)
