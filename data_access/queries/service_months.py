"""Requests per service, month and ambassador (or library) in memory, per data version.

Under a service filter, the directory, the map, the targets' cascade and the coverage page sum
a period's whole months of requests per ambassador or per library from
``rollup_ambassador_service_month`` or ``rollup_request_library_month`` and their quarterly and
yearly twins. In SQL that is some 13,000 rollup rows over two years of one service, grouped
through a temporary b-tree: 15-25 ms on SQLite at national scale, 230 ms over ten years of four
services. Held as three small integer columns per row (its group, its requests and the day of
month of its latest request) in service and month order, the ~1.8 and ~1.5 million rows take
~7.5 and ~6 MB; a service's months are one slice, the sums a ``bincount``: 2-3 times faster.
Reading them adds ~10 s to a process's warm-up at national scale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import case, func, literal, select
from sqlalchemy.orm import Session

from dashboard.filters import Filters
from dashboard.periods import day_number, month_number
from data_access.models import RollupAmbassadorServiceMonth, RollupRequestLibraryMonth
from data_access.models.rollup_activity import ANY_SERVICE
from data_access.queries.day_rows import day_number_sql
from data_access.queries.frames import read_chunks, read_frame
from data_access.queries.month_rows import compact, day_datetimes, group_max
from data_access.queries.places import PLACE_COLUMNS, PlaceCodes, groups_kept, warm_place_codes
from data_access.queries.versioned import held

MEASURES = frozenset({"requests", "last_day", "last_any_day"})


@dataclass(frozen=True)
class ServiceMonthRows:
    """One per-service monthly rollup of requests as numpy columns.

    ``groups`` holds one row per ``key`` value (an ambassador or library) and tier, with its
    place; ``group`` is each row's index into it. The rows of service ``services[i]`` and month
    number ``first_month + j`` are ``starts[i * months + j]`` to ``starts[i * months + j + 1]``."""

    key: str
    groups: pd.DataFrame
    services: pd.Index
    first_month: int
    months: int
    starts: np.ndarray
    group: np.ndarray
    requests: np.ndarray
    day: np.ndarray  # the day of month of the row's latest request
    month_days: np.ndarray  # the day number (days since 1970) of each month slot's first day
    keys: np.ndarray  # the distinct ``key`` values, ascending
    key_codes: np.ndarray  # each group's index into ``keys``
    _place_codes: PlaceCodes = field(default_factory=PlaceCodes)

    def aggregate(self, first_key: int, last_key: int, filters: Filters,
                  measures: tuple[str, ...]) -> pd.DataFrame:  # fmt: skip
        """``key`` and ``measures`` (requests; latest days as datetime64) over the whole months
        ``first_key`` to ``last_key`` under the service and place filters of ``filters``: one
        row per ``key`` value with any requests, as the SQL of the rollup gives them."""
        latest_days = bool(MEASURES.intersection(measures) - {"requests"})
        rows, firsts = self._rows(first_key, last_key, filters.services, latest_days)
        group = self.group[rows]
        size, keys = len(self.groups), len(self.keys)
        kept = self.kept_groups(filters) & (np.bincount(group, minlength=size) > 0)
        total = np.bincount(group, weights=self.requests[rows], minlength=size)
        owner = self.key_codes[kept]  # a key's groups: one per tier its requests had
        sums = np.bincount(owner, weights=total[kept], minlength=keys)
        found = sums > 0
        frame: dict[str, Any] = {self.key: self.keys[found]}
        if "requests" in measures:
            frame["requests"] = np.rint(sums[found]).astype(np.int64)
        if latest_days:
            days = firsts + self.day[rows].astype(np.int64) - 1
            latest = group_max(owner, group_max(group, days, size)[kept], keys)[found]
            stamps = day_datetimes(latest)
            for name in MEASURES.intersection(measures) - {"requests"}:
                frame[name] = stamps
        # in the asked order, built once (a frame's column selection is another copy)
        return pd.DataFrame({self.key: frame[self.key], **{m: frame[m] for m in measures}})

    def _rows(self, first_key: int, last_key: int, services: tuple[str, ...],
              with_days: bool) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
        """Indices of the rows of ``services`` in months ``first_key`` to ``last_key``, and
        (``with_days``; else empty) the day number of each one's month's first day."""
        lo = min(max(month_number(first_key) - self.first_month, 0), self.months)
        hi = max(lo, min(max(month_number(last_key) - self.first_month + 1, 0), self.months))
        at = self.services.get_indexer(list(services))
        rows, firsts = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
        for i in at[at >= 0]:
            bounds = self.starts[i * self.months + lo : i * self.months + hi + 1]
            rows.append(np.arange(bounds[0], bounds[-1]))
            if with_days:  # one month after another: each month's first day, repeated
                firsts.append(np.repeat(self.month_days[lo:hi], np.diff(bounds)))
        return np.concatenate(rows), np.concatenate(firsts)

    def warm(self) -> None:
        """Build now the place filters' codes (~3 ms at national scale, else the first
        request's)."""
        warm_place_codes(self.groups, self._place_codes)

    def kept_groups(self, filters: Filters) -> np.ndarray:
        """Which groups the raion (within scope), library kind and tier filters keep."""
        return groups_kept(self.groups, filters, self._place_codes)


