"""The raw-table SQL of a range's partial months, prepared once per shape.

A day-precise range under a service, format or tier filter reads its edge days (the partial
months at either end) from the raw facts: no day rollup holds those dimensions. Built afresh,
that SELECT (two spans: a UNION grouped once more) costs ~2-3 ms of SQLAlchemy's Python per
query, and running a new statement object another ~1 ms of cache-key and parameter work, more
than the database takes to answer it. What the statement looks like depends only on the
query's shape (the fact, groups and measures, which filters restrict and how many spans), so
it is built once per shape with bound parameters and run with each view's values.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Select, bindparam, func, select, union_all
from sqlalchemy.sql.elements import BindParameter

from dashboard.filters import Filters
from data_access.queries.range_pieces import DateSpan
from data_access.queries.raw import Fact, Where, raw_where, summed
from data_access.queries.sources import MAX_MEASURES

# the filters a raw select knows, as named in Filters and in Where
LISTS = ("services", "library_kinds", "tiers", "formats")


def edge_statement(
    fact: Fact, filters: Filters, by: tuple[str, ...], measures: tuple[str, ...],
    spans: list[DateSpan],
) -> tuple[Select[Any], dict[str, Any]]:  # fmt: skip
    """The statement reading ``measures`` of ``fact`` grouped ``by`` over the day ``spans``
    under ``filters`` (the raion filter within scope, not empty), and its parameters."""
    raions = filters.effective_raions
    # requests have no format: their raw select never reads that filter
    given = tuple(bool(getattr(filters, name)) and (name != "formats" or fact == "sessions")
                  for name in LISTS)  # fmt: skip
    statement = _prepared(fact, by, measures, raions is not None, given, len(spans))
    params: dict[str, Any] = {name: list(getattr(filters, name))
                              for name, on in zip(LISTS, given, strict=True) if on}  # fmt: skip
    if raions is not None:
        params["raions"] = list(raions)
    for i, (first, last) in enumerate(spans):
        params[f"first_{i}"], params[f"last_{i}"] = first, last
    return statement, params


@lru_cache(maxsize=512)
def _prepared(fact: Fact, by: tuple[str, ...], measures: tuple[str, ...], raions: bool,
              given: tuple[bool, ...], spans: int) -> Select[Any]:  # fmt: skip
    """One statement object per shape: SQLAlchemy keeps its cache key with it, and compiles
    it once."""
    lists: dict[str, BindParameter[Any] | tuple[()]] = {
        name: bindparam(name, expanding=True) if on else ()
        for name, on in zip(LISTS, given, strict=True)
    }
    raion_param: BindParameter[Any] | None = bindparam("raions", expanding=True) if raions else None
    wheres = [Where((bindparam(f"first_{i}"), bindparam(f"last_{i}")), raion_param, **lists)
              for i in range(spans)]  # fmt: skip
    parts = [raw_where(fact, where, by, measures) for where in wheres]
    statement = union_grouped(parts, by, measures)
    assert statement is not None  # spans >= 1
    return statement


def union_grouped(parts: list[Select[Any]], by: tuple[str, ...],
                  measures: tuple[str, ...]) -> Select[Any] | None:  # fmt: skip
    """One statement summing (or taking the latest of) the parts' groups. Grouped by ``by``,
    the parts are rows of the rollups (or groups of the facts), grouped here once."""
    if not parts:
        return None
    if len(parts) == 1 and not by:
        return parts[0]
    union = union_all(*parts).subquery()
    aggregates = [
        (func.max if m in MAX_MEASURES else summed)(union.c[m]).label(m) for m in measures
    ]
    return select(*(union.c[d] for d in by), *aggregates).group_by(*(union.c[d] for d in by))
