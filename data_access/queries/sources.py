"""The rollup tables ("cubes") a fact aggregate can be read from, smallest first.

Each cube knows its dimensions and measure columns and how to apply the filters in its own
columns, so the planner can read whole months from the smallest cube that can answer, edge days
from a day cube, and anything else from the raw tables (:mod:`data_access.queries.raw`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import BigInteger, Select, String, Table, cast, func, literal, select, type_coerce
from sqlalchemy.sql.elements import ColumnElement

from dashboard.filters import Filters
from data_access.models import (
    RollupAmbassadorMonth,
    RollupAmbassadorServiceMonth,
    RollupLibraryMonth,
    RollupRequestLibraryMonth,
    RollupRequestMonth,
    RollupRequestPersonDay,
    RollupRequestRaionMonth,
    RollupRequestServiceDay,
    RollupRequestServiceMonth,
    RollupRequestTierDay,
    RollupRequestTierMonth,
    RollupSessionLibraryMonth,
    RollupSessionMaskMonth,
    RollupSessionMonth,
    RollupSessionRaionMonth,
    RollupSessionServiceMonth,
    RollupSessionServiceTierMonth,
    RollupSessionTierMonth,
    ServiceType,
)
from data_access.models.base import table_of
from data_access.models.rollup_activity import ANY_SERVICE
from data_access.models.rollup_twins import TWIN_GRAINS, TWINS
from data_access.queries.raw import (
    Fact,
    Where,
    given,
    latest,
    raw_select,
    summed,
    where_places,
)

# ``last_day``: latest day of this fact; ``last_any_day``: latest day of any activity (a cube
# may hold it for both facts at once; callers take the max over both facts either way).
MAX_MEASURES = frozenset({"last_day", "last_any_day"})
BREAKDOWN = ("on_behalf_self", "on_behalf_relative_abroad", "on_behalf_other",
             "outcome_submitted", "outcome_completed", "outcome_failed")  # fmt: skip
REQUEST_MEASURES = ("requests", *BREAKDOWN, "last_day")
SESSION_MEASURES = ("sessions", "participants", "last_day")

__all__ = ["MAX_MEASURES", "REQUEST_MEASURES", "SESSION_MEASURES", "Cube", "Fact", "pick_cube",
           "place_clauses", "raw_select"]  # fmt: skip


@dataclass(frozen=True)
class Cube:
    """A rollup table: its dimensions and which column holds each measure."""

    table: Table
    fact: Fact
    dims: frozenset[str]
    measures: dict[str, str]
    # "day": single days, for a range's partial edges; "quarter", "year": whole ones
    grain: str = "month"
    # A cube that leaves some facts out (requests without an ambassador) answers only queries
    # grouped by this dimension, where those facts would form their own group anyway, or
    # filtered by tier, which leaves them out too.
    only_when_grouped_by: str | None = None
    # Sessions counted once under *each* service they cover: exact per service, so it answers
    # "by service" and single-service filters, never a total across several services.
    per_service: bool = False
    # Rows of a table shared with other facts or groupings: the condition choosing this cube's.
    rows: Callable[[Any], ColumnElement[bool]] | None = None

    def can_answer(self, filters: Filters, dims: set[str], measures: tuple[str, ...],
                   by: tuple[str, ...]) -> bool:  # fmt: skip
        if self.only_when_grouped_by and self.only_when_grouped_by not in by and not filters.tiers:
            return False  # a tier filter leaves out the requests without an ambassador anyway
        wanted = set(dims)
        if self.fact == "sessions" and ("service_mask" in wanted or "service_type_code" in by):
            if self.per_service:
                if "service_type_code" not in by and len(filters.services) != 1:
                    return False
                wanted = (wanted - {"service_mask"}) | {"service_type_code"}
            elif "service_type_code" in wanted:
                wanted = (wanted - {"service_type_code"}) | {"service_mask"}
        elif self.per_service:
            return False
        return wanted <= self.dims and all(m in self.measures for m in measures)

    def select(self, where: Where, by: tuple[str, ...], measures: tuple[str, ...], *,
               grouped: bool = True) -> Select[Any]:  # fmt: skip
        """The rows of ``where.days``, a (first, last) range of month keys, days, quarters or
        years (the cube's grain). ``grouped=False``: the matching rows themselves, for a caller
        that groups the rows of several periods at once (one sort instead of one per period
        and one more)."""
        t = self.table.c
        time = "month_key" if self.grain == "month" else self.grain
        clauses = [t[time].between(*where.days), *self._filters(where)]
        if self.rows is not None:
            clauses.append(self.rows(t))
        by_mask = "service_type_code" in by and self.fact == "sessions" and not self.per_service
        if not grouped and not by_mask:
            values = [t[self.measures[m]] for m in measures]
            return select(*(t[d].label(d) for d in by), *(
                (type_coerce(v, String) if m in MAX_MEASURES else v).label(m)
                for v, m in zip(values, measures, strict=True)
            )).where(*clauses)  # fmt: skip
        inner_by = [d for d in by if d != "service_type_code"] + ["service_mask"] if by_mask else by
        columns = [t[d].label(d) for d in inner_by]
        for m in measures:
            column = t[self.measures[m]]
            columns.append((latest(column) if m in MAX_MEASURES else summed(column)).label(m))
        sums = select(*columns).where(*clauses).group_by(*(t[d] for d in inner_by))
        return _per_service(sums, where, by, measures) if by_mask else sums

    def _filters(self, where: Where) -> list[ColumnElement[bool]]:
        t = self.table.c
        clauses = where_places(t, where)
        if given(where.services):
            if self.fact == "requests" or self.per_service:
                clauses.append(t.service_type_code.in_(where.services))
            else:
                clauses.append(t.service_mask.op("&")(cast(where.mask, BigInteger)) != 0)
        if given(where.formats) and self.fact == "sessions":
            clauses.append(t.format.in_(where.formats))
        return clauses


def _per_service(by_mask: Select[Any], where: Where, by: tuple[str, ...],
                 measures: tuple[str, ...]) -> Select[Any]:  # fmt: skip
    """Sessions per service from their sums per service mask: each mask's groups joined to the
    services whose bit it has (summed per mask first: ten times fewer rows to join)."""
    sums = by_mask.subquery()
    st = table_of(ServiceType)
    bit = cast(literal(1), BigInteger).op("<<")(st.c.mask_bit)
    keys = [st.c.code if d == "service_type_code" else sums.c[d] for d in by]
    aggregates = [(func.max if m in MAX_MEASURES else summed)(sums.c[m]) for m in measures]
    stmt = select(*(k.label(d) for k, d in zip(keys, by, strict=True)),
                  *(a.label(m) for a, m in zip(aggregates, measures, strict=True)))  # fmt: skip
    stmt = stmt.select_from(sums.join(st, sums.c.service_mask.op("&")(bit) != 0))
    if given(where.services):
        stmt = stmt.where(st.c.code.in_(where.services))
    return stmt.group_by(*keys)


def place_clauses(columns: Any, filters: Filters) -> list[ColumnElement[bool]]:
    """The raion (within scope), library kind and ambassador tier conditions on a rollup's
    ``columns`` (every rollup names them alike)."""
    return where_places(columns, Where.of(filters, (None, None)))


def _same(*names: str) -> dict[str, str]:
    return {n: n for n in names}


def _cube(model: Any, fact: Fact, dims: str, measures: dict[str, str], **kw: Any) -> Cube:
    return Cube(table_of(model), fact, frozenset(dims.split()), measures, **kw)


REQUESTS = _same("requests", *BREAKDOWN)
SESSIONS = _same("sessions", "participants")
CUBES: tuple[Cube, ...] = (
    _cube(RollupRequestRaionMonth, "requests", "month_key raion_code", REQUESTS),
    _cube(RollupRequestServiceMonth, "requests", "month_key raion_code service_type_code",
          REQUESTS),
    _cube(RollupRequestTierMonth, "requests",
          "month_key raion_code library_kind ambassador_tier", REQUESTS),
    _cube(RollupRequestMonth, "requests",
          "month_key raion_code service_type_code library_kind ambassador_tier", REQUESTS),
    _cube(RollupLibraryMonth, "requests", "month_key library_id raion_code library_kind",
          {"requests": "requests", "last_day": "last_request_day",
           "last_any_day": "last_request_day"}),
    _cube(RollupAmbassadorMonth, "requests",
          "month_key ambassador_id library_id raion_code library_kind ambassador_tier",
          {"requests": "requests", "last_day": "last_request_day",
           "last_any_day": "last_request_day"}, only_when_grouped_by="ambassador_id"),
    _cube(RollupRequestLibraryMonth, "requests",
          "month_key library_id service_type_code ambassador_tier raion_code library_kind",
          {"requests": "requests", "last_day": "last_day", "last_any_day": "last_day"}),
    # Requests per ambassador and service: only a service filter leads here (the ambassador
    # rollup above answers the rest). Each request is one row of its service; '*' rows repeat.
    _cube(RollupAmbassadorServiceMonth, "requests",
          "month_key ambassador_id service_type_code raion_code library_kind ambassador_tier",
          {"requests": "activities", "last_day": "last_day", "last_any_day": "last_day"},
          only_when_grouped_by="ambassador_id",
          rows=lambda t: (t.activity == "request") & (t.service_type_code != ANY_SERVICE)),
    _cube(RollupSessionRaionMonth, "sessions", "month_key raion_code format audience", SESSIONS),
    _cube(RollupSessionMaskMonth, "sessions", "month_key service_mask format", SESSIONS),
    _cube(RollupSessionServiceMonth, "sessions", "month_key raion_code service_type_code format",
          SESSIONS, per_service=True),
    _cube(RollupSessionServiceTierMonth, "sessions",
          "month_key raion_code service_type_code library_kind ambassador_tier format", SESSIONS,
          per_service=True),
    _cube(RollupSessionTierMonth, "sessions",
          "month_key raion_code library_kind ambassador_tier format audience", SESSIONS),
    _cube(RollupSessionMonth, "sessions",
          "month_key raion_code library_kind ambassador_tier format audience service_mask",
          SESSIONS),
    _cube(RollupLibraryMonth, "sessions", "month_key library_id raion_code library_kind",
          {**SESSIONS, "last_day": "last_session_day", "last_any_day": "last_session_day"}),
    _cube(RollupAmbassadorMonth, "sessions",
          "month_key ambassador_id library_id raion_code library_kind ambassador_tier",
          {**SESSIONS, "last_day": "last_session_day", "last_any_day": "last_session_day"}),
    _cube(RollupSessionLibraryMonth, "sessions",
          "month_key library_id ambassador_tier format service_mask raion_code library_kind",
          {**SESSIONS, "last_day": "last_day", "last_any_day": "last_day"}),
    # ~100 rows a day, then ~300: the per-service one only when a service is asked for
    _cube(RollupRequestTierDay, "requests",
          "day month_key raion_code library_kind ambassador_tier", REQUESTS, grain="day"),
    _cube(RollupRequestServiceDay, "requests", "day month_key raion_code service_type_code",
          REQUESTS, grain="day"),
    # per library or ambassador (requests without one form the ambassador_id NULL group, as
    # in the facts); the latest day of a group is its latest row's day
    _cube(RollupRequestPersonDay, "requests",
          "day month_key library_id ambassador_id raion_code library_kind ambassador_tier",
          {"requests": "requests", "last_day": "day", "last_any_day": "day"}, grain="day"),
)  # fmt: skip


def _twin(cube: Cube, grain: str) -> Cube:
    """The cube's quarterly or yearly twin: its dimensions with ``grain`` for ``month_key``."""
    return replace(cube, table=TWINS[grain][cube.table.name], grain=grain,
                   dims=(cube.dims - {"month_key"}) | {grain})  # fmt: skip


# (month table name, fact, grain) -> that month cube's twin
_TWIN_CUBES = {(c.table.name, c.fact, grain): _twin(c, grain)
               for c in CUBES if c.grain == "month" for grain in TWIN_GRAINS}  # fmt: skip


def cube_key(cube: Cube) -> tuple[str, str]:
    """A cube's name for a cached statement's shape (a Cube holds dicts: not hashable)."""
    return cube.table.name, cube.fact


CUBES_BY_KEY = {cube_key(c): c for c in (*CUBES, *_TWIN_CUBES.values())}
assert len(CUBES_BY_KEY) == len(CUBES) + len(_TWIN_CUBES)  # each cube's key is its own


def twin_cube(cube: Cube, grain: str, by: tuple[str, ...]) -> Cube | None:
    """The twin of the monthly ``cube`` for ``grain`` (None when grouped by month)."""
    if "month_key" in by or cube.grain != "month":
        return None
    return _TWIN_CUBES[(cube.table.name, cube.fact, grain)]


def pick_cube(fact: Fact, filters: Filters, dims: set[str], measures: tuple[str, ...],
              by: tuple[str, ...], grain: str = "month") -> Cube | None:  # fmt: skip
    """The first (smallest) cube of ``fact`` and ``grain`` ("month" or "day") that can
    answer, or None."""
    needed = set(dims) | ({"day"} if grain == "day" else set())
    for cube in CUBES:
        if (
            cube.fact == fact
            and cube.grain == grain
            and cube.can_answer(filters, needed, measures, by)
        ):
            return cube
    return None


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
