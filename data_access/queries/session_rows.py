"""Every information session in memory, per data version: any session aggregate from numpy.

Sessions and participants per ambassador, library, place, month, audience, format or service,
under any filter, were read from rollups in SQL; a service filter or an audience breakdown
leads to the widest of them (their yearly twins barely shrink: 130,000 rows at national scale),
15-30 ms per query. The sessions themselves are few (~200,000 over ten years) and narrow: their
group (library, ambassador, place), format, audience, participants and service mask fit in
~3 MB in day order, so any period under any filter is a slice, a few masks and a
``bincount``. The planner (:func:`~data_access.queries.planner.aggregate`) answers from here
whatever it can.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import case, select
from sqlalchemy.orm import Session

from dashboard.baseline import NAIVE
from dashboard.filters import Filters
from data_access.models import Ambassador, InfoSession, Library
from data_access.models.base import AUDIENCES, SESSION_FORMATS
from data_access.queries.day_rows import (
    GROUP_COLUMNS,
    NO_DAY_NUMBER,
    DayRows,
    Span,
    day_number_sql,
)
from data_access.queries.frames import read_chunks, read_frame
from data_access.queries.month_rows import compact
from data_access.queries.service_masks import service_bits, services_mask
from data_access.queries.versioned import held
from data_access.rollup_builders import service_mask_of_session

MEASURES = frozenset({"sessions", "participants", "last_day", "last_any_day"})
SUMS = ("sessions", "participants")
# per group (library, ambassador, place), per session, and services (a session counts under
# each service it covers)
GROUP_DIMENSIONS = frozenset({"ambassador_id", "library_id", "raion_code", "library_kind",
                              "ambassador_tier"})  # fmt: skip
ROW_DIMENSIONS = {"audience": AUDIENCES, "format": SESSION_FORMATS}
GROUPINGS = frozenset({(), ("month_key",), ("service_type_code",),
                       *((d,) for d in (*GROUP_DIMENSIONS, *ROW_DIMENSIONS))})  # fmt: skip


@dataclass(frozen=True)
class SessionRows:
    """The sessions as numpy columns, in day order.

    ``rows`` gives the groups (library, ambassador, place) and the day slices; its ``requests``
    column holds each session's participants. ``format`` and ``audience`` index
    :data:`SESSION_FORMATS` and :data:`AUDIENCES`. Bit ``b`` of a ``mask`` is the service whose
    ``mask_bit`` is ``b``."""

    rows: DayRows
    format: np.ndarray
    audience: np.ndarray
    mask: np.ndarray
    service_bits: dict[str, int]

    def aggregate(self, filters: Filters, measures: tuple[str, ...], by: tuple[str, ...],
                  spans: list[Span] | None = None) -> pd.DataFrame:  # fmt: skip
        """``by`` (one of :data:`GROUPINGS`) and ``measures`` over the filtered period (or the
        days of several disjoint ``spans`` of it), as the SQL over the facts gives them (latest
        days as datetime64; one row per ``by`` value with any session)."""
        at = self._chosen(filters, spans)
        if by == ("service_type_code",):
            return self._per_service(at, filters, measures)
        code, values = self._codes(at, by)
        cells = len(values)
        counts = np.bincount(code, minlength=cells)
        sums: dict[str, np.ndarray] = {"sessions": counts.astype(np.int64)}
        if "participants" in measures:
            weights = self.rows.requests[at].astype(np.float64)
            sums["participants"] = np.rint(
                np.bincount(code, weights=weights, minlength=cells)
            ).astype(np.int64)
        for name in MEASURES.intersection(measures) - set(SUMS):
            days = np.full(cells, NO_DAY_NUMBER, dtype=np.int64)
            np.maximum.at(days, code, self.rows.day_of(at))
            latest = np.where(days == NO_DAY_NUMBER, np.datetime64("NaT"), days.astype("M8[D]"))
            sums[name] = latest.astype("M8[ns]")
        if not by:
            return pd.DataFrame({m: sums[m] for m in measures})
        found = counts > 0
        # built from arrays: pandas' copy, column inserts and .loc cost more than the counting
        return pd.DataFrame({**{b: values[b].array[found] for b in by},
                             **{m: sums[m][found] for m in measures}})  # fmt: skip

    def warm(self) -> None:
        """See :meth:`DayRows.warm`."""
        self.rows.warm()

    def _chosen(self, filters: Filters,
                spans: list[Span] | None = None) -> np.ndarray:  # fmt: skip
        """The row indices of the period's (or the ``spans``') sessions that ``filters``
        keep."""
        rows = self.rows
        at: slice | np.ndarray
        if spans is None or len(spans) == 1:  # a slice: no copy of its rows
            first, last = spans[0] if spans else (filters.date_from, filters.date_to)
            at = slice(*rows.bounds(first, last))
        else:
            at = rows.span_rows(spans)
        chosen = rows.kept_groups(filters)[rows.group[at]]
        if filters.formats:
            wanted = [i for i, f in enumerate(SESSION_FORMATS) if f in filters.formats]
            chosen &= np.isin(self.format[at], wanted)
        if filters.services:
            bits = services_mask(filters.services, self.service_bits)
            chosen &= (self.mask[at] & bits) != 0
        if isinstance(at, slice):
            return at.start + np.flatnonzero(chosen)
        return at[chosen]

    def _codes(self, at: np.ndarray, by: tuple[str, ...]) -> tuple[np.ndarray, pd.DataFrame]:
        """Each chosen session's index among the ``by`` values, and those values."""
        if by == ("month_key",):  # months since 1970, numbered from the first (no sort)
            months = self.rows.day_of(at).astype("M8[D]").astype("M8[M]").astype(np.int64)
            first = int(months.min()) if len(months) else 0
            numbers = first + np.arange(int(months.max()) - first + 1 if len(months) else 0)
            keys = (numbers // 12 + 1970) * 100 + numbers % 12 + 1
            return months - first, pd.DataFrame({"month_key": keys})
        if by and by[0] in ROW_DIMENSIONS:
            column = self.audience if by[0] == "audience" else self.format
            return column[at].astype(np.int64), pd.DataFrame({by[0]: ROW_DIMENSIONS[by[0]]})
        codes, values = self.rows.codes(by)
        return codes[self.rows.group[at]], values

    def _per_service(self, at: np.ndarray, filters: Filters,
                     measures: tuple[str, ...]) -> pd.DataFrame:  # fmt: skip
        """Sessions and participants per service (of the filter's, or every one) they cover."""
        # counted per distinct mask first (a few hundred), then per service over those
        masks = self.mask[at]
        counts = np.bincount(masks)
        people = np.bincount(masks, weights=self.rows.requests[at].astype(np.float64))
        used = np.flatnonzero(counts)
        wanted = filters.services or tuple(self.service_bits)
        codes, sessions, participants = [], [], []
        for code in wanted:
            if code not in self.service_bits:
                continue
            covers = used[(used >> self.service_bits[code]) & 1 != 0]
            if covered := int(counts[covers].sum()):
                codes.append(code)
                sessions.append(covered)
                participants.append(int(np.rint(people[covers].sum())))
        frame = pd.DataFrame({"service_type_code": codes, "sessions": sessions,
                              "participants": participants})  # fmt: skip
        return frame[["service_type_code", *measures]]


def read_session_rows(session: Session) -> SessionRows:
    """Every session: its group, format, participants and services. A session's raion is its
    library's (a foreign key on both), so a (library, ambassador) pair has one place."""
    s, lib, amb = InfoSession, Library, Ambassador
    columns = ["library_id", "ambassador_id", "raion_code", "library_kind", "ambassador_tier"]
    groups = read_frame(session, select(s.library_id, s.ambassador_id, s.raion_code, lib.kind,
                                        amb.tier).distinct().join(lib, lib.id == s.library_id)
                        .join(amb, amb.id == s.ambassador_id), columns)  # fmt: skip
    keys = groups["library_id"].to_numpy(np.int64) << 32 | groups["ambassador_id"].to_numpy(
        np.int64)  # fmt: skip
    order = np.argsort(keys)
    sorted_keys, groups = keys[order], groups.iloc[order]
    format_code = case({f: i for i, f in enumerate(SESSION_FORMATS)}, value=s.format, else_=-1)
    audience_code = case({a: i for i, a in enumerate(AUDIENCES)}, value=s.audience, else_=-1)
    stmt = select(day_number_sql(session, s.held_on), s.library_id, s.ambassador_id,
                  format_code, audience_code, s.participants,
                  service_mask_of_session(s.id))  # fmt: skip
    stmt = stmt.order_by(s.held_on, s.id)
    # numbers only, each chunk to numpy at once: no Python object per session outlives its chunk
    names = ["day", "library", "ambassador", "format", "audience", "participants", "mask"]
    chunks = [c.to_numpy(np.int64) for c in read_chunks(session, stmt, names)]
    rows = np.concatenate(chunks) if chunks else np.zeros((0, len(names)), np.int64)
    day, library, ambassador, formats, audiences, participants, masks = rows.T
    at = np.searchsorted(sorted_keys, library << 32 | ambassador)
    groups = groups[list(GROUP_COLUMNS)].astype({"ambassador_id": "int64"})
    return SessionRows(rows=DayRows.from_arrays(groups, at, participants, day),
                       format=formats.astype(np.int8), audience=audiences.astype(np.int8),
                       mask=compact(masks),
                       service_bits=service_bits(session))  # fmt: skip


def sessions_in_memory(session: Session, fact: str, filters: Filters, measures: tuple[str, ...],
                       by: tuple[str, ...], spans: list[Span] | None = None,
                       ) -> pd.DataFrame | None:  # fmt: skip
    """The planner's answer from the sessions in memory (over ``spans`` instead of the period,
    if given), or None when they cannot give it (not sessions, a grouping or measure not held,
    no store, the naive baseline)."""
    if fact != "sessions" or NAIVE.get() or filters.effective_raions == ():
        return None
    if not (set(measures) <= MEASURES and by in GROUPINGS):
        return None
    if by == ("service_type_code",) and not set(measures) <= set(SUMS):
        return None  # latest days per service: not held
    rows = session_rows(session)
    return None if rows is None else rows.aggregate(filters, measures, by, spans)


def session_rows(session: Session) -> SessionRows | None:
    """The sessions of the session's data version, or None without a store (a one-off session
    would read them all for one answer: SQL is cheaper then)."""
    return held(session, "session_rows", read_session_rows)
