"""Aggregates computed straight from the raw fact tables: partial months at a range's edges
that no day rollup can answer, and the naive baseline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import (
    BigInteger,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    select,
    type_coerce,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import BindParameter, ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from dashboard.filters import Filters
from data_access.models import (
    Ambassador,
    InfoSession,
    InfoSessionServiceType,
    Library,
    ServiceRequest,
)
from data_access.models.base import NO_TIER, month_key_of

Fact = Literal["sessions", "requests"]


def summed(column: Any) -> ColumnElement[Any]:
    """SUM as a 64-bit integer: PostgreSQL sums bigints (counts) as numeric, which reach
    Python as Decimal and cost a conversion per value."""
    return cast(func.sum(column), BigInteger)


def latest(day: Any) -> ColumnElement[Any]:
    """The latest of ``day`` as ISO text: parsed once per column by pandas (``aggregate``), not
    per value by the driver layer (on SQLite a regex per date, the bulk of a large read)."""
    return type_coerce(func.max(day), String)


@dataclass(frozen=True)
class Where:
    """What a select keeps: its days (inclusive; in a rollup, its span of month keys, quarters
    or years) and the values of each filter (None or empty: no restriction). Values or bound
    parameters (:mod:`~data_access.queries.prepared`). ``mask``: the services' bits, for the
    session rollups' service masks."""

    days: tuple[Any, Any]
    raions: Any = None
    services: Any = ()
    library_kinds: Any = ()
    tiers: Any = ()
    formats: Any = ()
    mask: Any = None

    @classmethod
    def of(cls, filters: Filters, days: tuple[Any, Any]) -> Where:
        return cls(days, filters.effective_raions, filters.services, filters.library_kinds,
                   filters.tiers, filters.formats)  # fmt: skip


def raw_select(
    fact: Fact, filters: Filters, by: tuple[str, ...], measures: tuple[str, ...],
    days: tuple[dt.date, dt.date],
) -> Select[Any]:  # fmt: skip
    """The same aggregate computed from the raw fact table over ``days`` (inclusive)."""
    return raw_where(fact, Where.of(filters, days), by, measures)


def raw_where(fact: Fact, where: Where, by: tuple[str, ...],
              measures: tuple[str, ...]) -> Select[Any]:  # fmt: skip
    """:func:`raw_select` of what ``where`` keeps."""
    if fact == "requests":
        return _raw_requests(where, by, measures)
    return _raw_sessions(where, by, measures)


def where_places(columns: Any, where: Where) -> list[ColumnElement[bool]]:
    """The raion (within scope), library kind and ambassador tier conditions of ``where`` on
    ``columns`` (a rollup's columns, or a raw select's expressions, by those names)."""
    clauses: list[ColumnElement[bool]] = []
    if where.raions is not None:
        clauses.append(columns["raion_code"].in_(where.raions))
    if given(where.library_kinds):
        clauses.append(columns["library_kind"].in_(where.library_kinds))
    if given(where.tiers):
        clauses.append(columns["ambassador_tier"].in_(where.tiers))
    return clauses


def given(values: Any) -> bool:
    """Whether a filter restricts: a bound parameter always does, a tuple when not empty."""
    return isinstance(values, BindParameter) or bool(values)


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return summed(case((condition, 1), else_=0))


# the requests' breakdown measures: the count of rows whose column has a value
_COUNTED = {
    **{f"on_behalf_{v}": ("on_behalf_of", v) for v in ("self", "relative_abroad", "other")},
    **{f"outcome_{v}": ("outcome", v) for v in ("submitted", "completed", "failed")},
}


def _request_value(measure: str) -> ColumnElement[Any]:
    """The aggregate of the requests giving ``measure`` (built for the measures asked only:
    the six conditional counts cost a millisecond to build on every call)."""
    r = ServiceRequest
    if measure == "requests":
        return func.count()
    if measure in ("last_day", "last_any_day"):
        return latest(r.requested_on)
    column, value = _COUNTED[measure]
    return _count_if(getattr(r, column) == value)


