"""Translations (RO default, EN, RU) and locale-aware formatting.

Strings live in one module per area (``shell``, ``overview``, ...), each a dict
``key -> {"ro": ..., "en": ..., "ru": ...}``; :func:`t` looks keys up across all of them.
A test fails if any key lacks a language. Romanian uses comma-below ș ț and â î.
"""

from dashboard.i18n.catalog import DEFAULT_LANGUAGE, LANGUAGES, all_messages, normalize_language, t
from dashboard.i18n.formatting import fmt_date, fmt_int, fmt_month, fmt_number, fmt_percent

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "all_messages",
    "fmt_date",
    "fmt_int",
    "fmt_month",
    "fmt_number",
    "fmt_percent",
    "normalize_language",
    "t",
]
