"""A plan's SQL as text, put together from parts compiled once per dialect.

SQLAlchemy compiles a statement it has not seen before in 3-10 ms: a plan's UNION of up to
seven SELECTs is a long statement, and which parts a view needs depends on its range's edges
and its filters, so a view is often the first of its shape (~120 shapes in the benchmark's 165
plans) and paid more to compile its SQL than the database took to answer it. The parts recur
across shapes, so each part (and the grouping around them) is compiled once per dialect and
kept as text; a plan's statement is their texts joined, with the view's values bound as the
driver takes them (each value through its type's own bind processing). It runs through
``Connection.exec_driver_sql``: no compilation, and the engine's events still see it.

Written for the two drivers the product runs on: positional ``?`` (sqlite3) and named
``%(name)s`` (psycopg).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import column, table
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.compiler import SQLCompiler

from dashboard.filters import Filters
from data_access.queries.prepared import (
    CubeKeys,
    Source,
    grouped_over,
    part_select,
    plan_values,
    shape_of,
)
from data_access.queries.raw import Fact
from data_access.queries.versioned import Recent

PARTS_TABLE = "plan_parts"  # the name the grouping reads its parts' UNION by
_EXPANDING = re.compile(r"\(__\[POSTCOMPILE_(\w+)\]\)")
_compiled = Recent(2048)  # (dialect, paramstyle, what was compiled) -> Compiled


@dataclass(frozen=True)
class Bind:
    """One parameter of a compiled text: how its value reaches the driver."""

    process: Callable[[Any], Any] | None  # the type's bind processing for this dialect
    expanding: bool  # a list, one placeholder per item
    constant: Any = None  # the value of a literal of the statement (None: the view's)
    is_constant: bool = False


@dataclass(frozen=True)
class Compiled:
    """The SQL text of a part (or of the grouping around the parts) and its parameters, in
    order of appearance (named styles: each name once)."""

    sql: str
    names: tuple[str, ...]
    binds: dict[str, Bind]


def plan_text(dialect: Dialect, fact: Fact, filters: Filters, by: tuple[str, ...],
              measures: tuple[str, ...], sources: list[Source],
              bits: dict[str, int]) -> tuple[str, Any]:  # fmt: skip
    """The SQL text reading ``measures`` of ``fact`` grouped ``by`` from ``sources`` under
    ``filters``, and its parameters as the driver takes them (``bits``: as for
    :func:`~data_access.queries.prepared.plan_values`)."""
    values = plan_values(fact, filters, sources, bits)
    raions, on, keys = shape_of(fact, filters, sources)
    parts = [_part(dialect, fact, by, measures, raions, on, keys, i) for i in range(len(keys))]
    sql = " UNION ALL ".join(p.sql for p in parts)
    if len(parts) > 1 or by:
        outer = _outer(dialect, by, measures)
        sql = outer.sql.replace(f"FROM {PARTS_TABLE}", f"FROM ({sql}) AS {PARTS_TABLE}", 1)
    if dialect.positional:
        return _positional(dialect, sql, parts, values)
    return _named(dialect, sql, parts, values)


def _part(dialect: Dialect, fact: Fact, by: tuple[str, ...], measures: tuple[str, ...],
          raions: bool, on: tuple[bool, ...], keys: CubeKeys, i: int) -> Compiled:  # fmt: skip
    """The ``i``-th part: compiled once as a first part, its parameters renamed for the others
    (a part is the same SQL wherever it stands in a plan)."""
    shape = (fact, by, measures, raions, on, keys[i])

    def compile_first() -> Compiled:  # the statement object is not kept: only its text is
        return _compile(dialect, part_select.__wrapped__(*shape, 0), prefix="c0_")

    style = (dialect.name, dialect.paramstyle)
    first = _compiled.get((*style, "part", shape), compile_first)
    if i == 0:
        return first
    return _compiled.get((*style, "part", shape, i), lambda: _renumbered(first, i))


def _renumbered(part: Compiled, i: int) -> Compiled:
    """A first part's text as the ``i``-th: its span's and its literals' parameters renamed."""
    renames = {name: _renamed(name, i) for name in part.binds}
    sql = part.sql
    for old, new in renames.items():
        if new != old:
            sql = sql.replace(f"%({old})s", f"%({new})s")
            sql = sql.replace(f"__[POSTCOMPILE_{old}]", f"__[POSTCOMPILE_{new}]")
    binds = {renames[name]: bind for name, bind in part.binds.items()}
    return Compiled(sql, tuple(renames[n] for n in part.names), binds)


