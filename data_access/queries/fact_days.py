"""The days on which anything happened, per fact, held in memory per data version.

The planner asks "did anything happen on these days?" to know whether a partial month (or the
rest of a year) can be read from a whole-month (or whole-year) rollup: about a dozen such
questions per filter change, each an index probe and a round trip to the database (1-2 ms on
PostgreSQL). The days themselves are a few thousand numbers per fact, so with a store
(:mod:`~data_access.queries.versioned`) the answer is a binary search.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.periods import day_number
from data_access.models import InfoSession, RollupRequestServiceDay, ServiceRequest
from data_access.queries.day_rows import day_number_sql
from data_access.queries.sources import Fact
from data_access.queries.versioned import has_store, stored


@dataclass(frozen=True)
class FactDays:
    """Sorted day numbers (days since 1970) with at least one fact, per fact."""

    sessions: np.ndarray
    requests: np.ndarray

    def any_between(self, fact: Fact, first: dt.date, last: dt.date) -> bool:
        days = self.sessions if fact == "sessions" else self.requests
        at = int(np.searchsorted(days, day_number(first)))
        return at < len(days) and int(days[at]) <= day_number(last)


def read_fact_days(session: Session) -> FactDays:
    """Distinct session days from the facts' day index; request days from the per-service day
    rollup (every request, keyed by day first: ~3,900 distinct days instead of 5 million)."""

    def distinct(day: object) -> np.ndarray:
        rows = session.execute(select(day_number_sql(session, day)).distinct()).scalars()
        return np.sort(np.fromiter(rows, dtype=np.int64))

    return FactDays(sessions=distinct(InfoSession.held_on),
                    requests=distinct(RollupRequestServiceDay.day))  # fmt: skip


def fact_days(session: Session) -> FactDays | None:
    """The session's data version's days, or None without a store (one probe is cheaper)."""
    return stored(session, "fact_days", read_fact_days) if has_store(session) else None


def _date_column(fact: Fact) -> Any:
    return ServiceRequest.requested_on if fact == "requests" else InfoSession.held_on


def has_facts_between(session: Session, fact: Fact, first: dt.date, last: dt.date) -> bool:
    """Whether any fact falls on ``[first, last]`` (an index probe on the date).

    Asked as the earliest day in the range, which both engines answer from the day index. An
    ``EXISTS`` lets PostgreSQL choose a sequential scan that expects a match at once, and with
    synchronized scans starting mid-table it sometimes reads a million rows first (~300 ms)."""
    if first > last:
        return False
    held = fact_days(session)  # with a store: the days in memory
    if held is not None:
        return held.any_between(fact, first, last)
    # A page's queries ask about the same edge days many times: once per session is enough.
    asked = session.info.setdefault("facts_between", {})
    if (fact, first, last) not in asked:
        column = _date_column(fact)
        earliest = session.scalar(select(func.min(column)).where(column.between(first, last)))
        asked[fact, first, last] = earliest is not None
    return bool(asked[fact, first, last])
