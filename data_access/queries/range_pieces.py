"""A date range as the pieces the rollups answer: whole years, whole quarters and whole months
(month-key ranges), and partial months at its edges (day spans).

An edge month counts as whole when no fact of it falls outside the range, and a year when
nothing happened in its months the range leaves out, so "this year up to today" reads only
rollups.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from dashboard.periods import month_end, month_key, shift_month_key
from data_access.models.rollup_twins import months_of, period_of
from data_access.queries.fact_days import has_facts_between
from data_access.queries.raw import Fact

DateSpan = tuple[dt.date, dt.date]


def split_range(
    session: Session, fact: Fact, first: dt.date, last: dt.date
) -> tuple[tuple[int, int] | None, list[DateSpan]]:
    """(whole months as a month-key range or None, raw day spans for the partial edges)."""
    start = first.replace(day=1)
    if first != start and has_facts_between(session, fact, start, first - dt.timedelta(days=1)):
        head_last = min(month_end(first), last)
        if head_last == last:
            return None, [(first, last)]
        raw = [(first, head_last)]
        first = head_last + dt.timedelta(days=1)
    else:
        raw = []
        first = start
    end = month_end(last)
    if last != end and has_facts_between(session, fact, last + dt.timedelta(days=1), end):
        tail_first = last.replace(day=1)
        raw.append((max(tail_first, first), last))
        last = tail_first - dt.timedelta(days=1)
    if first > last:
        return None, raw
    return (month_key(first), month_key(last)), raw


def split_years(
    session: Session, facts: Fact | tuple[Fact, ...], months: tuple[int, int]
) -> list[tuple[str, tuple[int, int]]]:
    """Whole months as ("month", month-key range) and ("year", year range) pieces.

    A year counts as whole when the range covers it, or when nothing (of ``facts``) happened in
    the months of it the range leaves out (so "program to date" reads only yearly rows and
    "this year" one).
    """
    kinds = (facts,) if isinstance(facts, str) else facts

    def happened(first: dt.date, last: dt.date) -> bool:
        return any(has_facts_between(session, fact, first, last) for fact in kinds)

    first, last = months
    start = dt.date(first // 100, first % 100, 1)
    after = month_end(dt.date(last // 100, last % 100, 1)) + dt.timedelta(days=1)
    # the range widened to whole years where the months it leaves out hold nothing
    quiet_before = not happened(start.replace(month=1), start - dt.timedelta(days=1))
    quiet_after = not happened(after, dt.date(last // 100, 12, 31))
    wide = (first // 100 * 100 + 1 if quiet_before else first,
            last // 100 * 100 + 12 if quiet_after else last)  # fmt: skip
    years, around = years_and_months(*wide)
    if years is None:
        return [("month", months)]
    before = [("month", keys) for keys in around if keys[1] < years[0] * 100]
    later = [("month", keys) for keys in around if keys[0] > years[1] * 100 + 12]
    return [*before, ("year", years), *later]


def split_periods(
    session: Session, facts: Fact | tuple[Fact, ...], months: tuple[int, int]
) -> list[tuple[str, tuple[int, int]]]:
    """Whole months as ("year", year range), ("quarter", quarter-key range) and ("month",
    month-key range) pieces: the years of :func:`split_years`, then the whole quarters of the
    months around them."""
    pieces: list[tuple[str, tuple[int, int]]] = []
    for grain, keys in split_years(session, facts, months):
        pieces += [(grain, keys)] if grain == "year" else quarters_and_months(*keys)
    return pieces


def quarters_and_months(first: int, last: int) -> list[tuple[str, tuple[int, int]]]:
    """The month-key range ``[first, last]`` as its whole quarters (one quarter-key range) and
    the month ranges before and after them, in order."""
    from_quarter = period_of(first, "quarter") + ((first % 100 - 1) % 3 != 0)
    to_quarter = period_of(last, "quarter") - (last % 100 % 3 != 0)
    if from_quarter % 10 == 5:  # past a year's fourth quarter
        from_quarter += 6
    if to_quarter % 10 == 0:  # before a year's first quarter
        to_quarter -= 6
    if from_quarter > to_quarter:
        return [("month", (first, last))]
    start, end = months_of(from_quarter, "quarter")[0], months_of(to_quarter, "quarter")[1]
    before = [("month", (first, shift_month_key(start, -1)))] if first < start else []
    after = [("month", (shift_month_key(end, 1), last))] if last > end else []
    return [*before, ("quarter", (from_quarter, to_quarter)), *after]


def years_and_months(first: int, last: int) -> tuple[tuple[int, int] | None, list[tuple[int, int]]]:
    """The whole years of the month-key range ``[first, last]`` (None: none) and the month-key
    ranges around them."""
    from_year = first // 100 + (first % 100 != 1)
    to_year = last // 100 - (last % 100 != 12)
    if from_year > to_year:
        return None, [(first, last)] if first <= last else []
    months = []
    if first < from_year * 100 + 1:
        months.append((first, (from_year - 1) * 100 + 12))
    if last > to_year * 100 + 12:
        months.append(((to_year + 1) * 100 + 1, last))
    return (from_year, to_year), months


__all__ = ["DateSpan", "quarters_and_months", "split_periods", "split_range", "split_years",
           "years_and_months"]  # fmt: skip