def _renamed(name: str, i: int) -> str:
    if name in ("first_0", "last_0"):
        return f"{name[:-1]}{i}"
    return f"c{i}_{name[3:]}" if name.startswith("c0_") else name


def _outer(dialect: Dialect, by: tuple[str, ...], measures: tuple[str, ...]) -> Compiled:
    def compile_outer() -> Compiled:
        parts = table(PARTS_TABLE, *(column(c) for c in (*by, *measures)))
        compiled = _compile(dialect, grouped_over(parts.c, by, measures), prefix="o_")
        if compiled.names:  # its parameters would go before and after the parts'
            raise ValueError("the grouping of a plan's parts takes no parameters")
        return compiled

    return _compiled.get((dialect.name, dialect.paramstyle, "outer", by, measures), compile_outer)


def _compile(dialect: Dialect, statement: Any, prefix: str) -> Compiled:
    """``statement``'s text for ``dialect``; in named styles its literals' parameters renamed
    with ``prefix`` (two parts may each have a ``coalesce_1`` of their own)."""
    compiled = statement.compile(dialect=dialect)
    assert isinstance(compiled, SQLCompiler)
    sql = compiled.string
    names = list(compiled.positiontup or compiled.params)
    binds: dict[str, Bind] = {}
    for name in dict.fromkeys(names):
        param = compiled.binds[name]
        process = param.type.dialect_impl(dialect).bind_processor(dialect)
        constant = param.value is not None or param.callable is not None
        new = f"{prefix}{name}" if constant and not dialect.positional else name
        if new != name:
            sql = sql.replace(f"%({name})s", f"%({new})s")
            sql = sql.replace(f"__[POSTCOMPILE_{name}]", f"__[POSTCOMPILE_{new}]")
        binds[new] = Bind(process, param.expanding, param.effective_value, constant)
        names = [new if n == name else n for n in names]
    return Compiled(sql, tuple(names), binds)


def _value(bind: Bind, name: str, values: dict[str, Any]) -> Any:
    value = bind.constant if bind.is_constant else values[name]
    if bind.expanding:
        if not value:  # the planner reads nothing for an empty list (no IN () in SQL)
            raise ValueError(f"parameter {name!r} is an empty list")
        return [bind.process(v) for v in value] if bind.process else list(value)
    return bind.process(value) if bind.process else value


def _positional(dialect: Dialect, sql: str, parts: list[Compiled],
                values: dict[str, Any]) -> tuple[str, tuple[Any, ...]]:  # fmt: skip
    params: list[Any] = []
    sizes: dict[str, int] = {}
    for part in parts:
        for name in part.names:
            value = _value(part.binds[name], name, values)
            if part.binds[name].expanding:
                params += value
                sizes[name] = len(value)
            else:
                params.append(value)
    marker = "?" if dialect.paramstyle == "qmark" else None
    if marker is None:
        raise ValueError(f"no text plans for the {dialect.paramstyle!r} parameter style")
    text = _EXPANDING.sub(lambda m: "(" + ", ".join([marker] * sizes[m.group(1)]) + ")", sql)
    return text, tuple(params)  # a list would be many rows' parameters


def _named(dialect: Dialect, sql: str, parts: list[Compiled],
           values: dict[str, Any]) -> tuple[str, dict[str, Any]]:  # fmt: skip
    if dialect.paramstyle != "pyformat":
        raise ValueError(f"no text plans for the {dialect.paramstyle!r} parameter style")
    params: dict[str, Any] = {}
    sizes: dict[str, int] = {}
    for part in parts:
        for name, bind in part.binds.items():
            if name in params or name in sizes:
                continue
            value = _value(bind, name, values)
            if bind.expanding:
                params.update({f"{name}__{k}": v for k, v in enumerate(value)})
                sizes[name] = len(value)
            else:
                params[name] = value

    def expand(match: re.Match[str]) -> str:
        name = match.group(1)
        return "(" + ", ".join(f"%({name}__{k})s" for k in range(sizes[name])) + ")"

    return _EXPANDING.sub(expand, sql), params


__all__ = ["plan_text"]
