"""The message catalog: every area module contributes a ``MESSAGES`` dict."""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import cache

from dashboard.i18n.formatting import fmt_count

LANGUAGES = ("ro", "en", "ru")
DEFAULT_LANGUAGE = "ro"
Messages = dict[str, dict[str, str]]
# ``{days|zi|zile|de zile}``: a count and its noun's forms, one per CLDR plural category of the
# language in CLDR order (ro: one|few|other; ru: one|few|many|other; en: one|other).
PLURAL = re.compile(r"\{(\w+)\|([^{}]*)\}")


def normalize_language(value: object) -> str:
    """A supported language code; anything else falls back to Romanian."""
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE


@cache
def all_messages() -> Messages:
    """Every area's messages merged; duplicate keys across areas are a programming error."""
    merged: Messages = {}
    package = importlib.import_module("dashboard.i18n")
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name in {"catalog", "formatting"}:
            continue
        module = importlib.import_module(f"dashboard.i18n.{info.name}")
        messages: Messages = getattr(module, "MESSAGES", {})
        clash = merged.keys() & messages.keys()
        if clash:
            raise RuntimeError(f"duplicate message keys in {info.name}: {sorted(clash)}")
        merged.update(messages)
    return merged


def plural_placeholders(text: str) -> list[tuple[str, list[str]]]:
    """Every ``{name|form|...}`` placeholder in ``text``: its name and its forms."""
    return [(m[1], m[2].split("|")) for m in PLURAL.finditer(text)]


def _fill_plurals(text: str, lang: str, params: dict[str, object]) -> str:
    """``{days|zi|zile|de zile}`` -> ``45 de zile`` (braces doubled for ``str.format``)."""

    def one(match: re.Match[str]) -> str:
        count = params[match[1]]
        rendered = fmt_count(count, match[2].split("|"), lang)  # type: ignore[arg-type]
        return rendered.replace("{", "{{").replace("}", "}}")

    return PLURAL.sub(one, text)


def t(key: str, lang: str, **params: object) -> str:
    """The message ``key`` in ``lang``, with ``{name}`` placeholders filled from ``params``
    and ``{count|form|...}`` placeholders by :func:`~dashboard.i18n.formatting.fmt_count`
    (pass the count as an int, not as formatted text).

    A missing key shows the key itself (and the completeness test fails), never a crash.
    """
    entry = all_messages().get(key)
    if entry is None:
        return key
    used = lang if entry.get(lang) else DEFAULT_LANGUAGE
    text = entry.get(used) or key
    if not params:
        return text
    return _fill_plurals(text, used, params).format(**params)
