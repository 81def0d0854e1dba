"""The target each KPI card measures itself against: the one in force on the period's last day.

National targets for the national view; a raion's own target when exactly one raion is
selected (and none, rather than a misleading national one, for other raion selections).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session

from dashboard.filters import Filters
from data_access.queries.targets import targets_table


def current_targets(
    session: Session, filters: Filters, today: dt.date
) -> dict[str, dict[str, Any]]:
    """metric -> progress dict (label, actual, target, attainment, status) for the KPI cards."""
    raions = filters.raions
    if len(raions) > 1:
        return {}
    day = min(filters.date_to, today)
    frame = targets_table(session, replace(filters, date_from=day, date_to=day), today)
    if raions:
        frame = frame[(frame["scope_kind"] == "raion") & (frame["scope_value"] == raions[0])]
    else:
        frame = frame[frame["scope_kind"] == "national"]
    progress: dict[str, dict[str, Any]] = {}
    for row in frame.sort_values("period_start").itertuples():
        share = None if _missing(row.attainment) else float(row.attainment)
        label = (
            str(row.period_start.year)
            if _is_year(row.period_start, row.period_end)
            else (f"{row.period_start.isoformat()} – {row.period_end.isoformat()}")
        )
        progress[str(row.metric)] = {
            "label": label,
            "actual": 0 if _missing(row.actual) else float(row.actual),
            "target": float(row.target),
            "attainment": share,
            "status": str(row.status),
        }
    return progress


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _is_year(start: dt.date, end: dt.date) -> bool:
    return (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year
