"""Where a fact aggregate can be read from: a monthly rollup (a "cube") or the raw fact table.

Each source knows how to express a dimension, a measure and the filters in its own columns, so
the planner can read month-aligned spans from the smallest cube and partial months from the raw
table with the very same query shape.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import BigInteger, Select, Table, and_, case, cast, exists, func, literal, select
from sqlalchemy.sql.elements import ColumnElement

from dashboard.filters import Filters
from data_access.models import (
    Ambassador,
    InfoSession,
    InfoSessionServiceType,
    Library,
    RollupAmbassadorMonth,
    RollupRequestLibraryMonth,
    RollupRequestMonth,
    RollupSessionLibraryMonth,
    RollupSessionMonth,
    ServiceRequest,
    ServiceType,
)
from data_access.models.base import NO_TIER, table_of

Fact = Literal["sessions", "requests"]
MAX_MEASURES = frozenset({"last_day"})

REQUEST_MEASURES = (
    "requests",
    "on_behalf_self",
    "on_behalf_relative_abroad",
    "on_behalf_other",
    "outcome_submitted",
    "outcome_completed",
    "outcome_failed",
    "last_day",
)
SESSION_MEASURES = ("sessions", "participants", "last_day")


def filter_dims(fact: Fact, filters: Filters) -> set[str]:
    """Dimensions a source must have to apply ``filters`` to ``fact``."""
    needed = {"month_key"}
    if filters.effective_raions is not None:
        needed.add("raion_code")
    if filters.services:
        needed.add("service_type_code" if fact == "requests" else "service_mask")
    if filters.library_kinds:
        needed.add("library_kind")
    if filters.tiers:
        needed.add("ambassador_tier")
    if filters.formats and fact == "sessions":
        needed.add("format")
    return needed


@dataclass(frozen=True)
class Cube:
    """A rollup table: its dimensions and which column holds each measure."""

    table: Table
    fact: Fact
    dims: frozenset[str]
    measures: dict[str, str]
    # A cube that leaves some facts out (requests without an ambassador) can only answer
    # queries grouped by this dimension, where those facts would form their own group anyway.
    only_when_grouped_by: str | None = None

    def can_answer(
        self, dims: set[str], measures: tuple[str, ...], by: tuple[str, ...] = ()
    ) -> bool:
        if self.only_when_grouped_by and self.only_when_grouped_by not in by:
            return False
        wanted = {("service_mask" if d == "service_type_code" and self.fact == "sessions" else d)
                  for d in dims}  # fmt: skip
        return wanted <= self.dims and all(m in self.measures for m in measures)

    def select(
        self,
        filters: Filters,
        by: tuple[str, ...],
        measures: tuple[str, ...],
        months: tuple[int, int],
        services_bits: dict[str, int],
    ) -> Select[Any]:
        t = self.table.c
        columns: list[ColumnElement[Any]] = []
        groups: list[ColumnElement[Any]] = []
        froms: Table | Any = self.table
        clauses: list[ColumnElement[bool]] = [t.month_key.between(*months)]
        for dim in by:
            if dim == "service_type_code" and self.fact == "sessions":
                st = table_of(ServiceType)
                bit = cast(literal(1), BigInteger).op("<<")(st.c.mask_bit)
                froms = froms.join(st, t.service_mask.op("&")(bit) != 0)
                columns.append(st.c.code.label(dim))
                groups.append(st.c.code)
                if filters.services:
                    clauses.append(st.c.code.in_(filters.services))
            else:
                columns.append(t[dim].label(dim))
                groups.append(t[dim])
        for m in measures:
            agg = func.max if m in MAX_MEASURES else func.sum
            columns.append(agg(t[self.measures[m]]).label(m))
        clauses += _cube_filters(self, filters, services_bits)
        return select(*columns).select_from(froms).where(*clauses).group_by(*groups)


def _cube_filters(
    cube: Cube, filters: Filters, services_bits: dict[str, int]
) -> list[ColumnElement[bool]]:
    t = cube.table.c
    clauses: list[ColumnElement[bool]] = []
    raions = filters.effective_raions
    if raions is not None:
        clauses.append(t.raion_code.in_(raions))
    if filters.services:
        if cube.fact == "requests":
            clauses.append(t.service_type_code.in_(filters.services))
        else:
            mask = sum(1 << services_bits[s] for s in filters.services if s in services_bits)
            clauses.append(t.service_mask.op("&")(cast(literal(mask), BigInteger)) != 0)
    if filters.library_kinds:
        clauses.append(t.library_kind.in_(filters.library_kinds))
    if filters.tiers:
        clauses.append(t.ambassador_tier.in_(filters.tiers))
    if filters.formats and cube.fact == "sessions":
        clauses.append(t.format.in_(filters.formats))
    return clauses


def _measures(names: tuple[str, ...], cols: dict[str, str]) -> dict[str, str]:
    return {n: cols.get(n, n) for n in names}


CUBES: tuple[Cube, ...] = (
    Cube(
        table_of(RollupRequestMonth), "requests",
        frozenset({"month_key", "raion_code", "service_type_code", "library_kind",
                   "ambassador_tier"}),
        _measures(REQUEST_MEASURES[:-1], {}),
    ),
    Cube(
        table_of(RollupSessionMonth), "sessions",
        frozenset({"month_key", "raion_code", "library_kind", "ambassador_tier", "format",
                   "audience", "service_mask"}),
        _measures(("sessions", "participants"), {}),
    ),
    Cube(
        table_of(RollupAmbassadorMonth), "requests",
        frozenset({"month_key", "ambassador_id", "library_id", "raion_code", "library_kind",
                   "ambassador_tier"}),
        {"requests": "requests", "last_day": "last_request_day"},
        only_when_grouped_by="ambassador_id",
    ),
    Cube(
        table_of(RollupAmbassadorMonth), "sessions",
        frozenset({"month_key", "ambassador_id", "library_id", "raion_code", "library_kind",
                   "ambassador_tier"}),
        {"sessions": "sessions", "participants": "participants", "last_day": "last_session_day"},
    ),
    Cube(
        table_of(RollupRequestLibraryMonth), "requests",
        frozenset({"month_key", "library_id", "service_type_code", "ambassador_tier", "raion_code",
                   "library_kind"}),
        {"requests": "requests", "last_day": "last_day"},
    ),
    Cube(
        table_of(RollupSessionLibraryMonth), "sessions",
        frozenset({"month_key", "library_id", "ambassador_tier", "format", "service_mask",
                   "raion_code", "library_kind"}),
        {"sessions": "sessions", "participants": "participants", "last_day": "last_day"},
    ),
)  # fmt: skip


def pick_cube(
    fact: Fact, dims: set[str], measures: tuple[str, ...], by: tuple[str, ...] = ()
) -> Cube | None:
    """The first (smallest) cube of ``fact`` that has every dimension and measure needed."""
    for cube in CUBES:
        if cube.fact == fact and cube.can_answer(dims, measures, by):
            return cube
    return None


def raw_select(
    fact: Fact, filters: Filters, by: tuple[str, ...], measures: tuple[str, ...],
    days: tuple[dt.date, dt.date],
) -> Select[Any]:  # fmt: skip
    """The same aggregate computed from the raw fact table over ``days`` (inclusive)."""
    if fact == "requests":
        return _raw_requests(filters, by, measures, days)
    return _raw_sessions(filters, by, measures, days)


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.sum(case((condition, 1), else_=0))


def _raw_requests(
    filters: Filters, by: tuple[str, ...], measures: tuple[str, ...], days: tuple[dt.date, dt.date]
) -> Select[Any]:
    r, lib, amb = ServiceRequest, Library, Ambassador
    dims: dict[str, Any] = {
        "month_key": r.month_key, "raion_code": r.raion_code,
        "service_type_code": r.service_type_code, "library_id": r.library_id,
        "ambassador_id": r.ambassador_id, "on_behalf_of": r.on_behalf_of, "outcome": r.outcome,
        "library_kind": lib.kind, "ambassador_tier": func.coalesce(amb.tier, NO_TIER),
    }  # fmt: skip
    values: dict[str, ColumnElement[Any]] = {
        "requests": func.count(),
        "last_day": func.max(r.requested_on),
        **{f"on_behalf_{v}": _count_if(r.on_behalf_of == v)
           for v in ("self", "relative_abroad", "other")},
        **{f"outcome_{v}": _count_if(r.outcome == v) for v in ("submitted", "completed", "failed")},
    }  # fmt: skip
    stmt = select(*(dims[d].label(d) for d in by), *(values[m].label(m) for m in measures))
    stmt = stmt.select_from(r)
    if filters.library_kinds or "library_kind" in by:
        stmt = stmt.join(lib, lib.id == r.library_id)
    if filters.tiers or "ambassador_tier" in by:
        stmt = stmt.outerjoin(amb, amb.id == r.ambassador_id)
    clauses: list[ColumnElement[bool]] = [r.requested_on.between(*days)]
    raions = filters.effective_raions
    if raions is not None:
        clauses.append(r.raion_code.in_(raions))
    if filters.services:
        clauses.append(r.service_type_code.in_(filters.services))
    if filters.library_kinds:
        clauses.append(lib.kind.in_(filters.library_kinds))
    if filters.tiers:
        clauses.append(func.coalesce(amb.tier, NO_TIER).in_(filters.tiers))
    return stmt.where(*clauses).group_by(*(dims[d] for d in by))


def _raw_sessions(
    filters: Filters, by: tuple[str, ...], measures: tuple[str, ...], days: tuple[dt.date, dt.date]
) -> Select[Any]:
    s, lib, amb, x = InfoSession, Library, Ambassador, InfoSessionServiceType
    dims: dict[str, Any] = {
        "month_key": s.month_key, "raion_code": s.raion_code, "library_id": s.library_id,
        "ambassador_id": s.ambassador_id, "format": s.format, "audience": s.audience,
        "library_kind": lib.kind, "ambassador_tier": amb.tier,
        "service_type_code": x.service_type_code,
    }  # fmt: skip
    values: dict[str, ColumnElement[Any]] = {
        "sessions": func.count(),
        "participants": func.sum(s.participants),
        "last_day": func.max(s.held_on),
    }
    stmt = select(*(dims[d].label(d) for d in by), *(values[m].label(m) for m in measures))
    stmt = stmt.select_from(s)
    if filters.library_kinds or "library_kind" in by:
        stmt = stmt.join(lib, lib.id == s.library_id)
    if filters.tiers or "ambassador_tier" in by:
        stmt = stmt.join(amb, amb.id == s.ambassador_id)
    clauses: list[ColumnElement[bool]] = [s.held_on.between(*days)]
    if "service_type_code" in by:
        stmt = stmt.join(x, x.session_id == s.id)
        if filters.services:
            clauses.append(x.service_type_code.in_(filters.services))
    elif filters.services:
        covered = and_(x.session_id == s.id, x.service_type_code.in_(filters.services))
        clauses.append(exists().where(covered))
    raions = filters.effective_raions
    if raions is not None:
        clauses.append(s.raion_code.in_(raions))
    if filters.library_kinds:
        clauses.append(lib.kind.in_(filters.library_kinds))
    if filters.tiers:
        clauses.append(amb.tier.in_(filters.tiers))
    if filters.formats:
        clauses.append(s.format.in_(filters.formats))
    return stmt.where(*clauses).group_by(*(dims[d] for d in by))
