"""The metrics of DESIGN.md section 5, each one definition, computed in the database.

- sessions held = count of info sessions; participants = sum of their participants;
- e-service requests assisted = count of service requests;
- citizens served = participants + requests;
- active ambassadors = ambassadors with at least one session or request in the period;
- access points = libraries accredited on or before the period end; dormant = no activity in the
  ``dormant_days`` (default 60) before the period end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import ColumnElement, and_, distinct, func, select, union, union_all
from sqlalchemy.orm import Session

from dashboard.baseline import NAIVE
from dashboard.filters import Filters
from dashboard.periods import PROGRAM_START, day_number, month_end, shift_month_key
from data_access.models import (
    QUARTER_TWINS,
    YEAR_TWINS,
    Library,
    RollupAmbassadorMonth,
    RollupAmbassadorServiceMonth,
)
from data_access.models.base import table_of
from data_access.models.rollup_activity import ANY_SERVICE
from data_access.queries.dimensions import dimensions, in_view
from data_access.queries.fact_days import has_facts_between
from data_access.queries.frames import read_frame, taken
from data_access.queries.month_rows import NO_DAY, ambassador_months
from data_access.queries.planner import aggregate, build_statement, month_key
from data_access.queries.range_pieces import split_periods
from data_access.queries.sources import place_clauses

LOOKBACK_DAYS = 3 * 365  # how far back "last activity" looks (keeps the scan small)
METRICS = (
    "sessions",
    "participants",
    "requests",
    "citizens_served",
    "active_ambassadors",
    "access_points",
)


@dataclass(frozen=True)
class Kpis:
    sessions: int
    participants: int
    requests: int
    active_ambassadors: int
    access_points: int
    dormant_access_points: int

    @property
    def citizens_served(self) -> int:
        return self.participants + self.requests

    def value(self, metric: str) -> int:
        return int(getattr(self, metric))


def activity_totals(session: Session, filters: Filters) -> tuple[int, int, int]:
    """(sessions, participants, requests) under ``filters``."""
    s = aggregate(session, "sessions", filters, ("sessions", "participants"))
    r = aggregate(session, "requests", filters, ("requests",))
    return int(s["sessions"].iloc[0]), int(s["participants"].iloc[0]), int(r["requests"].iloc[0])


def _active_ids_statement(session: Session, filters: Filters) -> Any:
    parts = []
    held = build_statement(session, "sessions", filters, ("sessions",), ("ambassador_id",))
    if held is not None:
        sub = held.subquery()
        parts.append(select(sub.c.ambassador_id).where(sub.c.sessions > 0))
    helped = build_statement(session, "requests", filters, ("requests",), ("ambassador_id",))
    if helped is not None:
        sub = helped.subquery()
        parts.append(
            select(sub.c.ambassador_id).where(sub.c.requests > 0, sub.c.ambassador_id.is_not(None))
        )
    if not parts:
        return None
    return union(*parts) if len(parts) > 1 else parts[0]


def _active_from_rollup(session: Session, filters: Filters) -> int | None:
    """Active ambassadors from the ambassador rollups (None: use the general path).

    Whole months count every row; in a partial first month an ambassador counts when their last
    day there is on or after the start, in a partial last month when their first day is on or
    before the end (a month is whole when nothing happened after the end in it). Whole years
    between the edges read the yearly rows (a year is whole when nothing happened in the
    months of it outside the period). Under a service or format filter the rows are per
    service and kind of activity (a request, or a session of a format), and the whole quarters
    around those years read the quarterly rows too (~1.8 times fewer than their months).
    """
    if NAIVE.get() or filters.effective_raions == ():
        return None
    start, end = filters.date_from, filters.date_to
    per_service = bool(filters.services or filters.formats)
    monthly = table_of(RollupAmbassadorServiceMonth if per_service else RollupAmbassadorMonth)
    a = monthly.c
    head, tail = month_key(start), month_key(end)
    head_whole = start.day == 1
    tail_whole = not any(
        has_facts_between(session, fact, end + dt.timedelta(days=1), month_end(end))
        for fact in ("sessions", "requests")
    )
    if per_service:
        active_after_start = a.last_day >= start
    else:
        active_after_start = (a.last_session_day >= start) | (a.last_request_day >= start)
    edges = []
    if not head_whole:
        edges.append(and_(a.month_key == head, active_after_start))
    if not tail_whole:
        edges.append(and_(a.month_key == tail, a.first_day <= end))
    if head == tail and len(edges) == 2:
        return None  # both edges inside one month: only the facts can tell
    inner = (
        head if head_whole else shift_month_key(head, 1),
        tail if tail_whole else shift_month_key(tail, -1),
    )
    if not per_service:
        return _active_in_memory(session, filters, (head_whole, tail_whole), inner)
    pieces = split_periods(session, ("sessions", "requests"), inner) if inner[0] <= inner[1] else []
    months = [a.month_key.between(*keys) for grain, keys in pieces if grain == "month"]
    coarser = [(grain, keys) for grain, keys in pieces if grain != "month"]
    # The service leads the per-service key: one range per selected service, or all of them.
    services = filters.services or (ANY_SERVICE,)
    # Whole months, quarters and years read key columns only (PostgreSQL: index-only scans);
    # the edge months, which also read the first and last days, apart.
    person = _person_filters(a, filters, services)
    parts = [select(a.ambassador_id).where(when, *person) for when in edges]
    # one part per range of months: PostgreSQL seeks a range, but scans every month of the
    # service for an OR of two (150,000 rows instead of 20,000: 40 ms at national scale)
    parts += [select(a.ambassador_id).where(when, *person) for when in months]
    for grain, keys in coarser:  # whole quarters and years: their twins' fewer rows
        twin = (QUARTER_TWINS if grain == "quarter" else YEAR_TWINS)[monthly.name].c
        rows = twin[grain].between(*keys), *_person_filters(twin, filters, services)
        parts.append(select(twin.ambassador_id).where(*rows))
    if not parts:
        return 0
    ids = union_all(*parts).subquery()
    return int(session.scalar(select(func.count(distinct(ids.c.ambassador_id)))) or 0)


def _active_in_memory(session: Session, filters: Filters, whole: tuple[bool, bool],
                      inner: tuple[int, int]) -> int:  # fmt: skip
    """:func:`_active_from_rollup` without service or format filters, from the ambassador
    rollup held in memory: the same rows, counted with numpy."""
    table = ambassador_months(session)
    start, end = filters.date_from, filters.date_to
    chosen = []
    if not whole[0]:  # active on or after the start in the partial first month
        rows = table.select(start, start, filters)
        chosen.append(rows[table.last_day[rows] >= day_number(start)])
    if not whole[1] and table.first_day is not None:  # on or before the end in the last one
        rows = table.select(end, end, filters)
        first = table.first_day[rows]
        chosen.append(rows[(first != NO_DAY) & (first <= day_number(end))])
    if inner[0] <= inner[1]:
        first_month = dt.date(inner[0] // 100, inner[0] % 100, 1)
        last_month = dt.date(inner[1] // 100, inner[1] % 100, 1)
        chosen.append(table.select(first_month, last_month, filters))
    rows = np.concatenate(chosen) if chosen else np.array([], dtype=np.int64)
    return len(np.unique(table.positions["ambassador_id"][rows]))


def _person_filters(
    t: Any, filters: Filters, services: tuple[str, ...]
) -> list[ColumnElement[bool]]:
    """The raion, kind, tier, service and format conditions on an ambassador rollup."""
    clauses = place_clauses(t, filters)
    if "service_type_code" in t:
        clauses.append(t.service_type_code.in_(services))
    if filters.formats:
        clauses.append(t.activity.in_(("request", *filters.formats)))
    return clauses


def active_ambassadors(session: Session, filters: Filters) -> int:
    fast = _active_from_rollup(session, filters)
    if fast is not None:
        return fast
    stmt = _active_ids_statement(session, filters)
    if stmt is None:
        return 0
    return int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)


def access_point_frame(session: Session, filters: Filters) -> pd.DataFrame:
    """Accredited libraries (on or before the period end) within the raion and kind filters."""
    if not NAIVE.get():  # from the library table held in memory
        libraries = dimensions(session).libraries
        chosen = libraries["accredited_day"].to_numpy() <= np.datetime64(filters.date_to, "D")
        chosen &= in_view(libraries, filters)
        return taken(libraries, np.flatnonzero(chosen), ["library_id", "raion_code",
                                                         "accredited_on"])  # fmt: skip
    lib = Library
    stmt = select(lib.id, lib.raion_code, lib.accredited_on).where(
        lib.accredited_on.is_not(None), lib.accredited_on <= filters.date_to
    )
    raions = filters.effective_raions
    if raions is not None:
        stmt = stmt.where(lib.raion_code.in_(raions))
    if filters.library_kinds:
        stmt = stmt.where(lib.kind.in_(filters.library_kinds))
    return read_frame(session, stmt, ["library_id", "raion_code", "accredited_on"])


def last_activity_by_library(
    session: Session, filters: Filters, lookback_days: int = 0
) -> pd.DataFrame:
    """Latest session or request day of each library up to the period end (any service), within
    ``lookback_days`` (default :data:`LOOKBACK_DAYS`) before it; older activity shows as none.

    The window starts on a month's first day: the latest day is a max, so reading the whole
    first month from the library rollup gives the same answer as reading from the cutoff day.
    """
    cutoff = filters.date_to - dt.timedelta(days=lookback_days or LOOKBACK_DAYS)
    start = max(PROGRAM_START, cutoff.replace(day=1))
    if start > filters.date_to:
        return pd.DataFrame(columns=["library_id", "last_day"])
    history = replace(filters, date_from=start, services=(), tiers=(), formats=())
    s = aggregate(session, "sessions", history, ("last_any_day",), ("library_id",))
    r = aggregate(session, "requests", history, ("last_any_day",), ("library_id",))
    s, r = (f.rename(columns={"last_any_day": "last_day"}) for f in (s, r))
    both = pd.concat([s, r], ignore_index=True)
    if both.empty:
        return pd.DataFrame(columns=["library_id", "last_day"])
    # datetime64 keeps the groupby in compiled code (Python dates took ~50 ms at demo scale)
    both["last_day"] = pd.to_datetime(both["last_day"])
    last = both.groupby("library_id", as_index=False)["last_day"].max()
    last["last_day"] = last["last_day"].dt.date
    return last


def dormant_access_points(
    session: Session, filters: Filters, dormant_days: int = 60, lookback_days: int | None = None
) -> pd.DataFrame:
    """Access points with no activity in the ``dormant_days`` before the period end.

    ``last_day`` looks back ``lookback_days`` (default :data:`LOOKBACK_DAYS`); pass
    ``dormant_days`` when only the count matters (a much smaller read).
    """
    points = access_point_frame(session, filters)
    last = last_activity_by_library(session, filters, lookback_days or LOOKBACK_DAYS)
    merged = points.merge(last, on="library_id", how="left")
    cutoff = filters.date_to - dt.timedelta(days=dormant_days)
    is_dormant = merged["last_day"].isna() | (merged["last_day"] < cutoff)
    return merged[is_dormant.astype(bool)].reset_index(drop=True)


def kpis(session: Session, filters: Filters, dormant_days: int = 60, *,
         with_dormant: bool = True) -> Kpis:  # fmt: skip
    """Every headline metric for one filtered period (``dormant_access_points`` is 0 when
    ``with_dormant`` is False, e.g. for the previous period, where nobody shows it)."""
    sessions, participants, requests = activity_totals(session, filters)
    dormant = (
        len(dormant_access_points(session, filters, dormant_days, lookback_days=dormant_days))
        if with_dormant
        else 0
    )
    return Kpis(
        sessions=sessions,
        participants=participants,
        requests=requests,
        active_ambassadors=active_ambassadors(session, filters),
        access_points=len(access_point_frame(session, filters)),
        dormant_access_points=dormant,
    )


def metric_value(session: Session, filters: Filters, metric: str) -> int:
    """One metric by name (for targets): the same definitions as :func:`kpis`."""
    if metric in ("sessions", "participants", "requests", "citizens_served"):
        sessions, participants, requests = activity_totals(session, filters)
        values = {"sessions": sessions, "participants": participants, "requests": requests,
                  "citizens_served": participants + requests}  # fmt: skip
        return values[metric]
    if metric == "active_ambassadors":
        return active_ambassadors(session, filters)
    if metric == "access_points":
        return len(access_point_frame(session, filters))
    raise ValueError(f"unknown metric {metric!r}")
