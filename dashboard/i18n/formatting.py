"""Numbers and dates formatted per language with Babel (RO: 1.234,5; RU: 1 234,5)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache
from numbers import Integral

from babel import Locale
from babel.dates import format_date
from babel.numbers import (
    NumberPattern,
    get_decimal_symbol,
    get_group_symbol,
    get_minus_sign_symbol,
    parse_pattern,
)

LOCALES = {"ro": "ro_MD", "en": "en_GB", "ru": "ru_MD"}


@lru_cache(maxsize=8)
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES.get(lang, LOCALES["ro"]))


@lru_cache(maxsize=32)
def _pattern(pattern: str) -> NumberPattern:
    """Parsed once: ``format_decimal`` would parse the pattern and the locale on every call
    (~50 µs; a map's hover texts format a few thousand numbers)."""
    return parse_pattern(pattern)


@lru_cache(maxsize=8)
def number_marks(lang: str) -> tuple[str, str, str]:
    """The language's group separator, decimal mark and minus sign."""
    locale = _locale(lang)
    return get_group_symbol(locale), get_decimal_symbol(locale), get_minus_sign_symbol(locale)


def fmt_int(value: float | int | None, lang: str) -> str:
    """``1234.4`` -> ``1.234`` (ro) / ``1,234`` (en) / ``1 234`` (ru)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, float) and math.isinf(value):
        return _pattern("#,##0").apply(value, _locale(lang))
    number = round(value)
    group, _, minus = number_marks(lang)
    text = f"{abs(number):,}".replace(",", group)
    return minus + text if number < 0 else text


def fmt_number(value: float | None, lang: str, digits: int = 1) -> str:
    """``value`` with ``digits`` decimals, rounded half to even as Babel rounds (from the
    shortest decimal form of the float: ``2.675`` -> ``2,68``); Babel's own formatting costs
    ~50 µs a number, and the maps, grids and hover texts format thousands."""
    if value is None or math.isnan(value):
        return "—"
    if math.isinf(value):
        return _pattern("#,##0." + "0" * digits if digits else "#,##0").apply(value, _locale(lang))
    exact = Decimal(str(value))
    rounded = abs(exact).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN)
    group, mark, minus = number_marks(lang)
    text = f"{rounded:,f}".replace(",", "\0").replace(".", mark).replace("\0", group)
    return minus + text if exact.is_signed() else text


def fmt_percent(value: float | None, lang: str, digits: int = 0) -> str:
    """``0.853`` -> ``85 %`` (ro) / ``85%`` (en)."""
    if value is None or math.isnan(value) or math.isinf(value):
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return _pattern(pattern).apply(value, _locale(lang))


def fmt_date(value: dt.date | None, lang: str, style: str = "medium") -> str:
    if value is None:
        return "—"
    return format_date(value, format=style, locale=_locale(lang))


def fmt_month(month_key: int, lang: str) -> str:
    """``202611`` -> ``nov. 2026`` / ``Nov 2026`` / ``нояб. 2026``."""
    day = dt.date(month_key // 100, month_key % 100, 1)
    return format_date(day, format="LLL y", locale=_locale(lang))


PLURAL_ORDER = ("zero", "one", "two", "few", "many", "other")  # CLDR's order of categories


@lru_cache(maxsize=8)
def plural_categories(lang: str) -> tuple[str, ...]:
    """The language's CLDR plural categories in CLDR order: ``("one", "few", "other")`` (ro),
    ``("one", "few", "many", "other")`` (ru), ``("one", "other")`` (en)."""
    tags = _locale(lang).plural_form.tags | {"other"}
    return tuple(tag for tag in PLURAL_ORDER if tag in tags)


def fmt_count(value: int, forms: Sequence[str], lang: str) -> str:
    """``45`` with ``("zi", "zile", "de zile")`` -> ``45 de zile``: the number formatted for the
    language, then the form of its CLDR plural category (``forms`` in :func:`plural_categories`
    order). A count that is not a whole number is a programming error (``TypeError``)."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"a plural count must be a whole number, not {value!r}")
    categories = plural_categories(lang)
    if len(forms) != len(categories):
        raise ValueError(f"{lang} needs {len(categories)} plural forms {categories}: {forms}")
    number = int(value)
    form = forms[categories.index(_locale(lang).plural_form(number))]
    return f"{fmt_int(number, lang)} {form}"
