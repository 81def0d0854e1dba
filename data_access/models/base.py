"""Declarative base, naming convention and the allowed values of every enumerated column."""

from __future__ import annotations

from typing import Any

from sqlalchemy import MetaData, Table
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.types import Integer

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

RAION_KINDS = ("raion", "municipality", "atu", "territorial_unit")
LIBRARY_KINDS = ("municipal", "raion", "town", "village")
AMBASSADOR_TIERS = ("national", "local")
SESSION_FORMATS = ("in_person", "online")
AUDIENCES = (
    "citizens",
    "librarians",
    "local_administration",
    "business",
    "youth",
    "elderly",
    "emigrant_families",
)
ON_BEHALF_OF = ("self", "relative_abroad", "other")
OUTCOMES = ("submitted", "completed", "failed")
SERVICE_CATEGORIES = (
    "civil_status",
    "justice",
    "payments",
    "social_insurance",
    "tax",
    "identity_signature",
    "business",
)
TARGET_METRICS = (
    "sessions",
    "participants",
    "requests",
    "citizens_served",
    "active_ambassadors",
    "access_points",
)
TARGET_SCOPES = ("national", "raion", "ambassador")
NO_TIER = "none"  # rollup value for requests assisted without a recorded ambassador


def in_values(column: str, values: tuple[str, ...]) -> str:
    """SQL text of a CHECK constraint limiting ``column`` to ``values`` (constants only)."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def table_of(model: type[Base]) -> Table:
    """The Core ``Table`` of a mapped class (typed, unlike ``Model.__table__``)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


class month_key_of(FunctionElement[int]):  # noqa: N801 - reads like the SQL function it compiles to
    """``yyyymm`` integer of a date column, compiled per dialect (used by generated columns)."""

    type = Integer()
    inherit_cache = True


@compiles(month_key_of, "sqlite")
def _month_key_sqlite(element: month_key_of, compiler: Any, **kw: Any) -> str:
    (arg,) = list(element.clauses)
    return f"CAST(strftime('%Y%m', {compiler.process(arg, **kw)}) AS INTEGER)"


@compiles(month_key_of, "postgresql")
def _month_key_postgresql(element: month_key_of, compiler: Any, **kw: Any) -> str:
    (arg,) = list(element.clauses)
    col = compiler.process(arg, **kw)
    return (
        f"(CAST(EXTRACT(YEAR FROM {col}) AS INTEGER) * 100"
        f" + CAST(EXTRACT(MONTH FROM {col}) AS INTEGER))"
    )
