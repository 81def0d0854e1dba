"""Date-range presets. Pure functions of ``today`` so a bookmarked "last 30 days" stays relative."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

PROGRAM_START = dt.date(2016, 1, 1)  # nothing in the program predates this (import rejects it)


class Period(StrEnum):
    """Presets; the value is the URL slug (``?perioada=12-luni``)."""

    LAST_30_DAYS = "30-zile"
    THIS_QUARTER = "trimestru"
    THIS_YEAR = "an"
    LAST_12_MONTHS = "12-luni"
    PROGRAM_TO_DATE = "program"


DEFAULT_PERIOD = Period.LAST_12_MONTHS


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` away from ``day``'s month."""
    index = day.year * 12 + (day.month - 1) + months
    return dt.date(index // 12, index % 12 + 1, 1)


def shift_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` away, clamped to that month's end (31 March - 1 = 28/29 Feb)."""
    first = add_months(day, months)
    return min(first + dt.timedelta(days=day.day - 1), month_end(first))


EPOCH = dt.date(1970, 1, 1)


def day_number(day: dt.date) -> int:
    """``day`` as days since 1970 (how the in-memory rollups store days)."""
    return (day - EPOCH).days


def month_key(day: dt.date) -> int:
    """The integer month key of ``day`` (2024-03-15 -> 202403), as fact rows carry it."""
    return day.year * 100 + day.month


def month_number(key: Any) -> Any:
    """Months since year 0 of a month key (or of an array of them): consecutive months,
    consecutive numbers (202412 -> 24299, 202501 -> 24300)."""
    return key // 100 * 12 + key % 100 - 1


def shift_month_key(key: int, months: int) -> int:
    """The month key ``months`` after (or before) ``key`` (202412, 1 -> 202501)."""
    return month_key(add_months(dt.date(key // 100, key % 100, 1), months))


def month_end(day: dt.date) -> dt.date:
    return add_months(day, 1) - dt.timedelta(days=1)


def period_range(period: Period, today: dt.date) -> tuple[dt.date, dt.date]:
    """Inclusive date range of a preset, ending today."""
    if period is Period.LAST_30_DAYS:
        return today - dt.timedelta(days=29), today
    if period is Period.THIS_QUARTER:
        return dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today
    if period is Period.THIS_YEAR:
        return dt.date(today.year, 1, 1), today
    if period is Period.LAST_12_MONTHS:
        return add_months(today, -11), today
    return PROGRAM_START, today
