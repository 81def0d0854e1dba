"""Every rollup in the order it is recomputed: the monthly tables
(:mod:`data_access.rollup_builders`), who was active on which service, then the quarterly and
yearly twins: a quarter from its monthly table, a year from its quarterly one (never the
facts)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, String, Table, delete, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from data_access.models import (
    Ambassador,
    InfoSession,
    InfoSessionServiceType,
    Library,
    ServiceRequest,
)
from data_access.models.base import NO_TIER, table_of
from data_access.models.rollup_activity import (
    ANY_SERVICE,
    RollupAmbassadorServiceMonth,
    RollupRequestTierDay,
)
from data_access.models.rollup_person_day import RollupRequestPersonDay
from data_access.models.rollup_twins import TWIN_GRAINS, TWINS, months_of, period_of
from data_access.rollup_builders import (
    MONTHLY_ORDER,
    Builder,
    Months,
    from_request_facts,
    grouped,
    in_months,
    request_facts,
)

Periods = set[int] | None  # quarter or year keys; None = every one


def _ambassador_services(months: Months) -> Select[Any]:
    """Per service type, and once more under :data:`ANY_SERVICE` for all of them."""
    r, s, x, lib, amb = ServiceRequest, InfoSession, InfoSessionServiceType, Library, Ambassador
    any_service = literal(ANY_SERVICE, String(40))
    parts = []
    for service in (r.service_type_code, any_service):
        keys = [r.month_key, r.ambassador_id, r.raion_code, lib.kind, amb.tier]
        parts.append(
            select(service, r.month_key, r.ambassador_id,
                   literal("request", String(10)).label("activity"), r.raion_code, lib.kind,
                   amb.tier, func.count(), func.min(r.requested_on), func.max(r.requested_on))
            .join(lib, lib.id == r.library_id)
            .join(amb, amb.id == r.ambassador_id)
            .where(in_months(r.month_key, months))
            .group_by(*keys, *([service] if service is not any_service else []))
        )  # fmt: skip
    for service in (x.service_type_code, any_service):
        keys = [s.month_key, s.ambassador_id, s.format, s.raion_code, lib.kind, amb.tier]
        stmt = (
            select(service, s.month_key, s.ambassador_id, s.format, s.raion_code, lib.kind,
                   amb.tier, func.count(), func.min(s.held_on), func.max(s.held_on))
            .join(lib, lib.id == s.library_id)
            .join(amb, amb.id == s.ambassador_id)
            .where(in_months(s.month_key, months))
        )  # fmt: skip
        if service is any_service:
            parts.append(stmt.group_by(*keys))
        else:
            parts.append(stmt.join(x, x.session_id == s.id).group_by(*keys, service))
    return union_all(*parts)  # type: ignore[return-value]


def periods_of(months: Months, grain: str) -> Periods:
    """The quarters or years (keys) the month keys fall in (None: all)."""
    return None if months is None else {period_of(m, grain) for m in months}


def in_periods(month_key: Any, periods: Periods, grain: str) -> Any:
    """``month_key`` within one of the ``periods`` of ``grain``."""
    if periods is None:
        return literal(True)
    return or_(*(month_key.between(*months_of(p, grain)) for p in sorted(periods)))


def _in_years(quarter_key: Any, years: Periods) -> Any:
    """A quarter-key column within one of ``years``."""
    if years is None:
        return literal(True)
    return or_(*(quarter_key.between(y * 10 + 1, y * 10 + 4) for y in sorted(years)))


def period_key(month_key: Any, grain: str) -> Any:
    """SQL of :func:`period_of`: the quarter or year key of a month-key column."""
    year = month_key // 100
    return year if grain == "year" else year * 10 + (month_key % 100 + 2) // 3


def _measure(column: Any) -> Any:
    """How a measure of months adds up to a year's."""
    if column.name == "first_day":
        return func.min(column)
    if column.name.startswith("last_"):
        return func.max(column)
    return func.sum(column)


def _is_measure(column: Any) -> bool:
    """Measures are the counts and days outside the key; the key and the text columns that
    follow from it (a library's raion and kind, an ambassador's tier) are dimensions."""
    return not column.primary_key and not isinstance(column.type, String)


