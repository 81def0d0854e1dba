"""Compile ahead the SQL parts of the plans the pages read, once per process and database kind.

A plan's parts are compiled once and kept (:mod:`~data_access.queries.plan_text`), but the
first view of each kind of filter (a service filter with a tier filter, say) still paid for
compiling its parts: 1-4 ms at national scale, on the views that are slowest already. The
pages ask for a known set of aggregates in SQL (:data:`PAGE_AGGREGATES`: the others are
answered from the tables in memory); for each, under every combination of the kinds of filter,
the plan of a long range with partial edge months names the parts views will need (the yearly,
quarterly and monthly rollups and the edges' day rollup or raw facts). Nothing is run.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from dataclasses import replace

from sqlalchemy.orm import Session

from dashboard.filters import Filters
from dashboard.periods import EPOCH, add_months
from data_access.queries.fact_days import fact_days
from data_access.queries.planner import prepare
from data_access.queries.raw import Fact
from data_access.queries.sources import REQUEST_MEASURES

PROFILE = tuple(m for m in REQUEST_MEASURES if m != "last_day")  # the requests' breakdowns
PAGE_AGGREGATES: tuple[tuple[Fact, tuple[str, ...], tuple[str, ...]], ...] = (
    ("requests", (), ("requests",)),
    ("requests", (), PROFILE),
    ("requests", ("month_key",), ("requests",)),
    ("requests", ("raion_code",), ("requests",)),
    ("requests", ("service_type_code",), ("requests",)),
    ("requests", ("library_id",), ("requests",)),
    ("requests", ("ambassador_id",), ("requests",)),
    ("requests", ("library_id",), ("requests", "last_any_day")),
    ("requests", ("ambassador_id",), ("requests", "last_any_day")),
)
# one example of each kind of filter: only which filters apply shapes a plan (a format filter
# too, though requests have no format: it keeps their whole months from the tables in memory)
EXAMPLES = {"raions": ("MD-CU",), "services": ("cazier",), "library_kinds": ("village",),
            "tiers": ("local",), "formats": ("online",)}  # fmt: skip
_warmed: set[str] = set()  # the database kinds (dialect names) compiled for in this process
_lock = threading.Lock()


def warm_statements(session: Session, span: tuple[dt.date, dt.date] | None = None) -> int:
    """Compile the parts of :data:`PAGE_AGGREGATES`' plans over ``span`` (default: a long
    range of the data's, :func:`long_range`) under every combination of filter kinds, unless
    done for this kind of database already; how many plans read SQL."""
    dialect = session.get_bind().dialect
    with _lock:
        if dialect.name in _warmed:
            return 0
        _warmed.add(dialect.name)
    span = span or long_range(session)
    if span is None:
        return 0
    plans = 0
    base = Filters(*span)
    for fact, by, measures in PAGE_AGGREGATES:
        for kinds in itertools.product((False, True), repeat=len(EXAMPLES)):
            given = {name: value for (name, value), on in zip(EXAMPLES.items(), kinds,
                                                                strict=True) if on}  # fmt: skip
            filters = replace(base, **given)  # type: ignore[arg-type]
            plans += prepare(session, fact, filters, measures, by)
    return plans


def long_range(session: Session) -> tuple[dt.date, dt.date] | None:
    """A range over the years of requests with partial months at both edges and whole months
    beside whole quarters beside whole years at both ends, so its plan has every kind of part
    (None: too few requests for that): from the 17th of a quarter's first month to the 13th
    of a quarter's last month."""
    days = fact_days(session)
    if days is None or len(days.requests) < 2:
        return None
    first, last = (EPOCH + dt.timedelta(days=int(d))
                   for d in (days.requests[0], days.requests[-1]))  # fmt: skip
    start = first + dt.timedelta(days=400)
    while start.month % 3 != 1:
        start = add_months(start, 1)
    end = last - dt.timedelta(days=40)
    while end.month % 3 != 0:
        end = add_months(end, -1)
    start, end = start.replace(day=17), end.replace(day=13)
    return (start, end) if start < end else None


__all__ = ["PAGE_AGGREGATES", "long_range", "warm_statements"]
