"""A period as whole months (read from a monthly rollup) and partial edge days (read from the
facts), decided for both facts at once so one rollup holding both can answer in one scan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from dashboard.periods import add_months, month_end
from data_access.queries.fact_days import has_facts_between

Span = tuple[dt.date, dt.date]


def any_facts(session: Session, first: dt.date, last: dt.date) -> bool:
    """Whether any session or request falls on ``[first, last]`` (index probes)."""
    return any(has_facts_between(session, f, first, last) for f in ("sessions", "requests"))


def last_rollup_month(session: Session, day: dt.date) -> dt.date:
    """The first day of the last month whose rollup rows hold nothing after ``day``."""
    whole = day == month_end(day) or not any_facts(
        session, day + dt.timedelta(days=1), month_end(day)
    )
    return day.replace(day=1) if whole else add_months(day, -1)


@dataclass(frozen=True)
class PeriodSplit:
    """``whole``: the first days of the first and last whole months (None: no whole month);
    ``edges``: the day spans outside them; ``last_month``: the first day of the last month a
    rollup may be read for (the period end's month when nothing follows the end in it)."""

    whole: Span | None
    edges: tuple[Span, ...]
    last_month: dt.date


def split_period(session: Session, first: dt.date, last: dt.date) -> PeriodSplit:
    """Split ``[first, last]``: an edge month counts as whole when no fact of it falls outside
    the period (so "this year up to today" reads only rollups)."""
    head_whole = first.day == 1 or not any_facts(
        session, first.replace(day=1), first - dt.timedelta(days=1)
    )
    end = last_rollup_month(session, last)
    start = first.replace(day=1) if head_whole else add_months(first, 1)
    if start > end:  # no whole month: the planner splits the period itself
        return PeriodSplit(None, ((first, last),), end)
    edges = []
    if not head_whole:
        edges.append((first, month_end(first)))
    if end < last.replace(day=1):
        edges.append((last.replace(day=1), last))
    return PeriodSplit((start, end), tuple(edges), end)
