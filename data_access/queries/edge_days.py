"""A period's partial edge months in one read: :func:`aggregate_days`.

The directory, the map and the per-person reads sum a period's whole months from running
totals or month rollups held in memory, and its partial first and last months from their days:
two reads per fact, each ~1 ms of fixed cost (a plan, a frame, the answer's types) around a
fraction of that in counting. The sessions and the requests per person and day are held in
memory a row per day in order, so both edges are one pass over their rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.filters import Filters
from data_access.queries.day_rows import Span, request_person_days
from data_access.queries.frames import combine_parts
from data_access.queries.planner import aggregate, held_days_answer, typed_result
from data_access.queries.raw import Fact
from data_access.queries.session_rows import sessions_in_memory
from data_access.queries.sources import MAX_MEASURES


def aggregate_days(session: Session, fact: Fact, filters: Filters, spans: Sequence[Span],
                   measures: tuple[str, ...], by: tuple[str, ...], *,
                   as_dates: bool = True) -> pd.DataFrame:  # fmt: skip
    """What :func:`~data_access.queries.planner.aggregate` gives over the days of the
    disjoint ``spans`` together, under ``filters`` (their own dates aside): from the table in
    memory that answers every span, in one pass, else span by span."""
    spans = list(spans)
    if not spans:
        raise ValueError("no days to aggregate")
    if len(spans) == 1:
        return aggregate(session, fact, _on(filters, spans[0]), measures, by, as_dates=as_dates)
    frame = _held(session, fact, filters, spans, measures, by)
    if frame is None:
        frames = [aggregate(session, fact, _on(filters, span), measures, by, as_dates=False)
                  for span in spans]  # fmt: skip
        frame = combine_parts(frames, by, measures, MAX_MEASURES)
    return typed_result(frame, measures, by, as_dates=as_dates)


def _on(filters: Filters, span: Span) -> Filters:
    return replace(filters, date_from=span[0], date_to=span[1])


def _held(session: Session, fact: Fact, filters: Filters, spans: list[Span],
          measures: tuple[str, ...], by: tuple[str, ...]) -> pd.DataFrame | None:  # fmt: skip
    """The spans' answer from memory, or None: the sessions, or the requests per person and
    day when the planner would read each span wholly from them."""
    if fact == "sessions":
        return sessions_in_memory(session, fact, _on(filters, spans[0]), measures, by, spans)
    days = request_person_days(session)
    if days is None:
        return None
    if not all(held_days_answer(session, fact, _on(filters, s), measures, by) for s in spans):
        return None
    return days.aggregate_spans(spans, filters, measures, by)


__all__ = ["aggregate_days"]