def _twin_of(month_table: Table, twin: Table, grain: str) -> Builder:
    """Builds ``twin``'s rows of the periods holding ``months``: a quarter's from
    ``month_table``, a year's from the quarterly twin (4 rows of it instead of 12; the sums,
    first and last days of a year's quarters are the year's)."""
    quarters = TWINS["quarter"][month_table.name] if grain == "year" else None

    def build(months: Months) -> Select[Any]:
        periods = periods_of(months, grain)
        if quarters is None:
            src = select(month_table).where(in_periods(month_table.c.month_key, periods, grain))
        else:
            src = select(quarters).where(_in_years(quarters.c.quarter, periods))
        sub = src.subquery()
        key = sub.c.month_key if quarters is None else sub.c.quarter
        period = period_key(key, grain) if quarters is None else key // 10
        columns: list[Any] = []
        groups: list[Any] = [period]
        for c in twin.columns:
            if c.name == grain:
                columns.append(period.label(grain))
            elif _is_measure(c):
                columns.append(_measure(sub.c[c.name]).label(c.name))
            else:
                columns.append(sub.c[c.name])
                groups.append(sub.c[c.name])
        return select(*columns).group_by(*groups)

    return build


def _requests_tier_day(months: Months) -> Select[Any]:
    src = request_facts(months)
    dims = ["day", "raion_code", "library_kind", "ambassador_tier", "month_key"]
    return grouped(src, dims, from_request_facts(src))


def _requests_person_day(months: Months) -> Select[Any]:
    r, lib, amb = ServiceRequest, Library, Ambassador
    columns: list[Any] = [
        r.requested_on, r.library_id, func.coalesce(r.ambassador_id, 0), r.raion_code, lib.kind,
        func.coalesce(amb.tier, NO_TIER), r.ambassador_id, r.month_key, func.count(),
    ]  # fmt: skip
    return (
        select(*columns)
        .join(lib, lib.id == r.library_id)
        .outerjoin(amb, amb.id == r.ambassador_id)
        .where(in_months(r.month_key, months))
        .group_by(r.requested_on, r.library_id, r.ambassador_id, r.raion_code, lib.kind,
                  amb.tier, r.month_key)
    )  # fmt: skip


AMBASSADOR_SERVICES = table_of(RollupAmbassadorServiceMonth)
_MONTHLY = (
    *MONTHLY_ORDER,
    (AMBASSADOR_SERVICES, frozenset({"sessions", "requests"}), _ambassador_services),
    (table_of(RollupRequestTierDay), frozenset({"requests"}), _requests_tier_day),
    (table_of(RollupRequestPersonDay), frozenset({"requests"}), _requests_person_day),
)
# (table, which facts' months it depends on, builder) — finer tables first.
ORDER: tuple[tuple[Table, frozenset[str], Builder], ...] = (
    *_MONTHLY,
    *(
        (TWINS[grain][table.name], facts, _twin_of(table, TWINS[grain][table.name], grain))
        for grain in TWIN_GRAINS
        for table, facts, _ in _MONTHLY
        if table.name in TWINS[grain]
    ),
)


def rebuild_table(session: Session, table: Table, builder: Builder, months: Months) -> None:
    """Replace ``table``'s rows for ``months`` (of their whole quarters or years, for a twin)."""
    grain = next((g for g in TWIN_GRAINS if g in table.c), None)
    if grain is not None:
        periods = periods_of(months, grain)
        where = literal(True) if periods is None else table.c[grain].in_(sorted(periods))
    else:
        where = in_months(table.c.month_key, months)
    session.execute(delete(table).where(where))
    built = builder(months).subquery()  # its columns in the table's order, whatever their names
    # In primary-key order, so a month's (or day's) rows sit together on disk: PostgreSQL's
    # hash aggregates come out unordered, and a range read would touch a page per row.
    names, columns = [c.name for c in table.columns], list(built.c)
    rows = select(*columns).order_by(*(columns[names.index(c.name)] for c in table.primary_key))
    session.execute(table.insert().from_select(names, rows))


__all__ = ["ORDER", "rebuild_table"]
