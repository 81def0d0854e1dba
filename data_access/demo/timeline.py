"""The calendar shape of activity: growth, seasonality, holidays, weekdays and the online shift.

Every curve is a numpy array over the plan's days (index 0 = ``plan.start``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from data_access.demo.spec import Plan

D = dt.date

# Per-ambassador productivity over the years (requests): slow start, COVID dip, steady growth.
REQUEST_GROWTH = (
    (D(2016, 1, 1), 0.45), (D(2017, 1, 1), 0.55), (D(2018, 1, 1), 0.7), (D(2019, 1, 1), 0.76),
    (D(2020, 2, 29), 0.82), (D(2020, 4, 1), 0.38), (D(2020, 6, 1), 0.66), (D(2020, 9, 1), 0.82),
    (D(2021, 6, 1), 0.9), (D(2022, 6, 1), 0.97), (D(2023, 6, 1), 1.03), (D(2024, 6, 1), 1.09),
    (D(2025, 6, 1), 1.15), (D(2026, 6, 1), 1.2), (D(2030, 1, 1), 1.38),
)  # fmt: skip
SESSION_GROWTH = (
    (D(2016, 1, 1), 1.0), (D(2018, 1, 1), 1.0), (D(2020, 2, 29), 1.05), (D(2020, 4, 1), 0.55),
    (D(2020, 7, 1), 0.85), (D(2022, 1, 1), 1.0), (D(2026, 1, 1), 1.15), (D(2030, 1, 1), 1.25),
)  # fmt: skip
# Share of sessions held online: rare before COVID, a surge in spring 2020, then a lasting habit.
ONLINE_SHARE = (
    (D(2016, 1, 1), 0.005), (D(2020, 3, 10), 0.015), (D(2020, 3, 20), 0.7), (D(2020, 6, 30), 0.6),
    (D(2021, 6, 30), 0.38), (D(2023, 1, 1), 0.26), (D(2026, 1, 1), 0.3), (D(2030, 1, 1), 0.33),
)  # fmt: skip
REQUEST_MONTH = (0.82, 1.0, 1.12, 1.12, 1.05, 0.9, 0.66, 0.7, 1.0, 1.1, 1.08, 0.9)
SESSION_MONTH = (0.72, 1.0, 1.15, 1.15, 1.05, 0.8, 0.48, 0.52, 1.0, 1.15, 1.15, 0.85)
REQUEST_WEEKDAY = (1.0, 1.0, 1.0, 1.0, 0.95, 0.3, 0.04)
SESSION_WEEKDAY = (1.0, 1.05, 1.05, 1.05, 0.9, 0.2, 0.02)
PUBLIC_HOLIDAYS = ((1, 1), (1, 7), (1, 8), (3, 8), (5, 1), (5, 9), (8, 27), (8, 31), (12, 25))


@dataclass(frozen=True)
class Timeline:
    """Calendar arrays of a plan; ``month_starts`` are the indexes where each month begins."""

    dates: list[dt.date]
    iso: np.ndarray  # object array of 'YYYY-MM-DD' (how SQLite stores dates)
    year: np.ndarray
    month: np.ndarray  # 1..12
    month_starts: np.ndarray  # index of the first day of each (partial) month, plus len(dates)
    request_curve: np.ndarray
    session_curve: np.ndarray
    online_share: np.ndarray

    def day(self, index: int) -> dt.date:
        return self.dates[index]

    def index(self, day: dt.date) -> int:
        return (day - self.dates[0]).days


def _interpolate(anchors: tuple[tuple[dt.date, float], ...], ordinals: np.ndarray) -> np.ndarray:
    xs = np.array([d.toordinal() for d, _ in anchors], dtype=float)
    ys = np.array([v for _, v in anchors], dtype=float)
    return np.interp(ordinals, xs, ys)


def _holiday_factor(dates: list[dt.date]) -> np.ndarray:
    factor = np.ones(len(dates))
    for i, d in enumerate(dates):
        if (d.month, d.day) in PUBLIC_HOLIDAYS:
            factor[i] = 0.08
        elif (d.month == 12 and d.day >= 24) or (d.month == 1 and d.day <= 10):
            factor[i] = 0.35  # the winter holidays, Orthodox Christmas on 7 January
    return factor


def build_timeline(plan: Plan) -> Timeline:
    dates = [plan.start + dt.timedelta(days=i) for i in range(plan.days)]
    ordinals = np.array([d.toordinal() for d in dates], dtype=float)
    year = np.array([d.year for d in dates])
    month = np.array([d.month for d in dates])
    weekday = np.array([d.weekday() for d in dates])
    holidays = _holiday_factor(dates)
    month_key = year * 100 + month
    starts = np.flatnonzero(np.r_[True, month_key[1:] != month_key[:-1]])
    request_curve = (
        _interpolate(REQUEST_GROWTH, ordinals)
        * np.asarray(REQUEST_MONTH)[month - 1]
        * np.asarray(REQUEST_WEEKDAY)[weekday]
        * holidays
    )
    session_curve = (
        _interpolate(SESSION_GROWTH, ordinals)
        * np.asarray(SESSION_MONTH)[month - 1]
        * np.asarray(SESSION_WEEKDAY)[weekday]
        * holidays
    )
    return Timeline(
        dates=dates,
        iso=np.array([d.isoformat() for d in dates], dtype=object),
        year=year,
        month=month,
        month_starts=np.r_[starts, len(dates)],
        request_curve=request_curve,
        session_curve=session_curve,
        online_share=_interpolate(ONLINE_SHARE, ordinals),
    )


def expected_totals(
    curve: np.ndarray, weights: np.ndarray, first: np.ndarray, last: np.ndarray, until: int
) -> float:
    """Sum over ambassadors of weight x curve over their active days [first, min(last, until)]."""
    cumulative = np.r_[0.0, np.cumsum(curve)]
    hi = np.minimum(last, until) + 1
    lo = np.minimum(first, hi)
    return float(np.sum(weights * (cumulative[np.maximum(hi, 0)] - cumulative[lo])))
