"""The SQL of a plan, built once per shape and run with each view's values.

A plan (:mod:`~data_access.queries.planner`) reads whole years, quarters and months from
rollups and a range's edge days from a day rollup or the raw facts: a UNION of up to seven
SELECTs. Built afresh for each view, that statement costs 2-3 ms of SQLAlchemy's Python, and a
statement of a new shape as much again to compile: together often more than the database
takes to answer it. What the statement looks like depends only on the plan's shape (the fact,
groups and measures, which filters restrict, and which table each part reads), so it is built
once per shape with bound parameters (SQLAlchemy then compiles it once too) and run with each
view's values: its days or period keys, filter lists and service mask.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import BigInteger, Select, bindparam, func, select, union_all
from sqlalchemy.sql.elements import BindParameter

from dashboard.filters import Filters
from data_access.queries.raw import Fact, Where, raw_where, summed
from data_access.queries.service_masks import services_mask
from data_access.queries.sources import (
    CUBES_BY_KEY,
    MAX_MEASURES,
    Cube,
    cube_key,
)

# the filters a select knows, as named in Filters and in Where
LISTS = ("services", "library_kinds", "tiers", "formats")


@dataclass(frozen=True)
class Source:
    """One part of a plan: a rollup (``cube``) over a span of its period keys or days, or the
    raw facts (``cube`` None) over a span of days."""

    cube: Cube | None
    span: tuple[Any, Any]


def plan_statement(
    fact: Fact, filters: Filters, by: tuple[str, ...], measures: tuple[str, ...],
    sources: list[Source], bits: dict[str, int],
) -> tuple[Select[Any], dict[str, Any]]:  # fmt: skip
    """The statement reading ``measures`` of ``fact`` grouped ``by`` from ``sources`` under
    ``filters`` (the raion filter within scope, not empty), and its parameters' values.
    ``bits``: each service's bit in the session rollups' service masks."""
    statement = _prepared(fact, by, measures, *shape_of(fact, filters, sources))
    return statement, plan_values(fact, filters, sources, bits)


CubeKey = tuple[str, str] | None  # a part's rollup (None: the raw facts)
CubeKeys = tuple[CubeKey, ...]


def shape_of(fact: Fact, filters: Filters,
             sources: list[Source]) -> tuple[bool, tuple[bool, ...], CubeKeys]:  # fmt: skip
    """What, besides the fact, groups and measures, makes a plan's SQL what it is: whether
    it filters raions, which of the other filters it applies, and each part's rollup."""
    # requests have no format: their selects never read that filter
    on = tuple(bool(getattr(filters, name)) and (name != "formats" or fact == "sessions")
               for name in LISTS)  # fmt: skip
    keys = tuple(None if s.cube is None else cube_key(s.cube) for s in sources)
    return filters.effective_raions is not None, on, keys


def plan_values(fact: Fact, filters: Filters, sources: list[Source],
                bits: dict[str, int]) -> dict[str, Any]:  # fmt: skip
    """The view's values of a plan's parameters, by name: filter lists, the service mask and
    each part's span."""
    raions, on, _keys = shape_of(fact, filters, sources)
    params: dict[str, Any] = {name: list(getattr(filters, name))
                              for name, given in zip(LISTS, on, strict=True) if given}  # fmt: skip
    if raions:
        params["raions"] = list(filters.effective_raions or ())
    if on[0] and fact == "sessions":
        params["mask"] = services_mask(filters.services, bits)
    for i, source in enumerate(sources):
        params[f"first_{i}"], params[f"last_{i}"] = source.span
    return params


@lru_cache(maxsize=512)
def _prepared(fact: Fact, by: tuple[str, ...], measures: tuple[str, ...], raions: bool,
              on: tuple[bool, ...], keys: CubeKeys) -> Select[Any]:  # fmt: skip
    """One statement object per shape: SQLAlchemy keeps its cache key with it, and compiles
    it once."""
    parts = [part_select(fact, by, measures, raions, on, key, i) for i, key in enumerate(keys)]
    statement = union_grouped(parts, by, measures)
    assert statement is not None  # one part at least
    return statement


@lru_cache(maxsize=1024)
def part_select(fact: Fact, by: tuple[str, ...], measures: tuple[str, ...], raions: bool,
                on: tuple[bool, ...], key: CubeKey, i: int) -> Select[Any]:  # fmt: skip
    """The ``i``-th part of a statement: built once and shared by every shape that has it
    (most new shapes are known parts in a new combination: building them was half the cost)."""
    lists: dict[str, BindParameter[Any] | tuple[()]] = {
        name: bindparam(name, expanding=True) if given else ()
        for name, given in zip(LISTS, on, strict=True)
    }
    raion_param: BindParameter[Any] | None = bindparam("raions", expanding=True) if raions else None
    mask = bindparam("mask", type_=BigInteger) if on[0] and fact == "sessions" else None
    where = Where((bindparam(f"first_{i}"), bindparam(f"last_{i}")), raion_param, **lists,
                  mask=mask)  # fmt: skip
    if key is None:
        return raw_where(fact, where, by, measures)
    return CUBES_BY_KEY[key].select(where, by, measures, grouped=not by)


def union_grouped(parts: list[Select[Any]], by: tuple[str, ...],
                  measures: tuple[str, ...]) -> Select[Any] | None:  # fmt: skip
    """One statement summing (or taking the latest of) the parts' groups. Grouped by ``by``,
    the parts are rows of the rollups (or groups of the facts), grouped here once."""
    if not parts:
        return None
    if len(parts) == 1 and not by:
        return parts[0]
    return grouped_over(union_all(*parts).subquery().c, by, measures)


def grouped_over(columns: Any, by: tuple[str, ...], measures: tuple[str, ...]) -> Select[Any]:
    """SELECT the ``by`` columns of ``columns``' table and each measure summed (the latest of
    the latest days), grouped by ``by``."""
    aggregates = [(func.max if m in MAX_MEASURES else summed)(columns[m]).label(m)
                  for m in measures]  # fmt: skip
    return select(*(columns[d] for d in by), *aggregates).group_by(*(columns[d] for d in by))
