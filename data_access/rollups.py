"""Keeping the monthly rollups equal to the facts.

Triggers (migration 0003) record every changed month in ``rollup_dirty``; :func:`refresh_dirty`
recomputes exactly those months inside the writer's transaction and moves the data version.
Every write path of this app ends with it; the app also runs it when it sees dirty months left
by another tool. :func:`rebuild_all` recomputes everything (after bulk loads).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from sqlalchemy import (
    BigInteger,
    Date,
    Select,
    case,
    cast,
    delete,
    func,
    literal,
    null,
    select,
    text,
    tuple_,
    union_all,
    update,
)
from sqlalchemy.orm import Session, aliased

from data_access.models import (
    Ambassador,
    DataState,
    InfoSession,
    InfoSessionServiceType,
    Library,
    RollupAmbassadorMonth,
    RollupDirty,
    RollupRequestLibraryMonth,
    RollupRequestMonth,
    RollupSessionLibraryMonth,
    RollupSessionMonth,
    ServiceRequest,
    ServiceType,
)
from data_access.models.base import NO_TIER, table_of

REFRESH_LOCK_ID = 7_260_001  # PostgreSQL advisory lock: one rollup refresher at a time

Months = Collection[int] | None  # None = every month


def _month_filter(column: Any, months: Months) -> Any:
    return literal(True) if months is None else column.in_(sorted(months))


def _request_source(months: Months) -> Select[*tuple[Any, ...]]:
    r, lib, amb = ServiceRequest, Library, Ambassador
    return (
        select(
            r.month_key,
            r.raion_code,
            r.service_type_code,
            r.library_id,
            r.requested_on,
            r.on_behalf_of,
            r.outcome,
            lib.kind.label("library_kind"),
            func.coalesce(amb.tier, NO_TIER).label("ambassador_tier"),
        )
        .join(lib, lib.id == r.library_id)
        .outerjoin(amb, amb.id == r.ambassador_id)
        .where(_month_filter(r.month_key, months))
    )


def service_mask_of_session(session_id_column: Any) -> Any:
    """OR of the mask bits of a session's services (a sum of distinct powers of two)."""
    x, st = InfoSessionServiceType, ServiceType
    bit = cast(literal(1), BigInteger).op("<<")(st.mask_bit)
    return (
        select(func.coalesce(func.sum(bit), 0))
        .select_from(x)
        .join(st, st.code == x.service_type_code)
        .where(x.session_id == session_id_column)
        .scalar_subquery()
    )


def _session_source(months: Months) -> Select[*tuple[Any, ...]]:
    s, lib, amb = InfoSession, Library, Ambassador
    return (
        select(
            s.month_key,
            s.raion_code,
            s.library_id,
            s.held_on,
            s.format,
            s.audience,
            s.participants,
            lib.kind.label("library_kind"),
            amb.tier.label("ambassador_tier"),
            service_mask_of_session(s.id).label("service_mask"),
        )
        .join(lib, lib.id == s.library_id)
        .join(amb, amb.id == s.ambassador_id)
        .where(_month_filter(s.month_key, months))
    )


