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
from data_access.queries.target_actuals import ActualsByPeriod, with_progress
from data_access.queries.target_list import load_targets


def current_targets(
    session: Session, filters: Filters, today: dt.date
) -> dict[str, dict[str, Any]]:
    """metric -> progress dict (label, actual, target, attainment, status) for the KPI cards."""
    raions = filters.raions
    if len(raions) > 1:
        return {}
    day = min(filters.date_to, today)
    in_force = replace(filters, date_from=day, date_to=day)
    targets = load_targets(session, in_force)
    if raions:
        targets = targets[
            (targets["scope_kind"] == "raion") & (targets["scope_value"] == raions[0])
        ]
    else:
        targets = targets[targets["scope_kind"] == "national"]
    if targets.empty:
        return {}
    # Actuals only for the few targets shown (not every raion's), computed lazily per period.
    frame = with_progress(targets, ActualsByPeriod(session, in_force, today), today)
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