def _read(session: Session, table: Any, key: str, measure: str,
          rows: Callable[[Any], Any]) -> ServiceMonthRows | None:  # fmt: skip
    """``table``'s rows that ``rows`` keeps, read one service at a time as integers. None when
    one ``key`` value and tier appear with more than one raion or library kind (a library that
    moved): the SQL path handles that."""
    t = table.c
    places = [t[p] for p in PLACE_COLUMNS]
    groups = read_frame(session, select(t[key], *places).where(rows(t)).distinct(),
                        [key, *PLACE_COLUMNS])  # fmt: skip
    tiers = {tier: i for i, tier in enumerate(sorted(groups["ambassador_tier"].unique()))}
    tier_code = case(tiers, value=t.ambassador_tier, else_=-1)
    combined = (groups[key].to_numpy(np.int64) * len(tiers)
                + groups["ambassador_tier"].map(tiers).to_numpy(np.int64))  # fmt: skip
    order = np.argsort(combined, kind="stable")
    combined, groups = combined[order], groups.iloc[order].reset_index(drop=True)
    if (np.diff(combined) == 0).any():
        return None
    services = pd.Index(sorted(session.scalars(select(t.service_type_code).where(rows(t))
                                               .distinct())))  # fmt: skip
    first, last = session.execute(select(func.min(t.month_key), func.max(t.month_key))
                                  .where(rows(t))).one()  # fmt: skip
    first_month = month_number(first) if first is not None else 0
    months = month_number(last) - first_month + 1 if last is not None else 0
    month_days = _first_days(first_month, months)
    stmt = select(t.month_key, t[key], tier_code, t[measure], day_number_sql(session, t.last_day))
    slots, parts = [], []
    for i, service in enumerate(services):
        chosen = stmt.where(rows(t), t.service_type_code == service).order_by(t.month_key)
        for chunk in read_chunks(session, chosen, ["month", "key", "tier", "n", "day"]):
            array = chunk.to_numpy(np.int64)
            slot = month_number(array[:, 0]) - first_month
            at = np.searchsorted(combined, array[:, 1] * len(tiers) + array[:, 2])
            slots.append((i * months + slot).astype(np.int32))  # small at once: ~1.8 M rows
            parts.append((at.astype(np.int32), array[:, 3].astype(np.int32),
                          (array[:, 4] - month_days[slot] + 1).astype(np.uint8)))  # fmt: skip
    slot = np.concatenate(slots) if slots else np.zeros(0, np.int64)
    group, requests, day = (np.concatenate([p[j] for p in parts]) if parts
                            else np.zeros(0, np.int64) for j in range(3))  # fmt: skip
    starts = np.searchsorted(slot, np.arange(len(services) * months + 1), "left")
    small = np.int16 if len(groups) <= np.iinfo(np.int16).max else np.int32
    keys, key_codes = np.unique(groups[key].to_numpy(np.int64), return_inverse=True)
    return ServiceMonthRows(key=key, groups=groups, services=services, first_month=first_month,
                            months=months, starts=starts, group=group.astype(small),
                            requests=compact(requests), day=day.astype(np.uint8),
                            month_days=month_days, keys=keys, key_codes=key_codes)  # fmt: skip


def _first_days(first_month: int, months: int) -> np.ndarray:
    """The day number (days since 1970) of the first day of each month slot."""
    numbers = range(first_month, first_month + months)
    return np.array([day_number(dt.date(n // 12, n % 12 + 1, 1)) for n in numbers], np.int64)


def read_ambassador_services(session: Session) -> ServiceMonthRows | None:
    """``rollup_ambassador_service_month``'s requests per service (not its '*' rows)."""

    def requests(t: Any) -> Any:
        return (t.activity == "request") & (t.service_type_code != ANY_SERVICE)

    return _read(session, RollupAmbassadorServiceMonth.__table__, "ambassador_id", "activities",
                 requests)  # fmt: skip


def read_library_services(session: Session) -> ServiceMonthRows | None:
    """``rollup_request_library_month``: requests per library, service and tier."""
    return _read(session, RollupRequestLibraryMonth.__table__, "library_id", "requests",
                 lambda t: literal(True))  # fmt: skip


def ambassador_services(session: Session) -> ServiceMonthRows | None:
    return held(session, "ambassador_services", read_ambassador_services)


def library_services(session: Session) -> ServiceMonthRows | None:
    return held(session, "library_services", read_library_services)