def _count_if(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


def _refresh_requests(session: Session, months: Months) -> None:
    src = _request_source(months).subquery()
    session.execute(
        delete(RollupRequestMonth).where(_month_filter(RollupRequestMonth.month_key, months))
    )
    dims = [src.c.month_key, src.c.raion_code, src.c.service_type_code, src.c.library_kind,
            src.c.ambassador_tier]  # fmt: skip
    by_raion = select(
        *dims,
        func.count(),
        _count_if(src.c.on_behalf_of == "self"),
        _count_if(src.c.on_behalf_of == "relative_abroad"),
        _count_if(src.c.on_behalf_of == "other"),
        _count_if(src.c.outcome == "submitted"),
        _count_if(src.c.outcome == "completed"),
        _count_if(src.c.outcome == "failed"),
    ).group_by(*dims)
    t = table_of(RollupRequestMonth)
    session.execute(t.insert().from_select([c.name for c in t.columns], by_raion))

    library = RollupRequestLibraryMonth
    session.execute(delete(library).where(_month_filter(library.month_key, months)))
    dims = [src.c.month_key, src.c.library_id, src.c.service_type_code, src.c.ambassador_tier,
            src.c.raion_code, src.c.library_kind]  # fmt: skip
    by_library = select(*dims, func.count(), func.max(src.c.requested_on)).group_by(*dims)
    t = table_of(library)
    session.execute(t.insert().from_select([c.name for c in t.columns], by_library))


def _refresh_sessions(session: Session, months: Months) -> None:
    src = _session_source(months).subquery()
    session.execute(
        delete(RollupSessionMonth).where(_month_filter(RollupSessionMonth.month_key, months))
    )
    dims = [src.c.month_key, src.c.raion_code, src.c.library_kind, src.c.ambassador_tier,
            src.c.format, src.c.audience, src.c.service_mask]  # fmt: skip
    by_raion = select(*dims, func.count(), func.sum(src.c.participants)).group_by(*dims)
    t = table_of(RollupSessionMonth)
    session.execute(t.insert().from_select([c.name for c in t.columns], by_raion))

    library = RollupSessionLibraryMonth
    session.execute(delete(library).where(_month_filter(library.month_key, months)))
    dims = [src.c.month_key, src.c.library_id, src.c.ambassador_tier, src.c.format,
            src.c.service_mask, src.c.raion_code, src.c.library_kind]  # fmt: skip
    by_library = select(
        *dims, func.count(), func.sum(src.c.participants), func.max(src.c.held_on)
    ).group_by(*dims)
    t = table_of(library)
    session.execute(t.insert().from_select([c.name for c in t.columns], by_library))


def _refresh_ambassadors(session: Session, months: Months) -> None:
    s, r = InfoSession, ServiceRequest
    no_day = cast(null(), Date)
    sessions_part = select(
        s.month_key, s.ambassador_id, s.library_id, s.raion_code,
        func.count().label("sessions"), func.sum(s.participants).label("participants"),
        literal(0).label("requests"), func.max(s.held_on).label("last_session_day"),
        no_day.label("last_request_day"),
    ).where(_month_filter(s.month_key, months)).group_by(
        s.month_key, s.ambassador_id, s.library_id, s.raion_code
    )  # fmt: skip
    requests_part = select(
        r.month_key, r.ambassador_id, r.library_id, r.raion_code,
        literal(0), literal(0), func.count(), no_day, func.max(r.requested_on),
    ).where(_month_filter(r.month_key, months), r.ambassador_id.is_not(None)).group_by(
        r.month_key, r.ambassador_id, r.library_id, r.raion_code
    )  # fmt: skip
    u = union_all(sessions_part, requests_part).subquery()
    lib, amb = aliased(Library), aliased(Ambassador)
    dims = [u.c.month_key, u.c.ambassador_id, u.c.library_id, u.c.raion_code, lib.kind, amb.tier]
    combined = (
        select(
            *dims,
            func.sum(u.c.sessions),
            func.sum(u.c.participants),
            func.sum(u.c.requests),
            func.max(u.c.last_session_day),
            func.max(u.c.last_request_day),
        )
        .join(lib, lib.id == u.c.library_id)
        .join(amb, amb.id == u.c.ambassador_id)
        .group_by(*dims)
    )
    t = table_of(RollupAmbassadorMonth)
    session.execute(delete(t).where(_month_filter(t.c.month_key, months)))
    session.execute(t.insert().from_select([c.name for c in t.columns], combined))


def bump_version(session: Session) -> None:
    """Move the data version (every write calls this, so caches and live pages notice)."""
    session.execute(
        update(DataState)
        .where(DataState.id == 1)
        .values(version=DataState.version + 1, updated_at=dt.datetime.now(dt.UTC))
    )


def _lock(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": REFRESH_LOCK_ID})


def refresh_months(session: Session, session_months: Months, request_months: Months) -> None:
    """Recompute the rollups of the given months (``None`` = all months) of each fact."""
    if session_months is None or session_months:
        _refresh_sessions(session, session_months)
    if request_months is None or request_months:
        _refresh_requests(session, request_months)
    if session_months is None or request_months is None:
        _refresh_ambassadors(session, None)
    elif session_months or request_months:
        _refresh_ambassadors(session, set(session_months) | set(request_months))


def refresh_dirty(session: Session) -> bool:
    """Recompute the months marked dirty; returns whether anything was refreshed."""
    _lock(session)
    dirty = session.execute(select(RollupDirty.fact, RollupDirty.month_key)).all()
    if not dirty:
        return False
    refresh_months(
        session,
        {m for fact, m in dirty if fact == "sessions"},
        {m for fact, m in dirty if fact == "requests"},
    )
    session.execute(
        delete(RollupDirty).where(
            tuple_(RollupDirty.fact, RollupDirty.month_key).in_([tuple(row) for row in dirty])
        )
    )
    bump_version(session)
    return True


def rebuild_all(session: Session) -> None:
    """Recompute every rollup from the facts (after a bulk load)."""
    _lock(session)
    refresh_months(session, None, None)
    session.execute(delete(RollupDirty))
    bump_version(session)
