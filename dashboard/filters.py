"""The one typed filter object (STYLE.md 7): built once from the URL or the controls, validated
against the allowed values, then passed to every query.

Pure: no database, no clock (``today`` is passed in), no Dash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, replace

from dashboard.periods import PROGRAM_START, Period, add_months, shift_months

MAX_LIST_ITEMS = 64  # more values than any vocabulary holds is a crafted request


@dataclass(frozen=True)
class Vocabulary:
    """The allowed value of every filter dimension (from the reference data and the schema)."""

    raions: frozenset[str]
    services: frozenset[str]
    library_kinds: frozenset[str] = frozenset({"municipal", "raion", "town", "village"})
    tiers: frozenset[str] = frozenset({"national", "local"})
    formats: frozenset[str] = frozenset({"in_person", "online"})


@dataclass(frozen=True)
class Notice:
    """Something in the input that was ignored; the UI translates ``code`` and shows ``value``."""

    code: str
    value: str = ""


@dataclass(frozen=True)
class Filters:
    """A validated view of the data. Empty tuples mean "no restriction" on that dimension.

    ``scope`` is the set of raions this viewer may see (``None`` = all). Every query intersects
    the raion filter with it, so a restricted viewer can never widen it from the URL.
    """

    date_from: dt.date
    date_to: dt.date
    raions: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    library_kinds: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    period: Period | None = None  # the preset the dates came from, kept for the URL
    scope: frozenset[str] | None = field(default=None)

    def __post_init__(self) -> None:
        if self.date_from > self.date_to:
            raise ValueError("date_from must not be after date_to")

    @property
    def effective_raions(self) -> tuple[str, ...] | None:
        """Raions every query must stay within; ``None`` = no restriction, ``()`` = nothing."""
        if self.scope is None:
            return self.raions or None
        if not self.raions:
            return tuple(sorted(self.scope))
        return tuple(r for r in self.raions if r in self.scope)

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    def previous_period(self) -> Filters:
        """The same filters over the period of equal length just before this one.

        A period that starts on a month's first day moves back by whole months (so "last 12
        months" compares with the 12 months before, 2024 with 2023); any other by its days.
        """
        if self.date_from.day == 1:
            to, since = self.date_to, self.date_from
            months = (to.year - since.year) * 12 + to.month - since.month + 1
            end = min(shift_months(to, -months), since - dt.timedelta(days=1))
            return replace(self, date_from=add_months(since, -months), date_to=end, period=None)
        length = dt.timedelta(days=self.days)
        return replace(
            self, date_from=self.date_from - length, date_to=self.date_to - length, period=None
        )

    def with_dates(self, date_from: dt.date, date_to: dt.date) -> Filters:
        return replace(self, date_from=date_from, date_to=date_to, period=None)

    def scope_key(self) -> str:
        """The viewer's scope as text: ``*`` for every raion, else the sorted raion codes."""
        return "*" if self.scope is None else ",".join(sorted(self.scope))

    def cache_key(self) -> str:
        """A stable key of everything that changes a query result (scope included)."""
        parts = [
            self.date_from.isoformat(),
            self.date_to.isoformat(),
            ",".join(self.raions),
            ",".join(self.services),
            ",".join(self.library_kinds),
            ",".join(self.tiers),
            ",".join(self.formats),
            self.scope_key(),
        ]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def clean_values(
    raw: object, allowed: frozenset[str], code: str, notices: list[Notice]
) -> tuple[str, ...]:
    """Keep the allowed values of a list (or comma-separated string), in a canonical order."""
    if raw is None or raw == "":
        return ()
    if isinstance(raw, str):
        items: list[object] = [part.strip() for part in raw.split(",")]
    elif isinstance(raw, list | tuple):
        items = list(raw)
    else:
        notices.append(Notice(code, type(raw).__name__))
        return ()
    if len(items) > MAX_LIST_ITEMS:
        notices.append(Notice("too_many_values", str(len(items))))
        items = items[:MAX_LIST_ITEMS]
    kept: set[str] = set()
    for item in items:
        if isinstance(item, str) and item in allowed:
            kept.add(item)
        elif item not in ("", None):
            notices.append(Notice(code, str(item)[:40]))
    return tuple(sorted(kept))


def clamp_dates(
    date_from: dt.date, date_to: dt.date, today: dt.date, notices: list[Notice]
) -> tuple[dt.date, dt.date]:
    """Keep dates inside the program's life; swap them when given in the wrong order."""
    if date_from > date_to:
        notices.append(Notice("dates_swapped"))
        date_from, date_to = date_to, date_from
    latest = max(today, PROGRAM_START)
    date_from = min(max(date_from, PROGRAM_START), latest)
    date_to = min(max(date_to, PROGRAM_START), latest)
    if date_from > date_to:
        notices.append(Notice("dates_out_of_range"))
        date_from = date_to
    return date_from, date_to
