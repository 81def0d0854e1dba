"""Filters <-> URL query string. The URL is the state: a view can be bookmarked and shared.

/harta?raion=MD-UN,MD-CU&serviciu=cazier&de=2024-01-01&pana=2024-12-31
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from urllib.parse import parse_qs, urlencode

from dashboard.filters import Filters, Notice, Vocabulary, clamp_dates, clean_values
from dashboard.periods import DEFAULT_PERIOD, Period, period_range

KEYS = {
    "raions": "raion",
    "services": "serviciu",
    "library_kinds": "tip",
    "tiers": "nivel",
    "formats": "format",
}
DATE_FROM, DATE_TO, PERIOD = "de", "pana", "perioada"
KNOWN_KEYS = frozenset({*KEYS.values(), DATE_FROM, DATE_TO, PERIOD, "limba"})
MAX_QUERY_LENGTH = 4000


def query_params(search: str | None) -> dict[str, str]:
    """``?a=1&b=2`` -> ``{"a": "1", "b": "2"}`` (last value wins; oversized input truncated)."""
    text = (search or "").lstrip("?")[:MAX_QUERY_LENGTH]
    return {key: values[-1] for key, values in parse_qs(text, keep_blank_values=False).items()}


def _parse_date(raw: object, notices: list[Notice]) -> dt.date | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw[:10])
        except ValueError:
            pass
    notices.append(Notice("bad_date", str(raw)[:40]))
    return None


def _parse_period(raw: object, notices: list[Notice]) -> Period | None:
    if raw in (None, ""):
        return None
    try:
        return Period(str(raw))
    except ValueError:
        notices.append(Notice("bad_period", str(raw)[:40]))
        return None


def parse_filters(
    params: Mapping[str, object],
    vocab: Vocabulary,
    today: dt.date,
    scope: frozenset[str] | None = None,
) -> tuple[Filters, list[Notice]]:
    """Validate raw parameters (URL or controls). Never raises; unusable input becomes a notice."""
    notices: list[Notice] = [
        Notice("unknown_parameter", str(key)[:40]) for key in params if key not in KNOWN_KEYS
    ]
    values = {
        "raions": clean_values(params.get("raion"), vocab.raions, "unknown_raion", notices),
        "services": clean_values(
            params.get("serviciu"), vocab.services, "unknown_service", notices
        ),
        "library_kinds": clean_values(
            params.get("tip"), vocab.library_kinds, "unknown_library_kind", notices
        ),
        "tiers": clean_values(params.get("nivel"), vocab.tiers, "unknown_tier", notices),
        "formats": clean_values(params.get("format"), vocab.formats, "unknown_format", notices),
    }
    date_from = _parse_date(params.get(DATE_FROM), notices)
    date_to = _parse_date(params.get(DATE_TO), notices)
    period = _parse_period(params.get(PERIOD), notices)
    if date_from is None and date_to is None:
        period = period or DEFAULT_PERIOD
        date_from, date_to = period_range(period, today)
    else:
        default_from = period_range(DEFAULT_PERIOD, today)[0]
        date_from, date_to = date_from or default_from, date_to or today
        period = None
    date_from, date_to = clamp_dates(date_from, date_to, today, notices)
    filters = Filters(date_from, date_to, period=period, scope=scope, **values)
    return filters, notices


def to_query(filters: Filters, language: str | None = None) -> str:
    """The canonical query string of ``filters`` (``""`` for the default view)."""
    pairs: list[tuple[str, str]] = [
        (key, ",".join(getattr(filters, attr))) for attr, key in KEYS.items()
    ]
    if filters.period is not None:
        if filters.period is not DEFAULT_PERIOD:
            pairs.append((PERIOD, filters.period.value))
    else:
        pairs += [
            (DATE_FROM, filters.date_from.isoformat()),
            (DATE_TO, filters.date_to.isoformat()),
        ]
    if language:
        pairs.append(("limba", language))
    text = urlencode([(k, v) for k, v in pairs if v], safe=",")
    return f"?{text}" if text else ""
