"""Activity and latest activity day per ambassador or library over a period, without scanning
rollups in SQL: whole months from the monthly rollups held in memory (their latest day covers
sessions and requests at once, which is what "last activity" means) and the period's partial
edge months from the day-level sources, combined with numpy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from dashboard.baseline import NAIVE
from dashboard.filters import Filters
from data_access.queries.edge_days import aggregate_days
from data_access.queries.frames import positions_in_union
from data_access.queries.month_rows import (
    ACTIVITY,
    NO_DAY,
    MonthRows,
    ambassador_months,
    day_datetimes,
    day_numbers,
    group_max,
    library_months,
)
from data_access.queries.month_spans import split_period
from data_access.queries.planner import aggregate_parts
from data_access.queries.raw import Fact
from data_access.queries.versioned import has_store

FACT_MEASURES: dict[Fact, tuple[str, ...]] = {"sessions": ("sessions", "participants"),
                                              "requests": ("requests",)}  # fmt: skip


def can_hold(session: Session, filters: Filters) -> bool:
    """Whether the rollups in memory can answer: not under service or format filters (the
    monthly rollups have neither), not for the naive baseline, not for a bare session."""
    return (not NAIVE.get() and has_store(session) and not filters.services
            and not filters.formats and filters.effective_raions != ())  # fmt: skip


class ActivityParts:
    """Rows of (id, activity counts, latest day number) gathered from several sources, each
    source's ids given as a sorted array of distinct ids and each row's position in it (the
    monthly rollups in memory hold theirs that way: no sort of their rows is needed)."""

    def __init__(self) -> None:
        self.ids: list[tuple[np.ndarray, np.ndarray]] = []
        self.counts: dict[str, list[np.ndarray]] = {m: [] for m in ACTIVITY}
        self.days: list[np.ndarray] = []

    def add(self, ids: np.ndarray, positions: np.ndarray, counts: dict[str, np.ndarray],
            days: np.ndarray) -> None:  # fmt: skip
        self.ids.append((ids.astype(np.int64), positions))
        for m in ACTIVITY:
            self.counts[m].append(counts[m] if m in counts else np.zeros(len(positions), np.int64))
        self.days.append(days.astype(np.int32))

    def add_months(self, table: MonthRows, rows: np.ndarray, key: str, *, days: bool) -> None:
        """Rows of a monthly rollup in memory, with their latest days or (``days`` false)
        none."""
        latest = table.last_day[rows] if days else np.full(len(rows), NO_DAY, np.int32)
        self.add(table.ids[key], table.positions[key][rows],
                 {m: table.measures[m][rows] for m in ACTIVITY}, latest)  # fmt: skip

    def add_whole_months(self, table: MonthRows, span: tuple[dt.date, dt.date], key: str,
                         filters: Filters) -> None:  # fmt: skip
        """The sums of ``table``'s rows of the months of ``span`` that ``filters`` keep (no
        latest days): from its running totals when no place filter applies."""
        if not table.places_kept(filters):
            self.add_months(table, table.select(*span, filters), key, days=False)
            return
        present, sums = table.period_sums(*span, key)
        self.add(table.ids[key], present, sums, np.full(len(present), NO_DAY, np.int32))

    def add_frame(self, frame: pd.DataFrame | Mapping[str, np.ndarray], key: str,
                  measures: tuple[str, ...], day: str | None) -> None:  # fmt: skip
        """A frame's (or its columns') ``key`` (rows without one left out), ``measures`` and
        ``day`` column (datetime64; None: no days)."""
        ids = np.asarray(frame[key])
        kept = ~pd.isna(ids)  # with numpy: pandas' dropna costs more than the rest
        n = int(kept.sum())
        latest = (day_numbers(np.asarray(frame[day], dtype="M8[ns]")[kept]) if day is not None
                  else np.full(n, NO_DAY, np.int32))  # fmt: skip
        self.add(ids[kept].astype(np.int64), np.arange(n),
                 {m: np.asarray(frame[m], dtype=np.int64)[kept] for m in measures},
                 latest)  # fmt: skip

    def columns(self, key: str) -> dict[str, np.ndarray]:
        """One row per id, as arrays: counts added, the latest of the days (datetime64, NaT:
        none)."""
        if not self.ids:
            return {key: np.zeros(0, np.int64), **{m: np.zeros(0, np.int64) for m in ACTIVITY},
                    "last_day": np.zeros(0, "M8[ns]")}  # fmt: skip
        universe, numbers = positions_in_union([ids for ids, _ in self.ids])
        positions = [p for _, p in self.ids]
        at = np.concatenate([n[p] for n, p in zip(numbers, positions, strict=True)])
        present = np.bincount(at, minlength=len(universe)) > 0
        frame: dict[str, np.ndarray] = {key: universe[present]}
        for m in ACTIVITY:
            weights = np.concatenate(self.counts[m]).astype(np.float64)
            total = np.bincount(at, weights=weights, minlength=len(universe))[present]
            frame[m] = np.rint(total).astype(np.int64)
        days = np.concatenate(self.days)
        if (days == NO_DAY).all():  # sums only: no sort needed
            latest = np.full(int(present.sum()), NO_DAY, np.int64)
        else:
            latest = group_max(at, days, len(universe))[present]
        frame["last_day"] = day_datetimes(latest)
        return frame


def held_activity(session: Session, filters: Filters, key: str, *,
                  latest: bool = True) -> dict[str, np.ndarray] | None:  # fmt: skip
    """``key``, sessions, participants, requests and last_day (datetime64) of each ambassador
    or library with activity in the period under ``filters``, as arrays; None when
    :func:`can_hold` says no (the caller takes the straight way)."""
    if key not in ("ambassador_id", "library_id") or not can_hold(session, filters):
        return None
    split = split_period(session, filters.date_from, filters.date_to)
    parts = ActivityParts()
    if split.whole is not None:
        table = month_table(session, filters, key)
        if latest:
            parts.add_months(table, table.select(*split.whole, filters), key, days=True)
        else:
            parts.add_whole_months(table, split.whole, key, filters)
    days = ("last_any_day",) if latest else ()
    for fact, measures in FACT_MEASURES.items() if split.edges else ():
        frame = aggregate_days(session, fact, filters, split.edges, (*measures, *days), (key,),
                               as_dates=False)  # fmt: skip
        parts.add_frame(frame, key, measures, days[0] if days else None)
    return parts.columns(key)


def add_period(parts: ActivityParts, session: Session, filters: Filters, key: str, *,
               latest: bool = False) -> None:  # fmt: skip
    """Add each fact's counts per ``key`` over the period under ``filters`` (and with
    ``latest``, its latest days), from the planner (which applies service and format
    filters): :func:`breakdowns.activity_by`'s columns, without lining the two facts up in a
    frame only for ``parts`` to take apart again, nor adding up the planner's parts before
    ``parts`` adds them up with the rest."""
    day = ("last_any_day",) if latest else ()
    for fact, measures in FACT_MEASURES.items():
        for frame in aggregate_parts(session, fact, filters, (*measures, *day), (key,)):
            parts.add_frame(frame, key, measures, day[0] if day else None)


def planned_activity(session: Session, filters: Filters, key: str, *,
                     latest: bool = True) -> dict[str, np.ndarray]:  # fmt: skip
    """What :func:`held_activity` gives, under the filters it cannot hold (service, format):
    each fact's parts from the planner, added up at once."""
    parts = ActivityParts()
    add_period(parts, session, filters, key, latest=latest)
    return parts.columns(key)


def month_table(session: Session, filters: Filters, key: str) -> MonthRows:
    """The monthly rollup in memory that sums ``key``'s activity under ``filters``: per
    library, or per ambassador (for an ambassador, or under a tier filter, which only the
    ambassadors' rows can tell apart: requests without an ambassador have no tier)."""
    per_person = key == "ambassador_id" or bool(filters.tiers)
    return ambassador_months(session) if per_person else library_months(session)
