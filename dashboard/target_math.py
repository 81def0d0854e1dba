"""Target progress arithmetic (DESIGN.md 5). Pure: no database, no clock (``today`` is passed in).

- share elapsed = days of the period up to and including ``today`` / days in the period
  (0 before the start, 1 from the last day on);
- attainment = actual / target, ``None`` when the target is 0 (shown as "—", status
  ``no_target``: there is nothing to divide by, and "infinitely attained" helps nobody);
- pace = attainment / share elapsed, ``None`` before the period starts;
- projected end value = actual / share elapsed (the current pace carried to the end),
  ``None`` before the start, the actual itself once the period is over;
- status from pace: on track (≥ 1.0), at risk (≥ 0.85), behind (< 0.85).

Level metrics (``access_points``: a count of libraries at a date, not a sum over the period)
are projected from the level at the period start (``baseline``): only the growth since then
is carried forward. With ``baseline = 0`` the two agree, and pace = projected / target.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

ON_TRACK_PACE = 1.0
AT_RISK_PACE = 0.85

ON_TRACK = "on_track"
AT_RISK = "at_risk"
BEHIND = "behind"
NOT_STARTED = "not_started"
NO_TARGET = "no_target"
STATUSES = (ON_TRACK, AT_RISK, BEHIND, NOT_STARTED, NO_TARGET)

LEVEL_METRICS = frozenset({"access_points"})


def share_elapsed(period_start: dt.date, period_end: dt.date, today: dt.date) -> float:
    """Fraction of the period's days up to and including ``today`` (0 before, 1 after)."""
    if today < period_start:
        return 0.0
    if today >= period_end:
        return 1.0
    return ((today - period_start).days + 1) / ((period_end - period_start).days + 1)


def attainment(actual: float, target: float) -> float | None:
    """actual / target; ``None`` (displayed "—") when the target is 0."""
    if target <= 0:
        return None
    return actual / target


def pace(attainment: float | None, share_elapsed: float) -> float | None:
    """attainment / share elapsed; ``None`` before the period starts or without a target."""
    if attainment is None or share_elapsed <= 0:
        return None
    return attainment / share_elapsed


def projected_end_value(actual: float, share_elapsed: float, baseline: float = 0.0) -> float | None:
    """Linear projection to the period end; ``None`` before the start, ``actual`` after the end."""
    if share_elapsed <= 0:
        return None
    if share_elapsed >= 1:
        return float(actual)
    return baseline + (actual - baseline) / share_elapsed


def status(pace: float | None, *, has_target: bool = True) -> str:
    """One of :data:`STATUSES`. ``pace is None`` with a target means not started yet."""
    if not has_target:
        return NO_TARGET
    if pace is None:
        return NOT_STARTED
    if pace >= ON_TRACK_PACE:
        return ON_TRACK
    if pace >= AT_RISK_PACE:
        return AT_RISK
    return BEHIND


@dataclass(frozen=True)
class Progress:
    """Everything the targets page shows about one target."""

    actual: float
    target: float
    share_elapsed: float
    attainment: float | None
    pace: float | None
    projected: float | None
    status: str


def progress(
    actual: float,
    target: float,
    period_start: dt.date,
    period_end: dt.date,
    today: dt.date,
    *,
    baseline: float = 0.0,
) -> Progress:
    """The progress of ``actual`` against ``target``; ``baseline`` only for level metrics."""
    share = share_elapsed(period_start, period_end, today)
    reached = attainment(actual, target)
    projected = projected_end_value(actual, share, baseline)
    if baseline and reached is not None and projected is not None:
        speed: float | None = projected / target
    else:
        speed = pace(reached, share)
    return Progress(
        actual=float(actual),
        target=float(target),
        share_elapsed=share,
        attainment=reached,
        pace=speed,
        projected=projected,
        status=status(speed, has_target=target > 0),
    )
