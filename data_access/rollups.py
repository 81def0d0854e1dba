"""Keeping the monthly rollups equal to the facts.

Triggers (migration 0003) record every changed month in ``rollup_dirty``; :func:`refresh_dirty`
recomputes exactly those months inside the writer's transaction and moves the data version.
Every write path of this app ends with it; the app also runs it when it sees dirty months left
by another tool. :func:`rebuild_all` recomputes everything (after bulk loads). What each table
holds and how it is computed: :mod:`data_access.rollup_builders` and
:mod:`data_access.rollup_order`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select, text, tuple_, update
from sqlalchemy.orm import Session

from data_access.models import DataState, RollupDirty
from data_access.rollup_builders import Months, service_mask_of_session
from data_access.rollup_order import ORDER, rebuild_table

REFRESH_LOCK_ID = 7_260_001  # PostgreSQL advisory lock: one rollup refresher at a time

__all__ = ["bump_version", "rebuild_all", "refresh_dirty", "refresh_months",
           "service_mask_of_session"]  # fmt: skip


def bump_version(session: Session) -> None:
    """Move the data version (every write calls this, so caches and live pages notice)."""
    session.execute(
        update(DataState)
        .where(DataState.id == 1)
        .values(version=DataState.version + 1, updated_at=dt.datetime.now(dt.UTC))
    )


def _prepare(session: Session) -> None:
    """One refresher at a time (PostgreSQL), with room to sort the big GROUP BYs in memory."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": REFRESH_LOCK_ID})
        session.execute(text("SET LOCAL work_mem = '256MB'"))


def refresh_months(session: Session, session_months: Months, request_months: Months) -> None:
    """Recompute the rollups of the given months (``None`` = all months) of each fact."""
    changed = {"sessions": session_months, "requests": request_months}
    for table, facts, builder in ORDER:
        months: Months
        if any(changed[f] is None for f in facts):
            months = None
        else:
            months = set().union(*(changed[f] or () for f in facts))
            if not months:
                continue
        rebuild_table(session, table, builder, months)


def refresh_dirty(session: Session) -> bool:
    """Recompute the months marked dirty; returns whether anything was refreshed."""
    _prepare(session)
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
    _prepare(session)
    if session.get_bind().dialect.name == "postgresql":  # the app's connections turn them off
        session.execute(text("SET LOCAL max_parallel_workers_per_gather = 2"))
    refresh_months(session, None, None)
    session.execute(delete(RollupDirty))
    bump_version(session)