class month_of_day(FunctionElement[int]):  # noqa: N801 - reads like the SQL it compiles to
    """A fact's month key for grouping raw rows: ``month_of_day(stored_month_key, day)``.

    PostgreSQL computes it from the day: every day index covers the day and none the stored
    month, so a partial month grouped by month is an index-only scan (7 -> 0.7 ms for a month
    of two services' requests). SQLite reads the stored column: its table lookups are cheap
    and ``strftime`` on every row is not (5.8 -> 7.4 ms for the same read)."""

    type = Integer()
    inherit_cache = True


@compiles(month_of_day)
def _stored_month(element: month_of_day, compiler: Any, **kw: Any) -> str:
    stored, _day = list(element.clauses)
    return str(compiler.process(stored, **kw))


@compiles(month_of_day, "postgresql")
def _month_from_day(element: month_of_day, compiler: Any, **kw: Any) -> str:
    _stored, day = list(element.clauses)
    return str(compiler.process(month_key_of(day), **kw))


def _raw_requests(where: Where, by: tuple[str, ...], measures: tuple[str, ...]) -> Select[Any]:
    r, lib, amb = ServiceRequest, Library, Ambassador
    dims: dict[str, Any] = {
        "month_key": month_of_day(r.month_key, r.requested_on), "raion_code": r.raion_code,
        "service_type_code": r.service_type_code, "library_id": r.library_id,
        "ambassador_id": r.ambassador_id, "on_behalf_of": r.on_behalf_of, "outcome": r.outcome,
        "library_kind": lib.kind, "ambassador_tier": func.coalesce(amb.tier, NO_TIER),
    }  # fmt: skip
    stmt = select(*(dims[d].label(d) for d in by), *(_request_value(m).label(m) for m in measures))
    stmt = stmt.select_from(r)
    if given(where.library_kinds) or "library_kind" in by:
        stmt = stmt.join(lib, lib.id == r.library_id)
    if given(where.tiers) or "ambassador_tier" in by:
        stmt = stmt.outerjoin(amb, amb.id == r.ambassador_id)
    clauses = [r.requested_on.between(*where.days), *where_places(dims, where)]
    if given(where.services):
        clauses.append(r.service_type_code.in_(where.services))
    return stmt.where(*clauses).group_by(*(dims[d] for d in by))


def _raw_sessions(where: Where, by: tuple[str, ...], measures: tuple[str, ...]) -> Select[Any]:
    s, lib, amb, x = InfoSession, Library, Ambassador, InfoSessionServiceType
    dims: dict[str, Any] = {
        "month_key": s.month_key, "raion_code": s.raion_code, "library_id": s.library_id,
        "ambassador_id": s.ambassador_id, "format": s.format, "audience": s.audience,
        "library_kind": lib.kind, "ambassador_tier": amb.tier,
        "service_type_code": x.service_type_code,
    }  # fmt: skip
    values: dict[str, ColumnElement[Any]] = {
        "sessions": func.count(),
        "participants": summed(s.participants),
        "last_day": latest(s.held_on),
        "last_any_day": latest(s.held_on),
    }
    stmt = select(*(dims[d].label(d) for d in by), *(values[m].label(m) for m in measures))
    stmt = stmt.select_from(s)
    if given(where.library_kinds) or "library_kind" in by:
        stmt = stmt.join(lib, lib.id == s.library_id)
    if given(where.tiers) or "ambassador_tier" in by:
        stmt = stmt.join(amb, amb.id == s.ambassador_id)
    clauses = [s.held_on.between(*where.days), *where_places(dims, where)]
    if "service_type_code" in by:
        stmt = stmt.join(x, x.session_id == s.id)
        if given(where.services):
            clauses.append(x.service_type_code.in_(where.services))
    elif given(where.services):
        covered = and_(x.session_id == s.id, x.service_type_code.in_(where.services))
        clauses.append(exists().where(covered))
    if given(where.formats):
        clauses.append(s.format.in_(where.formats))
    return stmt.where(*clauses).group_by(*(dims[d] for d in by))
