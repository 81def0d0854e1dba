"""What a plan is (:mod:`~data_access.queries.planner`): the SQL it reads, as parts of
rollups and raw facts over spans, and what the tables in memory answer instead."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select
from sqlalchemy.engine import Dialect

from dashboard.filters import Filters
from data_access.queries.plan_text import plan_text
from data_access.queries.prepared import Source, plan_statement
from data_access.queries.range_pieces import DateSpan
from data_access.queries.raw import Fact


@dataclass(frozen=True)
class Reads:
    """The SQL part of a plan: ``measures`` of ``fact`` grouped ``by`` from ``sources``."""

    fact: Fact
    filters: Filters
    by: tuple[str, ...]
    measures: tuple[str, ...]
    sources: tuple[Source, ...]
    bits: dict[str, int]  # each service's bit in the session rollups' service masks

    def statement(self) -> tuple[Select[Any], dict[str, Any]]:
        """As SQLAlchemy's statement (for use inside other SQL) and its parameters' values."""
        return plan_statement(self.fact, self.filters, self.by, self.measures,
                              list(self.sources), self.bits)  # fmt: skip

    def text(self, dialect: Dialect) -> tuple[str, Any]:
        """As SQL text for ``dialect`` and its parameters as the driver takes them."""
        return plan_text(dialect, self.fact, self.filters, self.by, self.measures,
                         list(self.sources), self.bits)  # fmt: skip


@dataclass(frozen=True)
class Plan:
    """:func:`_plan`'s answer: what the database reads, and what memory answers."""

    reads: Reads | None = None
    months: tuple[str, tuple[int, int]] | None = None  # (month table, month-key range)
    day_spans: list[DateSpan] = field(default_factory=list)  # of the person-day rollup
    naive: Select[Any] | None = None  # the raw facts' select, for the naive baseline

    def bound(self) -> Select[Any] | None:
        """The statement with its parameters' values (a copy; for use inside other SQL)."""
        if self.reads is None:
            return self.naive
        statement, params = self.reads.statement()
        return statement.params(params)


__all__ = ["Plan", "Reads"]
